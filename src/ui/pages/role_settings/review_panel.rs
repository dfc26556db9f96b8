//! The before/after of exactly the rules that change, per role, and the button that sends them.

use leptos::prelude::*;

use super::state::SettingsState;

/// Shown while changes wait for confirmation.
#[component]
pub fn ReviewPanel(state: SettingsState) -> impl IntoView {
    move || {
        let review = state.review.get();
        if review.is_empty() {
            return None;
        }
        let count: usize = review.iter().map(|c| c.changes.len()).sum();
        let roles = review.iter().filter(|c| !c.changes.is_empty()).count();
        let title = match (count, roles) {
            (0, _) => "Nothing changes".to_owned(),
            (n, 1) => format!("{n} rule{} will change", if n == 1 { "" } else { "s" }),
            (n, r) => format!("{n} rules will change in {r} roles"),
        };
        Some(view! {
            <section class="app-panel" aria-label="Review changes" data-testid="settings-diff">
                <h2>{title}</h2>
                {review
                    .into_iter()
                    .map(|c| {
                        view! {
                            <div class="app-diff" data-testid="diff-role">
                                <h3>{c.policy.name.clone()}</h3>
                                {if c.changes.is_empty() {
                                    view! { <p class="app-muted">"Already the same: nothing is sent."</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="app-rules">
                                            {c.changes
                                                .into_iter()
                                                .map(|ch| {
                                                    view! {
                                                        <li data-testid="diff-rule">
                                                            <strong>{ch.rule.title()}</strong>
                                                            <div class="app-diff__before">"Before: "{ch.before}</div>
                                                            <div class="app-diff__after">"After: "{ch.after}</div>
                                                        </li>
                                                    }
                                                })
                                                .collect_view()}
                                        </ul>
                                    }
                                    .into_any()
                                }}
                            </div>
                        }
                    })
                    .collect_view()}
                <div class="app-panel__actions">
                    <button
                        type="button"
                        class="app-button app-button--primary"
                        data-testid="apply-changes"
                        disabled=move || count == 0 || state.applying.get()
                        on:click=move |_| state.apply_review()
                    >
                        {move || if state.applying.get() { "Saving…".to_owned() } else { format!("Apply {count} change{}", if count == 1 { "" } else { "s" }) }}
                    </button>
                    <button type="button" class="app-button app-button--quiet" on:click=move |_| state.review.set(Vec::new())>
                        "Back"
                    </button>
                </div>
            </section>
        })
    }
}
