//! Claims merging and challenge parsing, authentication-context grouping, the scope catalogue,
//! and the plain-language error texts.

#[path = "auth_support.rs"]
mod support;

use pim_console::auth::encode::{base64url, percent_encode};
use pim_console::auth::scopes::{missing_features, sign_in_scopes};
use pim_console::auth::*;
use serde_json::json;
use support::*;

const ACRS_C1: &str = r#"{"access_token":{"acrs":{"essential":true,"value":"c1"}}}"#;

#[test]
fn cp1_merges_into_any_claims_request() {
    assert_eq!(
        Claims::client_capability().as_value(),
        &json!({"access_token":{"xms_cc":{"values":["cp1"]}}})
    );
    let c25 = Claims::from_json(r#"{"access_token":{"acrs":{"essential":true,"value":"c25"}}}"#).unwrap();
    // The example of API.md §1.
    assert_eq!(
        c25.clone().with_client_capability().as_value(),
        &json!({"access_token":{"xms_cc":{"values":["cp1"]},"acrs":{"essential":true,"value":"c25"}}})
    );
    let with_id_token = Claims::from_json(r#"{"id_token":{"auth_time":{"essential":true}}}"#).unwrap();
    let merged = with_id_token.with_client_capability().merge(&c25);
    assert_eq!(merged.as_value()["id_token"], json!({"auth_time":{"essential":true}}));
    assert_eq!(merged.as_value()["access_token"]["acrs"]["value"], "c25");
    assert_eq!(merged.as_value()["access_token"]["xms_cc"]["values"], json!(["cp1"]));
    // A later challenge replaces an earlier context rather than nesting both.
    let c1 = Claims::from_json(ACRS_C1).unwrap();
    assert_eq!(c25.merge(&c1).auth_context_id(), AuthContextId::parse("c1"));
}

#[test]
fn pim_challenge_from_the_observed_fixture() {
    let body: serde_json::Value = serde_json::from_str(&fixture(
        "observed_graph_groups_RoleAssignmentRequestAcrsValidationFailed_error.json",
    ))
    .unwrap();
    let message = body["error"]["message"].as_str().unwrap();
    let claims = parse_pim_challenge(message).unwrap();
    assert_eq!(claims.as_value(), &json!({"access_token":{"acrs":{"essential":true,"value":"c1"}}}));
    assert_eq!(claims.auth_context_id().unwrap().as_str(), "c1");
}

#[test]
fn pim_challenge_variants() {
    let encoded = percent_encode(ACRS_C1);
    let b64 = base64url(ACRS_C1.as_bytes());
    for message in [
        format!("&claims={encoded}"),
        format!("claims={encoded}"),
        format!("The request needs step-up. claims={ACRS_C1}"),
        format!("&claims={b64}"),
        format!(
            "&claims={}",
            percent_encode(&base64::Engine::encode(&base64::engine::general_purpose::STANDARD, ACRS_C1))
        ),
        format!("&claims={encoded}&other=1"),
    ] {
        let claims = parse_pim_challenge(&message).unwrap_or_else(|| panic!("{message}"));
        assert_eq!(claims.auth_context_id().unwrap().as_str(), "c1", "{message}");
    }
    assert_eq!(parse_pim_challenge("The following policy rules failed: [\"MfaRule\"]"), None);
    assert_eq!(parse_pim_challenge("&claims="), None);
    assert_eq!(parse_pim_challenge("&claims=%7Bbroken"), None);
}

#[test]
fn www_authenticate_challenge() {
    let header = format!(
        "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", \
         client_id=\"00000003-0000-0000-c000-000000000000\", error=\"insufficient_claims\", claims=\"{}\"",
        base64::Engine::encode(&base64::engine::general_purpose::STANDARD, ACRS_C1)
    );
    let claims = parse_www_authenticate(&header).unwrap();
    assert_eq!(claims.auth_context_id().unwrap().as_str(), "c1");
    assert_eq!(parse_www_authenticate("Bearer realm=\"\", error=\"invalid_token\""), None);
    assert_eq!(parse_www_authenticate("Bearer xclaims=\"abc\""), None);
}

#[test]
fn pre_emptive_step_up_for_a_known_context() {
    let id = AuthContextId::parse("c7").unwrap();
    let claims = Claims::auth_context(&id).with_client_capability();
    let sent: serde_json::Value = serde_json::from_str(&claims.to_json()).unwrap();
    assert_eq!(
        sent,
        json!({"access_token":{"xms_cc":{"values":["cp1"]},"acrs":{"essential":true,"value":"c7"}}})
    );
    assert_eq!(AuthContextId::parse(""), None);
    assert_eq!(AuthContextId::parse("c1\"}"), None);
}

#[test]
fn one_prompt_per_distinct_context_in_a_batch() {
    let c1 = AuthContextId::parse("c1");
    let c2 = AuthContextId::parse("c2");
    let batch = [
        ("Global Reader", None),
        ("User Admin", c1.clone()),
        ("Exchange Admin", c2.clone()),
        ("Groups Admin", c1.clone()),
        ("Reports Reader", None),
    ];
    let groups = group_by_context(batch);
    assert_eq!(
        groups,
        vec![
            (None, vec!["Global Reader", "Reports Reader"]),
            (c1, vec!["User Admin", "Groups Admin"]),
            (c2, vec!["Exchange Admin"]),
        ]
    );
    let prompts = groups.iter().filter(|(ctx, _)| ctx.is_some()).count();
    assert_eq!(prompts, 2);
}

#[test]
fn scope_catalogue_follows_the_api_table() {
    let c = cfg();
    assert!(sign_in_scopes(&c)
        .iter()
        .all(|s| s.starts_with("https://graph.microsoft.com/") && s.contains(".Read.")));
    assert!(Feature::ActivationWrites
        .scopes(&c)
        .contains(&"https://graph.microsoft.com/RoleAssignmentSchedule.ReadWrite.Directory".to_owned()));
    assert_eq!(Feature::Audit.permissions(), ["AuditLog.Read.All", "Directory.Read.All"]);
    assert_eq!(Feature::AzureResources.scopes(&c), ["https://management.azure.com/user_impersonation"]);
    assert_eq!(Feature::AzureResources.api(), pim_console::graph::Api::Arm);
    let mut gov = c.clone();
    gov.graph_resource = "https://graph.microsoft.us".into();
    assert!(Feature::PolicyWrites.scopes(&gov)[0]
        .starts_with("https://graph.microsoft.us/RoleManagementPolicy.ReadWrite"));
    let granted = sign_in_scopes(&c).join(" ") + " openid profile offline_access";
    let missing = missing_features(&c, &granted);
    assert!(!missing.contains(&Feature::Read));
    assert!(missing.contains(&Feature::ActivationWrites) && missing.contains(&Feature::AzureResources));
}

#[test]
fn consent_sentence_names_the_permission_to_grant() {
    let text = Feature::PolicyWrites.consent_explanation();
    assert!(text.contains("RoleManagementPolicy.ReadWrite.Directory"), "{text}");
    assert!(text.contains("Grant admin consent"));
    assert!(Feature::AzureResources.consent_explanation().contains("Azure Service Management"));
    assert!(Feature::Audit.consent_explanation().contains("AuditLog.Read.All and Directory.Read.All"));
}

#[test]
fn every_error_has_words_and_a_fix() {
    let s =
        || ServerError { error: "e".into(), error_description: "AADSTS1: x".into(), ..Default::default() };
    let plan = SignInPlan::new(
        pim_console::graph::Api::Graph,
        vec![],
        RedirectReason::StepUp(AuthContextId::parse("c1")),
    );
    let all = [
        AuthError::StateMismatch,
        AuthError::MissingCode,
        AuthError::NonceMismatch,
        AuthError::AudienceMismatch { expected: "a".into(), found: "b".into() },
        AuthError::IssuerMismatch { expected: "a".into(), found: "b".into() },
        AuthError::TenantMismatch { expected: "a".into(), found: "b".into() },
        AuthError::IdTokenExpired,
        AuthError::IdTokenMalformed("x".into()),
        AuthError::AccessDenied(s()),
        AuthError::ConsentRequired(s()),
        AuthError::ConsentMissing(s()),
        AuthError::InteractionRequired(s()),
        AuthError::LoginRequired(s()),
        AuthError::SpaPlatformRequired(s()),
        AuthError::CrossOriginRequired(s()),
        AuthError::MfaRequired(s()),
        AuthError::ResponseTypeNotEnabled(s()),
        AuthError::InvalidGrant(s()),
        AuthError::Server(s()),
        AuthError::Network("offline".into()),
        AuthError::MalformedResponse("x".into()),
        AuthError::RedirectRequired(Box::new(plan)),
        AuthError::SessionChanged,
    ];
    for e in &all {
        assert!(e.explanation().ends_with('.'), "{e:?}: {}", e.explanation());
        assert!(e.fix().ends_with('.') && e.fix().len() > 10, "{e:?}");
    }
    assert!(all[13].fix().contains("Single-page application"));
    assert!(all[14].fix().contains("Origin header"));
    assert!(all[21].explanation().contains("c1"));
}
