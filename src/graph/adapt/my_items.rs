//! "My roles" rows from the Graph and ARM instance lists: eligibilities and active instances
//! merged by item key, so a role that is both eligible and active is one row, active.

use std::collections::BTreeMap;

use super::arm_names::arm_names;
use crate::domain::ids::{ArmScope, DirectoryScopeId, EligibilityScheduleId, PrincipalId, RequestId};
use crate::domain::item::{ActiveKind, HeldVia, ItemState, RequestTarget, RoleItem, ScopeKind, ScopeLabel};
use crate::domain::item_key::ItemKey;
use crate::graph::client::MyAccess;
use crate::graph::wire::arm::{ArmResource, ArmScheduleInstance, ArmScheduleRequest};
use crate::graph::wire::groups::GroupScheduleInstance;
use crate::graph::wire::roles::RoleScheduleInstance;
use crate::graph::wire::values::{AccessId, AssignmentType, MemberType, RequestStatus};
use crate::graph::GraphError;

/// The ARM half of "my access": eligible and active instances (`asTarget()`).
#[derive(Debug, Default)]
pub struct ArmAccess {
    pub eligible: Vec<ArmResource<ArmScheduleInstance>>,
    pub active: Vec<ArmResource<ArmScheduleInstance>>,
    /// My requests (`asRequestor()`); those waiting for approval mark their rows.
    pub requests: Vec<ArmResource<ArmScheduleRequest>>,
}

/// Builds the rows. Lists that failed to load are reported alongside the rows that did.
pub fn my_items(
    me: &PrincipalId,
    graph: &MyAccess,
    arm: Option<&Result<ArmAccess, GraphError>>,
) -> (Vec<RoleItem>, Vec<GraphError>) {
    let mut rows: BTreeMap<ItemKey, RoleItem> = BTreeMap::new();
    let mut errors = Vec::new();
    let eligible_roles = take(&graph.eligible_roles, &mut errors);
    let active_roles = take(&graph.active_roles, &mut errors);
    let eligible_groups = take(&graph.eligible_groups, &mut errors);
    let active_groups = take(&graph.active_groups, &mut errors);
    let arm = arm.and_then(|r| take(r, &mut errors));

    let arm_eligible = arm.map(|a| a.eligible.as_slice()).unwrap_or_default();
    let eligible = (eligible_roles.into_iter().flatten().filter_map(|i| entra_item(me, i)))
        .chain(eligible_groups.into_iter().flatten().filter_map(|i| group_item(me, i)))
        .chain(arm_eligible.iter().filter_map(|r| azure_item(me, r)));
    for item in eligible {
        rows.insert(item.key.clone(), item);
    }
    // Each active instance with its start, end and whether it was activated or assigned.
    let arm_active = arm.map(|a| a.active.as_slice()).unwrap_or_default();
    let active = (active_roles.into_iter().flatten())
        .filter_map(|i| Some((entra_item(me, i)?, i.start_date_time, i.end_date_time, &i.assignment_type)))
        .chain((active_groups.into_iter().flatten()).filter_map(|i| {
            Some((group_item(me, i)?, i.start_date_time, i.end_date_time, &i.assignment_type))
        }))
        .chain(arm_active.iter().filter_map(|r| {
            let p = &r.properties;
            Some((azure_item(me, r)?, p.start_date_time, p.end_date_time, &p.assignment_type))
        }));
    for (item, start, end, assignment) in active {
        merge_active(&mut rows, item, start.map(|t| t.0), end.map(|t| t.0), assignment);
    }
    // Rows still eligible but with an activation waiting for an approver.
    let mut pending = |key: ItemKey, id: &Option<String>| {
        if let (Some(row), Some(id)) = (rows.get_mut(&key), id) {
            if matches!(row.state, ItemState::Eligible) {
                row.state = ItemState::ActivationPending { request: RequestId::new(id.clone()) };
            }
        }
    };
    for r in
        take(&graph.pending_roles, &mut errors).into_iter().flatten().filter(|r| awaits_approval(&r.status))
    {
        if let (Some(role), Some(scope)) = (&r.role_definition_id, &r.directory_scope_id) {
            pending(ItemKey::entra(role, scope), &r.id);
        }
    }
    for r in
        take(&graph.pending_groups, &mut errors).into_iter().flatten().filter(|r| awaits_approval(&r.status))
    {
        let Some(access) = r.access_id.as_ref().and_then(AccessId::to_domain) else { continue };
        if let Some(group) = &r.group_id {
            pending(ItemKey::group(group, access), &r.id);
        }
    }
    for r in arm.map(|a| a.requests.as_slice()).unwrap_or_default() {
        let p = &r.properties;
        if !awaits_approval(&p.status) {
            continue;
        }
        if let (Some(role), Some(scope)) =
            (&p.role_definition_id, p.scope.as_deref().and_then(|s| ArmScope::parse(s).ok()))
        {
            pending(ItemKey::azure(role, &scope), &r.name);
        }
    }
    (rows.into_values().collect(), errors)
}

