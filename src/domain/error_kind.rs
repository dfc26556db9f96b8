//! Why a PIM request failed, read from the service's error, with a plain reason and next step.
//!
//! The PIM error codes are not documented for the v3 APIs; the codes and message shapes here are
//! the ones third-party clients observed (API.md §11, tagged `[O]`), so matching is tolerant: the
//! code first (any case), then the HTTP status, then pieces of the message.

use serde::{Deserialize, Serialize};

use super::encode::decode_query_value;
use super::policy::AuthContext;

/// What went wrong with a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ErrorKind {
    /// `RoleAssignmentRequestPolicyValidationFailed`: these rules failed (`ExpirationRule`, …).
    PolicyRules(Vec<String>),
    /// `RoleAssignmentRequestAcrsValidationFailed`: sign in again for this context.
    AuthContext(AuthContext),
    /// MFA is required and the sign-in did not use it.
    Mfa,
    /// `RoleAssignmentExists`: already active.
    AlreadyActive,
    /// `RoleAssignmentRequestExists`: a request is already pending.
    RequestExists,
    /// `ActiveDurationTooShort`: deactivation in the first five minutes.
    TooShort,
    /// `RoleAssignmentDoesNotExist` or 404: the assignment or eligibility is gone.
    NotFound,
    /// `AadPremiumLicenseRequired`: no Entra ID P2 / Governance licence.
    NoLicence,
    /// 403 / `Authorization_RequestDenied`: missing permission or consent.
    Forbidden,
    /// 429: the tenant is being throttled.
    Throttled,
    /// No answer from the service.
    Network,
    /// Anything else, with the service's message.
    Other(String),
}

/// A plain sentence about what happened and what to do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    /// What happened.
    pub reason: String,
    /// What the user can do.
    pub next_step: String,
}

fn explain(reason: impl Into<String>, next_step: impl Into<String>) -> Explanation {
    Explanation { reason: reason.into(), next_step: next_step.into() }
}

