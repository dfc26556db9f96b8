//! Role settings: role management policies, their assignments and rules.

use super::GraphClient;
use crate::domain::{GroupId, PolicyId, RoleDefinitionId, RuleId};
use crate::graph::error::GraphError;
use crate::graph::token::Api;
use crate::graph::transport::Method;
use crate::graph::url::odata_string;
use crate::graph::wire::{
    AccessId, PolicyRule, RoleManagementPolicy, RoleManagementPolicyAssignment, RoleManagementPolicyPatch,
};

const ASSIGNMENTS: &str = "policies/roleManagementPolicyAssignments";
const POLICIES: &str = "policies/roleManagementPolicies";

impl GraphClient {
    async fn policy_assignments(
        &self,
        filter: String,
    ) -> Result<Vec<RoleManagementPolicyAssignment>, GraphError> {
        let url = self.v1(ASSIGNMENTS).query("$filter", &filter).query("$expand", "policy($expand=rules)");
        self.graph_all(url.build(), &[]).await
    }

    /// The settings of one Entra role, rules included.
    /// `GET /v1.0/policies/roleManagementPolicyAssignments?$filter=scopeId eq '/' and scopeType eq 'DirectoryRole' and roleDefinitionId eq '{id}'&$expand=policy($expand=rules)`
    pub async fn role_policy(
        &self,
        role: &RoleDefinitionId,
    ) -> Result<Vec<RoleManagementPolicyAssignment>, GraphError> {
        let filter = format!(
            "scopeId eq '/' and scopeType eq 'DirectoryRole' and roleDefinitionId eq {}",
            odata_string(role.as_str())
        );
        self.policy_assignments(filter).await
    }

    /// Every Entra role's settings, rules included (one assignment per role).
    /// `GET /v1.0/policies/roleManagementPolicyAssignments?$filter=scopeId eq '/' and scopeType eq 'DirectoryRole'&$expand=policy($expand=rules)`
    pub async fn list_directory_role_policies(
        &self,
    ) -> Result<Vec<RoleManagementPolicyAssignment>, GraphError> {
        self.policy_assignments("scopeId eq '/' and scopeType eq 'DirectoryRole'".to_owned()).await
    }

    /// The settings of a group's membership or ownership.
    /// `GET /v1.0/policies/roleManagementPolicyAssignments?$filter=scopeId eq '{groupId}' and scopeType eq 'Group' and roleDefinitionId eq 'member'&$expand=policy($expand=rules)`
    pub async fn group_policy(
        &self,
        group: &GroupId,
        access: &AccessId,
    ) -> Result<Vec<RoleManagementPolicyAssignment>, GraphError> {
        let filter = format!(
            "scopeId eq {} and scopeType eq 'Group' and roleDefinitionId eq {}",
            odata_string(group.as_str()),
            odata_string(access.as_str())
        );
        self.policy_assignments(filter).await
    }

    /// Every per-role policy of the directory, with rules.
    /// `GET /v1.0/policies/roleManagementPolicies?$filter=scopeId eq '/' and scopeType eq 'DirectoryRole'&$expand=rules`
    pub async fn list_role_policies(&self) -> Result<Vec<RoleManagementPolicy>, GraphError> {
        let url = self.v1(POLICIES).query("$filter", "scopeId eq '/' and scopeType eq 'DirectoryRole'");
        self.graph_all(url.query("$expand", "rules").build(), &[]).await
    }

    /// One policy with its rules and effective rules.
    /// `GET /v1.0/policies/roleManagementPolicies/{id}?$expand=rules,effectiveRules`
    pub async fn get_policy(&self, id: &PolicyId) -> Result<RoleManagementPolicy, GraphError> {
        let url = self.v1(POLICIES).segment(id.as_str()).query("$expand", "rules,effectiveRules");
        self.get_json(Api::Graph, &url.build(), &[]).await
    }

    /// The rules of a policy. `GET /v1.0/policies/roleManagementPolicies/{id}/rules`
    pub async fn list_policy_rules(&self, id: &PolicyId) -> Result<Vec<PolicyRule>, GraphError> {
        let url = self.v1(POLICIES).segment(id.as_str()).fixed("rules").build();
        self.graph_all(url, &[]).await
    }

    /// One rule. `GET /v1.0/policies/roleManagementPolicies/{id}/rules/{ruleId}`
    pub async fn get_policy_rule(&self, id: &PolicyId, rule: &RuleId) -> Result<PolicyRule, GraphError> {
        let url = self.v1(POLICIES).segment(id.as_str()).fixed("rules").segment(rule.as_str()).build();
        self.get_json(Api::Graph, &url, &[]).await
    }

    /// Replaces one rule (the whole rule with `@odata.type`, `id` and `target`; 204).
    /// `PATCH /v1.0/policies/roleManagementPolicies/{id}/rules/{ruleId}`
    pub async fn update_policy_rule(&self, id: &PolicyId, rule: &PolicyRule) -> Result<(), GraphError> {
        let url = self.v1(POLICIES).segment(id.as_str()).fixed("rules").segment(rule.id.as_str()).build();
        self.send_no_content(Api::Graph, Method::Patch, &url, Some(rule)).await
    }

    /// Policy-level update of several rules (PIM for Groups).
    /// `PATCH /v1.0/policies/roleManagementPolicies/{id}`
    pub async fn update_policy(
        &self,
        id: &PolicyId,
        patch: &RoleManagementPolicyPatch,
    ) -> Result<(), GraphError> {
        let url = self.v1(POLICIES).segment(id.as_str()).build();
        self.send_no_content(Api::Graph, Method::Patch, &url, Some(patch)).await
    }
}
