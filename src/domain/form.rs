//! The activation form: what the user typed, and its validation against a policy.
//!
//! The form holds raw text (what the inputs show); [`validate_for`] turns it into a
//! [`ValidForm`] or one plain message per field, before anything is sent.
//!
//! Default duration: the policy maximum capped at [`DEFAULT_DURATION`] (2 h). Least privilege
//! argues for short activations, but too short sends people back mid-task (and a re-activation
//! may need approval again); 2 h covers a typical admin task and is a quarter of the usual 8 h
//! maximum. A saved set or a deep link can carry its own duration.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::arm_scope::ScopeRelation;
use super::duration::IsoDuration;
use super::duration_input::parse_duration_input;
use super::format::human_duration;
use super::ids::ArmScope;
use super::policy::ActivationPolicy;

/// The default activation length before capping at the policy maximum.
pub const DEFAULT_DURATION: IsoDuration = IsoDuration::from_hours(2);
/// The shortest activation accepted: below it the role could not even be deactivated (the
/// service refuses deactivation in the first five minutes). `[I]` not a documented service limit.
pub const MIN_DURATION: IsoDuration = IsoDuration::from_minutes(5);
/// How far ahead a scheduled start may be. `[I]` the portal's limit is not documented.
pub const MAX_START_AHEAD: Duration = Duration::days(30);
/// A start this close to now (or slightly past, as a minute-precision picker gives) means "now".
pub const START_GRACE: Duration = Duration::minutes(5);
/// Longest justification kept. `[I]` the service limit is not documented; 500 is the portal's.
pub const MAX_JUSTIFICATION_CHARS: usize = 500;

/// The default duration for a policy.
pub fn default_duration(policy: &ActivationPolicy) -> IsoDuration {
    policy.max_duration.min(DEFAULT_DURATION)
}

/// A form field, for per-field messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Field {
    /// Duration.
    Duration,
    /// Justification.
    Justification,
    /// Ticket system.
    TicketSystem,
    /// Ticket number.
    TicketNumber,
    /// Scheduled start.
    Start,
    /// Narrower Azure scope.
    Scope,
}

/// One plain message per field.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(BTreeMap<Field, String>);

impl FieldErrors {
    /// The message for a field.
    pub fn get(&self, field: Field) -> Option<&str> {
        self.0.get(&field).map(String::as_str)
    }
    /// True when every field is fine.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// Number of fields with a problem.
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// Fields and messages, in field order.
    pub fn iter(&self) -> impl Iterator<Item = (Field, &str)> {
        self.0.iter().map(|(f, m)| (*f, m.as_str()))
    }
    fn set(&mut self, field: Field, message: impl Into<String>) {
        self.0.entry(field).or_insert_with(|| message.into());
    }
}

/// What the user typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivationForm {
    /// Duration text ("2h", "90m", "PT1H30M"; dropdown values are ISO).
    pub duration: String,
    /// Justification text.
    pub justification: String,
    /// Ticket system ("ServiceNow").
    pub ticket_system: String,
    /// Ticket number ("INC0012345").
    pub ticket_number: String,
    /// Scheduled start; `None` = now.
    pub start: Option<DateTime<Utc>>,
    /// A narrower ARM scope id, for Azure roles.
    pub narrower_scope: Option<String>,
}

impl ActivationForm {
    /// A fresh form with the default duration for `policy`.
    pub fn for_policy(policy: &ActivationPolicy) -> Self {
        ActivationForm { duration: default_duration(policy).to_string(), ..Default::default() }
    }
}

/// A ticket reference.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ticket {
    /// `ticketSystem` (may be empty when not required).
    pub system: String,
    /// `ticketNumber`.
    pub number: String,
}

/// A form that passed validation: ready for a request body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidForm {
    /// `scheduleInfo.expiration.duration`.
    pub duration: IsoDuration,
    /// `justification`, trimmed; `None` when blank.
    pub justification: Option<String>,
    /// `ticketInfo`, when a number was given.
    pub ticket: Option<Ticket>,
    /// `scheduleInfo.startDateTime`; `None` = start now.
    pub start: Option<DateTime<Utc>>,
    /// The scope to request at (Azure), when narrower than the eligible one.
    pub scope: Option<ArmScope>,
}

