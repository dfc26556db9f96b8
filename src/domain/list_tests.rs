//! Tests for search, filter, sort and the URL form.

use super::*;
use crate::domain::ids::RequestId;
use crate::domain::item::{ActiveKind, HeldVia};
use crate::domain::test_items::{at, azure, entra, group};

fn items() -> Vec<RoleItem> {
    let mut reader = entra("Global Reader", "r1");
    reader.state = ItemState::Active {
        start: at("2026-03-01T08:00:00Z"),
        end: Some(at("2026-03-01T12:00:00Z")),
        kind: ActiveKind::Activated,
    };
    let mut ops = group("Ops On-Call", "g1");
    ops.held = HeldVia::Group { name: Some("Helpdesk".into()), id: None };
    ops.state = ItemState::ActivationPending { request: RequestId::new("q") };
    let mut contrib = azure("Contributor", "c1", "prod");
    contrib.state = ItemState::Active {
        start: at("2026-03-01T08:00:00Z"),
        end: Some(at("2026-03-01T10:00:00Z")),
        kind: ActiveKind::Activated,
    };
    vec![reader, ops, contrib, entra("Billing Administrator", "b1"), azure("Reader", "rd", "dev")]
}

fn names(items: &[RoleItem], idx: &[usize]) -> Vec<String> {
    idx.iter().map(|i| items[*i].name.clone()).collect()
}

#[test]
fn search_is_case_insensitive_over_name_scope_plane_and_holding() {
    let items = items();
    let index = ListIndex::new(&items);
    let find =
        |q: &str| names(&items, &index.view(&items, &ListQuery { search: q.into(), ..Default::default() }));
    assert_eq!(find("READER"), ["Global Reader", "Reader"]);
    assert_eq!(find("sub prod"), ["Contributor"]);
    assert_eq!(find("azure role"), ["Contributor", "Reader"]);
    assert_eq!(find("helpdesk"), ["Ops On-Call"]);
    assert_eq!(find(""), ["Billing Administrator", "Contributor", "Global Reader", "Ops On-Call", "Reader"]);
    assert!(find("nothing like this").is_empty());
}

#[test]
fn filters_combine() {
    let items = items();
    let index = ListIndex::new(&items);
    let q = ListQuery {
        planes: vec![Plane::Azure, Plane::EntraRole],
        states: vec![StateFilter::Active],
        ..Default::default()
    };
    assert_eq!(names(&items, &index.view(&items, &q)), ["Contributor", "Global Reader"]);
    let q = ListQuery { scopes: vec![ScopeKind::Group], ..Default::default() };
    assert_eq!(names(&items, &index.view(&items, &q)), ["Ops On-Call"]);
}

#[test]
fn sorts_by_state_end_and_plane() {
    let items = items();
    let index = ListIndex::new(&items);
    let sorted = |sort, descending| {
        names(&items, &index.view(&items, &ListQuery { sort, descending, ..Default::default() }))
    };
    assert_eq!(
        sorted(SortKey::State, false),
        ["Contributor", "Global Reader", "Ops On-Call", "Billing Administrator", "Reader"]
    );
    assert_eq!(sorted(SortKey::End, false)[..2], ["Contributor", "Global Reader"]);
    assert_eq!(
        sorted(SortKey::Plane, false),
        ["Billing Administrator", "Global Reader", "Ops On-Call", "Contributor", "Reader"]
    );
    assert_eq!(sorted(SortKey::Name, true)[0], "Reader");
}

#[test]
fn the_view_round_trips_through_the_url() {
    let q = ListQuery {
        search: "global & reader".into(),
        planes: vec![Plane::EntraRole, Plane::Group],
        scopes: vec![ScopeKind::Subscription],
        states: vec![StateFilter::Active],
        sort: SortKey::End,
        descending: true,
    };
    let s = q.to_query();
    assert_eq!(s, "q=global%20%26%20reader&plane=entra,group&scope=sub&state=active&sort=end&desc=1");
    assert_eq!(ListQuery::from_query(&format!("?{s}")), q);
    assert_eq!(ListQuery::default().to_query(), "");
}

#[test]
fn unknown_url_values_are_ignored() {
    let q = ListQuery::from_query("plane=entra,bogus,entra&state=nope&sort=sideways&zoom=3&q=x+y");
    assert_eq!(q.planes, vec![Plane::EntraRole]);
    assert!(q.states.is_empty());
    assert_eq!(q.sort, SortKey::Name);
    assert_eq!(q.search, "x y");
}

#[test]
fn empty_lists_say_why() {
    let q = ListQuery { search: "zzz".into(), ..Default::default() };
    assert_eq!(empty_state(5, 2, &q), None);
    assert!(empty_state(0, 0, &q).unwrap().reason.contains("no eligible roles"));
    assert_eq!(empty_state(5, 0, &q).unwrap().reason, "None of your 5 roles match your search and filters.");
}
