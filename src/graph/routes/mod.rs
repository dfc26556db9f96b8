//! Which client operation a method and URL belong to, by URL shape (never by file name).
//!
//! The client builds its URLs from the same shapes; the contract test routes the official
//! examples through [`route`] and the simulated tenant can use it to dispatch requests.
//! Matching ignores host, letter case, a trailing slash and the query string; Graph paths
//! start with `v1.0` or `beta`, ARM paths are recognised by `providers/Microsoft.Authorization`.

use crate::graph::transport::Method;

mod arm;
mod graph;

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
pub(super) fn matches(path: &[&str], pattern: &[&str]) -> bool {
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
        return arm::route_arm(method, &segs[pos + 1..]).map(Operation::Arm);
    }
    // Graph paths may sit under a prefix (a test server's `/graph`): find the version.
    let pos = segs.iter().position(|s| *s == "v1.0" || *s == "beta")?;
    graph::route_graph(method, &segs[pos + 1..])
}

/// A read family: `coll` (List), `coll/~` (Mine), `coll/*` (Get).
pub(super) fn read_family<'a>(rest: &[&str], base: &[&'a str], coll: &'a str) -> Option<Shape> {
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
