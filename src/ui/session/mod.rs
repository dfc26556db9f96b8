//! Who is signed in, as the UI sees it, and the gate in front of pages that need a sign-in.

mod account_menu;
mod consent_gate;
mod gate;
mod persona_picker;
mod tenant_sign_in;

pub use account_menu::AccountMenu;
pub use consent_gate::ConsentGate;
pub use gate::{SignInGate, SignInGateProps};

use std::rc::Rc;

use leptos::prelude::*;

use crate::auth::Account;
use crate::platform::demo::{DemoSession, DemoSignIn};
use crate::ui::services::{use_services, Backend};

/// The demo sign-in as a signal, mirrored into the demo session (which mints the tokens).
/// It carries the session itself: event handlers run outside the component tree, where
/// context lookups find nothing.
#[derive(Clone, Copy)]
pub struct DemoAccount(pub RwSignal<Option<DemoSignIn>>, StoredValue<Rc<DemoSession>, LocalStorage>);

impl DemoAccount {
    /// Creates the signal from the restored demo session and provides it.
    pub fn provide() {
        if let Some(Backend::Demo(session)) = use_services().map(|s| s.backend) {
            let signal = RwSignal::new(session.signed_in());
            provide_context(DemoAccount(signal, StoredValue::new_local(session)));
        }
    }

    /// Signs in, changes what the sign-in proved (step-up), or signs out (`None`).
    pub fn set(self, sign_in: Option<DemoSignIn>) {
        self.1.with_value(|session| session.set(sign_in.clone()));
        self.0.set(sign_in);
    }
}

/// The signed-in account of a real tenant, as a signal: set by the sign-in callback.
#[derive(Clone, Copy)]
pub struct TenantAccount(pub RwSignal<Option<Account>>);

impl TenantAccount {
    /// Creates the signal from the restored session and provides it.
    pub fn provide() {
        if let Some(Backend::Tenant(session)) = use_services().map(|s| s.backend) {
            provide_context(TenantAccount(RwSignal::new(session.account())));
        }
    }
}

/// The tenant account, when the app runs against a configured tenant.
pub fn use_tenant_account() -> Option<TenantAccount> {
    use_context::<TenantAccount>()
}

/// The demo account, when the app runs the demo.
pub fn use_demo_account() -> Option<DemoAccount> {
    use_context::<DemoAccount>()
}
