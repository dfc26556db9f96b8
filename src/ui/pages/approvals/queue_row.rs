//! One request waiting for my decision: who asks for what, where, when, for how long and why,
//! and how long is left before it expires.

use leptos::prelude::*;

use super::state::ApprovalsState;
use crate::domain::format::utc_stamp;
use crate::graph::requests::RequestRow;

/// A selectable request (my own ones are shown but cannot be selected, with the reason).
#[component]
pub fn QueueItem(row: RequestRow, state: ApprovalsState) -> impl IntoView {
    let key = row.reference.key();
    let mine = state.is_mine(&row);
    let checked = {
        let key = key.clone();
        move || state.selected.with(|s| s.contains(&key))
    };
    let requester = row.requester.clone().unwrap_or_else(|| "Someone".into());
    let meta = format!("{} · {}: {}", row.reference.plane().label(), row.scope.kind.label(), row.scope.name);
    let when = format!(
        "{}, starting {}",
        row.duration_label().map(|d| format!("For {d}")).unwrap_or_else(|| "Duration not given".into()),
        row.start_label()
    );
    let asked = row.created.map(|c| format!("Asked {}", utc_stamp(c)));
    let justification = row.justification.clone().filter(|j| !j.trim().is_empty());
    let ticket = row.ticket.clone();
    let needs_reason = row.rules.is_some_and(|r| r.justification_required);
    let left = {
        let row = row.clone();
        move || row.time_left(state.now.get())
    };
    let toggle_key = key.clone();
    let label = format!("Select {} for {requester}", row.role);
    view! {
        <li class="app-item" data-testid="approval-item" data-key=key>
            {(!mine)
                .then(|| {
                    view! {
                        <input
                            class="app-item__check"
                            type="checkbox"
                            aria-label=label
                            prop:checked=checked
                            on:change=move |_| state.toggle(&toggle_key)
                        />
                    }
                })}
            <div class="app-item__body">
                <div class="app-item__title">{row.role.clone()}</div>
                <div class="app-item__meta">
                    <strong data-testid="requester">{requester}</strong>
                    " · "
                    {meta}
                </div>
                <div class="app-item__meta">{when}</div>
                {justification.map(|j| view! { <div class="app-item__meta">"Justification: " {j}</div> })}
                {ticket.map(|t| view! { <div class="app-item__meta">"Ticket: " {t}</div> })}
                <div class="app-item__status">
                    {left}
                    {asked.map(|a| view! { " · " <span class="app-muted">{a}</span> })}
                </div>
                <ul class="app-badges">
                    {needs_reason.then(|| view! { <li class="app-badge-req" title="This role's settings ask approvers to say why">"Your justification required"</li> })}
                </ul>
                {mine.then(|| view! { <p class="app-muted">"This is your own request: another approver has to decide it."</p> })}
            </div>
        </li>
    }
}
