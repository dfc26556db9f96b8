//! The chosen role's or group's assignments: search, filters, and one row each.

use leptos::prelude::*;

use super::assignment_row::{row_action, AssignmentItem};
use super::state::AssignmentsState;
use crate::domain::assignments::{AssignmentIndex, AssignmentQuery, DurationFilter, LevelFilter};
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

/// The rows that pass the search and filters, in the list's order, and what they answer.
#[derive(Clone, Debug, Default)]
struct Shown {
    /// The load whose index they come from.
    load: u32,
    query: AssignmentQuery,
    order: Vec<usize>,
}

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
    // The matches in order, with the search they answer: a key that narrows the search scans only
    // the last answer. Subscribers hear of it only when the matches change.
    let shown = Memo::new_with_compare(
        move |before: Option<&Shown>| {
            index.with(|(load, ix)| {
                let before = before.filter(|b| b.load == *load).map(|b| (&b.query, b.order.as_slice()));
                let order = state.rows.with(|rows| q.with(|q| ix.view_after(rows, q, before)));
                Shown { load: *load, query: q.get(), order }
            })
        },
        |a, b| a.map(|s| (s.load, &s.order)) != b.map(|s| (s.load, &s.order)),
    );
    // The first 50 matches are rendered, more on request.
    let reveal = reveal_per(move || q.track());
    let matches = Signal::derive(move || shown.with(|s| s.order.len()));
    let all = Signal::derive(move || state.rows.with(Vec::len));
    // Memos, so that a keystroke that keeps some rows leaves the list (and its keyed rows) in place.
    let none_shown = Memo::new(move |_| shown.with(|s| s.order.is_empty()));
    let none_at_all = Memo::new(move |_| state.rows.with(Vec::is_empty));
    Effect::new(move |_| {
        if state.loaded.get() && !state.rows.with(Vec::is_empty) {
            crate::platform::perf::mark_painted_once(ASSIGNMENTS_PAINTED);
        }
    });
    let title = move || state.chosen.get().map(|c| c.name).unwrap_or_default();
    // The chips follow their own part of the query, not each key typed in the search box.
    let level_now = Memo::new(move |_| q.with(|q| q.level));
    let duration_now = Memo::new(move |_| q.with(|q| q.duration));
    let direct_now = Memo::new(move |_| q.with(|q| q.direct_only));
    // Whether rows offer their buttons; a change renders the rows again (it is part of their key).
    let can_change = Memo::new(move |_| state.may_change());
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
                    prop:value=move || q.with(|q| q.text.clone())
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
                                    aria-pressed=move || (level_now.get() == level).to_string()
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
                                    aria-pressed=move || (duration_now.get() == d).to_string()
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
                        aria-pressed=move || direct_now.get().to_string()
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
                    // One listener for every row's buttons (assignment_row::row_action).
                    <ul
                        class="app-items app-assign-list"
                        data-testid="assignment-list"
                        on:click=move |ev| {
                            let Some((action, value)) = crate::platform::dom::clicked_button(&ev) else { return };
                            let row = value.parse::<usize>().ok().and_then(|i| state.rows.with_untracked(|rows| rows.get(i).cloned()));
                            if let Some(row) = row {
                                row_action(state, &action, &row);
                            }
                        }
                    >
                        // Keyed rows: a keystroke moves, adds and drops rows instead of rebuilding them.
                        // A row is read (cloned) only when it is created, not on each key.
                        <For
                            each=move || {
                                let (reveal, can_change) = (reveal.get(), can_change.get());
                                shown.with(|s| {
                                    s.order[..reveal.rendered(s.order.len())]
                                        .iter()
                                        .map(|&i| (s.load, can_change, i))
                                        .collect::<Vec<_>>()
                                })
                            }
                            key=|key| *key
                            children=move |(_, can_change, i)| {
                                state
                                    .rows
                                    .with_untracked(|rows| rows.get(i).cloned())
                                    .map(|row| view! { <AssignmentItem row index=i can_change state /> })
                            }
                        />
                    </ul>
                    <ShowMore reveal matches testid="assignment-more" />
                }
                .into_any()
            }}
        </section>
    }
}
