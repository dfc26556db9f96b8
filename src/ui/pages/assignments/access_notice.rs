//! Least privilege: who may change assignments, and in a tenant the write permissions asked for
//! only now that the page is open.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::state::{Access, AssignmentsState};
use crate::auth::Feature;
use crate::ui::services::Backend;

/// Why changes are not offered (or the consent step), nothing for an administrator.
#[component]
pub fn AccessNotice(state: AssignmentsState) -> impl IntoView {
    let location = use_location();
    // With a tenant: a redirect to Microsoft for this page's permissions, back to this page.
    let consent = move |_| {
        if let Backend::Tenant(session) = state.services.with_value(|s| s.backend.clone()) {
            let here = location.pathname.get_untracked();
            crate::platform::signin::start(&session, session.consent_plan(Feature::Assignments), &here);
        }
    };
    move || {
        let access = state.access.get();
        if access == Access::Checking {
            return view! { <p class="app-muted" data-testid="access-checking">"Checking your roles…"</p> }
                .into_any();
        }
        let why = match &access {
            Access::Known(Some(standing)) => standing.explain(),
            _ => None,
        };
        if let Some(why) = why {
            return view! {
                <section class="app-panel app-assign-section" role="note" data-testid="access-needed">
                    <h2 class="app-section-title">"Read only"</h2>
                    <p>{why.reason}</p>
                    <p class="app-muted">{why.next_step}</p>
                    // Roles held through a group may not show in "my roles" [I]; the service decides.
                    <button type="button" class="app-link-button" data-testid="show-forms-anyway"
                        on:click=move |_| state.access.set(Access::Known(None))>
                        "I hold the role through a group: show the forms anyway"
                    </button>
                </section>
            }
            .into_any();
        }
        if !state.consent_needed.get() {
            return ().into_any();
        }
        view! {
            <section class="app-panel app-assign-section" role="note" data-testid="consent-needed">
                <h2 class="app-section-title">"Permission to change assignments"</h2>
                <p>
                    {format!(
                        "To {}, this app asks Microsoft for these delegated permissions now: {}.",
                        Feature::Assignments.describe(),
                        Feature::Assignments.permissions().join(", "),
                    )}
                </p>
                <p class="app-muted">"You return here afterwards. If your organisation requires an administrator's consent, ask for it first."</p>
                <button type="button" class="app-button app-button--primary" data-testid="consent" on:click=consent>
                    "Continue to Microsoft"
                </button>
            </section>
        }
        .into_any()
    }
}
