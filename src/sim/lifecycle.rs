//! The request life cycle for end users: activate (-> pending approval -> approved ->
//! provisioned -> expired), deactivate (-> revoked), extend/renew requests, approval decisions,
//! cancellation, and the clock tick that expires schedules. Shared by Graph and ARM.

use chrono::{DateTime, Duration, Utc};

use super::catalog::{self, GLOBAL_ADMIN, PRIVILEGED_ROLE_ADMIN};
use super::model::*;
use super::policy::{effective_rules, policy_key, Approver, PolicyView};
use super::router::Caller;
use super::rules::{activation_failures, PimError};
use super::Sim;

/// A schedule request as the client sent it, already parsed.
#[derive(Clone, Debug)]
pub struct Submission {
    pub level: Level,
    pub target: Target,
    pub principal_id: String,
    pub action: Action,
    pub justification: Option<String>,
    pub ticket: Option<Ticket>,
    pub schedule: Option<RequestSchedule>,
    pub validation_only: bool,
    /// A client-chosen request id (ARM's request name); `None` = a new GUID.
    pub request_id: Option<String>,
}

impl Sim {
    /// The enforced settings of the policy that covers `target`.
    pub(crate) fn policy_view(&self, target: &Target) -> PolicyView {
        let key = policy_key(target);
        PolicyView::read(&effective_rules(&key, self.policies.iter().find(|p| p.key == key)))
    }

    /// Live schedules of a level for a principal and target.
    pub(crate) fn find_schedule(
        &self,
        level: Level,
        principal: &str,
        target: &Target,
        now: DateTime<Utc>,
    ) -> Option<usize> {
        self.schedules.iter().position(|s| {
            s.level == level
                && s.principal_id.eq_ignore_ascii_case(principal)
                && same_target(&s.target, target)
                && s.is_active(now)
        })
    }

    /// True when `user` may make administrator writes on `target`: an active Privileged Role
    /// Administrator or Global Administrator (Entra, groups); Owner or User Access Administrator
    /// at the scope or above (Azure).
    pub(crate) fn is_admin(&self, user: &str, target: &Target, now: DateTime<Utc>) -> bool {
        self.schedules.iter().any(|s| {
            s.level == Level::Assignment
                && s.is_active(now)
                && s.principal_id.eq_ignore_ascii_case(user)
                && match target.kind {
                    Kind::Directory | Kind::Group => {
                        s.target.kind == Kind::Directory
                            && s.target.scope == "/"
                            && [GLOBAL_ADMIN, PRIVILEGED_ROLE_ADMIN].contains(&s.target.role.as_str())
                    }
                    Kind::Azure => {
                        s.target.kind == Kind::Azure
                            && [catalog::OWNER, catalog::USER_ACCESS_ADMIN].contains(&s.target.role.as_str())
                            && self.scope_covers(&s.target.scope, &target.scope)
                    }
                }
        })
    }

    /// Who may approve a request for `target` by `requester`: the policy's approvers, or (when it
    /// names none) the active Privileged Role Administrators and Global Administrators.
    fn approvers_for(&self, view: &PolicyView, requester: &str, now: DateTime<Utc>) -> Vec<String> {
        let mut ids: Vec<String> = Vec::new();
        for a in &view.approvers {
            match a {
                Approver::User(u) => ids.push(u.clone()),
                Approver::GroupMembers(g) => ids.extend(self.group_members(g, now)),
            }
        }
        if ids.is_empty() {
            let any = Target { kind: Kind::Directory, scope: "/".into(), role: String::new() };
            ids =
                self.users.iter().filter(|u| self.is_admin(&u.id, &any, now)).map(|u| u.id.clone()).collect();
        }
        ids.retain(|id| !id.eq_ignore_ascii_case(requester));
        ids.dedup();
        ids
    }

    /// Members of a group now: permanent members plus active PIM memberships.
    pub(crate) fn group_members(&self, group_id: &str, now: DateTime<Utc>) -> Vec<String> {
        let mut out: Vec<String> = self.group(group_id).map(|g| g.members.clone()).unwrap_or_default();
        for s in &self.schedules {
            if s.level == Level::Assignment
                && s.target.kind == Kind::Group
                && s.target.scope.eq_ignore_ascii_case(group_id)
                && s.target.role == "member"
                && s.is_active(now)
                && !out.contains(&s.principal_id)
            {
                out.push(s.principal_id.clone());
            }
        }
        out
    }

    /// True when Azure scope `outer` is `inner` or above it (following management-group parents).
    pub(crate) fn scope_covers(&self, outer: &str, inner: &str) -> bool {
        if outer.is_empty() {
            return true;
        }
        let o = outer.to_ascii_lowercase();
        let mut cur = Some(inner.to_ascii_lowercase());
        while let Some(c) = cur {
            if c == o || c.starts_with(&format!("{o}/")) {
                return true;
            }
            cur = self.azure_scope(&c).and_then(|s| s.parent.as_ref()).map(|p| p.to_ascii_lowercase());
        }
        false
    }

