//! Tests for deactivation timing and extend/renew offers.

use super::*;
use crate::domain::test_items::{at, entra};

const NOW: &str = "2026-03-01T09:00:00Z";

fn active(start: &str, kind: ActiveKind) -> ItemState {
    ItemState::Active { start: at(start), end: Some(at("2026-03-01T17:00:00Z")), kind }
}

#[test]
fn deactivation_waits_five_minutes_after_the_start() {
    let now = at(NOW);
    let young = Deactivation::at(&active("2026-03-01T08:57:28Z", ActiveKind::Activated), now);
    assert_eq!(young, Deactivation::Wait { seconds: 148 });
    assert_eq!(young.button_label().unwrap(), "Deactivate in 2 min 28 s");
    assert!(young.explanation().unwrap().contains("5 minutes"));
    let old = Deactivation::at(&active("2026-03-01T08:55:00Z", ActiveKind::Activated), now);
    assert_eq!(old, Deactivation::Allowed);
    assert_eq!(old.button_label().unwrap(), "Deactivate");
    assert_eq!(Deactivation::at(&ItemState::Eligible, now), Deactivation::NotActive);
    let assigned = Deactivation::at(&active("2026-03-01T08:00:00Z", ActiveKind::Assigned), now);
    assert_eq!(assigned, Deactivation::AssignedByAdmin);
    assert_eq!(assigned.button_label(), None);
}

#[test]
fn extend_within_fourteen_days_renew_within_thirty_after() {
    let now = at(NOW);
    let offer = |end: &str| renewal_for(Some(at(end)), AssignmentLevel::Eligibility, now).map(|o| o.action);
    assert_eq!(offer("2026-03-10T09:00:00Z"), Some(SelfAction::Extend));
    assert_eq!(offer("2026-03-15T09:00:00Z"), Some(SelfAction::Extend));
    assert_eq!(offer("2026-03-15T09:00:01Z"), None);
    assert_eq!(offer("2026-02-20T09:00:00Z"), Some(SelfAction::Renew));
    assert_eq!(offer("2026-01-30T09:00:00Z"), Some(SelfAction::Renew), "exactly 30 days");
    assert_eq!(offer("2026-01-30T08:59:59Z"), None);
    assert_eq!(renewal_for(None, AssignmentLevel::Eligibility, now), None, "permanent: nothing to extend");
    let o = renewal_for(Some(at("2026-03-04T13:00:00Z")), AssignmentLevel::Eligibility, now).unwrap();
    assert_eq!(o.label(now), "Extend (ends in 3 d 4 h)");
    let r = renewal_for(Some(at("2026-02-27T09:00:00Z")), AssignmentLevel::Eligibility, now).unwrap();
    assert_eq!(r.label(now), "Renew (ended 2 d ago)");
}

#[test]
fn items_offer_extend_for_eligibility_and_admin_assignments_not_activations() {
    let now = at(NOW);
    let mut item = entra("Global Reader", "r");
    item.eligibility_end = Some(at("2026-03-05T00:00:00Z"));
    item.state = ItemState::Active {
        start: at(NOW),
        end: Some(at("2026-03-01T10:00:00Z")),
        kind: ActiveKind::Activated,
    };
    let offers = renewal_offers(&item, now);
    assert_eq!(offers.len(), 1);
    assert_eq!((offers[0].action, offers[0].level), (SelfAction::Extend, AssignmentLevel::Eligibility));
    item.eligible = false;
    item.state = ItemState::Active {
        start: at(NOW),
        end: Some(at("2026-03-02T10:00:00Z")),
        kind: ActiveKind::Assigned,
    };
    let offers = renewal_offers(&item, now);
    assert_eq!((offers[0].action, offers[0].level), (SelfAction::Extend, AssignmentLevel::Assignment));
    assert_eq!((SelfAction::Renew.graph(), SelfAction::Renew.arm()), ("selfRenew", "SelfRenew"));
}
