//! The token manager: sign-in completion, expiry arithmetic, the fixed 24 h refresh token,
//! single-flight refresh, the session version, redirects when the session is dead.

#[path = "auth_support.rs"]
mod support;

use std::cell::RefCell;
use std::rc::Rc;

use chrono::Duration;
use futures::executor::{block_on, LocalPool};
use futures::task::LocalSpawnExt;
use pim_console::auth::*;
use pim_console::graph::{Api, TokenError, TokenProvider};
use serde_json::json;
use support::*;

struct Rig {
    session: Session,
    transport: Rc<ScriptedTransport>,
    clock: Rc<ManualClock>,
    saved: Rc<RefCell<Vec<Option<PersistedSession>>>>,
}

fn rig() -> Rig {
    let transport = Rc::new(ScriptedTransport::default());
    let clock = Rc::new(ManualClock::new(t0()));
    let session = Session::new(cfg(), transport.clone(), clock.clone());
    let saved = Rc::new(RefCell::new(Vec::new()));
    let log = saved.clone();
    session.on_persist(move |record| log.borrow_mut().push(record.cloned()));
    Rig { session, transport, clock, saved }
}

fn random(seed: u8) -> SignInRandom {
    SignInRandom::from_bytes(&[seed; SignInRandom::LEN])
}

/// Runs a whole sign-in as the glue would: begin, store, redirect, callback, finish.
fn sign_in(rig: &Rig, plan: SignInPlan, access: &str, refresh: &str) -> (Account, PendingSignIn) {
    let (_, pending) = rig.session.begin(plan, "/roles", None, &random(3));
    let stored = serde_json::to_string(&pending).unwrap();
    let pending: PendingSignIn = serde_json::from_str(&stored).unwrap();
    let callback = format!("#code=code-{access}&state={}", pending.state.0);
    let id = jwt(&id_claims(&pending.nonce.0, rig.clock.now() + Duration::hours(1)));
    rig.transport.reply(token_ok(access, Some(refresh), Some(&id), 3600));
    let account = block_on(rig.session.finish(&callback, &pending)).unwrap();
    (account, pending)
}

fn signed_in() -> Rig {
    let rig = rig();
    let plan = rig.session.sign_in_plan();
    sign_in(&rig, plan, "at-graph-1", "rt-1");
    rig
}

fn token(rig: &Rig, api: Api, fresh: bool) -> Result<String, AuthError> {
    block_on(rig.session.access_token(api, fresh)).map(|t| t.expose().to_owned())
}

#[test]
fn sign_in_installs_account_tokens_and_storage_record() {
    let rig = signed_in();
    let account = rig.session.account().unwrap();
    assert_eq!(account.oid, "00000000-0000-0000-66f3-3332eca7ea81");
    assert_eq!(rig.transport.token_calls(), 1);
    assert_eq!(token(&rig, Api::Graph, false).unwrap(), "at-graph-1");
    assert_eq!(rig.transport.token_calls(), 1, "cached token, no /token call");
    let saved = rig.saved.borrow().last().cloned().flatten().unwrap();
    assert_eq!(saved.refresh_token.expose(), "rt-1");
    assert_eq!(saved.refresh_expires_at, t0() + SPA_REFRESH_TOKEN_LIFETIME);
    assert_eq!(saved.tenant, TENANT);
}

#[test]
fn arm_token_comes_from_the_refresh_token_without_a_prompt() {
    let rig = signed_in();
    rig.transport.reply(token_ok("at-arm-1", Some("rt-2"), None, 3600));
    assert_eq!(token(&rig, Api::Arm, false).unwrap(), "at-arm-1");
    let form = rig.transport.form(1);
    assert_eq!(param(&form, "grant_type"), Some("refresh_token"));
    assert_eq!(param(&form, "refresh_token"), Some("rt-1"));
    assert_eq!(
        param(&form, "scope"),
        Some("openid profile offline_access https://management.azure.com/user_impersonation")
    );
    // Graph stays cached; the rotated refresh token replaces the old one.
    assert_eq!(token(&rig, Api::Graph, false).unwrap(), "at-graph-1");
    assert_eq!(rig.session.persisted().unwrap().refresh_token.expose(), "rt-2");
}

