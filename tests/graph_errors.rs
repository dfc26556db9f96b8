//! The error enum: classification from status, code, message and headers; `Retry-After`
//! forms; claims extraction in both forms; a plain explanation and next step for every variant.

use std::collections::HashSet;
use std::time::Duration;

use chrono::{DateTime, Utc};
use pim_console::graph::error::{extract_claims, RetryAfter};
use pim_console::graph::wire::IdentityErrorBody;
use pim_console::graph::{ErrorKind, FailedRule, GraphError, HttpResponse, TokenError, TransportError};

fn classify(status: u16, code: &str, message: &str) -> GraphError {
    let body = serde_json::json!({"error": {"code": code, "message": message,
        "innerError": {"request-id": "rid-1", "date": "2026-09-06T17:55:34"}}});
    GraphError::from_response(&HttpResponse::new(status, body.to_string()))
}

#[test]
fn pim_codes_become_their_own_variants() {
    let cases = [
        (400, "RoleAssignmentExists", ErrorKind::RoleAssignmentExists),
        (400, "RoleAssignmentRequestExists", ErrorKind::RoleAssignmentRequestExists),
        (400, "ActiveDurationTooShort", ErrorKind::ActiveDurationTooShort),
        (404, "RoleAssignmentDoesNotExist", ErrorKind::RoleAssignmentDoesNotExist),
        (400, "AadPremiumLicenseRequired", ErrorKind::LicenseMissing),
        (403, "Authorization_RequestDenied", ErrorKind::PermissionMissing),
        (400, "RoleAssignmentRequestPolicyValidationFailed", ErrorKind::PolicyViolation),
        (400, "BadRequest", ErrorKind::Http),
        (500, "", ErrorKind::Http),
    ];
    for (status, code, kind) in cases {
        assert_eq!(classify(status, code, "m").kind(), kind, "{code}");
    }
    let GraphError::Http { status, code, message, request_id } = classify(400, "BadRequest", "segment")
    else {
        panic!()
    };
    assert_eq!(
        (status, code.as_str(), message.as_str(), request_id.as_deref()),
        (400, "BadRequest", "segment", Some("rid-1"))
    );
}

#[test]
fn failed_rule_names_are_read_from_the_message() {
    let e = classify(
        400,
        "RoleAssignmentRequestPolicyValidationFailed",
        r#"The following policy rules failed: ["ExpirationRule","JustificationRule","TicketingRule","EligibilityRule","FutureRule"]"#,
    );
    let GraphError::PolicyViolation { rules, .. } = e else { panic!() };
    assert_eq!(
        rules,
        [
            FailedRule::Expiration,
            FailedRule::Justification,
            FailedRule::Ticketing,
            FailedRule::Eligibility,
            FailedRule::Other("FutureRule".into())
        ]
    );
    // Without the JSON list, known names are still found.
    let e = classify(400, "RoleAssignmentRequestPolicyValidationFailed", "MfaRule failed");
    assert!(matches!(e, GraphError::PolicyViolation { rules, .. } if rules == [FailedRule::Mfa]));
}

#[test]
fn missing_permissions_are_named() {
    let e = classify(403, "", "Valid permissions not present. User needs one of the following permissions for this action : PrivilegedAccess.ReadWrite.AzureAD,PrivilegedAccess.Read.AzureAD");
    let GraphError::PermissionMissing { needed, request_id, .. } = &e else { panic!("{e:?}") };
    assert_eq!(needed, &["PrivilegedAccess.ReadWrite.AzureAD", "PrivilegedAccess.Read.AzureAD"]);
    assert_eq!(request_id.as_deref(), Some("rid-1"));
    assert!(e.explain().contains("PrivilegedAccess.Read.AzureAD"));
}

