//! Which Azure scope and role to show: the scopes the app knows (where I hold or may activate an
//! Azure role, the scopes below them, my subscriptions), or one typed or pasted; then a role
//! offered at that scope. ARM is called only once this part is opened.

use leptos::prelude::*;

use super::search_field::SearchField;
use super::state::{AssignmentsState, Chosen};
use crate::domain::assignments::azure::{parse_scope, ScopeChoice};
use crate::domain::assignments::AssignmentTarget;

/// The scope suggestions, the scope box and the role select.
#[component]
pub fn AzurePicker(state: AssignmentsState) -> impl IntoView {
    let pick = state.azure;
    let text = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    // A typed scope keeps the name of a suggestion for the same scope.
    let open_typed = move || match parse_scope(&text.get_untracked()) {
        Ok(scope) => {
            problem.set(None);
            let known = pick.scopes.with_untracked(|s| {
                s.iter().flatten().find(|c| c.scope.same_as(&scope)).map(|c| c.name.clone())
            });
            let name = known.unwrap_or_else(|| scope.short_name().to_owned());
            state.open_scope(ScopeChoice { scope, name });
        }
        Err(why) => problem.set(Some(why)),
    };
    let selected_role = move || match state.chosen.get().map(|c| c.target) {
        Some(AssignmentTarget::Azure { role, .. }) => role.0,
        _ => String::new(),
    };
    view! {
        <details class="app-assign-groups" data-testid="azure-picker" on:toggle=move |_| state.load_scopes()>
            <summary>"Or an Azure scope"</summary>
            <p class="app-muted">
                "Changing assignments at an Azure scope needs Owner or User Access Administrator there (or above)."
            </p>
            {move || match pick.scopes.get() {
                Some(list) if list.is_empty() => view! { <p class="app-muted" data-testid="scope-none">"No known scope yet: type or paste one."</p> }.into_any(),
                Some(list) => view! {
                    <ul class="app-assign-choices" data-testid="scope-options">
                        {list
                            .into_iter()
                            .map(|c| {
                                let label = format!("{} ({})", c.name, c.level());
                                let id = c.scope.as_str().to_owned();
                                view! {
                                    <li>
                                        <button type="button" class="app-button app-button--quiet" data-testid="scope-option" data-scope=id.clone()
                                            on:click=move |_| {
                                                text.set(id.clone());
                                                problem.set(None);
                                                state.open_scope(c.clone());
                                            }>
                                            {label}
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any(),
                None if pick.asked.get() => view! { <p class="app-muted">"Looking for the scopes you can see…"</p> }.into_any(),
                None => ().into_any(),
            }}
            <div class="app-field-row">
                <SearchField label="Scope (/subscriptions/{id}[/resourceGroups/{name}])" testid="scope-input" text on_search=Callback::new(move |()| open_typed()) />
                <button type="button" class="app-button" data-testid="scope-open" on:click=move |_| open_typed()>"Open scope"</button>
            </div>
            {move || problem.get().map(|p| view! { <p class="app-field__error" data-testid="scope-problem">{p}</p> })}
            {move || {
                let at = pick.scope.get()?;
                let body = match pick.roles.get() {
                    None => view! { <p class="app-muted">"Reading the roles at this scope…"</p> }.into_any(),
                    Some(Err(why)) => view! { <p class="app-alert" role="alert" data-testid="scope-error">{why}</p> }.into_any(),
                    Some(Ok(roles)) => {
                        let choose_at = at.clone();
                        view! {
                            <label class="app-field">
                                <span>{format!("Azure role at {} ({})", at.name, at.level())}</span>
                                <select
                                    data-testid="azure-role-select"
                                    prop:value=selected_role
                                    on:change=move |ev| {
                                        let id = event_target_value(&ev);
                                        let role = pick.roles.with_untracked(|r| {
                                            r.as_ref().and_then(|r| r.as_ref().ok()).and_then(|r| r.iter().find(|r| r.id.as_str() == id).cloned())
                                        });
                                        if let Some(role) = role {
                                            state.choose(Chosen::azure(&role, &choose_at));
                                        }
                                    }
                                >
                                    <option value="" disabled=true selected=true>"Choose a role"</option>
                                    {roles
                                        .into_iter()
                                        .map(|r| view! { <option value=r.id.0.clone()>{r.name.clone()}</option> })
                                        .collect_view()}
                                </select>
                            </label>
                        }
                        .into_any()
                    }
                };
                Some(body)
            }}
        </details>
    }
}
