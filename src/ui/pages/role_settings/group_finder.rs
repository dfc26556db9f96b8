//! PIM groups by name: Graph cannot list the groups PIM manages, so the administrator names one
//! and its membership and ownership settings join the list.

use leptos::prelude::*;

use super::state::SettingsState;
use crate::domain::ids::GroupId;
use crate::domain::policy::Approver;
use crate::ui::widgets::FindBox;

/// A search box for groups and a button per match.
#[component]
pub fn GroupFinder(state: SettingsState) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let found = RwSignal::new(Vec::<Approver>::new());
    let note = RwSignal::new(None::<String>);
    let find = move || state.find_in_directory(query, false, found, note);
    view! {
        <details class="app-rules__more" data-testid="group-finder">
            <summary>"Add a PIM group's settings"</summary>
            <FindBox query placeholder="Group name" label="Find a group" testid="group" on_find=Callback::new(move |_| find()) />
            {move || note.get().map(|n| view! { <p class="app-muted">{n}</p> })}
            <ul class="app-chips">
                {move || {
                    found
                        .get()
                        .into_iter()
                        .map(|g| {
                            let label = format!("Show {}", g.label());
                            let (id, name) = (g.id.clone(), g.label().to_owned());
                            view! {
                                <li>
                                    <button
                                        type="button"
                                        class="app-button app-button--quiet"
                                        on:click=move |_| {
                                            state.add_group(GroupId::new(id.clone()), name.clone());
                                            found.set(Vec::new());
                                            query.set(String::new());
                                        }
                                    >
                                        {label}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <p class="app-muted">"A group not managed by PIM has no settings to show."</p>
        </details>
    }
}
