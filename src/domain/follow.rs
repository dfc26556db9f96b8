//! Following submitted requests until they are in force: how long to keep looking, and what a
//! fresh read of "My roles" says about each one.
//!
//! The app re-reads the list (one `$batch` plus ARM beside it) rather than each request: one
//! round trip answers for every item of a batch, whatever its plane.

use chrono::{DateTime, Duration, Utc};

use super::item::ItemState;
use super::item_key::ItemKey;
use super::outcome::{Outcome, PollSchedule};

/// An item whose request is still being followed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Followed {
    pub key: ItemKey,
    /// The latest known outcome.
    pub outcome: Outcome,
}

/// How long to follow an outcome, or `None` when it is settled.
///
/// Provisioning takes seconds (the default schedule, two minutes in all); an approver may take
/// much longer, so a pending approval is followed for an hour, at most once a minute.
pub fn follow_schedule(outcome: &Outcome) -> Option<PollSchedule> {
    match outcome {
        Outcome::InProgress | Outcome::Scheduled { .. } => Some(PollSchedule::default()),
        Outcome::PendingApproval => Some(PollSchedule {
            first: Duration::seconds(2),
            max_delay: Duration::seconds(60),
            max_total: Duration::hours(1),
        }),
        _ => None,
    }
}

/// The outcome a fresh read gives a followed item, or `None` when nothing changed.
///
/// An item now in force becomes "active since" its start (when it really took effect, not when
/// the app noticed). A scheduled item only changes once its start has passed.
pub fn settle(outcome: &Outcome, state: Option<&ItemState>, now: DateTime<Utc>) -> Option<Outcome> {
    let waiting =
        matches!(outcome, Outcome::InProgress | Outcome::PendingApproval | Outcome::Scheduled { .. });
    match state? {
        ItemState::Active { start, end, .. } if waiting && *start <= now => {
            Some(Outcome::ActiveNow { since: *start, end: *end })
        }
        ItemState::Scheduled { start, end }
            if matches!(outcome, Outcome::InProgress | Outcome::PendingApproval) =>
        {
            Some(Outcome::Scheduled { start: *start, end: *end })
        }
        _ => None,
    }
}

/// The wait before the next read of a set of followed items (the shortest any of them asks for),
/// or `None` when none is worth following any more.
pub fn next_poll(followed: &[Followed], attempt: u32) -> Option<Duration> {
    followed.iter().filter_map(|f| follow_schedule(&f.outcome)?.delay(attempt)).min()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::RequestId;
    use crate::domain::item::ActiveKind;
    use crate::domain::test_items::at;

    fn active(start: &str, end: &str) -> ItemState {
        ItemState::Active { start: at(start), end: Some(at(end)), kind: ActiveKind::Activated }
    }

    #[test]
    fn a_provisioning_request_becomes_active_since_its_real_start() {
        let now = at("2026-03-01T09:00:30Z");
        let state = active("2026-03-01T09:00:05Z", "2026-03-01T10:00:05Z");
        assert_eq!(
            settle(&Outcome::InProgress, Some(&state), now),
            Some(Outcome::ActiveNow {
                since: at("2026-03-01T09:00:05Z"),
                end: Some(at("2026-03-01T10:00:05Z"))
            })
        );
    }

    #[test]
    fn an_approved_request_shows_when_it_took_effect() {
        let now = at("2026-03-01T09:20:00Z");
        let state = active("2026-03-01T09:15:00Z", "2026-03-01T11:15:00Z");
        let settled = settle(&Outcome::PendingApproval, Some(&state), now).unwrap();
        assert!(settled.describe(now).reason.starts_with("Active since"), "{settled:?}");
    }

    #[test]
    fn nothing_changes_while_still_pending_or_gone() {
        let now = at("2026-03-01T09:20:00Z");
        let pending = ItemState::ActivationPending { request: RequestId::new("r1") };
        assert_eq!(settle(&Outcome::PendingApproval, Some(&pending), now), None);
        assert_eq!(settle(&Outcome::InProgress, None, now), None);
        // A settled result is never rewritten by a later read.
        let done = Outcome::ActiveNow { since: at("2026-03-01T09:00:00Z"), end: None };
        assert_eq!(settle(&done, Some(&active("2026-03-01T09:00:00Z", "2026-03-01T10:00:00Z")), now), None);
    }

    #[test]
    fn approvals_are_followed_longer_than_provisioning() {
        let approval = follow_schedule(&Outcome::PendingApproval).unwrap();
        let provisioning = follow_schedule(&Outcome::InProgress).unwrap();
        let total = |s: PollSchedule| s.delays().into_iter().fold(Duration::zero(), |a, d| a + d);
        assert!(total(approval) >= Duration::minutes(55), "{:?}", total(approval));
        assert!(total(provisioning) <= Duration::minutes(2));
        assert_eq!(follow_schedule(&Outcome::Revoked), None);
    }

    #[test]
    fn the_next_read_comes_when_the_most_urgent_item_asks() {
        let followed = vec![
            Followed { key: ItemKey::parse("e:a:/").unwrap(), outcome: Outcome::PendingApproval },
            Followed { key: ItemKey::parse("e:b:/").unwrap(), outcome: Outcome::InProgress },
        ];
        assert_eq!(next_poll(&followed, 0), Some(Duration::seconds(1)));
        // Past the provisioning schedule, the approval keeps the follow-up going.
        assert!(next_poll(&followed, 12).is_some());
        assert_eq!(next_poll(&[], 0), None);
    }
}
