//! Tests for request outcomes and polling.

use super::*;
use crate::domain::test_items::at;

const NOW: &str = "2026-03-01T09:00:00Z";

fn snap(status: &str) -> RequestSnapshot {
    RequestSnapshot {
        status: status.into(),
        duration: Some(IsoDuration::from_hours(2)),
        ..Default::default()
    }
}

#[test]
fn provisioned_is_active_now_with_its_end() {
    let now = at(NOW);
    let out = Outcome::from_snapshot(&snap("Provisioned"), now);
    assert_eq!(out, Outcome::ActiveNow { since: now, end: Some(at("2026-03-01T11:00:00Z")) });
    assert!(out.is_success() && !out.keep_polling());
    assert_eq!(out.describe(now).reason, "Active since 2026-03-01 09:00 UTC, ends in 2 h.");
    let completed = RequestSnapshot { completed: Some(at("2026-03-01T08:58:00Z")), ..snap("Provisioned") };
    assert_eq!(
        Outcome::from_snapshot(&completed, now),
        Outcome::ActiveNow { since: at("2026-03-01T08:58:00Z"), end: Some(at("2026-03-01T10:58:00Z")) },
        "shows when it took effect"
    );
}

#[test]
fn granted_with_a_future_start_is_scheduled_else_in_progress() {
    let now = at(NOW);
    let later = RequestSnapshot { start: Some(at("2026-03-01T12:00:00Z")), ..snap("Granted") };
    assert_eq!(
        Outcome::from_snapshot(&later, now),
        Outcome::Scheduled { start: at("2026-03-01T12:00:00Z"), end: Some(at("2026-03-01T14:00:00Z")) }
    );
    assert!(Outcome::from_snapshot(&later, now).describe(now).reason.starts_with("Granted: starts in 3 h"));
    let granted_now = Outcome::from_snapshot(&snap("granted"), now);
    assert_eq!(granted_now, Outcome::InProgress);
    assert!(granted_now.keep_polling());
    assert_eq!(Outcome::from_snapshot(&snap("SomethingNew"), now), Outcome::InProgress);
}

#[test]
fn approval_denial_and_failures_read_plainly() {
    let now = at(NOW);
    assert_eq!(Outcome::from_snapshot(&snap("PendingApproval"), now), Outcome::PendingApproval);
    assert_eq!(Outcome::from_snapshot(&snap("PendingAdminDecision"), now), Outcome::PendingApproval);
    let denied =
        RequestSnapshot { approver_justification: Some("Not during the freeze".into()), ..snap("Denied") };
    let out = Outcome::from_snapshot(&denied, now);
    assert_eq!(out.describe(now).reason, "Denied by the approver: \"Not during the freeze\".");
    let locked = Outcome::from_snapshot(&snap("FailedAsResourceIsLocked"), now);
    assert!(locked.describe(now).reason.contains("locked"));
    assert_eq!(Outcome::from_snapshot(&snap("Revoked"), now), Outcome::Revoked);
    assert_eq!(Outcome::from_snapshot(&snap("PendingRevocation"), now), Outcome::InProgress);
    assert_eq!(Outcome::from_error(ErrorKind::AlreadyActive), Outcome::AlreadyActive);
    let failed = Outcome::from_error(ErrorKind::Mfa);
    assert!(!failed.is_success());
    assert_eq!(failed.describe(now), ErrorKind::Mfa.explain());
}

#[test]
fn an_absurd_duration_gives_no_end_rather_than_a_panic() {
    let huge = RequestSnapshot { duration: Some(IsoDuration::from_seconds(i64::MAX)), ..snap("Provisioned") };
    assert_eq!(Outcome::from_snapshot(&huge, at(NOW)), Outcome::ActiveNow { since: at(NOW), end: None });
}

#[test]
fn every_documented_status_is_classified() {
    let graph = [
        "Canceled",
        "Denied",
        "Failed",
        "Granted",
        "PendingApproval",
        "PendingAdminDecision",
        "PendingProvisioning",
        "Revoked",
        "PendingScheduleCreation",
        "Provisioned",
        "ScheduleCreated",
    ];
    let arm = [
        "Accepted",
        "PendingEvaluation",
        "PendingRevocation",
        "PendingApprovalProvisioning",
        "FailedAsResourceIsLocked",
        "AdminApproved",
        "AdminDenied",
        "TimedOut",
        "ProvisioningStarted",
        "Invalid",
        "PendingExternalProvisioning",
    ];
    for s in graph.iter().chain(arm.iter()) {
        assert_ne!(classify_status(s), StatusClass::Unknown, "{s}");
    }
}

#[test]
fn polling_backs_off_and_stops() {
    let delays: Vec<i64> = PollSchedule::default().delays().iter().map(|d| d.num_seconds()).collect();
    assert_eq!(&delays[..5], &[1, 2, 4, 8, 15]);
    assert!(delays[4..].iter().all(|d| *d == 15));
    assert!(delays.iter().sum::<i64>() <= 120);
    assert_eq!(delays.len(), 11, "1+2+4+8 then seven waits of 15 s: exactly 2 minutes");
    assert_eq!(PollSchedule::default().delay(100), None);
}
