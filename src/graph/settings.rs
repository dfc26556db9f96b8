//! Role settings operations: read every policy an administrator can edit (Entra roles, PIM
//! groups' membership and ownership, Azure roles at a scope), build the rule PATCHes of a change
//! (one per changed rule) and send them with a result per rule.

use futures::future::{join, join_all};

use crate::domain::ids::{AccessId, ArmScope, GroupId, PolicyId};
use crate::domain::item_key::Plane;
use crate::domain::settings::{diff, RoleSettings, SettingRule, SettingsAccess, SettingsKey};
use crate::graph::adapt::{role_settings, write_rule};
use crate::graph::client::GraphClient;
use crate::graph::wire::{PolicyRule, RoleManagementPolicyAssignment, RuleDialect};
use crate::graph::GraphError;

const ARM_POLICIES: &str = "/providers/Microsoft.Authorization/roleManagementPolicies/";

/// Where a policy's rules are written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PolicyTarget {
    /// `PATCH /v1.0/policies/roleManagementPolicies/{id}/rules/{ruleId}`.
    Graph(PolicyId),
    /// `PATCH {scope}/providers/Microsoft.Authorization/roleManagementPolicies/{name}`.
    Arm { scope: ArmScope, name: String },
}

/// One role's policy as read: which policy, its name for people, and its rules as sent.
#[derive(Clone, Debug, PartialEq)]
pub struct RolePolicy {
    pub key: SettingsKey,
    /// "Helpdesk Administrator", "PIM - Ops (member)", "Owner".
    pub name: String,
    /// Where it applies: "Directory", a group, an Azure scope's name.
    pub scope_label: String,
    pub target: PolicyTarget,
    pub rules: Vec<PolicyRule>,
}

impl RolePolicy {
    /// What the rules say.
    pub fn settings(&self) -> RoleSettings {
        role_settings(&self.rules)
    }

    /// The rule PATCH bodies that make the policy say `after`: one per rule whose meaning
    /// changes, each the whole rule as read with the new values written in.
    pub fn patches(&self, after: &RoleSettings) -> Vec<(SettingRule, PolicyRule)> {
        let dialect = if matches!(self.target, PolicyTarget::Arm { .. }) {
            RuleDialect::Arm
        } else {
            RuleDialect::Graph
        };
        diff(&self.settings(), after)
            .into_iter()
            .map(|c| {
                let current =
                    self.rules.iter().find(|r| r.id.as_str().eq_ignore_ascii_case(c.rule.rule_id()));
                (c.rule, write_rule(current, c.rule, after, dialect))
            })
            .collect()
    }
}

/// The result of one rule's PATCH.
#[derive(Debug)]
pub struct RuleResult {
    pub rule: SettingRule,
    pub result: Result<(), GraphError>,
}

/// Sends the PATCHes one rule at a time (the service validates each rule on its own), and says
/// for each whether it was written.
pub async fn apply(
    client: &GraphClient,
    policy: &RolePolicy,
    patches: Vec<(SettingRule, PolicyRule)>,
) -> Vec<RuleResult> {
    let mut out = Vec::new();
    for (rule, body) in patches {
        let result = match &policy.target {
            PolicyTarget::Graph(id) => client.update_policy_rule(id, &body).await,
            PolicyTarget::Arm { scope, name } => {
                client.arm_update_policy(scope, name, vec![body]).await.map(|_| ())
            }
        };
        out.push(RuleResult { rule, result });
    }
    out
}

fn entra_policy(a: RoleManagementPolicyAssignment, names: &[(String, String)]) -> Option<RolePolicy> {
    let role = a.role_definition_id?.as_str().to_owned();
    let policy = a.policy?;
    let id = policy.id.or(a.policy_id)?;
    let name = names
        .iter()
        .find(|(i, _)| i.eq_ignore_ascii_case(&role))
        .map_or_else(|| role.clone(), |(_, n)| n.clone());
    Some(RolePolicy {
        key: SettingsKey { plane: Plane::EntraRole, scope: "/".into(), role },
        name,
        scope_label: "Directory".into(),
        target: PolicyTarget::Graph(id),
        rules: policy.rules,
    })
}

/// Every Entra role's policy, named from the role definitions, sorted by name.
pub async fn load_entra(client: &GraphClient) -> Result<Vec<RolePolicy>, GraphError> {
    let (assignments, definitions) =
        join(client.list_directory_role_policies(), client.list_role_definitions()).await;
    // Without names the ids still identify the roles.
    let names: Vec<(String, String)> = definitions
        .unwrap_or_default()
        .into_iter()
        .filter_map(|d| Some((d.id?.as_str().to_owned(), d.display_name?)))
        .collect();
    let mut out: Vec<RolePolicy> = assignments?.into_iter().filter_map(|a| entra_policy(a, &names)).collect();
    out.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()));
    Ok(out)
}

