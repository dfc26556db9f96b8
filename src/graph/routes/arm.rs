//! ARM `Microsoft.Authorization` paths (after the provider segment).

use super::{matches, ArmOperation, Side};
use crate::graph::transport::Method;

pub(super) fn route_arm(method: Method, rest: &[&str]) -> Option<ArmOperation> {
    use ArmOperation as A;
    use Side::{Assignment as As, Eligibility as El};
    let families = [("roleAssignmentScheduleRequests", As), ("roleEligibilityScheduleRequests", El)];
    for (coll, side) in families {
        let op = match method {
            Method::Put if matches(rest, &[coll, "*"]) => A::CreateRequest(side),
            Method::Get if matches(rest, &[coll, "*"]) => A::GetRequest(side),
            Method::Get if matches(rest, &[coll]) => A::ListRequests(side),
            Method::Post if matches(rest, &[coll, "*", "cancel"]) => A::CancelRequest(side),
            Method::Post if matches(rest, &[coll, "*", "validate"]) => A::ValidateRequest(side),
            _ => continue,
        };
        return Some(op);
    }
    let lists = [
        ("roleAssignmentScheduleInstances", A::ListInstances(As)),
        ("roleEligibilityScheduleInstances", A::ListInstances(El)),
        ("roleAssignmentSchedules", A::ListSchedules(As)),
        ("roleEligibilitySchedules", A::ListSchedules(El)),
        ("roleManagementPolicyAssignments", A::ListPolicyAssignments),
        ("roleManagementPolicies", A::ListPolicies),
    ];
    if method == Method::Get {
        if let Some((_, op)) = lists.iter().find(|(c, _)| matches(rest, &[c])) {
            return Some(*op);
        }
    }
    let items = [
        ("roleAssignmentScheduleInstances", A::GetInstance(As)),
        ("roleEligibilityScheduleInstances", A::GetInstance(El)),
        ("roleAssignmentSchedules", A::GetSchedule(As)),
        ("roleEligibilitySchedules", A::GetSchedule(El)),
        ("roleManagementPolicyAssignments", A::GetPolicyAssignment),
        ("roleManagementPolicies", A::GetPolicy),
    ];
    if method == Method::Get {
        if let Some((_, op)) = items.iter().find(|(c, _)| matches(rest, &[c, "*"])) {
            return Some(*op);
        }
    }
    match method {
        Method::Patch if matches(rest, &["roleManagementPolicies", "*"]) => Some(A::UpdatePolicy),
        Method::Patch | Method::Put if matches(rest, &["roleAssignmentApprovals", "*", "stages", "*"]) => {
            Some(A::DecideApproval)
        }
        _ => None,
    }
}
