//! Approvals: beta `roleAssignmentApprovals` (directory roles, `steps`), v1.0 group
//! `assignmentApprovals` (`stages`; beta calls them `steps` too), and the decision body.

use serde::{Deserialize, Serialize};

use super::enums::null_default;
use super::schedule::Identity;
use super::time::Timestamp;
use super::values::{ApprovalStepStatus, ReviewResult};

/// One approval step or stage.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApprovalStep {
    pub id: Option<String>,
    pub display_name: Option<String>,
    pub reviewed_date_time: Option<Timestamp>,
    pub review_result: Option<ReviewResult>,
    pub status: Option<ApprovalStepStatus>,
    pub assigned_to_me: Option<bool>,
    pub justification: Option<String>,
    pub reviewed_by: Option<Identity>,
}

/// An approval with its steps (beta) or stages (v1.0).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Approval {
    pub id: Option<String>,
    #[serde(default, deserialize_with = "null_default")]
    pub steps: Vec<ApprovalStep>,
    #[serde(default, deserialize_with = "null_default")]
    pub stages: Vec<ApprovalStep>,
}

impl Approval {
    /// Steps and stages together, whichever the version returned.
    pub fn all_steps(&self) -> impl Iterator<Item = &ApprovalStep> {
        self.steps.iter().chain(self.stages.iter())
    }

    /// The step the signed-in user can decide now: in progress and assigned to them.
    pub fn my_pending_step(&self) -> Option<&ApprovalStep> {
        self.all_steps()
            .find(|s| s.status == Some(ApprovalStepStatus::InProgress) && s.assigned_to_me == Some(true))
    }
}

/// Body of `PATCH …/steps/{id}` or `…/stages/{id}`: approve or deny.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApprovalDecisionBody {
    pub review_result: ReviewResult,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub justification: Option<String>,
}
