//! For one selected Azure role: activate it on the whole eligible scope, or only on a resource
//! group (or other scope) below it, as the service lists them (`eligibleChildResources`).

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::state::MyRolesState;
use crate::domain::item::ScopeLabel;
use crate::domain::ArmScope;

/// A scope to choose: its ARM id and what the user reads.
#[derive(Clone, Debug, PartialEq)]
struct Choice {
    id: String,
    label: String,
}

fn kind_label(kind: Option<&str>) -> &'static str {
    match kind.map(str::to_ascii_lowercase).as_deref() {
        Some("resourcegroup") => "Resource group",
        Some("subscription") => "Subscription",
        Some("managementgroup") => "Management group",
        _ => "Resource",
    }
}

/// Shown when exactly one Azure role is selected; its children load when it is selected.
#[component]
pub fn NarrowerScope(state: MyRolesState, error: Signal<Option<String>>) -> impl IntoView {
    // The one selected Azure item, with its eligible scope and that scope's label.
    let single = Memo::new(move |_| {
        let selected = state.selected.get();
        let [key] = selected.as_slice() else { return None };
        state.items.with(|items| {
            let item = items.iter().find(|i| &i.key == key)?;
            Some((item.arm_scope()?.clone(), item.scope.clone()))
        })
    });
    let choices = RwSignal::new(Vec::<Choice>::new());
    let failed = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let target: Option<(ArmScope, ScopeLabel)> = single.get();
        choices.set(Vec::new());
        failed.set(None);
        // A choice made for another item never carries over.
        state.form.update(|f| f.narrower_scope = None);
        let Some((scope, _)) = target else { return };
        let client = state.services().client;
        spawn_local(async move {
            match client.arm_eligible_children(&scope).await {
                Ok(list) => {
                    let list = list
                        .into_iter()
                        .filter_map(|c| {
                            let id = c.id?;
                            let name = c
                                .name
                                .unwrap_or_else(|| id.rsplit('/').next().unwrap_or_default().to_owned());
                            Some(Choice { label: format!("{}: {name}", kind_label(c.kind.as_deref())), id })
                        })
                        .collect();
                    let _ = choices.try_set(list);
                }
                Err(e) => {
                    let _ = failed.try_set(Some(format!(
                        "The narrower scopes could not be listed: {} You can still activate on the whole scope.",
                        e.explain()
                    )));
                }
            }
        });
    });
    move || {
        let (_, label) = single.get()?;
        let whole = format!("All of {}: {}", label.kind.label(), label.name);
        Some(view! {
            <label class="app-field">
                <span>"Scope"</span>
                <select
                    data-testid="narrower-scope"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        state.form.update(|f| f.narrower_scope = (!v.is_empty()).then_some(v));
                    }
                    prop:value=move || state.form.with(|f| f.narrower_scope.clone().unwrap_or_default())
                >
                    <option value="">{whole}</option>
                    {move || {
                        choices
                            .get()
                            .into_iter()
                            .map(|c| view! { <option value=c.id>{c.label}</option> })
                            .collect_view()
                    }}
                </select>
                {move || failed.get().map(|e| view! { <span class="app-muted">{e}</span> })}
                {move || error.get().map(|e| view! { <span class="app-field__error">{e}</span> })}
            </label>
        })
    }
}
