//! Least privilege: who may change assignments (the write permissions themselves are asked for
//! by the consent gate around the forms).

use leptos::prelude::*;

use super::state::{Access, AssignmentsState};

/// Why changes are not offered; nothing for an administrator.
#[component]
pub fn AccessNotice(state: AssignmentsState) -> impl IntoView {
    move || {
        let access = state.access.get();
        // At an Azure scope the directory roles do not decide: the service does, and its
        // refusal names the Azure roles needed.
        if state.is_azure() {
            return ().into_any();
        }
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
        ().into_any()
    }
}
