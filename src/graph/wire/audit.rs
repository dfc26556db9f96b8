//! Directory audit records (`auditLogs/directoryAudits`), PIM history included.

use serde::Deserialize;

use super::enums::null_default;
use super::time::Timestamp;

/// Who started an audited activity.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditInitiator {
    pub user: Option<AuditUser>,
    pub app: Option<AuditApp>,
}

/// A user initiator.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditUser {
    pub id: Option<String>,
    pub display_name: Option<String>,
    pub user_principal_name: Option<String>,
    pub ip_address: Option<String>,
}

/// An application initiator.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditApp {
    pub app_id: Option<String>,
    pub display_name: Option<String>,
    pub service_principal_id: Option<String>,
    pub service_principal_name: Option<String>,
}

/// A property change on a target resource.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ModifiedProperty {
    pub display_name: Option<String>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

/// What an activity touched.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TargetResource {
    pub id: Option<String>,
    pub display_name: Option<String>,
    /// The docs' example writes `Type`; the schema says `type`.
    #[serde(rename = "type", alias = "Type")]
    pub kind: Option<String>,
    pub user_principal_name: Option<String>,
    pub group_type: Option<String>,
    #[serde(default, deserialize_with = "null_default")]
    pub modified_properties: Vec<ModifiedProperty>,
}

/// A key/value detail (justification and ticket often land here `[I]`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct KeyValue {
    pub key: Option<String>,
    pub value: Option<String>,
}

/// One `directoryAudit` record.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DirectoryAudit {
    pub id: Option<String>,
    pub category: Option<String>,
    pub correlation_id: Option<String>,
    pub result: Option<String>,
    pub result_reason: Option<String>,
    pub activity_display_name: Option<String>,
    pub activity_date_time: Option<Timestamp>,
    pub logged_by_service: Option<String>,
    pub operation_type: Option<String>,
    pub initiated_by: Option<AuditInitiator>,
    #[serde(default, deserialize_with = "null_default")]
    pub target_resources: Vec<TargetResource>,
    #[serde(default, deserialize_with = "null_default")]
    pub additional_details: Vec<KeyValue>,
}
