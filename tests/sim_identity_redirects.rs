//! The browser side of the simulated identity endpoints: `prompt=none` with and without a
//! directory session, sign-out, refusals on the redirect versus error pages, response modes.

#[path = "sim_identity_support.rs"]
mod support;

use pim_console::sim::{Sim, DEMO_CLIENT_ID};
use support::*;

fn error_of(resp: &pim_console::graph::HttpResponse) -> (String, String) {
    let p = redirect_params(resp);
    assert_eq!(get(&p, "state"), Some("st-123"), "state is echoed on errors too");
    assert!(get(&p, "code").is_none());
    (get(&p, "error").unwrap().to_owned(), get(&p, "error_description").unwrap().to_owned())
}

#[test]
fn prompt_none_without_a_session_comes_back_login_required() {
    let mut w = World::new();
    let resp = w.browse(&w.authorize_url(&[("prompt", "none")]));
    let (error, description) = error_of(&resp);
    assert_eq!(error, "login_required");
    assert!(description.starts_with("AADSTS50058: "), "{description}");
    assert!(location(&resp).starts_with(&format!("{REDIRECT}#")));
}

#[test]
fn prompt_none_with_a_session_answers_at_once_and_logout_ends_it() {
    let mut w = World::new();
    w.code(true);
    assert!(w.cookie.is_some());
    let resp = w.browse(&w.authorize_url(&[("prompt", "none")]));
    let params = redirect_params(&resp);
    let code = get(&params, "code").expect("silent code").to_owned();
    let (status, body) = w.redeem(&code, VERIFIER);
    assert_eq!(status, 200);
    assert_eq!(payload(body["access_token"].as_str().unwrap())["amr"], serde_json::json!(["pwd", "mfa"]));

    // Without prompt, the live session signs in without the page (single sign-on).
    let resp = w.browse(&w.authorize_url(&[]));
    assert!(get(&redirect_params(&resp), "code").is_some(), "single sign-on");

    // The session cannot satisfy an authentication context it never did.
    let claims = r#"{"access_token":{"acrs":{"essential":true,"value":"c2"}}}"#;
    let resp = w.browse(&w.authorize_url(&[("prompt", "none"), ("claims", claims)]));
    assert_eq!(error_of(&resp).0, "interaction_required");
    // Nor answer for another account.
    let resp = w.browse(&w.authorize_url(&[("prompt", "none"), ("login_hint", "casey@contoso.example")]));
    assert_eq!(error_of(&resp).0, "login_required");
    // prompt=login always shows the page.
    let resp = w.browse(&w.authorize_url(&[("prompt", "login")]));
    assert_eq!(resp.status, 200);
    assert!(resp.body.contains("value=\"6e3a1c52-8d4b-4f0e-9a71-2b5c8d9e0f11\" required checked"));

    let logout = format!(
        "{LOGIN}/{}/oauth2/v2.0/logout?post_logout_redirect_uri={}&logout_hint=x",
        w.tenant(),
        pim_console::auth::encode::percent_encode(REDIRECT)
    );
    let resp = w.browse(&logout);
    assert_eq!(location(&resp), REDIRECT);
    assert!(resp.header("Set-Cookie").unwrap().contains("Max-Age=0"));
    assert!(w.cookie.is_none());
    let resp = w.browse(&w.authorize_url(&[("prompt", "none")]));
    assert_eq!(error_of(&resp).0, "login_required");
}

#[test]
fn a_stolen_cookie_is_useless_after_logout() {
    let mut w = World::new();
    w.code(false);
    let stolen = w.cookie.clone();
    let logout = format!("{LOGIN}/{}/oauth2/v2.0/logout", w.tenant());
    let resp = w.browse(&logout);
    assert_eq!(resp.status, 200, "no registered return address: a signed-out page");
    assert!(resp.body.contains("You signed out"));
    w.cookie = stolen;
    let resp = w.browse(&w.authorize_url(&[("prompt", "none")]));
    assert_eq!(error_of(&resp).0, "login_required");
    let evil = format!(
        "{LOGIN}/{}/oauth2/v2.0/logout?post_logout_redirect_uri=https%3A%2F%2Fevil.example%2F",
        w.tenant()
    );
    let resp = w.browse(&evil);
    assert_eq!(resp.status, 200, "never an open redirect");
    assert!(resp.header("Location").is_none());
}

#[test]
fn tampered_redirect_uri_or_client_gets_an_error_page_not_a_redirect() {
    let mut w = World::new();
    let resp = w.browse(&w.authorize_url(&[("redirect_uri", "https://evil.example/")]));
    assert_eq!(resp.status, 400);
    assert!(resp.header("Location").is_none());
    assert!(resp.body.contains("AADSTS50011"), "{}", resp.body);
    assert!(resp.body.contains("https://evil.example/"));
    let resp = w.browse(&w.authorize_url(&[("client_id", "00000000-1111-2222-3333-444444444444")]));
    assert_eq!(resp.status, 400);
    assert!(resp.body.contains("AADSTS700016"));
    let resp = w.browse(&w.authorize_url(&[]).replace(&w.tenant(), "fabrikam.example"));
    assert!(resp.body.contains("AADSTS90002"));
    let resp = w.browse(&w.authorize_url(&[("redirect_uri", "http://127.0.0.1:8080/\r\nSet-Cookie: x=1")]));
    assert_eq!(resp.status, 400, "no header injection through a loopback redirect URI");
    assert!(resp.header("Location").is_none());

    // The form's hidden redirect_uri edited on the way to /complete: refused the same way.
    let page = w.browse(&w.authorize_url(&[]));
    let tampered = submit(&page.body, &[("persona", ALEX)]).replace("127.0.0.1%3A8080", "evil.example");
    let resp = w.browse(&tampered);
    assert_eq!(resp.status, 400);
    assert!(resp.header("Location").is_none());

    // A code is bound to its redirect URI, even another registered one.
    let code = w.code(false);
    let (status, body, _) = w.token(
        &[
            ("client_id", DEMO_CLIENT_ID),
            ("scope", "openid"),
            ("code", &code),
            ("redirect_uri", "http://127.0.0.1:9999/"),
            ("grant_type", "authorization_code"),
            ("code_verifier", VERIFIER),
        ],
        Some(ORIGIN),
    );
    assert_eq!(aadsts(status, &body, "invalid_grant"), 70000);
}

