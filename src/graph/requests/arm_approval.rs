//! Azure role approvals (ARM `Microsoft.Authorization/roleAssignmentApprovals`): read one to find
//! my stage, and decide it. API.md §6: `PATCH …/roleAssignmentApprovals/{id}/stages/{stageId}
//! ?api-version=2021-01-01-preview` with `reviewResult` and `justification` `[V]`; whether the
//! body is wrapped in `properties` like other ARM resources is `[I]`: this sends the wrapped form
//! (the ARM resource convention) and reads stages tolerantly.

use serde::{Deserialize, Serialize};

use crate::graph::client::GraphClient;
use crate::graph::error::GraphError;
use crate::graph::token::Api;
use crate::graph::transport::Method;
use crate::graph::url::UrlBuilder;
use crate::graph::wire::schedule::Identity;
use crate::graph::wire::values::{ApprovalStepStatus, ReviewResult};

/// The API version of ARM approvals (newer than the schedule APIs' 2020-10-01).
pub const ARM_APPROVAL_API_VERSION: &str = "2021-01-01-preview";

/// A stage's properties.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArmApprovalStageProperties {
    pub status: Option<ApprovalStepStatus>,
    pub review_result: Option<ReviewResult>,
    pub assigned_to_me: Option<bool>,
    pub justification: Option<String>,
    pub reviewed_by: Option<Identity>,
}

/// One stage (`name` is the stage id).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArmApprovalStage {
    pub name: Option<String>,
    #[serde(default)]
    pub properties: ArmApprovalStageProperties,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
struct ArmApprovalProperties {
    #[serde(default)]
    stages: Vec<ArmApprovalStage>,
}

/// An ARM approval with its stages.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct ArmApproval {
    pub name: Option<String>,
    #[serde(default)]
    properties: ArmApprovalProperties,
}

impl ArmApproval {
    /// Every stage.
    pub fn stages(&self) -> &[ArmApprovalStage] {
        &self.properties.stages
    }

    /// The stage I can decide now: in progress and assigned to me.
    pub fn my_pending_stage(&self) -> Option<&ArmApprovalStage> {
        self.stages().iter().find(|s| {
            s.properties.status == Some(ApprovalStepStatus::InProgress)
                && s.properties.assigned_to_me == Some(true)
        })
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DecisionProperties<'a> {
    review_result: &'a ReviewResult,
    #[serde(skip_serializing_if = "Option::is_none")]
    justification: Option<&'a str>,
}

#[derive(Serialize)]
struct DecisionBody<'a> {
    properties: DecisionProperties<'a>,
}

/// `…/roleAssignmentApprovals/{id}` from either the bare id or the full `approvalId` path.
fn approval_url(client: &GraphClient, approval: &str) -> UrlBuilder {
    let id = approval.rsplit('/').find(|s| !s.is_empty()).unwrap_or(approval);
    UrlBuilder::new(&client.endpoints().arm, "providers/Microsoft.Authorization/roleAssignmentApprovals")
        .segment(id)
}

impl GraphClient {
    /// An Azure role approval with its stages.
    /// `GET /providers/Microsoft.Authorization/roleAssignmentApprovals/{id}?api-version=2021-01-01-preview`
    pub async fn arm_get_approval(&self, approval: &str) -> Result<ArmApproval, GraphError> {
        let url = approval_url(self, approval).query("api-version", ARM_APPROVAL_API_VERSION).build();
        self.get_json(Api::Arm, &url, &[]).await
    }

    /// Approves or denies my stage of an Azure role approval.
    /// `PATCH /providers/Microsoft.Authorization/roleAssignmentApprovals/{id}/stages/{stageId}?api-version=2021-01-01-preview`
    pub async fn arm_decide_approval(
        &self,
        approval: &str,
        stage: &str,
        result: &ReviewResult,
        justification: Option<&str>,
    ) -> Result<(), GraphError> {
        let url = approval_url(self, approval).fixed("stages").segment(stage);
        let url = url.query("api-version", ARM_APPROVAL_API_VERSION).build();
        let body = DecisionBody { properties: DecisionProperties { review_result: result, justification } };
        self.send_no_content(Api::Arm, Method::Patch, &url, Some(&body)).await
    }
}