#[test]
fn access_tokens_refresh_five_minutes_before_expiry() {
    let rig = signed_in();
    rig.clock.advance(Duration::minutes(55) - Duration::seconds(1));
    assert_eq!(token(&rig, Api::Graph, false).unwrap(), "at-graph-1");
    assert_eq!(rig.transport.token_calls(), 1);
    rig.clock.advance(Duration::seconds(1));
    rig.transport.reply(token_ok("at-graph-2", Some("rt-2"), None, 3600));
    assert_eq!(token(&rig, Api::Graph, false).unwrap(), "at-graph-2");
    assert_eq!(rig.transport.token_calls(), 2);
    let form = rig.transport.form(1);
    assert!(param(&form, "scope")
        .unwrap()
        .contains("https://graph.microsoft.com/RoleEligibilitySchedule.Read.Directory"));
    assert!(!param(&form, "scope").unwrap().contains("management.azure.com"));
    // The new token counts from the refresh time.
    rig.clock.advance(Duration::minutes(54));
    assert_eq!(token(&rig, Api::Graph, false).unwrap(), "at-graph-2");
}

#[test]
fn fresh_forces_exactly_one_refresh() {
    let rig = signed_in();
    rig.transport.reply(token_ok("at-graph-2", Some("rt-2"), None, 3600));
    assert_eq!(token(&rig, Api::Graph, true).unwrap(), "at-graph-2");
    assert_eq!(token(&rig, Api::Graph, false).unwrap(), "at-graph-2");
    assert_eq!(rig.transport.token_calls(), 2);
}

#[test]
fn refresh_token_lifetime_is_fixed_not_sliding() {
    let rig = signed_in();
    rig.clock.advance(Duration::hours(23));
    rig.transport.reply(token_ok("at-graph-2", Some("rt-2"), None, 3600));
    assert_eq!(token(&rig, Api::Graph, false).unwrap(), "at-graph-2");
    let saved = rig.session.persisted().unwrap();
    assert_eq!(saved.refresh_token.expose(), "rt-2");
    assert_eq!(saved.refresh_expires_at, t0() + Duration::hours(24), "rotated token inherits the expiry");
    // At 24 h the session is dead even though the access token would still be refreshable.
    rig.clock.advance(Duration::hours(1));
    let Err(AuthError::RedirectRequired(plan)) = token(&rig, Api::Graph, false) else {
        panic!("expected redirect")
    };
    assert_eq!(rig.transport.token_calls(), 2, "no /token call with a dead refresh token");
    assert_eq!(plan.prompt, Some(Prompt::None), "silent first");
    assert_eq!(plan.reason, RedirectReason::SessionExpired);
    assert_eq!(plan.login_hint.as_deref(), Some("O.CiQ-hint"));
    assert_eq!(rig.session.redirect_needed().as_ref(), Some(&*plan));
    // The silent trip comes back with login_required: then interactive, same place.
    let login_required =
        AuthError::LoginRequired(ServerError { error: "login_required".into(), ..Default::default() });
    let interactive = plan.after_silent_failure(&login_required).unwrap();
    assert_eq!(interactive.prompt, None);
    // Through the Graph client's seam it is "sign-in required".
    let e = block_on(TokenProvider::access_token(&rig.session, Api::Graph, false)).unwrap_err();
    assert!(matches!(e, TokenError::SignInRequired(_)));
}

#[test]
fn server_lifetime_for_the_refresh_token_is_honoured() {
    let rig = rig();
    let (_, pending) = begin_sign_in(&cfg(), rig.session.sign_in_plan(), "/", None, &random(1), t0());
    let r = complete_callback(&format!("#code=c&state={}", pending.state.0), &pending).unwrap();
    let id = jwt(&id_claims(&pending.nonce.0, t0() + Duration::hours(1)));
    let body = json!({"access_token":"a","token_type":"Bearer","expires_in":3600,"scope":"s","refresh_token":"r",
        "refresh_token_expires_in":3600,"id_token":id});
    rig.transport.reply(Ok(pim_console::graph::HttpResponse::new(200, body.to_string())));
    block_on(rig.session.complete_sign_in(r)).unwrap();
    assert_eq!(rig.session.persisted().unwrap().refresh_expires_at, t0() + Duration::hours(1));
}