#[test]
fn pkce_s256_and_response_type_code_are_required() {
    let mut w = World::new();
    let resp = w.browse(&w.authorize_url(&[("code_challenge", ""), ("code_challenge_method", "")]));
    let (error, description) = error_of(&resp);
    assert_eq!(error, "invalid_request");
    assert!(description.starts_with("AADSTS9002325: "), "{description}");
    let resp = w.browse(&w.authorize_url(&[("code_challenge_method", "plain")]));
    assert_eq!(error_of(&resp).0, "invalid_request");
    let resp = w.browse(&w.authorize_url(&[("response_type", "token")]));
    let (error, description) = error_of(&resp);
    assert_eq!(error, "unsupported_response_type");
    assert!(description.starts_with("AADSTS700054: "));
    let resp = w.browse(&w.authorize_url(&[("scope", "openid https://foo.microsoft.com/mail.read")]));
    assert_eq!(error_of(&resp).0, "invalid_scope");
}

#[test]
fn query_mode_cancel_and_choose_a_persona() {
    let mut w = World::new();
    let resp = w.sign_in(&[("response_mode", "query")], &[("persona", ALEX)]);
    assert!(location(&resp).starts_with(&format!("{REDIRECT}?code=")), "{}", location(&resp));

    let resp = w.sign_in(&[], &[("action", "cancel")]);
    let (error, description) = error_of(&resp);
    assert_eq!(error, "access_denied");
    assert!(description.starts_with("AADSTS65004: "));

    let page = w.browse(&w.authorize_url(&[("prompt", "login")]));
    let resp = w.browse(&submit(&page.body, &[("action", "sign_in")]));
    assert_eq!(resp.status, 200, "no persona: the page again");
    assert!(resp.body.contains("Choose a persona to sign in as."));
}

#[test]
fn codes_and_refresh_tokens_survive_a_snapshot() {
    let mut w = World::new();
    let code = w.code(false);
    w.sim = Sim::restore(&w.sim.snapshot()).expect("restore");
    let (status, body) = w.redeem(&code, VERIFIER);
    assert_eq!(status, 200, "{body}");
    let rt = body["refresh_token"].as_str().unwrap().to_owned();
    assert!(!w.sim.snapshot().contains(&rt), "refresh tokens are stored only as hashes");
    w.sim = Sim::restore(&w.sim.snapshot()).expect("restore");
    assert_eq!(w.refresh(&rt, ARM_SCOPE).0, 200);
}

#[test]
fn registered_apps_match_redirect_uris_exactly() {
    let mut w = World::new();
    let client = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    assert!(w.sim.register_app("not-a-guid", &["https://pim.contoso.com/"]).is_err());
    assert!(w.sim.register_app(client, &["https://pim.contoso.com/#x"]).is_err());
    w.sim.register_app(client, &["https://pim.contoso.com/"]).unwrap();
    let url = |uri: &str| w.authorize_url(&[("client_id", client), ("redirect_uri", uri)]);
    let (ok, slashless) = (url("https://pim.contoso.com/"), url("https://pim.contoso.com"));
    assert_eq!(w.browse(&ok).status, 200);
    assert_eq!(w.browse(&slashless).status, 400, "exact match: the trailing slash counts");
}

#[test]
fn a_satisfied_authentication_context_stays_with_the_directory_session() {
    let mut w = World::new();
    let claims = r#"{"access_token":{"acrs":{"essential":true,"value":"c1"}}}"#;
    let done = w.sign_in(&[("claims", claims)], &[("persona", ALEX), ("acrs", "c1"), ("action", "sign_in")]);
    assert!(get(&redirect_params(&done), "code").is_some());
    // Plain silent sign-in: the token carries no acrs nobody asked for.
    let resp = w.browse(&w.authorize_url(&[("prompt", "none")]));
    let code = get(&redirect_params(&resp), "code").unwrap().to_owned();
    let (_, body) = w.redeem(&code, VERIFIER);
    assert_eq!(payload(body["access_token"].as_str().unwrap())["acrs"], serde_json::json!([]));
    // Asking for c1 again: answered silently, with c1.
    let resp = w.browse(&w.authorize_url(&[("prompt", "none"), ("claims", claims)]));
    let code = get(&redirect_params(&resp), "code").expect("silent step-up").to_owned();
    let (_, body) = w.redeem(&code, VERIFIER);
    assert_eq!(payload(body["access_token"].as_str().unwrap())["acrs"], serde_json::json!(["c1"]));
}
