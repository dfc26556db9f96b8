//! The app's real sign-in code (`auth::Session`) against the simulated tenant's identity
//! endpoints, over `SimTransport`: sign-in through the page, the callback read from the 302
//! `Location`, code redemption, the ARM token from the refresh token, step-up with an
//! authentication context, silent re-sign-in after the 24-hour refresh token dies, sign-out,
//! and the refusals of a tampered `state` and a replayed code. Proves the two sides agree.

#[path = "sim_identity_support.rs"]
mod support;

use std::cell::RefCell;
use std::rc::Rc;

use chrono::Duration;
use futures::executor::block_on;
use pim_console::auth::{
    complete_callback, AuthConfig, AuthContextId, AuthError, Claims, ManualClock, PendingSignIn, Prompt,
    RedirectReason, Session, SignInRandom,
};
use pim_console::graph::transport::LocalBoxFuture;
use pim_console::graph::{Api, HttpRequest, HttpResponse, Method, Transport, TransportError};
use pim_console::sim::{Sim, SimTransport, DEMO_CLIENT_ID};
use support::*;

/// What the browser's fetch adds to a cross-origin request: the page's `Origin`.
struct FromPage(SimTransport);

impl Transport for FromPage {
    fn send(&self, request: HttpRequest) -> LocalBoxFuture<'_, Result<HttpResponse, TransportError>> {
        self.0.send(request.with_header("Origin", ORIGIN))
    }

    fn sleep(&self, duration: std::time::Duration) -> LocalBoxFuture<'_, ()> {
        self.0.sleep(duration)
    }
}

/// The tenant, the app's session (its clock kept on the sim's virtual time) and a browser.
struct App {
    sim: Rc<RefCell<Sim>>,
    clock: Rc<ManualClock>,
    session: Session,
    cookie: Option<String>,
    seed: u8,
}

impl App {
    fn new() -> App {
        let sim = Rc::new(RefCell::new(Sim::demo(11, wall())));
        let clock = Rc::new(ManualClock::new(wall()));
        let tenant = sim.borrow().tenant_id().to_owned();
        let cfg = AuthConfig {
            login: sim.borrow().endpoints().login.clone(),
            tenant,
            client_id: DEMO_CLIENT_ID.into(),
            redirect_uri: REDIRECT.into(),
            graph_resource: "https://graph.microsoft.com".into(),
            arm_resource: "https://management.azure.com".into(),
        };
        let transport = Rc::new(FromPage(SimTransport::new(sim.clone(), wall)));
        let session = Session::new(cfg, transport, clock.clone());
        App { sim, clock, session, cookie: None, seed: 0 }
    }

    fn advance(&self, by: Duration) {
        self.sim.borrow_mut().advance(by);
        self.clock.advance(by);
    }

    /// A top-level navigation in the browser (cookie sent, `Set-Cookie` kept).
    fn browse(&mut self, url: &str) -> HttpResponse {
        let mut req = HttpRequest::new(Method::Get, url);
        if let Some(c) = &self.cookie {
            req = req.with_header("Cookie", c.clone());
        }
        let resp = self.sim.borrow_mut().handle(&req, wall());
        if let Some(set) = resp.header("Set-Cookie") {
            let pair = set.split(';').next().unwrap().trim().to_owned();
            self.cookie = (!set.contains("Max-Age=0")).then_some(pair);
        }
        resp
    }

    /// Starts a redirect for `plan` with fresh random bytes.
    fn begin(&mut self, plan: pim_console::auth::SignInPlan) -> (String, PendingSignIn) {
        self.seed += 1;
        let random = SignInRandom::from_bytes(&[self.seed; SignInRandom::LEN]);
        self.session.begin(plan, "/roles/activate", Some(serde_json::json!({"form": "kept"})), &random)
    }

    /// Navigates to `/authorize`; on the page picks Alex with `choices`; returns the callback URL.
    fn authorize(&mut self, url: &str, choices: &[(&str, &str)]) -> String {
        let resp = self.browse(url);
        let resp = if resp.status == 200 {
            let mut all = vec![("persona", ALEX), ("action", "sign_in")];
            all.extend_from_slice(choices);
            self.browse(&submit(&resp.body, &all))
        } else {
            resp
        };
        location(&resp)
    }

    /// A Graph call with the session's token.
    fn graph_get(&self, path: &str) -> HttpResponse {
        let token = block_on(self.session.access_token(Api::Graph, false)).expect("graph token");
        let req = HttpRequest::new(Method::Get, format!("https://graph.microsoft.com{path}"))
            .with_header("Authorization", format!("Bearer {}", token.expose()));
        self.sim.borrow_mut().handle(&req, wall())
    }
}

fn token_claims(app: &App, api: Api) -> serde_json::Value {
    payload(block_on(app.session.access_token(api, false)).expect("token").expose())
}

