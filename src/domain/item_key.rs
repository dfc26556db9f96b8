//! [`ItemKey`]: a stable key for one eligible item, across the three planes.
//!
//! An Entra role at a directory scope, a group with member/owner access, or an Azure role
//! definition at an ARM scope. Ids are lowercased (GUIDs and ARM ids are case-insensitive, and
//! ARM writes one role definition under several scope prefixes, so only its GUID is kept).
//!
//! Compact string form, for URLs and local storage: `e:{role}:{scope}`, `g:{group}:{m|o}`,
//! `a:{role-guid}:{scope}`. Each part is percent-encoded except letters, digits, `-._~` and `/`,
//! so a key never contains `:` inside a part, nor `,` (deep links list keys with commas).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::encode::{decode, encode_keeping};
use super::ids::{AccessId, ArmScope, DirectoryScopeId, GroupId, RoleDefinitionId};

/// Which plane an item belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Plane {
    /// A Microsoft Entra directory role.
    EntraRole,
    /// PIM for Groups (membership or ownership).
    Group,
    /// An Azure resource role (ARM).
    Azure,
}

impl Plane {
    /// All planes, in display order.
    pub const ALL: [Plane; 3] = [Plane::EntraRole, Plane::Group, Plane::Azure];

    /// A short user-facing label.
    pub fn label(self) -> &'static str {
        match self {
            Plane::EntraRole => "Entra role",
            Plane::Group => "Group",
            Plane::Azure => "Azure role",
        }
    }

    /// The token used in URLs (`entra`, `group`, `azure`).
    pub fn token(self) -> &'static str {
        match self {
            Plane::EntraRole => "entra",
            Plane::Group => "group",
            Plane::Azure => "azure",
        }
    }

    /// Reads a URL token.
    pub fn from_token(s: &str) -> Option<Plane> {
        Plane::ALL.into_iter().find(|p| p.token().eq_ignore_ascii_case(s))
    }
}

/// The stable identity of one eligible item.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ItemKey {
    /// An Entra role at a directory scope (both lowercased).
    EntraRole { role: String, scope: String },
    /// A group with member or owner access (group id lowercased).
    Group { group: String, access: AccessId },
    /// An Azure role definition GUID at an ARM scope (both lowercased).
    Azure { role: String, scope: String },
}

/// Why a string is not an [`ItemKey`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemKeyError(pub String);

impl fmt::Display for ItemKeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\" is not an item key", self.0)
    }
}

impl std::error::Error for ItemKeyError {}

fn part(s: &str) -> String {
    encode_keeping(s, b"/")
}

impl ItemKey {
    /// The key of an Entra role at a directory scope.
    pub fn entra(role: &RoleDefinitionId, scope: &DirectoryScopeId) -> Self {
        let scope = if scope.as_str().trim().is_empty() { "/" } else { scope.as_str() };
        ItemKey::EntraRole { role: role.as_str().to_ascii_lowercase(), scope: scope.to_ascii_lowercase() }
    }

    /// The key of a group membership or ownership.
    pub fn group(group: &GroupId, access: AccessId) -> Self {
        ItemKey::Group { group: group.as_str().to_ascii_lowercase(), access }
    }

    /// The key of an Azure role at a scope (any scope prefix of the role definition id is ignored).
    pub fn azure(role: &RoleDefinitionId, scope: &ArmScope) -> Self {
        let scope = scope.normalized();
        // The tenant-root scope is written empty by `ArmScope::tenant()` and `/` by ARM.
        ItemKey::Azure { role: role.guid(), scope: if scope.is_empty() { "/".to_owned() } else { scope } }
    }

    /// The plane of the item.
    pub fn plane(&self) -> Plane {
        match self {
            ItemKey::EntraRole { .. } => Plane::EntraRole,
            ItemKey::Group { .. } => Plane::Group,
            ItemKey::Azure { .. } => Plane::Azure,
        }
    }

    /// The key its activation policy is found under: Entra role policies are per role for the
    /// whole tenant (`scopeId eq '/'`, API.md §5), so every directory scope shares one; groups
    /// (per group and access) and Azure roles (per role and scope) keep their own key.
    pub fn policy_key(&self) -> ItemKey {
        match self {
            ItemKey::EntraRole { role, .. } => {
                ItemKey::EntraRole { role: role.clone(), scope: "/".to_owned() }
            }
            other => other.clone(),
        }
    }

    /// The compact string form (see the module docs).
    pub fn to_compact(&self) -> String {
        match self {
            ItemKey::EntraRole { role, scope } => format!("e:{}:{}", part(role), part(scope)),
            ItemKey::Group { group, access } => {
                format!("g:{}:{}", part(group), if *access == AccessId::Owner { "o" } else { "m" })
            }
            ItemKey::Azure { role, scope } => format!("a:{}:{}", part(role), part(scope)),
        }
    }

