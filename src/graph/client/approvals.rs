//! Approvals: directory roles through beta `roleAssignmentApprovals` (v1.0 has no such
//! segment), groups through v1.0 `assignmentApprovals` (`stages`).

use super::GraphClient;
use crate::domain::RequestId;
use crate::graph::error::GraphError;
use crate::graph::token::Api;
use crate::graph::transport::Method;
use crate::graph::wire::{Approval, ApprovalDecisionBody};

impl GraphClient {
    /// A directory-role approval with its steps (the approval id is the request id).
    /// `GET /beta/roleManagement/directory/roleAssignmentApprovals/{id}?$expand=steps`
    pub async fn get_role_approval(&self, approval: &RequestId) -> Result<Approval, GraphError> {
        let url = self.beta("roleManagement/directory/roleAssignmentApprovals").segment(approval.as_str());
        self.get_json(Api::Graph, &url.query("$expand", "steps").build(), &[]).await
    }

    /// Approves or denies my step of a directory-role approval (204).
    /// `PATCH /beta/roleManagement/directory/roleAssignmentApprovals/{id}/steps/{stepId}`
    pub async fn decide_role_approval(
        &self,
        approval: &RequestId,
        step_id: &str,
        decision: &ApprovalDecisionBody,
    ) -> Result<(), GraphError> {
        let url = self.beta("roleManagement/directory/roleAssignmentApprovals").segment(approval.as_str());
        let url = url.fixed("steps").segment(step_id).build();
        self.send_no_content(Api::Graph, Method::Patch, &url, Some(decision)).await
    }

    /// A group approval with its stages.
    /// `GET /v1.0/identityGovernance/privilegedAccess/group/assignmentApprovals/{id}?$expand=stages`
    pub async fn get_group_approval(&self, approval: &RequestId) -> Result<Approval, GraphError> {
        let url = self
            .v1("identityGovernance/privilegedAccess/group/assignmentApprovals")
            .segment(approval.as_str());
        self.get_json(Api::Graph, &url.query("$expand", "stages").build(), &[]).await
    }

    /// Approves or denies my stage of a group approval (204; 409 when already decided).
    /// v1.0 CSDL has `stages` while the doc page shows `steps` `[I]`; this uses `stages`.
    /// `PATCH /v1.0/identityGovernance/privilegedAccess/group/assignmentApprovals/{id}/stages/{stageId}`
    pub async fn decide_group_approval(
        &self,
        approval: &RequestId,
        stage_id: &str,
        decision: &ApprovalDecisionBody,
    ) -> Result<(), GraphError> {
        let url = self
            .v1("identityGovernance/privilegedAccess/group/assignmentApprovals")
            .segment(approval.as_str());
        let url = url.fixed("stages").segment(stage_id).build();
        self.send_no_content(Api::Graph, Method::Patch, &url, Some(decision)).await
    }
}
