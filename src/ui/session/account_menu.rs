//! The signed-in person in the header, with the way to switch (demo) or sign out (tenant).

use leptos::prelude::*;

use super::{use_demo_account, use_tenant_account};
use crate::platform::signin;
use crate::sim::Sim;
use crate::ui::services::{use_services, Backend};

/// "Alex Kim · Switch" in the demo, "Name · Sign out" with a tenant; nothing when signed out.
#[component]
pub fn AccountMenu() -> impl IntoView {
    let demo = use_demo_account();
    let tenant = use_tenant_account();
    let session = StoredValue::new_local(use_services().and_then(|s| match s.backend {
        Backend::Tenant(session) => Some(session),
        Backend::Demo(_) => None,
    }));
    let sign_out = move |_| {
        session.with_value(|s| {
            if let (Some(s), Some(window)) = (s, web_sys::window()) {
                let home = window.location().origin().unwrap_or_default() + "/";
                signin::sign_out(s, &home);
            }
        })
    };
    move || {
        if let Some(account) = demo {
            let signed_in = account.0.get()?;
            let name = Sim::personas()
                .into_iter()
                .find(|p| p.upn == signed_in.upn)
                .map(|p| p.display_name)
                .unwrap_or(signed_in.upn);
            return Some(
                view! {
                    <span class="app-account" data-testid="account">
                        <span class="app-account__name">{name}</span>
                        <button class="app-link-button" type="button" on:click=move |_| account.set(None)>
                            "Switch"
                        </button>
                    </span>
                }
                .into_any(),
            );
        }
        let account = tenant?.0.get()?;
        let name = account.name.or(account.preferred_username).unwrap_or(account.oid);
        Some(
            view! {
                <span class="app-account" data-testid="account">
                    <span class="app-account__name">{name}</span>
                    <button class="app-link-button" type="button" on:click=sign_out>
                        "Sign out"
                    </button>
                </span>
            }
            .into_any(),
        )
    }
}
