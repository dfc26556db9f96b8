//! [`RoleItem`]: one row of "My roles", whatever its plane.
//!
//! The UI adapter builds these from Graph and ARM instances (eligibility + assignment + pending
//! requests merged by [`ItemKey`]); everything else in `domain` reads them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::ids::{
    AccessId, ArmScope, DirectoryScopeId, EligibilityScheduleId, GroupId, PrincipalId, RequestId,
    RoleDefinitionId,
};
use super::item_key::{ItemKey, Plane};

/// The kind of place a role applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ScopeKind {
    /// The whole directory.
    Tenant,
    /// An administrative unit.
    AdministrativeUnit,
    /// A single directory object (an application).
    DirectoryObject,
    /// A PIM group.
    Group,
    /// An Azure management group (or the tenant root).
    ManagementGroup,
    /// An Azure subscription.
    Subscription,
    /// An Azure resource group.
    ResourceGroup,
    /// A single Azure resource.
    Resource,
}

impl ScopeKind {
    /// All kinds, in display order.
    pub const ALL: [ScopeKind; 8] = [
        ScopeKind::Tenant,
        ScopeKind::AdministrativeUnit,
        ScopeKind::DirectoryObject,
        ScopeKind::Group,
        ScopeKind::ManagementGroup,
        ScopeKind::Subscription,
        ScopeKind::ResourceGroup,
        ScopeKind::Resource,
    ];

    /// A user-facing label.
    pub fn label(self) -> &'static str {
        match self {
            ScopeKind::Tenant => "Tenant",
            ScopeKind::AdministrativeUnit => "Administrative unit",
            ScopeKind::DirectoryObject => "Application",
            ScopeKind::Group => "Group",
            ScopeKind::ManagementGroup => "Management group",
            ScopeKind::Subscription => "Subscription",
            ScopeKind::ResourceGroup => "Resource group",
            ScopeKind::Resource => "Resource",
        }
    }

    /// The token used in URLs (`tenant`, `au`, `app`, `group`, `mg`, `sub`, `rg`, `resource`).
    pub fn token(self) -> &'static str {
        match self {
            ScopeKind::Tenant => "tenant",
            ScopeKind::AdministrativeUnit => "au",
            ScopeKind::DirectoryObject => "app",
            ScopeKind::Group => "group",
            ScopeKind::ManagementGroup => "mg",
            ScopeKind::Subscription => "sub",
            ScopeKind::ResourceGroup => "rg",
            ScopeKind::Resource => "resource",
        }
    }

    /// Reads a URL token.
    pub fn from_token(s: &str) -> Option<ScopeKind> {
        ScopeKind::ALL.into_iter().find(|k| k.token().eq_ignore_ascii_case(s))
    }
}

/// Where an item applies, for display.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScopeLabel {
    /// The kind of scope.
    pub kind: ScopeKind,
    /// Its display name ("Contoso", "Paris AU", "Pay-As-You-Go", "rg-web").
    pub name: String,
}

/// How the user holds the eligibility (Graph/ARM `memberType`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum HeldVia {
    /// Assigned to the user directly.
    Direct,
    /// Through membership of a group (its name when known).
    Group { name: Option<String>, id: Option<GroupId> },
    /// Inherited from a parent scope (ARM).
    Inherited,
}

/// Whether an active item came from an activation or a direct active assignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActiveKind {
    /// Activated from an eligibility (`assignmentType` `Activated`): can be deactivated.
    Activated,
    /// Assigned active by an administrator (`Assigned`): nothing to activate.
    Assigned,
}

/// Where the item stands now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ItemState {
    /// Eligible, not active.
    Eligible,
    /// In force; `end` is `None` for a permanent assignment.
    Active { start: DateTime<Utc>, end: Option<DateTime<Utc>>, kind: ActiveKind },
    /// An activation request waits for approval or provisioning.
    ActivationPending { request: RequestId },
    /// An activation was granted from a later start.
    Scheduled { start: DateTime<Utc>, end: Option<DateTime<Utc>> },
}

impl ItemState {
    /// True while the role is in force.
    pub fn is_active(&self) -> bool {
        matches!(self, ItemState::Active { .. })
    }

    /// The end of the current or scheduled activation.
    pub fn end(&self) -> Option<DateTime<Utc>> {
        match self {
            ItemState::Active { end, .. } | ItemState::Scheduled { end, .. } => *end,
            _ => None,
        }
    }
}

/// The ids a request about this item needs, per plane.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RequestTarget {
    /// Entra role: `roleDefinitionId` and `directoryScopeId`.
    EntraRole { role: RoleDefinitionId, scope: DirectoryScopeId },
    /// Group: `groupId` and `accessId`.
    Group { group: GroupId, access: AccessId },
    /// Azure: the full role definition id, the eligible scope, and the eligibility schedule
    /// (sent as `linkedRoleEligibilityScheduleId`).
    Azure { role: RoleDefinitionId, scope: ArmScope, eligibility_schedule: Option<EligibilityScheduleId> },
}

