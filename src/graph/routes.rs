//! Which client operation a method and URL belong to, by URL shape (never by file name).
//!
//! The client builds its URLs from the same shapes; the contract test routes the official
//! examples through [`route`] and the simulated tenant can use it to dispatch requests.
//! Matching ignores host, letter case, a trailing slash and the query string; Graph paths
//! start with `v1.0` or `beta`, ARM paths are recognised by `providers/Microsoft.Authorization`.

use super::transport::Method;

/// Eligible (may activate) or assignment (active) side of PIM.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    Eligibility,
    Assignment,
}

/// How a read addresses its collection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Shape {
    /// The whole collection (a page).
    List,
    /// `filterByCurrentUser(on='…')` (a page).
    Mine,
    /// One item by id.
    Get,
}

/// An ARM `Microsoft.Authorization` operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ArmOperation {
    CreateRequest(Side),
    GetRequest(Side),
    ListRequests(Side),
    CancelRequest(Side),
    ValidateRequest(Side),
    ListInstances(Side),
    GetInstance(Side),
    ListSchedules(Side),
    GetSchedule(Side),
    GetPolicyAssignment,
    ListPolicyAssignments,
    ListPolicies,
    GetPolicy,
    UpdatePolicy,
    DecideApproval,
}

/// A client operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operation {
    RoleInstances(Side, Shape),
    RoleSchedules(Side, Shape),
    RoleRequests(Side, Shape),
    CreateRoleRequest(Side),
    CancelRoleRequest(Side),
    RoleDefinitions(Shape),
    RoleAssignments(Shape),
    GroupInstances(Side, Shape),
    GroupSchedules(Side, Shape),
    GroupRequests(Side, Shape),
    CreateGroupRequest(Side),
    CancelGroupRequest(Side),
    /// Beta `roleAssignmentApprovals`, v1.0 group `assignmentApprovals` (and the same
    /// `approval` type under entitlement management).
    Approvals(Shape),
    /// The steps (beta) or stages (v1.0) of one approval.
    ApprovalSteps(Shape),
    DecideApproval,
    PolicyAssignments(Shape),
    Policies(Shape),
    UpdatePolicy,
    PolicyRules(Shape),
    UpdatePolicyRule,
    DirectoryAudits(Shape),
    ReviewDefinitions(Shape),
    CreateReviewDefinition,
    ReviewInstances(Shape),
    ReviewDecisions(Shape),
    DecideReview,
    RecordAllDecisions,
    Users(Shape),
    Groups(Shape),
    AdministrativeUnits(Shape),
    Batch,
    /// The identity platform's `/token` endpoint (only its error bodies concern this crate).
    Token,
    Arm(ArmOperation),
}

impl Operation {
    /// True when success carries no body (204, or ARM's empty 200).
    pub fn returns_no_content(&self) -> bool {
        matches!(
            self,
            Operation::CancelRoleRequest(_)
                | Operation::CancelGroupRequest(_)
                | Operation::DecideApproval
                | Operation::UpdatePolicy
                | Operation::UpdatePolicyRule
                | Operation::DecideReview
                | Operation::RecordAllDecisions
                | Operation::Arm(ArmOperation::CancelRequest(_) | ArmOperation::DecideApproval)
        )
    }
}

/// A path pattern: a literal (any case), `*` (one segment) or `~` (`filterByCurrentUser(…)`).
fn matches(path: &[&str], pattern: &[&str]) -> bool {
    path.len() == pattern.len()
        && path.iter().zip(pattern).all(|(seg, pat)| match *pat {
            "*" => true,
            "~" => seg.to_ascii_lowercase().starts_with("filterbycurrentuser("),
            lit => seg.eq_ignore_ascii_case(lit),
        })
}

/// Splits an absolute URL into its path segments (query and host dropped).
fn segments(url: &str) -> Vec<&str> {
    let no_scheme = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let path = no_scheme.split(['?', '#']).next().unwrap_or("");
    let path = if url.contains("://") { path.split_once('/').map(|(_, p)| p).unwrap_or("") } else { path };
    path.split('/').filter(|s| !s.is_empty()).collect()
}

/// Routes a method and an absolute URL to the operation it calls.
pub fn route(method: Method, url: &str) -> Option<Operation> {
    let segs = segments(url);
    if segs.iter().any(|s| s.eq_ignore_ascii_case("oauth2")) && segs.last().is_some_and(|s| *s == "token") {
        return (method == Method::Post).then_some(Operation::Token);
    }
    if let Some(pos) = segs.iter().rposition(|s| s.eq_ignore_ascii_case("Microsoft.Authorization")) {
        return route_arm(method, &segs[pos + 1..]).map(Operation::Arm);
    }
    // Graph paths may sit under a prefix (a test server's `/graph`): find the version.
    let pos = segs.iter().position(|s| *s == "v1.0" || *s == "beta")?;
    route_graph(method, &segs[pos + 1..])
}

fn route_arm(method: Method, rest: &[&str]) -> Option<ArmOperation> {
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

/// A read family: `coll` (List), `coll/~` (Mine), `coll/*` (Get).
fn read_family<'a>(rest: &[&str], base: &[&'a str], coll: &'a str) -> Option<Shape> {
    let with = |tail: &[&'a str]| -> Vec<&'a str> {
        base.iter().copied().chain([coll]).chain(tail.iter().copied()).collect()
    };
    if matches(rest, &with(&[])) {
        Some(Shape::List)
    } else if matches(rest, &with(&["~"])) {
        Some(Shape::Mine)
    } else if matches(rest, &with(&["*"])) {
        Some(Shape::Get)
    } else {
        None
    }
}

fn route_graph(method: Method, rest: &[&str]) -> Option<Operation> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_by_shape_not_by_ids() {
        let g = "https://graph.microsoft.com/v1.0/roleManagement/directory";
        assert_eq!(
            route(Method::Get, &format!("{g}/roleEligibilityScheduleInstances/filterByCurrentUser(on='principal')?$expand=roleDefinition")),
            Some(Operation::RoleInstances(Side::Eligibility, Shape::Mine))
        );
        assert_eq!(
            route(Method::Post, &format!("{g}/roleAssignmentScheduleRequests/")),
            Some(Operation::CreateRoleRequest(Side::Assignment))
        );
        assert_eq!(
            route(Method::Post, &format!("{g}/roleAssignmentScheduleRequests/abc/cancel")),
            Some(Operation::CancelRoleRequest(Side::Assignment))
        );
        assert_eq!(
            route(
                Method::Get,
                "http://127.0.0.1:8080/graph/beta/roleManagement/directory/roleAssignmentApprovals/x"
            ),
            Some(Operation::Approvals(Shape::Get))
        );
        assert_eq!(
            route(
                Method::Put,
                "https://management.azure.com/subscriptions/1/resourceGroups/rg/providers/Microsoft.Authorization/roleAssignmentScheduleRequests/g?api-version=2020-10-01"
            ),
            Some(Operation::Arm(ArmOperation::CreateRequest(Side::Assignment)))
        );
        assert_eq!(route(Method::Delete, &format!("{g}/roleDefinitions/x")), None);
        assert_eq!(route(Method::Get, "https://graph.microsoft.com/v1.0/me/drive"), None);
    }
}
