//! The state of "Approvals" and its operations: load the queue, select, approve or deny.

use futures::future::join_all;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::error_kind::Explanation;
use crate::domain::ids::PrincipalId;
use crate::graph::requests::{approval_queue, decide, Decision, DecisionError, RequestRow};
use crate::ui::services::Services;
use crate::ui::widgets::ResultLine;

/// Everything the page shows, as signals.
#[derive(Clone, Copy)]
pub struct ApprovalsState {
    pub services: StoredValue<Services, LocalStorage>,
    pub me: StoredValue<Option<PrincipalId>>,
    pub rows: RwSignal<Vec<RequestRow>>,
    pub loaded: RwSignal<bool>,
    pub refreshing: RwSignal<bool>,
    pub load_errors: RwSignal<Vec<String>>,
    /// Keys of the selected requests.
    pub selected: RwSignal<Vec<String>>,
    pub justification: RwSignal<String>,
    pub deciding: RwSignal<bool>,
    pub results: RwSignal<Vec<ResultLine>>,
    pub now: RwSignal<chrono::DateTime<chrono::Utc>>,
}

impl ApprovalsState {
    pub fn new(services: Services) -> Self {
        let now = services.now();
        let me = services.me();
        ApprovalsState {
            services: StoredValue::new_local(services),
            me: StoredValue::new(me),
            rows: RwSignal::new(Vec::new()),
            loaded: RwSignal::new(false),
            refreshing: RwSignal::new(false),
            load_errors: RwSignal::new(Vec::new()),
            selected: RwSignal::new(Vec::new()),
            justification: RwSignal::new(String::new()),
            deciding: RwSignal::new(false),
            results: RwSignal::new(Vec::new()),
            now: RwSignal::new(now),
        }
    }

    /// True when this request is the signed-in user's own.
    pub fn is_mine(&self, row: &RequestRow) -> bool {
        let me = self.me.get_value();
        matches!((me, &row.principal), (Some(me), Some(p)) if me.as_str().eq_ignore_ascii_case(p.as_str()))
    }

    /// Reads the queue on every plane.
    pub fn reload(self) {
        let services = self.services.get_value();
        if services.me().is_none() {
            return;
        }
        self.refreshing.set(true);
        spawn_local(async move {
            let (rows, errors) = approval_queue(&services.client).await;
            self.load_errors
                .set(errors.iter().map(|e| format!("{} {}", e.explain(), e.next_step())).collect());
            let keys: Vec<String> = rows.iter().map(|r| r.reference.key()).collect();
            self.selected.update(|s| s.retain(|k| keys.contains(k)));
            self.rows.set(rows);
            self.now.set(services.now());
            self.loaded.set(true);
            self.refreshing.set(false);
        });
    }

    pub fn toggle(self, key: &str) {
        self.selected.update(|s| match s.iter().position(|k| k == key) {
            Some(i) => {
                s.remove(i);
            }
            None => s.push(key.to_owned()),
        });
    }

    /// The selected rows, in queue order.
    pub fn selection(&self) -> Vec<RequestRow> {
        let selected = self.selected.get();
        self.rows
            .with(|rows| rows.iter().filter(|r| selected.contains(&r.reference.key())).cloned().collect())
    }

    /// True when a selected request's policy asks approvers for a justification.
    pub fn justification_required(&self) -> bool {
        self.selection().iter().any(|r| r.rules.is_some_and(|x| x.justification_required))
    }

    /// Decides every selected request at once; decided ones leave the queue, each gets a result.
    pub fn decide_selected(self, decision: Decision) {
        let services = self.services.get_value();
        let Some(me) = self.me.get_value() else { return };
        let rows = self.selection();
        if rows.is_empty() {
            return;
        }
        let justification = self.justification.get_untracked();
        self.deciding.set(true);
        spawn_local(async move {
            let answers =
                join_all(rows.iter().map(|r| decide(&services.client, &me, r, decision, &justification)))
                    .await;
            let mut gone = Vec::new();
            let results = rows
                .iter()
                .zip(answers)
                .map(|(row, answer)| {
                    let name = match &row.requester {
                        Some(who) => format!("{} for {who}", row.role),
                        None => row.role.clone(),
                    };
                    match answer {
                        Ok(()) => {
                            gone.push(row.reference.key());
                            let verb = if decision == Decision::Approve { "Approved" } else { "Denied" };
                            let next = if decision == Decision::Approve {
                                "The requester is notified; the role takes effect at its start."
                            } else {
                                "The requester is notified with your justification."
                            };
                            ResultLine {
                                name,
                                ok: true,
                                text: Explanation { reason: format!("{verb}."), next_step: next.into() },
                            }
                        }
                        Err(e) => {
                            if matches!(e, DecisionError::AlreadyDecided { .. }) {
                                gone.push(row.reference.key());
                            }
                            ResultLine { name, ok: false, text: e.explain() }
                        }
                    }
                })
                .collect();
            self.rows.update(|r| r.retain(|x| !gone.contains(&x.reference.key())));
            self.selected.update(|s| s.retain(|k| !gone.contains(k)));
            if self.selected.with_untracked(Vec::is_empty) {
                self.justification.set(String::new());
            }
            self.results.set(results);
            self.deciding.set(false);
            self.reload();
        });
    }
}
