//! The demo tenant's past month: activations that expired or were deactivated, a denial and a
//! settings change, each with its requests and audit events.

use chrono::{DateTime, Duration, Utc};

use super::catalog::*;
use super::model::*;
use super::personas::{ALEX, BAILEY, CASEY};
use super::seed::dir;
use super::Sim;
use crate::domain::duration::IsoDuration;

/// A month of past activations, deactivations, expiries and one denial, with their requests.
pub(crate) fn history(sim: &mut Sim, now: DateTime<Utc>, users: &[String]) {
    let roles = [EXCHANGE_ADMIN, GLOBAL_READER, HELPDESK_ADMIN, INTUNE_ADMIN];
    for day in (1..=30).rev() {
        if sim.rng.below(3) == 0 {
            continue;
        }
        let who = users[sim.rng.below(users.len() as u64) as usize].clone();
        let role = roles[sim.rng.below(roles.len() as u64) as usize];
        let at = now - Duration::days(day) + Duration::minutes(sim.rng.below(600) as i64);
        let hours = 1 + sim.rng.below(4) as i64;
        let id = sim.rng.guid();
        let deactivate = sim.rng.below(3) == 0;
        let mut req = Request {
            id: id.clone(),
            level: Level::Assignment,
            target: dir(role),
            principal_id: who.clone(),
            action: Action::SelfActivate,
            status: Status::Provisioned,
            created: at,
            completed: Some(at),
            created_by: who.clone(),
            justification: Some(
                ["Incident follow-up", "Mailbox migration", "Password reset batch", "Device compliance fix"]
                    [(day % 4) as usize]
                    .into(),
            ),
            ticket: None,
            schedule: Some(RequestSchedule {
                start: Some(at),
                expiration: Expiration::AfterDuration,
                end: None,
                duration: Some(IsoDuration::from_hours(hours)),
            }),
            target_schedule_id: Some(id.clone()),
            approval: None,
            validation_only: false,
        };
        sim.record_request(&req, "Add member to role requested (PIM activation)", at);
        sim.record_request(&req, "Add member to role completed (PIM activation)", at);
        let end = at + Duration::hours(hours);
        let mut sched = Schedule {
            id: id.clone(),
            level: Level::Assignment,
            target: dir(role),
            principal_id: who.clone(),
            start: at,
            end: Some(end),
            assignment_type: AssignmentType::Activated,
            created: at,
            modified: at,
            created_using: Some(id.clone()),
            activated_from: None,
            ended: Some(end),
        };
        if deactivate {
            let off = at + Duration::minutes(30);
            sched.ended = Some(off);
            let mut d = req.clone();
            d.id = sim.rng.guid();
            d.action = Action::SelfDeactivate;
            d.status = Status::Revoked;
            d.created = off;
            d.completed = Some(off);
            d.schedule = None;
            sim.record_request(&d, "Remove member from role completed (PIM deactivate)", off);
            sim.requests.push(d);
        } else {
            sim.record_expiry(&sched);
        }
        sim.schedules.push(sched);
        req.status = Status::Provisioned;
        sim.requests.push(req);
    }
    // A denied request and a settings change.
    let at = now - Duration::days(12);
    let id = sim.rng.guid();
    let mut denied = Request {
        id: id.clone(),
        level: Level::Assignment,
        target: dir(USER_ADMIN),
        principal_id: ALEX.into(),
        action: Action::SelfActivate,
        status: Status::Denied,
        created: at,
        completed: Some(at + Duration::hours(1)),
        created_by: ALEX.into(),
        justification: Some("Bulk user import".into()),
        ticket: None,
        schedule: Some(RequestSchedule {
            start: None,
            expiration: Expiration::AfterDuration,
            end: None,
            duration: Some(IsoDuration::from_hours(8)),
        }),
        target_schedule_id: None,
        validation_only: false,
        approval: Some(Approval {
            stage_id: super::rng::stable_guid(&["stage", &id]),
            approvers: vec![BAILEY.into()],
            result: ReviewResult::Deny,
            reviewed_by: Some(BAILEY.into()),
            reviewed_at: Some(at + Duration::hours(1)),
            justification: "Use the import service account instead.".into(),
            justification_required: true,
            timeout_days: 1,
        }),
    };
    sim.record_request(&denied, "Add member to role requested (PIM activation)", at);
    sim.record_by(
        &denied,
        "Add member to role request denied (PIM activation)",
        BAILEY,
        at + Duration::hours(1),
    );
    denied.status = Status::Denied;
    sim.requests.push(denied);
    sim.record(
        now - Duration::days(20),
        "Update role setting in PIM",
        Some(CASEY),
        (&dir(HELPDESK_ADMIN), CASEY),
        &id,
        vec![],
    );
}
