//! A batch's way to the end, after the one tap on "Activate": the step-up sign-ins it needs (each
//! once, kept across the redirect so nothing is retyped), the submit, one retry after a refusal
//! that a sign-in can fix, and following each request until it is in force.

use std::time::Duration as StdDuration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::state::{result_line, MyRolesState};
use crate::domain::draft::BatchDraft;
use crate::domain::error_kind::ErrorKind;
use crate::domain::follow::{follow_schedule, next_poll, settle, Followed};
use crate::domain::item::RoleItem;
use crate::domain::outcome::Outcome;
use crate::domain::plan::{BatchPlan, PlanOptions, StepUp};
use crate::platform::{dom, signin};
use crate::ui::services::Backend;
use crate::ui::widgets::ResultLine;

impl MyRolesState {
    /// The tap on "Activate" (or "Sign in and activate"): the sign-ins first, then everything.
    pub fn go(self) {
        let Some(plan) = untrack(|| self.plan()) else { return };
        self.results.set(Vec::new());
        self.followed.set(Vec::new());
        let draft = BatchDraft::new(
            self.selected.get_untracked(),
            self.form.get_untracked(),
            PlanOptions { clamp_duration: true },
            self.now.get_untracked(),
        );
        self.continue_batch(draft, plan);
    }

    /// The next step-up this batch has not made yet, or the submit when none is left.
    fn continue_batch(self, mut draft: BatchDraft, plan: BatchPlan) {
        let Some(step) = draft.next_step_up(&plan) else {
            self.submit(plan, draft);
            return;
        };
        draft.record_step_up(step.clone());
        if self.redirect_for(&step, &draft) {
            return;
        }
        self.prove_in_demo(&step);
        if let Some(plan) = untrack(|| self.plan()) {
            self.continue_batch(draft, plan);
        }
    }

    /// With a tenant: keeps the batch in this tab and leaves for the identity platform, which
    /// brings the user back here. False in the demo.
    fn redirect_for(self, step: &StepUp, draft: &BatchDraft) -> bool {
        let Backend::Tenant(session) = self.services().backend else { return false };
        signin::save_draft(draft);
        let context = match step {
            StepUp::AuthContext(c) => Some(c.0.clone()),
            StepUp::Mfa => None,
        };
        signin::step_up(&session, context.as_deref(), &dom::current_path());
        true
    }

    /// The demo's sign-in: the simulated tenant records what was proved at once.
    fn prove_in_demo(self, step: &StepUp) {
        let Some(account) = self.account else { return };
        let Some(mut signed_in) = account.0.get_untracked() else { return };
        signed_in.mfa = true;
        if let StepUp::AuthContext(c) = step {
            if !signed_in.contexts.contains(&c.0) {
                signed_in.contexts.push(c.0.clone());
            }
        }
        account.set(Some(signed_in));
    }

    /// Back from a step-up redirect: the same selection and text, re-planned with the new
    /// sign-in, then on to the next sign-in or the submit by itself.
    pub(super) fn resume_batch(self, mut draft: BatchDraft) {
        let items = self.items.get_untracked();
        let (found, gone) = draft.selection(&items);
        let found: Vec<_> = found.into_iter().map(|i| i.key.clone()).collect();
        let gone_lines: Vec<ResultLine> = gone
            .iter()
            .map(|key| ResultLine { name: key.to_string(), ok: false, text: ErrorKind::NotFound.explain() })
            .collect();
        self.results.set(gone_lines);
        draft.keys = found.clone();
        self.selected.set(found);
        self.form.set(draft.form.clone());
        if let Some(plan) = untrack(|| self.plan()) {
            self.continue_batch(draft, plan);
        }
    }

