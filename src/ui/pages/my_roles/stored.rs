//! What My roles keeps in this browser's local storage: favourites and sets, and recently used
//! justifications. Unreadable stored text counts as nothing stored.

use crate::domain::recent::RecentJustifications;
use crate::domain::sets::Library;
use crate::platform::storage::{self, Store};

const LIBRARY_KEY: &str = "pim.library";
const RECENT_KEY: &str = "pim.recent-justifications";

/// The stored favourites and sets.
pub fn load_library() -> Library {
    storage::get(Store::Local, LIBRARY_KEY)
        .and_then(|text| Library::import(&text).ok())
        .map(|report| report.library)
        .unwrap_or_default()
}

/// Stores favourites and sets (the export format).
pub fn save_library(library: &Library) {
    storage::set(Store::Local, LIBRARY_KEY, &library.to_json());
}

/// The stored recent justifications.
pub fn load_recent() -> RecentJustifications {
    storage::get(Store::Local, RECENT_KEY)
        .and_then(|text| serde_json::from_str::<Vec<String>>(&text).ok())
        .map(RecentJustifications::from_stored)
        .unwrap_or_default()
}

/// Stores the recent justifications.
pub fn save_recent(recent: &RecentJustifications) {
    storage::set(Store::Local, RECENT_KEY, &serde_json::to_string(recent).unwrap_or_default());
}
