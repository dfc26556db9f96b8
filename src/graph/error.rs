//! One error type for every call, classified from status, `error.code`, the message and
//! headers; each variant explains itself in plain words and says what the user can do next.

use std::fmt;
use std::time::Duration;

use base64::Engine;
use chrono::{DateTime, Utc};

use super::token::TokenError;
use super::transport::{HttpResponse, TransportError};
use super::wire::error_body::ErrorBody;

/// When the service asks to be called again.
#[derive(Clone, Debug, PartialEq)]
pub enum RetryAfter {
    /// `Retry-After: 2.128` (seconds, fractional allowed).
    Delay(Duration),
    /// `Retry-After: Wed, 21 Oct 2015 07:28:00 GMT`.
    At(DateTime<Utc>),
}

impl RetryAfter {
    /// Reads a `Retry-After` header value.
    pub fn parse(value: &str) -> Option<RetryAfter> {
        let v = value.trim();
        if let Some(secs) = crate::domain::decimal::parse_decimal(v) {
            return (secs.is_finite() && secs >= 0.0)
                .then(|| RetryAfter::Delay(Duration::from_secs_f64(secs)));
        }
        DateTime::parse_from_rfc2822(v).ok().map(|t| RetryAfter::At(t.with_timezone(&Utc)))
    }

    /// How long to wait from `now`.
    pub fn delay_from(&self, now: DateTime<Utc>) -> Duration {
        match self {
            RetryAfter::Delay(d) => *d,
            RetryAfter::At(t) => (*t - now).to_std().unwrap_or(Duration::ZERO),
        }
    }
}

/// A PIM policy rule named in a `RoleAssignmentRequestPolicyValidationFailed` message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FailedRule {
    Expiration,
    Justification,
    Ticketing,
    Mfa,
    Eligibility,
    /// Another rule name, as the service wrote it.
    Other(String),
}

impl FailedRule {
    fn parse(name: &str) -> FailedRule {
        match name.trim().trim_matches('"').to_ascii_lowercase().as_str() {
            "expirationrule" => FailedRule::Expiration,
            "justificationrule" => FailedRule::Justification,
            "ticketingrule" => FailedRule::Ticketing,
            "mfarule" => FailedRule::Mfa,
            "eligibilityrule" => FailedRule::Eligibility,
            _ => FailedRule::Other(name.trim().trim_matches('"').to_owned()),
        }
    }

    /// What the rule asks of the user.
    pub fn describe(&self) -> String {
        match self {
            FailedRule::Expiration => "the requested duration is longer than the role allows".into(),
            FailedRule::Justification => "a justification is required".into(),
            FailedRule::Ticketing => "a ticket number is required".into(),
            FailedRule::Mfa => "multi-factor authentication is required in this session".into(),
            FailedRule::Eligibility => "you are not eligible for this role at this scope".into(),
            FailedRule::Other(n) => format!("the rule {n} was not met"),
        }
    }
}

/// Every way a call can fail.
#[derive(Clone, Debug, PartialEq)]
pub enum GraphError {
    /// No HTTP response at all (offline, DNS, CORS, reset).
    Network(String),
    /// No answer in time.
    Timeout,
    /// No access token could be had.
    Token(TokenError),
    /// 429 (or throttled after the retry budget ran out).
    Throttled { retry_after: Option<RetryAfter>, request_id: Option<String> },
    /// `RoleAssignmentRequestPolicyValidationFailed`: the role's settings refused the request.
    PolicyViolation { rules: Vec<FailedRule>, message: String },
    /// An authentication-context (step-up) challenge; `claims` is the JSON to pass to /authorize.
    ClaimsChallenge { claims: String },
    /// `RoleAssignmentExists`: the role is already active (or assigned).
    RoleAssignmentExists { message: String },
    /// `RoleAssignmentRequestExists`: a request for the same thing is pending.
    RoleAssignmentRequestExists { message: String },
    /// `ActiveDurationTooShort`: deactivation within 5 minutes of activation.
    ActiveDurationTooShort { message: String },
    /// `RoleAssignmentDoesNotExist`: the assignment to change is gone.
    RoleAssignmentDoesNotExist { message: String },
    /// `AadPremiumLicenseRequired`: the tenant lacks Entra ID P2 / ID Governance.
    LicenseMissing { message: String },
    /// 403 `Authorization_RequestDenied`, or "Valid permissions not present": a permission
    /// (scope) or directory role is missing. `needed` lists scopes the service named.
    PermissionMissing { message: String, needed: Vec<String>, request_id: Option<String> },
    /// Any other HTTP error with the service's code, message and request id.
    Http { status: u16, code: String, message: String, request_id: Option<String> },
    /// Paging stopped after the page cap.
    TooManyPages { pages: usize },
    /// A 2xx body that does not have the documented shape.
    BadResponse { detail: String },
}

