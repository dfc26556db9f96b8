//! Role management policies: the 17 rules per Entra role, group access and Azure role/scope.
//!
//! Rules are kept in Graph's JSON form (the fixture shape), defaults computed per kind, with
//! per-policy overrides stored. [`PolicyView`] reads the typed settings the engine enforces.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::model::{Kind, Target};
use super::rng::stable_guid;
use crate::domain::duration::IsoDuration;

/// The 17 rule ids, in the order Graph lists them.
pub const RULE_IDS: [&str; 17] = [
    "Expiration_Admin_Eligibility",
    "Enablement_Admin_Eligibility",
    "Notification_Admin_Admin_Eligibility",
    "Notification_Requestor_Admin_Eligibility",
    "Notification_Approver_Admin_Eligibility",
    "Expiration_Admin_Assignment",
    "Enablement_Admin_Assignment",
    "Notification_Admin_Admin_Assignment",
    "Notification_Requestor_Admin_Assignment",
    "Notification_Approver_Admin_Assignment",
    "Expiration_EndUser_Assignment",
    "Enablement_EndUser_Assignment",
    "Approval_EndUser_Assignment",
    "AuthenticationContext_EndUser_Assignment",
    "Notification_Admin_EndUser_Assignment",
    "Notification_Requestor_EndUser_Assignment",
    "Notification_Approver_EndUser_Assignment",
];

const GRAPH_PREFIX: &str = "#microsoft.graph.unifiedRoleManagementPolicy";

fn target(rule_id: &str) -> Value {
    let caller = if rule_id.contains("EndUser") { "EndUser" } else { "Admin" };
    let level = if rule_id.ends_with("Eligibility") { "Eligibility" } else { "Assignment" };
    json!({"caller": caller, "operations": ["all"], "level": level, "inheritableSettings": [], "enforcedSettings": []})
}

/// The default rule `rule_id` for a policy of this kind, in Graph's form.
pub fn default_rule(kind: Kind, rule_id: &str) -> Value {
    let strict = kind != Kind::Directory;
    let mut rule = match rule_id {
        "Expiration_Admin_Eligibility" => json!({"isExpirationRequired": strict, "maximumDuration": "P365D"}),
        "Expiration_Admin_Assignment" => json!({"isExpirationRequired": strict, "maximumDuration": "P180D"}),
        "Expiration_EndUser_Assignment" => json!({"isExpirationRequired": true, "maximumDuration": "PT8H"}),
        "Enablement_Admin_Eligibility" => json!({"enabledRules": []}),
        "Enablement_Admin_Assignment" => json!({"enabledRules": ["Justification"]}),
        "Enablement_EndUser_Assignment" => json!({"enabledRules": ["Justification"]}),
        "Approval_EndUser_Assignment" => json!({"setting": {
            "isApprovalRequired": false, "isApprovalRequiredForExtension": false,
            "isRequestorJustificationRequired": true, "approvalMode": "SingleStage",
            "approvalStages": [{"approvalStageTimeOutInDays": 1, "isApproverJustificationRequired": true,
                "escalationTimeInMinutes": 0, "isEscalationEnabled": false,
                "primaryApprovers": [], "escalationApprovers": []}]}}),
        "AuthenticationContext_EndUser_Assignment" => json!({"isEnabled": false, "claimValue": null}),
        _ => {
            let recipient = rule_id.split('_').nth(1).unwrap_or("Admin");
            json!({"notificationType": "Email", "recipientType": recipient, "notificationLevel": "All",
                "isDefaultRecipientsEnabled": true, "notificationRecipients": []})
        }
    };
    let kind_name = rule_id.split('_').next().unwrap_or("Notification");
    let obj = rule.as_object_mut().expect("rule is an object");
    obj.insert("@odata.type".into(), json!(format!("{GRAPH_PREFIX}{kind_name}Rule")));
    obj.insert("id".into(), json!(rule_id));
    obj.insert("target".into(), target(rule_id));
    rule
}

/// Stored rule overrides for one policy.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PolicyOverride {
    pub key: Target,
    pub rules: BTreeMap<String, Value>,
    pub modified: Option<DateTime<Utc>>,
    pub modified_by: Option<String>,
}

/// The policy key of a target: directory policies are per role (tenant-wide).
pub fn policy_key(t: &Target) -> Target {
    match t.kind {
        Kind::Directory => {
            Target { kind: Kind::Directory, scope: "/".into(), role: t.role.to_ascii_lowercase() }
        }
        _ => Target { kind: t.kind, scope: t.scope.clone(), role: t.role.to_ascii_lowercase() },
    }
}

