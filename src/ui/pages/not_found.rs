//! The fallback for an unknown path.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::ui::widgets::EmptyState;
use crate::ui::Page;

/// Says the page does not exist and links back to My roles.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <EmptyState title="Page not found">
            <p>"There is no page at this address. It may come from an old bookmark."</p>
            <p><A href=Page::MyRoles.path()>"Go to My roles"</A></p>
        </EmptyState>
    }
}
