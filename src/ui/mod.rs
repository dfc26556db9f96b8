//! Leptos components and pages. Pages read the URL and call named operations; sections take data
//! by props; widgets are pure props. No fetch calls or URL building in views.

mod app;
mod layout;
mod pages;
mod routes;
mod services;
mod session;
mod widgets;

pub use app::{App, CoreApp};
pub use routes::{Bundle, Page};

use leptos::prelude::*;

/// Starts the full build: reads `config.json`, then mounts the shell (or the configuration error
/// page).
pub fn start() {
    boot(
        Bundle::Full,
        |config| view! { <App config /> }.into_any(),
        Some(crate::platform::demo::DemoTenant::preload),
    );
}

/// Starts the core build (My roles and activation against a tenant; README "Two builds").
pub fn start_core() {
    boot(Bundle::Core, |config| view! { <CoreApp config /> }.into_any(), None);
}

/// `preload_demo` restores the demo tenant (the full build only: the core build holds no demo).
fn boot(
    bundle: Bundle,
    root: fn(Result<crate::config::AppConfig, crate::config::ConfigError>) -> AnyView,
    preload_demo: Option<fn()>,
) {
    console_error_panic_hook::set_once();
    crate::platform::bundle::mark(bundle.name());
    wasm_bindgen_futures::spawn_local(async move {
        let config = crate::platform::config::load().await;
        if let (Some(preload), Ok(crate::config::AppConfig::Demo)) = (preload_demo, &config) {
            // The demo tenant is restored in a task of its own, then the app is rendered: two
            // shorter tasks instead of one long one, so the page answers input sooner.
            preload();
            crate::platform::time::sleep(std::time::Duration::ZERO).await;
        }
        crate::platform::dom::remove_boot_placeholder();
        leptos::mount::mount_to_body(move || root(config));
    });
}
