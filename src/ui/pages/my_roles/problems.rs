//! Why the list is empty or incomplete (no licence, missing consent, throttling, no network),
//! each as a sentence with the next step and, when it can help, Try again. The selection and
//! whatever was typed live in the page's state and survive a retry.

use leptos::prelude::*;

use super::state::MyRolesState;
use crate::domain::load_problem::{load_problems, retry_helps};

/// The load's problems.
#[component]
pub fn LoadProblems(state: MyRolesState) -> impl IntoView {
    move || {
        let kinds = state.load_kinds.get();
        let said = load_problems(&kinds);
        (!said.is_empty()).then(|| {
            view! {
                <section class="app-alert app-problem" role="alert" data-testid="load-problem">
                    {said
                        .into_iter()
                        .map(|e| view! { <p>{e.reason}" "<span>{e.next_step}</span></p> })
                        .collect_view()}
                    {retry_helps(&kinds).then(|| view! {
                        <button
                            type="button"
                            class="app-button"
                            data-testid="retry"
                            disabled=move || state.refreshing.get()
                            on:click=move |_| state.reload()
                        >
                            {move || if state.refreshing.get() { "Trying again…" } else { "Try again" }}
                        </button>
                    })}
                </section>
            }
        })
    }
}

/// Says so while the browser is offline; typed input stays on the page.
#[component]
pub fn OfflineBanner() -> impl IntoView {
    let online = RwSignal::new(crate::platform::dom::is_online());
    let on = window_event_listener(leptos::ev::online, move |_| online.set(true));
    let off = window_event_listener(leptos::ev::offline, move |_| online.set(false));
    on_cleanup(move || {
        on.remove();
        off.remove();
    });
    move || {
        (!online.get()).then(|| {
            view! {
                <p class="app-alert" role="alert" data-testid="offline">
                    "You are offline. What you typed is kept; activate once the connection is back."
                </p>
            }
        })
    }
}
