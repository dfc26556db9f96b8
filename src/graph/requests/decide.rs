//! The writes: cancel one of my requests, and approve or deny a request waiting for me. A
//! decision finds my step (beta `steps`, v1.0 group `stages`, ARM `stages`) and patches it; the
//! ways it can be refused are told apart so the page can say them in a plain sentence.

use super::load::is_mine;
use super::row::{RequestRef, RequestRow};
use crate::domain::error_kind::{ErrorKind, Explanation};
use crate::domain::ids::{PrincipalId, RequestId};
use crate::graph::adapt::{approver_note, error_kind};
use crate::graph::client::GraphClient;
use crate::graph::wire::values::ReviewResult;
use crate::graph::wire::{Approval, ApprovalDecisionBody};
use crate::graph::GraphError;

/// Cancels one of my pending requests (or one granted from a later start).
pub async fn cancel(client: &GraphClient, request: &RequestRef) -> Result<(), GraphError> {
    match request {
        RequestRef::EntraRole { id, .. } => client.cancel_role_assignment_request(id).await,
        RequestRef::Group { id, .. } => client.cancel_group_assignment_request(id).await,
        RequestRef::Azure { scope, name, .. } => client.arm_cancel_assignment_request(scope, name).await,
    }
}

/// Approve or deny.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Deny,
}

impl Decision {
    fn wire(self) -> ReviewResult {
        match self {
            Decision::Approve => ReviewResult::Approve,
            Decision::Deny => ReviewResult::Deny,
        }
    }
}

/// Why a decision was not recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecisionError {
    /// Someone else decided first (409, or no step left in progress).
    AlreadyDecided { by: Option<String> },
    /// It is my own request: another approver has to decide.
    OwnRequest,
    /// I am not (or no longer) an approver of it.
    NotAnApprover,
    /// The policy asks approvers for a justification.
    JustificationRequired,
    /// Anything else, as the domain's error kind.
    Failed(ErrorKind),
}

impl DecisionError {
    /// A plain sentence and what to do.
    pub fn explain(&self) -> Explanation {
        let (reason, next) = match self {
            DecisionError::AlreadyDecided { by: Some(by) } => {
                (format!("{by} already decided this request."), "Nothing more to do; it has left your queue.")
            }
            DecisionError::AlreadyDecided { by: None } => (
                "Another approver already decided this request.".to_owned(),
                "Nothing more to do; it has left your queue.",
            ),
            DecisionError::OwnRequest => (
                "This is your own request: you cannot approve or deny it.".to_owned(),
                "Another approver has to decide it.",
            ),
            DecisionError::NotAnApprover => (
                "You are not an approver of this request.".to_owned(),
                "Refresh the queue; the role's approvers may have changed.",
            ),
            DecisionError::JustificationRequired => (
                "This role's settings ask approvers for a justification.".to_owned(),
                "Write why you approve or deny, then try again.",
            ),
            DecisionError::Failed(kind) => return kind.explain(),
        };
        Explanation { reason, next_step: next.to_owned() }
    }

    fn from_graph(e: &GraphError) -> DecisionError {
        let text = e.explain().to_ascii_lowercase();
        match e {
            GraphError::Http { status: 409, .. } => DecisionError::AlreadyDecided { by: None },
            _ if text.contains("own request") => DecisionError::OwnRequest,
            _ if text.contains("not an approver") => DecisionError::NotAnApprover,
            GraphError::Http { status: 400, .. } if text.contains("justification") => {
                DecisionError::JustificationRequired
            }
            _ => DecisionError::Failed(error_kind(e)),
        }
    }
}

/// Approves or denies a request from my queue. Checks first what needs no round trip (my own
/// request; a missing justification the policy requires), then finds my step and decides it.
pub async fn decide(
    client: &GraphClient,
    me: &PrincipalId,
    row: &RequestRow,
    decision: Decision,
    justification: &str,
) -> Result<(), DecisionError> {
    if is_mine(row, me) {
        return Err(DecisionError::OwnRequest);
    }
    let justification = Some(justification.trim().to_owned()).filter(|j| !j.is_empty());
    if justification.is_none() && row.rules.is_some_and(|r| r.justification_required) {
        return Err(DecisionError::JustificationRequired);
    }
    let body = ApprovalDecisionBody { review_result: decision.wire(), justification: justification.clone() };
    let fail = |e: GraphError| DecisionError::from_graph(&e);
    match &row.reference {
        RequestRef::EntraRole { id, .. } => {
            let approval = approval_id(row, id);
            let read = client.get_role_approval(&approval).await.map_err(fail)?;
            let step = my_step(&read)?;
            client.decide_role_approval(&approval, &step, &body).await.map_err(fail)
        }
        RequestRef::Group { id, .. } => {
            let approval = approval_id(row, id);
            let read = client.get_group_approval(&approval).await.map_err(fail)?;
            let step = my_step(&read)?;
            client.decide_group_approval(&approval, &step, &body).await.map_err(fail)
        }
        RequestRef::Azure { .. } => {
            let approval = row.approval_id.clone().ok_or(DecisionError::NotAnApprover)?;
            let read = client.arm_get_approval(&approval).await.map_err(fail)?;
            let stage = match read.my_pending_stage() {
                Some(s) => s.name.clone().ok_or(DecisionError::NotAnApprover)?,
                None => {
                    let by = read
                        .stages()
                        .iter()
                        .find_map(|s| s.properties.reviewed_by.as_ref()?.display_name.clone());
                    return Err(if by.is_some() {
                        DecisionError::AlreadyDecided { by }
                    } else {
                        DecisionError::NotAnApprover
                    });
                }
            };
            client
                .arm_decide_approval(&approval, &stage, &decision.wire(), justification.as_deref())
                .await
                .map_err(fail)
        }
    }
}

/// Graph approvals share the request's id; `approvalId` says so when present.
fn approval_id(row: &RequestRow, id: &RequestId) -> RequestId {
    row.approval_id.as_deref().map(RequestId::new).unwrap_or_else(|| id.clone())
}

/// My step in progress, or why there is none.
fn my_step(approval: &Approval) -> Result<String, DecisionError> {
    if let Some(step) = approval.my_pending_step() {
        return step.id.clone().ok_or(DecisionError::NotAnApprover);
    }
    match approver_note(approval) {
        Some(note) => Err(DecisionError::AlreadyDecided { by: note.approver }),
        None => Err(DecisionError::NotAnApprover),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn http(status: u16, message: &str) -> GraphError {
        GraphError::Http { status, code: String::new(), message: message.into(), request_id: None }
    }

    #[test]
    fn refusals_are_told_apart_and_explained_in_a_sentence() {
        let decided = DecisionError::from_graph(&http(409, "Conflict"));
        assert_eq!(decided, DecisionError::AlreadyDecided { by: None });
        assert!(decided.explain().reason.contains("Another approver already decided"));
        let own = DecisionError::from_graph(&http(403, "The requestor cannot approve their own request."));
        assert_eq!(own, DecisionError::OwnRequest);
        let why =
            DecisionError::from_graph(&http(400, "A justification is required to decide this approval."));
        assert_eq!(why, DecisionError::JustificationRequired);
        assert!(matches!(DecisionError::from_graph(&GraphError::Timeout), DecisionError::Failed(_)));
    }
}
