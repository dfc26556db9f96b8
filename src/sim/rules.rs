//! Policy evaluation and the service's PIM error codes (API.md §11).

use chrono::Duration;

use super::http::percent_encode;
use super::model::{Expiration, RequestSchedule, Ticket};
use super::policy::PolicyView;
use crate::domain::duration::IsoDuration;

/// A refused PIM write, mapped to the service's status, code and message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PimError {
    /// `RoleAssignmentRequestPolicyValidationFailed`, naming the failed rules.
    PolicyFailed(Vec<&'static str>),
    /// `RoleAssignmentRequestAcrsValidationFailed`: the token lacks this `acrs` value.
    AcrsRequired(String),
    /// `RoleAssignmentExists`.
    Exists,
    /// `RoleAssignmentRequestExists`: a pending request for the same target exists.
    RequestExists,
    /// `RoleAssignmentDoesNotExist`.
    DoesNotExist,
    /// `ActiveDurationTooShort`: deactivation within 5 minutes of activation.
    TooShort,
    /// Removing the last Global Administrator.
    LastGlobalAdmin,
    /// 403: missing role or not allowed (message says why).
    Forbidden(String),
    /// 400: malformed or inconsistent request.
    Invalid(String),
    /// 404.
    NotFound(String),
    /// 409: already decided.
    Conflict(String),
}

impl PimError {
    /// The HTTP status.
    pub fn status(&self) -> u16 {
        match self {
            PimError::Forbidden(_) => 403,
            PimError::NotFound(_) => 404,
            PimError::Conflict(_) => 409,
            _ => 400,
        }
    }

    /// `error.code`; `arm` picks ARM's spelling where it differs.
    pub fn code(&self, arm: bool) -> &'static str {
        match self {
            PimError::PolicyFailed(_) => "RoleAssignmentRequestPolicyValidationFailed",
            PimError::AcrsRequired(_) => "RoleAssignmentRequestAcrsValidationFailed",
            PimError::Exists => "RoleAssignmentExists",
            PimError::RequestExists => "RoleAssignmentRequestExists",
            PimError::DoesNotExist => "RoleAssignmentDoesNotExist",
            PimError::TooShort => "ActiveDurationTooShort",
            // [I] no documented code for this refusal; the portal's wording is used in the message.
            PimError::LastGlobalAdmin => "BadRequest",
            PimError::Forbidden(_) if arm => "AuthorizationFailed",
            PimError::Forbidden(_) => "Authorization_RequestDenied",
            PimError::Invalid(_) if arm => "InvalidRequest",
            PimError::Invalid(_) => "BadRequest",
            PimError::NotFound(_) if arm => "NotFound",
            PimError::NotFound(_) => "ResourceNotFound",
            PimError::Conflict(_) => "Conflict",
        }
    }

    /// `error.message`, in the observed shapes.
    pub fn message(&self) -> String {
        match self {
            PimError::PolicyFailed(rules) => {
                let list: Vec<String> = rules.iter().map(|r| format!("\"{r}\"")).collect();
                format!("The following policy rules failed: [{}]", list.join(","))
            }
            PimError::AcrsRequired(value) => {
                let claims =
                    format!(r#"{{"access_token":{{"acrs":{{"essential":true,"value":"{value}"}}}}}}"#);
                format!("&claims={}", percent_encode(&claims))
            }
            PimError::Exists => "The Role assignment already exists.".into(),
            PimError::RequestExists => {
                "A pending role assignment request already exists for this role.".into()
            }
            PimError::DoesNotExist => "The Role assignment does not exist.".into(),
            PimError::TooShort => "The Active duration is too short. Miniumum Required is 5 minutes.".into(),
            PimError::LastGlobalAdmin => {
                "You cannot remove the last Global Administrator of the directory.".into()
            }
            PimError::Forbidden(m) | PimError::Invalid(m) | PimError::NotFound(m) | PimError::Conflict(m) => {
                m.clone()
            }
        }
    }
}

