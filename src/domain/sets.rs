//! Favourites and saved sets (items + duration + justification template), stored by the UI in
//! local storage and exported/imported as versioned JSON.
//!
//! Import is tolerant: unknown fields are ignored, entries that cannot be read are reported and
//! skipped, items that are not among the loaded ones are kept (eligibility may come back) and
//! reported by [`Library::missing`].

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::duration::IsoDuration;
use super::form::ActivationForm;
use super::item::RoleItem;
use super::item_key::ItemKey;

/// The `format` marker of exported files.
pub const FORMAT: &str = "pim-console/sets";
/// The version this code writes.
pub const VERSION: u64 = 1;

/// A named group of items activated together.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedSet {
    /// Name shown on the button ("Morning on-call").
    pub name: String,
    /// The items.
    pub items: Vec<ItemKey>,
    /// Activation length; `None` = each item's default.
    pub duration: Option<IsoDuration>,
    /// Justification template.
    pub justification: Option<String>,
}

impl SavedSet {
    /// The form for activating the set: its duration and justification over `base`'s values.
    /// Plan it with `PlanOptions { clamp_duration: true }` so one duration fits every item.
    pub fn prefill(&self, base: ActivationForm) -> ActivationForm {
        ActivationForm {
            duration: self.duration.map_or(base.duration, |d| d.to_string()),
            justification: self.justification.clone().unwrap_or(base.justification),
            ..base
        }
    }

    /// The set's items among `loaded` (in set order), and the keys not found.
    pub fn resolve<'a>(&self, loaded: &'a [RoleItem]) -> (Vec<&'a RoleItem>, Vec<ItemKey>) {
        let mut found = Vec::new();
        let mut missing = Vec::new();
        for key in &self.items {
            match loaded.iter().find(|i| &i.key == key) {
                Some(item) => found.push(item),
                None => missing.push(key.clone()),
            }
        }
        (found, missing)
    }
}

/// Favourites and sets.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Library {
    /// Starred items, in starring order.
    pub favourites: Vec<ItemKey>,
    /// Saved sets, in saving order.
    pub sets: Vec<SavedSet>,
}

/// Why a file could not be imported at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// Not JSON.
    NotJson(String),
    /// JSON, but not an export of this app.
    NotAnExport,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::NotJson(e) => write!(f, "The file is not valid JSON ({e})."),
            ImportError::NotAnExport => {
                f.write_str("The file is not a favourites-and-sets export from this app.")
            }
        }
    }
}

impl std::error::Error for ImportError {}

/// What an import found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// What could be read.
    pub library: Library,
    /// Entries skipped because they could not be read (item keys or sets), as text.
    pub unreadable: Vec<String>,
    /// The file's version when newer than this app's (read as far as possible).
    pub newer_version: Option<u64>,
}

/// An item a favourite or set names that is not loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingItem {
    /// The set naming it; `None` for a favourite.
    pub set: Option<String>,
    /// The item.
    pub key: ItemKey,
}

fn read_keys(value: Option<&Value>, unreadable: &mut Vec<String>) -> Vec<ItemKey> {
    let mut out: Vec<ItemKey> = Vec::new();
    for v in value.and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default() {
        match v.as_str().map(ItemKey::parse) {
            Some(Ok(k)) if !out.contains(&k) => out.push(k),
            Some(Ok(_)) => {}
            _ => unreadable.push(v.to_string()),
        }
    }
    out
}

impl Library {
    /// Stars or unstars an item; returns whether it is now starred.
    pub fn toggle_favourite(&mut self, key: &ItemKey) -> bool {
        if let Some(pos) = self.favourites.iter().position(|k| k == key) {
            self.favourites.remove(pos);
            false
        } else {
            self.favourites.push(key.clone());
            true
        }
    }

    /// True when the item is starred.
    pub fn is_favourite(&self, key: &ItemKey) -> bool {
        self.favourites.contains(key)
    }

    /// Saves a set, replacing one with the same name (ignoring case).
    pub fn save_set(&mut self, set: SavedSet) {
        match self.sets.iter_mut().find(|s| s.name.eq_ignore_ascii_case(&set.name)) {
            Some(existing) => *existing = set,
            None => self.sets.push(set),
        }
    }

    /// Removes a set by name; returns whether one was removed.
    pub fn remove_set(&mut self, name: &str) -> bool {
        let before = self.sets.len();
        self.sets.retain(|s| !s.name.eq_ignore_ascii_case(name));
        before != self.sets.len()
    }

    /// Adds another library: favourites are united, sets with the same name replaced.
    pub fn merge(&mut self, other: Library) {
        for key in other.favourites {
            if !self.is_favourite(&key) {
                self.favourites.push(key);
            }
        }
        for set in other.sets {
            self.save_set(set);
        }
    }

    /// The JSON export (also the local-storage form).
    pub fn to_json(&self) -> String {
        let value = serde_json::json!({
            "format": FORMAT,
            "version": VERSION,
            "favourites": self.favourites,
            "sets": self.sets,
        });
        serde_json::to_string_pretty(&value).unwrap_or_default()
    }

    /// Reads an export tolerantly.
    pub fn import(text: &str) -> Result<ImportReport, ImportError> {
        let root: Value = serde_json::from_str(text).map_err(|e| ImportError::NotJson(e.to_string()))?;
        let obj = root.as_object().ok_or(ImportError::NotAnExport)?;
        match obj.get("format").and_then(Value::as_str) {
            Some(FORMAT) => {}
            None if obj.contains_key("sets") || obj.contains_key("favourites") => {}
            _ => return Err(ImportError::NotAnExport),
        }
        let mut report = ImportReport::default();
        let version = obj.get("version").and_then(Value::as_u64).unwrap_or(VERSION);
        report.newer_version = (version > VERSION).then_some(version);
        report.library.favourites = read_keys(obj.get("favourites"), &mut report.unreadable);
        for raw in obj.get("sets").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default() {
            let name = raw.get("name").and_then(Value::as_str).map(str::trim).filter(|n| !n.is_empty());
            let Some(name) = name else {
                report.unreadable.push(raw.to_string());
                continue;
            };
            let items = read_keys(raw.get("items"), &mut report.unreadable);
            let duration =
                raw.get("duration").and_then(Value::as_str).and_then(|d| IsoDuration::parse(d).ok());
            let justification = raw.get("justification").and_then(Value::as_str).map(str::to_owned);
            report.library.save_set(SavedSet { name: name.to_owned(), items, duration, justification });
        }
        Ok(report)
    }

    /// Favourites and set items that are not among `loaded`.
    pub fn missing(&self, loaded: &[RoleItem]) -> Vec<MissingItem> {
        let known = |k: &ItemKey| loaded.iter().any(|i| &i.key == k);
        let favourites =
            self.favourites.iter().filter(|k| !known(k)).map(|k| MissingItem { set: None, key: k.clone() });
        let sets = self.sets.iter().flat_map(|s| {
            s.items
                .iter()
                .filter(|k| !known(k))
                .map(move |k| MissingItem { set: Some(s.name.clone()), key: k.clone() })
        });
        favourites.chain(sets).collect()
    }
}

#[cfg(test)]
#[path = "sets_tests.rs"]
mod tests;
