//! A real peer: the app's own sign-in (src/auth, src/platform/signin.rs, the sign-in page and
//! the callback page) in headless Chromium against `oidc-provider`, a certified OpenID Provider
//! (tests/peer/provider.js, run with node on loopback), configured as the Microsoft identity
//! platform looks to the app: Entra's paths and issuer, a public client with PKCE required,
//! refresh tokens, CORS on the token endpoint. Nothing of the simulated tenant is involved.
//!
//! Graph and ARM are a stand-in on the provider's origin that checks the bearer token came from
//! the provider and answers 501: this test is about sign-in, not about the data pages.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use fantoccini::Locator;
use pim_console::auth::{AuthConfig, Feature};
use pim_console::config::{parse_config, AppConfig};
use serde_json::{json, Value};
use support::browser::Browser;
use support::server::{ConfigFile, TestServer};

const TENANT: &str = "3f2a9c1e-5b7d-4e8f-a1c2-6d4b8e0f9a37";
const CLIENT: &str = "c4e5f6a7-1b2c-4d3e-8f9a-0b1c2d3e4f5a";
const ARM_SCOPE: &str = "https://management.azure.com/user_impersonation";
/// What the browser logs while [`Rig::hold_the_app`] blocks the app's wasm: its loader's fetch.
const HELD_APP: &str = "Uncaught TypeError: Failed to fetch";

/// `node tests/peer/provider.js`, killed (by its pid) when dropped. Its stdout is one JSON event
/// a line; stderr is kept for failure messages.
struct Peer {
    origin: String,
    child: Child,
    events: Arc<Mutex<Vec<Value>>>,
    stderr: Arc<Mutex<String>>,
}

