//! The simulated tenant: an in-memory PIM service that answers HTTP like Microsoft Graph and
//! Azure Resource Manager (API.md), for the demo and for tests.
//!
//! - [`Sim`] holds the whole tenant (serialisable: the browser demo keeps it in sessionStorage).
//! - [`Sim::handle`] answers one request; [`Sim::serve`] also reports injected latency or drops.
//! - [`SimTransport`] carries the typed client's requests to a shared `Sim` in process.
//! - Tokens come from [`Sim::mint_token`]; virtual time moves with [`Sim::advance`].
//! - Entra-like sign-in under `{login}/{tenant}/oauth2/v2.0/` (`authorize` with a persona page,
//!   `token`, `logout`) for the app's real sign-in code; see [`Sim::register_app`] and
//!   [`DEMO_CLIENT_ID`]. The directory session is the `sim_session` cookie: an HTTP server
//!   passes `Cookie` through and writes back `Set-Cookie` and `Location` as answered.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use pim_console::graph::{HttpRequest, Method};
//! use pim_console::sim::{Sim, TokenClaims};
//!
//! let now = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
//! let mut sim = Sim::demo(1, now);
//! let token = sim.mint_token("alex@contoso.example", TokenClaims::graph());
//! let req = HttpRequest::new(Method::Get, "https://graph.microsoft.com/v1.0/me")
//!     .with_header("Authorization", format!("Bearer {token}"));
//! assert_eq!(sim.handle(&req, now).status, 200);
//! ```
//!
//! Behind an HTTP server: call [`Sim::set_endpoints`] with the server's bases, answer each
//! request with [`Sim::serve`], sleep `Served::delay`, and on `response: None` close the
//! connection without writing (a dropped connection).

mod admin;
mod approvals;
mod arm;
mod arm_children;
mod arm_render;
mod audit;
mod batch;
mod catalog;
mod clock;
mod decisions;
mod directory;
mod faults;
mod graph_entities;
mod graph_groups;
mod graph_policies;
mod graph_roles;
mod history;
mod http;
mod identity;
mod lifecycle;
mod model;
mod personas;
mod policy;
mod query;
mod render;
mod review_actions;
mod reviews;
mod rng;
mod router;
mod rules;
mod scale;
mod seed;
mod token;
mod transport;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

pub use catalog::{AzureRole, EntraRole, AZURE_ROLES, ENTRA_ROLES};
pub use faults::{Fault, FaultRule, Served};
pub use identity::{
    AppRegistrationError, IdentityError, RedirectRule, CODE_LIFETIME, DEMO_CLIENT_ID,
    DIRECTORY_SESSION_LIFETIME, SESSION_COOKIE, SPA_REFRESH_TOKEN_LIFETIME, TOKEN_LIFETIME,
};
pub use model::{Kind, Level};
pub use personas::{Persona, PERSONAS};
pub use token::{Audience, TokenClaims};
pub use transport::SimTransport;

use audit::AuditEvent;
use clock::Clock;
use model::{AdminUnit, AzureScope, Group, Request, Schedule, User};
use policy::PolicyOverride;
use reviews::ReviewDefinition;
use rng::Rng;

/// The base URLs the sim answers on (no trailing slash).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimEndpoints {
    pub login: String,
    pub graph: String,
    pub arm: String,
}

impl Default for SimEndpoints {
    fn default() -> Self {
        SimEndpoints::from(&crate::config::Cloud::Public.endpoints())
    }
}

impl From<&crate::config::Endpoints> for SimEndpoints {
    fn from(e: &crate::config::Endpoints) -> Self {
        SimEndpoints { login: e.login.clone(), graph: e.graph.clone(), arm: e.arm.clone() }
    }
}

/// Why a snapshot could not be restored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RestoreError(pub String);

impl std::fmt::Display for RestoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the saved demo tenant could not be read: {}", self.0)
    }
}

impl std::error::Error for RestoreError {}

/// A demo persona for the sign-in page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PersonaInfo {
    pub id: String,
    pub upn: String,
    pub display_name: String,
    pub description: String,
}

/// The whole simulated tenant.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Sim {
    pub(crate) tenant_id: String,
    pub(crate) secret: String,
    pub(crate) endpoints: SimEndpoints,
    pub(crate) clock: Clock,
    pub(crate) rng: Rng,
    pub(crate) users: Vec<User>,
    pub(crate) groups: Vec<Group>,
    pub(crate) admin_units: Vec<AdminUnit>,
    pub(crate) azure_scopes: Vec<AzureScope>,
    pub(crate) schedules: Vec<Schedule>,
    pub(crate) requests: Vec<Request>,
    pub(crate) policies: Vec<PolicyOverride>,
    pub(crate) audit: Vec<AuditEvent>,
    pub(crate) reviews: Vec<ReviewDefinition>,
    /// Identity endpoints: apps, codes, refresh tokens, directory sessions, consents.
    #[serde(default)]
    pub(crate) identity: identity::IdentityState,
    /// Test-only fault rules; not part of a snapshot.
    #[serde(skip)]
    pub(crate) faults: Vec<FaultRule>,
}

impl Sim {
    /// The demo tenant (personas, roles, groups, Azure scopes, a month of history), deterministic
    /// from `seed` and `now`.
    pub fn demo(seed: u64, now: DateTime<Utc>) -> Sim {
        seed::demo(seed, now)
    }

