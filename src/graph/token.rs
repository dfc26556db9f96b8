//! Where the client gets its bearer tokens. Implemented by `auth` (the signed-in session) and by
//! tests and the demo (tokens minted by the simulated tenant).

use std::fmt;

use futures::future::LocalBoxFuture;

/// The two resources the app calls; each needs its own access token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Api {
    /// Microsoft Graph.
    Graph,
    /// Azure Resource Manager.
    Arm,
}

/// Why no token could be had. `auth` decides what the user sees; the client passes it through.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenError {
    /// Nobody is signed in, or the session ended and needs an interactive sign-in.
    SignInRequired(String),
    /// The identity platform refused (consent missing, policy, …): its error code and text.
    Refused { error: String, description: String },
    /// The identity platform could not be reached.
    Unreachable(String),
}

impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TokenError::SignInRequired(why) => write!(f, "sign-in required: {why}"),
            TokenError::Refused { error, description } => write!(f, "token refused ({error}): {description}"),
            TokenError::Unreachable(why) => write!(f, "sign-in service unreachable: {why}"),
        }
    }
}

impl std::error::Error for TokenError {}

/// Supplies access tokens. `fresh = true` asks for a new token even if a cached one looks
/// valid: the client sets it once after a 401.
pub trait TokenProvider {
    fn access_token(&self, api: Api, fresh: bool) -> LocalBoxFuture<'_, Result<String, TokenError>>;
}
