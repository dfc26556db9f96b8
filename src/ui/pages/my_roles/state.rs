//! The state of the My roles page and the operations on it. Components render it; they hold no
//! logic of their own.

use std::collections::HashMap;

use futures::future::join_all;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::last_known::LastKnown;
use crate::domain::draft::BatchDraft;
use crate::domain::error_kind::ErrorKind;
use crate::domain::follow::Followed;
use crate::domain::form::ActivationForm;
use crate::domain::item::RoleItem;
use crate::domain::item_key::ItemKey;
use crate::domain::outcome::Outcome;
use crate::domain::plan::{plan_batch, BatchPlan, PlanOptions};
use crate::domain::policy::ActivationPolicy;
use crate::domain::policy_cache::PolicyCache;
use crate::domain::recent::RecentJustifications;
use crate::domain::sets::Library;
use crate::graph::actions::{activate, deactivate, ActivationInput};
use crate::graph::adapt::{activation_outcome, error_kind};
use crate::graph::load::{my_roles, policy_of};
use crate::ui::services::Services;
use crate::ui::session::{use_demo_account, DemoAccount};
use crate::ui::widgets::ResultLine;

/// One item's outcome as a result line, described at the time it came back.
pub(super) fn result_line(name: &str, outcome: &Outcome, now: chrono::DateTime<chrono::Utc>) -> ResultLine {
    ResultLine { name: name.to_owned(), ok: outcome.is_success(), text: outcome.describe(now) }
}

/// Each item's policy from the cache, however old (a fresh copy replaces it when read).
/// How many policies a load reads at once; a long list's others are read when selected.
const PREFETCH_POLICIES: usize = 100;

fn policies_for(items: &[RoleItem], cache: &PolicyCache) -> HashMap<ItemKey, ActivationPolicy> {
    items.iter().filter_map(|i| Some((i.key.clone(), cache.get_stale(&i.key)?.clone()))).collect()
}

/// Everything the page shows, as signals.
#[derive(Clone, Copy)]
pub struct MyRolesState {
    pub services: StoredValue<Services, LocalStorage>,
    pub items: RwSignal<Vec<RoleItem>>,
    pub loaded: RwSignal<bool>,
    pub refreshing: RwSignal<bool>,
    /// Why lists could not be read (licence, throttling, network, consent…), said by `problems.rs`.
    pub load_kinds: RwSignal<Vec<ErrorKind>>,
    pub policies: RwSignal<HashMap<ItemKey, ActivationPolicy>>,
    /// Why some policies could not be read in the last load (a sentence and the next step), so
    /// the activation panel says so and offers Try again instead of waiting for ever.
    pub policy_problem: RwSignal<Option<String>>,
    pub selected: RwSignal<Vec<ItemKey>>,
    pub form: RwSignal<ActivationForm>,
    pub submitting: RwSignal<bool>,
    pub results: RwSignal<Vec<ResultLine>>,
    /// The tenant's clock, ticking once a second for countdowns.
    pub now: RwSignal<chrono::DateTime<chrono::Utc>>,
    /// The demo sign-in: what it proves (MFA, contexts) changes the plan.
    pub(super) account: Option<DemoAccount>,
    /// Requests followed until in force: their index in `results` and latest outcome.
    pub(super) followed: RwSignal<Vec<(usize, Followed)>>,
    /// Bumped by every submit, so an older follow-up stops.
    pub(super) follow_generation: StoredValue<u32>,
    /// A batch kept across a step-up sign-in redirect, resumed once the list and policies load.
    pub(super) resume: StoredValue<Option<BatchDraft>, LocalStorage>,
    /// Policies by item, fetched once and trusted for a while (one entry per policy).
    pub(super) policy_cache: StoredValue<PolicyCache, LocalStorage>,
    /// Policy keys being read now, so a selection does not read them twice.
    policy_reads: StoredValue<Vec<ItemKey>, LocalStorage>,
    /// Where the last-known rows and policies are kept (configured tenant only).
    last_known: StoredValue<Option<LastKnown>, LocalStorage>,
    /// "Showing data from 5 min ago · refreshing…" while last-known rows are on screen.
    pub stale: RwSignal<Option<String>>,
    /// Favourites and saved sets, kept in this browser.
    pub library: RwSignal<Library>,
    /// Recently used justifications, kept in this browser.
    pub recent: RwSignal<RecentJustifications>,
    /// The activation panel folded to its heading and buttons (on a phone, to see and pick more
    /// of the list behind it); what was typed stays.
    pub panel_folded: RwSignal<bool>,
}

