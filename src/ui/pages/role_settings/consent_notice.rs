//! With a configured tenant: the permission to change role settings is asked for when this page
//! is opened, not at sign-in (incremental consent through the auth layer's consent plan).

use leptos::prelude::*;

use crate::auth::Feature;
use crate::platform::signin;
use crate::ui::services::{use_services, Backend};
use crate::ui::Page;

/// A notice with the consent button while `RoleManagementPolicy.ReadWrite.*` is not granted;
/// nothing in the demo or once granted.
#[component]
pub fn ConsentNotice() -> impl IntoView {
    let session = use_services().and_then(|s| match s.backend {
        Backend::Tenant(session) => Some(session),
        Backend::Demo(_) => None,
    });
    let Some(session) = session.filter(|s| !s.has_consented(Feature::PolicyWrites)) else {
        return ().into_any();
    };
    let session = StoredValue::new_local(session);
    let ask = move |_| {
        session.with_value(|s| {
            signin::start(s, s.consent_plan(Feature::PolicyWrites), Page::RoleSettings.path())
        });
    };
    view! {
        <section class="app-panel" data-testid="consent-notice">
            <p>
                "You can read these settings. To change them, this app asks Microsoft for the permission to "
                {Feature::PolicyWrites.describe()} " ("{Feature::PolicyWrites.permissions().join(", ")}
                "). You are sent to Microsoft sign-in and come back here."
            </p>
            <button type="button" class="app-button app-button--primary" on:click=ask>"Allow changes to role settings"</button>
        </section>
    }
    .into_any()
}
