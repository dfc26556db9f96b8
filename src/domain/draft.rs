//! [`BatchDraft`]: the selection and form kept across a step-up sign-in redirect, so the batch
//! completes without retyping. The UI stores it (session storage) before redirecting and reads
//! it back on return, then re-plans with the new sign-in.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::form::ActivationForm;
use super::item::RoleItem;
use super::item_key::ItemKey;
use super::plan::PlanOptions;

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
}

impl BatchDraft {
    /// A draft of the current batch.
    pub fn new(keys: Vec<ItemKey>, form: ActivationForm, options: PlanOptions, now: DateTime<Utc>) -> Self {
        BatchDraft { keys, form, clamp_duration: options.clamp_duration, saved_at: now }
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
}
