//! sessionStorage (this tab, until it closes) and localStorage (this browser) by key.
//! Failures (private mode, quota) degrade to "nothing stored", never to a crash.

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Which storage a value belongs in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Store {
    /// Lives as long as the tab: sign-in state, the demo tenant.
    Session,
    /// Lives in this browser: favourites, sets, last-known data.
    Local,
}

fn storage(store: Store) -> Option<web_sys::Storage> {
    match store {
        Store::Session => session(),
        Store::Local => local(),
    }
}

/// The stored value, if any.
pub fn get(store: Store, key: &str) -> Option<String> {
    storage(store)?.get_item(key).ok()?
}

/// Stores a value; returns false when the browser refused (quota, disabled storage).
pub fn set(store: Store, key: &str, value: &str) -> bool {
    storage(store).is_some_and(|s| s.set_item(key, value).is_ok())
}

/// Removes a value.
pub fn remove(store: Store, key: &str) {
    if let Some(s) = storage(store) {
        let _ = s.remove_item(key);
    }
}

/// The prefix of every last-known datum (rows, policies) in local storage.
pub const LAST_KNOWN_PREFIX: &str = "pim.lastknown.";

/// Removes every value whose key starts with `prefix` (sign-out drops cached tenant data).
pub fn remove_prefix(store: Store, prefix: &str) {
    let Some(s) = storage(store) else { return };
    let keys: Vec<String> = (0..s.length().unwrap_or(0))
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .collect();
    for key in keys {
        let _ = s.remove_item(&key);
    }
}