/// The policy id for a key (stable, derived from the tenant and the key).
pub fn policy_id(tenant: &str, key: &Target) -> String {
    let guid = stable_guid(&["policy", tenant, &key.scope, &key.role]);
    match key.kind {
        Kind::Directory => format!("DirectoryRole_{tenant}_{guid}"),
        Kind::Group => format!("Group_{}_{guid}", key.scope),
        Kind::Azure => {
            format!("{}/providers/Microsoft.Authorization/roleManagementPolicies/{guid}", key.scope)
        }
    }
}

/// The policy assignment id for a key.
pub fn assignment_id(tenant: &str, key: &Target) -> String {
    match key.kind {
        Kind::Azure => format!(
            "{}/providers/Microsoft.Authorization/roleManagementPolicyAssignments/{}_{}",
            key.scope,
            stable_guid(&["policy", tenant, &key.scope, &key.role]),
            key.role
        ),
        _ => format!("{}_{}", policy_id(tenant, key), key.role),
    }
}

/// The effective rules of a policy (defaults with overrides), in Graph's order.
pub fn effective_rules(key: &Target, over: Option<&PolicyOverride>) -> Vec<Value> {
    RULE_IDS
        .iter()
        .map(|id| over.and_then(|o| o.rules.get(*id)).cloned().unwrap_or_else(|| default_rule(key.kind, id)))
        .collect()
}

/// An approver from the approval rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Approver {
    User(String),
    GroupMembers(String),
}

/// The settings the engine enforces, read from the rules.
#[derive(Clone, Debug)]
pub struct PolicyView {
    pub activation_max: IsoDuration,
    pub activation_expiration_required: bool,
    pub activation_rules: Vec<String>,
    pub approval_required: bool,
    pub approvers: Vec<Approver>,
    pub approver_justification_required: bool,
    /// `approvalStageTimeOutInDays` (Entra roles: fixed at one day).
    pub approval_timeout_days: i64,
    pub auth_context: Option<String>,
    pub eligibility_expiration: (bool, IsoDuration),
    pub assignment_expiration: (bool, IsoDuration),
    pub admin_assignment_rules: Vec<String>,
}

fn find<'a>(rules: &'a [Value], id: &str) -> &'a Value {
    rules.iter().find(|r| r["id"] == id).unwrap_or(&Value::Null)
}