    /// Shows each item's result. Items refused for a sign-in this batch has not made yet stay
    /// selected and are retried after that sign-in; the others are followed until in force.
    pub(super) fn show_outcomes(self, outcomes: Vec<(RoleItem, Outcome)>, mut draft: BatchDraft) {
        let now = self.now.get_untracked();
        let mut retry: Option<StepUp> = None;
        let mut retry_keys = Vec::new();
        let mut lines = self.results.get_untracked();
        let mut followed = Vec::new();
        for (item, outcome) in &outcomes {
            if let Outcome::Failed { error: ErrorKind::PolicyRules(_) } = outcome {
                // The service says the cached settings were wrong: read them again next time.
                self.policy_cache.update_value(|c| c.invalidate(&item.key));
            }
            let fixable = match outcome {
                Outcome::Failed { error } => error.step_up().map(|s| (s, error)),
                _ => None,
            };
            match fixable {
                Some((step, _))
                    if !draft.step_ups_done.contains(&step) && retry.as_ref().is_none_or(|r| *r == step) =>
                {
                    retry = Some(step);
                    retry_keys.push(item.key.clone());
                    continue;
                }
                Some((_, error)) => lines.push(ResultLine {
                    name: item.name.clone(),
                    ok: false,
                    text: error.explain_after_step_up(),
                }),
                None => {
                    if follow_schedule(outcome).is_some() {
                        followed.push((
                            lines.len(),
                            Followed { key: item.key.clone(), outcome: outcome.clone() },
                        ));
                    }
                    lines.push(result_line(&item.name, outcome, now));
                }
            }
        }
        let _ = self.results.try_set(lines);
        let _ = self.submitting.try_set(false);
        // Failed items stay selected with what was typed; the rest leave the selection.
        let keep: Vec<_> = outcomes
            .iter()
            .filter(|(item, o)| matches!(o, Outcome::Failed { .. }) && !retry_keys.contains(&item.key))
            .map(|(item, _)| item.key.clone())
            .collect();
        let _ = self.selected.try_set(keep);
        dom::scroll_into_view("results");
        let mut all = self.followed.get_untracked();
        all.extend(followed);
        self.follow(all);
        if let Some(step) = retry {
            // The service asked for a sign-in the plan did not know about: make it, then send
            // exactly those items again.
            draft.keys = retry_keys.clone();
            self.selected.set(retry_keys);
            draft.record_step_up(step.clone());
            if !self.redirect_for(&step, &draft) {
                self.prove_in_demo(&step);
                if let Some(plan) = untrack(|| self.plan()) {
                    self.submit(plan, draft);
                }
            }
        } else {
            self.reload();
        }
    }

    /// Re-reads the list on a backoff schedule and updates each followed result once its item
    /// is in force, with when it took effect. A newer submit stops an older follow-up.
    fn follow(self, followed: Vec<(usize, Followed)>) {
        let generation = self.follow_generation.try_update_value(|g| {
            *g += 1;
            *g
        });
        let Some(generation) = generation else { return };
        let _ = self.followed.try_set(followed);
        spawn_local(async move {
            let mut attempt = 0;
            loop {
                let pending: Vec<Followed> = match self.followed.try_get_untracked() {
                    Some(f) => f.into_iter().map(|(_, f)| f).collect(),
                    None => return,
                };
                let Some(delay) = next_poll(&pending, attempt) else { return };
                crate::platform::time::sleep(
                    StdDuration::from_millis(delay.num_milliseconds().max(0) as u64),
                )
                .await;
                if self.follow_generation.try_get_value() != Some(generation) {
                    return;
                }
                let Some(items) = self.read_items().await else { return };
                let now = self.now.get_untracked();
                let mut still = Vec::new();
                let followed = self.followed.try_get_untracked().unwrap_or_default();
                for (index, mut f) in followed {
                    let state = items.iter().find(|i| i.key == f.key).map(|i| &i.state);
                    if let Some(settled) = settle(&f.outcome, state, now) {
                        let text = settled.describe(now);
                        let _ = self.results.try_update(|lines| {
                            if let Some(line) = lines.get_mut(index) {
                                line.ok = settled.is_success();
                                line.text = text;
                            }
                        });
                        f.outcome = settled;
                    }
                    if follow_schedule(&f.outcome).is_some()
                        && !matches!(f.outcome, Outcome::ActiveNow { .. })
                    {
                        still.push((index, f));
                    }
                }
                if self.followed.try_set(still).is_some() {
                    return;
                }
                attempt += 1;
            }
        });
    }
}
