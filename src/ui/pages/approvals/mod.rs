//! Approvals: the requests waiting for my decision across Entra roles, PIM groups and Azure
//! roles; approve or deny one or several, with a justification when the role asks for one.

mod decision_panel;
mod queue_row;
mod state;

use leptos::prelude::*;

use decision_panel::DecisionPanel;
use queue_row::QueueItem;
use state::ApprovalsState;

use crate::ui::services::use_services;
use crate::ui::widgets::{EmptyState, PageHeader, ResultList};
use crate::ui::Page;

/// The approver's queue, its results and the decision panel.
#[component]
pub fn ApprovalsPage() -> impl IntoView {
    let Some(services) = use_services() else {
        return view! { <PageHeader page=Page::Approvals /> }.into_any();
    };
    let state = ApprovalsState::new(services);
    state.reload();
    // "Time left" follows the tenant's clock.
    let ticker = set_interval_with_handle(
        move || state.now.set(state.services.with_value(|s| s.now())),
        std::time::Duration::from_secs(30),
    );
    on_cleanup(move || {
        if let Ok(t) = ticker {
            t.clear();
        }
    });

    view! {
        <PageHeader page=Page::Approvals />
        <div class="app-toolbar">
            <button type="button" class="app-button app-button--quiet" data-testid="refresh" on:click=move |_| state.reload()>
                {move || if state.refreshing.get() { "Refreshing…" } else { "Refresh" }}
            </button>
        </div>
        {move || {
            state.load_errors.get().into_iter().map(|e| view! { <p class="app-alert" role="alert">{e}</p> }).collect_view()
        }}
        <ResultList results=state.results />
        {move || {
            if !state.loaded.get() {
                view! { <p class="app-muted" data-testid="loading">"Loading requests waiting for you…"</p> }.into_any()
            } else if state.rows.with(Vec::is_empty) {
                view! {
                    <EmptyState title="Nothing to approve">
                        <p>"No request is waiting for your decision. Requests for roles you approve appear here."</p>
                    </EmptyState>
                }
                .into_any()
            } else {
                view! {
                    <ul class="app-items" data-testid="approval-queue">
                        {move || state.rows.get().into_iter().map(|row| view! { <QueueItem row state /> }).collect_view()}
                    </ul>
                }
                .into_any()
            }
        }}
        <DecisionPanel state />
    }
    .into_any()
}
