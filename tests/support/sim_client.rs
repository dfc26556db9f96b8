//! A typed client signed in to an in-process simulated tenant as one of its users, at a fixed
//! time (MFA done), for the native flow tests. Included with `#[path]` so it carries no browser
//! dependencies.

use std::cell::RefCell;
use std::rc::Rc;

use chrono::{DateTime, Utc};
use futures::future::LocalBoxFuture;
use pim_console::config::Cloud;
use pim_console::graph::scripted::FixedEnv;
use pim_console::graph::{Api, GraphClient, TokenError, TokenProvider};
use pim_console::sim::{Sim, SimTransport, TokenClaims};

struct SimTokens {
    sim: Rc<RefCell<Sim>>,
    upn: &'static str,
    now: DateTime<Utc>,
}

impl TokenProvider for SimTokens {
    fn access_token(&self, api: Api, _fresh: bool) -> LocalBoxFuture<'_, Result<String, TokenError>> {
        let claims = if api == Api::Graph { TokenClaims::graph() } else { TokenClaims::arm() };
        let token = self.sim.borrow_mut().mint_token_at(self.upn, claims.with_mfa(), self.now);
        Box::pin(async move { Ok(token) })
    }
}

/// `upn`'s client of `sim`, whose clock stands at `now`.
pub fn client_at(sim: &Rc<RefCell<Sim>>, upn: &'static str, now: DateTime<Utc>) -> GraphClient {
    let transport = SimTransport::new(Rc::clone(sim), move || now);
    let tokens = SimTokens { sim: Rc::clone(sim), upn, now };
    GraphClient::new(
        Rc::new(transport),
        Rc::new(tokens),
        Rc::new(FixedEnv::default()),
        Cloud::Public.endpoints(),
    )
}
