//! The simulated tenant's identity endpoints, Entra-like, under `{login}/{tenant}/oauth2/v2.0/`
//! (API.md §1), so the app's real sign-in code runs against the sim:
//!
//! - `GET authorize`: checks the client, the exact redirect URI, `response_type=code`, PKCE
//!   (S256 only), scopes and `claims`; answers a plain HTML sign-in page (pick a persona,
//!   "complete MFA", satisfy a requested authentication context). The page's form GETs
//!   `authorize/complete`, which issues a single-use ten-minute code, sets the directory session
//!   cookie `sim_session` and answers 302 to `redirect_uri#code=…&state=…` (or `?…`).
//!   `prompt=none` answers at once: a code with a live directory session, else `login_required`.
//! - `POST token`: `authorization_code` (verifier checked) and `refresh_token`; `Origin`
//!   required (single-page application); one resource per call; refresh tokens live 24 hours
//!   from the sign-in, and rotated ones inherit that expiry.
//! - `GET logout`: ends the directory session and returns to `post_logout_redirect_uri`.
//!
//! Every expiry uses the sim's virtual clock. The state (apps, codes, refresh tokens, sessions,
//! consents) is part of the snapshot.

mod authorize;
mod errors;
mod page;
mod params;
mod state;
mod token;

use chrono::{DateTime, Duration, Utc};

pub use errors::{IdentityError, TraceIds};
pub(crate) use state::IdentityState;
pub use state::{AppRegistrationError, RedirectRule};

use super::http::{strip_base, SplitUrl};
use super::Sim;
use crate::graph::{HttpRequest, HttpResponse};

/// The application (client) id the demo tenant registers; it accepts any loopback redirect URI
/// (`http://127.0.0.1:<port>/…`, `http://localhost:<port>/…`, `http://[::1]:<port>/…`).
pub const DEMO_CLIENT_ID: &str = "3f9c2d4e-8b1a-4c7d-9e5f-2a6b8c0d1e47";
/// How long an authorization code can be redeemed.
pub const CODE_LIFETIME: Duration = Duration::minutes(10);
/// Fixed lifetime of a refresh token issued to a single-page application.
pub const SPA_REFRESH_TOKEN_LIFETIME: Duration = Duration::hours(24);
/// How long the directory session (`sim_session` cookie) lasts after a sign-in.
pub const DIRECTORY_SESSION_LIFETIME: Duration = Duration::days(7);
/// Lifetime of access and ID tokens.
pub const TOKEN_LIFETIME: Duration = Duration::hours(1);
/// The cookie that carries the directory session.
pub const SESSION_COOKIE: &str = "sim_session";

/// One identity endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Endpoint {
    Authorize,
    AuthorizeComplete,
    Token,
    Logout,
}

impl Sim {
    /// Registers (or updates) a single-page application: `client_id` must be a GUID, each
    /// redirect URI an absolute `http(s)` URL without a fragment, matched exactly.
    pub fn register_app(
        &mut self,
        client_id: &str,
        redirect_uris: &[&str],
    ) -> Result<(), AppRegistrationError> {
        let rules = redirect_uris.iter().map(|u| RedirectRule::exact(u)).collect::<Result<Vec<_>, _>>()?;
        self.identity.register(client_id, "PIM console", rules)
    }

    /// Answers a request to the identity endpoints; `None` when the URL is not one of them.
    pub(crate) fn identity_endpoints(
        &mut self,
        req: &HttpRequest,
        now: DateTime<Utc>,
    ) -> Option<HttpResponse> {
        let rest = strip_base(&req.url, &self.endpoints.login)?;
        let url = SplitUrl::parse(rest);
        let segs: Vec<&str> = url.segments.iter().map(String::as_str).collect();
        let (tenant, endpoint) = match segs.as_slice() {
            [t, "oauth2", "v2.0", "authorize"] => (*t, Endpoint::Authorize),
            [t, "oauth2", "v2.0", "authorize", "complete"] => (*t, Endpoint::AuthorizeComplete),
            [t, "oauth2", "v2.0", "token"] => (*t, Endpoint::Token),
            [t, "oauth2", "v2.0", "logout"] => (*t, Endpoint::Logout),
            ["_sim", "signin.css"] => return Some(page::stylesheet()),
            _ => return None,
        };
        let tenant = tenant.to_owned();
        self.identity.prune(now);
        Some(match endpoint {
            Endpoint::Authorize => self.authorize(&tenant, &url, req, now),
            Endpoint::AuthorizeComplete => self.authorize_complete(&tenant, &url, req, now),
            Endpoint::Token => self.token_endpoint(&tenant, req, now),
            Endpoint::Logout => self.logout(&tenant, &url, req, now),
        })
    }

    /// True when `tenant` (a path segment) names this tenant.
    fn knows_tenant(&self, tenant: &str) -> bool {
        let domain = self.users.first().and_then(|u| u.upn.split_once('@')).map(|(_, d)| d.to_owned());
        tenant.eq_ignore_ascii_case(&self.tenant_id)
            || tenant.eq_ignore_ascii_case("organizations")
            || tenant.eq_ignore_ascii_case("common")
            || domain.is_some_and(|d| d.eq_ignore_ascii_case(tenant))
    }

    /// Where the pages' stylesheet is served.
    fn css_url(&self) -> String {
        format!("{}/_sim/signin.css", self.endpoints.login)
    }

    /// Fresh trace and correlation ids.
    fn trace_ids(&mut self, now: DateTime<Utc>) -> TraceIds {
        TraceIds { trace_id: self.new_id(), correlation_id: self.new_id(), at: now }
    }

    /// An unguessable value (code, refresh token, session id): the seeded generator mixed with
    /// the tenant secret, so knowing the seed is not enough to predict it.
    fn secret_value(&mut self) -> String {
        use base64::engine::general_purpose::URL_SAFE_NO_PAD;
        use base64::Engine;
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        h.update(self.secret.as_bytes());
        h.update(self.rng.hex(32).as_bytes());
        URL_SAFE_NO_PAD.encode(h.finalize())
    }
}
