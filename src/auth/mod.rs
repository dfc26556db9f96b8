//! Sign-in with the Microsoft identity platform: authorization code + PKCE, tokens, step-up.
//!
//! Browser-independent: the glue in `platform`/`ui` supplies random bytes, the clock, storage
//! and navigation; everything else (URLs, callback checks, token calls through
//! [`crate::graph::Transport`], ID-token checks, refresh, claims, consent) lives here and is
//! tested natively.
//!
//! Flow: [`Session::sign_in_plan`] -> [`begin_sign_in`] (URL + [`PendingSignIn`] for
//! sessionStorage) -> redirect -> [`complete_callback`] -> [`Session::complete_sign_in`] ->
//! [`Session::access_token`] (also through [`crate::graph::TokenProvider`]).

pub mod authorize;
pub mod claims;
pub mod clock;
pub mod encode;
pub mod error;
mod error_text;
pub mod id_token;
pub mod pkce;
pub mod scopes;
pub mod secret;
pub mod session;
mod session_refresh;
pub mod signin;
pub mod token_endpoint;

pub use authorize::{logout_url, AuthConfig, AuthorizeRequest, Prompt, ResponseMode};
pub use claims::{group_by_context, parse_pim_challenge, parse_www_authenticate, AuthContextId, Claims};
pub use clock::{Clock, ManualClock, MillisClock};
pub use error::{AuthError, ServerError};
pub use id_token::{validate_id_token, Account};
pub use pkce::{Nonce, Pkce, SignInRandom, State};
pub use scopes::{Feature, OIDC_SCOPES};
pub use secret::{AccessToken, AuthCode, CodeVerifier, IdTokenJwt, RefreshToken};
pub use session::{PersistedSession, Session, REFRESH_AHEAD, SPA_REFRESH_TOKEN_LIFETIME};
pub use session_refresh::MFA_STILL_REFUSED;
pub use signin::{
    begin_sign_in, complete_callback, CodeRedemption, PendingSignIn, RedirectReason, SignInPlan,
};
pub use token_endpoint::TokenResponse;