/// The variant without its data, for matching and tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    Network,
    Timeout,
    Token,
    Throttled,
    PolicyViolation,
    ClaimsChallenge,
    RoleAssignmentExists,
    RoleAssignmentRequestExists,
    ActiveDurationTooShort,
    RoleAssignmentDoesNotExist,
    LicenseMissing,
    PermissionMissing,
    Http,
    TooManyPages,
    BadResponse,
}

impl From<TransportError> for GraphError {
    fn from(e: TransportError) -> Self {
        match e {
            TransportError::Network(d) => GraphError::Network(d),
            TransportError::Timeout => GraphError::Timeout,
        }
    }
}

impl From<TokenError> for GraphError {
    fn from(e: TokenError) -> Self {
        GraphError::Token(e)
    }
}

/// The JSON in `claims=<url-encoded json>` (PIM) or `claims="<base64>"` (`WWW-Authenticate`).
pub fn extract_claims(text: &str) -> Option<String> {
    let rest = &text[text.find("claims=")? + "claims=".len()..];
    // Raw JSON (`claims={"access_token":…}`): take the balanced object.
    if rest.starts_with('{') {
        let mut depth = 0;
        for (i, c) in rest.char_indices() {
            depth += match c {
                '{' => 1,
                '}' => -1,
                _ => 0,
            };
            if depth == 0 {
                return Some(rest[..=i].to_owned());
            }
        }
        return None;
    }
    let raw: String =
        rest.trim_start_matches('"').chars().take_while(|c| !matches!(c, '&' | '"' | ' ')).collect();
    let decoded = super::url::percent_decode(raw.trim());
    if decoded.trim_start().starts_with('{') {
        return Some(decoded);
    }
    let engine = base64::engine::general_purpose::STANDARD;
    let bytes = engine
        .decode(decoded.trim())
        .or_else(|_| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(decoded.trim().trim_end_matches('='))
        })
        .ok()?;
    String::from_utf8(bytes).ok().filter(|s| s.trim_start().starts_with('{'))
}

fn failed_rules(message: &str) -> Vec<FailedRule> {
    if let (Some(a), Some(b)) = (message.find('['), message.rfind(']')) {
        if let Ok(names) = serde_json::from_str::<Vec<String>>(&message[a..=b]) {
            return names.iter().map(|n| FailedRule::parse(n)).collect();
        }
    }
    ["ExpirationRule", "JustificationRule", "TicketingRule", "MfaRule", "EligibilityRule"]
        .iter()
        .filter(|n| message.contains(*n))
        .map(|n| FailedRule::parse(n))
        .collect()
}

fn needed_permissions(message: &str) -> Vec<String> {
    let Some((_, list)) = message.split_once("permissions for this action") else { return Vec::new() };
    let list = list.trim_start_matches([' ', ':']);
    list.split(',').map(|s| s.trim().trim_end_matches('.').to_owned()).filter(|s| !s.is_empty()).collect()
}