    /// Checks that a target names something that exists.
    pub(crate) fn check_target(&self, t: &Target) -> Result<(), PimError> {
        let ok = match t.kind {
            Kind::Directory => {
                catalog::entra_role(&t.role).is_some()
                    && (t.scope == "/"
                        || t.scope
                            .strip_prefix("/administrativeUnits/")
                            .is_some_and(|au| self.admin_units.iter().any(|a| a.id.eq_ignore_ascii_case(au))))
            }
            Kind::Group => {
                self.group(&t.scope).is_some_and(|g| g.pim_enabled)
                    && (t.role == "member" || t.role == "owner")
            }
            Kind::Azure => self.azure_scope(&t.scope).is_some() && catalog::azure_role(&t.role).is_some(),
        };
        if ok {
            Ok(())
        } else {
            Err(PimError::NotFound("The role, group or scope in the request does not exist.".into()))
        }
    }

    /// Creates a request (any action) after checking the caller, the target and the policy.
    pub(crate) fn submit(
        &mut self,
        caller: &Caller,
        s: Submission,
        now: DateTime<Utc>,
    ) -> Result<Request, PimError> {
        self.check_target(&s.target)?;
        if let Some(id) = &s.request_id {
            if self.requests.iter().any(|r| r.id.eq_ignore_ascii_case(id)) {
                return Err(PimError::RequestExists);
            }
        }
        // An administrator may also assign a directory role to a role-assignable group.
        let group_principal = s.action.is_admin()
            && s.target.kind == Kind::Directory
            && self.group(&s.principal_id).is_some_and(|g| g.role_assignable);
        if self.user(&s.principal_id).is_none() && !group_principal {
            return Err(PimError::Invalid(format!("The principal '{}' does not exist.", s.principal_id)));
        }
        if s.action.is_admin() {
            return self.submit_admin(caller, s, now);
        }
        if !s.principal_id.eq_ignore_ascii_case(&caller.user_id) {
            return Err(PimError::Forbidden(
                "Self-service requests must name the signed-in user as principalId.".into(),
            ));
        }
        match s.action {
            Action::SelfActivate => self.activate(caller, s, now),
            Action::SelfDeactivate => self.deactivate(caller, s, now),
            _ => self.extend_request(caller, s, now),
        }
    }

    fn new_request(
        &mut self,
        caller: &Caller,
        s: &Submission,
        status: Status,
        now: DateTime<Utc>,
    ) -> Request {
        Request {
            id: s.request_id.clone().unwrap_or_else(|| self.new_id()),
            level: s.level,
            target: s.target.clone(),
            principal_id: s.principal_id.clone(),
            action: s.action,
            status,
            created: now,
            completed: None,
            created_by: caller.user_id.clone(),
            justification: s.justification.clone(),
            ticket: s.ticket.clone(),
            schedule: s.schedule.clone(),
            target_schedule_id: None,
            approval: None,
            validation_only: s.validation_only,
        }
    }

    fn activate(&mut self, caller: &Caller, s: Submission, now: DateTime<Utc>) -> Result<Request, PimError> {
        // Azure: an eligibility at a scope above also allows an activation narrowed to this one.
        let elig = self
            .find_schedule(Level::Eligibility, &s.principal_id, &s.target, now)
            .or_else(|| self.covering_eligibility(&s.principal_id, &s.target, now));
        let Some(elig) = elig else {
            return Err(PimError::PolicyFailed(vec!["EligibilityRule"]));
        };
        if self.find_schedule(Level::Assignment, &s.principal_id, &s.target, now).is_some() {
            return Err(PimError::Exists);
        }
        let pending = self.requests.iter().any(|r| {
            r.status == Status::PendingApproval
                && r.principal_id == s.principal_id
                && same_target(&r.target, &s.target)
        });
        if pending {
            return Err(PimError::RequestExists);
        }
        // The settings that apply are the eligible role's (a narrower scope inherits them).
        let view = self.policy_view(&self.schedules[elig].target.clone());
        if let Some(claim) = &view.auth_context {
            if !caller.acrs.iter().any(|a| a == claim) {
                return Err(PimError::AcrsRequired(claim.clone()));
            }
        }
        let start = s.schedule.as_ref().and_then(|x| x.start).filter(|t| *t > now).unwrap_or(now);
        let failed = activation_failures(
            &view,
            s.schedule.as_ref(),
            s.justification.as_deref(),
            s.ticket.as_ref(),
            caller.mfa(),
            start,
        );
        if !failed.is_empty() {
            return Err(PimError::PolicyFailed(failed));
        }
        let status = if view.approval_required { Status::PendingApproval } else { Status::Provisioned };
        let mut req = self.new_request(caller, &s, status, now);
        if s.validation_only {
            return Ok(req);
        }
        let elig_id = self.schedules[elig].id.clone();
        self.record_request(&req, "Add member to role requested (PIM activation)", now);
        if view.approval_required {
            req.approval = Some(Approval {
                stage_id: super::rng::stable_guid(&["stage", &req.id]),
                approvers: self.approvers_for(&view, &s.principal_id, now),
                result: ReviewResult::NotReviewed,
                reviewed_by: None,
                reviewed_at: None,
                justification: String::new(),
                justification_required: view.approver_justification_required,
                timeout_days: view.approval_timeout_days,
            });
            self.record_request(&req, "Add member to role approval requested (PIM activation)", now);
        } else {
            self.provision(&mut req, Some(elig_id), now);
        }
        self.requests.push(req.clone());
        Ok(req)
    }

