//! Tests for deep links.

use super::*;
use crate::domain::test_items::{azure, entra, group};

fn loaded() -> Vec<RoleItem> {
    let mut assigned = entra("Security Reader", "sr");
    assigned.eligible = false;
    vec![
        entra("Global Reader", "r1"),
        group("Ops, On-Call @ night", "g1"),
        azure("Contributor", "c1", "prod"),
        azure("Contributor", "c1", "dev"),
        assigned,
    ]
}

#[test]
fn a_link_round_trips_with_awkward_text() {
    let items = loaded();
    let link = DeepLink {
        items: vec![
            LinkItem::Key(items[0].key.clone()),
            LinkItem::Name { name: "Ops, On-Call @ night".into(), scope: None },
            LinkItem::Name { name: "Contributor".into(), scope: Some("Sub prod".into()) },
        ],
        duration: Some(IsoDuration::from_hours(2)),
        justification: Some("Incident #42 & follow-up: 100%".into()),
        ticket_number: Some("INC0042".into()),
        ticket_system: Some("ServiceNow".into()),
        unreadable: vec![],
    };
    let path = link.to_path();
    assert!(
        path.starts_with(
            "/activate?items=e:r1:/,n:Ops%2C%20On-Call%20%40%20night,n:Contributor@Sub%20prod&d=PT2H&j="
        ),
        "{path}"
    );
    assert_eq!(DeepLink::parse(&path), link);
    let res = link.resolve(&items);
    assert_eq!(res.found, vec![items[0].key.clone(), items[1].key.clone(), items[2].key.clone()]);
    assert!(res.problems.is_empty());
}

#[test]
fn unknown_ambiguous_ineligible_and_unreadable_entries_are_all_reported() {
    let items = loaded();
    let link = DeepLink::parse("https://pim.example/activate?items=n:Contributor,n:Nope,n:security%20reader,x:bad,e:r1:/,e:r1:/&d=soon");
    let res = link.resolve(&items);
    assert_eq!(res.found, vec![items[0].key.clone()], "found once, in order");
    let kinds: Vec<_> = res.problems.iter().map(|p| (p.entry.clone(), p.kind.clone())).collect();
    assert_eq!(
        kinds,
        vec![
            ("x:bad".to_owned(), LinkProblemKind::Unreadable),
            ("d=soon".to_owned(), LinkProblemKind::Unreadable),
            (
                "Contributor".to_owned(),
                LinkProblemKind::Ambiguous { candidates: vec![items[2].key.clone(), items[3].key.clone()] }
            ),
            ("Nope".to_owned(), LinkProblemKind::Unknown),
            ("security reader".to_owned(), LinkProblemKind::NotEligible),
        ]
    );
    assert_eq!(res.problems[2].message(), "\"Contributor\" matches 2 roles; pick the right one below.");
    assert_eq!(res.problems[3].message(), "\"Nope\" is not among your roles.");
}

#[test]
fn prefill_keeps_what_the_link_does_not_carry() {
    let link = DeepLink::parse("/activate?items=e%3Ar1%3A%2F&j=Deploy+window&t=CHG-9");
    assert_eq!(link.items.len(), 1, "a doubly encoded key is still read");
    assert_eq!(DeepLink::parse("/activate?items=e:r1:/&d=90m").duration, Some(IsoDuration::from_minutes(90)));
    let base = ActivationForm { duration: "PT1H".into(), ticket_system: "Jira".into(), ..Default::default() };
    let form = link.prefill(base);
    assert_eq!(
        (
            form.duration.as_str(),
            form.justification.as_str(),
            form.ticket_number.as_str(),
            form.ticket_system.as_str()
        ),
        ("PT1H", "Deploy window", "CHG-9", "Jira")
    );
}

#[test]
fn a_selection_becomes_a_link() {
    let items = loaded();
    let form = ActivationForm {
        duration: "90m".into(),
        justification: " Patch night ".into(),
        ..Default::default()
    };
    let link = DeepLink::from_selection(&[items[2].key.clone()], &form);
    let path = link.to_path();
    assert_eq!(path, format!("/activate?items={}&d=PT1H30M&j=Patch%20night", items[2].key.to_compact()));
    assert_eq!(DeepLink::parse(&path).resolve(&items).found, vec![items[2].key.clone()]);
}