/// A PIM group's membership and ownership policies (none when the group is not managed by PIM).
pub async fn load_group(
    client: &GraphClient,
    group: &GroupId,
    name: &str,
) -> Result<Vec<RolePolicy>, GraphError> {
    let mut out = Vec::new();
    for access in [AccessId::Member, AccessId::Owner] {
        let wire = crate::graph::wire::AccessId::from(access);
        for a in client.group_policy(group, &wire).await? {
            let Some(policy) = a.policy else { continue };
            let Some(id) = policy.id.or(a.policy_id) else { continue };
            let role = if access == AccessId::Member { "member" } else { "owner" };
            out.push(RolePolicy {
                key: SettingsKey { plane: Plane::Group, scope: group.as_str().to_owned(), role: role.into() },
                name: format!("{name} ({role})"),
                scope_label: "PIM group".into(),
                target: PolicyTarget::Graph(id),
                rules: policy.rules,
            });
        }
    }
    Ok(out)
}

/// Every Azure role's policy at `scope` (effective rules of the policy assignments).
pub async fn load_azure(
    client: &GraphClient,
    scope: &ArmScope,
    scope_name: &str,
) -> Result<Vec<RolePolicy>, GraphError> {
    let mut out: Vec<RolePolicy> = client
        .arm_policy_assignments(scope, None)
        .await?
        .into_iter()
        .filter_map(|a| {
            let p = a.properties;
            let role = p.role_definition_id?;
            let policy_id = p.policy_id?;
            let (policy_scope, name) = policy_id.split_once(ARM_POLICIES)?;
            let role_name = p
                .policy_assignment_properties
                .as_ref()
                .and_then(|d| d.role_definition.as_ref())
                .and_then(|r| r.display_name.clone())
                .unwrap_or_else(|| role.guid());
            Some(RolePolicy {
                key: SettingsKey {
                    plane: Plane::Azure,
                    scope: scope.as_str().to_owned(),
                    role: role.as_str().to_owned(),
                },
                name: role_name,
                scope_label: scope_name.to_owned(),
                target: PolicyTarget::Arm {
                    scope: ArmScope::parse(policy_scope).ok()?,
                    name: name.to_owned(),
                },
                rules: p.effective_rules,
            })
        })
        .collect();
    out.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()));
    Ok(out)
}

/// The Azure scopes where I hold an active role (the scopes whose settings I can manage), named.
pub async fn my_azure_scopes(client: &GraphClient) -> Result<Vec<(ArmScope, String)>, GraphError> {
    let mut out: Vec<(ArmScope, String)> = Vec::new();
    for i in client.arm_my_active_roles().await? {
        let p = i.properties;
        let Some(scope) = p.scope.as_deref().and_then(|s| ArmScope::parse(s).ok()) else { continue };
        if scope.as_str().is_empty()
            || out.iter().any(|(s, _)| s.as_str().eq_ignore_ascii_case(scope.as_str()))
        {
            continue;
        }
        let name = p
            .expanded_properties
            .and_then(|e| e.scope)
            .and_then(|s| s.display_name)
            .unwrap_or_else(|| scope.short_name().to_owned());
        out.push((scope, name));
    }
    Ok(out)
}

/// Every policy the page lists: Entra roles, Azure roles at my scopes, then the PIM groups asked
/// for (Graph cannot list the groups managed by PIM, so the page names them). A plane or group
/// that fails is reported and the others still show.
pub async fn load_all(
    client: &GraphClient,
    groups: &[(GroupId, String)],
) -> (Vec<RolePolicy>, Vec<GraphError>) {
    let azure = async {
        let scopes = my_azure_scopes(client).await?;
        let lists = join_all(scopes.iter().map(|(s, n)| load_azure(client, s, n))).await;
        lists.into_iter().collect::<Result<Vec<_>, _>>().map(|v| v.concat())
    };
    let groups = async {
        let lists = join_all(groups.iter().map(|(g, n)| load_group(client, g, n))).await;
        lists.into_iter().collect::<Result<Vec<_>, _>>().map(|v| v.concat())
    };
    let ((entra, azure), groups) = join(join(load_entra(client), azure), groups).await;
    let mut policies = Vec::new();
    let mut errors = Vec::new();
    for r in [entra, azure, groups] {
        match r {
            Ok(p) => policies.extend(p),
            Err(e) => errors.push(e),
        }
    }
    (policies, errors)
}

/// Whether the signed-in user may change role settings (active Privileged Role Administrator or
/// Global Administrator at the tenant scope).
pub async fn settings_access(client: &GraphClient) -> Result<SettingsAccess, GraphError> {
    let (active, eligible) = join(client.my_active_roles(), client.my_eligible_roles()).await;
    let ids = |list: Vec<crate::graph::wire::RoleScheduleInstance>| -> Vec<String> {
        list.into_iter()
            .filter(|i| i.directory_scope_id.as_ref().is_none_or(|s| s.as_str() == "/"))
            .filter_map(|i| i.role_definition_id.map(|r| r.as_str().to_owned()))
            .collect()
    };
    let active = ids(active?);
    // Eligibility only shapes the sentence; a failure there is not a reason to refuse.
    let eligible = eligible.map(ids).unwrap_or_default();
    Ok(SettingsAccess::from_roles(active.iter().map(String::as_str), eligible.iter().map(String::as_str)))
}
