//! What the identity endpoints remember: registered applications, issued codes, refresh
//! tokens (by hash), directory sessions and consents. Serialisable (part of the snapshot).

use std::fmt;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::DEMO_CLIENT_ID;
use crate::config::is_guid;

/// Which redirect URIs an application accepts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RedirectRule {
    /// Exactly this URI (scheme, host, port, path and query, character for character).
    Exact(String),
    /// Any `http` URI on a loopback host, any port and path (the demo app).
    AnyLoopback,
}

impl RedirectRule {
    /// An exact rule, after checking that `uri` is an absolute http(s) URL without a fragment.
    pub fn exact(uri: &str) -> Result<RedirectRule, AppRegistrationError> {
        let ok = (uri.starts_with("https://") || uri.starts_with("http://"))
            && !uri.contains('#')
            && !uri.bytes().any(|b| b <= b' ' || b == 0x7f);
        if ok && uri.split_once("://").is_some_and(|(_, r)| !r.is_empty()) {
            Ok(RedirectRule::Exact(uri.to_owned()))
        } else {
            Err(AppRegistrationError::BadRedirectUri(uri.to_owned()))
        }
    }

    /// True when `uri` is accepted. Never with spaces or control characters (a `Location`
    /// header is built from it) or a fragment.
    pub fn accepts(&self, uri: &str) -> bool {
        if uri.bytes().any(|b| b <= b' ' || b == 0x7f) {
            return false;
        }
        match self {
            RedirectRule::Exact(u) => u == uri,
            RedirectRule::AnyLoopback => {
                let Some(rest) = uri.strip_prefix("http://") else { return false };
                if uri.contains('#') {
                    return false;
                }
                let authority = rest.split(['/', '?']).next().unwrap_or("");
                let host = match authority.strip_prefix('[') {
                    Some(v6) => v6.split(']').next().unwrap_or(""),
                    None => authority.split(':').next().unwrap_or(""),
                };
                matches!(host, "127.0.0.1" | "localhost" | "::1")
            }
        }
    }
}

/// Why an application could not be registered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AppRegistrationError {
    /// The client id is not a GUID.
    NotAGuid(String),
    /// A redirect URI is not an absolute http(s) URL without a fragment.
    BadRedirectUri(String),
}

impl fmt::Display for AppRegistrationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AppRegistrationError::NotAGuid(c) => write!(f, "the client id \"{c}\" is not a GUID"),
            AppRegistrationError::BadRedirectUri(u) => {
                write!(f, "the redirect URI \"{u}\" is not an absolute http(s) URL without a fragment")
            }
        }
    }
}

impl std::error::Error for AppRegistrationError {}

/// The resource a scope belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Resource {
    Graph,
    Arm,
}

/// A registered single-page application.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct AppRegistration {
    pub client_id: String,
    pub display_name: String,
    pub redirects: Vec<RedirectRule>,
}

/// What a sign-in established: who, how (`amr`), which authentication contexts, and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Authentication {
    pub user: String,
    pub amr: Vec<String>,
    pub acrs: Vec<String>,
    pub auth_time: DateTime<Utc>,
}

impl Authentication {
    /// True when the sign-in included multi-factor authentication.
    pub fn mfa(&self) -> bool {
        self.amr.iter().any(|a| a == "mfa")
    }
}

/// An authorization code, kept until it expires (redeemed ones too, to answer a replay).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct IssuedCode {
    pub code_hash: String,
    pub client_id: String,
    pub redirect_uri: String,
    pub challenge: String,
    pub nonce: Option<String>,
    pub auth: Authentication,
    pub expires_at: DateTime<Utc>,
    pub redeemed: bool,
}

/// A refresh token (by hash) with its fixed expiry, inherited by its rotated successors.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct RefreshGrant {
    pub token_hash: String,
    pub client_id: String,
    pub auth: Authentication,
    pub issued_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// A directory session: the browser that holds cookie `sim_session=<id>` is signed in.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct DirectorySession {
    pub id: String,
    pub auth: Authentication,
    pub expires_at: DateTime<Utc>,
}