    /// The state as JSON text.
    pub fn snapshot(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A tenant from [`Sim::snapshot`] text.
    pub fn restore(text: &str) -> Result<Sim, RestoreError> {
        serde_json::from_str(text).map_err(|e| RestoreError(e.to_string()))
    }

    /// Which base URLs the sim answers on (and writes into `@odata.nextLink`).
    pub fn set_endpoints(&mut self, endpoints: SimEndpoints) {
        self.endpoints = SimEndpoints {
            login: endpoints.login.trim_end_matches('/').into(),
            graph: endpoints.graph.trim_end_matches('/').into(),
            arm: endpoints.arm.trim_end_matches('/').into(),
        };
    }

    /// The base URLs in use.
    pub fn endpoints(&self) -> &SimEndpoints {
        &self.endpoints
    }

    /// The tenant id (`tid` claim).
    pub fn tenant_id(&self) -> &str {
        &self.tenant_id
    }

    /// Moves virtual time forward: activations then expire, eligibilities lapse.
    pub fn advance(&mut self, by: Duration) {
        self.clock.advance(by);
    }

    /// The effective time for a wall-clock time.
    pub fn now_at(&self, wall_now: DateTime<Utc>) -> DateTime<Utc> {
        self.clock.at(wall_now)
    }

    /// The personas of the demo sign-in page.
    pub fn personas() -> Vec<PersonaInfo> {
        PERSONAS
            .iter()
            .map(|p| PersonaInfo {
                id: p.id.into(),
                upn: p.upn.into(),
                display_name: p.display_name.into(),
                description: p.description.into(),
            })
            .collect()
    }

    /// Issues a bearer token for a user (object id or UPN), valid from the latest time the sim
    /// has seen. Returns an empty string for an unknown user (which the sim then refuses).
    pub fn mint_token(&mut self, user: &str, claims: TokenClaims) -> String {
        let now = self.clock.latest();
        self.mint_token_at(user, claims, now)
    }

    /// Issues a bearer token valid from `now` (effective time).
    pub fn mint_token_at(&mut self, user: &str, claims: TokenClaims, now: DateTime<Utc>) -> String {
        let Some(u) = self.user(user).cloned() else { return String::new() };
        let payload = token::Payload {
            aud: claims.audience.claim().into(),
            iss: format!("https://sts.windows.net/{}/", self.tenant_id),
            iat: now.timestamp(),
            nbf: now.timestamp(),
            exp: (now + claims.lifetime).timestamp(),
            oid: u.id,
            tid: self.tenant_id.clone(),
            scp: claims.scopes.join(" "),
            amr: claims.amr,
            acrs: claims.acrs,
            name: u.display_name,
            preferred_username: u.upn,
            uti: self.rng.hex(8),
        };
        token::sign(&self.secret, &payload)
    }

    /// Adds a fault rule (tests).
    pub fn inject(&mut self, rule: FaultRule) {
        self.faults.push(rule);
    }

    /// Removes every fault rule.
    pub fn clear_faults(&mut self) {
        self.faults.clear();
    }

    /// Answers one request at `wall_now` (plus the virtual offset). A dropped connection shows
    /// as status 0 with header `X-Sim-Fault: drop`; injected latency as `X-Sim-Delay-Ms`. An HTTP
    /// server should sleep that long, and for a drop close the socket without writing.
    pub fn handle(
        &mut self,
        req: &crate::graph::HttpRequest,
        wall_now: DateTime<Utc>,
    ) -> crate::graph::HttpResponse {
        let served = self.serve(req, wall_now);
        let mut resp = served
            .response
            .unwrap_or_else(|| crate::graph::HttpResponse::new(0, "").with_header("X-Sim-Fault", "drop"));
        if !served.delay.is_zero() {
            resp.headers.push(("X-Sim-Delay-Ms".into(), served.delay.as_millis().to_string()));
        }
        resp
    }

    /// Answers one request, reporting injected latency and drops separately.
    pub fn serve(&mut self, req: &crate::graph::HttpRequest, wall_now: DateTime<Utc>) -> Served {
        let now = self.clock.observe(wall_now);
        self.tick(now);
        match self.take_fault(req) {
            Some(fault) => self.apply_fault(fault, req, now),
            None => {
                let mut response = self.route(req, now);
                // Like any HTTP server, the tenant dates its answers: by its own (virtual) clock.
                response.headers.push(("Date".into(), now.format("%a, %d %b %Y %H:%M:%S GMT").to_string()));
                Served { response: Some(response), delay: std::time::Duration::ZERO }
            }
        }
    }

    pub(crate) fn user(&self, id_or_upn: &str) -> Option<&User> {
        self.users
            .iter()
            .find(|u| u.id.eq_ignore_ascii_case(id_or_upn) || u.upn.eq_ignore_ascii_case(id_or_upn))
    }

    pub(crate) fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id.eq_ignore_ascii_case(id))
    }

    pub(crate) fn azure_scope(&self, id: &str) -> Option<&AzureScope> {
        self.azure_scopes.iter().find(|s| s.id.eq_ignore_ascii_case(id.trim_end_matches('/')))
    }

    pub(crate) fn new_id(&mut self) -> String {
        self.rng.guid()
    }
}
