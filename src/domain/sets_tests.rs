//! Tests for favourites and saved sets.

use super::*;
use crate::domain::test_items::{azure, entra, group};

fn sample() -> (Vec<RoleItem>, Library) {
    let items = vec![entra("Global Reader", "r1"), group("Ops", "g1"), azure("Contributor", "c1", "prod")];
    let mut lib = Library::default();
    assert!(lib.toggle_favourite(&items[0].key));
    lib.save_set(SavedSet {
        name: "Morning on-call".into(),
        items: vec![items[1].key.clone(), items[2].key.clone()],
        duration: Some(IsoDuration::from_hours(4)),
        justification: Some("On-call shift".into()),
    });
    (items, lib)
}

#[test]
fn export_and_import_round_trip() {
    let (items, lib) = sample();
    let json = lib.to_json();
    assert!(json.contains("\"format\": \"pim-console/sets\"") && json.contains("\"version\": 1"));
    assert!(json.contains("\"duration\": \"PT4H\""));
    let report = Library::import(&json).unwrap();
    assert_eq!(report.library, lib);
    assert!(report.unreadable.is_empty() && report.newer_version.is_none());
    assert!(report.library.missing(&items).is_empty());
}

#[test]
fn favourites_toggle_and_sets_replace_by_name() {
    let (items, mut lib) = sample();
    assert!(lib.is_favourite(&items[0].key));
    assert!(!lib.toggle_favourite(&items[0].key));
    assert!(!lib.is_favourite(&items[0].key));
    lib.save_set(SavedSet {
        name: "MORNING ON-CALL".into(),
        items: vec![],
        duration: None,
        justification: None,
    });
    assert_eq!(lib.sets.len(), 1);
    assert!(lib.sets[0].items.is_empty());
    assert!(lib.remove_set("morning on-call"));
    assert!(!lib.remove_set("morning on-call"));
}

#[test]
fn import_is_tolerant_and_reports_what_it_cannot_use() {
    let (items, _) = sample();
    let text = r#"{
        "format": "pim-console/sets", "version": 2, "theme": "dark",
        "favourites": ["e:r1:/", "nonsense", 42, "e:r1:/", "g:gone:m"],
        "sets": [
            {"name": "Night", "items": ["a:c1:/subscriptions/prod", "x:y:z"], "duration": "later", "colour": "red"},
            {"items": ["e:r1:/"]}
        ]
    }"#;
    let report = Library::import(text).unwrap();
    assert_eq!(report.newer_version, Some(2));
    assert_eq!(report.library.favourites.len(), 2, "duplicates folded, unreadable skipped");
    assert_eq!(report.library.sets.len(), 1);
    assert_eq!(report.library.sets[0].duration, None);
    assert_eq!(report.unreadable.len(), 4, "{:?}", report.unreadable);
    let missing = report.library.missing(&items);
    assert_eq!(missing, vec![MissingItem { set: None, key: ItemKey::parse("g:gone:m").unwrap() }]);
}

#[test]
fn foreign_files_are_refused_plainly() {
    assert!(matches!(Library::import("not json"), Err(ImportError::NotJson(_))));
    assert_eq!(Library::import(r#"{"format":"other"}"#), Err(ImportError::NotAnExport));
    assert_eq!(Library::import("[1,2]"), Err(ImportError::NotAnExport));
    assert!(Library::import(r#"{"sets":[]}"#).is_ok(), "a hand-written file without the marker is accepted");
    assert!(ImportError::NotAnExport.to_string().contains("not a favourites-and-sets export"));
}

#[test]
fn merging_unites_favourites_and_replaces_sets() {
    let (items, mut lib) = sample();
    let mut other = Library::default();
    other.toggle_favourite(&items[0].key);
    other.toggle_favourite(&items[1].key);
    other.save_set(SavedSet {
        name: "morning on-call".into(),
        items: vec![],
        duration: None,
        justification: None,
    });
    lib.merge(other);
    assert_eq!(lib.favourites, vec![items[0].key.clone(), items[1].key.clone()]);
    assert_eq!(lib.sets.len(), 1);
    assert_eq!(lib.sets[0].name, "morning on-call");
}

#[test]
fn a_set_prefills_the_form_and_finds_its_items() {
    let (items, lib) = sample();
    let set = &lib.sets[0];
    let form = set.prefill(ActivationForm {
        duration: "PT1H".into(),
        ticket_number: "T1".into(),
        ..Default::default()
    });
    assert_eq!(
        (form.duration.as_str(), form.justification.as_str(), form.ticket_number.as_str()),
        ("PT4H", "On-call shift", "T1")
    );
    let (found, missing) = set.resolve(&items[1..2]);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].name, "Ops");
    assert_eq!(missing, vec![items[2].key.clone()]);
}
