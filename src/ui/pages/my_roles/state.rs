//! The state of the My roles page and the operations on it. Components render it; they hold no
//! logic of their own.

use std::collections::HashMap;

use futures::future::join_all;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::error_kind::ErrorKind;
use crate::domain::form::ActivationForm;
use crate::domain::item::RoleItem;
use crate::domain::item_key::ItemKey;
use crate::domain::outcome::Outcome;
use crate::domain::plan::{plan_batch, BatchPlan, PlanOptions};
use crate::domain::policy::ActivationPolicy;
use crate::domain::recent::RecentJustifications;
use crate::domain::sets::Library;
use crate::graph::actions::{activate, deactivate, ActivationInput};
use crate::graph::adapt::{activation_outcome, error_kind};
use crate::graph::load::{my_roles, policy_of};
use crate::ui::services::Services;
use crate::ui::session::{use_demo_account, DemoAccount};
use crate::ui::widgets::ResultLine;

/// One item's outcome as a result line, described at the time it came back.
fn result_line(name: &str, outcome: &Outcome, now: chrono::DateTime<chrono::Utc>) -> ResultLine {
    ResultLine { name: name.to_owned(), ok: outcome.is_success(), text: outcome.describe(now) }
}

/// Everything the page shows, as signals.
#[derive(Clone, Copy)]
pub struct MyRolesState {
    pub services: StoredValue<Services, LocalStorage>,
    pub items: RwSignal<Vec<RoleItem>>,
    pub loaded: RwSignal<bool>,
    pub refreshing: RwSignal<bool>,
    /// Plain sentences for lists that could not be read.
    pub load_errors: RwSignal<Vec<String>>,
    /// What kind of failure each of those was (licence, throttling, network, consent…).
    pub load_kinds: RwSignal<Vec<ErrorKind>>,
    pub policies: RwSignal<HashMap<ItemKey, ActivationPolicy>>,
    pub selected: RwSignal<Vec<ItemKey>>,
    pub form: RwSignal<ActivationForm>,
    pub submitting: RwSignal<bool>,
    pub results: RwSignal<Vec<ResultLine>>,
    /// The tenant's clock, ticking once a second for countdowns.
    pub now: RwSignal<chrono::DateTime<chrono::Utc>>,
    /// The demo sign-in: what it proves (MFA, contexts) changes the plan.
    account: Option<DemoAccount>,
    /// Favourites and saved sets, kept in this browser.
    pub library: RwSignal<Library>,
    /// Recently used justifications, kept in this browser.
    pub recent: RwSignal<RecentJustifications>,
}

impl MyRolesState {
    pub fn new(services: Services) -> Self {
        let now = services.now();
        MyRolesState {
            services: StoredValue::new_local(services),
            items: RwSignal::new(Vec::new()),
            loaded: RwSignal::new(false),
            refreshing: RwSignal::new(false),
            load_errors: RwSignal::new(Vec::new()),
            load_kinds: RwSignal::new(Vec::new()),
            policies: RwSignal::new(HashMap::new()),
            selected: RwSignal::new(Vec::new()),
            form: RwSignal::new(ActivationForm { duration: "PT1H".into(), ..Default::default() }),
            submitting: RwSignal::new(false),
            results: RwSignal::new(Vec::new()),
            now: RwSignal::new(now),
            account: use_demo_account(),
            library: RwSignal::new(super::stored::load_library()),
            recent: RwSignal::new(super::stored::load_recent()),
        }
    }

    fn services(&self) -> Services {
        self.services.get_value()
    }

    /// Reads my rows (one Graph batch and the ARM lists side by side), then their policies.
    pub fn reload(self) {
        let services = self.services();
        let Some(me) = services.me() else { return };
        self.refreshing.set(true);
        spawn_local(async move {
            let (items, errors) = my_roles(&services.client, &me).await;
            self.load_errors
                .set(errors.iter().map(|e| format!("{} {}", e.explain(), e.next_step())).collect());
            self.load_kinds.set(errors.iter().map(error_kind).collect());
            let missing: Vec<RoleItem> = self
                .policies
                .with_untracked(|p| items.iter().filter(|i| !p.contains_key(&i.key)).cloned().collect());
            self.items.set(items);
            self.loaded.set(true);
            self.refreshing.set(false);
            let read = join_all(missing.iter().map(|i| policy_of(&services.client, i))).await;
            self.policies.update(|p| {
                for (item, policy) in missing.iter().zip(read) {
                    if let Ok(policy) = policy {
                        p.insert(item.key.clone(), policy);
                    }
                }
            });
        });
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

    /// Sends every ready entry of the plan at once and shows a result per item.
    pub fn submit(self, plan: BatchPlan) {
        let services = self.services();
        let items = self.items.get_untracked();
        let now = self.now.get_untracked();
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
            let results = jobs
                .iter()
                .zip(answers.iter())
                .map(|((item, input), answer)| {
                    result_line(&item.name, &activation_outcome(answer, input, now), now)
                })
                .collect();
            self.results.set(results);
            self.selected.set(Vec::new());
            crate::platform::dom::scroll_into_view("results");
            self.submitting.set(false);
            self.reload();
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
