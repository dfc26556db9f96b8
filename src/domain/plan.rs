//! The batch plan: what will happen to each selected item before anything is sent.
//!
//! One shared form is checked against each item's policy. Each entry gets one [`PlanAction`]
//! (the most pressing thing about it) and the requirements behind it; step-up sign-ins are
//! grouped so the user sees ONE prompt per distinct authentication context. After a step-up
//! returns, the UI re-plans with the new [`SessionAuth`] and the same form: nothing is retyped.

use serde::{Deserialize, Serialize};

use super::duration_input::parse_duration_input;
use super::form::{validate_for, ActivationForm, FieldErrors, ValidForm};
use super::ids::RequestId;
use super::item::{ItemState, RoleItem};
use super::item_key::ItemKey;
use super::policy::{ActivationPolicy, AuthContext};
use chrono::{DateTime, Utc};

/// What the current sign-in already proves (from the token's `amr` and `acrs` claims).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SessionAuth {
    /// The sign-in used multi-factor authentication.
    pub has_mfa: bool,
    /// Authentication contexts already satisfied.
    pub contexts: Vec<AuthContext>,
}

impl SessionAuth {
    /// From the access token's `amr` (methods; `mfa` means multi-factor) and `acrs` (satisfied
    /// authentication contexts) claims.
    pub fn from_claims<'a>(
        amr: impl IntoIterator<Item = &'a str>,
        acrs: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        SessionAuth {
            has_mfa: amr.into_iter().any(|m| m.eq_ignore_ascii_case("mfa")),
            contexts: acrs.into_iter().map(|c| AuthContext(c.to_owned())).collect(),
        }
    }
}

/// A sign-in the user must complete before some items can be submitted.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StepUp {
    /// Sign in again satisfying a Conditional Access authentication context.
    AuthContext(AuthContext),
    /// Sign in again with multi-factor authentication.
    Mfa,
}

/// The one thing to tell the user about an item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlanAction {
    /// Will be active right after submitting (or from the scheduled start).
    ActivateNow,
    /// Will wait for one of these approvers.
    NeedsApproval { approvers: Vec<String> },
    /// Needs a step-up sign-in for this authentication context first.
    NeedsStepUp { context: AuthContext },
    /// Needs a multi-factor sign-in first.
    NeedsMfa,
    /// Already in force: skipped.
    AlreadyActive,
    /// A request is already pending: skipped.
    AlreadyRequested { request: RequestId },
    /// Held only as an active assignment, with nothing to activate: skipped.
    NotEligible,
    /// The form does not satisfy this item's policy.
    Invalid { errors: FieldErrors },
}

/// One selected item in the plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanEntry {
    /// The item.
    pub key: ItemKey,
    /// What will happen.
    pub action: PlanAction,
    /// The validated request, for items that will be sent (possibly after a step-up).
    pub request: Option<ValidForm>,
    /// Approvers who will decide, even when a step-up comes first.
    pub approvers: Option<Vec<String>>,
    /// True when the shared duration was longer than this item's maximum and was shortened to it.
    pub duration_clamped: bool,
}

/// Step-ups grouped by what they satisfy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepUpGroup {
    /// The sign-in to perform.
    pub step_up: StepUp,
    /// The items it unblocks.
    pub items: Vec<ItemKey>,
}

/// How many entries fall in each category.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PlanSummary {
    /// Will be active right away.
    pub activate_now: usize,
    /// Will wait for approval.
    pub needs_approval: usize,
    /// Wait for an authentication-context sign-in.
    pub needs_step_up: usize,
    /// Wait for an MFA sign-in.
    pub needs_mfa: usize,
    /// Already active, already requested or not eligible.
    pub skipped: usize,
    /// The form does not fit their policy.
    pub invalid: usize,
}

/// The plan for a selection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchPlan {
    /// One entry per selected item, in selection order.
    pub entries: Vec<PlanEntry>,
    /// Sign-ins to do first, in order: authentication contexts by first appearance, then MFA.
    pub step_ups: Vec<StepUpGroup>,
    /// Counts.
    pub summary: PlanSummary,
}

/// Options for planning.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PlanOptions {
    /// Shorten a too-long duration to each item's maximum instead of marking the item invalid
    /// (useful for saved sets and deep links with one duration for roles with different limits).
    pub clamp_duration: bool,
}

