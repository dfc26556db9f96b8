//! Tests for reading activation policies from rules.

use super::*;

fn rule(id: &str, facts: RuleFacts) -> PolicyRule {
    PolicyRule { id: id.to_owned(), facts }
}

/// The non-notification rules of the official ARM policy example
/// (fixtures/arm_roleManagementPolicyAssignments_list_response.json), transcribed.
fn arm_example() -> Vec<PolicyRule> {
    let exp = |req, d: &str| RuleFacts::Expiration {
        is_expiration_required: req,
        maximum_duration: Some(IsoDuration::parse(d).unwrap()),
    };
    let group =
        |id: &str, name: &str| Approver { id: id.into(), name: Some(name.into()), kind: ApproverKind::Group };
    vec![
        rule("Enablement_Admin_Eligibility", RuleFacts::Enablement { enabled: vec![] }),
        rule("Expiration_Admin_Eligibility", exp(true, "P90D")),
        rule("Notification_Admin_Admin_Eligibility", RuleFacts::Other),
        rule("Expiration_Admin_Assignment", exp(false, "P90D")),
        rule(
            "Approval_EndUser_Assignment",
            RuleFacts::Approval {
                is_approval_required: true,
                is_requestor_justification_required: true,
                approvers: vec![group("2385b0f3", "amansw_new_group"), group("2f4913c9", "amansw_group")],
            },
        ),
        rule(
            "AuthenticationContext_EndUser_Assignment",
            RuleFacts::AuthenticationContext { is_enabled: false, claim_value: Some(String::new()) },
        ),
        rule(
            "Enablement_EndUser_Assignment",
            RuleFacts::Enablement {
                enabled: ["MultiFactorAuthentication", "Justification", "Ticketing"]
                    .map(Enablement::parse)
                    .to_vec(),
            },
        ),
        rule("Expiration_EndUser_Assignment", exp(true, "PT7H")),
    ]
}

#[test]
fn reads_the_official_arm_example() {
    let p = ActivationPolicy::from_rules(&arm_example());
    assert_eq!(p.max_duration, IsoDuration::from_hours(7));
    assert!(p.require_mfa && p.require_justification && p.require_ticket);
    assert!(p.approval_required);
    assert_eq!(p.approver_names(), ["amansw_new_group", "amansw_group"]);
    assert_eq!(p.auth_context, None);
    assert_eq!(
        p.eligible_expiry,
        AdminExpiry { permanent_allowed: false, max_duration: Some(IsoDuration::from_days(90)) }
    );
    assert!(p.active_expiry.permanent_allowed);
}

#[test]
fn missing_rules_mean_service_defaults() {
    let p = ActivationPolicy::from_rules(&[]);
    assert_eq!(p, ActivationPolicy::default());
    assert_eq!(p.max_duration, IsoDuration::from_hours(8));
}

#[test]
fn auth_context_needs_enabled_and_a_claim() {
    let on = |enabled, claim: Option<&str>| {
        ActivationPolicy::from_rules(&[rule(
            "authenticationContext_EndUser_Assignment",
            RuleFacts::AuthenticationContext { is_enabled: enabled, claim_value: claim.map(str::to_owned) },
        )])
        .auth_context
    };
    assert_eq!(on(true, Some("c1")), Some(AuthContext("c1".into())));
    assert_eq!(on(true, None), None);
    assert_eq!(on(false, Some("c1")), None);
    assert_eq!(
        AuthContext("c1".into()).claims_json(),
        r#"{"access_token":{"acrs":{"essential":true,"value":"c1"}}}"#
    );
}

#[test]
fn approvers_are_dropped_when_approval_is_off_and_rules_of_other_kinds_ignored() {
    let p = ActivationPolicy::from_rules(&[
        rule(
            "Approval_EndUser_Assignment",
            RuleFacts::Approval {
                is_approval_required: false,
                is_requestor_justification_required: true,
                approvers: vec![Approver { id: "u1".into(), name: None, kind: ApproverKind::User }],
            },
        ),
        rule("Expiration_EndUser_Assignment", RuleFacts::Enablement { enabled: vec![Enablement::Mfa] }),
    ]);
    assert!(!p.approval_required && p.approvers.is_empty());
    assert!(!p.require_justification, "requestor justification only counts with approval");
    assert!(!p.require_mfa, "an enablement payload under an expiration id is ignored");
}
