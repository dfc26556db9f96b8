//! Administrator writes: assign, update, remove, extend and renew eligibilities and active
//! assignments, under `Expiration_Admin_*` / `Enablement_Admin_Assignment` and the rule that the
//! last Global Administrator stays.

use chrono::{DateTime, Utc};

use super::catalog::GLOBAL_ADMIN;
use super::lifecycle::{same_target, Submission};
use super::model::*;
use super::router::Caller;
use super::rules::{admin_failures, PimError};
use super::Sim;

impl Sim {
    pub(crate) fn submit_admin(
        &mut self,
        caller: &Caller,
        s: Submission,
        now: DateTime<Utc>,
    ) -> Result<Request, PimError> {
        if !self.is_admin(&caller.user_id, &s.target, now) {
            return Err(PimError::Forbidden("Insufficient privileges to complete the operation.".into()));
        }
        let view = self.policy_view(&s.target);
        let start = s.schedule.as_ref().and_then(|x| x.start).unwrap_or(now).max(now);
        let check = |sched: Option<&RequestSchedule>| {
            let (rule, enabled) = match s.level {
                Level::Eligibility => (view.eligibility_expiration, Vec::new()),
                Level::Assignment => (view.assignment_expiration, view.admin_assignment_rules.clone()),
            };
            let failed =
                admin_failures(rule, &enabled, sched, s.justification.as_deref(), caller.mfa(), start);
            if failed.is_empty() {
                Ok(())
            } else {
                Err(PimError::PolicyFailed(failed))
            }
        };
        let live = self.schedules.iter().position(|x| {
            x.level == s.level
                && x.is_live()
                && x.principal_id.eq_ignore_ascii_case(&s.principal_id)
                && same_target(&x.target, &s.target)
        });
        let mut req = Request {
            id: s.request_id.clone().unwrap_or_else(|| self.new_id()),
            level: s.level,
            target: s.target.clone(),
            principal_id: s.principal_id.clone(),
            action: s.action,
            status: Status::Provisioned,
            created: now,
            completed: Some(now),
            created_by: caller.user_id.clone(),
            justification: s.justification.clone(),
            ticket: s.ticket.clone(),
            schedule: s.schedule.clone(),
            target_schedule_id: None,
            approval: None,
            validation_only: s.validation_only,
        };
        let eligible = s.level == Level::Eligibility;
        let noun = if eligible { "eligible member" } else { "member" };
        match s.action {
            Action::AdminAssign => {
                if live.is_some() {
                    return Err(PimError::Exists);
                }
                check(s.schedule.as_ref())?;
                let end = s.schedule.as_ref().and_then(|x| x.end_from(start));
                if start > now {
                    req.status = Status::Granted;
                }
                if s.validation_only {
                    return Ok(req);
                }
                let id = match s.target.kind {
                    Kind::Group => format!("{}_{}_{}", s.target.scope, s.target.role, req.id),
                    _ => req.id.clone(),
                };
                self.schedules.push(Schedule {
                    id: id.clone(),
                    level: s.level,
                    target: s.target.clone(),
                    principal_id: s.principal_id.clone(),
                    start,
                    end,
                    assignment_type: AssignmentType::Assigned,
                    created: now,
                    modified: now,
                    created_using: Some(req.id.clone()),
                    activated_from: None,
                    ended: None,
                });
                req.target_schedule_id = Some(id);
                let how = if end.is_some() { "timebound" } else { "permanent" };
                let verb = if eligible { "Add eligible member to role" } else { "Add member to role" };
                self.record_request(&req, &format!("{verb} in PIM completed ({how})"), now);
            }
            Action::AdminRemove => {
                let idx = live.ok_or(PimError::DoesNotExist)?;
                if !eligible
                    && s.target.kind == Kind::Directory
                    && s.target.role.eq_ignore_ascii_case(GLOBAL_ADMIN)
                    && self.is_last_global_admin(&s.principal_id, now)
                {
                    return Err(PimError::LastGlobalAdmin);
                }
                req.status = Status::Revoked;
                if s.validation_only {
                    return Ok(req);
                }
                self.schedules[idx].ended = Some(now);
                req.target_schedule_id = Some(self.schedules[idx].id.clone());
                let verb =
                    if eligible { "Remove eligible member from role" } else { "Remove member from role" };
                self.record_request(&req, &format!("{verb} in PIM completed (permanent)"), now);
            }
            Action::AdminUpdate | Action::AdminExtend | Action::AdminRenew => {
                // Renew also applies to a schedule that has just expired: the most recent one.
                let idx = match (live, s.action) {
                    (Some(i), _) => i,
                    (None, Action::AdminRenew) => self
                        .schedules
                        .iter()
                        .rposition(|x| {
                            x.level == s.level
                                && x.principal_id.eq_ignore_ascii_case(&s.principal_id)
                                && same_target(&x.target, &s.target)
                        })
                        .ok_or(PimError::DoesNotExist)?,
                    _ => return Err(PimError::DoesNotExist),
                };
                check(s.schedule.as_ref())?;
                if s.validation_only {
                    return Ok(req);
                }
                let base = if s.action == Action::AdminUpdate {
                    start
                } else {
                    self.schedules[idx].start.max(start)
                };
                let end = s.schedule.as_ref().and_then(|x| x.end_from(base));
                let sched = &mut self.schedules[idx];
                if s.action == Action::AdminUpdate {
                    sched.start = start;
                }
                sched.end = end;
                sched.ended = None;
                sched.modified = now;
                req.target_schedule_id = Some(sched.id.clone());
                for r in self.requests.iter_mut() {
                    if r.status == Status::PendingAdminDecision
                        && r.principal_id.eq_ignore_ascii_case(&s.principal_id)
                        && same_target(&r.target, &s.target)
                    {
                        r.status = Status::Provisioned;
                        r.completed = Some(now);
                    }
                }
                let activity = match s.action {
                    Action::AdminUpdate => format!("Update {noun} in PIM completed"),
                    Action::AdminExtend => "Update member in PIM approved by admin (extend)".to_string(),
                    _ => "Update member in PIM approved by admin (renew)".to_string(),
                };
                self.record_request(&req, &activity, now);
            }
            _ => return Err(PimError::Invalid("Unsupported action.".into())),
        }
        self.requests.push(req.clone());
        Ok(req)
    }
}
