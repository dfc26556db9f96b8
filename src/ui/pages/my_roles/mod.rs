//! My roles: eligible and active items of every plane, selection, activation and its results.

mod activation_panel;
mod batch;
mod item_row;
mod last_known;
mod narrower_scope;
mod state;
mod toolbar;

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use activation_panel::ActivationPanel;
use item_row::ItemRow;
use state::MyRolesState;
use toolbar::Toolbar;

use crate::domain::list::{ListIndex, ListQuery};
use crate::ui::services::use_services;
use crate::ui::widgets::{EmptyState, PageHeader, ResultList};
use crate::ui::Page;

/// The User Timing mark set when the role list is first on screen.
const ROLES_PAINTED: &str = "pim:roles-painted";

/// The page users open many times a day: what can I activate, what is active, until when.
#[component]
pub fn MyRolesPage() -> impl IntoView {
    let Some(services) = use_services() else {
        return view! { <PageHeader page=Page::MyRoles /> }.into_any();
    };
    let state = MyRolesState::new(services);
    state.reload();
    // Countdowns and the five-minute deactivation rule follow the tenant's clock.
    let ticker = set_interval_with_handle(
        move || state.now.set(state.services.with_value(|s| s.now())),
        std::time::Duration::from_secs(1),
    );
    on_cleanup(move || {
        if let Ok(t) = ticker {
            t.clear();
        }
    });

    // scripts/bench times navigation start -> this mark (the list first on screen).
    Effect::new(move |_| {
        if state.loaded.get() && !state.items.with(Vec::is_empty) {
            crate::platform::perf::mark_painted_once(ROLES_PAINTED);
        }
    });

    let location = use_location();
    let query = Memo::new(move |_| ListQuery::from_query(location.search.get().trim_start_matches('?')));
    // Search keys are precomputed once per load, not per keystroke.
    let index = Memo::new_with_compare(move |_| state.items.with(|items| ListIndex::new(items)), |_, _| true);
    // Memos, so that a reload that changes rows (not their emptiness) keeps the list in place.
    let empty = Memo::new(move |_| state.items.with(Vec::is_empty));
    let visible = Memo::new(move |_| {
        let q = query.get();
        state.items.with(|items| index.with(|ix| ix.view(items, &q)))
    });

    view! {
        <PageHeader page=Page::MyRoles />
        <Toolbar query refreshing=state.refreshing on_refresh=Callback::new(move |_| state.reload()) />
        {move || {
            state.load_errors.get().into_iter().map(|e| view! { <p class="app-alert" role="alert">{e}</p> }).collect_view()
        }}
        {move || state.stale.get().map(|label| view! { <p class="app-muted app-stale" role="status" data-testid="last-known">{label}</p> })}
        <ResultList results=state.results />
        {move || {
            if !state.loaded.get() {
                view! { <p class="app-muted" data-testid="loading">"Loading your roles…"</p> }.into_any()
            } else if empty.get() {
                view! {
                    <EmptyState title="No eligible roles">
                        <p>"You have no eligible or active roles, groups or Azure roles in this tenant. An administrator makes you eligible in Privileged Identity Management."</p>
                    </EmptyState>
                }
                .into_any()
            } else {
                view! {
                    <ul class="app-items" data-testid="role-list">
                        // Keyed rows: a keystroke in the search box moves, adds and drops rows
                        // instead of rebuilding the list; a row whose state changed is rebuilt.
                        <For
                            each=move || {
                                state.items.with(|items| {
                                    visible.get().into_iter().filter_map(|i| items.get(i).cloned()).collect::<Vec<_>>()
                                })
                            }
                            key=|item| format!("{}|{:?}", item.key, item.state)
                            children=move |item| view! { <ItemRow item state /> }
                        />
                    </ul>
                }
                .into_any()
            }
        }}
        <ActivationPanel state />
    }
    .into_any()
}
