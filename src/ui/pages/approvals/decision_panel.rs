//! The decision for the selected requests: a justification (required when a selected role's
//! settings say so) and Approve or Deny.

use leptos::prelude::*;

use super::state::ApprovalsState;
use crate::graph::requests::Decision;

/// Shown while something is selected.
#[component]
pub fn DecisionPanel(state: ApprovalsState) -> impl IntoView {
    let count = move || state.selected.with(Vec::len);
    let required = move || state.justification_required();
    let missing = move || required() && state.justification.with(|j| j.trim().is_empty());
    let blocked = move || state.deciding.get() || missing();
    move || {
        (count() > 0).then(|| {
            view! {
                <section class="app-panel" aria-label="Decide" data-testid="decision-panel">
                    <label class="app-field">
                        <span>
                            {move || if required() { "Justification (required)" } else { "Justification (optional)" }}
                        </span>
                        <textarea
                            data-testid="approver-justification"
                            prop:value=move || state.justification.get()
                            on:input=move |ev| state.justification.set(event_target_value(&ev))
                        ></textarea>
                        {move || {
                            missing()
                                .then(|| {
                                    view! {
                                        <span class="app-field__error">
                                            "The role's settings ask approvers to say why."
                                        </span>
                                    }
                                })
                        }}
                    </label>
                    <div class="app-panel__actions">
                        <button
                            type="button"
                            class="app-button app-button--primary"
                            data-testid="approve"
                            disabled=blocked
                            on:click=move |_| state.decide_selected(Decision::Approve)
                        >
                            {move || format!("Approve {}", count())}
                        </button>
                        <button
                            type="button"
                            class="app-button"
                            data-testid="deny"
                            disabled=blocked
                            on:click=move |_| state.decide_selected(Decision::Deny)
                        >
                            {move || format!("Deny {}", count())}
                        </button>
                        <button
                            type="button"
                            class="app-button app-button--quiet"
                            on:click=move |_| state.selected.set(Vec::new())
                        >
                            "Clear"
                        </button>
                    </div>
                </section>
            }
        })
    }
}
