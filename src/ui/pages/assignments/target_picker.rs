//! Which assignments to show: a directory role from the list, a PIM group found by name (its
//! members or its owners), or an Azure role at a scope.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::azure_picker::AzurePicker;
use super::search_field::SearchField;
use super::state::{AssignmentsState, Chosen};
use crate::domain::ids::{AccessId, GroupId};
use crate::graph::client::PickerQuery;
use crate::graph::wire::Group;

/// The role select and the group search.
#[component]
pub fn TargetPicker(state: AssignmentsState) -> impl IntoView {
    let group_text = RwSignal::new(String::new());
    let groups = RwSignal::new(Vec::<Group>::new());
    let access = RwSignal::new(AccessId::Member);
    let search_error = RwSignal::new(None::<String>);
    let search = move || {
        let text = group_text.get_untracked();
        if text.trim().is_empty() {
            return;
        }
        let services = state.services.get_value();
        spawn_local(async move {
            match services.client.search_groups(text.trim(), PickerQuery::StartsWith).await {
                Ok(found) => {
                    search_error
                        .set(found.is_empty().then(|| format!("No group starts with \"{}\".", text.trim())));
                    groups.set(found);
                }
                Err(e) => search_error.set(Some(format!("{} {}", e.explain(), e.next_step()))),
            }
        });
    };
    let selected_role = move || match state.chosen.get().map(|c| c.target) {
        Some(crate::domain::assignments::AssignmentTarget::Role { role, .. }) => role.0,
        _ => String::new(),
    };
    view! {
        <section class="app-panel app-assign-section" aria-label="Role, group or Azure scope" data-testid="target-picker">
            <label class="app-field">
                <span>"Directory role"</span>
                <select
                    data-testid="role-select"
                    prop:value=selected_role
                    on:change=move |ev| {
                        let id = event_target_value(&ev);
                        let role = state.roles.with_untracked(|r| r.iter().find(|r| r.id.as_str() == id).cloned());
                        if let Some(role) = role {
                            state.choose(Chosen::role(&role));
                        }
                    }
                >
                    <option value="" disabled=true>"Choose a role"</option>
                    {move || {
                        state
                            .roles
                            .get()
                            .into_iter()
                            .map(|r| view! { <option value=r.id.0.clone()>{r.name.clone()}</option> })
                            .collect_view()
                    }}
                </select>
            </label>
            <details class="app-assign-groups">
                <summary>"Or a PIM group"</summary>
                <div class="app-field-row">
                    <SearchField label="Group name starts with" testid="group-search" text=group_text on_search=Callback::new(move |()| search()) />
                    <label class="app-field">
                        <span>"Show"</span>
                        <select on:change=move |ev| {
                            access.set(AccessId::parse(&event_target_value(&ev)).unwrap_or(AccessId::Member))
                        }>
                            <option value="member">"Members"</option>
                            <option value="owner">"Owners"</option>
                        </select>
                    </label>
                </div>
                <button type="button" class="app-button" on:click=move |_| search()>"Find groups"</button>
                {move || search_error.get().map(|e| view! { <p class="app-muted">{e}</p> })}
                <ul class="app-assign-choices">
                    {move || {
                        groups
                            .get()
                            .into_iter()
                            .filter_map(|g| {
                                let id = g.id.clone()?;
                                let name = g.display_name.clone().unwrap_or_else(|| id.clone());
                                let label = name.clone();
                                Some(view! {
                                    <li>
                                        <button
                                            type="button"
                                            class="app-button app-button--quiet"
                                            on:click=move |_| {
                                                state.choose(Chosen::group(GroupId::new(id.as_str()), &name, access.get_untracked()))
                                            }
                                        >
                                            {label}
                                        </button>
                                    </li>
                                })
                            })
                            .collect_view()
                    }}
                </ul>
            </details>
            <AzurePicker state />
        </section>
    }
}
