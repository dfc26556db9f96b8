//! Tests for error classification.

use super::*;

#[test]
fn policy_rule_failures_name_the_rules() {
    let msg = r#"The following policy rules failed: ["ExpirationRule","JustificationRule"]"#;
    let kind = ErrorKind::classify(Some(400), "RoleAssignmentRequestPolicyValidationFailed", msg);
    assert_eq!(kind, ErrorKind::PolicyRules(vec!["ExpirationRule".into(), "JustificationRule".into()]));
    let text = kind.explain().reason;
    assert!(text.contains("the duration is longer than allowed, a justification is required"), "{text}");
    let mfa_only = ErrorKind::classify(
        Some(400),
        "RoleAssignmentRequestPolicyValidationFailed",
        r#"failed: ["MfaRule"]"#,
    );
    assert_eq!(mfa_only, ErrorKind::Mfa);
}

#[test]
fn auth_context_failures_carry_the_claim_value() {
    let msg = "&claims=%7B%22access_token%22%3A%7B%22acrs%22%3A%7B%22essential%22%3Atrue%2C%20%22value%22%3A%22c1%22%7D%7D%7D";
    let kind = ErrorKind::classify(Some(400), "RoleAssignmentRequestAcrsValidationFailed", msg);
    assert_eq!(kind, ErrorKind::AuthContext(AuthContext("c1".into())));
    let bare = r#"claims={"access_token":{"acrs":{"essential":true,"value":"c25"}}}"#;
    assert_eq!(
        ErrorKind::classify(None, "roleassignmentrequestacrsvalidationfailed", bare),
        ErrorKind::AuthContext(AuthContext("c25".into()))
    );
    let odd = "claims=%7Bbroken value c7 here";
    assert_eq!(
        ErrorKind::classify(None, "RoleAssignmentRequestAcrsValidationFailed", odd),
        ErrorKind::AuthContext(AuthContext("c7".into()))
    );
}

#[test]
fn known_codes_and_statuses_map_to_kinds() {
    let cases = [
        (Some(400), "RoleAssignmentExists", "", ErrorKind::AlreadyActive),
        (Some(400), "RoleAssignmentRequestExists", "", ErrorKind::RequestExists),
        (Some(400), "ActiveDurationTooShort", "", ErrorKind::TooShort),
        (Some(404), "RoleAssignmentDoesNotExist", "", ErrorKind::NotFound),
        (Some(400), "AadPremiumLicenseRequired", "", ErrorKind::NoLicence),
        (Some(403), "Authorization_RequestDenied", "", ErrorKind::Forbidden),
        (Some(429), "TooManyRequests", "", ErrorKind::Throttled),
        (Some(429), "", "", ErrorKind::Throttled),
        (Some(403), "", "Valid permissions not present", ErrorKind::Forbidden),
        (
            Some(400),
            "BadRequest",
            "The Active duration is too short. Miniumum Required is 5 minutes.",
            ErrorKind::TooShort,
        ),
        (Some(500), "InternalError", "boom", ErrorKind::Other("boom".into())),
        (Some(500), "InternalError", "", ErrorKind::Other("InternalError".into())),
    ];
    for (status, code, message, kind) in cases {
        assert_eq!(ErrorKind::classify(status, code, message), kind, "{code} {message}");
    }
}

#[test]
fn every_kind_explains_itself_with_a_next_step() {
    let kinds = [
        ErrorKind::PolicyRules(vec![]),
        ErrorKind::AuthContext(AuthContext("c1".into())),
        ErrorKind::Mfa,
        ErrorKind::AlreadyActive,
        ErrorKind::RequestExists,
        ErrorKind::TooShort,
        ErrorKind::NotFound,
        ErrorKind::NoLicence,
        ErrorKind::Forbidden,
        ErrorKind::Throttled,
        ErrorKind::Network,
        ErrorKind::Other(String::new()),
    ];
    for kind in kinds {
        let e = kind.explain();
        assert!(e.reason.ends_with('.') && !e.next_step.is_empty(), "{kind:?}: {e:?}");
    }
    assert!(ErrorKind::TooShort.explain().reason.contains("5 minutes"));
    assert!(ErrorKind::NoLicence.explain().reason.contains("P2"));
}

#[test]
fn a_refusal_a_sign_in_can_fix_names_that_sign_in_and_says_what_to_change_if_it_did_not() {
    use crate::domain::plan::StepUp;
    assert_eq!(ErrorKind::Mfa.step_up(), Some(StepUp::Mfa));
    let c1 = ErrorKind::AuthContext(AuthContext("c1".into()));
    assert_eq!(c1.step_up(), Some(StepUp::AuthContext(AuthContext("c1".into()))));
    assert_eq!(ErrorKind::Throttled.step_up(), None);
    let after = ErrorKind::Mfa.explain_after_step_up();
    assert!(after.next_step.contains("Conditional Access"), "{after:?}");
    assert!(after.next_step.contains("administrator"), "{after:?}");
    assert!(c1.explain_after_step_up().reason.contains("c1"));
}
