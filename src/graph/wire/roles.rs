//! Entra directory roles under PIM (v1.0 `roleManagement/directory`): schedule requests (the
//! write model and history), schedules (current and future) and instances (in force now),
//! plus role definitions and plain role assignments.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::enums::null_default;
use super::principal::DirectoryObject;
use super::schedule::{IdentitySet, RequestSchedule, TicketInfo};
use super::time::Timestamp;
use super::values::{AssignmentType, MemberType, RequestStatus, ScheduleAction};
use crate::domain::{DirectoryScopeId, PrincipalId, RoleDefinitionId};

/// Body of `POST roleAssignmentScheduleRequests` and `POST roleEligibilityScheduleRequests`
/// for every action (selfActivate, selfDeactivate, selfExtend, selfRenew, adminAssign,
/// adminUpdate, adminRemove, adminExtend, adminRenew). Only what is set is written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleScheduleRequestBody {
    pub action: ScheduleAction,
    pub principal_id: PrincipalId,
    pub role_definition_id: RoleDefinitionId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub directory_scope_id: Option<DirectoryScopeId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_scope_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub justification: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule_info: Option<RequestSchedule>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket_info: Option<TicketInfo>,
    /// `true`: evaluate the policy without changing anything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_validation_only: Option<bool>,
    /// The schedule an update, extend or renew applies to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_schedule_id: Option<String>,
}

/// A role assignment or eligibility schedule request as the service returns it.
/// Every field is optional: `$select` trims responses to what was asked.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleScheduleRequest {
    pub id: Option<String>,
    pub status: Option<RequestStatus>,
    pub created_date_time: Option<Timestamp>,
    pub completed_date_time: Option<Timestamp>,
    /// Set while approval is pending; equals the request id.
    pub approval_id: Option<String>,
    pub custom_data: Option<String>,
    pub created_by: Option<IdentitySet>,
    pub action: Option<ScheduleAction>,
    pub principal_id: Option<PrincipalId>,
    pub role_definition_id: Option<RoleDefinitionId>,
    pub directory_scope_id: Option<DirectoryScopeId>,
    pub app_scope_id: Option<String>,
    pub is_validation_only: Option<bool>,
    pub target_schedule_id: Option<String>,
    pub justification: Option<String>,
    pub schedule_info: Option<RequestSchedule>,
    pub ticket_info: Option<TicketInfo>,
    /// `$expand=roleDefinition`.
    pub role_definition: Option<RoleDefinition>,
    /// `$expand=principal`.
    pub principal: Option<DirectoryObject>,
    /// `$expand=directoryScope`.
    pub directory_scope: Option<DirectoryObject>,
    /// `$expand=targetSchedule`.
    pub target_schedule: Option<Box<RoleSchedule>>,
    /// `$expand=activatedUsing` (the eligibility schedule used to activate).
    pub activated_using: Option<Box<RoleSchedule>>,
}

/// A role assignment or eligibility schedule (current and future-dated).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleSchedule {
    pub id: Option<String>,
    pub principal_id: Option<PrincipalId>,
    pub role_definition_id: Option<RoleDefinitionId>,
    pub directory_scope_id: Option<DirectoryScopeId>,
    pub app_scope_id: Option<String>,
    pub created_using: Option<String>,
    pub created_date_time: Option<Timestamp>,
    pub modified_date_time: Option<Timestamp>,
    pub status: Option<RequestStatus>,
    pub schedule_info: Option<RequestSchedule>,
    pub assignment_type: Option<AssignmentType>,
    pub member_type: Option<MemberType>,
    pub role_definition: Option<RoleDefinition>,
    pub principal: Option<DirectoryObject>,
}

/// A role assignment or eligibility in force now.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleScheduleInstance {
    pub id: Option<String>,
    pub principal_id: Option<PrincipalId>,
    pub role_definition_id: Option<RoleDefinitionId>,
    pub directory_scope_id: Option<DirectoryScopeId>,
    pub app_scope_id: Option<String>,
    /// `None` for permanent assignments.
    pub start_date_time: Option<Timestamp>,
    pub end_date_time: Option<Timestamp>,
    pub member_type: Option<MemberType>,
    /// Assignment instances only.
    pub assignment_type: Option<AssignmentType>,
    pub role_assignment_origin_id: Option<String>,
    pub role_assignment_schedule_id: Option<String>,
    /// Eligibility instances only.
    pub role_eligibility_schedule_id: Option<String>,
    pub role_definition: Option<RoleDefinition>,
    pub principal: Option<DirectoryObject>,
    pub directory_scope: Option<DirectoryObject>,
}

/// A permission set inside a role definition.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RolePermission {
    #[serde(default, deserialize_with = "null_default")]
    pub allowed_resource_actions: Vec<String>,
    pub condition: Option<String>,
}

/// An Entra role definition (`unifiedRoleDefinition`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleDefinition {
    pub id: Option<RoleDefinitionId>,
    pub display_name: Option<String>,
    pub description: Option<String>,
    pub is_built_in: Option<bool>,
    pub is_enabled: Option<bool>,
    pub template_id: Option<String>,
    pub version: Option<String>,
    #[serde(default, deserialize_with = "null_default")]
    pub resource_scopes: Vec<String>,
    #[serde(default, deserialize_with = "null_default")]
    pub role_permissions: Vec<RolePermission>,
    /// `inheritsPermissionsFrom` (expanded role definitions; only ids are read).
    #[serde(default, deserialize_with = "null_default")]
    pub inherits_permissions_from: Vec<Value>,
}

/// A plain (non-PIM) role assignment, activated roles included.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleAssignment {
    pub id: Option<String>,
    pub principal_id: Option<PrincipalId>,
    pub role_definition_id: Option<RoleDefinitionId>,
    pub directory_scope_id: Option<DirectoryScopeId>,
    pub app_scope_id: Option<String>,
    pub role_definition: Option<RoleDefinition>,
    pub principal: Option<DirectoryObject>,
}
