//! User Timing marks that `scripts/bench` reads (`performance.getEntriesByName`).

use std::cell::RefCell;
use std::collections::BTreeSet;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

thread_local! {
    static MARKED: RefCell<BTreeSet<&'static str>> = const { RefCell::new(BTreeSet::new()) };
}

/// Sets `performance.mark(name)` once per page load, when the DOM changes just made are on screen:
/// after the next animation frame (style, layout and paint of that frame follow the callback), so
/// the mark falls after the frame that shows them.
pub fn mark_painted_once(name: &'static str) {
    if !MARKED.with(|m| m.borrow_mut().insert(name)) {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    let after_paint = Closure::once_into_js(move || mark(name));
    let next_frame = Closure::once_into_js(move || {
        if let Some(w) = web_sys::window() {
            // A task queued from the frame callback runs after that frame is painted.
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(after_paint.unchecked_ref(), 0);
        }
    });
    let _ = window.request_animation_frame(next_frame.unchecked_ref());
}

/// Sets `performance.mark(name)` now (e.g. when data arrives, to tell reading from rendering).
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}
