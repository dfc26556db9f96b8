//! [`BatchDraft`]: the selection and form kept across a step-up sign-in redirect, so the batch
//! completes without retyping. The UI stores it (session storage) before redirecting and reads
//! it back on return, then re-plans with the new sign-in.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::form::ActivationForm;
use super::item::RoleItem;
use super::item_key::ItemKey;
use super::plan::{BatchPlan, PlanOptions, StepUp};

/// How long a draft is worth restoring: a sign-in takes minutes, not hours.
pub const DRAFT_MAX_AGE: Duration = Duration::minutes(30);

/// A batch in progress.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchDraft {
    /// The selected items, in order.
    pub keys: Vec<ItemKey>,
    /// What was typed.
    pub form: ActivationForm,
    /// Whether durations were shortened to each item's maximum (sets and deep links).
    pub clamp_duration: bool,
    /// When it was saved.
    pub saved_at: DateTime<Utc>,
    /// The step-up sign-ins already made for this batch, so none is asked for twice.
    #[serde(default)]
    pub step_ups_done: Vec<StepUp>,
}

impl BatchDraft {
    /// A draft of the current batch.
    pub fn new(keys: Vec<ItemKey>, form: ActivationForm, options: PlanOptions, now: DateTime<Utc>) -> Self {
        BatchDraft {
            keys,
            form,
            clamp_duration: options.clamp_duration,
            saved_at: now,
            step_ups_done: Vec::new(),
        }
    }

    /// The next step-up sign-in the plan needs that this batch has not made yet: contexts before
    /// MFA (a context sign-in usually satisfies MFA too), one sign-in per distinct step-up.
    /// `None` means: submit what is ready now.
    pub fn next_step_up(&self, plan: &BatchPlan) -> Option<StepUp> {
        plan.step_ups.iter().map(|g| &g.step_up).find(|s| !self.step_ups_done.contains(s)).cloned()
    }

    /// Records a step-up sign-in about to be made.
    pub fn record_step_up(&mut self, step_up: StepUp) {
        if !self.step_ups_done.contains(&step_up) {
            self.step_ups_done.push(step_up);
        }
    }

    /// The JSON to store.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a stored draft; `None` when unreadable or older than [`DRAFT_MAX_AGE`] at `now`.
    pub fn restore(json: &str, now: DateTime<Utc>) -> Option<BatchDraft> {
        let draft: BatchDraft = serde_json::from_str(json).ok()?;
        (now - draft.saved_at <= DRAFT_MAX_AGE && draft.saved_at <= now + Duration::minutes(1))
            .then_some(draft)
    }

    /// The plan options the batch used.
    pub fn options(&self) -> PlanOptions {
        PlanOptions { clamp_duration: self.clamp_duration }
    }

    /// The selected items among `loaded`, in order; keys no longer loaded are returned apart.
    pub fn selection<'a>(&self, loaded: &'a [RoleItem]) -> (Vec<&'a RoleItem>, Vec<ItemKey>) {
        let mut found = Vec::new();
        let mut gone = Vec::new();
        for key in &self.keys {
            match loaded.iter().find(|i| &i.key == key) {
                Some(item) => found.push(item),
                None => gone.push(key.clone()),
            }
        }
        (found, gone)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_items::{at, entra, group};

    #[test]
    fn a_draft_survives_the_redirect_and_expires() {
        let items = vec![entra("Reader", "r"), group("Ops", "g")];
        let form = ActivationForm {
            duration: "PT2H".into(),
            justification: "Release 42".into(),
            ..Default::default()
        };
        let draft = BatchDraft::new(
            vec![items[1].key.clone(), ItemKey::parse("e:gone:/").unwrap()],
            form.clone(),
            PlanOptions { clamp_duration: true },
            at("2026-03-01T09:00:00Z"),
        );
        let json = draft.to_json();
        let back = BatchDraft::restore(&json, at("2026-03-01T09:10:00Z")).unwrap();
        assert_eq!(back.form, form);
        assert!(back.options().clamp_duration);
        let (found, gone) = back.selection(&items);
        assert_eq!(found[0].name, "Ops");
        assert_eq!(gone, vec![ItemKey::parse("e:gone:/").unwrap()]);
        assert_eq!(BatchDraft::restore(&json, at("2026-03-01T09:31:00Z")), None, "too old");
        assert_eq!(BatchDraft::restore("{broken", at("2026-03-01T09:10:00Z")), None);
    }

    #[test]
    fn each_step_up_is_asked_for_once_contexts_first() {
        use crate::domain::plan::StepUpGroup;
        use crate::domain::policy::AuthContext;
        let plan = BatchPlan {
            entries: Vec::new(),
            step_ups: vec![
                StepUpGroup { step_up: StepUp::AuthContext(AuthContext("c1".into())), items: Vec::new() },
                StepUpGroup { step_up: StepUp::Mfa, items: Vec::new() },
            ],
            summary: Default::default(),
        };
        let mut draft = BatchDraft::new(
            Vec::new(),
            ActivationForm::default(),
            PlanOptions::default(),
            at("2026-03-01T09:00:00Z"),
        );
        let first = draft.next_step_up(&plan).unwrap();
        assert_eq!(first, StepUp::AuthContext(AuthContext("c1".into())));
        draft.record_step_up(first);
        // Survives the redirect with what was already done.
        let mut draft = BatchDraft::restore(&draft.to_json(), at("2026-03-01T09:05:00Z")).unwrap();
        assert_eq!(draft.next_step_up(&plan), Some(StepUp::Mfa));
        draft.record_step_up(StepUp::Mfa);
        assert_eq!(draft.next_step_up(&plan), None, "never the same sign-in twice");
        // A draft saved before this field existed still restores.
        let mut old: serde_json::Value = serde_json::from_str(&draft.to_json()).unwrap();
        old.as_object_mut().unwrap().remove("step_ups_done");
        let old = BatchDraft::restore(&old.to_string(), at("2026-03-01T09:05:00Z")).unwrap();
        assert!(old.step_ups_done.is_empty());
    }
}
