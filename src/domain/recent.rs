//! Recently used justifications, offered again in the activation form.

use serde::{Deserialize, Serialize};

/// How many justifications are remembered.
pub const RECENT_CAP: usize = 10;

/// Justifications, most recent first, without repeats, at most [`RECENT_CAP`]. Serialises as a
/// JSON array for local storage.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RecentJustifications(Vec<String>);

impl RecentJustifications {
    /// Rebuilds the list from stored text, applying the same rules as [`Self::remember`].
    pub fn from_stored(items: Vec<String>) -> Self {
        let mut list = RecentJustifications::default();
        for item in items.into_iter().rev() {
            list.remember(&item);
        }
        list
    }

    /// Puts `text` (trimmed) first; an earlier copy (ignoring case and spacing at the ends) is
    /// removed. Blank text is ignored.
    pub fn remember(&mut self, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        self.0.retain(|old| !old.eq_ignore_ascii_case(text));
        self.0.insert(0, text.to_owned());
        self.0.truncate(RECENT_CAP);
    }

    /// The list, most recent first.
    pub fn items(&self) -> &[String] {
        &self.0
    }

    /// Entries containing `typed` (case-insensitive), for suggestions while typing.
    pub fn matching(&self, typed: &str) -> Vec<&str> {
        let needle = typed.trim().to_lowercase();
        self.0.iter().filter(|s| s.to_lowercase().contains(&needle)).map(String::as_str).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_recent_first_without_repeats_and_capped() {
        let mut r = RecentJustifications::default();
        for i in 0..12 {
            r.remember(&format!("incident {i}"));
        }
        r.remember("  INCIDENT 5 ");
        r.remember("   ");
        assert_eq!(r.items().len(), RECENT_CAP);
        assert_eq!(r.items()[0], "INCIDENT 5");
        assert_eq!(r.items()[1], "incident 11");
        assert_eq!(r.items().iter().filter(|s| s.eq_ignore_ascii_case("incident 5")).count(), 1);
        assert_eq!(r.matching("incident 1"), ["incident 11", "incident 10"]);
    }

    #[test]
    fn stored_lists_are_cleaned_on_load() {
        let stored = vec!["a".to_owned(), "b".to_owned(), "A".to_owned(), " ".to_owned()];
        let r = RecentJustifications::from_stored(stored);
        assert_eq!(r.items(), ["a", "b"]);
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(json, r#"["a","b"]"#);
    }
}
