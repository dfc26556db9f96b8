//! The app's two builds as the browser sees them: the boot script in `index.html` picks the core build (tenant,
//! daily pages) or the full build (every page, the demo) before any wasm loads, from the path and
//! the configuration remembered in localStorage. This is the way from one build to the other.

use super::storage::{self, Store};

/// A one-shot order to the boot script for the next load of this tab: the full build, whatever the path
/// says (so a path the two disagree on can never reload in a loop).
const NEXT_KEY: &str = "pim.next-build";

/// Marks the page with the running build (`<html data-bundle="core">`): for the tests and for
/// anyone reading the page in the browser's developer tools.
pub fn mark(name: &str) {
    let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element());
    if let Some(root) = root {
        let _ = root.set_attribute("data-bundle", name);
    }
}

/// Loads the full build at the current address: the core build was asked for a page it does
/// not hold, or it was started on a configuration that runs the demo (which only the full build
/// holds). History already points at the page, so a reload lands on it.
pub fn load_full_build() {
    storage::set(Store::Session, NEXT_KEY, "full");
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
