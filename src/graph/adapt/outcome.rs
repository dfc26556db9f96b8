//! A request's answer as the per-item result the user reads: the service's status, or the
//! refusal turned into the domain's error kind (with its plain sentence and next step).

use chrono::{DateTime, Utc};

use crate::domain::error_kind::ErrorKind;
use crate::domain::outcome::{Outcome, RequestSnapshot};
use crate::domain::policy::AuthContext;
use crate::graph::actions::{ActivationInput, Submitted};
use crate::graph::error::FailedRule;
use crate::graph::GraphError;

/// The domain's kind of a client error.
pub fn error_kind(error: &GraphError) -> ErrorKind {
    match error {
        GraphError::Network(_) | GraphError::Timeout => ErrorKind::Network,
        GraphError::Throttled { .. } => ErrorKind::Throttled,
        GraphError::PolicyViolation { rules, .. } if rules.iter().any(|r| matches!(r, FailedRule::Mfa)) => {
            ErrorKind::Mfa
        }
        GraphError::PolicyViolation { rules, .. } => {
            ErrorKind::PolicyRules(rules.iter().map(rule_name).collect())
        }
        GraphError::ClaimsChallenge { claims } => match acrs_value(claims) {
            Some(c) => ErrorKind::AuthContext(AuthContext(c)),
            None => ErrorKind::Other("The service asked for a stronger sign-in.".into()),
        },
        GraphError::RoleAssignmentExists { .. } => ErrorKind::AlreadyActive,
        GraphError::RoleAssignmentRequestExists { .. } => ErrorKind::RequestExists,
        GraphError::ActiveDurationTooShort { .. } => ErrorKind::TooShort,
        GraphError::RoleAssignmentDoesNotExist { .. } => ErrorKind::NotFound,
        GraphError::LicenseMissing { .. } => ErrorKind::NoLicence,
        GraphError::PermissionMissing { .. } => ErrorKind::Forbidden,
        GraphError::Http { status: 404, .. } => ErrorKind::NotFound,
        GraphError::Http { status: 403, .. } => ErrorKind::Forbidden,
        other => ErrorKind::Other(other.explain()),
    }
}

fn rule_name(rule: &FailedRule) -> String {
    match rule {
        FailedRule::Expiration => "ExpirationRule".into(),
        FailedRule::Justification => "JustificationRule".into(),
        FailedRule::Ticketing => "TicketingRule".into(),
        FailedRule::Mfa => "MfaRule".into(),
        FailedRule::Eligibility => "EligibilityRule".into(),
        FailedRule::Other(name) => name.clone(),
    }
}

/// The `acrs` value a claims challenge asks for (`{"access_token":{"acrs":{"value":"c1"}}}`).
fn acrs_value(claims: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(claims).ok()?;
    let acrs = &v["access_token"]["acrs"];
    acrs["value"].as_str().map(str::to_owned).or_else(|| acrs["values"][0].as_str().map(str::to_owned))
}

/// The result of an activation request, read at `now`.
pub fn activation_outcome(
    answer: &Result<Submitted, GraphError>,
    input: &ActivationInput,
    now: DateTime<Utc>,
) -> Outcome {
    match answer {
        Ok(s) => Outcome::from_snapshot(
            &RequestSnapshot {
                status: s.status.as_ref().map(|st| st.as_str().to_owned()).unwrap_or_default(),
                start: input.start,
                completed: None,
                end: None,
                duration: Some(input.duration),
                approver_justification: None,
            },
            now,
        ),
        Err(e) => Outcome::from_error(error_kind(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_claims_challenge_names_its_context() {
        let e = GraphError::ClaimsChallenge {
            claims: r#"{"access_token":{"acrs":{"essential":true,"value":"c1"}}}"#.into(),
        };
        assert_eq!(error_kind(&e), ErrorKind::AuthContext(AuthContext("c1".into())));
    }

    #[test]
    fn an_mfa_rule_failure_is_an_mfa_step_up() {
        let e = GraphError::PolicyViolation { rules: vec![FailedRule::Mfa], message: String::new() };
        assert_eq!(error_kind(&e), ErrorKind::Mfa);
        let e = GraphError::PolicyViolation { rules: vec![FailedRule::Ticketing], message: String::new() };
        assert_eq!(error_kind(&e), ErrorKind::PolicyRules(vec!["TicketingRule".into()]));
    }
}