#[test]
fn concurrent_callers_share_one_refresh() {
    let rig = signed_in();
    rig.clock.advance(Duration::minutes(58));
    let release = rig.transport.hold();
    let mut pool = LocalPool::new();
    let results = Rc::new(RefCell::new(Vec::new()));
    for fresh in [false, false, true, false] {
        let (session, results) = (rig.session.clone(), results.clone());
        pool.spawner()
            .spawn_local(async move {
                let t = session.access_token(Api::Graph, fresh).await;
                results.borrow_mut().push(t.map(|t| t.expose().to_owned()));
            })
            .unwrap();
    }
    pool.run_until_stalled();
    assert_eq!(rig.transport.token_calls(), 2, "one redemption, one refresh in flight");
    assert!(results.borrow().is_empty(), "everyone waits");
    release.send(token_ok("at-graph-2", Some("rt-2"), None, 3600)).unwrap();
    pool.run_until_stalled();
    assert_eq!(*results.borrow(), vec![Ok("at-graph-2".to_owned()); 4]);
    assert_eq!(rig.transport.token_calls(), 2);
    // The next caller after the flight uses the cache.
    assert_eq!(token(&rig, Api::Graph, false).unwrap(), "at-graph-2");
    assert_eq!(rig.transport.token_calls(), 2);
}

#[test]
fn refreshes_of_two_resources_do_not_race_the_rotating_refresh_token() {
    let rig = signed_in();
    rig.clock.advance(Duration::minutes(58));
    let graph_release = rig.transport.hold();
    rig.transport.reply(token_ok("at-arm-1", Some("rt-3"), None, 3600));
    let mut pool = LocalPool::new();
    let results = Rc::new(RefCell::new(Vec::new()));
    for api in [Api::Graph, Api::Arm] {
        let (session, results) = (rig.session.clone(), results.clone());
        pool.spawner()
            .spawn_local(async move {
                let t = session.access_token(api, false).await.unwrap();
                results.borrow_mut().push((api, t.expose().to_owned()));
            })
            .unwrap();
    }
    pool.run_until_stalled();
    assert_eq!(rig.transport.token_calls(), 2, "ARM waits for the Graph refresh");
    graph_release.send(token_ok("at-graph-2", Some("rt-2"), None, 3600)).unwrap();
    pool.run_until_stalled();
    assert_eq!(rig.transport.token_calls(), 3);
    assert_eq!(param(&rig.transport.form(2), "refresh_token"), Some("rt-2"), "ARM used the rotated token");
    assert_eq!(*results.borrow(), vec![(Api::Graph, "at-graph-2".into()), (Api::Arm, "at-arm-1".into())]);
    assert_eq!(rig.session.persisted().unwrap().refresh_token.expose(), "rt-3");
}

#[test]
fn a_late_refresh_cannot_overwrite_a_newer_session() {
    let rig = signed_in();
    let old_version = rig.session.version();
    rig.clock.advance(Duration::minutes(58));
    let release = rig.transport.hold();
    let mut pool = LocalPool::new();
    let late = Rc::new(RefCell::new(None));
    {
        let (session, late) = (rig.session.clone(), late.clone());
        pool.spawner()
            .spawn_local(
                async move { *late.borrow_mut() = Some(session.access_token(Api::Graph, false).await) },
            )
            .unwrap();
    }
    pool.run_until_stalled();
    // Meanwhile the user signs in again (another account or tenant, or a reload restore).
    let plan = rig.session.sign_in_plan();
    sign_in(&rig, plan, "at-new-session", "rt-new");
    assert!(rig.session.version() > old_version);
    release.send(token_ok("at-from-old-session", Some("rt-from-old-session"), None, 3600)).unwrap();
    pool.run_until_stalled();
    assert_eq!(late.borrow_mut().take(), Some(Err(AuthError::SessionChanged)));
    assert_eq!(rig.session.persisted().unwrap().refresh_token.expose(), "rt-new");
    assert_eq!(token(&rig, Api::Graph, false).unwrap(), "at-new-session");
    assert!(rig.saved.borrow().iter().flatten().all(|s| s.refresh_token.expose() != "rt-from-old-session"));
}

