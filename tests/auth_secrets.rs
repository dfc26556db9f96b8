//! No token, code, verifier or refresh token appears in any URL built, any error message or any
//! `Debug` output, across a whole sign-in, refresh, failure and sign-out.

#[path = "auth_support.rs"]
mod support;

use std::rc::Rc;

use chrono::Duration;
use futures::executor::block_on;
use pim_console::auth::token_endpoint::parse_token_response;
use pim_console::auth::*;
use pim_console::graph::{Api, TokenProvider};
use support::*;

const SECRETS: [&str; 5] = ["SECRETCODE", "SECRETAT", "SECRETRT", "SECRETIDT", "SECRETVERIFIER"];

fn assert_clean(what: &str, text: &str) {
    for s in SECRETS {
        assert!(!text.contains(s), "{what} leaks {s}: {text}");
    }
}

#[test]
fn secrets_stay_out_of_urls_errors_and_debug_output() {
    let transport = Rc::new(ScriptedTransport::default());
    let clock = Rc::new(ManualClock::new(t0()));
    let session = Session::new(cfg(), transport.clone(), clock.clone());
    let mut out: Vec<(String, String)> = Vec::new();
    let mut note = |what: &str, text: String| out.push((what.to_owned(), text));

    let (url, mut pending) =
        begin_sign_in(&cfg(), session.sign_in_plan(), "/", None, &SignInRandom::from_bytes(&[1; 64]), t0());
    note("authorize url", url);
    // A recognisable verifier, so a leak would be caught by name.
    pending.verifier = CodeVerifier::new("SECRETVERIFIER-0123456789-0123456789-0123456789");
    note("pending debug", format!("{pending:?}"));
    let redemption =
        complete_callback(&format!("#code=SECRETCODE-1&state={}", pending.state.0), &pending).unwrap();
    note("redemption debug", format!("{redemption:?}"));

    let id_claims = id_claims(&pending.nonce.0, t0() + Duration::hours(1));
    let id = jwt(&id_claims);
    let id_marked = format!("{id}SECRETIDT");
    let reply = token_ok("SECRETAT-graph", Some("SECRETRT-1"), Some(&id), 3600);
    note("token response debug", format!("{:?}", parse_token_response(reply.as_ref().unwrap()).unwrap()));
    transport.reply(reply);
    let account = block_on(session.complete_sign_in(redemption)).unwrap();
    note("account debug", format!("{account:?}"));
    note("persisted debug", format!("{:?}", session.persisted()));
    // A wrong ID token: the errors name the problem, never the token.
    let bad = validate_id_token(&id_marked, &cfg(), &Nonce("other".into()), TENANT, t0()).unwrap_err();
    note("id token error", format!("{bad} {bad:?}"));

    // Refresh (ARM), then a refused refresh, then a network failure.
    transport.reply(token_ok("SECRETAT-arm", Some("SECRETRT-2"), None, 3600));
    block_on(session.access_token(Api::Arm, false)).unwrap();
    transport.reply(token_err(400, "invalid_grant", "AADSTS700082: The refresh token has expired.", 700082));
    let refused = block_on(session.access_token(Api::Graph, true)).unwrap_err();
    note("refused error", format!("{refused} {refused:?}"));
    let through_seam = block_on(TokenProvider::access_token(&session, Api::Graph, false)).unwrap_err();
    note("token error", format!("{through_seam} {through_seam:?}"));
    if let AuthError::RedirectRequired(plan) = &refused {
        let (url, _) =
            begin_sign_in(&cfg(), (**plan).clone(), "/", None, &SignInRandom::from_bytes(&[2; 64]), t0());
        note("silent re-sign-in url", url);
    }
    let step_up =
        session.step_up_plan(Api::Graph, Claims::auth_context(&AuthContextId::parse("c1").unwrap()));
    note(
        "step-up url",
        begin_sign_in(&cfg(), step_up, "/", None, &SignInRandom::from_bytes(&[3; 64]), t0()).0,
    );

    for request in transport.requests.borrow().iter() {
        note("request url", request.url.clone());
        note("request debug", format!("{request:?}"));
    }
    note("logout url", session.sign_out("https://pim.contoso.com/"));

    assert!(out.len() >= 15);
    for (what, text) in &out {
        assert_clean(what, text);
    }
    // The secrets did travel where they must: the token endpoint's form bodies.
    let bodies: String = transport.requests.borrow().iter().filter_map(|r| r.body.clone()).collect();
    assert!(
        bodies.contains("SECRETCODE-1") && bodies.contains("SECRETVERIFIER") && bodies.contains("SECRETRT-1")
    );
}
