//! Typed identifiers, so a role id is never passed where a principal id is expected.
//!
//! Each id is a thin string newtype that serialises as the bare string (`serde(transparent)`).
//! Only [`ArmScope`] validates its shape; the rest are opaque to the client (Graph ids are not
//! always GUIDs: policy ids look like `DirectoryRole_{tenant}_{guid}`).

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! string_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// Wraps a string.
            pub fn new(id: impl Into<String>) -> Self {
                $name(id.into())
            }
            /// The id as written on the wire.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.to_owned())
            }
        }
    };
}

string_id!(
    /// A directory object id (user, group or service principal) that holds a role.
    PrincipalId
);
string_id!(
    /// An Entra role definition id (`62e90394-…` for Global Administrator), or for ARM the full
    /// `/subscriptions/…/providers/Microsoft.Authorization/roleDefinitions/{guid}` id.
    RoleDefinitionId
);
string_id!(
    /// A security group id (PIM for Groups).
    GroupId
);
string_id!(
    /// An Entra directory scope: `/` for the tenant, `/administrativeUnits/{id}` for an AU.
    DirectoryScopeId
);
string_id!(
    /// A role management policy id (`DirectoryRole_{tenant}_{guid}`, `Group_…`, or an ARM id).
    PolicyId
);
string_id!(
    /// A policy rule id such as `Expiration_EndUser_Assignment`.
    RuleId
);
string_id!(
    /// The id of a schedule request (also the approval id of a pending request).
    RequestId
);
string_id!(
    /// An ARM eligibility schedule id, sent as `linkedRoleEligibilityScheduleId` on activation.
    EligibilityScheduleId
);

/// True when two ids name the same object (GUIDs and ARM ids are case-insensitive).
pub fn same_id(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

impl RoleDefinitionId {
    /// The trailing GUID of an ARM role definition id (the whole id for Entra roles), lowercased:
    /// ARM writes the same definition under different scope prefixes.
    pub fn guid(&self) -> String {
        self.0.rsplit('/').find(|s| !s.is_empty()).unwrap_or(&self.0).to_ascii_lowercase()
    }
}

/// What a [`DirectoryScopeId`] points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DirectoryScopeKind {
    /// `/` (or empty): the whole tenant.
    Tenant,
    /// `/administrativeUnits/{id}`.
    AdministrativeUnit(String),
    /// `/{objectId}`: one directory object (usually an application).
    Object(String),
}

/// Which side of a PIM group the user is eligible for (`accessId`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum AccessId {
    /// Group membership.
    Member,
    /// Group ownership.
    Owner,
}

impl AccessId {
    /// The wire value (`member` / `owner`).
    pub fn as_str(self) -> &'static str {
        match self {
            AccessId::Member => "member",
            AccessId::Owner => "owner",
        }
    }
    /// Reads `member` / `owner` in any case.
    pub fn parse(s: &str) -> Option<Self> {
        [AccessId::Member, AccessId::Owner].into_iter().find(|a| a.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

impl DirectoryScopeId {
    /// The whole tenant (`/`).
    pub fn tenant() -> Self {
        DirectoryScopeId("/".into())
    }
    /// The scope of one administrative unit.
    pub fn administrative_unit(id: &str) -> Self {
        DirectoryScopeId(format!("/administrativeUnits/{id}"))
    }
    /// Classifies the scope.
    pub fn kind(&self) -> DirectoryScopeKind {
        let trimmed = self.0.trim().trim_matches('/');
        if trimmed.is_empty() {
            return DirectoryScopeKind::Tenant;
        }
        match trimmed.split_once('/') {
            Some((seg, id)) if seg.eq_ignore_ascii_case("administrativeUnits") => {
                DirectoryScopeKind::AdministrativeUnit(id.to_owned())
            }
            _ => DirectoryScopeKind::Object(trimmed.to_owned()),
        }
    }
}

/// An Azure Resource Manager scope: `/subscriptions/{id}`, `/subscriptions/{id}/resourceGroups/{rg}`,
/// `/providers/Microsoft.Management/managementGroups/{id}`, a resource id, or the empty
/// tenant-wide scope used by `asTarget()` lists.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArmScope(String);

/// Why a string is not an ARM scope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScopeError(pub String);

impl fmt::Display for ScopeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\" is not an Azure scope such as /subscriptions/{{id}}", self.0)
    }
}

impl std::error::Error for ScopeError {}

impl ArmScope {
    /// The tenant-wide (empty) scope, for `asTarget()` lists across every subscription.
    pub fn tenant() -> Self {
        ArmScope(String::new())
    }

