//! What became of one submitted request, from its status, and how to follow it until in force.
//!
//! HTTP 201 does not mean active: the request's `status` says. `Provisioned` is in force now;
//! `Granted` is accepted (in force from a later start, or about to provision); `PendingApproval`
//! waits for an approver (API.md §2). ARM adds more statuses (§8); unknown ones keep polling.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::duration::IsoDuration;
use super::error_kind::{ErrorKind, Explanation};
use super::format::{relative_end, relative_start, utc_stamp};

/// Where a request stands, as far as the user is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StatusClass {
    /// In force (`Provisioned`, `ScheduleCreated`, `AdminApproved`…).
    InForce,
    /// Accepted, not yet in force (`Granted`, `PendingProvisioning`, `PendingRevocation`…).
    Accepted,
    /// Waiting for a person (`PendingApproval`, `PendingAdminDecision`…).
    AwaitingApproval,
    /// Denied (`Denied`, `AdminDenied`, `TimedOut`).
    Denied,
    /// Canceled by the requester.
    Canceled,
    /// Removed (`Revoked`: a completed deactivation).
    Revoked,
    /// Failed (`Failed`, `FailedAsResourceIsLocked`, `Invalid`).
    Failed,
    /// A value this app does not know: keep polling.
    Unknown,
}

/// Classifies a Graph or ARM `status` string, case-insensitively.
pub fn classify_status(status: &str) -> StatusClass {
    match status.to_ascii_lowercase().as_str() {
        "provisioned" | "schedulecreated" | "adminapproved" => StatusClass::InForce,
        "granted"
        | "pendingprovisioning"
        | "accepted"
        | "pendingevaluation"
        | "provisioningstarted"
        | "pendingschedulecreation"
        | "pendingexternalprovisioning"
        | "pendingapprovalprovisioning"
        | "pendingrevocation" => StatusClass::Accepted,
        "pendingapproval" | "pendingadmindecision" => StatusClass::AwaitingApproval,
        "denied" | "admindenied" | "timedout" => StatusClass::Denied,
        "canceled" | "cancelled" => StatusClass::Canceled,
        "revoked" => StatusClass::Revoked,
        "failed" | "failedasresourceislocked" | "invalid" => StatusClass::Failed,
        _ => StatusClass::Unknown,
    }
}

/// What the app knows about a request after submitting or re-reading it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestSnapshot {
    /// `status` as sent.
    pub status: String,
    /// `scheduleInfo.startDateTime`, if any.
    pub start: Option<DateTime<Utc>>,
    /// `completedDateTime`, if any: when an immediate activation took effect.
    pub completed: Option<DateTime<Utc>>,
    /// `scheduleInfo.expiration.endDateTime`, if any.
    pub end: Option<DateTime<Utc>>,
    /// `scheduleInfo.expiration.duration`, if any.
    pub duration: Option<IsoDuration>,
    /// The approver's justification, for a denial.
    pub approver_justification: Option<String>,
}

/// The per-item result shown after submitting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// In force since `since`, until `end` (`None` = no end known).
    ActiveNow { since: DateTime<Utc>, end: Option<DateTime<Utc>> },
    /// Granted from a later start.
    Scheduled { start: DateTime<Utc>, end: Option<DateTime<Utc>> },
    /// Accepted, not in force yet: keep polling.
    InProgress,
    /// Waiting for an approver.
    PendingApproval,
    /// Denied, with the approver's reason when given.
    Denied { justification: Option<String> },
    /// Canceled.
    Canceled,
    /// Deactivated / removed.
    Revoked,
    /// Already active before this request (`RoleAssignmentExists`).
    AlreadyActive,
    /// Failed, with why.
    Failed { error: ErrorKind },
}

