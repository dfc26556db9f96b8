//! What happened to each submitted item, in plain words.

use leptos::prelude::*;

use super::state::MyRolesState;

/// One line per item: active now, scheduled, waiting for approval, or why it failed and what to do.
#[component]
pub fn Results(state: MyRolesState) -> impl IntoView {
    move || {
        let results = state.results.get();
        (!results.is_empty()).then(|| {
            let now = state.now.get_untracked();
            view! {
                <section id="results" class="app-results" aria-live="polite" data-testid="results">
                    <h2>"Results"</h2>
                    <ul>
                        {results
                            .into_iter()
                            .map(|r| {
                                let text = r.outcome.describe(now);
                                let ok = r.outcome.is_success();
                                view! {
                                    <li class="app-result" class:app-result--ok=ok data-testid="result">
                                        <strong>{r.name}</strong>
                                        ": "
                                        <span>{text.reason}</span>
                                        {(!text.next_step.is_empty()).then(|| view! { " " <span class="app-muted">{text.next_step}</span> })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                    <button type="button" class="app-link-button" on:click=move |_| state.results.set(Vec::new())>
                        "Dismiss"
                    </button>
                </section>
            }
        })
    }
}
