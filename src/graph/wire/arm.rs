//! Azure resource roles under PIM (ARM `Microsoft.Authorization`, api-version 2020-10-01):
//! the `properties` envelope, `expandedProperties` with display names, `nextLink` paging,
//! PascalCase enums on the way out.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::enums::{null_default, pascal_opt};
use super::rules::PolicyRule;
use super::schedule::TicketInfo;
use super::time::Timestamp;
use super::values::{
    AssignmentType, ExpirationType, MemberType, PrincipalType, RequestStatus, ScheduleAction,
};
use crate::domain::{IsoDuration, PrincipalId, RoleDefinitionId};

/// An ARM resource: `id`, `name`, `type` around a `properties` object.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct ArmResource<P> {
    pub id: Option<String>,
    pub name: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub properties: P,
}

/// An ARM list page: `value` plus `nextLink` while more pages exist.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
pub struct ArmPage<T> {
    #[serde(default = "Vec::new", deserialize_with = "null_default")]
    pub value: Vec<T>,
    pub next_link: Option<String>,
}

/// ARM expiration (`AfterDuration`, `AfterDateTime`, `NoExpiration`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArmExpiration {
    #[serde(rename = "type", default, with = "pascal_opt", skip_serializing_if = "Option::is_none")]
    pub kind: Option<ExpirationType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date_time: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<IsoDuration>,
}

/// ARM schedule info.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArmScheduleInfo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date_time: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration: Option<ArmExpiration>,
}

/// The `properties` of a `PUT roleAssignmentScheduleRequests/{guid}` or
/// `roleEligibilityScheduleRequests/{guid}` body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArmScheduleRequestFields {
    pub principal_id: PrincipalId,
    /// The full ARM role definition id.
    pub role_definition_id: RoleDefinitionId,
    #[serde(with = "pascal_opt", default, skip_serializing_if = "Option::is_none")]
    pub request_type: Option<ScheduleAction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linked_role_eligibility_schedule_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_role_assignment_schedule_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_role_eligibility_schedule_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub justification: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule_info: Option<ArmScheduleInfo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket_info: Option<TicketInfo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition_version: Option<String>,
}

/// A schedule request body: `{"properties": {…}}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArmScheduleRequestBody {
    pub properties: ArmScheduleRequestFields,
}

/// A named thing in `expandedProperties` (scope, role definition).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArmNamed {
    pub id: Option<String>,
    pub display_name: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub email: Option<String>,
}

/// Display names returned with schedule objects, so no extra calls are needed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArmExpandedProperties {
    pub scope: Option<ArmNamed>,
    pub role_definition: Option<ArmNamed>,
    pub principal: Option<ArmNamed>,
}

/// Properties of a returned schedule request (assignment or eligibility).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArmScheduleRequest {
    pub scope: Option<String>,
    pub role_definition_id: Option<RoleDefinitionId>,
    pub principal_id: Option<PrincipalId>,
    pub principal_type: Option<PrincipalType>,
    pub request_type: Option<ScheduleAction>,
    pub status: Option<RequestStatus>,
    pub approval_id: Option<String>,
    pub schedule_info: Option<ArmScheduleInfo>,
    pub target_role_assignment_schedule_id: Option<String>,
    pub target_role_assignment_schedule_instance_id: Option<String>,
    pub target_role_eligibility_schedule_id: Option<String>,
    pub target_role_eligibility_schedule_instance_id: Option<String>,
    pub linked_role_eligibility_schedule_id: Option<String>,
    pub justification: Option<String>,
    pub ticket_info: Option<TicketInfo>,
    pub condition: Option<String>,
    pub condition_version: Option<String>,
    pub created_on: Option<Timestamp>,
    pub requestor_id: Option<String>,
    pub expanded_properties: Option<ArmExpandedProperties>,
}

/// Properties of a schedule or schedule instance (assignment or eligibility).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArmScheduleInstance {
    pub scope: Option<String>,
    pub role_definition_id: Option<RoleDefinitionId>,
    pub principal_id: Option<PrincipalId>,
    pub principal_type: Option<PrincipalType>,
    pub status: Option<RequestStatus>,
    pub role_eligibility_schedule_id: Option<String>,
    pub role_assignment_schedule_id: Option<String>,
    pub origin_role_assignment_id: Option<String>,
    pub linked_role_eligibility_schedule_id: Option<String>,
    pub linked_role_eligibility_schedule_instance_id: Option<String>,
    pub start_date_time: Option<Timestamp>,
    pub end_date_time: Option<Timestamp>,
    pub member_type: Option<MemberType>,
    pub assignment_type: Option<AssignmentType>,
    pub created_on: Option<Timestamp>,
    pub updated_on: Option<Timestamp>,
    pub condition: Option<String>,
    pub condition_version: Option<String>,
    pub expanded_properties: Option<ArmExpandedProperties>,
}

/// Properties of a role management policy.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArmPolicy {
    pub scope: Option<String>,
    pub display_name: Option<String>,
    pub description: Option<String>,
    pub is_organization_default: Option<bool>,
    pub last_modified_date_time: Option<Timestamp>,
    #[serde(default, deserialize_with = "null_default")]
    pub rules: Vec<PolicyRule>,
    #[serde(default, deserialize_with = "null_default")]
    pub effective_rules: Vec<PolicyRule>,
    /// Scope and last-modified details, kept verbatim.
    pub policy_properties: Option<Value>,
}

/// Properties of a role management policy assignment.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArmPolicyAssignment {
    pub scope: Option<String>,
    pub role_definition_id: Option<RoleDefinitionId>,
    pub policy_id: Option<String>,
    #[serde(default, deserialize_with = "null_default")]
    pub effective_rules: Vec<PolicyRule>,
    pub policy_assignment_properties: Option<ArmPolicyAssignmentDetails>,
}

/// Display names of a policy assignment's scope, role and policy.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArmPolicyAssignmentDetails {
    pub scope: Option<ArmNamed>,
    pub role_definition: Option<ArmNamed>,
    /// `{id, lastModifiedBy, lastModifiedDateTime}`, kept verbatim.
    pub policy: Option<Value>,
}

/// The rules of a policy PATCH.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArmPolicyRules {
    pub rules: Vec<PolicyRule>,
}

/// Body of `PATCH roleManagementPolicies/{name}`: `{"properties": {"rules": […]}}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArmPolicyPatchBody {
    pub properties: ArmPolicyRules,
}

/// A scope below an Azure eligibility where the role can be activated instead
/// (`eligibleChildResources`, api-version 2020-10-01): `{id, name, type}` per the Azure SDK docs
/// for `EligibleChildResources_Get` (not in the local fixtures; read tolerantly).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct EligibleChildResource {
    pub id: Option<String>,
    pub name: Option<String>,
    /// `resourcegroup`, `subscription`, `managementgroup`, or a resource type.
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// One subscription of `GET /subscriptions?api-version=2022-12-01` (Resource Manager
/// "Subscriptions - List"; NOT in API.md: shape from the Azure REST reference, sample
/// `value[].{id, subscriptionId, displayName, state}`; read tolerantly, everything optional).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArmSubscription {
    pub id: Option<String>,
    pub subscription_id: Option<String>,
    pub display_name: Option<String>,
    pub state: Option<String>,
}
