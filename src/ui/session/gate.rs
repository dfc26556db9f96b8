//! Shows the page when someone is signed in, else the way to sign in.

use leptos::prelude::*;

use super::persona_picker::PersonaPicker;
use super::use_demo_account;
use crate::ui::widgets::EmptyState;

/// Renders `children` once signed in. In the demo that means a persona is chosen.
#[component]
pub fn SignInGate(children: ChildrenFn) -> impl IntoView {
    let account = use_demo_account();
    // Only signing in or out re-renders the pages. A step-up (which changes what the sign-in
    // proves) must keep the page, its selection and whatever the user typed.
    let signed_in = Memo::new(move |_| account.map(|a| a.0.with(Option::is_some)));
    move || {
        match signed_in.get() {
        // Built untracked: signals read while the page is constructed belong to the page.
        Some(true) => untrack(|| children()).into_any(),
        Some(false) => view! { <PersonaPicker /> }.into_any(),
        None => view! {
            <EmptyState title="Sign-in is not built yet">
                <p>"This build cannot yet sign in to a real Microsoft Entra ID tenant. Set config.json to { \"demo\": true } (or remove it) to use the demo tenant."</p>
            </EmptyState>
        }
        .into_any(),
    }
    }
}
