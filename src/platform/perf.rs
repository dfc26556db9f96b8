//! User Timing marks that `scripts/bench` reads (`performance.getEntriesByName`), and work put off
//! until the page is painted.

use std::cell::RefCell;
use std::collections::BTreeSet;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

thread_local! {
    static MARKED: RefCell<BTreeSet<&'static str>> = const { RefCell::new(BTreeSet::new()) };
}

/// Sets `performance.mark(name)` once per page load, when the DOM changes just made are on screen.
pub fn mark_painted_once(name: &'static str) {
    if MARKED.with(|m| m.borrow_mut().insert(name)) {
        after_next_paint(move || mark(name));
    }
}

/// Runs `task` once the DOM changes made so far are on screen: in a task queued from the next
/// animation frame's callback (style, layout and paint of that frame follow the callback). A
/// hidden tab paints no frames: there it runs in the next task.
pub fn after_next_paint(task: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else { return task() };
    let task = Closure::once_into_js(task);
    let hidden = window.document().is_some_and(|d| d.hidden());
    if hidden {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(task.unchecked_ref(), 0);
        return;
    }
    let next_frame = Closure::once_into_js(move || {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(task.unchecked_ref(), 0);
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