#[test]
fn sign_out_during_refresh_leaves_nothing_behind() {
    let rig = signed_in();
    rig.clock.advance(Duration::minutes(58));
    let release = rig.transport.hold();
    let mut pool = LocalPool::new();
    let late = Rc::new(RefCell::new(None));
    {
        let (session, late) = (rig.session.clone(), late.clone());
        pool.spawner()
            .spawn_local(
                async move { *late.borrow_mut() = Some(session.access_token(Api::Graph, false).await) },
            )
            .unwrap();
    }
    pool.run_until_stalled();
    let url = rig.session.sign_out("https://pim.contoso.com/");
    assert!(url.starts_with(&format!("https://login.microsoftonline.com/{TENANT}/oauth2/v2.0/logout?")));
    assert!(url.ends_with("&logout_hint=O.CiQ-hint"));
    assert_eq!(rig.saved.borrow().last(), Some(&None), "storage record deleted");
    release.send(token_ok("at-late", Some("rt-late"), None, 3600)).unwrap();
    pool.run_until_stalled();
    assert_eq!(late.borrow_mut().take(), Some(Err(AuthError::SessionChanged)));
    assert_eq!(rig.session.persisted(), None);
    let Err(AuthError::RedirectRequired(plan)) = token(&rig, Api::Graph, false) else { panic!() };
    assert_eq!((plan.reason, plan.prompt), (RedirectReason::SignIn, None));
}

#[test]
fn reload_restores_from_storage_with_the_live_access_token_then_refreshes() {
    let first = signed_in();
    let saved = first.session.persisted().unwrap();
    let stored = serde_json::to_string(&saved).unwrap();
    let rig = rig();
    rig.clock.set(first.clock.now());
    rig.session.restore(serde_json::from_str(&stored).unwrap());
    // The Graph token of the first page is still good: the reload reads data without a /token call.
    assert_eq!(token(&rig, Api::Graph, false).unwrap(), "at-graph-1");
    assert_eq!(rig.transport.token_calls(), 0);
    assert_eq!(rig.session.account(), first.session.account());
    // ARM had no token yet, and Graph's runs out: both come from the refresh token.
    rig.transport.reply(token_ok("at-arm", Some("rt-2"), None, 3600));
    assert_eq!(token(&rig, Api::Arm, false).unwrap(), "at-arm");
    assert_eq!(param(&rig.transport.form(0), "refresh_token"), Some("rt-1"));
    rig.clock.advance(Duration::minutes(56));
    rig.transport.reply(token_ok("at-after-reload", Some("rt-3"), None, 3600));
    assert_eq!(token(&rig, Api::Graph, false).unwrap(), "at-after-reload");
    assert_eq!(param(&rig.transport.form(1), "refresh_token"), Some("rt-2"));
    // The stored record now carries both live tokens.
    let record = rig.saved.borrow().last().cloned().flatten().unwrap();
    assert_eq!(record.graph_token.map(|t| t.token.expose().to_owned()).as_deref(), Some("at-after-reload"));
    assert_eq!(record.arm_token.map(|t| t.token.expose().to_owned()).as_deref(), Some("at-arm"));
}

#[test]
fn a_record_from_before_tokens_were_kept_still_restores() {
    let first = signed_in();
    let mut stored = serde_json::to_value(first.session.persisted().unwrap()).unwrap();
    stored.as_object_mut().unwrap().remove("graph_token");
    let rig = rig();
    rig.session.restore(serde_json::from_value(stored).unwrap());
    rig.transport.reply(token_ok("at-fresh", Some("rt-2"), None, 3600));
    assert_eq!(token(&rig, Api::Graph, false).unwrap(), "at-fresh");
}

#[test]
fn refused_refresh_becomes_the_right_redirect() {
    let rig = signed_in();
    rig.transport.reply(token_err(400, "invalid_grant", "AADSTS700084: The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00", 700084));
    let Err(AuthError::RedirectRequired(plan)) = token(&rig, Api::Graph, true) else { panic!() };
    assert_eq!((plan.reason.clone(), plan.prompt), (RedirectReason::SessionExpired, Some(Prompt::None)));
    let again = token(&rig, Api::Arm, false);
    assert!(matches!(again, Err(AuthError::RedirectRequired(p)) if p.prompt == Some(Prompt::None)));
    assert_eq!(rig.transport.token_calls(), 2, "a dead refresh token is not sent again");

    let rig = signed_in();
    rig.transport.reply(token_err(
        400,
        "invalid_grant",
        "AADSTS65001: The user or administrator has not consented",
        65001,
    ));
    let Err(AuthError::RedirectRequired(plan)) = token(&rig, Api::Arm, false) else { panic!() };
    assert_eq!((plan.reason.clone(), plan.prompt, plan.api), (RedirectReason::Consent, None, Api::Arm));
    assert_eq!(token(&rig, Api::Graph, false).unwrap(), "at-graph-1", "Graph still works");

    let rig = signed_in();
    rig.transport.reply(Err(pim_console::graph::TransportError::Timeout));
    assert!(matches!(token(&rig, Api::Arm, false), Err(AuthError::Network(_))));
    rig.transport.reply(token_ok("at-arm-1", None, None, 3600));
    assert_eq!(token(&rig, Api::Arm, false).unwrap(), "at-arm-1", "a network failure is retried next time");
}

