//! My requests: what I asked for on every plane — pending ones with Cancel, past ones with their
//! outcome (a denial shows the approver's words) — newest first.

mod request_row;
mod state;

use leptos::prelude::*;

use request_row::RequestItem;
use state::MyRequestsState;

use crate::ui::services::use_services;
use crate::ui::widgets::{EmptyState, PageHeader, ResultList};
use crate::ui::Page;

/// The page: pending requests first, then the history.
#[component]
pub fn MyRequestsPage() -> impl IntoView {
    let Some(services) = use_services() else {
        return view! { <PageHeader page=Page::MyRequests /> }.into_any();
    };
    let state = MyRequestsState::new(services);
    state.reload();
    let pending = Memo::new(move |_| {
        state.rows.with(|r| r.iter().filter(|x| x.is_pending()).cloned().collect::<Vec<_>>())
    });
    let past = Memo::new(move |_| {
        state.rows.with(|r| r.iter().filter(|x| !x.is_pending()).cloned().collect::<Vec<_>>())
    });

    view! {
        <PageHeader page=Page::MyRequests />
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
                view! { <p class="app-muted" data-testid="loading">"Loading your requests…"</p> }.into_any()
            } else if state.rows.with(Vec::is_empty) {
                view! {
                    <EmptyState title="No requests">
                        <p>"You have not asked for any role yet. Activate one from My roles; requests that need approval wait here."</p>
                    </EmptyState>
                }
                .into_any()
            } else {
                view! {
                    <section class="app-requests" aria-label="Pending">
                        <h2 class="app-section-title">"Pending"</h2>
                        {move || {
                            let rows = pending.get();
                            if rows.is_empty() {
                                view! { <p class="app-muted">"Nothing is waiting for approval."</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="app-items" data-testid="pending-requests">
                                        {rows.into_iter().map(|row| view! { <RequestItem row state /> }).collect_view()}
                                    </ul>
                                }
                                .into_any()
                            }
                        }}
                    </section>
                    <section class="app-requests" aria-label="History">
                        <h2 class="app-section-title">"History"</h2>
                        <ul class="app-items" data-testid="past-requests">
                            {move || past.get().into_iter().map(|row| view! { <RequestItem row state /> }).collect_view()}
                        </ul>
                    </section>
                }
                .into_any()
            }
        }}
    }
    .into_any()
}