impl Peer {
    fn start(port: u16, redirect: &str, logout: &str, scopes: &str) -> Peer {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/peer");
        assert!(
            dir.join("node_modules/oidc-provider").is_dir(),
            "oidc-provider is not installed in tests/peer: run scripts/setup"
        );
        let mut child = Command::new("node")
            .arg("provider.js")
            .current_dir(&dir)
            .env("PEER_PORT", port.to_string())
            .env("PEER_TENANT", TENANT)
            .env("PEER_CLIENT_ID", CLIENT)
            .env("PEER_REDIRECT", redirect)
            .env("PEER_LOGOUT", logout)
            .env("PEER_SCOPES", scopes)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("node on PATH");
        let events = Arc::new(Mutex::new(Vec::new()));
        let stderr = Arc::new(Mutex::new(String::new()));
        let (out, err) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
        let sink = Arc::clone(&events);
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if let Ok(event) = serde_json::from_str::<Value>(&line) {
                    sink.lock().unwrap().push(event);
                }
            }
        });
        let sink = Arc::clone(&stderr);
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                let mut all = sink.lock().unwrap();
                all.push_str(&line);
                all.push('\n');
            }
        });
        let peer = Peer { origin: format!("http://127.0.0.1:{port}"), child, events, stderr };
        let deadline = Instant::now() + Duration::from_secs(15);
        while TcpStream::connect(("127.0.0.1", port)).is_err() || peer.all("listening").is_empty() {
            assert!(Instant::now() < deadline, "oidc-provider did not start:\n{}", peer.stderr());
            std::thread::sleep(Duration::from_millis(50));
        }
        peer
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Every event named `name` so far.
    fn all(&self, name: &str) -> Vec<Value> {
        self.events.lock().unwrap().iter().filter(|e| e["event"] == name).cloned().collect()
    }

    /// Waits (up to 15 s) for an event named `name` that `matches`.
    async fn wait(&self, name: &str, matches: impl Fn(&Value) -> bool) -> Value {
        for _ in 0..150 {
            if let Some(e) = self.all(name).into_iter().find(|e| matches(e)) {
                return e;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let seen = self.events.lock().unwrap().clone();
        panic!(
            "the provider never reported a matching {name}; events: {seen:#?}\nstderr:\n{}",
            self.stderr()
        );
    }
}

impl Drop for Peer {
    fn drop(&mut self) {
        // The node process itself, by its pid (it starts no children).
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The provider, the app's static server (its config.json pointing at the provider) and a
/// browser.
struct Rig {
    peer: Peer,
    server: TestServer,
    browser: Browser,
}

impl Rig {
    async fn start() -> Rig {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let peer_origin = format!("http://127.0.0.1:{port}");
        let config = json!({
            "tenant": TENANT,
            "clientId": CLIENT,
            "redirectUri": "{origin}/auth/callback",
            "loginBaseUrl": peer_origin,
            "graphBaseUrl": format!("{peer_origin}/graph"),
            "armBaseUrl": format!("{peer_origin}/arm"),
        })
        .to_string();
        let server = TestServer::start_allowing(ConfigFile::Template(config.clone()), &[&peer_origin]);
        let served = config.replace("{origin}", &server.base_url);
        let Ok(AppConfig::Tenant(tenant)) = parse_config(Some(&served)) else {
            panic!("not a valid tenant configuration: {served}")
        };
        // Every permission the app may ask for, so consent can grant what it asks and a refresh
        // can ask for a subset (the ARM token).
        let cfg = AuthConfig::from_tenant_config(&tenant);
        let mut scopes: Vec<String> = Feature::ALL.iter().flat_map(|f| f.scopes(&cfg)).collect();
        scopes.sort();
        scopes.dedup();
        let peer = Peer::start(port, &server.url("/auth/callback"), &server.url("/"), &scopes.join(" "));
        let browser = Browser::start().await;
        Rig { peer, server, browser }
    }
}

impl Rig {
    async fn wait_for(&self, css: &str) -> String {
        let c = &self.browser.client;
        if c.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css(css)).await.is_err() {
            let shot = self.browser.screenshot("failure-peer").await;
            let page = c.find(Locator::Css("body")).await.unwrap().text().await.unwrap_or_default();
            let url = c.current_url().await.map(|u| u.to_string()).unwrap_or_default();
            panic!("no {css} at {url}; screenshot {}; page:\n{page}", shot.display());
        }
        self.browser.text_of(css).await
    }

    async fn click(&self, css: &str) {
        self.wait_for(css).await;
        self.browser.client.find(Locator::Css(css)).await.unwrap().click().await.unwrap();
    }

    /// From the app's sign-in page to the provider's.
    async fn start_sign_in(&self, path: &str) {
        self.browser.client.goto(&self.server.url(path)).await.unwrap();
        self.wait_for("[data-testid=tenant-sign-in]").await;
        self.click("[data-testid=sign-in]").await;
    }

    /// oidc-provider's own login page (any password), as Alex.
    async fn log_in_at_the_provider(&self) {
        let c = &self.browser.client;
        self.wait_for("input[name=login]").await;
        c.find(Locator::Css("input[name=login]")).await.unwrap().send_keys("alex").await.unwrap();
        c.find(Locator::Css("input[name=password]")).await.unwrap().send_keys("any password").await.unwrap();
        c.find(Locator::Css("button[type=submit]")).await.unwrap().click().await.unwrap();
    }

    /// oidc-provider's consent page: the last stop before the redirect to the app.
    async fn consent_at_the_provider(&self) {
        self.wait_for("button[type=submit]").await;
        let page = self.browser.text_of("body").await;
        assert!(page.contains("Authorize"), "the provider's consent page: {page}");
        self.click("button[type=submit]").await;
    }

    /// While on, the app's code is not served, so the callback page cannot run: its address
    /// stays exactly as the provider sent it and the tab's pending record stays untouched, as an
    /// attacker who reads or rewrites a callback URL would see them.
    async fn hold_the_app(&self, on: bool) {
        let urls: Vec<String> = if on { vec![format!("{}/*.wasm", self.server.base_url)] } else { vec![] };
        self.browser.cdp("Network.enable", json!({})).await;
        self.browser.cdp("Network.setBlockedURLs", json!({ "urls": urls })).await;
    }

    /// A sign-in from the app's home whose answer reaches the callback page while the app is
    /// held: the callback address as the provider sent it (a fresh code and the state) and the
    /// tab's pending record. The app is released again before this returns.
    async fn held_answer(&self) -> (String, String) {
        self.start_sign_in("/").await;
        self.log_in_at_the_provider().await;
        self.hold_the_app(true).await;
        self.consent_at_the_provider().await;
        let answer = self.callback_url().await;
        let pending = self.session_item("pim.signin.pending").await.expect("the tab waits for this answer");
        self.hold_the_app(false).await;
        (answer, pending)
    }

    /// Waits for the browser to reach the app's callback and returns the full address.
    async fn callback_url(&self) -> String {
        let prefix = self.server.url("/auth/callback#");
        for _ in 0..150 {
            let url = self.browser.client.current_url().await.unwrap().to_string();
            if url.starts_with(&prefix) {
                return url;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the provider never redirected to {prefix}");
    }

    async fn session_item(&self, key: &str) -> Option<String> {
        let value = self
            .browser
            .client
            .execute("return sessionStorage.getItem(arguments[0])", vec![json!(key)])
            .await
            .unwrap();
        value.as_str().map(str::to_owned)
    }

    fn token_requests(&self) -> usize {
        self.peer.all("token_request").len()
    }

    /// Fails on console errors other than the ones these tests cause on purpose (this filter
    /// is for this file only): the Graph and ARM stand-in's 501 answers (the data pages are not
    /// what this test is about), oidc-provider's development pages asking for a web font and a
    /// favicon this machine cannot reach, and whatever `also` names.
    async fn assert_no_other_console_errors(&self, also: &[&str]) {
        let mut expected = vec![
            format!("{}/graph/", self.peer.origin),
            format!("{}/arm/", self.peer.origin),
            "fonts.googleapis.com".to_owned(),
            format!("{}/favicon.ico", self.peer.origin),
        ];
        expected.extend(also.iter().map(|s| s.to_string()));
        let errors: Vec<_> = self
            .browser
            .console()
            .await
            .into_iter()
            .filter(|(level, message)| level == "SEVERE" && !expected.iter().any(|e| message.contains(e)))
            .collect();
        assert!(errors.is_empty(), "console errors: {errors:#?}");
    }

    async fn address(&self) -> url::Url {
        self.browser.client.current_url().await.unwrap()
    }
}

fn has_scope(event: &Value, scope: &str) -> bool {
    event["scope"].as_str().unwrap_or("").split(' ').any(|s| s == scope)
}

#[tokio::test]
#[ignore = "needs dist/, chromedriver and tests/peer/node_modules: run scripts/test"]
async fn signs_in_refreshes_and_signs_out_against_a_certified_openid_provider() {
    let rig = Rig::start().await;
    let c = &rig.browser.client;

    // Sign-in: the app leaves for the provider's authorize endpoint; Alex logs in and consents.
    rig.start_sign_in("/?q=admin").await;
    rig.log_in_at_the_provider().await;
    rig.consent_at_the_provider().await;

    // Callback and code redemption: back on the page the user started from, signed in as the
    // ID token says, the code gone from the address bar, the session in this tab only.
    let account = rig.wait_for("[data-testid=account]").await;
    assert!(account.contains("Alex Wilber"), "{account}");
    let url = rig.address().await;
    assert_eq!((url.path(), url.query()), ("/", Some("q=admin")), "the user's place is kept");
    assert!(!url.as_str().contains("code="), "the code never lingers: {url}");
    let stored = rig.session_item("pim.session").await.expect("the session is kept in sessionStorage");
    assert!(stored.contains(TENANT) && stored.contains("Alex Wilber"), "{stored}");
    assert_eq!(rig.session_item("pim.signin.pending").await, None, "the pending record is spent");
    let callback = rig.peer.wait("callback", |_| true).await;
    assert!(callback["location"].as_str().unwrap().contains("/auth/callback#code="), "{callback}");
    rig.peer.wait("grant.success", |e| e["grant_type"] == "authorization_code").await;
    let origins: Vec<Value> =
        rig.peer.all("token_request").into_iter().map(|e| e["origin"].clone()).collect();
    assert!(
        origins.iter().all(|o| o.as_str() == Some(rig.server.base_url.as_str())),
        "every token request is a cross-origin request from the app: {origins:?}"
    );
    rig.peer.wait("resource", |e| e["api"] == "graph" && e["token_valid"] == true).await;

    // Refresh: the ARM token comes from the refresh token (one resource's scope), no prompt.
    let arm = rig.peer.wait("grant.success", |e| e["grant_type"] == "refresh_token").await;
    assert!(has_scope(&arm, ARM_SCOPE), "the first refresh is for ARM: {arm}");
    rig.peer.wait("resource", |e| e["api"] == "arm" && e["token_valid"] == true).await;

    // Reload: the session survives in this tab with its access tokens: the data is read with
    // them, no token request first.
    let graph_refresh = |e: &Value| e["grant_type"] == "refresh_token" && !has_scope(e, ARM_SCOPE);
    assert!(rig.peer.all("grant.success").iter().all(|e| !graph_refresh(e)));
    let (grants, reads) = (rig.peer.all("grant.success").len(), rig.peer.all("resource").len());
    c.refresh().await.unwrap();
    assert!(rig.wait_for("[data-testid=account]").await.contains("Alex Wilber"));
    for _ in 0..100 {
        if rig.peer.all("resource").len() > reads {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let after: Vec<Value> = rig.peer.all("resource").into_iter().skip(reads).collect();
    assert!(!after.is_empty() && after.iter().all(|e| e["token_valid"] == true), "{after:#?}");
    assert_eq!(rig.peer.all("grant.success").len(), grants, "no token request on a reload");

    // Once the Graph token has run out (here: taken out of the tab's record), a reload gets a new
    // one from the refresh token.
    c.execute(
        "const s = JSON.parse(sessionStorage.getItem('pim.session')); delete s.graph_token; \
         sessionStorage.setItem('pim.session', JSON.stringify(s));",
        vec![],
    )
    .await
    .unwrap();
    c.refresh().await.unwrap();
    assert!(rig.wait_for("[data-testid=account]").await.contains("Alex Wilber"));
    rig.peer.wait("grant.success", graph_refresh).await;
    // oidc-provider rotates a public client's refresh token at each use and treats a reuse of
    // the old one as theft: no error here means the app kept each rotated successor.
    assert!(rig.peer.all("grant.error").is_empty(), "{:#?}", rig.peer.all("grant.error"));
    rig.assert_no_other_console_errors(&[]).await;

    // Sign-out: the app forgets the session, the provider's end-session page confirms and
    // sends the browser back to the app's home.
    c.find(Locator::XPath("//button[normalize-space()='Sign out']")).await.unwrap().click().await.unwrap();
    rig.click("button[name=logout][value=yes]").await;
    rig.wait_for("[data-testid=tenant-sign-in]").await;
    rig.peer.wait("end_session.success", |_| true).await;
    assert_eq!(rig.address().await.as_str(), rig.server.url("/"));
    assert_eq!(rig.session_item("pim.session").await, None, "nothing of the session is left in the tab");

    // The provider's session ended too: signing in again asks for the login.
    rig.click("[data-testid=sign-in]").await;
    rig.wait_for("input[name=login]").await;
    rig.assert_no_other_console_errors(&[]).await;
    rig.browser.close().await;
}

#[tokio::test]
#[ignore = "needs dist/, chromedriver and tests/peer/node_modules: run scripts/test"]
async fn a_tampered_state_is_refused_before_the_code_is_redeemed() {
    let rig = Rig::start().await;
    let c = &rig.browser.client;
    let (genuine, _) = rig.held_answer().await;

    // Someone rewrites the state of a genuine answer (a fresh, unredeemed code).
    let state = genuine.split(['#', '&']).find_map(|p| p.strip_prefix("state=")).expect("a state").to_owned();
    let last = if state.ends_with('x') { "y" } else { "x" };
    let forged = format!("{}{last}", &state[..state.len() - 1]);
    let tampered = genuine.replace(&format!("state={state}"), &format!("state={forged}"));
    c.goto("about:blank").await.unwrap();
    c.goto(&tampered).await.unwrap();

    let error = rig.wait_for("[data-testid=sign-in-error]").await;
    assert!(error.contains("does not belong to the sign-in this tab started"), "{error}");
    assert!(error.contains("To fix:"), "{error}");
    assert!(!rig.address().await.as_str().contains("code="), "the code leaves the address bar");
    assert_eq!(rig.token_requests(), 0, "the code was never sent to the token endpoint");
    assert_eq!(rig.session_item("pim.session").await, None);
    assert_eq!(rig.session_item("pim.signin.pending").await, None, "the record is spent: no second try");

    // "Sign in again" starts a fresh sign-in (the provider remembers Alex; only consent shows).
    c.find(Locator::XPath("//button[normalize-space()='Sign in again']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    rig.consent_at_the_provider().await;
    assert!(rig.wait_for("[data-testid=account]").await.contains("Alex Wilber"));
    rig.assert_no_other_console_errors(&[HELD_APP]).await;
    rig.browser.close().await;
}

#[tokio::test]
#[ignore = "needs dist/, chromedriver and tests/peer/node_modules: run scripts/test"]
async fn a_replayed_code_is_refused_by_the_provider_and_explained() {
    let rig = Rig::start().await;
    let c = &rig.browser.client;
    let (answer, pending) = rig.held_answer().await;

    // The genuine answer: redeemed once, signed in.
    c.refresh().await.unwrap();
    assert!(rig.wait_for("[data-testid=account]").await.contains("Alex Wilber"));
    rig.peer.wait("grant.success", |e| e["grant_type"] == "authorization_code").await;

    // The same answer again, with the tab's record as it was (a replay, e.g. from history).
    c.execute("sessionStorage.setItem('pim.signin.pending', arguments[0])", vec![json!(pending)])
        .await
        .unwrap();
    c.goto("about:blank").await.unwrap();
    c.goto(&answer).await.unwrap();
    let error = rig.wait_for("[data-testid=sign-in-error]").await;
    assert!(error.contains("no longer valid"), "{error}");
    assert!(error.contains("Sign in again"), "{error}");
    let refused = rig.peer.wait("grant.error", |e| e["grant_type"] == "authorization_code").await;
    assert_eq!(refused["error"], "invalid_grant", "{refused}");
    assert!(!rig.address().await.as_str().contains("code="), "the code leaves the address bar");
    // The provider's 400 to the replayed code is the refusal under test.
    rig.assert_no_other_console_errors(&[HELD_APP, "/oauth2/v2.0/token - Failed to load resource"]).await;
    rig.browser.close().await;
}
