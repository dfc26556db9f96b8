//! The demo: the simulated tenant running inside this tab. Its state is kept in sessionStorage,
//! so a reload keeps the demo session; closing the tab starts afresh.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use futures::future::LocalBoxFuture;
use serde::{Deserialize, Serialize};

use super::storage::{self, Store};
use super::time;
use crate::graph::{
    Api, HttpRequest, HttpResponse, Method, TokenError, TokenProvider, Transport, TransportError,
};
use crate::sim::{Sim, TokenClaims};

const TENANT_KEY: &str = "pim.demo.tenant";
const SIGN_IN_KEY: &str = "pim.demo.signin";
const SEED: u64 = 2026;

/// The simulated tenant of this tab.
pub struct DemoTenant {
    sim: RefCell<Sim>,
}

thread_local! {
    /// The tenant `preload` restored, for the next `load`.
    static PRELOADED: RefCell<Option<Rc<DemoTenant>>> = const { RefCell::new(None) };
}

impl DemoTenant {
    /// The tab's tenant: the one `preload` restored, else restored from sessionStorage now, or
    /// seeded anew.
    pub fn load() -> Rc<DemoTenant> {
        PRELOADED.with(|p| p.borrow_mut().take()).unwrap_or_else(|| {
            let sim = storage::get(Store::Session, TENANT_KEY)
                .and_then(|text| Sim::restore(&text).ok())
                .unwrap_or_else(|| Sim::demo(SEED, time::now()));
            Rc::new(DemoTenant { sim: RefCell::new(sim) })
        })
    }

    /// Restores (or seeds) the tab's tenant ahead of `load`: the app's start does this in a task
    /// of its own, so restoring and the first render do not add up to one long task.
    pub fn preload() {
        let tenant = DemoTenant::load();
        PRELOADED.with(|p| *p.borrow_mut() = Some(tenant));
    }

    fn persist(&self) {
        storage::set(Store::Session, TENANT_KEY, &self.sim.borrow().snapshot());
    }

    /// Starts the demo afresh.
    pub fn reset(&self) {
        *self.sim.borrow_mut() = Sim::demo(SEED, time::now());
        self.persist();
    }

    /// Moves the tenant's clock forward (the demo's "skip ahead" for expiry and deactivation).
    pub fn advance(&self, by: chrono::Duration) {
        self.sim.borrow_mut().advance(by);
        self.persist();
    }

    /// The tenant's current time (wall clock plus any skip-ahead).
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.sim.borrow().now_at(time::now())
    }
}

/// Carries the client's requests to the tab's simulated tenant.
pub struct DemoTransport {
    pub tenant: Rc<DemoTenant>,
}

impl Transport for DemoTransport {
    fn send(&self, request: HttpRequest) -> LocalBoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(async move {
            // Each answer in a task of its own, as a network answer would come: a page's many
            // reads do not add up to one long task that holds up the first paint and input.
            time::sleep(Duration::ZERO).await;
            let served = self.tenant.sim.borrow_mut().serve(&request, time::now());
            if request.method != Method::Get {
                self.tenant.persist();
            }
            if !served.delay.is_zero() {
                time::sleep(served.delay).await;
            }
            served.response.ok_or_else(|| TransportError::Network("the connection was dropped".into()))
        })
    }

    fn sleep(&self, duration: Duration) -> LocalBoxFuture<'_, ()> {
        Box::pin(time::sleep(duration))
    }
}

/// Who is signed in to the demo and what they proved.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoSignIn {
    /// The persona's user principal name.
    pub upn: String,
    pub mfa: bool,
    /// Authentication contexts satisfied (`acrs`).
    pub contexts: Vec<String>,
}

/// The demo's sign-in: a persona chosen in the app, tokens minted by the simulated tenant.
pub struct DemoSession {
    pub tenant: Rc<DemoTenant>,
    signed_in: RefCell<Option<DemoSignIn>>,
    version: Cell<u64>,
}

impl DemoSession {
    /// Restores the tab's demo sign-in, if any.
    pub fn load(tenant: Rc<DemoTenant>) -> Rc<DemoSession> {
        let signed_in =
            storage::get(Store::Session, SIGN_IN_KEY).and_then(|text| serde_json::from_str(&text).ok());
        Rc::new(DemoSession { tenant, signed_in: RefCell::new(signed_in), version: Cell::new(0) })
    }

    /// The current sign-in.
    pub fn signed_in(&self) -> Option<DemoSignIn> {
        self.signed_in.borrow().clone()
    }

    /// Signs in as a persona (or changes what the sign-in proved, for step-up).
    pub fn set(&self, sign_in: Option<DemoSignIn>) {
        match &sign_in {
            Some(s) => {
                storage::set(Store::Session, SIGN_IN_KEY, &serde_json::to_string(s).unwrap_or_default());
            }
            None => storage::remove(Store::Session, SIGN_IN_KEY),
        }
        *self.signed_in.borrow_mut() = sign_in;
        self.version.set(self.version.get() + 1);
    }
}

impl TokenProvider for DemoSession {
    fn access_token(&self, api: Api, _fresh: bool) -> LocalBoxFuture<'_, Result<String, TokenError>> {
        let outcome = match self.signed_in() {
            None => Err(TokenError::SignInRequired("choose a demo persona".into())),
            Some(s) => {
                let mut claims = match api {
                    Api::Graph => TokenClaims::graph(),
                    Api::Arm => TokenClaims::arm(),
                };
                if s.mfa {
                    claims = claims.with_mfa();
                }
                for c in &s.contexts {
                    claims = claims.with_acrs(c);
                }
                let now = self.tenant.now();
                Ok(self.tenant.sim.borrow_mut().mint_token_at(&s.upn, claims, now))
            }
        };
        Box::pin(async move { outcome })
    }
}
