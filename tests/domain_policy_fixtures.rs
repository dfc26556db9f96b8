//! The official Graph and ARM policy examples, read through a minimal test adapter into the
//! neutral `PolicyRule` form, give the activation requirements the portal would show.

use std::path::PathBuf;

use pim_console::domain::{
    ActivationPolicy, Approver, ApproverKind, BadgeKind, Enablement, IsoDuration, PolicyRule, RuleFacts,
};
use serde_json::Value;

fn fixture(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/graph/fixtures").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// Graph writes `@odata.type` (`#microsoft.graph.unifiedRoleManagementPolicyExpirationRule`), ARM
/// writes `ruleType` (`RoleManagementPolicyExpirationRule`): both end in the rule kind.
fn to_rule(rule: &Value) -> PolicyRule {
    let kind = rule["@odata.type"].as_str().or(rule["ruleType"].as_str()).unwrap_or_default();
    let text = |v: &Value| v.as_str().map(str::to_owned);
    let facts = if kind.ends_with("ExpirationRule") {
        RuleFacts::Expiration {
            is_expiration_required: rule["isExpirationRequired"].as_bool().unwrap_or(false),
            maximum_duration: rule["maximumDuration"].as_str().and_then(|d| IsoDuration::parse(d).ok()),
        }
    } else if kind.ends_with("EnablementRule") {
        let enabled = rule["enabledRules"].as_array().cloned().unwrap_or_default();
        RuleFacts::Enablement {
            enabled: enabled.iter().filter_map(Value::as_str).map(Enablement::parse).collect(),
        }
    } else if kind.ends_with("AuthenticationContextRule") {
        RuleFacts::AuthenticationContext {
            is_enabled: rule["isEnabled"].as_bool().unwrap_or(false),
            claim_value: text(&rule["claimValue"]),
        }
    } else if kind.ends_with("ApprovalRule") {
        let setting = &rule["setting"];
        let stage = &setting["approvalStages"][0];
        let approvers = stage["primaryApprovers"].as_array().cloned().unwrap_or_default();
        RuleFacts::Approval {
            is_approval_required: setting["isApprovalRequired"].as_bool().unwrap_or(false),
            is_requestor_justification_required: setting["isRequestorJustificationRequired"]
                .as_bool()
                .unwrap_or(false),
            approvers: approvers
                .iter()
                .map(|a| {
                    let group =
                        a["userType"] == "Group" || a["@odata.type"] == "#microsoft.graph.groupMembers";
                    Approver {
                        id: text(&a["id"]).or(text(&a["userId"])).or(text(&a["groupId"])).unwrap_or_default(),
                        name: text(&a["description"]),
                        kind: if group { ApproverKind::Group } else { ApproverKind::User },
                    }
                })
                .collect(),
        }
    } else {
        RuleFacts::Other
    };
    PolicyRule { id: rule["id"].as_str().unwrap_or_default().to_owned(), facts }
}

fn policy(rules: &Value) -> ActivationPolicy {
    let rules: Vec<PolicyRule> = rules.as_array().unwrap().iter().map(to_rule).collect();
    assert_eq!(rules.len(), 17, "the 17 documented rules");
    ActivationPolicy::from_rules(&rules)
}

#[test]
fn graph_directory_role_policy_example() {
    let body = fixture("v1.0_roleManagementPolicyAssignments_list_byRole_expandPolicyRules_response.json");
    let p = policy(&body["value"][0]["policy"]["rules"]);
    assert_eq!(p.max_duration, IsoDuration::from_hours(8));
    assert!(p.require_mfa && p.require_justification && !p.require_ticket);
    assert!(!p.approval_required && p.auth_context.is_none());
    assert!(p.eligible_expiry.permanent_allowed);
    assert_eq!(p.eligible_expiry.max_duration, Some(IsoDuration::from_days(365)));
    assert_eq!(p.active_expiry.max_duration, Some(IsoDuration::from_days(180)));
    let labels: Vec<String> = p.badges().into_iter().map(|b| b.label).collect();
    assert_eq!(labels, ["max 8 h", "MFA", "Justification"]);
}

#[test]
fn arm_policy_example() {
    let body = fixture("arm_roleManagementPolicyAssignments_list_response.json");
    let p = policy(&body["value"][0]["properties"]["effectiveRules"]);
    assert_eq!(p.max_duration, IsoDuration::from_hours(7));
    assert!(p.require_mfa && p.require_justification && p.require_ticket);
    assert!(p.approval_required);
    assert_eq!(p.approver_names(), ["amansw_new_group", "amansw_group"]);
    assert!(!p.eligible_expiry.permanent_allowed, "isExpirationRequired: true");
    let approval = p.badges().into_iter().find(|b| b.kind == BadgeKind::Approval).unwrap();
    assert_eq!(approval.label, "Approval: amansw_new_group +1");
}
