//! My roles: eligible and active items of every plane, selection, activation and its results.

pub(crate) mod activation_panel;
mod batch;
pub(crate) mod clock;
mod favourites;
pub(crate) mod form_extras;
mod item_row;
mod last_known;
mod narrower_scope;
pub(crate) mod problems;
mod reminders;
mod renewals;
pub(crate) mod selection_tools;
mod sets_bar;
pub(crate) mod state;
mod stored;
mod toolbar;

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use activation_panel::ActivationPanel;
use item_row::ItemRow;
use problems::{LoadProblems, OfflineBanner};
use reminders::EndingBanner;
use selection_tools::SelectionTools;
use sets_bar::SetsBar;
use state::MyRolesState;
use toolbar::Toolbar;

use crate::domain::list::{ListIndex, ListQuery};
use crate::domain::reveal::Noun;
use crate::ui::services::use_services;
use crate::ui::widgets::{reveal_per, EmptyState, MatchCount, PageHeader, ResultList, ShowMore};
use crate::ui::Page;

/// The User Timing mark set when the role list is first on screen.
const ROLES_PAINTED: &str = "pim:roles-painted";

const ROLES: Noun = Noun { one: "role", many: "roles" };

/// The page users open many times a day: what can I activate, what is active, until when.
#[component]
pub fn MyRolesPage() -> impl IntoView {
    let Some(services) = use_services() else {
        return view! { <PageHeader page=Page::MyRoles /> }.into_any();
    };
    let state = MyRolesState::new(services);
    let warm = state.loaded.get_untracked();
    if !warm {
        state.reload();
    }
    // A long list reads its first policies at load; a selected item's is read when selected.
    Effect::new(move |_| state.read_selected_policies());
    form_extras::remember_on_submit(state);
    // Countdowns and the five-minute deactivation rule follow the tenant's clock.
    clock::tick(state);

    // scripts/bench times navigation start -> this mark (the list first on screen).
    Effect::new(move |_| {
        if state.loaded.get() && !state.items.with(Vec::is_empty) {
            crate::platform::perf::mark_painted_once(ROLES_PAINTED);
        }
    });
    if warm {
        // Last-known rows are shown at once; the refresh is sent once they are on screen, so
        // building its requests does not hold up that frame. (Effects run in the order they are
        // made: this one's task comes after the mark's.)
        Effect::new(move |_| crate::platform::perf::after_next_paint(move || state.reload()));
    }

    let location = use_location();
    let from_url = Memo::new(move |_| ListQuery::from_query(location.search.get().trim_start_matches('?')));
    // The search typed ahead of the address (the toolbar writes it there once typing pauses); a
    // new address (that write, or back and forward) ends it.
    let typed = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        from_url.track();
        typed.set(None);
    });
    let query = Memo::new(move |_| {
        let mut q = from_url.get();
        if let Some(text) = typed.get() {
            q.search = text;
        }
        q
    });
    // Search keys are precomputed once per load, not per keystroke.
    let index = Memo::new_with_compare(move |_| state.items.with(|items| ListIndex::new(items)), |_, _| true);
    // Memos, so that a reload that changes rows (not their emptiness) keeps the list in place.
    let empty = Memo::new(move |_| state.items.with(Vec::is_empty));
    let visible = Memo::new(move |_| {
        let q = query.get();
        state.items.with(|items| {
            let mut order = index.with(|ix| ix.view(items, &q));
            favourites::starred_first(state, items, &mut order);
            order
        })
    });
    // The first 50 matches are rendered, more on request: a keystroke costs what is on screen.
    let reveal = reveal_per(move || query.track());
    let matches = Signal::derive(move || visible.with(Vec::len));
    let all = Signal::derive(move || state.items.with(Vec::len));

    view! {
        <PageHeader page=Page::MyRoles />
        <Toolbar query typed refreshing=state.refreshing on_refresh=Callback::new(move |_| state.reload()) />
        <OfflineBanner />
        <LoadProblems state />
        {move || state.stale.get().map(|label| view! { <p class="app-muted app-stale" role="status" data-testid="last-known">{label}</p> })}
        <EndingBanner state />
        <ResultList results=state.results />
        <SetsBar state />
        {move || {
            if !state.loaded.get() {
                view! { <p class="app-muted" data-testid="loading">"Loading your roles…"</p> }.into_any()
            } else if empty.get() && !state.load_kinds.with(Vec::is_empty) {
                // Nothing could be read: the problem above says why; "no roles" would mislead.
                ().into_any()
            } else if empty.get() {
                view! {
                    <EmptyState title="No eligible roles">
                        <p>"You have no eligible or active roles, groups or Azure roles in this tenant. An administrator makes you eligible in Privileged Identity Management."</p>
                    </EmptyState>
                }
                .into_any()
            } else {
                view! {
                    <MatchCount reveal matches all noun=ROLES testid="role-count" />
                    // "true" while last-known rows are on screen and the fresh ones are being read.
                    <ul class="app-items" data-testid="role-list" data-refreshing=move || state.refreshing.get().to_string()>
                        // Keyed rows: a keystroke in the search box moves, adds and drops rows
                        // instead of rebuilding the list; a row whose state changed is rebuilt.
                        <For
                            each=move || {
                                let reveal = reveal.get();
                                state.items.with(|items| {
                                    visible.with(|order| {
                                        order[..reveal.rendered(order.len())]
                                            .iter()
                                            .filter_map(|&i| items.get(i).cloned())
                                            .collect::<Vec<_>>()
                                    })
                                })
                            }
                            key=|item| format!("{}|{:?}", item.key, item.state)
                            children=move |item| view! { <ItemRow item state /> }
                        />
                    </ul>
                    <ShowMore reveal matches testid="role-more" />
                }
                .into_any()
            }
        }}
        <ActivationPanel state />
        <SelectionTools state />
    }
    .into_any()
}
