//! What happened to each item after a submit, in plain words: one line per item with the
//! reason and, for failures, the next step.

use leptos::prelude::*;

use crate::domain::error_kind::Explanation;

/// One item's result.
#[derive(Clone, Debug, PartialEq)]
pub struct ResultLine {
    /// The role, group or request it is about.
    pub name: String,
    /// True when it went as asked.
    pub ok: bool,
    pub text: Explanation,
}

/// The results of the last submit, with a way to dismiss them; nothing when there are none.
#[component]
pub fn ResultList(results: RwSignal<Vec<ResultLine>>) -> impl IntoView {
    move || {
        let lines = results.get();
        (!lines.is_empty()).then(|| {
            view! {
                <section id="results" class="app-results" aria-live="polite" data-testid="results">
                    <h2>"Results"</h2>
                    <ul>
                        {lines
                            .into_iter()
                            .map(|r| {
                                view! {
                                    <li class="app-result" class:app-result--ok=r.ok data-testid="result">
                                        <strong>{r.name}</strong>
                                        ": "
                                        <span>{r.text.reason}</span>
                                        {(!r.text.next_step.is_empty())
                                            .then(|| view! { " " <span class="app-muted">{r.text.next_step}</span> })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                    <button type="button" class="app-link-button" on:click=move |_| results.set(Vec::new())>
                        "Dismiss"
                    </button>
                </section>
            }
        })
    }
}
