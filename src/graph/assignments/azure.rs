//! Azure role assignments at an ARM scope (API.md §8): the eligible and active instances at the
//! scope and above (`atScope()`; above is inherited), the roles offered at the scope and their
//! admin rules (from `roleManagementPolicyAssignments`), and the scopes the picker suggests.

use futures::future::{join, join3, join_all};

use super::load::rules_from;
use crate::domain::assignments::azure::{azure_forbidden, scope_choices, AzureRoleRef, ScopeChoice};
use crate::domain::assignments::{
    AssignmentRow, AssignmentRules, AssignmentTarget, Principal, PrincipalKind, Via,
};
use crate::domain::deactivate::AssignmentLevel;
use crate::domain::error_kind::Explanation;
use crate::domain::ids::{ArmScope, PrincipalId, RoleDefinitionId};
use crate::graph::client::GraphClient;
use crate::graph::error::GraphError;
use crate::graph::wire::{ArmResource, ArmScheduleInstance, AssignmentType};

fn principal(p: &ArmScheduleInstance) -> Principal {
    let expanded = p.expanded_properties.as_ref().and_then(|e| e.principal.as_ref());
    let id = p
        .principal_id
        .clone()
        .or_else(|| expanded.and_then(|e| e.id.clone()).map(PrincipalId::new))
        .unwrap_or_else(|| PrincipalId::new(""));
    // `principalType`, else the expanded principal's `type` (read tolerantly, any case).
    let kind_text = p
        .principal_type
        .as_ref()
        .map(|t| t.as_str().to_owned())
        .or_else(|| expanded.and_then(|e| e.kind.clone()))
        .unwrap_or_default();
    let kind = match kind_text.to_ascii_lowercase().as_str() {
        "user" => PrincipalKind::User,
        "group" | "foreigngroup" => PrincipalKind::Group,
        "serviceprincipal" => PrincipalKind::ServicePrincipal,
        _ => PrincipalKind::Other,
    };
    let name = expanded
        .and_then(|e| e.display_name.clone())
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| id.as_str().to_owned());
    // ARM names the user's e-mail, not the UPN [I]; it is what the portal shows too.
    let upn = expanded.and_then(|e| e.email.clone()).filter(|_| kind == PrincipalKind::User);
    Principal { id, kind, name, upn }
}

/// One ARM instance listed at `viewed` as a row; `None` without a role or a readable scope.
pub fn azure_row(
    r: &ArmResource<ArmScheduleInstance>,
    level: AssignmentLevel,
    viewed: &ArmScope,
) -> Option<AssignmentRow> {
    let p = &r.properties;
    let role = p.role_definition_id.clone()?;
    let scope = ArmScope::parse(p.scope.as_deref()?).ok()?;
    let source = p
        .expanded_properties
        .as_ref()
        .and_then(|e| e.scope.as_ref())
        .and_then(|s| s.display_name.clone())
        .or_else(|| Some(scope.short_name().to_owned()));
    Some(AssignmentRow {
        principal: principal(p),
        via: Via::at_scope(p.member_type.as_ref().map(|m| m.as_str()), &scope, viewed),
        target: AssignmentTarget::Azure { role, scope },
        level,
        start: p.start_date_time.map(|t| t.0),
        end: p.end_date_time.map(|t| t.0),
        activation: p.assignment_type == Some(AssignmentType::Activated),
        source,
    })
}

/// Every eligible and active assignment of `role` at `scope` and above it. Both lists are read
/// at once; either failing fails the whole (a half list would mislead).
pub async fn azure_assignments(
    client: &GraphClient,
    scope: &ArmScope,
    role: &RoleDefinitionId,
) -> Result<Vec<AssignmentRow>, GraphError> {
    let (eligible, active) =
        join(client.arm_instances_at_scope(scope, true), client.arm_instances_at_scope(scope, false)).await;
    let rows = |list: Vec<ArmResource<ArmScheduleInstance>>, level| -> Vec<AssignmentRow> {
        list.iter()
            .filter(|r| r.properties.role_definition_id.as_ref().is_some_and(|d| d.guid() == role.guid()))
            .filter_map(|r| azure_row(r, level, scope))
            .collect()
    };
    let mut out = rows(eligible?, AssignmentLevel::Eligibility);
    out.extend(rows(active?, AssignmentLevel::Assignment));
    Ok(out)
}