impl BatchPlan {
    /// Entries that can be submitted now (no pending step-up): send these concurrently.
    pub fn ready(&self) -> impl Iterator<Item = &PlanEntry> {
        self.entries
            .iter()
            .filter(|e| matches!(e.action, PlanAction::ActivateNow | PlanAction::NeedsApproval { .. }))
    }

    /// True when nothing needs a step-up or a fix, and at least one item will be sent.
    pub fn can_submit_all(&self) -> bool {
        let s = self.summary;
        s.needs_step_up + s.needs_mfa + s.invalid == 0 && s.activate_now + s.needs_approval > 0
    }
}

/// Plans activating `selection` (item and its policy) with one shared `form`.
pub fn plan_batch(
    selection: &[(&RoleItem, &ActivationPolicy)],
    form: &ActivationForm,
    session: &SessionAuth,
    options: PlanOptions,
    now: DateTime<Utc>,
) -> BatchPlan {
    let mut entries = Vec::with_capacity(selection.len());
    let mut step_ups: Vec<StepUpGroup> = Vec::new();
    let mut mfa_items = Vec::new();
    let mut summary = PlanSummary::default();
    for (item, policy) in selection {
        let (entry, step_up) = plan_one(item, policy, form, session, options, now);
        match &entry.action {
            PlanAction::ActivateNow => summary.activate_now += 1,
            PlanAction::NeedsApproval { .. } => summary.needs_approval += 1,
            PlanAction::NeedsStepUp { .. } => summary.needs_step_up += 1,
            PlanAction::NeedsMfa => summary.needs_mfa += 1,
            PlanAction::Invalid { .. } => summary.invalid += 1,
            _ => summary.skipped += 1,
        }
        match step_up {
            Some(StepUp::Mfa) => mfa_items.push(entry.key.clone()),
            Some(s) => match step_ups.iter_mut().find(|g| g.step_up == s) {
                Some(group) => group.items.push(entry.key.clone()),
                None => step_ups.push(StepUpGroup { step_up: s, items: vec![entry.key.clone()] }),
            },
            None => {}
        }
        entries.push(entry);
    }
    if !mfa_items.is_empty() {
        step_ups.push(StepUpGroup { step_up: StepUp::Mfa, items: mfa_items });
    }
    BatchPlan { entries, step_ups, summary }
}

fn plan_one(
    item: &RoleItem,
    policy: &ActivationPolicy,
    form: &ActivationForm,
    session: &SessionAuth,
    options: PlanOptions,
    now: DateTime<Utc>,
) -> (PlanEntry, Option<StepUp>) {
    let approvers = policy.approval_required.then(|| policy.approver_names());
    let mut entry = PlanEntry {
        key: item.key.clone(),
        action: PlanAction::ActivateNow,
        request: None,
        approvers,
        duration_clamped: false,
    };
    let skip = match &item.state {
        ItemState::Active { .. } => Some(PlanAction::AlreadyActive),
        ItemState::ActivationPending { request } => {
            Some(PlanAction::AlreadyRequested { request: request.clone() })
        }
        _ if !item.eligible => Some(PlanAction::NotEligible),
        _ => None,
    };
    if let Some(action) = skip {
        entry.action = action;
        return (entry, None);
    }
    let mut form = form.clone();
    if options.clamp_duration && parse_duration_input(&form.duration).is_ok_and(|d| d > policy.max_duration) {
        form.duration = policy.max_duration.to_string();
        entry.duration_clamped = true;
    }
    match validate_for(&form, policy, item.arm_scope(), now) {
        Err(errors) => {
            entry.action = PlanAction::Invalid { errors };
            (entry, None)
        }
        Ok(valid) => {
            entry.request = Some(valid);
            let step_up = match &policy.auth_context {
                Some(ctx) if !session.contexts.contains(ctx) => Some(StepUp::AuthContext(ctx.clone())),
                _ if policy.require_mfa && !session.has_mfa => Some(StepUp::Mfa),
                _ => None,
            };
            entry.action = match (&step_up, &entry.approvers) {
                (Some(StepUp::AuthContext(c)), _) => PlanAction::NeedsStepUp { context: c.clone() },
                (Some(StepUp::Mfa), _) => PlanAction::NeedsMfa,
                (None, Some(names)) => PlanAction::NeedsApproval { approvers: names.clone() },
                (None, None) => PlanAction::ActivateNow,
            };
            (entry, step_up)
        }
    }
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;
