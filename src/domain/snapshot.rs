//! Last-known data kept in local storage, shown at once on the next visit while fresh data loads.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::format::human_seconds;
use super::item::RoleItem;

/// The version written; other versions are ignored on load (the page just loads fresh data).
pub const SNAPSHOT_VERSION: u32 = 1;

/// The items as last loaded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemsSnapshot {
    /// Format version.
    pub version: u32,
    /// When the items were loaded.
    pub saved_at: DateTime<Utc>,
    /// The items.
    pub items: Vec<RoleItem>,
}

impl ItemsSnapshot {
    /// A snapshot of `items` loaded at `now`.
    pub fn new(items: Vec<RoleItem>, now: DateTime<Utc>) -> Self {
        ItemsSnapshot { version: SNAPSHOT_VERSION, saved_at: now, items }
    }

    /// The JSON to store.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a stored snapshot; `None` when unreadable or of another version.
    pub fn from_json(json: &str) -> Option<Self> {
        serde_json::from_str::<ItemsSnapshot>(json).ok().filter(|s| s.version == SNAPSHOT_VERSION)
    }

    /// The banner while fresh data loads: "Showing data from 5 min ago · refreshing…".
    pub fn refreshing_label(&self, now: DateTime<Utc>) -> String {
        self.label(now, "refreshing…")
    }

    /// The banner when nothing fresh could be read (no network, the service down) and these rows
    /// stay on screen: "Showing data from 5 min ago · could not refresh".
    pub fn unrefreshed_label(&self, now: DateTime<Utc>) -> String {
        self.label(now, "could not refresh")
    }

    fn label(&self, now: DateTime<Utc>, tail: &str) -> String {
        let age = (now - self.saved_at).num_seconds().max(0);
        if age < 60 {
            format!("Showing data from moments ago · {tail}")
        } else {
            format!("Showing data from {} ago · {tail}", human_seconds(age))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::item::{ActiveKind, ItemState};
    use crate::domain::test_items::{at, azure, entra};

    #[test]
    fn last_known_items_round_trip_and_say_how_old_they_are() {
        let mut active = azure("Contributor", "c1", "s1");
        active.state =
            ItemState::Active { start: at("2026-03-01T08:00:00Z"), end: None, kind: ActiveKind::Activated };
        let snap = ItemsSnapshot::new(vec![entra("Reader", "r"), active], at("2026-03-01T09:00:00Z"));
        let back = ItemsSnapshot::from_json(&snap.to_json()).unwrap();
        assert_eq!(back, snap);
        assert_eq!(
            back.refreshing_label(at("2026-03-01T09:05:00Z")),
            "Showing data from 5 min ago · refreshing…"
        );
        assert_eq!(
            back.refreshing_label(at("2026-03-01T09:00:10Z")),
            "Showing data from moments ago · refreshing…"
        );
        assert_eq!(
            back.unrefreshed_label(at("2026-03-01T11:00:00Z")),
            "Showing data from 2 h ago · could not refresh"
        );
        let other_version = snap.to_json().replace("\"version\":1", "\"version\":9");
        assert_eq!(ItemsSnapshot::from_json(&other_version), None);
        assert_eq!(ItemsSnapshot::from_json("garbage"), None);
    }
}
