//! Where the identity platform returns after sign-in.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::ui::widgets::EmptyState;
use crate::ui::Page;

/// Sign-in is not wired into the browser yet; the page says so instead of pretending.
#[component]
pub fn SignInCallbackPage() -> impl IntoView {
    view! {
        <EmptyState title="Sign-in is not built yet">
            <p>"This address receives the answer from Microsoft sign-in. Signing in to a real tenant is not available in this version; the demo tenant works without it."</p>
            <p><A href=Page::MyRoles.path()>"Go to My roles"</A></p>
        </EmptyState>
    }
}
