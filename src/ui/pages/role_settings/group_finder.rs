//! PIM groups by name: Graph cannot list the groups PIM manages, so the administrator names one
//! and its membership and ownership settings join the list.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::state::SettingsState;
use crate::domain::ids::GroupId;
use crate::graph::client::PickerQuery;
use crate::ui::widgets::FindBox;

/// A search box for groups and a button per match.
#[component]
pub fn GroupFinder(state: SettingsState) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let found = RwSignal::new(Vec::<(String, String)>::new());
    let note = RwSignal::new(None::<String>);
    let find = move || {
        let text = query.get_untracked();
        if text.trim().is_empty() {
            return;
        }
        let services = state.services.get_value();
        spawn_local(async move {
            match services.client.search_groups(&text, PickerQuery::Search).await {
                Ok(groups) => {
                    let list: Vec<(String, String)> = groups
                        .into_iter()
                        .filter_map(|g| Some((g.id?, g.display_name.unwrap_or_default())))
                        .collect();
                    note.set(list.is_empty().then(|| format!("No group matches \"{text}\".")));
                    found.set(list);
                }
                Err(e) => note.set(Some(format!("{} {}", e.explain(), e.next_step()))),
            }
        });
    };
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
                        .map(|(id, name)| {
                            let label = format!("Show {name}");
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
