//! "My roles" stays fast with 20,000 items: merging, indexing once, then filtering and sorting
//! on every keystroke.

use std::time::{Duration as StdDuration, Instant};

use chrono::{DateTime, Duration, TimeZone, Utc};
use pim_console::domain::{
    merge_items, AccessId, ActiveFact, ActiveKind, ArmScope, DirectoryScopeId, GroupId, ListIndex, ListQuery,
    Plane, PrincipalId, RequestTarget, RoleDefinitionId, RoleItem, ScopeLabel, SortKey, StateFilter,
};

const N: usize = 20_000;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap()
}

fn make(i: usize) -> RoleItem {
    let me = PrincipalId::new("me");
    match i % 3 {
        0 => RoleItem::new(
            format!("Directory role {i}"),
            ScopeLabel::for_directory(
                &DirectoryScopeId::administrative_unit(&format!("au{}", i % 50)),
                Some(&format!("Region {}", i % 50)),
                "Contoso",
            ),
            me,
            RequestTarget::EntraRole {
                role: RoleDefinitionId::new(format!("role-{i}")),
                scope: DirectoryScopeId::tenant(),
            },
        ),
        1 => RoleItem::new(
            format!("Team group {i}"),
            ScopeLabel { kind: pim_console::domain::ScopeKind::Group, name: format!("Team group {i}") },
            me,
            RequestTarget::Group { group: GroupId::new(format!("g{i}")), access: AccessId::Member },
        ),
        _ => {
            let scope =
                ArmScope::parse(&format!("/subscriptions/sub-{}/resourceGroups/rg-{i}", i % 40)).unwrap();
            RoleItem::new(
                format!("Contributor {i}"),
                ScopeLabel::for_arm(&scope, None),
                me,
                RequestTarget::Azure {
                    role: RoleDefinitionId::new("b24988ac"),
                    scope,
                    eligibility_schedule: None,
                },
            )
        }
    }
}

fn within(limit_ms: u64, what: &str, f: impl FnOnce()) {
    let started = Instant::now();
    f();
    let took = started.elapsed();
    // Generous bounds: this runs unoptimised on a shared machine; the point is "not quadratic".
    assert!(took < StdDuration::from_millis(limit_ms), "{what} took {took:?}");
}

#[test]
fn twenty_thousand_items_filter_and_sort_per_keystroke() {
    let eligible: Vec<RoleItem> = (0..N).map(make).collect();
    let active: Vec<ActiveFact> = (0..N)
        .step_by(7)
        .map(|i| ActiveFact {
            item: make(i),
            start: now() - Duration::minutes(30),
            end: Some(now() + Duration::minutes((i % 480) as i64 + 1)),
            kind: ActiveKind::Activated,
        })
        .collect();
    let mut items = Vec::new();
    within(3000, "merging", || items = merge_items(eligible, active, vec![], vec![]));
    assert_eq!(items.len(), N);

    let mut index = ListIndex::default();
    within(3000, "indexing", || index = ListIndex::new(&items));

    let mut out = Vec::with_capacity(N);
    let mut query = ListQuery { sort: SortKey::End, ..Default::default() };
    for typed in ["c", "co", "con", "cont", "contr", "contributor 1", "contributor 19"] {
        query.search = typed.to_owned();
        within(1500, typed, || index.apply(&items, &query, &mut out));
    }
    // Every word must match somewhere: "contributor" in the name, "19" in the name or scope.
    assert!(out.iter().all(|&i| items[i].name.starts_with("Contributor")
        && (items[i].name.contains("19") || items[i].scope.name.contains("19"))));
    let named: Vec<usize> = (0..N).filter(|i| items[*i].name.starts_with("Contributor 19")).collect();
    assert!(named.len() > 100 && named.iter().all(|i| out.contains(i)), "every Contributor 19… is found");

    query = ListQuery {
        planes: vec![Plane::Azure],
        states: vec![StateFilter::Active],
        sort: SortKey::End,
        ..Default::default()
    };
    within(1500, "filters", || index.apply(&items, &query, &mut out));
    assert!(!out.is_empty());
    let ends: Vec<_> = out.iter().map(|&i| items[i].state.end().unwrap()).collect();
    assert!(ends.windows(2).all(|w| w[0] <= w[1]), "sorted by end");
}
