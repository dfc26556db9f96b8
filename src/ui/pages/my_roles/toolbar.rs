//! Search and plane filters, kept in the URL so a bookmark reopens the same view.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::domain::item::ScopeKind;
use crate::domain::item_key::Plane;
use crate::domain::list::{ListQuery, SortKey, StateFilter};

const PLANES: [(Plane, &str); 3] =
    [(Plane::EntraRole, "Entra roles"), (Plane::Group, "Groups"), (Plane::Azure, "Azure")];

/// The list's controls.
#[component]
pub fn Toolbar(
    query: Memo<ListQuery>,
    refreshing: RwSignal<bool>,
    on_refresh: Callback<()>,
) -> impl IntoView {
    let navigate = use_navigate();
    let apply = move |q: ListQuery| {
        let qs = q.to_query();
        let href = if qs.is_empty() { "/".to_owned() } else { format!("/?{qs}") };
        navigate(&href, NavigateOptions { replace: true, scroll: false, ..Default::default() });
    };
    let apply_search = apply.clone();
    view! {
        <div class="app-toolbar">
            <input
                class="app-search"
                type="search"
                placeholder="Search roles, groups, scopes"
                aria-label="Search"
                prop:value=move || query.get().search
                on:input=move |ev| {
                    let mut q = query.get_untracked();
                    q.search = event_target_value(&ev);
                    apply_search(q);
                }
            />
            <div class="app-chips" role="group" aria-label="Show">
                {PLANES
                    .into_iter()
                    .map(|(plane, label)| {
                        let apply = apply.clone();
                        let on = move || query.get().planes.contains(&plane);
                        view! {
                            <button
                                type="button"
                                class="app-chip"
                                aria-pressed=move || on().to_string()
                                on:click=move |_| {
                                    let mut q = query.get_untracked();
                                    match q.planes.iter().position(|p| *p == plane) {
                                        Some(i) => {
                                            q.planes.remove(i);
                                        }
                                        None => q.planes.push(plane),
                                    }
                                    apply(q);
                                }
                            >
                                {label}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <div class="app-field-row app-view-choices">
                <label class="app-field">
                    <span>"Show"</span>
                    <select
                        data-testid="state-filter"
                        prop:value=move || query.with(|q| q.states.first().map(|s| s.token()).unwrap_or_default())
                        on:change={
                            let apply = apply.clone();
                            move |ev| {
                                let mut q = query.get_untracked();
                                q.states = StateFilter::parse(&event_target_value(&ev)).into_iter().collect();
                                apply(q);
                            }
                        }
                    >
                        <option value="">"Everything"</option>
                        {StateFilter::ALL
                            .into_iter()
                            .map(|f| view! { <option value=f.token()>{f.label()}</option> })
                            .collect_view()}
                    </select>
                </label>
                <label class="app-field">
                    <span>"Scope"</span>
                    <select
                        data-testid="scope-filter"
                        prop:value=move || query.with(|q| q.scopes.first().map(|s| s.token()).unwrap_or_default())
                        on:change={
                            let apply = apply.clone();
                            move |ev| {
                                let mut q = query.get_untracked();
                                q.scopes = ScopeKind::from_token(&event_target_value(&ev)).into_iter().collect();
                                apply(q);
                            }
                        }
                    >
                        <option value="">"Any scope"</option>
                        {ScopeKind::ALL
                            .into_iter()
                            .map(|k| view! { <option value=k.token()>{k.label()}</option> })
                            .collect_view()}
                    </select>
                </label>
                <label class="app-field">
                    <span>"Sort"</span>
                    <select
                        data-testid="sort"
                        prop:value=move || query.with(|q| q.sort.token())
                        on:change={
                            let apply = apply.clone();
                            move |ev| {
                                let mut q = query.get_untracked();
                                q.sort = SortKey::parse(&event_target_value(&ev)).unwrap_or_default();
                                apply(q);
                            }
                        }
                    >
                        {SortKey::ALL
                            .into_iter()
                            .map(|k| view! { <option value=k.token()>{k.label()}</option> })
                            .collect_view()}
                    </select>
                </label>
            </div>
            <button type="button" class="app-button app-button--quiet" data-testid="refresh" on:click=move |_| on_refresh.run(())>
                {move || if refreshing.get() { "Refreshing…" } else { "Refresh" }}
            </button>
        </div>
    }
}
