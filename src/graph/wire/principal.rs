//! Directory objects: the polymorphic `directoryObject` behind `$expand=principal` (user,
//! group, service principal, administrative unit) and the user and group shapes the pickers
//! list.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::enums::null_default;

/// A user (pickers, expanded principals).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: Option<String>,
    pub display_name: Option<String>,
    pub user_principal_name: Option<String>,
    pub mail: Option<String>,
    pub job_title: Option<String>,
    pub given_name: Option<String>,
    pub surname: Option<String>,
}

/// A group (pickers, PIM for Groups, expanded principals).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    pub id: Option<String>,
    pub display_name: Option<String>,
    pub description: Option<String>,
    pub mail: Option<String>,
    pub security_enabled: Option<bool>,
    pub is_assignable_to_role: Option<bool>,
    #[serde(default, deserialize_with = "null_default")]
    pub group_types: Vec<String>,
}

/// An application's service principal.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServicePrincipal {
    pub id: Option<String>,
    pub display_name: Option<String>,
    pub app_id: Option<String>,
}

/// An administrative unit (a directory scope below the tenant).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AdministrativeUnit {
    pub id: Option<String>,
    pub display_name: Option<String>,
    pub description: Option<String>,
}

/// A `directoryObject`, told apart by `@odata.type`. Unknown or missing types are kept with
/// their id and display name.
#[derive(Clone, Debug, PartialEq)]
pub enum DirectoryObject {
    User(User),
    Group(Group),
    ServicePrincipal(ServicePrincipal),
    AdministrativeUnit(AdministrativeUnit),
    /// Any other directory object (device, directory role, …) or one without `@odata.type`.
    Other {
        odata_type: Option<String>,
        id: Option<String>,
        display_name: Option<String>,
    },
}

impl DirectoryObject {
    /// The object id.
    pub fn id(&self) -> Option<&str> {
        match self {
            DirectoryObject::User(u) => u.id.as_deref(),
            DirectoryObject::Group(g) => g.id.as_deref(),
            DirectoryObject::ServicePrincipal(s) => s.id.as_deref(),
            DirectoryObject::AdministrativeUnit(a) => a.id.as_deref(),
            DirectoryObject::Other { id, .. } => id.as_deref(),
        }
    }

    /// The name to show.
    pub fn display_name(&self) -> Option<&str> {
        match self {
            DirectoryObject::User(u) => u.display_name.as_deref(),
            DirectoryObject::Group(g) => g.display_name.as_deref(),
            DirectoryObject::ServicePrincipal(s) => s.display_name.as_deref(),
            DirectoryObject::AdministrativeUnit(a) => a.display_name.as_deref(),
            DirectoryObject::Other { display_name, .. } => display_name.as_deref(),
        }
    }
}

impl<'de> Deserialize<'de> for DirectoryObject {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(d)?;
        let odata_type = value.get("@odata.type").and_then(Value::as_str).map(str::to_owned);
        let short =
            odata_type.as_deref().map(|t| t.trim_start_matches('#').trim_start_matches("microsoft.graph."));
        let e = serde::de::Error::custom;
        // Read back from text, not with from_value: the wasm then needs no second deserializer
        // (serde_json's for Value) besides the one for text (README "Performance").
        Ok(match short.map(str::to_ascii_lowercase).as_deref() {
            Some("user") => DirectoryObject::User(serde_json::from_str(&value.to_string()).map_err(e)?),
            Some("group") => DirectoryObject::Group(serde_json::from_str(&value.to_string()).map_err(e)?),
            Some("serviceprincipal") => {
                DirectoryObject::ServicePrincipal(serde_json::from_str(&value.to_string()).map_err(e)?)
            }
            Some("administrativeunit") => {
                DirectoryObject::AdministrativeUnit(serde_json::from_str(&value.to_string()).map_err(e)?)
            }
            _ => DirectoryObject::Other {
                id: value.get("id").and_then(Value::as_str).map(str::to_owned),
                display_name: value.get("displayName").and_then(Value::as_str).map(str::to_owned),
                odata_type,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn principals_are_told_apart_by_odata_type() {
        let u: DirectoryObject =
            serde_json::from_str(r##"{"@odata.type":"#microsoft.graph.user","id":"1","displayName":"Ada"}"##)
                .unwrap();
        assert!(matches!(u, DirectoryObject::User(_)));
        assert_eq!(u.display_name(), Some("Ada"));
        let g: DirectoryObject =
            serde_json::from_str(r##"{"@odata.type":"#microsoft.graph.group","id":"2"}"##).unwrap();
        assert!(matches!(g, DirectoryObject::Group(_)));
        let d: DirectoryObject =
            serde_json::from_str(r##"{"@odata.type":"#microsoft.graph.device","id":"3"}"##).unwrap();
        assert_eq!(d.id(), Some("3"));
        assert!(matches!(d, DirectoryObject::Other { .. }));
    }
}
