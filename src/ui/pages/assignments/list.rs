//! The chosen role's or group's assignments: search, filters, and one row each.

use leptos::prelude::*;

use super::assignment_row::AssignmentItem;
use super::state::AssignmentsState;
use crate::domain::assignments::{AssignmentIndex, DurationFilter, LevelFilter};
use crate::domain::reveal::Noun;
use crate::ui::widgets::{reveal_per, EmptyState, MatchCount, ShowMore};

/// The User Timing mark set when the list is first on screen (`scripts/bench`).
const ASSIGNMENTS_PAINTED: &str = "pim:assignments-painted";

const ASSIGNMENTS: Noun = Noun { one: "assignment", many: "assignments" };

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
    // Search texts and order once per load (with the load's number, so that a reload rebuilds
    // every row: a row's Remove rule depends on the others); a keystroke only scans them.
    let loads = StoredValue::new(0_u32);
    let index = Memo::new_with_compare(
        move |_| {
            let load = loads.try_update_value(|n| {
                *n += 1;
                *n
            });
            (load.unwrap_or_default(), state.rows.with(|rows| AssignmentIndex::new(rows)))
        },
        |_, _| true,
    );
    let shown =
        Memo::new(move |_| index.with(|(_, ix)| state.rows.with(|rows| q.with(|q| ix.view(rows, q)))));
    // The first 50 matches are rendered, more on request.
    let reveal = reveal_per(move || q.track());
    let matches = Signal::derive(move || shown.with(Vec::len));
    let all = Signal::derive(move || state.rows.with(Vec::len));
    // Memos, so that a keystroke that keeps some rows leaves the list (and its keyed rows) in place.
    let none_shown = Memo::new(move |_| shown.with(Vec::is_empty));
    let none_at_all = Memo::new(move |_| state.rows.with(Vec::is_empty));
    Effect::new(move |_| {
        if state.loaded.get() && !state.rows.with(Vec::is_empty) {
            crate::platform::perf::mark_painted_once(ASSIGNMENTS_PAINTED);
        }
    });
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
                if none_shown.get() {
                    let text = if none_at_all.get() { "Nobody is eligible or active." } else { "No assignment matches the search and filters." };
                    return view! {
                        <EmptyState title="No assignments">
                            <p>{text}</p>
                        </EmptyState>
                    }
                    .into_any();
                }
                view! {
                    <MatchCount reveal matches all noun=ASSIGNMENTS testid="assignment-count" />
                    <ul class="app-items" data-testid="assignment-list">
                        // Keyed rows: a keystroke moves, adds and drops rows instead of rebuilding them.
                        <For
                            each=move || {
                                let (load, reveal) = (index.with(|(load, _)| *load), reveal.get());
                                state.rows.with(|rows| {
                                    shown.with(|order| {
                                        order[..reveal.rendered(order.len())]
                                            .iter()
                                            .filter_map(|&i| Some((load, i, rows.get(i)?.clone())))
                                            .collect::<Vec<_>>()
                                    })
                                })
                            }
                            key=|(load, i, _)| (*load, *i)
                            children=move |(_, _, row)| view! { <AssignmentItem row state /> }
                        />
                    </ul>
                    <ShowMore reveal matches testid="assignment-more" />
                }
                .into_any()
            }}
        </section>
    }
}
