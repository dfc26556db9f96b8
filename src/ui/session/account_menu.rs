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
    let switching = RwSignal::new(false);
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
                    <button
                        class="app-link-button"
                        type="button"
                        aria-expanded=move || switching.get().to_string()
                        on:click=move |_| switching.update(|s| *s = !*s)
                    >
                        "Switch tenant"
                    </button>
                    <button class="app-link-button" type="button" on:click=sign_out>
                        "Sign out"
                    </button>
                </span>
                {move || switching.get().then(|| view! { <TenantSwitch session /> })}
            }
            .into_any(),
        )
    }
}

/// Signs the same account in to another tenant (guests): a tenant id or domain, then the
/// identity platform, then back to the same page.
#[component]
fn TenantSwitch(session: StoredValue<Option<crate::auth::Session>, LocalStorage>) -> impl IntoView {
    let tenant = RwSignal::new(String::new());
    let error = RwSignal::new(None::<&'static str>);
    let go = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let wanted = tenant.get_untracked().trim().to_owned();
        if !crate::domain::ids::looks_like_tenant(&wanted) {
            error.set(Some("Type a tenant id (a GUID) or a domain such as fabrikam.onmicrosoft.com."));
            return;
        }
        session.with_value(|s| {
            if let Some(s) = s {
                signin::start(s, s.tenant_switch_plan(&wanted), &crate::platform::dom::current_path());
            }
        });
    };
    view! {
        <form class="app-panel app-tenant-switch" data-testid="tenant-switch" on:submit=go>
            <label class="app-field">
                <span>"Tenant id or domain"</span>
                <input
                    data-testid="tenant-input"
                    autocomplete="off"
                    placeholder="fabrikam.onmicrosoft.com"
                    prop:value=move || tenant.get()
                    on:input=move |ev| {
                        error.set(None);
                        tenant.set(event_target_value(&ev));
                    }
                />
                {move || error.get().map(|e| view! { <span class="app-field__error">{e}</span> })}
            </label>
            <button type="submit" class="app-button app-button--primary">"Sign in to that tenant"</button>
        </form>
    }
}