impl RequestTarget {
    /// The item key these ids make.
    pub fn key(&self) -> ItemKey {
        match self {
            RequestTarget::EntraRole { role, scope } => ItemKey::entra(role, scope),
            RequestTarget::Group { group, access } => ItemKey::group(group, *access),
            RequestTarget::Azure { role, scope, .. } => ItemKey::azure(role, scope),
        }
    }
}

/// One row of "My roles".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleItem {
    /// Stable key (derived from `target`).
    pub key: ItemKey,
    /// Role or group display name.
    pub name: String,
    /// Where it applies.
    pub scope: ScopeLabel,
    /// How the user holds it.
    pub held: HeldVia,
    /// Current state.
    pub state: ItemState,
    /// True when the user holds an eligibility (false for an active-only assignment).
    pub eligible: bool,
    /// When the eligibility ends (`None` = permanent), for extend/renew.
    pub eligibility_end: Option<DateTime<Utc>>,
    /// The signed-in user, as `principalId`.
    pub principal: PrincipalId,
    /// Ids for requests.
    pub target: RequestTarget,
}

impl RoleItem {
    /// A new eligible, inactive item held directly; adjust the public fields as needed.
    pub fn new(
        name: impl Into<String>,
        scope: ScopeLabel,
        principal: PrincipalId,
        target: RequestTarget,
    ) -> Self {
        RoleItem {
            key: target.key(),
            name: name.into(),
            scope,
            held: HeldVia::Direct,
            state: ItemState::Eligible,
            eligible: true,
            eligibility_end: None,
            principal,
            target,
        }
    }

    /// The plane.
    pub fn plane(&self) -> Plane {
        self.key.plane()
    }

    /// Member or owner, for group items.
    pub fn access(&self) -> Option<AccessId> {
        match &self.target {
            RequestTarget::Group { access, .. } => Some(*access),
            _ => None,
        }
    }

    /// The eligible ARM scope, for Azure items.
    pub fn arm_scope(&self) -> Option<&ArmScope> {
        match &self.target {
            RequestTarget::Azure { scope, .. } => Some(scope),
            _ => None,
        }
    }

    /// "Global Administrator", "Finance (owner)": the name with the group access when relevant.
    pub fn title(&self) -> String {
        match self.access() {
            Some(AccessId::Owner) => format!("{} (owner)", self.name),
            Some(AccessId::Member) => format!("{} (member)", self.name),
            None => self.name.clone(),
        }
    }

    /// "Direct", "Via group Helpdesk", "Inherited".
    pub fn held_label(&self) -> String {
        match &self.held {
            HeldVia::Direct => "Direct".to_owned(),
            HeldVia::Group { name: Some(n), .. } => format!("Via group {n}"),
            HeldVia::Group { name: None, .. } => "Via a group".to_owned(),
            HeldVia::Inherited => "Inherited".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group_item() -> RoleItem {
        RoleItem::new(
            "Finance admins",
            ScopeLabel { kind: ScopeKind::Group, name: "Finance admins".into() },
            PrincipalId::new("me"),
            RequestTarget::Group { group: GroupId::new("G1"), access: AccessId::Owner },
        )
    }

    #[test]
    fn key_and_plane_follow_the_target() {
        let item = group_item();
        assert_eq!(item.key, ItemKey::group(&GroupId::new("g1"), AccessId::Owner));
        assert_eq!(item.plane(), Plane::Group);
        assert_eq!(item.title(), "Finance admins (owner)");
        assert_eq!(item.arm_scope(), None);
    }

    #[test]
    fn held_labels_name_the_group() {
        let mut item = group_item();
        assert_eq!(item.held_label(), "Direct");
        item.held = HeldVia::Group { name: Some("Helpdesk".into()), id: None };
        assert_eq!(item.held_label(), "Via group Helpdesk");
    }

    #[test]
    fn state_reports_end_and_activity() {
        let t = DateTime::parse_from_rfc3339("2026-01-01T10:00:00Z").unwrap().with_timezone(&Utc);
        let active = ItemState::Active { start: t, end: Some(t), kind: ActiveKind::Activated };
        assert!(active.is_active());
        assert_eq!(active.end(), Some(t));
        assert!(!ItemState::Eligible.is_active());
        assert_eq!(ItemState::Eligible.end(), None);
    }

    #[test]
    fn scope_kind_tokens_round_trip() {
        for k in ScopeKind::ALL {
            assert_eq!(ScopeKind::from_token(k.token()), Some(k));
        }
    }
}
