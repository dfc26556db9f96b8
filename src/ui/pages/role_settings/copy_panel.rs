//! Copy one role's settings to many: pick the targets, then review the diff per target.

use leptos::prelude::*;

use super::state::SettingsState;

/// Shown while a copy source is chosen.
#[component]
pub fn CopyPanel(state: SettingsState) -> impl IntoView {
    let filter = RwSignal::new(String::new());
    move || {
        // The review replaces the form (both are bottom sheets); Back returns to it as typed.
        if !state.review.with(Vec::is_empty) {
            return None;
        }
        let source = state.copy_from.get().and_then(|k| state.policy(&k))?;
        let source_key = source.key.clone();
        Some(view! {
            <section class="app-panel" aria-label="Copy settings" data-testid="copy-panel">
                <h2>{format!("Copy {}'s settings to…", source.name)}</h2>
                <p class="app-muted">"Activation, sign-in, approval and assignment rules are copied; each role keeps its notifications."</p>
                <input
                    class="app-search"
                    type="search"
                    placeholder="Filter roles"
                    aria-label="Filter target roles"
                    data-testid="copy-filter"
                    prop:value=move || filter.get()
                    on:input=move |ev| filter.set(event_target_value(&ev))
                />
                <ul class="app-check-list">
                    {move || {
                        let q = filter.get().to_lowercase();
                        state
                            .policies
                            .get()
                            .into_iter()
                            .filter(|p| !p.key.matches(&source_key) && (q.is_empty() || p.name.to_lowercase().contains(&q)))
                            .map(|p| {
                                let key = p.key.clone();
                                let checked = {
                                    let key = key.clone();
                                    move || state.copy_to.with(|t| t.iter().any(|k| k.matches(&key)))
                                };
                                view! {
                                    <li>
                                        <label class="app-check">
                                            <input
                                                type="checkbox"
                                                data-testid="copy-target"
                                                prop:checked=checked
                                                on:change=move |_| state.copy_to.update(|t| match t.iter().position(|k| k.matches(&key)) {
                                                    Some(i) => { t.remove(i); }
                                                    None => t.push(key.clone()),
                                                })
                                            />
                                            <span>{format!("{} · {}", p.name, p.scope_label)}</span>
                                        </label>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
                <div class="app-panel__actions">
                    <button
                        type="button"
                        class="app-button app-button--primary"
                        data-testid="review-copy"
                        disabled=move || state.copy_to.with(Vec::is_empty)
                        on:click=move |_| state.review_copy()
                    >
                        {move || format!("Review for {} role{}", state.copy_to.with(Vec::len), if state.copy_to.with(Vec::len) == 1 { "" } else { "s" })}
                    </button>
                    <button type="button" class="app-button app-button--quiet" on:click=move |_| { state.copy_from.set(None); state.review.set(Vec::new()); }>
                        "Cancel"
                    </button>
                </div>
            </section>
        })
    }
}