impl GraphError {
    /// Classifies a non-2xx response (Graph or ARM).
    pub fn from_response(response: &HttpResponse) -> GraphError {
        let body: ErrorBody = serde_json::from_str(&response.body).unwrap_or_default();
        let code = body.error.code.clone().unwrap_or_default();
        let message = body.error.message.clone().unwrap_or_default();
        let request_id = body
            .error
            .inner_error
            .as_ref()
            .and_then(|i| i.request_id.clone())
            .or_else(|| response.header("request-id").map(str::to_owned))
            .or_else(|| response.header("x-ms-request-id").map(str::to_owned));
        if let Some(www) = response.header("WWW-Authenticate") {
            if www.contains("insufficient_claims") {
                if let Some(claims) = extract_claims(www) {
                    return GraphError::ClaimsChallenge { claims };
                }
            }
        }
        if response.status == 429 || code.eq_ignore_ascii_case("TooManyRequests") {
            let retry_after = response.header("Retry-After").and_then(RetryAfter::parse);
            return GraphError::Throttled { retry_after, request_id };
        }
        match code.as_str() {
            "RoleAssignmentRequestAcrsValidationFailed" => {
                if let Some(claims) = extract_claims(&message) {
                    return GraphError::ClaimsChallenge { claims };
                }
            }
            "RoleAssignmentRequestPolicyValidationFailed" => {
                return GraphError::PolicyViolation { rules: failed_rules(&message), message }
            }
            "RoleAssignmentExists" => return GraphError::RoleAssignmentExists { message },
            "RoleAssignmentRequestExists" => return GraphError::RoleAssignmentRequestExists { message },
            "ActiveDurationTooShort" => return GraphError::ActiveDurationTooShort { message },
            "RoleAssignmentDoesNotExist" => return GraphError::RoleAssignmentDoesNotExist { message },
            "AadPremiumLicenseRequired" => return GraphError::LicenseMissing { message },
            _ => {}
        }
        // 403 without a more specific code, `Authorization_RequestDenied`, or the empty-code
        // "Valid permissions not present" form of beta approvals `[O:evidence]`.
        let denied = response.status == 403 && (code.is_empty() || code == "Authorization_RequestDenied");
        if denied || (code.is_empty() && message.contains("Valid permissions not present")) {
            let needed = needed_permissions(&message);
            return GraphError::PermissionMissing { message, needed, request_id };
        }
        GraphError::Http { status: response.status, code, message, request_id }
    }

    /// The variant without data.
    pub fn kind(&self) -> ErrorKind {
        match self {
            GraphError::Network(_) => ErrorKind::Network,
            GraphError::Timeout => ErrorKind::Timeout,
            GraphError::Token(_) => ErrorKind::Token,
            GraphError::Throttled { .. } => ErrorKind::Throttled,
            GraphError::PolicyViolation { .. } => ErrorKind::PolicyViolation,
            GraphError::ClaimsChallenge { .. } => ErrorKind::ClaimsChallenge,
            GraphError::RoleAssignmentExists { .. } => ErrorKind::RoleAssignmentExists,
            GraphError::RoleAssignmentRequestExists { .. } => ErrorKind::RoleAssignmentRequestExists,
            GraphError::ActiveDurationTooShort { .. } => ErrorKind::ActiveDurationTooShort,
            GraphError::RoleAssignmentDoesNotExist { .. } => ErrorKind::RoleAssignmentDoesNotExist,
            GraphError::LicenseMissing { .. } => ErrorKind::LicenseMissing,
            GraphError::PermissionMissing { .. } => ErrorKind::PermissionMissing,
            GraphError::Http { .. } => ErrorKind::Http,
            GraphError::TooManyPages { .. } => ErrorKind::TooManyPages,
            GraphError::BadResponse { .. } => ErrorKind::BadResponse,
        }
    }
}

impl fmt::Display for GraphError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.explain(), self.next_step())
    }
}

impl std::error::Error for GraphError {}
