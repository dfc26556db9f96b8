//! The root components of the app's two builds (README "Two builds"): configuration, router and
//! route table. The full build holds every page and the demo tenant; the core build holds the
//! daily path against a tenant and leaves everything else to the full build.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use super::layout::Shell;
use super::pages::{
    AccessReviewsPage, ActivatePage, ApprovalsPage, AssignmentsPage, AuditPage, ConfigErrorPage,
    LoadFullBuildPage, MyRequestsPage, MyRolesPage, NotFoundPage, RoleSettingsPage, SignInCallbackPage,
};
use super::routes::Bundle;
use super::services::{provide_services, Services};
use super::session::{ConsentGate, DemoAccount, TenantAccount};
use super::widgets::NextTask;
use crate::auth::Feature;
use crate::config::{AppConfig, ConfigError};
use crate::platform::bundle;

/// The full build: every page, against the demo tenant or a configured one. A configuration
/// error replaces the whole shell with a page that explains it.
#[component]
pub fn App(
    /// The outcome of reading `config.json`.
    config: Result<AppConfig, ConfigError>,
) -> impl IntoView {
    let config = match config {
        Err(error) => return view! { <ConfigErrorPage error /> }.into_any(),
        Ok(config) => config,
    };
    let services = match &config {
        AppConfig::Demo => Services::demo(),
        AppConfig::Tenant(t) => Services::tenant(t),
    };
    provide_context(Bundle::Full);
    provide_services(services);
    provide_context(config);
    DemoAccount::provide();
    TenantAccount::provide();
    view! {
        <Router>
            <Shell>
                <NextTask>
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
                </NextTask>
            </Shell>
        </Router>
    }
    .into_any()
}

/// The core build: My roles, activation, My requests and the sign-in callback against a tenant
/// (`config::CORE_PATHS`); any other page reloads into the full build. It never holds the demo
/// tenant: a demo configuration loads the full build.
#[component]
pub fn CoreApp(
    /// The outcome of reading `config.json`.
    config: Result<AppConfig, ConfigError>,
) -> impl IntoView {
    let tenant = match config {
        Err(error) => return view! { <ConfigErrorPage error /> }.into_any(),
        Ok(AppConfig::Demo) => {
            bundle::load_full_build();
            return view! { <p class="app-muted" role="status">"Loading the demo…"</p> }.into_any();
        }
        Ok(AppConfig::Tenant(tenant)) => tenant,
    };
    provide_context(Bundle::Core);
    provide_services(Services::tenant(&tenant));
    provide_context(AppConfig::Tenant(tenant));
    TenantAccount::provide();
    view! {
        <Router>
            <Shell>
                <Routes fallback=LoadFullBuildPage>
                    <Route path=path!("/") view=MyRolesPage />
                    <Route path=path!("/activate") view=ActivatePage />
                    <Route path=path!("/requests") view=MyRequestsPage />
                    <Route path=path!("/auth/callback") view=SignInCallbackPage />
                </Routes>
            </Shell>
        </Router>
    }
    .into_any()
}

/// A page behind the permissions its feature needs (asked for when the page is first opened).
fn gated<V: IntoView + 'static>(feature: Feature, page: fn() -> V) -> impl IntoView {
    view! { <ConsentGate feature>{move || page()}</ConsentGate> }
}
