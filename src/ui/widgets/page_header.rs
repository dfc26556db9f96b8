//! The heading of a page.

use leptos::prelude::*;

use crate::ui::Page;

/// The page's title as its level-one heading.
#[component]
pub fn PageHeader(page: Page) -> impl IntoView {
    view! {
        <header class="app-page-header">
            <h1>{page.title()}</h1>
        </header>
    }
}
