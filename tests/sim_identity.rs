//! The simulated tenant's identity endpoints (issue 5 item 9): authorization code + PKCE,
//! single-use codes, `Origin` for SPA redemption, 24-hour fixed refresh tokens, claims,
//! MFA, `prompt=none`, sign-out, and refusals shaped like Entra's.

#[path = "sim_identity_support.rs"]
mod support;

use chrono::Duration;
use pim_console::graph::{HttpRequest, Method};
use pim_console::sim::DEMO_CLIENT_ID;
use support::*;

#[test]
fn pkce_challenge_helper_matches_rfc_7636_appendix_b() {
    assert_eq!(challenge(VERIFIER), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

#[test]
fn full_code_flow_with_pkce_issues_tokens_the_app_can_use() {
    let mut w = World::new();
    let page = w.browse(&w.authorize_url(&[]));
    assert_eq!(page.status, 200);
    assert!(page.header("Content-Type").unwrap().starts_with("text/html"));
    assert!(page.header("Content-Security-Policy").unwrap().contains("default-src 'none'"));
    for persona in ["Alex Morgan", "Bailey Kim", "Casey Jordan", "Dana Lee"] {
        assert!(page.body.contains(persona), "{persona} listed");
    }
    let lower = page.body.to_ascii_lowercase();
    for forbidden in ["<script", "<style", " style=", "onclick", "javascript:"] {
        assert!(!lower.contains(forbidden), "page has {forbidden}");
    }
    assert!(page.body.contains("Complete multi-factor authentication"));
    let css = format!("{LOGIN}/_sim/signin.css");
    assert!(page.body.contains(&format!("<link rel=\"stylesheet\" href=\"{css}\">")));
    let sheet = w.browse(&css);
    assert_eq!((sheet.status, sheet.header("Content-Type")), (200, Some("text/css; charset=utf-8")));

    let done = w.browse(&submit(&page.body, &[("persona", ALEX), ("action", "sign_in")]));
    let loc = location(&done);
    assert!(loc.starts_with(&format!("{REDIRECT}#code=")), "fragment mode: {loc}");
    let params = redirect_params(&done);
    assert_eq!(get(&params, "state"), Some("st-123"));
    assert!(done.header("Set-Cookie").unwrap().starts_with("sim_session="));
    assert!(done.header("Set-Cookie").unwrap().contains("HttpOnly"));

    let (status, body) = w.redeem(get(&params, "code").unwrap(), VERIFIER);
    assert_eq!(status, 200, "{body}");
    for field in ["access_token", "token_type", "expires_in", "scope", "refresh_token", "id_token"] {
        assert!(!body[field].is_null(), "{field} in {body}");
    }
    assert_eq!(body["token_type"], "Bearer");
    assert!((3500..=3600).contains(&body["expires_in"].as_i64().unwrap()));
    assert!(body["scope"].as_str().unwrap().contains(GRAPH_READ), "{body}");

    let id = payload(body["id_token"].as_str().unwrap());
    let tid = w.tenant();
    assert_eq!(id["iss"], format!("{LOGIN}/{tid}/v2.0"));
    assert_eq!(id["aud"], DEMO_CLIENT_ID);
    assert_eq!(id["nonce"], "nonce-456");
    assert_eq!(id["oid"], ALEX);
    assert_eq!(id["tid"], tid);
    assert_eq!(id["name"], "Alex Morgan");
    assert_eq!(id["preferred_username"], "alex@contoso.example");
    assert!(id["login_hint"].as_str().is_some_and(|h| !h.is_empty()));
    assert_eq!(id["exp"].as_i64().unwrap() - id["iat"].as_i64().unwrap(), 3600);

    let at = body["access_token"].as_str().unwrap();
    let claims = payload(at);
    assert_eq!(claims["amr"], serde_json::json!(["pwd"]), "no MFA was completed");
    assert!(claims["scp"]
        .as_str()
        .unwrap()
        .split(' ')
        .any(|s| s == "RoleEligibilitySchedule.Read.Directory"));
    let me = HttpRequest::new(Method::Get, "https://graph.microsoft.com/v1.0/me")
        .with_header("Authorization", format!("Bearer {at}"));
    let me = w.sim.handle(&me, wall());
    assert_eq!(me.status, 200, "{}", me.body);
    assert!(me.body.contains("alex@contoso.example"));
}

#[test]
fn wrong_verifier_is_refused_and_spends_the_code() {
    let mut w = World::new();
    let code = w.code(false);
    let (status, body) = w.redeem(&code, "a-different-verifier-of-sufficient-length-0123456789");
    assert_eq!(aadsts(status, &body, "invalid_grant"), 501481);
    let (status, body) = w.redeem(&code, VERIFIER);
    assert_eq!(aadsts(status, &body, "invalid_grant"), 54005, "a refused attempt spends the code");
}

#[test]
fn replayed_code_is_refused() {
    let mut w = World::new();
    let code = w.code(false);
    assert_eq!(w.redeem(&code, VERIFIER).0, 200);
    let (status, body) = w.redeem(&code, VERIFIER);
    assert_eq!(aadsts(status, &body, "invalid_grant"), 54005);
    let (status, body) = w.redeem("made-up-code", VERIFIER);
    assert_eq!(aadsts(status, &body, "invalid_grant"), 70000);
}

#[test]
fn code_expires_after_ten_minutes_of_virtual_time() {
    let mut w = World::new();
    let code = w.code(false);
    w.sim.advance(Duration::minutes(11));
    let (status, body) = w.redeem(&code, VERIFIER);
    assert_eq!(aadsts(status, &body, "invalid_grant"), 70008);
}

#[test]
fn spa_redemption_needs_an_origin_and_answers_cors() {
    let mut w = World::new();
    let code = w.code(false);
    let scope = format!("openid offline_access {GRAPH_READ}");
    let form = [
        ("client_id", DEMO_CLIENT_ID),
        ("scope", scope.as_str()),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
        ("grant_type", "authorization_code"),
        ("code_verifier", VERIFIER),
    ];
    let (status, body, resp) = w.token(&form, None);
    assert_eq!(aadsts(status, &body, "invalid_request"), 9002327);
    assert!(body["error_description"].as_str().unwrap().contains("cross-origin requests"));
    assert!(resp.header("Access-Control-Allow-Origin").is_none());

    let code = w.code(false);
    let form = [("code", code.as_str()), ("grant_type", "authorization_code")];
    let form: Vec<(&str, &str)> = [
        ("client_id", DEMO_CLIENT_ID),
        ("scope", scope.as_str()),
        ("redirect_uri", REDIRECT),
        ("code_verifier", VERIFIER),
    ]
    .into_iter()
    .chain(form)
    .collect();
    let (status, _, resp) = w.token(&form, Some(ORIGIN));
    assert_eq!(status, 200);
    assert_eq!(resp.header("Access-Control-Allow-Origin"), Some(ORIGIN));
    assert_eq!(resp.header("Cache-Control"), Some("no-store, no-cache"));
}

#[test]
fn refresh_works_per_resource_and_keeps_the_fixed_24_hours() {
    let mut w = World::new();
    let code = w.code(true);
    let (_, first) = w.redeem(&code, VERIFIER);
    let rt = first["refresh_token"].as_str().unwrap().to_owned();

    w.sim.advance(Duration::hours(23));
    let (status, arm) = w.refresh(&rt, ARM_SCOPE);
    assert_eq!(status, 200, "{arm}");
    let claims = payload(arm["access_token"].as_str().unwrap());
    assert_eq!(claims["aud"], "https://management.azure.com/");
    assert_eq!(claims["scp"], "user_impersonation");
    assert_eq!(claims["amr"], serde_json::json!(["pwd", "mfa"]), "MFA carries into refreshed tokens");
    let rotated = arm["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(rotated, rt);

    let (status, body) = w.refresh(&rt, &format!("{GRAPH_READ} {ARM_SCOPE}"));
    assert_eq!(aadsts(status, &body, "invalid_scope"), 70011, "one resource per token call");
    let (status, body) = w.refresh(&rt, "https://foo.microsoft.com/mail.read");
    assert_eq!(aadsts(status, &body, "invalid_scope"), 70011);
    assert!(body["error_description"]
        .as_str()
        .unwrap()
        .contains("The scope https://foo.microsoft.com/mail.read is not valid."));

    w.sim.advance(Duration::minutes(61));
    let (status, body) = w.refresh(&rotated, GRAPH_READ);
    assert_eq!(aadsts(status, &body, "invalid_grant"), 700084, "the rotated token inherits the expiry");
    assert!(body["error_description"].as_str().unwrap().contains("single page app (SPA)"));
}

#[test]
fn refresh_for_unconsented_permissions_needs_consent() {
    let mut w = World::new();
    let code = w.code(false);
    let (_, first) = w.redeem(&code, VERIFIER);
    let rt = first["refresh_token"].as_str().unwrap().to_owned();
    let (status, body) =
        w.refresh(&rt, "https://graph.microsoft.com/RoleManagementPolicy.ReadWrite.Directory");
    assert_eq!(aadsts(status, &body, "invalid_grant"), 65001);
}

#[test]
fn requested_authentication_context_is_offered_and_granted() {
    let mut w = World::new();
    let claims = r#"{"access_token":{"xms_cc":{"values":["cp1"]},"acrs":{"essential":true,"value":"c1"}}}"#;
    let page = w.browse(&w.authorize_url(&[("claims", claims)]));
    assert!(page.body.contains("asks for authentication context <strong>c1</strong>"), "{}", page.body);
    let done = w.browse(&submit(&page.body, &[("persona", ALEX), ("acrs", "c1"), ("action", "sign_in")]));
    let code = get(&redirect_params(&done), "code").unwrap().to_owned();
    let (_, body) = w.redeem(&code, VERIFIER);
    let at = payload(body["access_token"].as_str().unwrap());
    assert_eq!(at["acrs"], serde_json::json!(["c1"]));

    // Unticking the context's box signs in without it.
    let mut w = World::new();
    let page = w.browse(&w.authorize_url(&[("claims", claims)]));
    let done = w.browse(&submit(&page.body, &[("persona", ALEX), ("action", "sign_in")]));
    let code = get(&redirect_params(&done), "code").unwrap().to_owned();
    let (_, body) = w.redeem(&code, VERIFIER);
    assert_eq!(payload(body["access_token"].as_str().unwrap())["acrs"], serde_json::json!([]));
}

#[test]
fn mfa_checkbox_puts_mfa_in_amr() {
    let mut w = World::new();
    let code = w.code(true);
    let (_, body) = w.redeem(&code, VERIFIER);
    let at = payload(body["access_token"].as_str().unwrap());
    assert_eq!(at["amr"], serde_json::json!(["pwd", "mfa"]));
}
