//! Role management policies (role settings) and their assignments to roles, groups and
//! scopes (v1.0 `policies/roleManagementPolicies`, `policies/roleManagementPolicyAssignments`).

use serde::Deserialize;

use super::enums::null_default;
use super::rules::PolicyRule;
use super::schedule::Identity;
use super::time::Timestamp;
use crate::domain::{PolicyId, RoleDefinitionId};

/// A role management policy with its rules (`$expand=rules` / `effectiveRules`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleManagementPolicy {
    pub id: Option<PolicyId>,
    pub display_name: Option<String>,
    pub description: Option<String>,
    pub is_organization_default: Option<bool>,
    pub scope_id: Option<String>,
    pub scope_type: Option<String>,
    pub last_modified_date_time: Option<Timestamp>,
    pub last_modified_by: Option<Identity>,
    #[serde(default, deserialize_with = "null_default")]
    pub rules: Vec<PolicyRule>,
    #[serde(default, deserialize_with = "null_default")]
    pub effective_rules: Vec<PolicyRule>,
}

/// Which policy applies to which role (or group access) at which scope.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleManagementPolicyAssignment {
    pub id: Option<String>,
    pub policy_id: Option<PolicyId>,
    pub scope_id: Option<String>,
    /// `Directory`, `DirectoryRole` or `Group`.
    pub scope_type: Option<String>,
    /// A role id, or `member` / `owner` for groups.
    pub role_definition_id: Option<RoleDefinitionId>,
    /// `$expand=policy($expand=rules)`.
    pub policy: Option<RoleManagementPolicy>,
}

/// Body of a policy-level `PATCH policies/roleManagementPolicies/{id}` (PIM for Groups):
/// the rules to change.
#[derive(Clone, Debug, PartialEq, serde::Serialize, Deserialize)]
pub struct RoleManagementPolicyPatch {
    pub rules: Vec<PolicyRule>,
}
