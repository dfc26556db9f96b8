//! Shows the page when someone is signed in, else the way to sign in.

use leptos::prelude::*;

use super::persona_picker::PersonaPicker;
use super::use_demo_account;
use crate::ui::widgets::EmptyState;

/// Renders `children` once signed in. In the demo that means a persona is chosen.
#[component]
pub fn SignInGate(children: ChildrenFn) -> impl IntoView {
    let account = use_demo_account();
    move || {
        match account {
        Some(account) if account.0.with(Option::is_some) => children().into_any(),
        Some(_) => view! { <PersonaPicker /> }.into_any(),
        None => view! {
            <EmptyState title="Sign-in is not built yet">
                <p>"This build can show a real tenant's settings but cannot yet sign in to Microsoft Entra ID. Remove config.json (or set it to { \"demo\": true }) to use the demo tenant."</p>
            </EmptyState>
        }
        .into_any(),
    }
    }
}
