//! Tests for merging service records into items.

use super::*;
use crate::domain::test_items::{at, azure, entra, group};

#[test]
fn wire_strings_are_read_tolerantly() {
    assert_eq!(HeldVia::from_member_type("Inherited", None, None), HeldVia::Inherited);
    assert_eq!(
        HeldVia::from_member_type("group", Some("Helpdesk".into()), None),
        HeldVia::Group { name: Some("Helpdesk".into()), id: None }
    );
    assert_eq!(HeldVia::from_member_type("whatever", None, None), HeldVia::Direct);
    assert_eq!(ActiveKind::from_assignment_type("Activated"), ActiveKind::Activated);
    assert_eq!(ActiveKind::from_assignment_type("assigned"), ActiveKind::Assigned);
}

#[test]
fn scopes_get_kinds_and_names() {
    let tenant = ScopeLabel::for_directory(&DirectoryScopeId::tenant(), None, "Contoso");
    assert_eq!(tenant, ScopeLabel { kind: ScopeKind::Tenant, name: "Contoso".into() });
    let au =
        ScopeLabel::for_directory(&DirectoryScopeId::administrative_unit("au1"), Some("Paris"), "Contoso");
    assert_eq!(au, ScopeLabel { kind: ScopeKind::AdministrativeUnit, name: "Paris".into() });
    let unnamed =
        ScopeLabel::for_directory(&DirectoryScopeId::administrative_unit("au1"), Some(" "), "Contoso");
    assert_eq!(unnamed.name, "au1");
    let rg = ArmScope::parse("/subscriptions/s1/resourceGroups/rg-web").unwrap();
    assert_eq!(
        ScopeLabel::for_arm(&rg, None),
        ScopeLabel { kind: ScopeKind::ResourceGroup, name: "rg-web".into() }
    );
    let sub = ArmScope::parse("/subscriptions/dfa2a084").unwrap();
    assert_eq!(ScopeLabel::for_arm(&sub, Some("Pay-As-You-Go")).name, "Pay-As-You-Go");
    let mg = ArmScope::parse("/providers/Microsoft.Management/managementGroups/root").unwrap();
    assert_eq!(ScopeLabel::for_arm(&mg, None).kind, ScopeKind::ManagementGroup);
}

#[test]
fn records_merge_into_one_item_per_key() {
    let reader = entra("Global Reader", "r1");
    let mut via_group = entra("Global Reader", "r1");
    via_group.held = HeldVia::Group { name: Some("Readers".into()), id: None };
    via_group.eligibility_end = Some(at("2026-06-01T00:00:00Z"));
    let mut first = reader.clone();
    first.held = via_group.held.clone();
    first.eligibility_end = Some(at("2026-04-01T00:00:00Z"));
    let ops = group("Ops", "g1");
    let contrib = azure("Contributor", "c1", "s1");
    let security = entra("Security Reader", "sr");

    let items = merge_items(
        vec![first, via_group, ops.clone(), contrib.clone()],
        vec![
            ActiveFact {
                item: reader.clone(),
                start: at("2026-03-01T08:00:00Z"),
                end: Some(at("2026-03-01T10:00:00Z")),
                kind: ActiveKind::Activated,
            },
            ActiveFact {
                item: reader.clone(),
                start: at("2026-03-01T08:00:00Z"),
                end: Some(at("2026-03-01T09:00:00Z")),
                kind: ActiveKind::Activated,
            },
            ActiveFact {
                item: security.clone(),
                start: at("2026-01-01T00:00:00Z"),
                end: None,
                kind: ActiveKind::Assigned,
            },
        ],
        vec![ScheduledFact { key: contrib.key.clone(), start: at("2026-03-02T08:00:00Z"), end: None }],
        vec![
            PendingFact { key: ops.key.clone(), request: RequestId::new("req-9") },
            PendingFact { key: reader.key.clone(), request: RequestId::new("x") },
        ],
    );
    assert_eq!(items.len(), 4);
    assert_eq!(items[0].eligibility_end, Some(at("2026-06-01T00:00:00Z")), "latest end wins");
    assert_eq!(items[0].state.end(), Some(at("2026-03-01T10:00:00Z")), "the longer activation wins");
    assert!(items[0].state.is_active(), "pending does not override active");
    assert_eq!(items[1].state, ItemState::ActivationPending { request: RequestId::new("req-9") });
    assert_eq!(items[2].state, ItemState::Scheduled { start: at("2026-03-02T08:00:00Z"), end: None });
    assert_eq!(items[3].name, "Security Reader");
    assert!(!items[3].eligible, "an admin assignment without eligibility");
}

#[test]
fn direct_holding_wins_over_a_group() {
    let mut via_group = entra("Reader", "r");
    via_group.held = HeldVia::Group { name: None, id: None };
    via_group.eligibility_end = Some(at("2026-04-01T00:00:00Z"));
    let direct = entra("Reader", "r");
    let items = merge_items(vec![via_group, direct], vec![], vec![], vec![]);
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].held, HeldVia::Direct);
    assert_eq!(items[0].eligibility_end, None, "a permanent eligibility beats a time-bound one");
}
