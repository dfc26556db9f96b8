//! Decisions on requests: an approver approves or denies, a requester cancels, and the clock
//! tick that starts future activations and expires schedules at their end time.

use chrono::{DateTime, Utc};

use super::catalog::GLOBAL_ADMIN;
use super::model::*;
use super::rules::PimError;
use super::Sim;

impl Sim {
    /// An approver's decision on a pending activation (`approval id` = request id).
    pub(crate) fn decide(
        &mut self,
        approver: &str,
        request_id: &str,
        approve: bool,
        justification: &str,
        now: DateTime<Utc>,
    ) -> Result<(), PimError> {
        let idx = self
            .requests
            .iter()
            .position(|r| r.id.eq_ignore_ascii_case(request_id) && r.approval.is_some())
            .ok_or_else(|| PimError::NotFound(format!("The approval '{request_id}' was not found.")))?;
        let mut req = self.requests[idx].clone();
        if req.principal_id.eq_ignore_ascii_case(approver) || req.created_by.eq_ignore_ascii_case(approver) {
            return Err(PimError::Forbidden("The requestor cannot approve their own request.".into()));
        }
        let approval = req.approval.as_mut().expect("checked above");
        if !approval.approvers.iter().any(|a| a.eq_ignore_ascii_case(approver)) {
            return Err(PimError::Forbidden("The signed-in user is not an approver of this request.".into()));
        }
        if approval.result != ReviewResult::NotReviewed || req.status != Status::PendingApproval {
            return Err(PimError::Conflict("This approval stage has already been decided.".into()));
        }
        if approval.justification_required && justification.trim().is_empty() {
            return Err(PimError::Invalid("A justification is required to decide this approval.".into()));
        }
        approval.result = if approve { ReviewResult::Approve } else { ReviewResult::Deny };
        approval.reviewed_by = Some(approver.to_string());
        approval.reviewed_at = Some(now);
        approval.justification = justification.to_string();
        if approve {
            self.record_by(&req, "Add member to role request approved (PIM activation)", approver, now);
            let elig = self.find_schedule(Level::Eligibility, &req.principal_id, &req.target, now);
            let elig = elig.map(|i| self.schedules[i].id.clone());
            if self.find_schedule(Level::Assignment, &req.principal_id, &req.target, now).is_some() {
                req.status = Status::Failed;
                req.completed = Some(now);
            } else {
                self.provision(&mut req, elig, now);
            }
        } else {
            req.status = Status::Denied;
            req.completed = Some(now);
            self.record_by(&req, "Add member to role request denied (PIM activation)", approver, now);
        }
        self.requests[idx] = req;
        Ok(())
    }

    /// Cancels a pending (or not yet started) request of the caller's.
    pub(crate) fn cancel(
        &mut self,
        caller: &str,
        request_id: &str,
        now: DateTime<Utc>,
    ) -> Result<(), PimError> {
        let idx = self
            .requests
            .iter()
            .position(|r| r.id.eq_ignore_ascii_case(request_id))
            .ok_or_else(|| PimError::NotFound(format!("The request '{request_id}' was not found.")))?;
        let req = &self.requests[idx];
        if !req.created_by.eq_ignore_ascii_case(caller) && !req.principal_id.eq_ignore_ascii_case(caller) {
            return Err(PimError::Forbidden("Only the requestor can cancel this request.".into()));
        }
        if !matches!(req.status, Status::PendingApproval | Status::PendingAdminDecision | Status::Granted) {
            return Err(PimError::Invalid(format!(
                "A request with status '{}' cannot be canceled.",
                req.status.as_str()
            )));
        }
        if let Some(sid) = req.target_schedule_id.clone() {
            if let Some(s) = self.schedules.iter_mut().find(|s| s.id == sid) {
                s.ended = Some(now);
            }
        }
        let req = &mut self.requests[idx];
        req.status = Status::Canceled;
        req.completed = Some(now);
        let req = req.clone();
        self.record_request(&req, "Add member to role canceled (PIM activation)", now);
        Ok(())
    }

    /// Advances the tenant to `now`: future activations start, schedules past their end expire.
    pub(crate) fn tick(&mut self, now: DateTime<Utc>) {
        // A stage nobody decided within `approvalStageTimeOutInDays` is automatically denied
        // (Graph `approvalStage` docs); the service records the denial at the deadline.
        let mut timed_out = Vec::new();
        for r in self.requests.iter_mut() {
            let Some(a) = r.approval.as_mut() else { continue };
            let deadline = r.created + chrono::Duration::days(a.timeout_days);
            if r.status == Status::PendingApproval && a.result == ReviewResult::NotReviewed && deadline <= now
            {
                a.result = ReviewResult::Deny;
                a.reviewed_at = Some(deadline);
                r.status = Status::Denied;
                r.completed = Some(deadline);
                timed_out.push((r.clone(), deadline));
            }
        }
        for (r, at) in timed_out {
            let details =
                vec![("RequestId".to_string(), r.id.clone()), ("Reason".into(), "Approval timed out".into())];
            self.record(
                at,
                "Add member to role request denied (PIM activation)",
                None,
                (&r.target, &r.principal_id),
                &r.id,
                details,
            );
        }
        for r in self.requests.iter_mut() {
            if r.status == Status::Granted {
                let started =
                    r.target_schedule_id.as_ref().and_then(|id| self.schedules.iter().find(|s| &s.id == id));
                if started.is_some_and(|s| s.start <= now) {
                    r.status = Status::Provisioned;
                }
            }
        }
        let mut expired = Vec::new();
        for s in self.schedules.iter_mut() {
            if let (None, Some(end)) = (s.ended, s.end) {
                if end <= now {
                    s.ended = Some(end);
                    expired.push(s.clone());
                }
            }
        }
        expired.sort_by_key(|s| s.end);
        for s in expired {
            self.record_expiry(&s);
        }
    }

    /// Is `user` the only principal with an active Global Administrator assignment?
    pub(crate) fn is_last_global_admin(&self, user: &str, now: DateTime<Utc>) -> bool {
        let holders: Vec<&str> = self
            .schedules
            .iter()
            .filter(|s| {
                s.level == Level::Assignment
                    && s.target.kind == Kind::Directory
                    && s.target.role == GLOBAL_ADMIN
                    && s.is_active(now)
            })
            .map(|s| s.principal_id.as_str())
            .collect();
        holders.iter().all(|h| h.eq_ignore_ascii_case(user))
    }
}