/// The duration a schedule asks for from `start`, `None` = no end.
pub fn requested_length(s: &RequestSchedule, start: chrono::DateTime<chrono::Utc>) -> Option<Duration> {
    s.end_from(start).map(|end| end - start)
}

/// True when `length` exceeds `max` (or is permanent where expiration is required).
fn expiration_fails(
    required: bool,
    max: IsoDuration,
    length: Option<Duration>,
    expiration: Expiration,
) -> bool {
    match length {
        None => required || matches!(expiration, Expiration::AfterDuration | Expiration::AfterDateTime),
        Some(len) => len > max.to_chrono() || len <= Duration::zero(),
    }
}

fn is_blank(s: Option<&str>) -> bool {
    s.is_none_or(|s| s.trim().is_empty())
}

/// Evaluates an end-user activation against the policy: the failed rules, in the service's order.
pub fn activation_failures(
    view: &PolicyView,
    schedule: Option<&RequestSchedule>,
    justification: Option<&str>,
    ticket: Option<&Ticket>,
    mfa_done: bool,
    start: chrono::DateTime<chrono::Utc>,
) -> Vec<&'static str> {
    let mut failed = Vec::new();
    let length = schedule.and_then(|s| requested_length(s, start));
    let expiration = schedule.map(|s| s.expiration).unwrap_or(Expiration::NotSpecified);
    // An activation without an end gets the maximum duration only when the schedule is absent.
    let length = if schedule.is_none() { Some(view.activation_max.to_chrono()) } else { length };
    if expiration_fails(view.activation_expiration_required, view.activation_max, length, expiration) {
        failed.push("ExpirationRule");
    }
    let has = |r: &str| view.activation_rules.iter().any(|x| x.eq_ignore_ascii_case(r));
    if has("Justification") && is_blank(justification) {
        failed.push("JustificationRule");
    }
    if has("Ticketing") && (is_blank(ticket.and_then(|t| t.number.as_deref())) || ticket.is_none()) {
        failed.push("TicketingRule");
    }
    if has("MultiFactorAuthentication") && !mfa_done {
        failed.push("MfaRule");
    }
    failed
}

/// Evaluates an administrator's assignment against `Expiration_Admin_*` and `Enablement_Admin_Assignment`.
pub fn admin_failures(
    expiration_rule: (bool, IsoDuration),
    enabled: &[String],
    schedule: Option<&RequestSchedule>,
    justification: Option<&str>,
    mfa_done: bool,
    start: chrono::DateTime<chrono::Utc>,
) -> Vec<&'static str> {
    let mut failed = Vec::new();
    let length = schedule.and_then(|s| requested_length(s, start));
    let expiration = schedule.map(|s| s.expiration).unwrap_or(Expiration::NoExpiration);
    if expiration_fails(expiration_rule.0, expiration_rule.1, length, expiration) {
        failed.push("ExpirationRule");
    }
    let has = |r: &str| enabled.iter().any(|x| x.eq_ignore_ascii_case(r));
    if has("Justification") && is_blank(justification) {
        failed.push("JustificationRule");
    }
    if has("MultiFactorAuthentication") && !mfa_done {
        failed.push("MfaRule");
    }
    failed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_have_the_observed_shapes() {
        assert_eq!(
            PimError::PolicyFailed(vec!["ExpirationRule", "JustificationRule"]).message(),
            r#"The following policy rules failed: ["ExpirationRule","JustificationRule"]"#
        );
        assert_eq!(
            PimError::AcrsRequired("c1".into()).message(),
            "&claims=%7B%22access_token%22%3A%7B%22acrs%22%3A%7B%22essential%22%3Atrue%2C%22value%22%3A%22c1%22%7D%7D%7D"
        );
        assert_eq!(PimError::TooShort.code(true), "ActiveDurationTooShort");
    }
}