#[test]
fn the_apps_sign_in_code_runs_against_the_sim_end_to_end() {
    let mut app = App::new();

    // Sign in: the page, the callback, the redemption, the ID token checks.
    let (url, pending) = app.begin(app.session.sign_in_plan());
    let callback = app.authorize(&url, &[]);
    assert!(callback.starts_with(&format!("{REDIRECT}#code=")), "{callback}");
    let account = block_on(app.session.finish(&callback, &pending)).expect("signed in");
    assert_eq!(account.oid, ALEX);
    assert_eq!(account.tid, app.sim.borrow().tenant_id());
    assert_eq!(account.preferred_username.as_deref(), Some("alex@contoso.example"));
    assert_eq!(pending.resume, Some(serde_json::json!({"form": "kept"})));

    // The Graph token reads PIM; the ARM token comes from the refresh token, no prompt.
    let mine = app.graph_get(
        "/v1.0/roleManagement/directory/roleEligibilityScheduleInstances/filterByCurrentUser(on='principal')",
    );
    assert_eq!(mine.status, 200, "{}", mine.body);
    assert_eq!(token_claims(&app, Api::Arm)["aud"], "https://management.azure.com/");

    // A replayed code and a tampered state are refused.
    let replay = block_on(app.session.finish(&callback, &pending));
    assert!(matches!(replay, Err(AuthError::InvalidGrant(_))), "{replay:?}");
    let tampered = callback.replace("state=", "state=x");
    assert_eq!(complete_callback(&tampered, &pending), Err(AuthError::StateMismatch));

    // Step-up to authentication context c1: the page asks, the new token carries it.
    let c1 = AuthContextId::parse("c1").unwrap();
    let (url, pending) = app.begin(app.session.step_up_plan(Api::Graph, Claims::auth_context(&c1)));
    assert!(url.contains("xms_cc"), "cp1 merged into the claims");
    let page = app.browse(&url);
    assert!(page.body.contains("authentication context <strong>c1</strong>"));
    let callback = app.authorize(&url, &[("acrs", "c1"), ("mfa", "1")]);
    block_on(app.session.finish(&callback, &pending)).expect("stepped up");
    let claims = token_claims(&app, Api::Graph);
    assert_eq!(claims["acrs"], serde_json::json!(["c1"]));
    assert_eq!(claims["amr"], serde_json::json!(["pwd", "mfa"]));

    // A day later the refresh token is dead: a silent redirect, answered at once by the
    // directory session, restores the session without the page.
    app.advance(Duration::hours(25));
    let err = block_on(app.session.access_token(Api::Graph, true)).unwrap_err();
    let AuthError::RedirectRequired(plan) = err else { panic!("{err:?}") };
    assert_eq!(plan.prompt, Some(Prompt::None));
    assert_eq!(plan.reason, RedirectReason::SessionExpired);
    let (url, pending) = app.begin(*plan);
    let resp = app.browse(&url);
    assert_eq!(resp.status, 302, "silent: no page");
    block_on(app.session.finish(&location(&resp), &pending)).expect("silently signed in again");
    assert_eq!(app.graph_get("/v1.0/me").status, 200);

    // Sign-out ends the directory session: the next silent attempt needs the user.
    let logout = app.session.sign_out(REDIRECT);
    let resp = app.browse(&logout);
    assert_eq!(location(&resp), REDIRECT);
    assert!(app.cookie.is_none());
    let silent = app.session.plan(Api::Graph, RedirectReason::SessionExpired, Some(Prompt::None));
    let (url, pending) = app.begin(silent.clone());
    let resp = app.browse(&url);
    let err = block_on(app.session.finish(&location(&resp), &pending)).unwrap_err();
    assert!(matches!(err, AuthError::LoginRequired(_)), "{err:?}");
    let interactive = silent.after_silent_failure(&err).expect("an interactive retry");
    assert_eq!(interactive.prompt, None);
}

#[test]
fn mfa_re_authentication_with_prompt_login_shows_the_page_again() {
    let mut app = App::new();
    let (url, pending) = app.begin(app.session.sign_in_plan());
    let callback = app.authorize(&url, &[]);
    block_on(app.session.finish(&callback, &pending)).unwrap();
    assert_eq!(token_claims(&app, Api::Graph)["amr"], serde_json::json!(["pwd"]));

    let (url, pending) = app.begin(app.session.mfa_plan(Api::Graph));
    assert!(url.contains("prompt=login"));
    let page = app.browse(&url);
    assert_eq!(page.status, 200, "prompt=login shows the page despite the session");
    let callback = app.authorize(&url, &[("mfa", "1")]);
    block_on(app.session.finish(&callback, &pending)).unwrap();
    assert_eq!(token_claims(&app, Api::Graph)["amr"], serde_json::json!(["pwd", "mfa"]));
}

#[test]
fn without_the_browsers_origin_the_sim_refuses_the_redemption() {
    let sim = Rc::new(RefCell::new(Sim::demo(11, wall())));
    let cfg = AuthConfig {
        login: sim.borrow().endpoints().login.clone(),
        tenant: sim.borrow().tenant_id().to_owned(),
        client_id: DEMO_CLIENT_ID.into(),
        redirect_uri: REDIRECT.into(),
        graph_resource: "https://graph.microsoft.com".into(),
        arm_resource: "https://management.azure.com".into(),
    };
    let bare = Rc::new(SimTransport::new(sim.clone(), wall));
    let session = Session::new(cfg, bare, Rc::new(ManualClock::new(wall())));
    let (url, pending) =
        session.begin(session.sign_in_plan(), "/", None, &SignInRandom::from_bytes(&[9; SignInRandom::LEN]));
    let page = sim.borrow_mut().handle(&HttpRequest::new(Method::Get, &url), wall());
    let done = sim.borrow_mut().handle(
        &HttpRequest::new(Method::Get, submit(&page.body, &[("persona", ALEX), ("action", "sign_in")])),
        wall(),
    );
    let err = block_on(session.finish(&location(&done), &pending)).unwrap_err();
    assert!(matches!(err, AuthError::CrossOriginRequired(_)), "{err:?}");
}
