//! Shows which tenant the app is working against; the demo is always labelled as such.

use leptos::prelude::*;

use crate::config::AppConfig;

/// "Demo tenant" in demo mode, else the configured tenant.
#[component]
pub fn TenantBadge() -> impl IntoView {
    let config = expect_context::<AppConfig>();
    match config {
        AppConfig::Demo => view! {
            <span class="app-badge app-badge--demo" data-testid="tenant-badge" title="A simulated tenant in your browser: nothing you do here reaches Microsoft Entra ID">
                "Demo tenant"
            </span>
        }
        .into_any(),
        AppConfig::Tenant(t) => view! {
            <span class="app-badge" data-testid="tenant-badge" title=format!("Cloud: {}", t.cloud.as_str())>
                {t.tenant.clone()}
            </span>
        }
        .into_any(),
    }
}