#[test]
fn claims_come_out_of_both_challenge_forms() {
    let json = r#"{"access_token":{"acrs":{"essential":true, "value":"c1"}}}"#;
    assert_eq!(extract_claims("&claims=%7B%22access_token%22%3A%7B%22acrs%22%3A%7B%22essential%22%3Atrue%2C%20%22value%22%3A%22c1%22%7D%7D%7D").as_deref(), Some(json));
    assert_eq!(extract_claims(&format!("claims={json}")).as_deref(), Some(json));
    let b64 = "eyJhY2Nlc3NfdG9rZW4iOnsiYWNycyI6eyJlc3NlbnRpYWwiOnRydWUsICJ2YWx1ZSI6ImMxIn19fQ==";
    let header = format!(
        r#"Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="{b64}""#
    );
    assert_eq!(extract_claims(&header).as_deref(), Some(json));
    assert_eq!(extract_claims("no challenge here"), None);
    let e = GraphError::from_response(&HttpResponse::new(401, "").with_header("WWW-Authenticate", header));
    assert_eq!(e, GraphError::ClaimsChallenge { claims: json.into() });
}

#[test]
fn retry_after_reads_seconds_fractions_and_dates() {
    let epoch = DateTime::<Utc>::UNIX_EPOCH;
    assert_eq!(RetryAfter::parse("2.128").unwrap().delay_from(epoch), Duration::from_millis(2128));
    assert_eq!(RetryAfter::parse(" 120 ").unwrap().delay_from(epoch), Duration::from_secs(120));
    let at = RetryAfter::parse("Thu, 01 Jan 1970 00:01:00 GMT").unwrap();
    assert_eq!(at.delay_from(epoch), Duration::from_secs(60));
    assert_eq!(at.delay_from(epoch + chrono::Duration::hours(1)), Duration::ZERO, "a past date means now");
    assert_eq!(RetryAfter::parse("-1"), None);
    assert_eq!(RetryAfter::parse("soon"), None);
    let e = GraphError::from_response(&HttpResponse::new(429, "{}").with_header("retry-after", "7"));
    assert_eq!(
        e,
        GraphError::Throttled {
            retry_after: Some(RetryAfter::Delay(Duration::from_secs(7))),
            request_id: None
        }
    );
}

#[test]
fn every_variant_says_what_happened_and_what_to_do() {
    let all = vec![
        GraphError::from(TransportError::Network("dns".into())),
        GraphError::from(TransportError::Timeout),
        GraphError::from(TokenError::SignInRequired("expired".into())),
        GraphError::Throttled { retry_after: None, request_id: None },
        GraphError::PolicyViolation { rules: vec![FailedRule::Justification], message: String::new() },
        GraphError::ClaimsChallenge { claims: "{}".into() },
        classify(400, "RoleAssignmentExists", "m"),
        classify(400, "RoleAssignmentRequestExists", "m"),
        classify(400, "ActiveDurationTooShort", "m"),
        classify(400, "RoleAssignmentDoesNotExist", "m"),
        classify(400, "AadPremiumLicenseRequired", "m"),
        classify(403, "Authorization_RequestDenied", "m"),
        classify(418, "Teapot", "short and stout"),
        GraphError::TooManyPages { pages: 50 },
        GraphError::BadResponse { detail: "x".into() },
    ];
    let kinds: HashSet<ErrorKind> = all.iter().map(GraphError::kind).collect();
    assert_eq!(kinds.len(), all.len(), "one example per variant");
    let explanations: HashSet<String> = all.iter().map(GraphError::explain).collect();
    assert_eq!(explanations.len(), all.len(), "each variant explains itself differently");
    for e in &all {
        assert!(
            e.explain().ends_with('.') || e.explain().ends_with(')') || e.explain().ends_with("stout"),
            "{}",
            e.explain()
        );
        assert!(!e.next_step().is_empty());
        assert!(e.to_string().contains(&e.next_step()));
    }
    assert!(classify(418, "Teapot", "m").next_step().contains("rid-1"), "the request id is given to pass on");
}

#[test]
fn identity_platform_errors_become_token_errors() {
    let body: IdentityErrorBody = serde_json::from_str(
        r#"{"error":"invalid_request","error_description":"AADSTS9002326: Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type.\r\nTrace ID: x","error_codes":[9002326]}"#,
    )
    .unwrap();
    assert_eq!(body.aadsts(), Some(9002326));
    assert_eq!(
        body.to_token_error(),
        TokenError::Refused {
            error: "invalid_request".into(),
            description: "AADSTS9002326: Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type.".into()
        }
    );
}
