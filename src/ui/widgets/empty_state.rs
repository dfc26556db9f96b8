//! A message in place of content: nothing to show, not built yet, or an explained failure.

use leptos::prelude::*;

/// A titled message with a body and an optional next step.
#[component]
pub fn EmptyState(
    /// One short line.
    #[prop(into)]
    title: String,
    /// The explanation and, where there is one, what to do next.
    children: Children,
) -> impl IntoView {
    view! {
        <section class="app-empty" data-testid="empty-state">
            <h2 class="app-empty__title">{title}</h2>
            <div class="app-empty__body">{children()}</div>
        </section>
    }
}
