//! The redirect half of sign-in: authorize and logout URLs, the pending record, the callback.

#[path = "auth_support.rs"]
mod support;

use pim_console::auth::encode::parse_params;
use pim_console::auth::*;
use pim_console::graph::Api;
use serde_json::json;
use support::*;

fn random() -> SignInRandom {
    let mut bytes = [0u8; SignInRandom::LEN];
    for (i, b) in bytes.iter_mut().enumerate() {
        *b = (i * 7 + 3) as u8;
    }
    SignInRandom::from_bytes(&bytes)
}

fn plan() -> SignInPlan {
    let mut plan = SignInPlan::new(Api::Graph, Feature::Read.scopes(&cfg()), RedirectReason::SignIn);
    plan.consent_scopes = Feature::AzureResources.scopes(&cfg());
    plan
}

#[test]
fn authorize_url_carries_and_encodes_every_parameter() {
    let mut config = cfg();
    config.redirect_uri = "https://app.example/cb?x=1&y=a b".into();
    let mut plan = plan();
    plan.prompt = Some(Prompt::SelectAccount);
    plan.login_hint = Some("megan+pim@contoso.com".into());
    plan.domain_hint = Some("contoso.com".into());
    plan.claims = Claims::from_json(r#"{"access_token":{"acrs":{"essential":true,"value":"c1"}}}"#);
    let (url, pending) = begin_sign_in(&config, plan, "/roles?tab=eligible", None, &random(), t0());

    let (base, query) = url.split_once('?').unwrap();
    assert_eq!(base, format!("https://login.microsoftonline.com/{TENANT}/oauth2/v2.0/authorize"));
    // Nothing outside the unreserved set survives unencoded in the query.
    assert!(query.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~%=&".contains(&b)), "{query}");
    assert!(query.contains("redirect_uri=https%3A%2F%2Fapp.example%2Fcb%3Fx%3D1%26y%3Da%20b"));
    assert!(query.contains("login_hint=megan%2Bpim%40contoso.com"));

    let p = parse_params(query);
    assert_eq!(param(&p, "client_id"), Some(CLIENT));
    assert_eq!(param(&p, "response_type"), Some("code"));
    assert_eq!(param(&p, "redirect_uri"), Some("https://app.example/cb?x=1&y=a b"));
    let scope = param(&p, "scope").unwrap();
    assert!(scope.starts_with("openid profile offline_access https://graph.microsoft.com/"));
    assert!(scope.ends_with(" https://management.azure.com/user_impersonation"));
    assert_eq!(param(&p, "response_mode"), Some("fragment"));
    assert_eq!(param(&p, "state"), Some(pending.state.0.as_str()));
    assert_eq!(param(&p, "nonce"), Some(pending.nonce.0.as_str()));
    let challenge = pkce::s256_challenge(pending.verifier.expose());
    assert_eq!(param(&p, "code_challenge"), Some(challenge.as_str()));
    assert_eq!(param(&p, "code_challenge_method"), Some("S256"));
    assert_eq!(param(&p, "prompt"), Some("select_account"));
    assert_eq!(param(&p, "login_hint"), Some("megan+pim@contoso.com"));
    assert_eq!(param(&p, "domain_hint"), Some("contoso.com"));
    let claims: serde_json::Value = serde_json::from_str(param(&p, "claims").unwrap()).unwrap();
    assert_eq!(
        claims,
        json!({"access_token":{"xms_cc":{"values":["cp1"]},"acrs":{"essential":true,"value":"c1"}}})
    );
    // The verifier itself never travels to /authorize.
    assert!(!url.contains(pending.verifier.expose()));
}

#[test]
fn optional_parameters_are_omitted_and_cp1_always_declared() {
    let (url, _) = begin_sign_in(&cfg(), plan(), "/", None, &random(), t0());
    let p = parse_params(&url);
    for absent in ["prompt", "login_hint", "domain_hint"] {
        assert_eq!(param(&p, absent), None, "{absent}");
    }
    assert_eq!(param(&p, "claims"), Some(r#"{"access_token":{"xms_cc":{"values":["cp1"]}}}"#));
}

#[test]
fn tenant_switch_goes_to_that_tenant() {
    let mut plan = plan();
    plan.tenant = Some("fabrikam.onmicrosoft.com".into());
    let (url, pending) = begin_sign_in(&cfg(), plan, "/", None, &random(), t0());
    assert!(
        url.starts_with("https://login.microsoftonline.com/fabrikam.onmicrosoft.com/oauth2/v2.0/authorize?")
    );
    assert_eq!(pending.tenant, "fabrikam.onmicrosoft.com");
}

#[test]
fn logout_url_encodes_redirect_and_hint() {
    let url = logout_url(&cfg(), "https://pim.contoso.com/?signed=out", Some("O.Ci+hint/=="));
    assert_eq!(
        url,
        format!(
            "https://login.microsoftonline.com/{TENANT}/oauth2/v2.0/logout?client_id={CLIENT}&\
             post_logout_redirect_uri=https%3A%2F%2Fpim.contoso.com%2F%3Fsigned%3Dout&\
             logout_hint=O.Ci%2Bhint%2F%3D%3D"
        )
    );
    assert!(!logout_url(&cfg(), "https://x/", None).contains("logout_hint"));
}

#[test]
fn pending_record_survives_session_storage_with_resume_payload() {
    let resume = json!({"operation":"activate","roleId":"62e90394","justification":"Fix prod, ticket #42"});
    let (_, pending) =
        begin_sign_in(&cfg(), plan(), "/roles?tab=eligible", Some(resume.clone()), &random(), t0());
    let stored = serde_json::to_string(&pending).unwrap();
    let back: PendingSignIn = serde_json::from_str(&stored).unwrap();
    assert_eq!(back, pending);
    assert_eq!(back.resume, Some(resume));
    assert_eq!(back.return_path, "/roles?tab=eligible");
    assert_eq!(back.plan.api, Api::Graph);
}

#[test]
fn callback_yields_the_code_from_fragment_query_or_url() {
    let (_, pending) = begin_sign_in(&cfg(), plan(), "/", None, &random(), t0());
    let state = &pending.state.0;
    for shape in [
        format!("#code=0.AbC%2Bcode&state={state}&session_state=x"),
        format!("?code=0.AbC%2Bcode&state={state}"),
        format!("https://pim.contoso.com/#state={state}&code=0.AbC%2Bcode"),
    ] {
        let r = complete_callback(&shape, &pending).unwrap();
        assert_eq!(r.code.expose(), "0.AbC+code");
        assert_eq!(r.verifier, pending.verifier);
        assert_eq!(r.api, Api::Graph);
        assert_eq!(r.scopes[..3], ["openid", "profile", "offline_access"]);
        assert!(!r.scopes.iter().any(|s| s.contains("management.azure.com")), "one resource per redemption");
    }
}

#[test]
fn state_is_checked_before_anything_else() {
    let (_, pending) = begin_sign_in(&cfg(), plan(), "/", None, &random(), t0());
    let wrong = [
        "#code=abc&state=forged".to_owned(),
        "#code=abc".to_owned(),
        "#error=access_denied&state=forged".to_owned(),
        format!("#code=abc&state={}x", pending.state.0),
    ];
    for params in wrong {
        assert_eq!(complete_callback(&params, &pending), Err(AuthError::StateMismatch), "{params}");
    }
    let none = format!("#state={}", pending.state.0);
    assert_eq!(complete_callback(&none, &pending), Err(AuthError::MissingCode));
}

#[test]
fn redirect_errors_become_typed_errors() {
    let (_, pending) = begin_sign_in(&cfg(), plan(), "/", None, &random(), t0());
    let s = &pending.state.0;
    let case = |error: &str, description: &str| {
        let params =
            format!("#error={error}&error_description={}&state={s}", encode::percent_encode(description));
        complete_callback(&params, &pending).unwrap_err()
    };
    assert!(matches!(case("access_denied", "AADSTS65004: User declined"), AuthError::AccessDenied(_)));
    assert!(matches!(case("consent_required", "AADSTS65005: consent"), AuthError::ConsentRequired(_)));
    assert!(matches!(case("interaction_required", "AADSTS50079"), AuthError::InteractionRequired(_)));
    assert!(matches!(case("login_required", "AADSTS50058: no session"), AuthError::LoginRequired(_)));
    assert!(matches!(
        case("invalid_request", "AADSTS9002326: Cross-origin"),
        AuthError::SpaPlatformRequired(_)
    ));
    assert!(matches!(
        case("invalid_request", "AADSTS9002327: Tokens issued"),
        AuthError::CrossOriginRequired(_)
    ));
    assert!(matches!(
        case("interaction_required", "AADSTS50076: Due to a configuration"),
        AuthError::MfaRequired(_)
    ));
    assert!(matches!(
        case("invalid_client", "AADSTS65001: The user or administrator"),
        AuthError::ConsentMissing(_)
    ));
    assert!(matches!(
        case("unsupported_response_type", "AADSTS700054: response_type 'id_token'"),
        AuthError::ResponseTypeNotEnabled(_)
    ));
    let other = case("server_error", "AADSTS90033: A transient error\r\nTrace ID: t-1");
    assert!(matches!(&other, AuthError::Server(e) if e.aadsts() == Some(90033)));
    assert!(other.to_string().contains("AADSTS90033"));
}

#[test]
fn silent_attempt_falls_back_to_interactive() {
    let mut silent = plan();
    silent.prompt = Some(Prompt::None);
    silent.login_hint = Some("megan@contoso.com".into());
    let login_required =
        AuthError::LoginRequired(ServerError { error: "login_required".into(), ..Default::default() });
    let next = silent.after_silent_failure(&login_required).unwrap();
    assert_eq!(next.prompt, None);
    assert_eq!(next.login_hint.as_deref(), Some("megan@contoso.com"));
    assert_eq!(next.scopes, silent.scopes);
    // Interactive plans do not loop, and a cancelled sign-in is final.
    assert_eq!(next.after_silent_failure(&login_required), None);
    let denied = AuthError::AccessDenied(ServerError::default());
    assert_eq!(silent.after_silent_failure(&denied), None);
}

#[test]
fn config_json_clouds_give_the_endpoints_and_resources() {
    let body = r#"{"tenant":"contoso.onmicrosoft.us","clientId":"11111111-2222-3333-4444-555555555555",
        "redirectUri":"https://pim.contoso.us/","cloud":"usgov"}"#;
    let pim_console::config::AppConfig::Tenant(t) = pim_console::config::parse_config(Some(body)).unwrap()
    else {
        panic!("not a tenant config")
    };
    let c = AuthConfig::from_tenant_config(&t);
    let (url, _) = begin_sign_in(
        &c,
        SignInPlan::new(Api::Graph, Feature::Read.scopes(&c), RedirectReason::SignIn),
        "/",
        None,
        &random(),
        t0(),
    );
    assert!(url.starts_with("https://login.microsoftonline.us/contoso.onmicrosoft.us/oauth2/v2.0/authorize?"));
    assert!(url.contains("https%3A%2F%2Fgraph.microsoft.us%2FRoleEligibilitySchedule.Read.Directory"));
    assert_eq!(
        Feature::AzureResources.scopes(&c),
        ["https://management.usgovcloudapi.net/user_impersonation"]
    );
    assert_eq!(c.expected_issuer("t-1"), "https://login.microsoftonline.us/t-1/v2.0");
    // An endpoint override (the simulated tenant on loopback) moves requests, not resource ids.
    let body = r#"{"tenant":"t","clientId":"11111111-2222-3333-4444-555555555555","redirectUri":"http://localhost:8080/",
        "cloud":"china","loginBaseUrl":"http://127.0.0.1:9000/login/"}"#;
    let pim_console::config::AppConfig::Tenant(t) = pim_console::config::parse_config(Some(body)).unwrap()
    else {
        panic!("not a tenant config")
    };
    let c = AuthConfig::from_tenant_config(&t);
    assert_eq!(c.endpoint("token"), "http://127.0.0.1:9000/login/t/oauth2/v2.0/token");
    assert_eq!(c.graph_resource, "https://microsoftgraph.chinacloudapi.cn");
}