/// The Azure roles at `scope`, by name: one per role management policy assignment there.
pub async fn azure_roles(client: &GraphClient, scope: &ArmScope) -> Result<Vec<AzureRoleRef>, GraphError> {
    let mut roles: Vec<AzureRoleRef> = Vec::new();
    for a in client.arm_policy_assignments(scope, None).await? {
        let p = a.properties;
        let Some(id) = p.role_definition_id else { continue };
        if roles.iter().any(|r| r.id.guid() == id.guid()) {
            continue;
        }
        let name = p
            .policy_assignment_properties
            .and_then(|d| d.role_definition)
            .and_then(|r| r.display_name)
            .unwrap_or_else(|| id.guid());
        roles.push(AzureRoleRef { id, name });
    }
    roles.sort_by_key(|r| r.name.to_lowercase());
    Ok(roles)
}

/// An Azure role's admin rules at `scope` (`Expiration_Admin_*`, `Enablement_Admin_Assignment`
/// among the policy assignment's `effectiveRules`).
pub async fn azure_rules(
    client: &GraphClient,
    scope: &ArmScope,
    role: &RoleDefinitionId,
) -> Result<AssignmentRules, GraphError> {
    let assignments = client.arm_policy_assignments(scope, Some(role)).await?;
    let mine = assignments
        .iter()
        .filter(|a| a.properties.role_definition_id.as_ref().is_some_and(|d| d.guid() == role.guid()));
    Ok(rules_from(mine.flat_map(|a| a.properties.effective_rules.iter())))
}

fn choice(scope: Option<&str>, name: Option<String>) -> Option<ScopeChoice> {
    let scope = ArmScope::parse(scope?).ok()?;
    let name = name.filter(|n| !n.trim().is_empty()).unwrap_or_else(|| scope.short_name().to_owned());
    Some(ScopeChoice { scope, name })
}

/// The scopes the picker suggests: where I hold or may activate an Azure role, the scopes below
/// those where I may activate (`eligibleChildResources`), and my subscriptions. Each source is
/// optional: one that fails (no access, no ARM consent) only leaves its scopes out.
pub async fn azure_scope_choices(client: &GraphClient) -> Vec<ScopeChoice> {
    let (eligible, active, subscriptions) =
        join3(client.arm_my_eligible_roles(), client.arm_my_active_roles(), client.arm_subscriptions()).await;
    let mut found: Vec<ScopeChoice> = eligible
        .unwrap_or_default()
        .into_iter()
        .chain(active.unwrap_or_default())
        .filter_map(|i| {
            let p = i.properties;
            let name = p.expanded_properties.and_then(|e| e.scope).and_then(|s| s.display_name);
            choice(p.scope.as_deref(), name)
        })
        .collect();
    found.extend(subscriptions.unwrap_or_default().into_iter().filter_map(|s| {
        let id = s.id.or_else(|| s.subscription_id.map(|g| format!("/subscriptions/{g}")));
        choice(id.as_deref(), s.display_name)
    }));
    let held = scope_choices(found.clone());
    let children = join_all(held.iter().map(|c| client.arm_eligible_children(&c.scope))).await;
    found.extend(
        children
            .into_iter()
            .flat_map(Result::unwrap_or_default)
            .filter_map(|c| choice(c.id.as_deref(), c.name)),
    );
    scope_choices(found)
}

/// A failed read in plain words: ARM's 403 `AuthorizationFailed` at a scope names the roles
/// needed; anything else is the client's usual explanation.
pub fn azure_read_error(e: &GraphError) -> Explanation {
    match e {
        GraphError::Http { status: 403, code, .. } if code.eq_ignore_ascii_case("AuthorizationFailed") => {
            azure_forbidden(false)
        }
        _ => Explanation { reason: e.explain(), next_step: e.next_step() },
    }
}
