//! What an administrator may assign: the role's `Expiration_Admin_Eligibility` /
//! `Expiration_Admin_Assignment` limits, `Enablement_Admin_Assignment` (justification), no
//! duplicates, and never removing the last Global Administrator.

use chrono::{DateTime, Utc};

use super::{AssignmentRow, AssignmentTarget, Via};
use crate::domain::deactivate::AssignmentLevel;
use crate::domain::error_kind::Explanation;
use crate::domain::format::human_duration;
use crate::domain::ids::PrincipalId;
use crate::domain::policy::{ActivationPolicy, AdminExpiry, Enablement, PolicyRule, RuleFacts};
use crate::domain::IsoDuration;

/// Global Administrator's role template id (the same in every tenant).
pub const GLOBAL_ADMINISTRATOR: &str = "62e90394-69f5-4237-9190-012177145e10";

/// The administrator's rules of one role or group, read from its policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AssignmentRules {
    pub eligible: AdminExpiry,
    pub active: AdminExpiry,
    /// `Enablement_Admin_Assignment` names `Justification`.
    pub active_needs_justification: bool,
    /// `Enablement_Admin_Assignment` names `MultiFactorAuthentication`.
    pub active_needs_mfa: bool,
}

impl Default for AssignmentRules {
    /// Nothing known: the service's answer decides.
    fn default() -> Self {
        AssignmentRules::from_rules(&[])
    }
}

/// A new assignment as the administrator asked for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAssignment {
    pub principal: PrincipalId,
    pub target: AssignmentTarget,
    pub level: AssignmentLevel,
    /// `None`: now.
    pub start: Option<DateTime<Utc>>,
    /// `None`: permanent.
    pub end: Option<DateTime<Utc>>,
    pub justification: String,
}

/// Why a new assignment would be refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AssignmentProblem {
    /// The principal already holds it at this level.
    Duplicate,
    /// The end is not after the start.
    EndBeforeStart,
    /// The end has already passed.
    EndInPast,
    /// Longer than the rule allows.
    ExceedsMaximum { max: IsoDuration },
    /// The rule requires an end date.
    PermanentNotAllowed { max: Option<IsoDuration> },
    /// Active assignments of this role need a justification.
    JustificationRequired,
}

impl AssignmentProblem {
    /// One plain sentence.
    pub fn explain(&self) -> String {
        match self {
            AssignmentProblem::Duplicate => {
                "Already assigned: this principal holds it at this level already (use Extend or Update)."
                    .into()
            }
            AssignmentProblem::EndBeforeStart => "The end is before the start.".into(),
            AssignmentProblem::EndInPast => "The end date has already passed.".into(),
            AssignmentProblem::ExceedsMaximum { max } => {
                format!("Too long: this role's settings allow at most {}.", human_duration(*max))
            }
            AssignmentProblem::PermanentNotAllowed { max: Some(max) } => format!(
                "Permanent is not allowed: this role's settings require an end date, at most {} away.",
                human_duration(*max)
            ),
            AssignmentProblem::PermanentNotAllowed { max: None } => {
                "Permanent is not allowed: this role's settings require an end date.".into()
            }
            AssignmentProblem::JustificationRequired => {
                "A justification is required for active assignments of this role.".into()
            }
        }
    }
}

impl AssignmentRules {
    /// Reads the admin rules out of a policy's rules; missing rules allow anything.
    pub fn from_rules(rules: &[PolicyRule]) -> Self {
        let policy = ActivationPolicy::from_rules(rules);
        let enabled: Vec<Enablement> = rules
            .iter()
            .filter(|r| r.id.eq_ignore_ascii_case("Enablement_Admin_Assignment"))
            .flat_map(|r| match &r.facts {
                RuleFacts::Enablement { enabled } => enabled.clone(),
                _ => Vec::new(),
            })
            .collect();
        AssignmentRules {
            eligible: policy.eligible_expiry,
            active: policy.active_expiry,
            active_needs_justification: enabled.contains(&Enablement::Justification),
            active_needs_mfa: enabled.contains(&Enablement::Mfa),
        }
    }

    /// The limit for one level.
    pub fn expiry(&self, level: AssignmentLevel) -> AdminExpiry {
        match level {
            AssignmentLevel::Eligibility => self.eligible,
            AssignmentLevel::Assignment => self.active,
        }
    }

