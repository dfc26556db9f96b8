//! The identity platform's refusals: the OAuth `error` value, the AADSTS number and its text,
//! as the token endpoint answers them (JSON, fixtures `identity_token_error_*`) and as
//! `/authorize` sends them back on the redirect (`error`, `error_description`).
//!
//! Texts follow the service's wording where it is known; where the sim is stricter than the
//! service (PKCE `plain`), the text says so.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

/// Why an identity request was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdentityError {
    /// The tenant in the path is not this tenant (id, domain, `organizations` or `common`).
    TenantNotFound(String),
    /// No application with this client id is registered.
    UnknownClient(String),
    /// The redirect URI is not registered for the application.
    RedirectMismatch { redirect_uri: String, client_id: String },
    /// A required parameter is missing.
    MissingParameter(&'static str),
    /// A parameter has a value the service does not accept.
    InvalidParameter(&'static str),
    /// `response_type` other than `code`.
    UnsupportedResponseType(String),
    /// No `code_challenge`: PKCE is required for single-page applications.
    PkceRequired,
    /// `code_challenge_method` other than `S256`.
    PkceMethodRefused(String),
    /// A scope names an unknown resource or permission.
    InvalidScope(String),
    /// The scopes of one token request span several resources.
    IncompatibleScopes(String),
    /// `prompt=none` without a directory session (or for another account).
    LoginRequired,
    /// `prompt=none` when the sign-in needs MFA or an authentication context.
    InteractionRequired(String),
    /// `prompt=none` when a requested permission has not been consented.
    ConsentRequired { client_id: String, app: String },
    /// The user pressed Cancel on the sign-in page.
    AccessDenied,
    /// A SPA code or refresh token redeemed without an `Origin` header.
    CrossOriginRequired,
    /// `/token` called with another method than POST.
    PostOnly(String),
    /// A `grant_type` the sim does not serve.
    UnsupportedGrantType(String),
    /// The code or refresh token is unknown, for another client or another redirect URI.
    InvalidGrant(&'static str),
    /// The code was redeemed before.
    CodeRedeemed,
    /// The code is older than its ten minutes.
    CodeExpired,
    /// SHA-256 of the `code_verifier` is not the `code_challenge`.
    VerifierMismatch,
    /// A SPA refresh token past its fixed 24 hours.
    RefreshTokenExpired { issued_at: DateTime<Utc> },
    /// A token request for a permission the user has not consented.
    ConsentMissing { client_id: String, app: String },
}

impl IdentityError {
    /// The OAuth `error` value.
    pub fn error(&self) -> &'static str {
        use IdentityError::*;
        match self {
            TenantNotFound(_)
            | RedirectMismatch { .. }
            | MissingParameter(_)
            | InvalidParameter(_)
            | PkceRequired
            | PkceMethodRefused(_)
            | CrossOriginRequired
            | PostOnly(_) => "invalid_request",
            UnknownClient(_) => "unauthorized_client",
            UnsupportedResponseType(_) => "unsupported_response_type",
            InvalidScope(_) | IncompatibleScopes(_) => "invalid_scope",
            LoginRequired => "login_required",
            InteractionRequired(_) => "interaction_required",
            ConsentRequired { .. } => "consent_required",
            AccessDenied => "access_denied",
            UnsupportedGrantType(_) => "unsupported_grant_type",
            InvalidGrant(_)
            | CodeRedeemed
            | CodeExpired
            | VerifierMismatch
            | RefreshTokenExpired { .. }
            | ConsentMissing { .. } => "invalid_grant",
        }
    }

    /// The AADSTS number.
    pub fn code(&self) -> u32 {
        use IdentityError::*;
        match self {
            TenantNotFound(_) => 90002,
            UnknownClient(_) => 700016,
            RedirectMismatch { .. } => 50011,
            MissingParameter(_) => 900144,
            InvalidParameter(_) => 90100,
            UnsupportedResponseType(_) => 700054,
            PkceRequired | PkceMethodRefused(_) => 9002325,
            InvalidScope(_) | IncompatibleScopes(_) => 70011,
            LoginRequired => 50058,
            InteractionRequired(_) => 50076,
            ConsentRequired { .. } | ConsentMissing { .. } => 65001,
            AccessDenied => 65004,
            CrossOriginRequired => 9002327,
            PostOnly(_) => 900561,
            UnsupportedGrantType(_) => 70003,
            InvalidGrant(_) => 70000,
            CodeRedeemed => 54005,
            CodeExpired => 70008,
            VerifierMismatch => 501481,
            RefreshTokenExpired { .. } => 700084,
        }
    }

    /// The text after `AADSTSnnnn: `.
    pub fn text(&self) -> String {
        use IdentityError::*;
        match self {
            TenantNotFound(t) => format!(
                "Tenant '{t}' not found. Check to make sure you have the correct tenant ID and are signing \
                 into the correct cloud."
            ),
            UnknownClient(c) => format!(
                "Application with identifier '{c}' was not found in the directory. This can happen if the \
                 application has not been installed by the administrator of the tenant."
            ),
            RedirectMismatch { redirect_uri, client_id } => format!(
                "The redirect URI '{redirect_uri}' specified in the request does not match the redirect URIs \
                 configured for the application '{client_id}'. Make sure the redirect URI sent in the request \
                 matches one added to your application in the Azure portal."
            ),
            MissingParameter(p) => format!("The request body must contain the following parameter: '{p}'."),
            InvalidParameter(p) => format!("{p} parameter is empty or not valid."),
            UnsupportedResponseType(t) => format!("response_type '{t}' is not enabled for the application."),
            PkceRequired => {
                "Proof Key for Code Exchange is required for cross-origin authorization code redemption.".into()
            }
            // Stricter than the service, which also accepts `plain` (API.md §1).
            PkceMethodRefused(m) => format!(
                "The simulated tenant accepts only code_challenge_method 'S256', not '{m}'."
            ),
            InvalidScope(s) => {
                format!("The provided value for the input parameter 'scope' is not valid. The scope {s} is not valid.")
            }
            IncompatibleScopes(s) => format!(
                "The provided value for the input parameter 'scope' is not valid. One or more scopes in '{s}' \
                 are not compatible with each other."
            ),
            LoginRequired => "A silent sign-in request was sent but no user is signed in. The cookies used to \
                 represent the user's session were not sent in the request to Azure AD."
                .into(),
            InteractionRequired(what) => format!(
                "Due to a configuration change made by your administrator, or because you moved to a new \
                 location, you must use multi-factor authentication to access '{what}'."
            ),
            ConsentRequired { client_id, app } | ConsentMissing { client_id, app } => format!(
                "The user or administrator has not consented to use the application with ID '{client_id}' \
                 named '{app}'. Send an interactive authorization request for this user and resource."
            ),
            AccessDenied => "User declined to consent to access the app.".into(),
            CrossOriginRequired => "Tokens issued for the 'Single-Page Application' client-type may only be \
                 redeemed via cross-origin requests."
                .into(),
            PostOnly(m) => format!("The endpoint only accepts POST requests. Received a {m} request."),
            UnsupportedGrantType(g) => format!("The app requested an unsupported grant type '{g}'."),
            InvalidGrant(why) => format!("Provided grant is invalid or malformed. {why}"),
            CodeRedeemed => "OAuth2 Authorization code was already redeemed, please retry with a new valid code \
                 or use an existing refresh token."
                .into(),
            CodeExpired => "The provided authorization code or refresh token has expired due to inactivity. \
                 Send a new interactive authorization request for this user and resource."
                .into(),
            VerifierMismatch => {
                "The Code_Verifier does not match the code_challenge supplied in the authorization request.".into()
            }
            RefreshTokenExpired { issued_at } => format!(
                "The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited \
                 lifetime of 1.00:00:00, which cannot be extended. It is now expired and a new sign in request \
                 must be sent by the SPA to the sign in page. The token was issued on {}.",
                issued_at.format("%Y-%m-%dT%H:%M:%SZ")
            ),
        }
    }

    /// `AADSTSnnnn: text\r\nTrace ID: …\r\nCorrelation ID: …\r\nTimestamp: …`.
    pub fn description(&self, ids: &TraceIds) -> String {
        format!(
            "AADSTS{}: {}\r\nTrace ID: {}\r\nCorrelation ID: {}\r\nTimestamp: {}",
            self.code(),
            self.text(),
            ids.trace_id,
            ids.correlation_id,
            ids.timestamp()
        )
    }

    /// The token endpoint's error body.
    pub fn body(&self, ids: &TraceIds, login: &str) -> Value {
        json!({
            "error": self.error(),
            "error_description": self.description(ids),
            "error_codes": [self.code()],
            "timestamp": ids.timestamp(),
            "trace_id": ids.trace_id,
            "correlation_id": ids.correlation_id,
            "error_uri": format!("{login}/error?code={}", self.code()),
        })
    }
}

/// The ids every identity-platform answer carries.
#[derive(Clone, Debug)]
pub struct TraceIds {
    pub trace_id: String,
    pub correlation_id: String,
    pub at: DateTime<Utc>,
}

impl TraceIds {
    /// `2016-01-09 02:02:12Z`, as in the fixtures.
    pub fn timestamp(&self) -> String {
        self.at.format("%Y-%m-%d %H:%M:%SZ").to_string()
    }
}