    /// Creates the activation schedule for an accepted request.
    pub(crate) fn provision(&mut self, req: &mut Request, eligibility: Option<String>, now: DateTime<Utc>) {
        let sched = req.schedule.clone();
        let start = sched.as_ref().and_then(|x| x.start).filter(|t| *t > now).unwrap_or(now);
        let mut end = sched.as_ref().and_then(|x| x.end_from(start));
        if end.is_none() {
            end = Some(start + self.policy_view(&req.target).activation_max.to_chrono());
        }
        // An activation never outlives its eligibility.
        let elig_end = eligibility
            .as_ref()
            .and_then(|id| self.schedules.iter().find(|s| &s.id == id))
            .and_then(|s| s.end);
        if let (Some(e), Some(le)) = (end, elig_end) {
            end = Some(e.min(le));
        }
        let id = match req.target.kind {
            Kind::Group => format!("{}_{}_{}", req.target.scope, req.target.role, req.id),
            _ => req.id.clone(),
        };
        self.schedules.push(Schedule {
            id: id.clone(),
            level: Level::Assignment,
            target: req.target.clone(),
            principal_id: req.principal_id.clone(),
            start,
            end,
            assignment_type: AssignmentType::Activated,
            created: now,
            modified: now,
            created_using: Some(req.id.clone()),
            activated_from: eligibility,
            ended: None,
        });
        req.target_schedule_id = Some(id);
        req.status = if start > now { Status::Granted } else { Status::Provisioned };
        req.completed = Some(now);
        self.record_request(req, "Add member to role completed (PIM activation)", now);
    }

    fn deactivate(
        &mut self,
        caller: &Caller,
        s: Submission,
        now: DateTime<Utc>,
    ) -> Result<Request, PimError> {
        let idx = self
            .schedules
            .iter()
            .position(|x| {
                x.level == Level::Assignment
                    && x.assignment_type == AssignmentType::Activated
                    && x.principal_id.eq_ignore_ascii_case(&s.principal_id)
                    && same_target(&x.target, &s.target)
                    && x.is_active(now)
            })
            .ok_or(PimError::DoesNotExist)?;
        if now - self.schedules[idx].start < Duration::minutes(5) {
            return Err(PimError::TooShort);
        }
        let mut req = self.new_request(caller, &s, Status::Revoked, now);
        if s.validation_only {
            return Ok(req);
        }
        self.schedules[idx].ended = Some(now);
        req.target_schedule_id = Some(self.schedules[idx].id.clone());
        req.completed = Some(now);
        self.record_request(&req, "Remove member from role requested (PIM deactivate)", now);
        self.record_request(&req, "Remove member from role completed (PIM deactivate)", now);
        self.requests.push(req.clone());
        Ok(req)
    }

    fn extend_request(
        &mut self,
        caller: &Caller,
        s: Submission,
        now: DateTime<Utc>,
    ) -> Result<Request, PimError> {
        let exists = self.schedules.iter().any(|x| {
            x.level == s.level
                && x.principal_id.eq_ignore_ascii_case(&s.principal_id)
                && same_target(&x.target, &s.target)
        });
        if !exists {
            return Err(PimError::DoesNotExist);
        }
        let req = self.new_request(caller, &s, Status::PendingAdminDecision, now);
        if !s.validation_only {
            let what = if s.action == Action::SelfExtend { "extend" } else { "renew" };
            self.record_request(&req, &format!("Update member in PIM requested ({what})"), now);
            self.requests.push(req.clone());
        }
        Ok(req)
    }
}

/// Same kind, scope and role (role ids compared case-insensitively).
pub(crate) fn same_target(a: &Target, b: &Target) -> bool {
    a.kind == b.kind && a.scope.eq_ignore_ascii_case(&b.scope) && a.role.eq_ignore_ascii_case(&b.role)
}