/// Reads the rule names out of `The following policy rules failed: ["ExpirationRule","JustificationRule"]`.
fn rule_names(message: &str) -> Vec<String> {
    let Some(open) = message.find('[') else { return Vec::new() };
    let close = message[open..].find(']').map_or(message.len(), |i| open + i);
    message[open + 1..close]
        .split(',')
        .map(|s| s.trim().trim_matches(|c| c == '"' || c == '\'' || c == '\\').trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Reads the `acrs` value out of a message carrying `&claims=<url-encoded JSON>` (or bare JSON).
fn claim_value(message: &str) -> Option<String> {
    let raw = message.split_once("claims=").map_or(message, |(_, rest)| rest);
    let raw = raw.split('&').next().unwrap_or(raw);
    let decoded = decode_query_value(raw).unwrap_or_else(|| raw.to_owned());
    if let Ok(json) = serde_json::from_str::<serde_json::Value>(&decoded) {
        if let Some(v) = json.pointer("/access_token/acrs/value").and_then(|v| v.as_str()) {
            return Some(v.to_owned());
        }
    }
    // Tolerant fallback: the first c<digits> token after "value".
    let after = &decoded[decoded.find("value")?..];
    let start = after.find('c')?;
    let token: String = after[start..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    (token.len() > 1 && token[1..].chars().all(|c| c.is_ascii_digit())).then_some(token)
}

impl ErrorKind {
    /// Classifies an error from its HTTP status (if any), `error.code` and `error.message`.
    pub fn classify(status: Option<u16>, code: &str, message: &str) -> ErrorKind {
        let code_l = code.to_ascii_lowercase();
        let msg_l = message.to_ascii_lowercase();
        match code_l.as_str() {
            "roleassignmentrequestpolicyvalidationfailed" => {
                let rules = rule_names(message);
                if rules.len() == 1 && rules[0].eq_ignore_ascii_case("MfaRule") {
                    ErrorKind::Mfa
                } else {
                    ErrorKind::PolicyRules(rules)
                }
            }
            "roleassignmentrequestacrsvalidationfailed" => match claim_value(message) {
                Some(c) => ErrorKind::AuthContext(AuthContext(c)),
                None => ErrorKind::Other(message.to_owned()),
            },
            "mfaruleviolated" => ErrorKind::Mfa,
            "roleassignmentexists" => ErrorKind::AlreadyActive,
            "roleassignmentrequestexists" => ErrorKind::RequestExists,
            "activedurationtooshort" => ErrorKind::TooShort,
            "roleassignmentdoesnotexist" | "eligibilitynotfound" => ErrorKind::NotFound,
            "aadpremiumlicenserequired" => ErrorKind::NoLicence,
            "authorization_requestdenied" | "permissionscopenotgranted" => ErrorKind::Forbidden,
            "toomanyrequests" => ErrorKind::Throttled,
            _ => match status {
                Some(429) => ErrorKind::Throttled,
                Some(403) => ErrorKind::Forbidden,
                Some(404) => ErrorKind::NotFound,
                _ if msg_l.contains("active duration is too short") => ErrorKind::TooShort,
                _ if msg_l.contains("policy rules failed") => ErrorKind::PolicyRules(rule_names(message)),
                _ => ErrorKind::Other(if message.is_empty() { code.to_owned() } else { message.to_owned() }),
            },
        }
    }

    /// The sign-in that would get past this refusal, if a sign-in can (a context or MFA).
    pub fn step_up(&self) -> Option<super::plan::StepUp> {
        match self {
            ErrorKind::AuthContext(c) => Some(super::plan::StepUp::AuthContext(c.clone())),
            ErrorKind::Mfa => Some(super::plan::StepUp::Mfa),
            _ => None,
        }
    }

    /// The explanation once the step-up sign-in was made and the service still refuses: the
    /// tenant's sign-in does not carry what the role's setting asks for, which only an
    /// administrator can change.
    pub fn explain_after_step_up(&self) -> Explanation {
        match self {
            ErrorKind::Mfa => explain(
                "The role still asks for multi-factor authentication after you signed in again with it.",
                "Your tenant's Conditional Access does not require MFA for this app's sign-in, so the service cannot \
                 see it. Ask an administrator to require MFA for this app in Conditional Access, or to set the role \
                 to use an authentication context instead (Role settings > Activation).",
            ),
            ErrorKind::AuthContext(c) => explain(
                format!("The role still asks for authentication context {} after you signed in for it.", c.0),
                "Ask an administrator to check the Conditional Access policy that targets this authentication \
                 context: it must apply to this app's sign-in.",
            ),
            other => other.explain(),
        }
    }

    /// The reason and next step to show.
    pub fn explain(&self) -> Explanation {
        match self {
            ErrorKind::PolicyRules(rules) => {
                let named: Vec<&str> = rules.iter().map(|r| rule_label(r)).collect();
                let what = if named.is_empty() { "the role's settings".to_owned() } else { named.join(", ") };
                explain(
                    format!("The request does not meet the role's settings: {what}."),
                    "Check the duration, justification and ticket against the badges, then submit again.",
                )
            }
            ErrorKind::AuthContext(c) => explain(
                format!("This role needs a sign-in that satisfies authentication context {}.", c.0),
                "Sign in again when asked; the request is resubmitted afterwards.",
            ),
            ErrorKind::Mfa => explain(
                "This role needs multi-factor authentication.",
                "Sign in again with MFA, then submit again.",
            ),
            ErrorKind::AlreadyActive => explain("It is already active.", "Nothing to do."),
            ErrorKind::RequestExists => explain(
                "A request for this role is already pending.",
                "Wait for it in My requests, or cancel it there and ask again.",
            ),
            ErrorKind::TooShort => explain(
                "A role can be deactivated only after it has been active for 5 minutes.",
                "Try again when the countdown ends.",
            ),
            ErrorKind::NotFound => explain(
                "The assignment or eligibility no longer exists.",
                "Refresh the list; it may have expired or been removed.",
            ),
            ErrorKind::NoLicence => explain(
                "Your organisation has no Microsoft Entra ID P2 or ID Governance licence, which PIM needs.",
                "Ask your administrator about licensing.",
            ),
            ErrorKind::Forbidden => explain(
                "You do not have permission for this, or the app lacks consent.",
                "Ask your administrator to grant consent to the app, then sign in again.",
            ),
            ErrorKind::Throttled => explain(
                "The service is busy and asked us to slow down.",
                "Wait a moment; the app retries automatically.",
            ),
            ErrorKind::Network => explain(
                "The service could not be reached.",
                "Check your connection and try again; what you typed is kept.",
            ),
            ErrorKind::Other(message) => explain(
                if message.is_empty() {
                    "The request failed.".to_owned()
                } else {
                    format!("The request failed: {message}")
                },
                "Try again; if it keeps failing, contact your administrator.",
            ),
        }
    }
}

/// A user-facing name for a failed policy rule.
fn rule_label(rule: &str) -> &str {
    match rule.to_ascii_lowercase().as_str() {
        "expirationrule" => "the duration is longer than allowed",
        "justificationrule" => "a justification is required",
        "ticketingrule" => "a ticket is required",
        "mfarule" => "multi-factor authentication is required",
        "eligibilityrule" => "you are not eligible",
        "approvalrule" => "approval settings",
        _ => rule,
    }
}

#[cfg(test)]
#[path = "error_kind_tests.rs"]
mod tests;
