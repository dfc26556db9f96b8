//! Header, navigation and the main region that holds the current page.

use leptos::prelude::*;

use super::nav::Nav;
use super::tenant_badge::TenantBadge;
use crate::ui::session::{AccountMenu, SignInGate, SignInGateProps};

/// The page frame around every route.
#[component]
pub fn Shell(children: ChildrenFn) -> impl IntoView {
    view! {
        <div class="app-shell">
            <a class="app-skip" href="#main">"Skip to content"</a>
            <header class="app-header">
                <span class="app-header__brand">"PIM console"</span>
                <span class="app-header__end">
                    <AccountMenu />
                    <TenantBadge />
                </span>
            </header>
            <Nav />
            <main id="main" class="app-main" tabindex="-1">
                {SignInGate(SignInGateProps::builder().children(children).build())}
            </main>
        </div>
    }
}
