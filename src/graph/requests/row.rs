//! One request as "My requests" and "Approvals" show it, whatever its plane: what was asked, by
//! whom, for how long, where it stands and (once decided) what the approver said.

use chrono::{DateTime, Duration, Utc};

use crate::domain::error_kind::Explanation;
use crate::domain::format::{human_duration, human_seconds, utc_stamp};
use crate::domain::ids::ArmScope;
use crate::domain::ids::{AccessId, GroupId, PrincipalId, RequestId, RoleDefinitionId};
use crate::domain::item::ScopeLabel;
use crate::domain::item_key::Plane;
use crate::domain::outcome::{classify_status, StatusClass};
use crate::domain::IsoDuration;
use crate::graph::wire::values::ScheduleAction;

/// How to reach a request again (to cancel it or decide its approval).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RequestRef {
    /// A directory-role `roleAssignmentScheduleRequest`; its approval id is the request id.
    EntraRole { id: RequestId, role: RoleDefinitionId },
    /// A PIM for Groups `assignmentScheduleRequest`.
    Group { id: RequestId, group: GroupId, access: AccessId },
    /// An ARM `roleAssignmentScheduleRequest` (`name`) at its scope.
    Azure { scope: ArmScope, name: String, role: RoleDefinitionId },
}

impl RequestRef {
    /// The plane the request belongs to.
    pub fn plane(&self) -> Plane {
        match self {
            RequestRef::EntraRole { .. } => Plane::EntraRole,
            RequestRef::Group { .. } => Plane::Group,
            RequestRef::Azure { .. } => Plane::Azure,
        }
    }

    /// A stable key for lists and selections (`plane:id`).
    pub fn key(&self) -> String {
        match self {
            RequestRef::EntraRole { id, .. } => format!("role:{id}"),
            RequestRef::Group { id, .. } => format!("group:{id}"),
            RequestRef::Azure { name, .. } => format!("azure:{name}"),
        }
    }
}

/// What the approval step says once someone decided.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApproverNote {
    /// Who decided, when known.
    pub approver: Option<String>,
    /// Their justification.
    pub justification: Option<String>,
}

/// What the role's policy asks of an approver (read from `Approval_EndUser_Assignment`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ApprovalRules {
    /// `isApproverJustificationRequired`.
    pub justification_required: bool,
    /// `approvalStageTimeOutInDays`: the request is denied automatically after this.
    pub timeout_days: i64,
}

impl Default for ApprovalRules {
    /// Graph's default stage timeout is one day; justification is optional unless the policy says so.
    fn default() -> Self {
        ApprovalRules { justification_required: false, timeout_days: 1 }
    }
}

/// A request in a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestRow {
    pub reference: RequestRef,
    /// Role or group display name.
    pub role: String,
    pub scope: ScopeLabel,
    /// Who the request is for.
    pub principal: Option<PrincipalId>,
    /// Their display name, when expanded.
    pub requester: Option<String>,
    pub action: Option<ScheduleAction>,
    /// `status` as sent.
    pub status: String,
    pub created: Option<DateTime<Utc>>,
    pub completed: Option<DateTime<Utc>>,
    /// Requested start (`None`: as soon as approved).
    pub start: Option<DateTime<Utc>>,
    pub end: Option<DateTime<Utc>>,
    pub duration: Option<IsoDuration>,
    pub justification: Option<String>,
    /// "ServiceNow INC-4711", when a ticket was given.
    pub ticket: Option<String>,
    /// `approvalId`, when the request went to an approver (Graph: the request id; ARM: a path).
    pub approval_id: Option<String>,
    /// Filled for decided requests when the approval could be read.
    pub note: Option<ApproverNote>,
    /// Filled for the approval queue when the policy could be read.
    pub rules: Option<ApprovalRules>,
}

impl RequestRow {
    /// Where the request stands.
    pub fn class(&self) -> StatusClass {
        classify_status(&self.status)
    }

    /// True while the requester can still cancel it (waiting for approval, or granted from a
    /// start still ahead of `now`).
    pub fn cancellable(&self, now: DateTime<Utc>) -> bool {
        self.is_pending() || (self.class() == StatusClass::Accepted && self.start.is_some_and(|s| s > now))
    }

    /// True while it waits for a person.
    pub fn is_pending(&self) -> bool {
        matches!(self.class(), StatusClass::AwaitingApproval)
    }

