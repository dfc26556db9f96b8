//! The demo's sign-in: pick who you are in the simulated tenant.

use leptos::prelude::*;

use super::use_demo_account;
use crate::platform::demo::DemoSignIn;
use crate::sim::Sim;

/// One button per demo persona.
#[component]
pub fn PersonaPicker() -> impl IntoView {
    let account = use_demo_account();
    let choose = move |upn: String| {
        if let Some(account) = account {
            account.set(Some(DemoSignIn { upn, mfa: false, contexts: Vec::new() }));
        }
    };
    view! {
        <section class="app-personas" data-testid="persona-picker">
            <h1>"Try the demo"</h1>
            <p class="app-muted">
                "This is a simulated tenant running in your browser: nothing you do here reaches Microsoft Entra ID. Choose who you are."
            </p>
            <ul class="app-personas__list">
                {Sim::personas()
                    .into_iter()
                    .map(|p| {
                        let upn = p.upn.clone();
                        view! {
                            <li>
                                <button class="app-personas__choice" type="button" on:click=move |_| choose(upn.clone())>
                                    <span class="app-personas__name">{p.display_name}</span>
                                    <span class="app-personas__about">{p.description}</span>
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
