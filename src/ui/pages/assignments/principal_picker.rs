//! The people and group search behind Add: users and groups whose name starts with the text.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::search_field::SearchField;
use super::state::AssignmentsState;
use crate::domain::assignments::Principal;
use crate::graph::assignments::principals_from_search;
use crate::graph::client::PickerQuery;

/// A search box, its matches, and the chosen principal.
#[component]
pub fn PrincipalPicker(state: AssignmentsState, chosen: RwSignal<Option<Principal>>) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let found = RwSignal::new(Vec::<Principal>::new());
    let note = RwSignal::new(None::<String>);
    let search = move || {
        let t = text.get_untracked().trim().to_owned();
        if t.is_empty() {
            return;
        }
        let services = state.services.get_value();
        spawn_local(async move {
            let client = &services.client;
            let (users, groups) = futures::join!(
                client.search_users(&t, PickerQuery::StartsWith),
                client.search_groups(&t, PickerQuery::StartsWith)
            );
            match (users, groups) {
                (Ok(users), Ok(groups)) => {
                    let list = principals_from_search(users, groups);
                    note.set(list.is_empty().then(|| format!("No user or group starts with \"{t}\".")));
                    found.set(list);
                }
                (Err(e), _) | (_, Err(e)) => note.set(Some(format!("{} {}", e.explain(), e.next_step()))),
            }
        });
    };
    view! {
        {move || match chosen.get() {
            Some(p) => view! {
                <p class="app-assign-chosen" data-testid="chosen-principal">
                    <strong>{p.name.clone()}</strong>
                    {format!(" ({}{})", p.kind.label(), p.upn.clone().map(|u| format!(", {u}")).unwrap_or_default())}
                    " "
                    <button type="button" class="app-link-button" on:click=move |_| chosen.set(None)>"Change"</button>
                </p>
            }
            .into_any(),
            None => view! {
                <div class="app-field-row">
                    <SearchField label="User or group (name starts with)" testid="principal-search" text on_search=Callback::new(move |()| search()) />
                    <button type="button" class="app-button" data-testid="principal-find" on:click=move |_| search()>"Find"</button>
                </div>
                {move || note.get().map(|n| view! { <p class="app-muted">{n}</p> })}
                <ul class="app-assign-choices">
                    {move || {
                        found
                            .get()
                            .into_iter()
                            .map(|p| {
                                let label = format!("{} ({})", p.name, p.upn.clone().unwrap_or_else(|| p.kind.label().into()));
                                view! {
                                    <li>
                                        <button
                                            type="button"
                                            class="app-button app-button--quiet"
                                            data-testid="principal-option"
                                            on:click=move |_| chosen.set(Some(p.clone()))
                                        >
                                            {label}
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            }
            .into_any(),
        }}
    }
}
