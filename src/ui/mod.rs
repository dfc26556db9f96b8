//! Leptos components and pages. Pages read the URL and call named operations; sections take data
//! by props; widgets are pure props. No fetch calls or URL building in views.

mod app;
mod layout;
mod pages;
mod routes;
mod services;
mod session;
mod widgets;

pub use app::App;
pub use routes::Page;

use leptos::prelude::*;

/// Starts the app: reads `config.json`, then mounts the shell (or the configuration error page).
pub fn start() {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        let config = crate::platform::config::load().await;
        crate::platform::dom::remove_boot_placeholder();
        leptos::mount::mount_to_body(move || view! { <App config=config.clone() /> });
    });
}
