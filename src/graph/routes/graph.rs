//! Graph paths (after `v1.0` or `beta`).

use super::{matches, read_family, Operation, Shape, Side};
use crate::graph::transport::Method;

pub(super) fn route_graph(method: Method, rest: &[&str]) -> Option<Operation> {
    use Operation as O;
    use Side::{Assignment as As, Eligibility as El};
    const ROLES: &[&str] = &["roleManagement", "directory"];
    const GROUPS: &[&str] = &["identityGovernance", "privilegedAccess", "group"];
    const REVIEWS: &[&str] = &["identityGovernance", "accessReviews", "definitions"];
    let post_or_cancel = |base: &[&str], coll: &str| -> Option<bool> {
        let mut create: Vec<&str> = base.to_vec();
        create.push(coll);
        if matches(rest, &create) {
            return Some(true);
        }
        create.extend(["*", "cancel"]);
        matches(rest, &create).then_some(false)
    };
    match method {
        Method::Get => {
            let families: [(&[&str], &str, fn(Shape) -> Operation); 16] = [
                (ROLES, "roleEligibilityScheduleInstances", |s| O::RoleInstances(El, s)),
                (ROLES, "roleAssignmentScheduleInstances", |s| O::RoleInstances(As, s)),
                (ROLES, "roleEligibilitySchedules", |s| O::RoleSchedules(El, s)),
                (ROLES, "roleAssignmentSchedules", |s| O::RoleSchedules(As, s)),
                (ROLES, "roleEligibilityScheduleRequests", |s| O::RoleRequests(El, s)),
                (ROLES, "roleAssignmentScheduleRequests", |s| O::RoleRequests(As, s)),
                (ROLES, "roleDefinitions", O::RoleDefinitions),
                (ROLES, "roleAssignments", O::RoleAssignments),
                (ROLES, "roleAssignmentApprovals", O::Approvals),
                (GROUPS, "eligibilityScheduleInstances", |s| O::GroupInstances(El, s)),
                (GROUPS, "assignmentScheduleInstances", |s| O::GroupInstances(As, s)),
                (GROUPS, "eligibilitySchedules", |s| O::GroupSchedules(El, s)),
                (GROUPS, "assignmentSchedules", |s| O::GroupSchedules(As, s)),
                (GROUPS, "eligibilityScheduleRequests", |s| O::GroupRequests(El, s)),
                (GROUPS, "assignmentScheduleRequests", |s| O::GroupRequests(As, s)),
                (GROUPS, "assignmentApprovals", O::Approvals),
            ];
            for (base, coll, op) in families {
                if let Some(shape) = read_family(rest, base, coll) {
                    return Some(op(shape));
                }
            }
            let others: [(&[&str], &str, fn(Shape) -> Operation); 5] = [
                (
                    &["identityGovernance", "entitlementManagement"],
                    "accessPackageAssignmentApprovals",
                    O::Approvals,
                ),
                (&["policies"], "roleManagementPolicyAssignments", O::PolicyAssignments),
                (&["policies"], "roleManagementPolicies", O::Policies),
                (&["auditLogs"], "directoryAudits", O::DirectoryAudits),
                (&["identityGovernance", "accessReviews"], "definitions", O::ReviewDefinitions),
            ];
            for (base, coll, op) in others {
                if let Some(shape) = read_family(rest, base, coll) {
                    return Some(op(shape));
                }
            }
            if let Some(shape) = read_family(rest, &["policies", "roleManagementPolicies", "*"], "rules") {
                return Some(O::PolicyRules(shape));
            }
            if let Some(shape) = read_family(rest, &[REVIEWS[0], REVIEWS[1], REVIEWS[2], "*"], "instances") {
                return Some(O::ReviewInstances(shape));
            }
            let decisions = [REVIEWS[0], REVIEWS[1], REVIEWS[2], "*", "instances", "*"];
            if let Some(shape) = read_family(rest, &decisions, "decisions") {
                return Some(O::ReviewDecisions(shape));
            }
            let steps: [(&[&str], &str); 5] = [
                (&["roleManagement", "directory", "roleAssignmentApprovals", "*"], "steps"),
                (&["identityGovernance", "privilegedAccess", "group", "assignmentApprovals", "*"], "stages"),
                (&["identityGovernance", "privilegedAccess", "group", "assignmentApprovals", "*"], "steps"),
                (
                    &["identityGovernance", "entitlementManagement", "accessPackageAssignmentApprovals", "*"],
                    "stages",
                ),
                (
                    &["identityGovernance", "entitlementManagement", "accessPackageAssignmentApprovals", "*"],
                    "steps",
                ),
            ];
            for (base, coll) in steps {
                if let Some(shape) = read_family(rest, base, coll) {
                    return Some(O::ApprovalSteps(shape));
                }
            }
            let directory: [(&[&str], &str, fn(Shape) -> Operation); 3] = [
                (&[], "users", O::Users),
                (&[], "groups", O::Groups),
                (&["directory"], "administrativeUnits", O::AdministrativeUnits),
            ];
            directory.iter().find_map(|(base, coll, op)| read_family(rest, base, coll).map(op))
        }
        Method::Post => {
            let families: [(&[&str], &str, fn(Side) -> Operation, fn(Side) -> Operation, Side); 4] = [
                (ROLES, "roleEligibilityScheduleRequests", O::CreateRoleRequest, O::CancelRoleRequest, El),
                (ROLES, "roleAssignmentScheduleRequests", O::CreateRoleRequest, O::CancelRoleRequest, As),
                (GROUPS, "eligibilityScheduleRequests", O::CreateGroupRequest, O::CancelGroupRequest, El),
                (GROUPS, "assignmentScheduleRequests", O::CreateGroupRequest, O::CancelGroupRequest, As),
            ];
            for (base, coll, create, cancel, side) in families {
                match post_or_cancel(base, coll) {
                    Some(true) => return Some(create(side)),
                    Some(false) => return Some(cancel(side)),
                    None => {}
                }
            }
            if matches(rest, REVIEWS) {
                return Some(O::CreateReviewDefinition);
            }
            let batch_record =
                [REVIEWS[0], REVIEWS[1], REVIEWS[2], "*", "instances", "*", "batchRecordDecisions"];
            if matches(rest, &batch_record)
                || matches(
                    rest,
                    &["identityGovernance", "accessReviews", "decisions", "~", "recordAllDecisions"],
                )
            {
                return Some(O::RecordAllDecisions);
            }
            matches(rest, &["$batch"]).then_some(O::Batch)
        }
        Method::Patch => {
            let approval_steps: [&[&str]; 6] = [
                &["roleManagement", "directory", "roleAssignmentApprovals", "*", "steps", "*"],
                &[
                    "identityGovernance",
                    "privilegedAccess",
                    "group",
                    "assignmentApprovals",
                    "*",
                    "stages",
                    "*",
                ],
                &[
                    "identityGovernance",
                    "privilegedAccess",
                    "group",
                    "assignmentApprovals",
                    "*",
                    "steps",
                    "*",
                ],
                &[
                    "identityGovernance",
                    "entitlementManagement",
                    "accessPackageAssignmentApprovals",
                    "*",
                    "stages",
                    "*",
                ],
                &[
                    "identityGovernance",
                    "entitlementManagement",
                    "accessPackageAssignmentApprovals",
                    "*",
                    "steps",
                    "*",
                ],
                &[
                    "identityGovernance",
                    "accessReviews",
                    "definitions",
                    "*",
                    "instances",
                    "*",
                    "decisions",
                    "*",
                ],
            ];
            if let Some(i) = approval_steps.iter().position(|p| matches(rest, p)) {
                return Some(if i == 5 { O::DecideReview } else { O::DecideApproval });
            }
            if matches(rest, &["policies", "roleManagementPolicies", "*", "rules", "*"]) {
                return Some(O::UpdatePolicyRule);
            }
            matches(rest, &["policies", "roleManagementPolicies", "*"]).then_some(O::UpdatePolicy)
        }
        Method::Put | Method::Delete => None,
    }
}
