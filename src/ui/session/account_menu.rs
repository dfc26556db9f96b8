//! The signed-in person in the header, with the way to switch or sign out.

use leptos::prelude::*;

use super::use_demo_account;
use crate::sim::Sim;

/// "Alex Kim · Switch" in the demo; nothing when nobody is signed in.
#[component]
pub fn AccountMenu() -> impl IntoView {
    let account = use_demo_account();
    move || {
        let account = account?;
        let signed_in = account.0.get()?;
        let name = Sim::personas()
            .into_iter()
            .find(|p| p.upn == signed_in.upn)
            .map(|p| p.display_name)
            .unwrap_or(signed_in.upn);
        Some(view! {
            <span class="app-account" data-testid="account">
                <span class="app-account__name">{name}</span>
                <button class="app-link-button" type="button" on:click=move |_| account.set(None)>
                    "Switch"
                </button>
            </span>
        })
    }
}