#[test]
fn incremental_consent_adds_scopes_to_later_refreshes() {
    let rig = signed_in();
    assert!(!rig.session.has_consented(Feature::ActivationWrites));
    let plan = rig.session.consent_plan(Feature::ActivationWrites);
    assert_eq!(plan.reason, RedirectReason::Consent);
    assert!(
        plan.scopes.iter().any(|s| s.ends_with("RoleEligibilitySchedule.Read.Directory")),
        "keeps read scopes"
    );
    sign_in(&rig, plan, "at-graph-rw", "rt-rw");
    assert!(rig.session.has_consented(Feature::ActivationWrites) && rig.session.has_consented(Feature::Read));
    rig.transport.reply(token_ok("at-graph-rw-2", Some("rt-rw-2"), None, 3600));
    token(&rig, Api::Graph, true).unwrap();
    let scope = param(&rig.transport.form(2), "scope").unwrap().to_owned();
    assert!(
        scope.contains("RoleAssignmentSchedule.ReadWrite.Directory") && scope.contains(".Read.Directory")
    );
}

#[test]
fn step_up_resumes_the_pending_operation_with_a_stronger_token() {
    let rig = signed_in();
    let challenge = parse_pim_challenge("&claims=%7B%22access_token%22%3A%7B%22acrs%22%3A%7B%22essential%22%3Atrue%2C%20%22value%22%3A%22c1%22%7D%7D%7D").unwrap();
    let plan = rig.session.step_up_plan(Api::Graph, challenge);
    assert_eq!(plan.reason, RedirectReason::StepUp(AuthContextId::parse("c1")));
    let resume = json!({"op":"activate","roleDefinitionId":"62e90394","justification":"incident 7"});
    let (url, pending) =
        begin_sign_in(&cfg(), plan, "/roles", Some(resume.clone()), &random(9), rig.clock.now());
    let claims = pim_console::auth::encode::parse_params(&url);
    let claims: serde_json::Value = serde_json::from_str(param(&claims, "claims").unwrap()).unwrap();
    assert_eq!(
        claims,
        json!({"access_token":{"xms_cc":{"values":["cp1"]},"acrs":{"essential":true,"value":"c1"}}})
    );
    // Back from the redirect: the stored record gives the operation back, the new token is used.
    let pending: PendingSignIn = serde_json::from_str(&serde_json::to_string(&pending).unwrap()).unwrap();
    assert_eq!(pending.resume, Some(resume));
    let r = complete_callback(&format!("#code=c2&state={}", pending.state.0), &pending).unwrap();
    let id = jwt(&id_claims(&pending.nonce.0, rig.clock.now() + Duration::hours(1)));
    rig.transport.reply(token_ok("at-with-acrs-c1", Some("rt-2"), Some(&id), 3600));
    block_on(rig.session.complete_sign_in(r)).unwrap();
    assert_eq!(token(&rig, Api::Graph, false).unwrap(), "at-with-acrs-c1");
}

#[test]
fn mfa_and_tenant_switch_plans() {
    let rig = signed_in();
    let mfa = rig.session.mfa_plan(Api::Graph);
    assert_eq!((mfa.prompt, mfa.reason), (Some(Prompt::Login), RedirectReason::Mfa));
    assert!(MFA_STILL_REFUSED.contains("Conditional Access"));
    let switch = rig.session.tenant_switch_plan("fabrikam.onmicrosoft.com");
    let (url, pending) = begin_sign_in(&cfg(), switch, "/", None, &random(5), t0());
    assert!(url.contains("/fabrikam.onmicrosoft.com/oauth2/v2.0/authorize?"));
    let r = complete_callback(&format!("#code=c&state={}", pending.state.0), &pending).unwrap();
    assert_eq!(r.tenant, "fabrikam.onmicrosoft.com");
}
