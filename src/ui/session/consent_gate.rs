//! Least privilege in the pages: a page whose feature needs more than the sign-in's permissions
//! asks for them only when it is opened, and says why first.

use leptos::prelude::*;

use crate::auth::Feature;
use crate::platform::{dom, signin};
use crate::ui::services::{use_services, Backend};

/// Renders `children` when the session holds `feature`'s permissions (always in the demo, whose
/// simulated tenant checks roles itself). Otherwise explains what the page needs and offers the
/// sign-in that asks Microsoft for it; the user comes back to the same page.
#[component]
pub fn ConsentGate(feature: Feature, children: ChildrenFn) -> impl IntoView {
    let session = use_services().and_then(|s| match s.backend {
        Backend::Tenant(session) => Some(session),
        Backend::Demo(_) => None,
    });
    let needs = session.as_ref().is_some_and(|s| s.account().is_some() && !s.has_consented(feature));
    if !needs {
        return children().into_any();
    }
    let session = StoredValue::new_local(session);
    let ask = move |_| {
        session.with_value(|s| {
            if let Some(s) = s {
                signin::start(s, s.consent_plan(feature), &dom::current_path());
            }
        })
    };
    view! {
        <section class="app-empty" data-testid="needs-permission">
            <h2 class="app-empty__title">"One more permission"</h2>
            <p>{format!("To {}, this app asks Microsoft for more permissions than your sign-in gave it. You sign in once more and come back here.", feature.describe())}</p>
            <p class="app-muted">{format!("If the sign-in says an administrator must approve: {}", feature.consent_explanation())}</p>
            <button type="button" class="app-button app-button--primary" data-testid="grant" on:click=ask>
                "Continue"
            </button>
        </section>
    }
    .into_any()
}
