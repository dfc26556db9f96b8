//! Building "My roles" from what the services return: eligibility instances, assignment
//! instances, future schedules and pending requests, merged into one [`RoleItem`] per key.
//!
//! The UI adapter turns each wire record into a [`RoleItem`] or a fact below (with the small
//! readers here for `memberType`, `assignmentType` and scope names), then calls [`merge_items`].

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::arm_scope::ArmScopeKind;
use super::ids::{ArmScope, DirectoryScopeId, DirectoryScopeKind, GroupId, RequestId};
use super::item::{ActiveKind, HeldVia, ItemState, RoleItem, ScopeKind, ScopeLabel};
use super::item_key::ItemKey;

impl HeldVia {
    /// Reads `memberType` (`Direct`, `Group`, `Inherited`, any case); unknown values mean direct.
    pub fn from_member_type(
        member_type: &str,
        group_name: Option<String>,
        group_id: Option<GroupId>,
    ) -> HeldVia {
        match member_type.to_ascii_lowercase().as_str() {
            "group" => HeldVia::Group { name: group_name, id: group_id },
            "inherited" => HeldVia::Inherited,
            _ => HeldVia::Direct,
        }
    }
}

impl ActiveKind {
    /// Reads `assignmentType`: `Activated` is an activation, anything else a direct assignment.
    pub fn from_assignment_type(assignment_type: &str) -> ActiveKind {
        if assignment_type.eq_ignore_ascii_case("activated") {
            ActiveKind::Activated
        } else {
            ActiveKind::Assigned
        }
    }
}

impl ScopeLabel {
    /// An Entra directory scope; `display_name` is the AU or application name when known.
    pub fn for_directory(
        scope: &DirectoryScopeId,
        display_name: Option<&str>,
        tenant_name: &str,
    ) -> ScopeLabel {
        let (kind, fallback) = match scope.kind() {
            DirectoryScopeKind::Tenant => (ScopeKind::Tenant, tenant_name.to_owned()),
            DirectoryScopeKind::AdministrativeUnit(id) => (ScopeKind::AdministrativeUnit, id),
            DirectoryScopeKind::Object(id) => (ScopeKind::DirectoryObject, id),
        };
        let name = match kind {
            ScopeKind::Tenant => fallback,
            _ => display_name.filter(|n| !n.trim().is_empty()).map_or(fallback, str::to_owned),
        };
        ScopeLabel { kind, name }
    }

    /// An ARM scope; `display_name` is `expandedProperties.scope.displayName` when present.
    pub fn for_arm(scope: &ArmScope, display_name: Option<&str>) -> ScopeLabel {
        let kind = match scope.kind() {
            ArmScopeKind::Root | ArmScopeKind::ManagementGroup => ScopeKind::ManagementGroup,
            ArmScopeKind::Subscription => ScopeKind::Subscription,
            ArmScopeKind::ResourceGroup => ScopeKind::ResourceGroup,
            ArmScopeKind::Resource | ArmScopeKind::Other => ScopeKind::Resource,
        };
        let name = display_name.filter(|n| !n.trim().is_empty()).unwrap_or_else(|| scope.short_name());
        ScopeLabel { kind, name: name.to_owned() }
    }
}

/// An assignment in force (`…AssignmentScheduleInstances`).
#[derive(Clone, Debug)]
pub struct ActiveFact {
    /// The item as it would appear if not eligible (name, scope, ids).
    pub item: RoleItem,
    /// `startDateTime`.
    pub start: DateTime<Utc>,
    /// `endDateTime`; `None` = permanent.
    pub end: Option<DateTime<Utc>>,
    /// From `assignmentType`.
    pub kind: ActiveKind,
}

/// An activation granted from a later start (`…AssignmentSchedules` with a future start).
#[derive(Clone, Debug)]
pub struct ScheduledFact {
    /// The item.
    pub key: ItemKey,
    /// When it starts.
    pub start: DateTime<Utc>,
    /// When it ends.
    pub end: Option<DateTime<Utc>>,
}

/// A pending activation request (`status` `PendingApproval`, `Granted` not yet provisioned…).
#[derive(Clone, Debug)]
pub struct PendingFact {
    /// The item.
    pub key: ItemKey,
    /// The request (cancel with it).
    pub request: RequestId,
}

fn later_end(a: Option<DateTime<Utc>>, b: Option<DateTime<Utc>>) -> Option<DateTime<Utc>> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        _ => None,
    }
}

/// One item per key: duplicate eligibilities fold (direct holding wins, the latest end wins),
/// active assignments set the state (or add an item held only as active), scheduled and pending
/// activations mark eligible items. Eligible items keep their order; active-only items follow.
/// Linear in the number of records (a key index, no pairwise search), for large tenants.
pub fn merge_items(
    eligible: Vec<RoleItem>,
    active: Vec<ActiveFact>,
    scheduled: Vec<ScheduledFact>,
    pending: Vec<PendingFact>,
) -> Vec<RoleItem> {
    let mut items: Vec<RoleItem> = Vec::with_capacity(eligible.len() + active.len());
    let mut index: HashMap<ItemKey, usize> = HashMap::with_capacity(items.capacity());
    for item in eligible {
        match index.get(&item.key) {
            Some(&i) => {
                let existing = &mut items[i];
                existing.eligibility_end = later_end(existing.eligibility_end, item.eligibility_end);
                if item.held == HeldVia::Direct {
                    existing.held = HeldVia::Direct;
                }
            }
            None => {
                index.insert(item.key.clone(), items.len());
                items.push(item);
            }
        }
    }
    for fact in active {
        let state = ItemState::Active { start: fact.start, end: fact.end, kind: fact.kind };
        match index.get(&fact.item.key) {
            Some(&i) => {
                let existing = &mut items[i];
                let keep = matches!(existing.state, ItemState::Active { end, .. } if later_end(end, fact.end) == end);
                if !keep {
                    existing.state = state;
                }
            }
            None => {
                index.insert(fact.item.key.clone(), items.len());
                items.push(RoleItem { state, eligible: fact.kind == ActiveKind::Activated, ..fact.item });
            }
        }
    }
    let mut mark = |key: &ItemKey, state: ItemState| {
        if let Some(item) = index.get(key).map(|&i| &mut items[i]).filter(|i| i.state == ItemState::Eligible)
        {
            item.state = state;
        }
    };
    for fact in scheduled {
        mark(&fact.key, ItemState::Scheduled { start: fact.start, end: fact.end });
    }
    for fact in pending {
        mark(&fact.key, ItemState::ActivationPending { request: fact.request });
    }
    items
}

#[cfg(test)]
#[path = "catalog_tests.rs"]
mod tests;
