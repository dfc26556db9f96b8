//! Small DOM helpers outside the reactive tree.

/// Removes the static "Loading…" placeholder that index.html shows until the app mounts.
pub fn remove_boot_placeholder() {
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        el.remove();
    }
}

/// Scrolls an element into view (after a submit, so the results are seen).
pub fn scroll_into_view(id: &str) {
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) {
        el.scroll_into_view();
    }
}

/// Where the user is now, as a path with its query (`/?q=admin`): where a redirect returns to.
pub fn current_path() -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else { return "/".into() };
    let path = location.pathname().unwrap_or_else(|_| "/".into());
    let search = location.search().unwrap_or_default();
    format!("{path}{search}")
}

/// Scrolls the first element matching a CSS selector into view (a set's activation panel).
pub fn scroll_to(selector: &str) {
    let found =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector(selector).ok().flatten());
    if let Some(el) = found {
        el.scroll_into_view();
    }
}

/// False when the browser knows it has no network (`navigator.onLine`).
pub fn is_online() -> bool {
    web_sys::window().map(|w| w.navigator().on_line()).unwrap_or(true)
}

/// The `name` and `value` of the button a click landed on (or inside), when it has both. One
/// listener on a long list serves every row's buttons: a listener per button is added and removed
/// again with each row a search shows and hides, which costs more than the rest of the row.
pub fn clicked_button(ev: &web_sys::Event) -> Option<(String, String)> {
    use wasm_bindgen::JsCast;
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let button = target.closest("button[name][value]").ok()??;
    Some((button.get_attribute("name")?, button.get_attribute("value")?))
}
