//! The state of "My requests" and its operations: load every plane's requests, cancel one.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::error_kind::Explanation;
use crate::graph::adapt::error_kind;
use crate::graph::requests::{cancel, my_requests, RequestRow};
use crate::ui::services::Services;
use crate::ui::widgets::ResultLine;

/// Everything the page shows, as signals.
#[derive(Clone, Copy)]
pub struct MyRequestsState {
    pub services: StoredValue<Services, LocalStorage>,
    pub rows: RwSignal<Vec<RequestRow>>,
    pub loaded: RwSignal<bool>,
    pub refreshing: RwSignal<bool>,
    /// Plain sentences for lists that could not be read.
    pub load_errors: RwSignal<Vec<String>>,
    /// The request keys being canceled right now.
    pub canceling: RwSignal<Vec<String>>,
    pub results: RwSignal<Vec<ResultLine>>,
    pub now: RwSignal<chrono::DateTime<chrono::Utc>>,
}

impl MyRequestsState {
    pub fn new(services: Services) -> Self {
        let now = services.now();
        MyRequestsState {
            services: StoredValue::new_local(services),
            rows: RwSignal::new(Vec::new()),
            loaded: RwSignal::new(false),
            refreshing: RwSignal::new(false),
            load_errors: RwSignal::new(Vec::new()),
            canceling: RwSignal::new(Vec::new()),
            results: RwSignal::new(Vec::new()),
            now: RwSignal::new(now),
        }
    }

    /// Reads my requests on every plane (the lists that fail are named, the others show).
    pub fn reload(self) {
        let services = self.services.get_value();
        if services.me().is_none() {
            return;
        }
        self.refreshing.set(true);
        spawn_local(async move {
            let (rows, errors) = my_requests(&services.client).await;
            self.load_errors
                .set(errors.iter().map(|e| format!("{} {}", e.explain(), e.next_step())).collect());
            self.rows.set(rows);
            self.now.set(services.now());
            self.loaded.set(true);
            self.refreshing.set(false);
        });
    }

    /// Cancels a pending request and says what happened.
    pub fn cancel(self, row: RequestRow) {
        let services = self.services.get_value();
        let key = row.reference.key();
        self.canceling.update(|c| c.push(key.clone()));
        spawn_local(async move {
            let answer = cancel(&services.client, &row.reference).await;
            let result = match answer {
                Ok(()) => ResultLine {
                    name: row.role.clone(),
                    ok: true,
                    text: Explanation {
                        reason: "Canceled; nothing was granted.".into(),
                        next_step: "Approvers no longer see it.".into(),
                    },
                },
                Err(e) => ResultLine { name: row.role.clone(), ok: false, text: error_kind(&e).explain() },
            };
            self.results.set(vec![result]);
            self.canceling.update(|c| c.retain(|k| k != &key));
            self.reload();
        });
    }
}
