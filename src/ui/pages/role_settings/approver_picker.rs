//! The approvers of the role being edited: the chosen ones with Remove, and a people and group
//! search to add more.

use leptos::prelude::*;

use super::state::SettingsState;
use crate::domain::policy::Approver;
use crate::ui::widgets::FindBox;

/// Chosen approvers and the search to add one.
#[component]
pub fn ApproverPicker(state: SettingsState) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let found = RwSignal::new(Vec::<Approver>::new());
    let note = RwSignal::new(None::<String>);
    let find = move || state.find_in_directory(query, true, found, note);
    view! {
        <div class="app-field" data-testid="approvers">
            <span>"Approvers"</span>
            {move || {
                let chosen = state.form.with(|f| f.approvers.clone());
                if chosen.is_empty() {
                    view! { <p class="app-muted">"None named: Privileged Role Administrators and Global Administrators approve."</p> }.into_any()
                } else {
                    view! {
                        <ul class="app-chips">
                            {chosen.into_iter().map(|a| {
                                let id = a.id.clone();
                                view! {
                                    <li class="app-chip">
                                        {a.label().to_owned()}
                                        <button type="button" class="app-link-button" aria-label=format!("Remove {}", a.label())
                                            on:click=move |_| state.form.update(|f| f.approvers.retain(|x| x.id != id))>"Remove"</button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
            <FindBox query placeholder="Find a person or group" label="Find an approver" testid="approver" on_find=Callback::new(move |_| find()) />
            {move || note.get().map(|n| view! { <p class="app-muted">{n}</p> })}
            <ul class="app-chips">
                {move || found.get().into_iter().map(|a| {
                    let label = format!("Add {}", a.label());
                    view! {
                        <li>
                            <button type="button" class="app-button app-button--quiet" data-testid="approver-add"
                                on:click=move |_| {
                                    let a = a.clone();
                                    state.form.update(|f| if !f.approvers.iter().any(|x| x.id == a.id) { f.approvers.push(a) });
                                    found.set(Vec::new());
                                    query.set(String::new());
                                }>{label}</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}
