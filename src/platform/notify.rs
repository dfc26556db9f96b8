//! Browser notifications (the reminder before an activation ends), only when the user allows.

use wasm_bindgen_futures::JsFuture;
use web_sys::{Notification, NotificationOptions, NotificationPermission};

/// Whether notifications can be shown now, must be asked for, or were refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    /// Not supported by this browser (or not in a secure context).
    Unavailable,
    /// Not asked yet.
    Ask,
    /// Allowed.
    Granted,
    /// Refused: only the browser's settings can change it.
    Denied,
}

fn supported() -> bool {
    web_sys::window().and_then(|w| js_sys::Reflect::has(&w, &"Notification".into()).ok()).unwrap_or(false)
}

/// The current permission.
pub fn permission() -> Permission {
    if !supported() {
        return Permission::Unavailable;
    }
    match Notification::permission() {
        NotificationPermission::Granted => Permission::Granted,
        NotificationPermission::Denied => Permission::Denied,
        _ => Permission::Ask,
    }
}

/// Asks the user (must follow a tap); returns the answer.
pub async fn request() -> Permission {
    if !supported() {
        return Permission::Unavailable;
    }
    if let Ok(promise) = Notification::request_permission() {
        let _ = JsFuture::from(promise).await;
    }
    permission()
}

/// Shows a notification when allowed. `tag` replaces an earlier one with the same tag.
pub fn show(title: &str, body: &str, tag: &str) {
    if permission() != Permission::Granted {
        return;
    }
    let options = NotificationOptions::new();
    options.set_body(body);
    options.set_tag(tag);
    let _ = Notification::new_with_options(title, &options);
}
