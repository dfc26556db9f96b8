//! Search and plane filters, kept in the URL so a bookmark reopens the same view.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::domain::item::ScopeKind;
use crate::domain::item_key::Plane;
use crate::domain::list::{ListQuery, SortKey, StateFilter};

const PLANES: [(Plane, &str); 3] =
    [(Plane::EntraRole, "Entra roles"), (Plane::Group, "Groups"), (Plane::Azure, "Azure")];

/// How long the search box waits for the next key before writing the search to the address.
const URL_AFTER: Duration = Duration::from_millis(400);

/// The list's controls.
#[component]
pub fn Toolbar(
    query: Memo<ListQuery>,
    /// The search text typed but not yet in the address: the list follows it at once.
    typed: RwSignal<Option<String>>,
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
    let pending = StoredValue::new(None::<TimeoutHandle>);
    view! {
        <div class="app-toolbar">
            <input
                class="app-search"
                type="search"
                placeholder="Search roles, groups, scopes"
                aria-label="Search"
                prop:value=move || query.get().search
                on:input=move |ev| {
                    // The list updates with this key; the address (a bookmark of the view) once
                    // typing pauses: writing it and the router's answer cost a frame at 4x CPU.
                    typed.set(Some(event_target_value(&ev)));
                    if let Some(earlier) = pending.get_value() {
                        earlier.clear();
                    }
                    let apply = apply_search.clone();
                    let write = move || apply(query.get_untracked());
                    pending.set_value(set_timeout_with_handle(write, URL_AFTER).ok());
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
                <ViewChoice
                    label="Show"
                    testid="state-filter"
                    choices=std::iter::once(("", "Everything"))
                        .chain(StateFilter::ALL.into_iter().map(|f| (f.token(), f.label())))
                        .collect()
                    current=Signal::derive(move || query.with(|q| q.states.first().map(|s| s.token()).unwrap_or_default()))
                    on_pick=Callback::new({
                        let apply = apply.clone();
                        move |v: String| {
                            let mut q = query.get_untracked();
                            q.states = StateFilter::parse(&v).into_iter().collect();
                            apply(q);
                        }
                    })
                />
                <ViewChoice
                    label="Scope"
                    testid="scope-filter"
                    choices=std::iter::once(("", "Any scope"))
                        .chain(ScopeKind::ALL.into_iter().map(|k| (k.token(), k.label())))
                        .collect()
                    current=Signal::derive(move || query.with(|q| q.scopes.first().map(|s| s.token()).unwrap_or_default()))
                    on_pick=Callback::new({
                        let apply = apply.clone();
                        move |v: String| {
                            let mut q = query.get_untracked();
                            q.scopes = ScopeKind::from_token(&v).into_iter().collect();
                            apply(q);
                        }
                    })
                />
                <ViewChoice
                    label="Sort"
                    testid="sort"
                    choices=SortKey::ALL.into_iter().map(|k| (k.token(), k.label())).collect()
                    current=Signal::derive(move || query.with(|q| q.sort.token()))
                    on_pick=Callback::new({
                        let apply = apply.clone();
                        move |v: String| {
                            let mut q = query.get_untracked();
                            q.sort = SortKey::parse(&v).unwrap_or_default();
                            apply(q);
                        }
                    })
                />
            </div>
            <button type="button" class="app-button app-button--quiet" data-testid="refresh" on:click=move |_| on_refresh.run(())>
                {move || if refreshing.get() { "Refreshing…" } else { "Refresh" }}
            </button>
        </div>
    }
}

/// One labelled choice of the view (state, scope, sort): a select whose value lives in the URL.
#[component]
fn ViewChoice(
    label: &'static str,
    testid: &'static str,
    /// (URL token, words); the empty token means "all".
    choices: Vec<(&'static str, &'static str)>,
    current: Signal<&'static str>,
    on_pick: Callback<String>,
) -> impl IntoView {
    view! {
        <label class="app-field">
            <span>{label}</span>
            <select data-testid=testid prop:value=move || current.get() on:change=move |ev| on_pick.run(event_target_value(&ev))>
                {choices.into_iter().map(|(value, words)| view! { <option value=value>{words}</option> }).collect_view()}
            </select>
        </label>
    }
}