impl MyRolesState {
    pub fn new(services: Services) -> Self {
        let now = services.now();
        let last_known = LastKnown::for_services(&services);
        let snapshot = last_known.as_ref().and_then(LastKnown::items);
        let cache = last_known.as_ref().map(LastKnown::policies).unwrap_or_default();
        let stale = snapshot.as_ref().map(|s| s.refreshing_label(now));
        let (items, loaded) = match snapshot {
            Some(s) => (s.items, true),
            None => (Vec::new(), false),
        };
        let policies = policies_for(&items, &cache);
        MyRolesState {
            services: StoredValue::new_local(services),
            items: RwSignal::new(items),
            loaded: RwSignal::new(loaded),
            refreshing: RwSignal::new(false),
            load_kinds: RwSignal::new(Vec::new()),
            policies: RwSignal::new(policies),
            policy_problem: RwSignal::new(None),
            selected: RwSignal::new(Vec::new()),
            form: RwSignal::new(ActivationForm { duration: "PT1H".into(), ..Default::default() }),
            submitting: RwSignal::new(false),
            results: RwSignal::new(Vec::new()),
            now: RwSignal::new(now),
            account: use_demo_account(),
            followed: RwSignal::new(Vec::new()),
            follow_generation: StoredValue::new(0),
            resume: StoredValue::new_local(crate::platform::signin::take_draft(now)),
            policy_cache: StoredValue::new_local(cache),
            policy_reads: StoredValue::new_local(Vec::new()),
            last_known: StoredValue::new_local(last_known),
            stale: RwSignal::new(stale),
            library: RwSignal::new(super::stored::load_library()),
            recent: RwSignal::new(super::stored::load_recent()),
            panel_folded: RwSignal::new(false),
        }
    }

    pub(super) fn services(&self) -> Services {
        self.services.get_value()
    }

    /// Reads my rows (one Graph batch and the ARM lists side by side), then their policies; then
    /// resumes a batch that was waiting for a step-up sign-in.
    pub fn reload(self) {
        // Put off until after a paint, the page may be gone by now.
        let Some(services) = self.services.try_get_value() else { return };
        if services.me().is_none() {
            return;
        }
        self.refreshing.set(true);
        self.policy_problem.set(None);
        spawn_local(async move {
            let Some(items) = self.read_items().await else { return };
            // What the user picked or keeps (selected, a batch waiting for a step-up, starred)
            // first, then the list in order: at most PREFETCH_POLICIES reads now; the rest are
            // read when selected (`read_selected_policies`).
            let draft: Vec<ItemKey> =
                self.resume.with_value(|d| d.as_ref().map(|d| d.keys.clone()).unwrap_or_default());
            let (selected, starred) =
                (self.selected.get_untracked(), self.library.with_untracked(|l| l.favourites.clone()));
            let wanted = selected.iter().chain(&draft).chain(&starred).chain(items.iter().map(|i| &i.key));
            if self.read_policies(&items, wanted, PREFETCH_POLICIES).await.is_none() {
                return;
            }
            if let Some(draft) = self.resume.try_update_value(Option::take).flatten() {
                self.resume_batch(draft);
            }
        });
    }

    /// Reads the policies of the selected items not read yet (beyond the prefetch of a long list).
    pub fn read_selected_policies(self) {
        let selected = self.selected.get();
        let now = self.now.get_untracked();
        let unread = self.policy_cache.with_value(|c| c.missing(selected.iter(), now));
        let fresh: Vec<ItemKey> =
            self.policy_reads.with_value(|r| unread.into_iter().filter(|k| !r.contains(k)).collect());
        if fresh.is_empty() || !self.loaded.get_untracked() {
            return;
        }
        spawn_local(async move {
            let items = self.items.get_untracked();
            let _ = self.read_policies(&items, fresh.iter(), usize::MAX).await;
        });
    }