fn awaits_approval(status: &Option<RequestStatus>) -> bool {
    matches!(status, Some(RequestStatus::PendingApproval))
}

fn take<'a, T>(result: &'a Result<T, GraphError>, errors: &mut Vec<GraphError>) -> Option<&'a T> {
    match result {
        Ok(v) => Some(v),
        Err(e) => {
            errors.push(e.clone());
            None
        }
    }
}

fn merge_active(
    rows: &mut BTreeMap<ItemKey, RoleItem>,
    item: RoleItem,
    start: Option<chrono::DateTime<chrono::Utc>>,
    end: Option<chrono::DateTime<chrono::Utc>>,
    assignment: &Option<AssignmentType>,
) {
    let kind = match assignment {
        Some(AssignmentType::Activated) => ActiveKind::Activated,
        _ => ActiveKind::Assigned,
    };
    // A permanent assignment has no start in some answers; the epoch keeps ordering sane.
    let state = ItemState::Active { start: start.unwrap_or_default(), end, kind };
    match rows.get_mut(&item.key) {
        Some(row) => row.state = state,
        None => {
            let mut row = item;
            row.eligible = false;
            row.eligibility_end = None;
            row.state = state;
            rows.insert(row.key.clone(), row);
        }
    }
}

fn held(member: &Option<MemberType>) -> HeldVia {
    match member {
        Some(MemberType::Group) => HeldVia::Group { name: None, id: None },
        Some(MemberType::Inherited) => HeldVia::Inherited,
        _ => HeldVia::Direct,
    }
}

fn entra_item(me: &PrincipalId, i: &RoleScheduleInstance) -> Option<RoleItem> {
    let role = i.role_definition_id.clone()?;
    let scope = i.directory_scope_id.clone().unwrap_or_else(|| DirectoryScopeId::new("/"));
    let name = i
        .role_definition
        .as_ref()
        .and_then(|d| d.display_name.clone())
        .unwrap_or_else(|| role.as_str().to_owned());
    let label = if scope.as_str() == "/" {
        ScopeLabel { kind: ScopeKind::Tenant, name: "Directory".into() }
    } else if let Some(au) = scope.as_str().strip_prefix("/administrativeUnits/") {
        let name = i.directory_scope.as_ref().and_then(|d| d.display_name()).unwrap_or(au).to_owned();
        ScopeLabel { kind: ScopeKind::AdministrativeUnit, name }
    } else {
        ScopeLabel { kind: ScopeKind::DirectoryObject, name: scope.as_str().to_owned() }
    };
    let mut item = RoleItem::new(name, label, me.clone(), RequestTarget::EntraRole { role, scope });
    item.held = held(&i.member_type);
    item.eligibility_end = i.end_date_time.map(|t| t.0);
    Some(item)
}

fn group_item(me: &PrincipalId, i: &GroupScheduleInstance) -> Option<RoleItem> {
    let group = i.group_id.clone()?;
    let access = i.access_id.as_ref()?.to_domain()?;
    let name =
        i.group.as_ref().and_then(|g| g.display_name.clone()).unwrap_or_else(|| group.as_str().to_owned());
    let label = ScopeLabel { kind: ScopeKind::Group, name: name.clone() };
    let mut item = RoleItem::new(name, label, me.clone(), RequestTarget::Group { group, access });
    item.held = held(&i.member_type);
    item.eligibility_end = i.end_date_time.map(|t| t.0);
    Some(item)
}

fn azure_item(me: &PrincipalId, r: &ArmResource<ArmScheduleInstance>) -> Option<RoleItem> {
    let p = &r.properties;
    let role = p.role_definition_id.clone()?;
    let scope = ArmScope::parse(p.scope.as_deref()?).ok()?;
    let (name, label) = arm_names(p.expanded_properties.as_ref(), &role, &scope);
    let eligibility_schedule = p
        .role_eligibility_schedule_id
        .clone()
        .or_else(|| p.linked_role_eligibility_schedule_id.clone())
        .map(EligibilityScheduleId::new);
    let mut item =
        RoleItem::new(name, label, me.clone(), RequestTarget::Azure { role, scope, eligibility_schedule });
    item.held = held(&p.member_type);
    item.eligibility_end = p.end_date_time.map(|t| t.0);
    Some(item)
}
