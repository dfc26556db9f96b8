//! "My requests": pending requests (with cancel) and past ones with their outcome.
//!
//! Built from the requests the user created (`…ScheduleRequests/filterByCurrentUser(on='principal')`
//! and ARM `asRequestor()`), read by the adapter into [`RequestRecord`]s.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::deactivate::SelfAction;
use super::ids::RequestId;
use super::item_key::ItemKey;
use super::outcome::{classify_status, Outcome, RequestSnapshot, StatusClass};

impl SelfAction {
    /// Reads Graph `action` or ARM `requestType` (any case); admin actions give `None`.
    pub fn parse(s: &str) -> Option<SelfAction> {
        [SelfAction::Activate, SelfAction::Deactivate, SelfAction::Extend, SelfAction::Renew]
            .into_iter()
            .find(|a| a.graph().eq_ignore_ascii_case(s.trim()))
    }
}

/// One request as read back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestRecord {
    /// Request id (cancel with it).
    pub id: RequestId,
    /// The item.
    pub key: ItemKey,
    /// Role or group name.
    pub name: String,
    /// What was asked (`None` for admin actions on the user's behalf).
    pub action: Option<SelfAction>,
    /// `createdDateTime`.
    pub created: DateTime<Utc>,
    /// The requester's justification.
    pub justification: Option<String>,
    /// Status and schedule.
    pub snapshot: RequestSnapshot,
}

impl RequestRecord {
    /// True when the requester can still cancel it. `[I]` Cancel is documented for pending
    /// requests; granted requests with a later start are not offered.
    pub fn can_cancel(&self) -> bool {
        classify_status(&self.snapshot.status) == StatusClass::AwaitingApproval
    }
}

/// The two lists of the page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MyRequests {
    /// Waiting for a decision or provisioning, newest first.
    pub pending: Vec<RequestRecord>,
    /// Decided or completed, newest first, each with its outcome.
    pub past: Vec<(RequestRecord, Outcome)>,
}

/// Splits records into pending and past at `now`.
pub fn my_requests(mut records: Vec<RequestRecord>, now: DateTime<Utc>) -> MyRequests {
    records.sort_by(|a, b| b.created.cmp(&a.created).then_with(|| a.id.cmp(&b.id)));
    let mut out = MyRequests::default();
    for record in records {
        match classify_status(&record.snapshot.status) {
            StatusClass::AwaitingApproval | StatusClass::Accepted | StatusClass::Unknown => {
                out.pending.push(record)
            }
            _ => {
                let outcome = Outcome::from_snapshot(&record.snapshot, now);
                out.past.push((record, outcome));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::{AccessId, GroupId};
    use crate::domain::test_items::at;

    fn record(id: &str, status: &str, created: &str) -> RequestRecord {
        RequestRecord {
            id: RequestId::new(id),
            key: ItemKey::group(&GroupId::new("g1"), AccessId::Member),
            name: "Ops".into(),
            action: SelfAction::parse("SelfActivate"),
            created: at(created),
            justification: Some("Deploy".into()),
            snapshot: RequestSnapshot { status: status.into(), ..Default::default() },
        }
    }

    #[test]
    fn pending_and_past_are_split_newest_first() {
        let mut denied = record("d", "Denied", "2026-03-01T08:00:00Z");
        denied.snapshot.approver_justification = Some("Change freeze".into());
        let records = vec![
            record("a", "PendingApproval", "2026-03-01T07:00:00Z"),
            denied,
            record("b", "PendingApproval", "2026-03-01T08:30:00Z"),
            record("c", "Canceled", "2026-02-28T08:00:00Z"),
        ];
        let page = my_requests(records, at("2026-03-01T09:00:00Z"));
        let pending: Vec<&str> = page.pending.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(pending, ["b", "a"]);
        assert!(page.pending.iter().all(RequestRecord::can_cancel));
        assert_eq!(page.past[0].1, Outcome::Denied { justification: Some("Change freeze".into()) });
        assert_eq!(
            page.past[0].1.describe(at("2026-03-01T09:00:00Z")).reason,
            "Denied by the approver: \"Change freeze\"."
        );
        assert_eq!(page.past[1].1, Outcome::Canceled);
    }

    #[test]
    fn actions_are_read_from_either_service() {
        assert_eq!(SelfAction::parse("selfDeactivate"), Some(SelfAction::Deactivate));
        assert_eq!(SelfAction::parse("SelfRenew"), Some(SelfAction::Renew));
        assert_eq!(SelfAction::parse("adminAssign"), None);
        assert!(!record("x", "Provisioned", "2026-03-01T07:00:00Z").can_cancel());
    }
}