    /// "Activation", "Deactivation", …
    pub fn action_label(&self) -> &'static str {
        match self.action {
            Some(ScheduleAction::SelfDeactivate) => "Deactivation",
            Some(ScheduleAction::SelfExtend) | Some(ScheduleAction::AdminExtend) => "Extension",
            Some(ScheduleAction::SelfRenew) | Some(ScheduleAction::AdminRenew) => "Renewal",
            Some(ScheduleAction::AdminAssign) => "Assignment",
            Some(ScheduleAction::AdminRemove) => "Removal",
            Some(ScheduleAction::AdminUpdate) => "Update",
            _ => "Activation",
        }
    }

    /// The requested duration in words ("1 hour"), from the duration or the start and end.
    pub fn duration_label(&self) -> Option<String> {
        if let Some(d) = self.duration {
            return Some(human_duration(d));
        }
        match (self.start, self.end) {
            (Some(s), Some(e)) if e > s => Some(human_seconds((e - s).num_seconds())),
            _ => None,
        }
    }

    /// "as soon as approved" or the UTC start.
    pub fn start_label(&self) -> String {
        match self.start {
            Some(s) => utc_stamp(s),
            None => "as soon as approved".to_owned(),
        }
    }

    /// When an undecided request is denied automatically.
    pub fn expires_at(&self) -> Option<DateTime<Utc>> {
        let rules = self.rules.unwrap_or_default();
        self.created.map(|c| c + Duration::days(rules.timeout_days))
    }

    /// "5 hours left to decide" / "expired".
    pub fn time_left(&self, now: DateTime<Utc>) -> Option<String> {
        let at = self.expires_at()?;
        let left = (at - now).num_seconds();
        Some(if left <= 0 {
            "Expired: it will be denied automatically.".to_owned()
        } else {
            format!("{} left to decide", human_seconds(left))
        })
    }

    /// The outcome in a sentence: its status and, once decided, who decided and why.
    pub fn outcome(&self) -> Explanation {
        let by = self.note.as_ref().and_then(|n| n.approver.clone());
        let said = self.note.as_ref().and_then(|n| n.justification.clone()).filter(|j| !j.trim().is_empty());
        let when = self.completed.map(|c| format!(" on {}", utc_stamp(c))).unwrap_or_default();
        let (reason, next) = match self.class() {
            StatusClass::InForce => {
                let by = by.map(|b| format!(", approved by {b}")).unwrap_or_default();
                (format!("Provisioned{when}{by}."), String::new())
            }
            StatusClass::Accepted => ("Granted; it takes effect at its start.".to_owned(), String::new()),
            StatusClass::AwaitingApproval => (
                "Pending approval.".to_owned(),
                "The approver has been notified; you can cancel it while it waits.".to_owned(),
            ),
            StatusClass::Denied => {
                let by = by.map(|b| format!(" by {b}")).unwrap_or_default();
                let said = said.map(|j| format!(": \"{j}\"")).unwrap_or_default();
                let timed_out = self.status.eq_ignore_ascii_case("TimedOut");
                let head = if timed_out {
                    "Denied: nobody decided in time".to_owned()
                } else {
                    format!("Denied{by}")
                };
                (format!("{head}{when}{said}."), "Ask the approver, or request again.".to_owned())
            }
            StatusClass::Canceled => (format!("Canceled{when}."), String::new()),
            StatusClass::Revoked => (format!("Revoked{when}."), String::new()),
            StatusClass::Failed => {
                (format!("Failed ({}).", self.status), "Try again, or ask an administrator.".to_owned())
            }
            StatusClass::Unknown => (format!("Status: {}.", self.status), String::new()),
        };
        Explanation { reason, next_step: next }
    }
}

/// Newest first, by creation time.
pub fn newest_first(rows: &mut [RequestRow]) {
    rows.sort_by(|a, b| b.created.cmp(&a.created));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::item::ScopeKind;
    use chrono::TimeZone;

    fn row(status: &str) -> RequestRow {
        RequestRow {
            reference: RequestRef::EntraRole { id: RequestId::new("r1"), role: RoleDefinitionId::new("x") },
            role: "User Administrator".into(),
            scope: ScopeLabel { kind: ScopeKind::Tenant, name: "Directory".into() },
            principal: None,
            requester: None,
            action: Some(ScheduleAction::SelfActivate),
            status: status.into(),
            created: Some(Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap()),
            completed: None,
            start: None,
            end: None,
            duration: Some(IsoDuration::from_hours(2)),
            justification: None,
            ticket: None,
            approval_id: None,
            note: None,
            rules: None,
        }
    }

    #[test]
    fn a_pending_request_expires_after_the_stage_timeout_and_can_be_canceled() {
        let r = row("PendingApproval");
        let now = Utc.with_ymd_and_hms(2026, 11, 2, 21, 0, 0).unwrap();
        assert!(r.cancellable(now));
        assert_eq!(r.expires_at(), Some(Utc.with_ymd_and_hms(2026, 11, 3, 9, 0, 0).unwrap()));
        assert!(r.time_left(now).unwrap().contains("left to decide"));
        let later = Utc.with_ymd_and_hms(2026, 11, 4, 0, 0, 0).unwrap();
        assert!(r.time_left(later).unwrap().starts_with("Expired"));
        assert!(!row("Provisioned").cancellable(now));
    }

    #[test]
    fn outcomes_name_the_approver_and_quote_a_denial() {
        let mut denied = row("Denied");
        denied.note =
            Some(ApproverNote { approver: Some("Bailey Kim".into()), justification: Some("Freeze".into()) });
        let text = denied.outcome();
        assert!(
            text.reason.contains("Denied by Bailey Kim") && text.reason.contains("\"Freeze\""),
            "{}",
            text.reason
        );
        assert!(row("TimedOut").outcome().reason.contains("nobody decided in time"));
        assert_eq!(row("Canceled").outcome().reason, "Canceled.");
    }
}