    /// Parses a scope: it starts with `/` (a missing one is added), has no empty segments
    /// (a trailing `/` is dropped) and no `?` or `#`.
    pub fn parse(input: &str) -> Result<Self, ScopeError> {
        let trimmed = input.trim().trim_end_matches('/');
        if trimmed.is_empty() {
            return Ok(ArmScope::tenant());
        }
        let with_slash = if trimmed.starts_with('/') { trimmed.to_owned() } else { format!("/{trimmed}") };
        let bad = with_slash[1..].split('/').any(|s| s.is_empty() || s.trim() != s)
            || with_slash.contains(['?', '#', '%']);
        if bad {
            return Err(ScopeError(input.to_owned()));
        }
        Ok(ArmScope(with_slash))
    }

    /// The scope's path segments (empty for the tenant scope).
    pub fn segments(&self) -> impl Iterator<Item = &str> {
        self.0.split('/').filter(|s| !s.is_empty())
    }

    /// The scope as written (`/subscriptions/…`, or empty).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ArmScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// True when `s` can name a tenant in an authority URL: a GUID or a domain name
/// (`fabrikam.onmicrosoft.com`). Anything else would make a sign-in URL the platform rejects.
pub fn looks_like_tenant(s: &str) -> bool {
    let guid = s.len() == 36
        && s.char_indices()
            .all(|(i, c)| if [8, 13, 18, 23].contains(&i) { c == '-' } else { c.is_ascii_hexdigit() });
    let domain = s.contains('.')
        && !s.starts_with('.')
        && !s.ends_with('.')
        && s.len() <= 253
        && s.split('.')
            .all(|label| !label.is_empty() && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    guid || domain
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenants_are_guids_or_domain_names() {
        assert!(looks_like_tenant("72f988bf-86f1-41af-91ab-2d7cd011db47"));
        assert!(looks_like_tenant("fabrikam.onmicrosoft.com"));
        for bad in
            ["", "fabrikam", "72f988bf-86f1-41af-91ab", "a b.com", "x.com/evil?", ".com", "contoso..com"]
        {
            assert!(!looks_like_tenant(bad), "{bad}");
        }
    }

    #[test]
    fn ids_serialise_as_bare_strings() {
        let id = RoleDefinitionId::new("62e90394-69f5-4237-9190-012177145e10");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"62e90394-69f5-4237-9190-012177145e10\"");
        let back: PrincipalId = serde_json::from_str("\"abc\"").unwrap();
        assert_eq!(back.as_str(), "abc");
    }

    #[test]
    fn arm_scopes_are_normalised_and_checked() {
        assert_eq!(ArmScope::parse("subscriptions/1/").unwrap().as_str(), "/subscriptions/1");
        assert_eq!(ArmScope::parse("").unwrap(), ArmScope::tenant());
        assert_eq!(ArmScope::parse("/subscriptions/1/resourceGroups/rg").unwrap().segments().count(), 4);
        assert!(ArmScope::parse("/subscriptions//x").is_err());
        assert!(ArmScope::parse("/subscriptions/1?x=1").is_err());
    }

    #[test]
    fn directory_scopes_are_classified() {
        assert_eq!(DirectoryScopeId::tenant().kind(), DirectoryScopeKind::Tenant);
        assert_eq!(DirectoryScopeId::new("").kind(), DirectoryScopeKind::Tenant);
        assert_eq!(
            DirectoryScopeId::new("/administrativeUnits/au-1").kind(),
            DirectoryScopeKind::AdministrativeUnit("au-1".into())
        );
        assert_eq!(DirectoryScopeId::administrative_unit("x").as_str(), "/administrativeUnits/x");
        assert_eq!(
            DirectoryScopeId::new("/app-object").kind(),
            DirectoryScopeKind::Object("app-object".into())
        );
    }

    #[test]
    fn arm_role_definition_guid_ignores_scope_prefix_and_case() {
        let a = RoleDefinitionId::new(
            "/subscriptions/S1/providers/Microsoft.Authorization/roleDefinitions/B24988AC-6180-42a0-ab88-20f7382dd24c",
        );
        let b = RoleDefinitionId::new(
            "/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c",
        );
        assert_eq!(a.guid(), b.guid());
        assert_eq!(RoleDefinitionId::new("62E90394").guid(), "62e90394");
        assert!(same_id("ABC", "abc"));
    }

    #[test]
    fn access_ids_read_any_case_and_serialise_camel_case() {
        assert_eq!(AccessId::parse("Owner"), Some(AccessId::Owner));
        assert_eq!(AccessId::parse("guest"), None);
        assert_eq!(serde_json::to_string(&AccessId::Member).unwrap(), "\"member\"");
    }
}
