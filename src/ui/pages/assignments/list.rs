//! The chosen role's or group's assignments: search, filters, and one row each.

use leptos::prelude::*;

use super::assignment_row::AssignmentItem;
use super::state::AssignmentsState;
use crate::domain::assignments::{DurationFilter, LevelFilter};
use crate::ui::widgets::EmptyState;

const LEVELS: [(LevelFilter, &str); 3] =
    [(LevelFilter::All, "All"), (LevelFilter::Eligible, "Eligible"), (LevelFilter::Active, "Active")];
const DURATIONS: [(DurationFilter, &str); 3] = [
    (DurationFilter::All, "Any end"),
    (DurationFilter::Permanent, "Permanent"),
    (DurationFilter::TimeBound, "Time-bound"),
];

/// Search, filters and the rows.
#[component]
pub fn AssignmentList(state: AssignmentsState) -> impl IntoView {
    let q = state.query;
    let shown = Memo::new(move |_| state.rows.with(|rows| q.with(|q| q.apply(rows))));
    let title = move || state.chosen.get().map(|c| c.name).unwrap_or_default();
    view! {
        <section aria-label="Assignments" data-testid="assignments">
            <h2 class="app-section-title" data-testid="assignments-title">{title}</h2>
            <div class="app-toolbar">
                <input
                    class="app-search"
                    type="search"
                    data-testid="assignment-search"
                    placeholder="Search name, UPN or id"
                    aria-label="Search assignments"
                    prop:value=move || q.get().text
                    on:input=move |ev| q.update(|q| q.text = event_target_value(&ev))
                />
                <div class="app-chips" role="group" aria-label="Eligible or active">
                    {LEVELS
                        .into_iter()
                        .map(|(level, label)| {
                            view! {
                                <button
                                    type="button"
                                    class="app-chip"
                                    aria-pressed=move || (q.get().level == level).to_string()
                                    on:click=move |_| q.update(|q| q.level = level)
                                >
                                    {label}
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
                <div class="app-chips" role="group" aria-label="Permanent or time-bound">
                    {DURATIONS
                        .into_iter()
                        .map(|(d, label)| {
                            view! {
                                <button
                                    type="button"
                                    class="app-chip"
                                    aria-pressed=move || (q.get().duration == d).to_string()
                                    on:click=move |_| q.update(|q| q.duration = d)
                                >
                                    {label}
                                </button>
                            }
                        })
                        .collect_view()}
                    <button
                        type="button"
                        class="app-chip"
                        aria-pressed=move || q.get().direct_only.to_string()
                        on:click=move |_| q.update(|q| q.direct_only = !q.direct_only)
                    >
                        "Direct only"
                    </button>
                </div>
            </div>
            {move || {
                if !state.loaded.get() {
                    return view! { <p class="app-muted" data-testid="loading">"Loading assignments…"</p> }.into_any();
                }
                let total = state.rows.with(Vec::len);
                let rows = shown.get();
                if rows.is_empty() {
                    let text = if total == 0 { "Nobody is eligible or active." } else { "No assignment matches the search and filters." };
                    return view! {
                        <EmptyState title="No assignments">
                            <p>{text}</p>
                        </EmptyState>
                    }
                    .into_any();
                }
                view! {
                    <p class="app-muted" data-testid="assignment-count">{format!("{} of {total} shown", rows.len())}</p>
                    <ul class="app-items" data-testid="assignment-list">
                        {rows.into_iter().map(|row| view! { <AssignmentItem row state /> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}
