//! The sign-in page of a configured tenant: one button to Microsoft sign-in.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::platform::signin;
use crate::ui::services::{use_services, Backend};

/// Explains what happens and starts the redirect; the user comes back to the same page.
#[component]
pub fn TenantSignIn() -> impl IntoView {
    let location = use_location();
    // Captured here: event handlers run outside the component tree, where context is absent.
    let session = use_services().and_then(|s| match s.backend {
        Backend::Tenant(session) => Some(session),
        Backend::Demo(_) => None,
    });
    let start = move |_| {
        if let Some(session) = &session {
            // The router's `search` has no leading `?`.
            let (path, search) = (location.pathname.get_untracked(), location.search.get_untracked());
            let here =
                if search.is_empty() { path } else { format!("{path}?{}", search.trim_start_matches('?')) };
            signin::start(session, signin::first_sign_in_plan(session), &here);
        }
    };
    view! {
        <section class="app-personas" data-testid="tenant-sign-in">
            <h1>"Sign in"</h1>
            <p class="app-muted">
                "Sign in with your work account to see the roles you can activate. You will come back to this page."
            </p>
            <button type="button" class="app-button app-button--primary" data-testid="sign-in" on:click=start>
                "Sign in with Microsoft"
            </button>
        </section>
    }
}