/// Permissions a user consented to for an application, per resource (bare names).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Consent {
    pub user: String,
    pub client_id: String,
    pub resource: Resource,
    pub permissions: Vec<String>,
}

/// Everything the identity endpoints remember.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct IdentityState {
    pub apps: Vec<AppRegistration>,
    pub codes: Vec<IssuedCode>,
    pub refresh: Vec<RefreshGrant>,
    pub sessions: Vec<DirectorySession>,
    pub consents: Vec<Consent>,
}

impl Default for IdentityState {
    /// The demo registration: [`DEMO_CLIENT_ID`] on any loopback redirect URI.
    fn default() -> Self {
        IdentityState {
            apps: vec![AppRegistration {
                client_id: DEMO_CLIENT_ID.into(),
                display_name: "PIM console (demo)".into(),
                redirects: vec![RedirectRule::AnyLoopback],
            }],
            codes: Vec::new(),
            refresh: Vec::new(),
            sessions: Vec::new(),
            consents: Vec::new(),
        }
    }
}

/// Hex SHA-256: codes and refresh tokens are stored only as hashes.
pub(crate) fn hash(value: &str) -> String {
    Sha256::digest(value.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

impl IdentityState {
    /// Adds or updates an application.
    pub fn register(
        &mut self,
        client_id: &str,
        name: &str,
        redirects: Vec<RedirectRule>,
    ) -> Result<(), AppRegistrationError> {
        if !is_guid(client_id) {
            return Err(AppRegistrationError::NotAGuid(client_id.to_owned()));
        }
        match self.apps.iter_mut().find(|a| a.client_id.eq_ignore_ascii_case(client_id)) {
            Some(app) => app.redirects = redirects,
            None => self.apps.push(AppRegistration {
                client_id: client_id.to_ascii_lowercase(),
                display_name: name.into(),
                redirects,
            }),
        }
        Ok(())
    }

    /// The application with this client id.
    pub fn app(&self, client_id: &str) -> Option<&AppRegistration> {
        self.apps.iter().find(|a| a.client_id.eq_ignore_ascii_case(client_id))
    }

    /// Forgets what can no longer matter: codes an hour and refresh tokens a week past expiry
    /// (until then they still get the precise "expired" answer), ended sessions.
    pub fn prune(&mut self, now: DateTime<Utc>) {
        self.codes.retain(|c| c.expires_at + Duration::hours(1) > now);
        self.refresh.retain(|r| r.expires_at + Duration::days(7) > now);
        self.sessions.retain(|s| s.expires_at > now);
    }

    /// The live session with this id.
    pub fn session(&self, id: &str, now: DateTime<Utc>) -> Option<&DirectorySession> {
        self.sessions.iter().find(|s| s.id == id && s.expires_at > now)
    }

    /// The permissions `user` consented to for `client_id` on `resource`.
    pub fn consented(&self, user: &str, client_id: &str, resource: Resource) -> Vec<String> {
        self.consents
            .iter()
            .find(|c| c.user == user && c.client_id.eq_ignore_ascii_case(client_id) && c.resource == resource)
            .map(|c| c.permissions.clone())
            .unwrap_or_default()
    }

    /// Records consent to `permissions` (added to what was consented before).
    pub fn consent(&mut self, user: &str, client_id: &str, resource: Resource, permissions: &[String]) {
        let at = self.consents.iter().position(|c| {
            c.user == user && c.client_id.eq_ignore_ascii_case(client_id) && c.resource == resource
        });
        let entry = match at {
            Some(i) => &mut self.consents[i],
            None => {
                self.consents.push(Consent {
                    user: user.into(),
                    client_id: client_id.to_ascii_lowercase(),
                    resource,
                    permissions: Vec::new(),
                });
                self.consents.last_mut().expect("just pushed")
            }
        };
        for p in permissions {
            if p != ".default" && !entry.permissions.iter().any(|q| q.eq_ignore_ascii_case(p)) {
                entry.permissions.push(p.clone());
            }
        }
    }
}
