//! Header, navigation and the main region that holds the current page.

use leptos::prelude::*;

use super::nav::Nav;
use super::tenant_badge::TenantBadge;

/// The page frame around every route.
#[component]
pub fn Shell(children: Children) -> impl IntoView {
    view! {
        <div class="app-shell">
            <a class="app-skip" href="#main">"Skip to content"</a>
            <header class="app-header">
                <span class="app-header__brand">"PIM console"</span>
                <TenantBadge />
            </header>
            <Nav />
            <main id="main" class="app-main" tabindex="-1">
                {children()}
            </main>
        </div>
    }
}