    /// Reads the missing policies among `wanted` (one read per policy not fetched lately: an Entra
    /// role's policy serves all its scopes), at most `limit`, into the cache and the page; says
    /// why when some could not be read. `None` when the page is gone.
    async fn read_policies<'a>(
        self,
        items: &[RoleItem],
        wanted: impl Iterator<Item = &'a ItemKey>,
        limit: usize,
    ) -> Option<()> {
        let services = self.services.try_get_value()?;
        let now = self.now.get_untracked();
        let mut keys = self.policy_cache.try_with_value(|c| c.missing(wanted, now))?;
        keys.truncate(limit);
        let _ = self.policy_reads.try_update_value(|r| r.extend(keys.iter().cloned()));
        let missing: Vec<RoleItem> = keys
            .iter()
            .filter_map(|key| items.iter().find(|i| &i.key.policy_key() == key).cloned())
            .collect();
        let read = join_all(missing.iter().map(|i| policy_of(&services.client, i))).await;
        let _ = self.policy_reads.try_update_value(|r| r.retain(|k| !keys.contains(k)));
        let mut problem = None;
        let cache = self.policy_cache.try_update_value(|cache| {
            for (item, policy) in missing.iter().zip(read) {
                match policy {
                    Ok(policy) => cache.put(item.key.clone(), policy, now),
                    Err(e) if problem.is_none() => {
                        problem = Some(format!("{} {}", e.explain(), e.next_step()))
                    }
                    Err(_) => {}
                }
            }
            cache.clone()
        })?;
        let _ = self.policy_problem.try_set(problem);
        let _ = self.policies.try_set(policies_for(items, &cache));
        self.last_known.with_value(|l| {
            if let Some(l) = l {
                l.save_policies(&cache);
            }
        });
        Some(())
    }

    /// Reads my rows into the page; `None` when the page is gone.
    pub(super) async fn read_items(self) -> Option<Vec<RoleItem>> {
        let services = self.services.try_get_value()?;
        let me = services.me()?;
        let (items, raw_errors) = my_roles(&services.client, &me).await;
        if !raw_errors.is_empty() && services.follow_sign_in_redirect() {
            // The session must sign in again (the page comes back here): nothing to show yet.
            return None;
        }
        // `try_set` hands the value back when the page (and its signals) is gone.
        let kinds: Vec<ErrorKind> = raw_errors.iter().map(error_kind).collect();
        if items.is_empty() && !kinds.is_empty() && !self.items.with_untracked(Vec::is_empty) {
            // Nothing could be read (no network, the service down): the rows on screen stay,
            // said to be old, beside the problem and its Try again.
            let now = self.now.get_untracked();
            let saved = self.last_known.with_value(|l| l.as_ref().and_then(LastKnown::items));
            let _ = self.load_kinds.try_set(kinds);
            let _ = self.refreshing.try_set(false);
            let _ = self.stale.try_set(saved.map(|s| s.unrefreshed_label(now)));
            return None;
        }
        if self.load_kinds.try_set(kinds).is_some() || self.items.try_set(items.clone()).is_some() {
            return None;
        }
        self.loaded.set(true);
        self.refreshing.set(false);
        self.stale.set(None);
        // Kept at once (not after the policies), so a visit cut short still leaves them.
        let now = self.now.get_untracked();
        self.last_known.with_value(|l| {
            if let Some(l) = l {
                l.save_items(&items, now);
            }
        });
        Some(items)
    }

    pub fn toggle(self, key: &ItemKey) {
        self.selected.update(|s| match s.iter().position(|k| k == key) {
            Some(i) => {
                s.remove(i);
            }
            None => s.push(key.clone()),
        });
    }

    /// The plan for the current selection and form.
    pub fn plan(self) -> Option<BatchPlan> {
        let selected = self.selected.get();
        if selected.is_empty() {
            return None;
        }
        let items = self.items.get();
        let policies = self.policies.get();
        let selection: Vec<(&RoleItem, &ActivationPolicy)> = selected
            .iter()
            .filter_map(|k| Some((items.iter().find(|i| &i.key == k)?, policies.get(k)?)))
            .collect();
        if let Some(account) = self.account {
            account.0.track();
        }
        let auth = self.services().session_auth();
        Some(plan_batch(
            &selection,
            &self.form.get(),
            &auth,
            PlanOptions { clamp_duration: true },
            self.now.get(),
        ))
    }

    /// Sends every ready entry of the plan at once, shows a result per item, then follows the
    /// requests that are not in force yet. A refusal that a sign-in can fix is retried once after
    /// that sign-in (see `batch.rs`).
    pub fn submit(self, plan: BatchPlan, draft: BatchDraft) {
        let services = self.services();
        let items = self.items.get_untracked();
        let jobs: Vec<(RoleItem, ActivationInput)> = plan
            .ready()
            .filter_map(|entry| {
                let item = items.iter().find(|i| i.key == entry.key)?.clone();
                let form = entry.request.clone()?;
                let input = ActivationInput {
                    duration: form.duration,
                    justification: form.justification,
                    ticket: form.ticket.map(|t| (t.system, t.number)),
                    start: form.start,
                    scope: form.scope,
                };
                Some((item, input))
            })
            .collect();
        if jobs.is_empty() {
            return;
        }
        self.submitting.set(true);
        spawn_local(async move {
            let answers =
                join_all(jobs.iter().map(|(item, input)| activate(&services.client, item, input))).await;
            let now = self.now.get_untracked();
            let outcomes: Vec<(RoleItem, Outcome)> = jobs
                .iter()
                .zip(answers.iter())
                .map(|((item, input), answer)| (item.clone(), activation_outcome(answer, input, now)))
                .collect();
            self.show_outcomes(outcomes, draft);
        });
    }

    /// Ends an activation early.
    pub fn deactivate(self, item: RoleItem) {
        let services = self.services();
        spawn_local(async move {
            let outcome = match deactivate(&services.client, &item).await {
                Ok(_) => Outcome::Revoked,
                Err(e) => Outcome::from_error(error_kind(&e)),
            };
            self.results.set(vec![result_line(&item.name, &outcome, self.now.get_untracked())]);
            self.reload();
        });
    }
}
