//! One request in "My requests": what was asked, where, for how long, and where it stands.

use leptos::prelude::*;

use super::state::MyRequestsState;
use crate::domain::format::utc_stamp;
use crate::graph::requests::RequestRow;

/// A request with its details and, while it waits, a Cancel button.
#[component]
pub fn RequestItem(row: RequestRow, state: MyRequestsState) -> impl IntoView {
    let key = row.reference.key();
    let cancellable = row.cancellable(state.now.get_untracked());
    let outcome = row.outcome();
    let pending = row.is_pending();
    let meta = format!(
        "{} · {} · {}: {}",
        row.action_label(),
        row.reference.plane().label(),
        row.scope.kind.label(),
        row.scope.name
    );
    let when = [
        row.duration_label().map(|d| format!("For {d}, starting {}", row.start_label())),
        row.created.map(|c| format!("Requested {}", utc_stamp(c))),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    let justification = row.justification.clone().filter(|j| !j.trim().is_empty());
    let ticket = row.ticket.clone();
    let busy = {
        let key = key.clone();
        move || state.canceling.with(|c| c.contains(&key))
    };
    let for_cancel = row.clone();
    view! {
        <li class="app-item" class:app-item--pending=pending data-testid="request-item" data-key=key>
            <div class="app-item__body">
                <div class="app-item__title">{row.role.clone()}</div>
                <div class="app-item__meta">{meta}</div>
                <div class="app-item__status" data-testid="request-status">
                    <span>{outcome.reason}</span>
                    {(!outcome.next_step.is_empty()).then(|| view! { " " <span class="app-muted">{outcome.next_step}</span> })}
                </div>
                <div class="app-item__meta">{when}</div>
                {justification.map(|j| view! { <div class="app-item__meta">"Justification: " {j}</div> })}
                {ticket.map(|t| view! { <div class="app-item__meta">"Ticket: " {t}</div> })}
            </div>
            {cancellable
                .then(|| {
                    let label_busy = busy.clone();
                    view! {
                        <button
                            type="button"
                            class="app-button app-button--quiet"
                            data-testid="cancel-request"
                            disabled=busy.clone()
                            on:click=move |_| state.cancel(for_cancel.clone())
                        >
                            {move || if label_busy() { "Canceling…" } else { "Cancel" }}
                        </button>
                    }
                })}
        </li>
    }
}
