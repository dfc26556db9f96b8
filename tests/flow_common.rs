//! The typed client against the simulated tenant in process, signed in as a persona at a fixed
//! time (included with `#[path]` by the flow tests; compiled alone it has no tests).
#![allow(dead_code)]

use std::cell::RefCell;
use std::rc::Rc;

use chrono::{DateTime, TimeZone, Utc};
use futures::future::LocalBoxFuture;
use pim_console::config::Cloud;
use pim_console::graph::scripted::FixedEnv;
use pim_console::graph::{Api, GraphClient, TokenError, TokenProvider};
use pim_console::sim::{Sim, SimTransport, TokenClaims};

/// Tokens minted by the simulated tenant for one persona (MFA proved).
pub struct SimTokens {
    pub sim: Rc<RefCell<Sim>>,
    pub upn: &'static str,
    pub now: DateTime<Utc>,
}

impl TokenProvider for SimTokens {
    fn access_token(&self, api: Api, _fresh: bool) -> LocalBoxFuture<'_, Result<String, TokenError>> {
        let claims = if api == Api::Graph { TokenClaims::graph() } else { TokenClaims::arm() };
        let token = self.sim.borrow_mut().mint_token_at(self.upn, claims.with_mfa(), self.now);
        Box::pin(async move { Ok(token) })
    }
}

/// The fixed time of the flow tests.
pub fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap()
}

/// A client signed in as `upn`, talking to `sim` in process.
pub fn client(sim: &Rc<RefCell<Sim>>, upn: &'static str) -> GraphClient {
    let now = start();
    let transport = SimTransport::new(Rc::clone(sim), move || now);
    let tokens = SimTokens { sim: Rc::clone(sim), upn, now };
    GraphClient::new(
        Rc::new(transport),
        Rc::new(tokens),
        Rc::new(FixedEnv::default()),
        Cloud::Public.endpoints(),
    )
}