    /// Everything wrong with `new` given the assignments in force (empty: it may be sent).
    /// Like the service, a start in the past counts from now, and a time-bound assignment is
    /// held to the maximum even where permanent ones are allowed.
    pub fn check(
        &self,
        new: &NewAssignment,
        existing: &[AssignmentRow],
        now: DateTime<Utc>,
    ) -> Vec<AssignmentProblem> {
        let mut problems = Vec::new();
        // Rows held through a group are the group's assignment, not this principal's `[I]`.
        let duplicate = existing.iter().any(|r| {
            r.level == new.level
                && r.via == Via::Direct
                && r.principal.id.as_str().eq_ignore_ascii_case(new.principal.as_str())
                && r.target.same_as(&new.target)
        });
        if duplicate {
            problems.push(AssignmentProblem::Duplicate);
        }
        let limit = self.expiry(new.level);
        let start = new.start.unwrap_or(now).max(now);
        match new.end {
            Some(end) if new.start.is_some_and(|s| end <= s) => {
                problems.push(AssignmentProblem::EndBeforeStart)
            }
            Some(end) if end <= now => problems.push(AssignmentProblem::EndInPast),
            Some(end) => {
                if let Some(max) = limit.max_duration.filter(|m| m.as_seconds() > 0) {
                    if end - start > max.to_chrono() {
                        problems.push(AssignmentProblem::ExceedsMaximum { max });
                    }
                }
            }
            None if !limit.permanent_allowed => {
                problems.push(AssignmentProblem::PermanentNotAllowed { max: limit.max_duration })
            }
            None => {}
        }
        if new.level == AssignmentLevel::Assignment
            && self.active_needs_justification
            && new.justification.trim().is_empty()
        {
            problems.push(AssignmentProblem::JustificationRequired);
        }
        problems
    }

    /// The latest end allowed for an assignment starting at `start`, when there is a limit.
    pub fn latest_end(&self, level: AssignmentLevel, start: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.expiry(level).max_duration.filter(|m| m.as_seconds() > 0).map(|m| start + m.to_chrono())
    }
}

/// Why `row` cannot be removed, when it is the tenant's last active Global Administrator.
/// `all` is every assignment of Global Administrator in force (the unfiltered list).
pub fn removal_block(row: &AssignmentRow, all: &[AssignmentRow]) -> Option<Explanation> {
    let is_ga = |r: &AssignmentRow| {
        r.level == AssignmentLevel::Assignment
            && matches!(&r.target, AssignmentTarget::Role { role, scope }
                if role.as_str().eq_ignore_ascii_case(GLOBAL_ADMINISTRATOR) && scope.as_str() == "/")
    };
    if !is_ga(row) {
        return None;
    }
    let others = all
        .iter()
        .filter(|r| is_ga(r) && !r.principal.id.as_str().eq_ignore_ascii_case(row.principal.id.as_str()));
    if others.count() > 0 {
        return None;
    }
    Some(Explanation {
        reason: format!("{} is the last active Global Administrator, so this assignment cannot be removed.", row.principal.name),
        next_step: "Microsoft Entra ID keeps at least one Global Administrator so that someone can always manage \
                    the tenant. Assign Global Administrator (active) to someone else first, then remove this one."
            .into(),
    })
}

/// Privileged Role Administrator's role template id.
pub const PRIVILEGED_ROLE_ADMINISTRATOR: &str = "e8611ab8-c189-46e8-94e1-60213ab1f814";

/// Whether the signed-in user may change assignments of directory roles and PIM groups.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AdminStanding {
    /// Privileged Role Administrator or Global Administrator is active.
    Admin,
    /// Not active, but eligible for one of them (the name): activate it first.
    CanActivate(&'static str),
    /// Neither active nor eligible.
    NotAdmin,
}

/// Reads the standing from the ids of my active and eligible directory roles.
pub fn admin_standing(active: &[String], eligible: &[String]) -> AdminStanding {
    let admin_roles = [
        (PRIVILEGED_ROLE_ADMINISTRATOR, "Privileged Role Administrator"),
        (GLOBAL_ADMINISTRATOR, "Global Administrator"),
    ];
    let holds = |ids: &[String], id: &str| ids.iter().any(|x| x.eq_ignore_ascii_case(id));
    if admin_roles.iter().any(|(id, _)| holds(active, id)) {
        return AdminStanding::Admin;
    }
    match admin_roles.iter().find(|(id, _)| holds(eligible, id)) {
        Some((_, name)) => AdminStanding::CanActivate(name),
        None => AdminStanding::NotAdmin,
    }
}

impl AdminStanding {
    /// Why changes are not offered, and what to do; `None` for an administrator.
    pub fn explain(&self) -> Option<Explanation> {
        let reason = "Adding, removing and changing assignments needs the Privileged Role Administrator \
                      (or Global Administrator) role, active."
            .to_owned();
        match self {
            AdminStanding::Admin => None,
            AdminStanding::CanActivate(name) => Some(Explanation {
                reason,
                next_step: format!("You are eligible for {name}: activate it in My roles, then come back. You can look at the assignments below meanwhile."),
            }),
            AdminStanding::NotAdmin => Some(Explanation {
                reason,
                next_step: "You hold neither. Ask a Privileged Role Administrator to make the change, or to make you eligible. You can look at the assignments below."
                    .into(),
            }),
        }
    }
}
