//! Shows the page when someone is signed in, else the way to sign in.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::persona_picker::PersonaPicker;
use super::tenant_sign_in::TenantSignIn;
use super::{use_demo_account, use_tenant_account};

/// Renders `children` once signed in: in the demo a persona is chosen; with a tenant, the
/// Microsoft sign-in completed. The sign-in callback itself always passes.
#[component]
pub fn SignInGate(children: ChildrenFn) -> impl IntoView {
    let demo = use_demo_account();
    let tenant = use_tenant_account();
    let location = use_location();
    let on_callback = Memo::new(move |_| location.pathname.with(|p| p.ends_with("/auth/callback")));
    // Only signing in or out re-renders the pages. A step-up (which changes what the sign-in
    // proves) must keep the page, its selection and whatever the user typed.
    let signed_in = Memo::new(move |_| match (demo, tenant) {
        (Some(a), _) => a.0.with(Option::is_some),
        (_, Some(t)) => t.0.with(Option::is_some),
        _ => false,
    });
    move || {
        if on_callback.get() || signed_in.get() {
            // Built untracked: signals read while the page is constructed belong to the page.
            untrack(|| children()).into_any()
        } else if tenant.is_some() {
            view! { <TenantSignIn /> }.into_any()
        } else {
            view! { <PersonaPicker /> }.into_any()
        }
    }
}
