//! Approval settings inside an approval rule, and the approvers they name: Graph `subjectSet`
//! subtypes (`#microsoft.graph.singleUser`, `#microsoft.graph.groupMembers`, …) or ARM
//! `{id, description, isBackup, userType}`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{json, Map, Value};

use super::values::{ApprovalMode, ApproverType};

/// `approvalSettings`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApprovalSettings {
    #[serde(rename = "@odata.type", default, skip_serializing_if = "Option::is_none")]
    pub odata_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_approval_required: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_approval_required_for_extension: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_requestor_justification_required: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval_mode: Option<ApprovalMode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval_stages: Option<Vec<ApprovalStageSettings>>,
}

/// `unifiedApprovalStage` (Graph) / `approvalStage` (ARM).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApprovalStageSettings {
    #[serde(rename = "@odata.type", default, skip_serializing_if = "Option::is_none")]
    pub odata_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval_stage_time_out_in_days: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_approver_justification_required: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalation_time_in_minutes: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_escalation_enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_approvers: Option<Vec<Approver>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalation_approvers: Option<Vec<Approver>>,
}

/// Who may approve.
#[derive(Clone, Debug, PartialEq)]
pub enum Approver {
    /// Graph `#microsoft.graph.singleUser`.
    SingleUser { user_id: String, description: Option<String> },
    /// Graph `#microsoft.graph.groupMembers`.
    GroupMembers { group_id: String, description: Option<String> },
    /// An ARM approver.
    Arm { id: String, description: Option<String>, is_backup: Option<bool>, user_type: Option<ApproverType> },
    /// Any other subject set (requestor manager, attribute rule, …), kept verbatim.
    Other(Value),
}

impl Approver {
    /// The user or group id, when there is one.
    pub fn object_id(&self) -> Option<&str> {
        match self {
            Approver::SingleUser { user_id, .. } => Some(user_id),
            Approver::GroupMembers { group_id, .. } => Some(group_id),
            Approver::Arm { id, .. } => Some(id),
            Approver::Other(_) => None,
        }
    }
}

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_owned)
}

impl<'de> Deserialize<'de> for Approver {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        let odata = text(&v, "@odata.type").map(|t| t.trim_start_matches('#').to_ascii_lowercase());
        let description = text(&v, "description");
        let is_backup = v.get("isBackup").and_then(Value::as_bool);
        Ok(match (odata.as_deref(), text(&v, "userId"), text(&v, "groupId"), text(&v, "id")) {
            // Graph subject sets have no `isBackup`; one that carries it is kept verbatim.
            (Some("microsoft.graph.singleuser"), Some(user_id), _, _) if is_backup.is_none() => {
                Approver::SingleUser { user_id, description }
            }
            (Some("microsoft.graph.groupmembers"), _, Some(group_id), _) if is_backup.is_none() => {
                Approver::GroupMembers { group_id, description }
            }
            (None, _, _, Some(id)) if v.get("userType").is_some() || v.get("isBackup").is_some() => {
                let user_type = text(&v, "userType").map(|t| ApproverType::parse(&t));
                Approver::Arm { id, description, is_backup, user_type }
            }
            _ => Approver::Other(v),
        })
    }
}

impl Serialize for Approver {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (mut map, description, is_backup) = match self {
            Approver::SingleUser { user_id, description } => (
                obj(json!({"@odata.type": "#microsoft.graph.singleUser", "userId": user_id})),
                description,
                &None,
            ),
            Approver::GroupMembers { group_id, description } => (
                obj(json!({"@odata.type": "#microsoft.graph.groupMembers", "groupId": group_id})),
                description,
                &None,
            ),
            Approver::Arm { id, description, is_backup, user_type } => {
                let mut m = obj(json!({ "id": id }));
                if let Some(t) = user_type {
                    m.insert("userType".into(), Value::String(t.as_str().to_owned()));
                }
                (m, description, is_backup)
            }
            Approver::Other(v) => return v.serialize(s),
        };
        if let Some(d) = description {
            map.insert("description".into(), Value::String(d.clone()));
        }
        if let Some(b) = is_backup {
            map.insert("isBackup".into(), Value::Bool(*b));
        }
        Value::Object(map).serialize(s)
    }
}

fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}