    /// Reads the compact string form. Parts are lowercased again, so hand-edited keys still match.
    pub fn parse(s: &str) -> Result<Self, ItemKeyError> {
        let bad = || ItemKeyError(s.to_owned());
        let mut it = s.trim().splitn(3, ':');
        let (tag, a, b) =
            (it.next().ok_or_else(bad)?, it.next().ok_or_else(bad)?, it.next().ok_or_else(bad)?);
        let a = decode(a).filter(|a| !a.is_empty()).ok_or_else(bad)?.to_ascii_lowercase();
        let b = decode(b).filter(|b| !b.is_empty()).ok_or_else(bad)?.to_ascii_lowercase();
        match tag {
            "e" => Ok(ItemKey::EntraRole { role: a, scope: b }),
            "a" => Ok(ItemKey::Azure { role: a, scope: b }),
            "g" => {
                let access = match b.as_str() {
                    "m" | "member" => AccessId::Member,
                    "o" | "owner" => AccessId::Owner,
                    _ => return Err(bad()),
                };
                Ok(ItemKey::Group { group: a, access })
            }
            _ => Err(bad()),
        }
    }
}

impl fmt::Display for ItemKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_compact())
    }
}

impl std::str::FromStr for ItemKey {
    type Err = ItemKeyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ItemKey::parse(s)
    }
}

impl Serialize for ItemKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_compact())
    }
}

impl<'de> Deserialize<'de> for ItemKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        ItemKey::parse(&String::deserialize(deserializer)?).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn samples() -> Vec<ItemKey> {
        vec![
            ItemKey::entra(
                &RoleDefinitionId::new("62E90394-69F5-4237-9190-012177145E10"),
                &DirectoryScopeId::tenant(),
            ),
            ItemKey::entra(
                &RoleDefinitionId::new("fe930be7"),
                &DirectoryScopeId::administrative_unit("AU-1"),
            ),
            ItemKey::group(&GroupId::new("G-1"), AccessId::Owner),
            ItemKey::group(&GroupId::new("g:2,odd%"), AccessId::Member),
            ItemKey::azure(
                &RoleDefinitionId::new(
                    "/subscriptions/S1/providers/Microsoft.Authorization/roleDefinitions/B24988AC",
                ),
                &ArmScope::parse("/subscriptions/S1/resourceGroups/rg:weird, name é").unwrap(),
            ),
        ]
    }

    #[test]
    fn compact_form_round_trips_and_has_no_commas() {
        for key in samples() {
            let s = key.to_compact();
            assert!(!s.contains(','), "{s}");
            assert_eq!(ItemKey::parse(&s).unwrap(), key, "{s}");
            let json = serde_json::to_string(&key).unwrap();
            assert_eq!(serde_json::from_str::<ItemKey>(&json).unwrap(), key);
        }
    }

    #[test]
    fn keys_are_readable_and_case_insensitive() {
        let keys = samples();
        assert_eq!(keys[0].to_compact(), "e:62e90394-69f5-4237-9190-012177145e10:/");
        assert_eq!(keys[2].to_compact(), "g:g-1:o");
        assert_eq!(keys[4].plane(), Plane::Azure);
        let same_role_other_prefix = ItemKey::azure(
            &RoleDefinitionId::new("/providers/Microsoft.Authorization/roleDefinitions/b24988ac"),
            &ArmScope::parse("/SUBSCRIPTIONS/s1/resourcegroups/RG:weird, name é").unwrap(),
        );
        assert_eq!(same_role_other_prefix, keys[4]);
        assert_eq!(ItemKey::parse("G:G-1:owner").ok(), None, "tags are lowercase letters");
        assert_eq!(ItemKey::parse("g:G-1:owner").unwrap(), keys[2]);
    }

    #[test]
    fn azure_roles_at_the_tenant_root_have_a_key() {
        let root = ItemKey::azure(&RoleDefinitionId::new("18d7d88d"), &ArmScope::tenant());
        assert_eq!(root.to_compact(), "a:18d7d88d:/");
        assert_eq!(ItemKey::parse(&root.to_compact()).unwrap(), root);
        assert_eq!(ItemKey::azure(&RoleDefinitionId::new("18d7d88d"), &ArmScope::parse("/").unwrap()), root);
    }

    #[test]
    fn refuses_malformed_keys() {
        for s in ["", "x:1:2", "e:1", "g:1:admin", "e::/", "a:%zz:/"] {
            assert!(ItemKey::parse(s).is_err(), "{s}");
        }
    }

    #[test]
    fn entra_roles_share_one_policy_across_scopes() {
        let keys = samples();
        let au = ItemKey::entra(&RoleDefinitionId::new("fe930be7"), &DirectoryScopeId::tenant());
        assert_eq!(keys[1].policy_key(), au);
        assert_eq!(keys[2].policy_key(), keys[2]);
        assert_eq!(keys[4].policy_key(), keys[4]);
    }

    #[test]
    fn plane_tokens_round_trip() {
        for p in Plane::ALL {
            assert_eq!(Plane::from_token(p.token()), Some(p));
        }
    }
}
