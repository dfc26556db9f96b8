//! Deactivation (allowed five minutes after activation starts) and extend/renew of time-bound
//! assignments that end soon (`selfExtend`) or ended recently (`selfRenew`).
//!
//! API.md §3: deactivation within five minutes fails with `ActiveDurationTooShort`; the portal
//! offers Extend when an assignment ends within 14 days and Renew up to 30 days after it ended;
//! both create a request an administrator decides. A running *activation* cannot be extended.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::format::human_seconds;
use super::item::{ActiveKind, ItemState, RoleItem};

/// How long an activation must have run before it can be deactivated.
pub const MIN_ACTIVE_BEFORE_DEACTIVATE: Duration = Duration::minutes(5);
/// Extend is offered when an assignment ends within this window.
pub const EXTEND_WINDOW: Duration = Duration::days(14);
/// Renew is offered up to this long after an assignment ended.
pub const RENEW_WINDOW: Duration = Duration::days(30);

/// Whether the Deactivate button works now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deactivation {
    /// Not active: no button.
    NotActive,
    /// Assigned active by an administrator: only they can remove it.
    AssignedByAdmin,
    /// Active for less than five minutes: the button counts down.
    Wait { seconds: i64 },
    /// Deactivation can be requested.
    Allowed,
}

impl Deactivation {
    /// The state of deactivation for an item at `now`.
    pub fn at(state: &ItemState, now: DateTime<Utc>) -> Deactivation {
        match state {
            ItemState::Active { kind: ActiveKind::Assigned, .. } => Deactivation::AssignedByAdmin,
            ItemState::Active { start, .. } => {
                let wait = (*start + MIN_ACTIVE_BEFORE_DEACTIVATE - now).num_seconds();
                if wait > 0 {
                    Deactivation::Wait { seconds: wait }
                } else {
                    Deactivation::Allowed
                }
            }
            _ => Deactivation::NotActive,
        }
    }

    /// The button text: "Deactivate", "Deactivate in 4 min 32 s".
    pub fn button_label(&self) -> Option<String> {
        match self {
            Deactivation::Allowed => Some("Deactivate".to_owned()),
            Deactivation::Wait { seconds } => Some(format!("Deactivate in {}", human_seconds(*seconds))),
            _ => None,
        }
    }

    /// Why the button is disabled, in a sentence.
    pub fn explanation(&self) -> Option<&'static str> {
        match self {
            Deactivation::Wait { .. } => {
                Some("A role can be deactivated only after it has been active for 5 minutes.")
            }
            Deactivation::AssignedByAdmin => {
                Some("This role was assigned by an administrator; ask them to remove it.")
            }
            _ => None,
        }
    }
}

/// A self-service request action (Graph camelCase, ARM PascalCase).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SelfAction {
    /// Activate an eligibility.
    Activate,
    /// End an activation early.
    Deactivate,
    /// Ask to extend an assignment that ends soon.
    Extend,
    /// Ask to renew an assignment that ended.
    Renew,
}

impl SelfAction {
    /// Graph's `action` value.
    pub fn graph(self) -> &'static str {
        match self {
            SelfAction::Activate => "selfActivate",
            SelfAction::Deactivate => "selfDeactivate",
            SelfAction::Extend => "selfExtend",
            SelfAction::Renew => "selfRenew",
        }
    }
    /// ARM's `requestType` value.
    pub fn arm(self) -> &'static str {
        match self {
            SelfAction::Activate => "SelfActivate",
            SelfAction::Deactivate => "SelfDeactivate",
            SelfAction::Extend => "SelfExtend",
            SelfAction::Renew => "SelfRenew",
        }
    }
}

/// Which kind of assignment a request is about: it picks the collection the request is posted
/// to (`…EligibilityScheduleRequests` or `…AssignmentScheduleRequests`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AssignmentLevel {
    /// The eligibility itself.
    Eligibility,
    /// A time-bound active assignment (not an activation).
    Assignment,
}

/// An extend or renew the user may ask for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenewalOffer {
    /// `Extend` or `Renew`.
    pub action: SelfAction,
    /// Which assignment.
    pub level: AssignmentLevel,
    /// When it ends or ended.
    pub end: DateTime<Utc>,
}

impl RenewalOffer {
    /// "Extend (ends in 3 d 4 h)", "Renew (ended 2 d ago)".
    pub fn label(&self, now: DateTime<Utc>) -> String {
        let secs = (self.end - now).num_seconds();
        match self.action {
            SelfAction::Extend => format!("Extend (ends in {})", human_seconds(secs)),
            _ => format!("Renew (ended {} ago)", human_seconds(secs)),
        }
    }

    /// What sending it does, in a sentence.
    pub fn explanation(&self) -> &'static str {
        "This asks an administrator to extend your assignment; add a reason. Nothing changes until they decide."
    }
}

/// Extend or renew for one end time at `now`, if either window applies.
pub fn renewal_for(
    end: Option<DateTime<Utc>>,
    level: AssignmentLevel,
    now: DateTime<Utc>,
) -> Option<RenewalOffer> {
    let end = end?;
    let action = if end > now && end - now <= EXTEND_WINDOW {
        SelfAction::Extend
    } else if end <= now && now - end <= RENEW_WINDOW {
        SelfAction::Renew
    } else {
        return None;
    };
    Some(RenewalOffer { action, level, end })
}

/// The extend/renew offers for an item: its eligibility, and a time-bound active assignment
/// made by an administrator (activations cannot be extended).
pub fn renewal_offers(item: &RoleItem, now: DateTime<Utc>) -> Vec<RenewalOffer> {
    let mut out = Vec::new();
    if item.eligible {
        out.extend(renewal_for(item.eligibility_end, AssignmentLevel::Eligibility, now));
    }
    if let ItemState::Active { end, kind: ActiveKind::Assigned, .. } = item.state {
        out.extend(renewal_for(end, AssignmentLevel::Assignment, now));
    }
    out
}

#[cfg(test)]
#[path = "deactivate_tests.rs"]
mod tests;