impl Outcome {
    /// The outcome of a request read at `now`.
    pub fn from_snapshot(snap: &RequestSnapshot, now: DateTime<Utc>) -> Outcome {
        // Took effect: the requested start, else when the service completed it, else now.
        let start = snap.start.or(snap.completed).unwrap_or(now);
        // Checked: an absurd duration from the service must not panic the page.
        let end = snap.end.or_else(|| {
            snap.duration
                .and_then(|d| Duration::try_seconds(d.as_seconds()))
                .and_then(|d| start.checked_add_signed(d))
        });
        match classify_status(&snap.status) {
            StatusClass::InForce | StatusClass::Accepted if start > now => Outcome::Scheduled { start, end },
            StatusClass::InForce => Outcome::ActiveNow { since: start.min(now), end },
            StatusClass::Accepted | StatusClass::Unknown => Outcome::InProgress,
            StatusClass::AwaitingApproval => Outcome::PendingApproval,
            StatusClass::Denied => Outcome::Denied { justification: snap.approver_justification.clone() },
            StatusClass::Canceled => Outcome::Canceled,
            StatusClass::Revoked => Outcome::Revoked,
            StatusClass::Failed => Outcome::Failed {
                error: ErrorKind::Other(if snap.status.eq_ignore_ascii_case("FailedAsResourceIsLocked") {
                    "the resource is locked".to_owned()
                } else {
                    String::new()
                }),
            },
        }
    }

    /// The outcome of a request the service refused outright.
    pub fn from_error(error: ErrorKind) -> Outcome {
        match error {
            ErrorKind::AlreadyActive => Outcome::AlreadyActive,
            error => Outcome::Failed { error },
        }
    }

    /// True while following the request is worth it (not in force, not decided).
    pub fn keep_polling(&self) -> bool {
        matches!(self, Outcome::InProgress)
    }

    /// True when this item succeeded (in force now, or from a later start).
    pub fn is_success(&self) -> bool {
        matches!(self, Outcome::ActiveNow { .. } | Outcome::Scheduled { .. } | Outcome::AlreadyActive)
    }

    /// A headline and, for failures, the next step.
    pub fn describe(&self, now: DateTime<Utc>) -> Explanation {
        let (reason, next) = match self {
            Outcome::ActiveNow { since, end: Some(end) } => {
                (format!("Active since {}, {}.", utc_stamp(*since), relative_end(*end, now)), String::new())
            }
            Outcome::ActiveNow { since, end: None } => {
                (format!("Active since {}.", utc_stamp(*since)), String::new())
            }
            Outcome::Scheduled { start, .. } => {
                (format!("Granted: {} ({}).", relative_start(*start, now), utc_stamp(*start)), String::new())
            }
            Outcome::InProgress => ("Accepted; waiting for it to take effect.".to_owned(), String::new()),
            Outcome::PendingApproval => {
                ("Waiting for approval.".to_owned(), "You can follow or cancel it in My requests.".to_owned())
            }
            Outcome::Denied { justification: Some(j) } => (
                format!("Denied by the approver: \"{j}\"."),
                "Ask the approver, or request again.".to_owned(),
            ),
            Outcome::Denied { justification: None } => {
                ("Denied by the approver.".to_owned(), "Ask the approver, or request again.".to_owned())
            }
            Outcome::Canceled => ("Canceled.".to_owned(), String::new()),
            Outcome::Revoked => ("Deactivated.".to_owned(), String::new()),
            Outcome::AlreadyActive => ("It was already active.".to_owned(), String::new()),
            Outcome::Failed { error } => return error.explain(),
        };
        Explanation { reason, next_step: next }
    }
}

/// Follow-up polling after submitting: 1 s, 2 s, 4 s, … capped at `max_delay`, stopping once the
/// waits add up to `max_total` (then the UI offers a manual refresh).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PollSchedule {
    /// First wait.
    pub first: Duration,
    /// Longest single wait.
    pub max_delay: Duration,
    /// Longest total wait.
    pub max_total: Duration,
}

impl Default for PollSchedule {
    /// 1 s doubling to 15 s, at most 2 minutes in all (propagation is "within seconds").
    fn default() -> Self {
        PollSchedule {
            first: Duration::seconds(1),
            max_delay: Duration::seconds(15),
            max_total: Duration::minutes(2),
        }
    }
}

impl PollSchedule {
    /// The wait before poll number `attempt` (0-based), or `None` when polling should stop.
    pub fn delay(&self, attempt: u32) -> Option<Duration> {
        let mut total = Duration::zero();
        let mut delay = self.first;
        for i in 0..=attempt {
            if i > 0 {
                delay = (delay * 2).min(self.max_delay);
            }
            total += delay;
        }
        (total <= self.max_total).then_some(delay)
    }

    /// Every wait, in order.
    pub fn delays(&self) -> Vec<Duration> {
        (0..).map_while(|i| self.delay(i)).collect()
    }
}

#[cfg(test)]
#[path = "outcome_tests.rs"]
mod tests;