/// Validates a form for an item that is not an Azure role (a narrower scope is refused).
pub fn validate(
    form: &ActivationForm,
    policy: &ActivationPolicy,
    now: DateTime<Utc>,
) -> Result<ValidForm, FieldErrors> {
    validate_for(form, policy, None, now)
}

/// Validates a form for an item whose eligible ARM scope is `eligible_scope` (`None` for Entra
/// roles and groups).
pub fn validate_for(
    form: &ActivationForm,
    policy: &ActivationPolicy,
    eligible_scope: Option<&ArmScope>,
    now: DateTime<Utc>,
) -> Result<ValidForm, FieldErrors> {
    let mut errors = FieldErrors::default();

    let duration = match parse_duration_input(&form.duration) {
        Err(e) => {
            errors.set(Field::Duration, e.to_string());
            None
        }
        Ok(d) if d > policy.max_duration => {
            errors.set(
                Field::Duration,
                format!("At most {} for this role.", human_duration(policy.max_duration)),
            );
            None
        }
        Ok(d) if d < MIN_DURATION => {
            errors.set(Field::Duration, format!("At least {}.", human_duration(MIN_DURATION)));
            None
        }
        Ok(d) => Some(d),
    };

    let justification = form.justification.trim();
    if justification.is_empty() && policy.require_justification {
        errors.set(Field::Justification, "A justification is required for this role.");
    } else if justification.chars().count() > MAX_JUSTIFICATION_CHARS {
        errors.set(Field::Justification, format!("At most {MAX_JUSTIFICATION_CHARS} characters."));
    }

    let (system, number) = (form.ticket_system.trim(), form.ticket_number.trim());
    if policy.require_ticket {
        if system.is_empty() {
            errors.set(Field::TicketSystem, "A ticket system is required for this role.");
        }
        if number.is_empty() {
            errors.set(Field::TicketNumber, "A ticket number is required for this role.");
        }
    } else if number.is_empty() && !system.is_empty() {
        errors.set(Field::TicketNumber, "Add the ticket number, or clear the ticket system.");
    }

    let start = match form.start {
        Some(s) if s < now - START_GRACE => {
            errors.set(Field::Start, "The start time is in the past.");
            None
        }
        Some(s) if s > now + MAX_START_AHEAD => {
            errors.set(Field::Start, format!("Start within {} days.", MAX_START_AHEAD.num_days()));
            None
        }
        Some(s) if s > now + START_GRACE => Some(s),
        _ => None,
    };

    let scope =
        match (form.narrower_scope.as_deref().map(str::trim).filter(|s| !s.is_empty()), eligible_scope) {
            (None, _) => None,
            (Some(_), None) => {
                errors.set(Field::Scope, "Only Azure roles can be activated at a narrower scope.");
                None
            }
            (Some(text), Some(eligible)) => match ArmScope::parse(text) {
                Err(e) => {
                    errors.set(Field::Scope, e.to_string());
                    None
                }
                Ok(chosen) => match chosen.relation_to(eligible) {
                    ScopeRelation::Same => None,
                    // Management-group membership is not visible in ids: the service decides.
                    ScopeRelation::Below | ScopeRelation::Unknown => Some(chosen),
                    ScopeRelation::Outside => {
                        errors.set(Field::Scope, "Choose a scope inside the one you are eligible for.");
                        None
                    }
                },
            },
        };

    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ValidForm {
        duration: duration.unwrap_or(policy.max_duration),
        justification: (!justification.is_empty()).then(|| justification.to_owned()),
        ticket: (!number.is_empty()).then(|| Ticket { system: system.to_owned(), number: number.to_owned() }),
        start,
        scope,
    })
}

#[cfg(test)]
#[path = "form_tests.rs"]
mod tests;
