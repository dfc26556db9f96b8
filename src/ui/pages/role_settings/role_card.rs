//! One role's settings in plain language, with Edit and Copy.

use leptos::prelude::*;

use super::state::SettingsState;
use crate::domain::settings::describe_notification;
use crate::graph::settings::RolePolicy;

/// A role's card: its name and where it applies, a sentence per rule, notifications folded.
#[component]
pub fn RoleCard(policy: RolePolicy, state: SettingsState) -> impl IntoView {
    let settings = policy.settings();
    let (edit_key, copy_key) = (policy.key.clone(), policy.key.clone());
    let notifications: Vec<String> = settings.notifications.iter().map(describe_notification).collect();
    view! {
        <li class="app-item app-setting-card" data-testid="settings-card" data-name=policy.name.clone()>
            <div class="app-item__body">
                <div class="app-item__title">{policy.name.clone()}</div>
                <div class="app-item__meta">{format!("{} · {}", policy.key.plane.label(), policy.scope_label)}</div>
                <ul class="app-rules">
                    {settings
                        .summary()
                        .into_iter()
                        .map(|(rule, text)| view! { <li><strong>{rule.title()}": "</strong>{text}</li> })
                        .collect_view()}
                </ul>
                {(!notifications.is_empty())
                    .then(|| {
                        view! {
                            <details class="app-rules__more">
                                <summary>{format!("Notifications ({})", notifications.len())}</summary>
                                <ul class="app-rules">
                                    {notifications.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                                </ul>
                            </details>
                        }
                    })}
                <div class="app-panel__actions">
                    <button type="button" class="app-button" data-testid="edit-settings" on:click=move |_| state.edit(edit_key.clone())>
                        "Edit"
                    </button>
                    <button
                        type="button"
                        class="app-button app-button--quiet"
                        data-testid="copy-settings"
                        on:click=move |_| {
                            state.editing.set(None);
                            state.review.set(Vec::new());
                            state.copy_to.set(Vec::new());
                            state.copy_from.set(Some(copy_key.clone()));
                        }
                    >
                        "Copy to other roles"
                    </button>
                </div>
            </div>
        </li>
    }
}
