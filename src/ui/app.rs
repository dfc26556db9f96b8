//! The root component: configuration, router and route table.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use super::layout::Shell;
use super::pages::{
    AccessReviewsPage, ActivatePage, ApprovalsPage, AssignmentsPage, AuditPage, ConfigErrorPage,
    MyRequestsPage, MyRolesPage, NotFoundPage, RoleSettingsPage, SignInCallbackPage,
};
use super::services::provide_services;
use super::session::{ConsentGate, DemoAccount, TenantAccount};
use crate::auth::Feature;
use crate::config::{AppConfig, ConfigError};

/// The app. A configuration error replaces the whole shell with a page that explains it.
#[component]
pub fn App(
    /// The outcome of reading `config.json`.
    config: Result<AppConfig, ConfigError>,
) -> impl IntoView {
    match config {
        Err(error) => view! { <ConfigErrorPage error /> }.into_any(),
        Ok(config) => {
            provide_services(&config);
            provide_context(config);
            DemoAccount::provide();
            TenantAccount::provide();
            view! {
                <Router>
                    <Shell>
                        <Routes fallback=NotFoundPage>
                            <Route path=path!("/") view=MyRolesPage />
                            // Deep links to a prefilled activation (domain::deeplink).
                            <Route path=path!("/activate") view=ActivatePage />
                            <Route path=path!("/requests") view=MyRequestsPage />
                            <Route path=path!("/approvals") view=|| gated(Feature::Approvals, ApprovalsPage) />
                            <Route path=path!("/assignments") view=AssignmentsPage />
                            <Route path=path!("/settings") view=RoleSettingsPage />
                            <Route path=path!("/audit") view=|| gated(Feature::Audit, AuditPage) />
                            <Route path=path!("/reviews") view=|| gated(Feature::AccessReviews, AccessReviewsPage) />
                            // The redirect URI registered for sign-in (README: Point it at your tenant).
                            <Route path=path!("/auth/callback") view=SignInCallbackPage />
                        </Routes>
                    </Shell>
                </Router>
            }
            .into_any()
        }
    }
}

/// A page behind the permissions its feature needs (asked for when the page is first opened).
fn gated<V: IntoView + 'static>(feature: Feature, page: fn() -> V) -> impl IntoView {
    view! { <ConsentGate feature>{move || page()}</ConsentGate> }
}
