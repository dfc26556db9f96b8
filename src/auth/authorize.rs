//! URLs of the identity platform's browser endpoints: `/authorize` and `/logout`
//! (API.md §1), every parameter percent-encoded.
//!
//! `response_mode=fragment` is the default: the code then travels in the part of the URL the
//! browser never sends anywhere. It is not in the static host's access log, not in a `Referer`,
//! not in a proxy's URL log, and the glue erases it from history with `replaceState` as soon as
//! it is read. `query` remains available for a peer that cannot answer in the fragment.

use serde::{Deserialize, Serialize};

use super::claims::Claims;
use super::encode::form_encode;
use super::pkce::{Nonce, State};
use crate::config::TenantConfig;

/// What the sign-in code needs to know about the app registration and the cloud.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthConfig {
    /// Identity host, no trailing slash, e.g. `https://login.microsoftonline.com`.
    pub login: String,
    /// Tenant id, verified domain, `organizations` or `common`.
    pub tenant: String,
    /// Application (client) id.
    pub client_id: String,
    /// The redirect URI registered under the Single-page application platform.
    pub redirect_uri: String,
    /// Resource id prefix of Microsoft Graph scopes, e.g. `https://graph.microsoft.com`.
    pub graph_resource: String,
    /// Resource id prefix of Azure Resource Manager scopes, e.g. `https://management.azure.com`.
    pub arm_resource: String,
}

impl AuthConfig {
    /// From a validated `config.json`. Scope resource ids come from the cloud, not from endpoint
    /// overrides: an override moves where requests go, not what the token is for.
    pub fn from_tenant_config(cfg: &TenantConfig) -> AuthConfig {
        let resources = cfg.cloud.endpoints();
        AuthConfig {
            login: cfg.endpoints.login.trim_end_matches('/').to_owned(),
            tenant: cfg.tenant.clone(),
            client_id: cfg.client_id.clone(),
            redirect_uri: cfg.redirect_uri.clone(),
            graph_resource: resources.graph,
            arm_resource: resources.arm,
        }
    }

    /// The same app in another tenant (a guest switching directory).
    pub fn with_tenant(&self, tenant: &str) -> AuthConfig {
        AuthConfig { tenant: tenant.to_owned(), ..self.clone() }
    }

    /// `{login}/{tenant}/oauth2/v2.0/{endpoint}`.
    pub fn endpoint(&self, endpoint: &str) -> String {
        format!("{}/{}/oauth2/v2.0/{endpoint}", self.login, self.tenant)
    }

    /// The issuer an ID token from tenant `tid` carries: `{login}/{tid}/v2.0`.
    pub fn expected_issuer(&self, tid: &str) -> String {
        format!("{}/{tid}/v2.0", self.login)
    }
}

/// The `prompt` parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Prompt {
    /// Ask for credentials again, even with a live session (MFA re-authentication).
    Login,
    /// No interaction at all: succeed silently or come back with `login_required` /
    /// `interaction_required`.
    None,
    /// Show the account picker.
    SelectAccount,
    /// Show the consent page.
    Consent,
}

impl Prompt {
    /// The wire value.
    pub fn as_str(self) -> &'static str {
        match self {
            Prompt::Login => "login",
            Prompt::None => "none",
            Prompt::SelectAccount => "select_account",
            Prompt::Consent => "consent",
        }
    }
}

/// Where the redirect carries its answer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResponseMode {
    /// After `#`: never sent to any server (the default, see the module docs).
    #[default]
    Fragment,
    /// After `?`.
    Query,
}

impl ResponseMode {
    /// The wire value.
    pub fn as_str(self) -> &'static str {
        match self {
            ResponseMode::Fragment => "fragment",
            ResponseMode::Query => "query",
        }
    }
}

/// Everything one `/authorize` redirect sends.
#[derive(Clone, Debug, PartialEq)]
pub struct AuthorizeRequest {
    /// Space-joined into `scope`; may span resources at /authorize.
    pub scopes: Vec<String>,
    pub response_mode: ResponseMode,
    pub state: State,
    pub nonce: Nonce,
    pub code_challenge: String,
    pub prompt: Option<Prompt>,
    pub login_hint: Option<String>,
    pub domain_hint: Option<String>,
    /// Sent as given: callers merge `cp1` in first ([`Claims::with_client_capability`]).
    pub claims: Option<Claims>,
}

impl AuthorizeRequest {
    /// The full `/authorize` URL.
    pub fn url(&self, cfg: &AuthConfig) -> String {
        let scope = self.scopes.join(" ");
        let claims = self.claims.as_ref().map(Claims::to_json);
        let mut pairs: Vec<(&str, &str)> = vec![
            ("client_id", &cfg.client_id),
            ("response_type", "code"),
            ("redirect_uri", &cfg.redirect_uri),
            ("scope", &scope),
            ("response_mode", self.response_mode.as_str()),
            ("state", &self.state.0),
            ("nonce", &self.nonce.0),
            ("code_challenge", &self.code_challenge),
            ("code_challenge_method", "S256"),
        ];
        if let Some(p) = self.prompt {
            pairs.push(("prompt", p.as_str()));
        }
        let optional =
            [("login_hint", &self.login_hint), ("domain_hint", &self.domain_hint), ("claims", &claims)];
        pairs.extend(optional.iter().filter_map(|(k, v)| v.as_deref().map(|v| (*k, v))));
        format!("{}?{}", cfg.endpoint("authorize"), form_encode(pairs))
    }
}

/// The end-session URL:
/// `{login}/{tenant}/oauth2/v2.0/logout?client_id=…&post_logout_redirect_uri=…&logout_hint=…`.
/// `logout_hint` is the ID token's `login_hint` claim; it spares the user the account picker.
/// `client_id` is OpenID Connect RP-Initiated Logout 1.0 §2: without it (or an `id_token_hint`,
/// which the app does not keep) a conformant provider cannot tell which client registered the
/// `post_logout_redirect_uri`, so it must not redirect there (oidc-provider drops it; see
/// tests/e2e_peer.rs). The identity platform ignores a parameter it does not use.
pub fn logout_url(cfg: &AuthConfig, post_logout_redirect_uri: &str, logout_hint: Option<&str>) -> String {
    let mut pairs =
        vec![("client_id", cfg.client_id.as_str()), ("post_logout_redirect_uri", post_logout_redirect_uri)];
    if let Some(hint) = logout_hint {
        pairs.push(("logout_hint", hint));
    }
    format!("{}?{}", cfg.endpoint("logout"), form_encode(pairs))
}