fn expiration(rule: &Value) -> (bool, IsoDuration) {
    let max = rule["maximumDuration"].as_str().and_then(|d| IsoDuration::parse(d).ok());
    (rule["isExpirationRequired"].as_bool().unwrap_or(false), max.unwrap_or(IsoDuration::from_days(365)))
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

impl PolicyView {
    /// Reads the enforced settings from Graph-form rules.
    pub fn read(rules: &[Value]) -> PolicyView {
        let approval = &find(rules, "Approval_EndUser_Assignment")["setting"];
        let stage = &approval["approvalStages"][0];
        let approvers = stage["primaryApprovers"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|p| match (p["userId"].as_str(), p["groupId"].as_str()) {
                        (Some(u), _) => Some(Approver::User(u.to_string())),
                        (_, Some(g)) => Some(Approver::GroupMembers(g.to_string())),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default();
        let ac = find(rules, "AuthenticationContext_EndUser_Assignment");
        let (activation_expiration_required, activation_max) =
            expiration(find(rules, "Expiration_EndUser_Assignment"));
        PolicyView {
            activation_max,
            activation_expiration_required,
            activation_rules: strings(&find(rules, "Enablement_EndUser_Assignment")["enabledRules"]),
            approval_required: approval["isApprovalRequired"].as_bool().unwrap_or(false),
            approvers,
            approver_justification_required: stage["isApproverJustificationRequired"]
                .as_bool()
                .unwrap_or(false),
            approval_timeout_days: stage["approvalStageTimeOutInDays"].as_i64().unwrap_or(1).max(1),
            auth_context: (ac["isEnabled"].as_bool() == Some(true))
                .then(|| ac["claimValue"].as_str().map(str::to_string))
                .flatten(),
            eligibility_expiration: expiration(find(rules, "Expiration_Admin_Eligibility")),
            assignment_expiration: expiration(find(rules, "Expiration_Admin_Assignment")),
            admin_assignment_rules: strings(&find(rules, "Enablement_Admin_Assignment")["enabledRules"]),
        }
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

/// Normalises an incoming Graph rule for storage: lowercase operations, no nested type
/// annotations (request bodies carry them on `target`, `setting` and stages; the service does not
/// echo them), empty lists for null settings.
pub fn normalize_graph_rule(mut rule: Value) -> Value {
    for ptr in ["/target", "/setting"] {
        if let Some(o) = rule.pointer_mut(ptr).and_then(Value::as_object_mut) {
            o.remove("@odata.type");
        }
    }
    if let Some(stages) = rule.pointer_mut("/setting/approvalStages").and_then(Value::as_array_mut) {
        for stage in stages.iter_mut().filter_map(Value::as_object_mut) {
            stage.remove("@odata.type");
        }
    }
    if let Some(t) = rule.get_mut("target").and_then(Value::as_object_mut) {
        for key in ["inheritableSettings", "enforcedSettings"] {
            if t.get(key).is_none_or(Value::is_null) {
                t.insert(key.into(), json!([]));
            }
        }
    }
    if let Some(ops) = rule.pointer_mut("/target/operations").and_then(Value::as_array_mut) {
        for op in ops.iter_mut() {
            if let Some(s) = op.as_str() {
                *op = json!(s.to_ascii_lowercase());
            }
        }
    }
    rule
}

/// A Graph rule in ARM's form (`ruleType`, PascalCase operations, approvers as `{id,userType}`).
pub fn to_arm_rule(rule: &Value) -> Value {
    let mut r = rule.clone();
    let obj = r.as_object_mut().expect("rule object");
    let ty = obj.remove("@odata.type").and_then(|t| t.as_str().map(str::to_string)).unwrap_or_default();
    let short = ty.trim_start_matches(GRAPH_PREFIX);
    obj.insert("ruleType".into(), json!(format!("RoleManagementPolicy{short}")));
    if let Some(t) = obj.get_mut("target").and_then(Value::as_object_mut) {
        let ops: Vec<Value> = strings(&t["operations"]).iter().map(|o| json!(capitalize(o))).collect();
        t.insert("operations".into(), json!(ops));
        t.insert("targetObjects".into(), Value::Null);
    }
    if let Some(stages) =
        obj.get_mut("setting").and_then(|s| s.get_mut("approvalStages")).and_then(Value::as_array_mut)
    {
        for stage in stages {
            for key in ["primaryApprovers", "escalationApprovers"] {
                let list: Vec<Value> = stage[key]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
                    .iter()
                    .map(|a| match a["userId"].as_str() {
                        Some(u) => json!({"id": u, "description": a["description"], "isBackup": false, "userType": "User"}),
                        None => json!({"id": a["groupId"], "description": a["description"], "isBackup": false, "userType": "Group"}),
                    })
                    .collect();
                stage[key] = json!(list);
            }
        }
    }
    r
}

/// An ARM rule in Graph's form (the reverse of [`to_arm_rule`]); `None` when it lacks `id`/`ruleType`.
pub fn from_arm_rule(rule: &Value) -> Option<Value> {
    let mut r = rule.clone();
    let obj = r.as_object_mut()?;
    let ty = obj.remove("ruleType")?.as_str()?.trim_start_matches("RoleManagementPolicy").to_string();
    // ARM-only members with no Graph counterpart.
    obj.remove("exceptionMembers");
    obj.get("id")?.as_str()?;
    obj.insert("@odata.type".into(), json!(format!("{GRAPH_PREFIX}{ty}")));
    if let Some(t) = obj.get_mut("target").and_then(Value::as_object_mut) {
        t.remove("targetObjects");
    }
    if let Some(stages) =
        obj.get_mut("setting").and_then(|s| s.get_mut("approvalStages")).and_then(Value::as_array_mut)
    {
        for stage in stages {
            for key in ["primaryApprovers", "escalationApprovers"] {
                let list: Vec<Value> = stage[key]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
                    .iter()
                    .map(|a| match a["userType"].as_str() {
                        Some("Group") => json!({"@odata.type": "#microsoft.graph.groupMembers", "groupId": a["id"], "description": a["description"]}),
                        _ => json!({"@odata.type": "#microsoft.graph.singleUser", "userId": a["id"], "description": a["description"]}),
                    })
                    .collect();
                stage[key] = json!(list);
            }
        }
    }
    Some(normalize_graph_rule(r))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_have_all_seventeen_rules_and_round_trip_through_arm() {
        let key = Target { kind: Kind::Azure, scope: "/subscriptions/s".into(), role: "r".into() };
        let rules = effective_rules(&key, None);
        assert_eq!(rules.len(), 17);
        let view = PolicyView::read(&rules);
        assert_eq!(view.activation_max, IsoDuration::from_hours(8));
        assert!(view.eligibility_expiration.0);
        for rule in &rules {
            assert_eq!(from_arm_rule(&to_arm_rule(rule)).as_ref(), Some(rule));
        }
        assert_eq!(to_arm_rule(&rules[0])["ruleType"], "RoleManagementPolicyExpirationRule");
        assert_eq!(to_arm_rule(&rules[0])["target"]["operations"][0], "All");
    }
}
