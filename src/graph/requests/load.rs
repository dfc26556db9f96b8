//! The reads: my requests on every plane (with the approver's word on decided ones), and the
//! queue of requests waiting for my decision (with what each role's policy asks of me).

use std::collections::HashMap;

use futures::future::{join3, join_all};

use super::row::{newest_first, ApprovalRules, RequestRef, RequestRow};
use crate::domain::ids::ArmScope;
use crate::domain::ids::{PrincipalId, RequestId};
use crate::domain::outcome::StatusClass;
use crate::graph::adapt::{
    approval_rules, approver_note, arm_request_row, group_request_row, role_request_row,
};
use crate::graph::client::arm::ArmRequestFilter;
use crate::graph::client::GraphClient;
use crate::graph::wire::rules::PolicyRule;
use crate::graph::wire::values::{AccessId, ReviewResult};
use crate::graph::GraphError;

/// How many decided requests get their approver's note read (one request each).
const NOTES_READ: usize = 10;

fn collect<T>(
    rows: &mut Vec<RequestRow>,
    errors: &mut Vec<GraphError>,
    read: Result<Vec<T>, GraphError>,
    adapt: fn(&T) -> Option<RequestRow>,
) {
    match read {
        Ok(list) => rows.extend(list.iter().filter_map(adapt)),
        Err(e) => errors.push(e),
    }
}

/// My requests on all three planes, newest first, and any list that could not be read (the
/// others still show). Denied and approved requests carry the approver's name and
/// justification when their approval can be read.
pub async fn my_requests(client: &GraphClient) -> (Vec<RequestRow>, Vec<GraphError>) {
    let (roles, groups, arm) = join3(
        client.my_role_requests(None),
        client.my_group_requests(None),
        client.arm_requests(&ArmScope::tenant(), ArmRequestFilter::AsRequestor),
    )
    .await;
    let (mut rows, mut errors) = (Vec::new(), Vec::new());
    collect(&mut rows, &mut errors, roles, role_request_row);
    collect(&mut rows, &mut errors, groups, group_request_row);
    collect(&mut rows, &mut errors, arm, arm_request_row);
    newest_first(&mut rows);
    let decided: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            r.approval_id.is_some() && matches!(r.class(), StatusClass::Denied | StatusClass::InForce)
        })
        .map(|(i, _)| i)
        .take(NOTES_READ)
        .collect();
    let notes = join_all(decided.iter().map(|&i| note_of(client, &rows[i]))).await;
    for (i, note) in decided.into_iter().zip(notes) {
        rows[i].note = note;
    }
    (rows, errors)
}

/// The approver's note; a failed read leaves it out (the status still shows).
async fn note_of(client: &GraphClient, row: &RequestRow) -> Option<super::ApproverNote> {
    let approval = row.approval_id.as_deref()?;
    match &row.reference {
        RequestRef::EntraRole { .. } => {
            approver_note(&client.get_role_approval(&RequestId::new(approval)).await.ok()?)
        }
        RequestRef::Group { .. } => {
            approver_note(&client.get_group_approval(&RequestId::new(approval)).await.ok()?)
        }
        RequestRef::Azure { .. } => {
            let a = client.arm_get_approval(approval).await.ok()?;
            let s = a.stages().iter().find(|s| decided(&s.properties.review_result))?;
            Some(super::ApproverNote {
                approver: s.properties.reviewed_by.as_ref().and_then(|b| b.display_name.clone()),
                justification: s.properties.justification.clone().filter(|j| !j.trim().is_empty()),
            })
        }
    }
}

fn decided(result: &Option<ReviewResult>) -> bool {
    matches!(result, Some(ReviewResult::Approve) | Some(ReviewResult::Deny))
}

/// The requests waiting for my decision on all three planes, the soonest to expire first, each
/// with its policy's approval rules (read once per role), and any list that failed.
pub async fn approval_queue(client: &GraphClient) -> (Vec<RequestRow>, Vec<GraphError>) {
    let (roles, groups, arm) = join3(
        client.role_requests_to_approve(),
        client.group_requests_to_approve(),
        client.arm_requests(&ArmScope::tenant(), ArmRequestFilter::AsApprover),
    )
    .await;
    let (mut rows, mut errors) = (Vec::new(), Vec::new());
    collect(&mut rows, &mut errors, roles, role_request_row);
    collect(&mut rows, &mut errors, groups, group_request_row);
    collect(&mut rows, &mut errors, arm, arm_request_row);
    rows.retain(RequestRow::is_pending);
    let mut targets: Vec<String> = rows.iter().map(target_key).collect();
    targets.sort();
    targets.dedup();
    let firsts: Vec<&RequestRow> =
        targets.iter().filter_map(|t| rows.iter().find(|r| &target_key(r) == t)).collect();
    let read = join_all(firsts.iter().map(|r| rules_of(client, &r.reference))).await;
    let rules: HashMap<String, ApprovalRules> =
        firsts.iter().zip(read).filter_map(|(r, x)| Some((target_key(r), x?))).collect();
    for row in rows.iter_mut() {
        row.rules = rules.get(&target_key(row)).copied();
    }
    rows.sort_by(|a, b| a.created.cmp(&b.created));
    (rows, errors)
}

fn target_key(row: &RequestRow) -> String {
    match &row.reference {
        RequestRef::EntraRole { role, .. } => format!("role:{role}"),
        RequestRef::Group { group, access, .. } => format!("group:{group}:{}", access.as_str()),
        RequestRef::Azure { scope, role, .. } => format!("azure:{}:{role}", scope.normalized()),
    }
}

/// The role's approval rules; `None` when its policy cannot be read (the approver may lack
/// the policy read permission: the service then decides whether a justification is missing).
async fn rules_of(client: &GraphClient, reference: &RequestRef) -> Option<ApprovalRules> {
    let rules: Vec<PolicyRule> = match reference {
        RequestRef::EntraRole { role, .. } => first_rules(client.role_policy(role).await.ok()?),
        RequestRef::Group { group, access, .. } => {
            let access = AccessId::from(*access);
            first_rules(client.group_policy(group, &access).await.ok()?)
        }
        RequestRef::Azure { scope, role, .. } => client
            .arm_policy_assignments(scope, Some(role))
            .await
            .ok()?
            .into_iter()
            .next()
            .map(|a| a.properties.effective_rules)
            .unwrap_or_default(),
    };
    Some(approval_rules(&rules))
}

fn first_rules(assignments: Vec<crate::graph::wire::RoleManagementPolicyAssignment>) -> Vec<PolicyRule> {
    assignments.into_iter().find_map(|a| a.policy).map(|p| p.rules).unwrap_or_default()
}

/// True when `me` asked for this request (an approver cannot decide their own).
pub(crate) fn is_mine(row: &RequestRow, me: &PrincipalId) -> bool {
    row.principal.as_ref().is_some_and(|p| p.as_str().eq_ignore_ascii_case(me.as_str()))
}
