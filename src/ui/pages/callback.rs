//! Where the identity platform returns after sign-in: redeem the code, then go back to where
//! the user was. A failure is explained with its fix and a way to try again.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::platform::signin;
use crate::ui::services::{use_services, Backend};
use crate::ui::session::use_tenant_account;
use crate::ui::widgets::EmptyState;
use crate::ui::Page;

/// Completes the sign-in that this tab started.
#[component]
pub fn SignInCallbackPage() -> impl IntoView {
    let session = use_services().and_then(|s| match s.backend {
        Backend::Tenant(session) => Some(session),
        Backend::Demo(_) => None,
    });
    let Some(session) = session else {
        return view! {
            <EmptyState title="Nothing to complete">
                <p>"This address receives the answer from Microsoft sign-in. The demo tenant does not need it."</p>
                <p><A href=Page::MyRoles.path()>"Go to My roles"</A></p>
            </EmptyState>
        }
        .into_any();
    };
    let account = use_tenant_account();
    let navigate = use_navigate();
    let failure = RwSignal::new(None::<(String, String)>);
    let redeem = session.clone();
    spawn_local(async move {
        match signin::complete(&redeem).await {
            Ok(signin::Completion::Redirecting) => {}
            Ok(signin::Completion::SignedIn(signed_in, return_path)) => {
                if let Some(account) = account {
                    account.0.set(Some(signed_in));
                }
                navigate(&return_path, NavigateOptions { replace: true, ..Default::default() });
            }
            Err(e) => failure.set(Some((e.explanation(), e.fix()))),
        }
    });
    let session = StoredValue::new_local(session);
    let retry = move |_| {
        session.with_value(|s| signin::start(s, signin::first_sign_in_plan(s), Page::MyRoles.path()))
    };
    view! {
        {move || match failure.get() {
            None => view! { <p class="app-muted" data-testid="signing-in">"Completing sign-in…"</p> }.into_any(),
            Some((why, fix)) => view! {
                <section class="app-empty" data-testid="sign-in-error">
                    <h2 class="app-empty__title">"Sign-in did not complete"</h2>
                    <p>{why}</p>
                    <p><strong>"To fix: "</strong>{fix}</p>
                    <button type="button" class="app-button app-button--primary" on:click=retry>"Sign in again"</button>
                </section>
            }
            .into_any(),
        }}
    }
    .into_any()
}
