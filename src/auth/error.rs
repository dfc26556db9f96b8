//! Every way sign-in can fail, each with a plain-language explanation and the fix
//! (issue 5 item 8). Errors from the redirect and from `/token` are classified first by their
//! AADSTS code, then by the OAuth `error` value.

use std::fmt;

use serde::Deserialize;

use super::signin::SignInPlan;
use crate::graph::TokenError;

/// An OAuth error as the identity platform sent it (redirect parameters or /token JSON).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct ServerError {
    /// The OAuth `error` value, e.g. `invalid_grant`.
    pub error: String,
    /// `error_description`: `AADSTSnnnn: text\r\nTrace ID: …`.
    #[serde(default)]
    pub error_description: String,
    /// `error_codes` (token endpoint only).
    #[serde(default)]
    pub error_codes: Vec<u32>,
    #[serde(default)]
    pub trace_id: Option<String>,
    #[serde(default)]
    pub correlation_id: Option<String>,
}

impl ServerError {
    /// The AADSTS number: the first of `error_codes`, else the one in the description.
    pub fn aadsts(&self) -> Option<u32> {
        self.error_codes.first().copied().or_else(|| {
            let at = self.error_description.find("AADSTS")? + "AADSTS".len();
            let digits: String =
                self.error_description[at..].chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        })
    }

    /// The description's first line (without the trace and correlation ids).
    pub fn summary(&self) -> &str {
        self.error_description.lines().next().unwrap_or("").trim()
    }
}

/// Why signing in or getting a token failed.
#[derive(Clone, Debug, PartialEq)]
pub enum AuthError {
    /// The redirect's `state` is not the one this tab sent: possibly forged; nothing was redeemed.
    StateMismatch,
    /// The redirect carried neither a code nor an error.
    MissingCode,
    /// The ID token's `nonce` is not the one this sign-in sent.
    NonceMismatch,
    /// The ID token was issued to another application.
    AudienceMismatch { expected: String, found: String },
    /// The ID token's issuer is not `{login}/{tid}/v2.0`.
    IssuerMismatch { expected: String, found: String },
    /// The ID token is for another tenant than the one signed in to.
    TenantMismatch { expected: String, found: String },
    /// The ID token has expired (beyond the allowed clock skew).
    IdTokenExpired,
    /// The ID token could not be read, or a required claim is missing.
    IdTokenMalformed(String),
    /// `access_denied`: the user cancelled or declined.
    AccessDenied(ServerError),
    /// `consent_required`: a permission needs consent.
    ConsentRequired(ServerError),
    /// AADSTS65001: neither the user nor an administrator has consented.
    ConsentMissing(ServerError),
    /// `interaction_required`: a silent attempt needs the user (MFA, terms, …).
    InteractionRequired(ServerError),
    /// `login_required`: no directory session for a silent sign-in.
    LoginRequired(ServerError),
    /// AADSTS9002326: the redirect URI is registered as Web, not Single-page application.
    SpaPlatformRequired(ServerError),
    /// AADSTS9002327: a SPA code or refresh token was redeemed without an `Origin` header.
    CrossOriginRequired(ServerError),
    /// AADSTS50076: multi-factor authentication is required.
    MfaRequired(ServerError),
    /// AADSTS700054: the response type is not enabled for the application.
    ResponseTypeNotEnabled(ServerError),
    /// `invalid_grant`: the code or refresh token is expired, used or revoked.
    InvalidGrant(ServerError),
    /// Any other refusal from the identity platform.
    Server(ServerError),
    /// The identity platform could not be reached.
    Network(String),
    /// The identity platform answered something unreadable.
    MalformedResponse(String),
    /// A top-level redirect to `/authorize` is needed; the plan says how.
    RedirectRequired(Box<SignInPlan>),
    /// The session was replaced (sign-out, new sign-in, tenant switch) during a refresh.
    SessionChanged,
}

impl AuthError {
    /// Classifies an identity-platform error: AADSTS code first, then the `error` value.
    pub fn from_server(e: ServerError) -> AuthError {
        match e.aadsts() {
            Some(9002326) => return AuthError::SpaPlatformRequired(e),
            Some(9002327) => return AuthError::CrossOriginRequired(e),
            Some(50076) => return AuthError::MfaRequired(e),
            Some(65001) => return AuthError::ConsentMissing(e),
            Some(700054) => return AuthError::ResponseTypeNotEnabled(e),
            _ => {}
        }
        match e.error.as_str() {
            "access_denied" => AuthError::AccessDenied(e),
            "consent_required" => AuthError::ConsentRequired(e),
            "interaction_required" => AuthError::InteractionRequired(e),
            "login_required" => AuthError::LoginRequired(e),
            "invalid_grant" => AuthError::InvalidGrant(e),
            _ => AuthError::Server(e),
        }
    }

    /// The identity platform's own error, when there is one.
    pub fn server_error(&self) -> Option<&ServerError> {
        use AuthError::*;
        match self {
            AccessDenied(e)
            | ConsentRequired(e)
            | ConsentMissing(e)
            | InteractionRequired(e)
            | LoginRequired(e)
            | SpaPlatformRequired(e)
            | CrossOriginRequired(e)
            | MfaRequired(e)
            | ResponseTypeNotEnabled(e)
            | InvalidGrant(e)
            | Server(e) => Some(e),
            _ => None,
        }
    }

    /// True when a new (interactive) trip to `/authorize` can cure it: the session is gone or
    /// the user must act (sign in, MFA, consent).
    pub fn cured_by_sign_in(&self) -> bool {
        use AuthError::*;
        matches!(
            self,
            ConsentRequired(_)
                | ConsentMissing(_)
                | InteractionRequired(_)
                | LoginRequired(_)
                | MfaRequired(_)
                | InvalidGrant(_)
                | RedirectRequired(_)
        )
    }

    /// What happened, in a sentence.
    pub fn explanation(&self) -> String {
        super::error_text::explanation(self)
    }

    /// What to do about it, in a sentence.
    pub fn fix(&self) -> String {
        super::error_text::fix(self)
    }

    /// The error as the Graph client's [`TokenError`].
    pub fn to_token_error(&self) -> TokenError {
        match self {
            AuthError::Network(why) => TokenError::Unreachable(why.clone()),
            e if e.cured_by_sign_in() => TokenError::SignInRequired(e.to_string()),
            e => match e.server_error() {
                Some(s) => TokenError::Refused { error: s.error.clone(), description: e.to_string() },
                None => TokenError::SignInRequired(e.to_string()),
            },
        }
    }
}

impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.explanation(), self.fix())?;
        if let Some(s) = self.server_error() {
            match s.aadsts() {
                Some(code) => write!(f, " (AADSTS{code}")?,
                None => write!(f, " ({}", s.error)?,
            }
            match &s.trace_id {
                Some(t) => write!(f, ", trace id {t})")?,
                None => f.write_str(")")?,
            }
        }
        Ok(())
    }
}

impl std::error::Error for AuthError {}
