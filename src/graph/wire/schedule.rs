//! Pieces shared by every schedule request, schedule and instance: `requestSchedule`,
//! `expirationPattern`, `ticketInfo`, `identitySet`, and the OData collection envelope.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::enums::null_default;
use super::time::Timestamp;
use super::values::ExpirationType;
use crate::domain::IsoDuration;

/// When a request starts and how it ends (`requestSchedule`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestSchedule {
    /// Omitted for "start now".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date_time: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration: Option<ExpirationPattern>,
    /// Recurrence is documented as unsupported by PIM; kept verbatim if the service sends one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recurrence: Option<Value>,
}

/// How a schedule ends (`expirationPattern`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExpirationPattern {
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ExpirationType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date_time: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<IsoDuration>,
}

impl ExpirationPattern {
    /// Ends after a duration (`afterDuration`).
    pub fn after_duration(duration: IsoDuration) -> Self {
        ExpirationPattern {
            kind: Some(ExpirationType::AfterDuration),
            end_date_time: None,
            duration: Some(duration),
        }
    }
    /// Ends at an instant (`afterDateTime`).
    pub fn after_date_time(end: Timestamp) -> Self {
        ExpirationPattern {
            kind: Some(ExpirationType::AfterDateTime),
            end_date_time: Some(end),
            duration: None,
        }
    }
    /// Never ends (`noExpiration`).
    pub fn no_expiration() -> Self {
        ExpirationPattern { kind: Some(ExpirationType::NoExpiration), end_date_time: None, duration: None }
    }
}

/// A change ticket reference.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TicketInfo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket_system: Option<String>,
}

/// One identity inside an `identitySet` (or a `userIdentity`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Identity {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub display_name: Option<String>,
    /// Present on `userIdentity` and on approval reviewers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_principal_name: Option<String>,
    /// Present on approval reviewers `[O:evidence]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mail: Option<String>,
}

/// Who did something: a user, an application and/or a device.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IdentitySet {
    #[serde(default)]
    pub user: Option<Identity>,
    #[serde(default)]
    pub application: Option<Identity>,
    #[serde(default)]
    pub device: Option<Identity>,
}

/// A Graph collection page: `value` plus `@odata.nextLink` while more pages exist.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
pub struct ODataPage<T> {
    #[serde(default = "Vec::new", deserialize_with = "null_default")]
    pub value: Vec<T>,
    #[serde(rename = "@odata.nextLink", default)]
    pub next_link: Option<String>,
    #[serde(rename = "@odata.count", default)]
    pub count: Option<u64>,
}
