//! Sample items for unit tests (compiled only in tests).

use chrono::{DateTime, Utc};

use super::ids::{AccessId, ArmScope, DirectoryScopeId, GroupId, PrincipalId, RoleDefinitionId};
use super::item::{RequestTarget, RoleItem, ScopeKind, ScopeLabel};

/// A UTC time from RFC 3339 text.
pub fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// An Entra role at the tenant.
pub fn entra(name: &str, role: &str) -> RoleItem {
    RoleItem::new(
        name,
        ScopeLabel { kind: ScopeKind::Tenant, name: "Contoso".into() },
        PrincipalId::new("me"),
        RequestTarget::EntraRole { role: RoleDefinitionId::new(role), scope: DirectoryScopeId::tenant() },
    )
}

/// A group membership.
pub fn group(name: &str, id: &str) -> RoleItem {
    RoleItem::new(
        name,
        ScopeLabel { kind: ScopeKind::Group, name: name.into() },
        PrincipalId::new("me"),
        RequestTarget::Group { group: GroupId::new(id), access: AccessId::Member },
    )
}

/// An Azure role at a subscription.
pub fn azure(name: &str, role: &str, sub: &str) -> RoleItem {
    let scope = ArmScope::parse(&format!("/subscriptions/{sub}")).unwrap();
    RoleItem::new(
        name,
        ScopeLabel { kind: ScopeKind::Subscription, name: format!("Sub {sub}") },
        PrincipalId::new("me"),
        RequestTarget::Azure {
            role: RoleDefinitionId::new(format!(
                "/subscriptions/{sub}/providers/Microsoft.Authorization/roleDefinitions/{role}"
            )),
            scope,
            eligibility_schedule: None,
        },
    )
}
