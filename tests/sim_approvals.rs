//! Approval flows: directory roles (beta steps), groups (v1.0 stages), ARM stages; deny,
//! self-approval refusal, double decision, cancel.

#[path = "sim_common.rs"]
mod common;

use common::*;
use pim_console::graph::Method;
use pim_console::sim::TokenClaims;
use serde_json::json;

const QUEUE: &str =
    "/v1.0/roleManagement/directory/roleAssignmentScheduleRequests/filterByCurrentUser(on='approver')?$filter=status%20eq%20'PendingApproval'&$expand=roleDefinition,principal";

#[test]
fn approver_sees_the_seeded_pending_request() {
    let mut t = T::new();
    let q = t.graph_as("bailey", Method::Get, QUEUE, None);
    assert_eq!(q.status, 200, "{}", q.body);
    assert_eq!(q.value().len(), 1);
    let item = &q.value()[0];
    assert_eq!(item["status"], "PendingApproval");
    assert_eq!(item["roleDefinition"]["displayName"], "User Administrator");
    assert_eq!(item["principal"]["userPrincipalName"], "drew@contoso.example");
    assert!(t.graph_as("alex", Method::Get, QUEUE, None).value().is_empty());
}

#[test]
fn directory_approval_life_cycle_on_beta() {
    let mut t = T::new();
    let alex = t.id("alex");
    let r = t.graph_as(
        "alex",
        Method::Post,
        REQUESTS,
        Some(activate(&alex, USER_ADMIN, "PT2H", Some("Bulk import"))),
    );
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["status"], "PendingApproval");
    let id = r.body["approvalId"].as_str().unwrap().to_string();
    assert_eq!(id, r.body["id"].as_str().unwrap());
    assert!(!roles(&t.graph_as("alex", Method::Get, MY_ACTIVE, None)).contains(&USER_ADMIN.to_string()));

    let v1 = t.graph_as(
        "bailey",
        Method::Get,
        &format!("/v1.0/roleManagement/directory/roleAssignmentApprovals/{id}"),
        None,
    );
    assert_eq!(
        (v1.status, v1.message()),
        (400, "Resource not found for the segment 'roleAssignmentApprovals'.")
    );

    let path = format!("/beta/roleManagement/directory/roleAssignmentApprovals/{id}");
    let ap = t.graph_as("bailey", Method::Get, &path, None);
    assert_eq!(ap.status, 200, "{}", ap.body);
    let step = &ap.body["steps"][0];
    assert_eq!((step["status"].as_str(), step["assignedToMe"].as_bool()), (Some("InProgress"), Some(true)));
    assert_eq!(step["reviewResult"], "NotReviewed");
    let step_id = step["id"].as_str().unwrap().to_string();
    let mine = t.graph_as("alex", Method::Get, &path, None);
    assert_eq!(mine.body["steps"][0]["assignedToMe"], false);

    let own = t.graph_as(
        "alex",
        Method::Patch,
        &format!("{path}/steps/{step_id}"),
        Some(json!({"reviewResult": "Approve", "justification": "me"})),
    );
    assert_eq!(own.status, 403);

    let scopes = TokenClaims::graph().with_scopes(&["RoleAssignmentSchedule.ReadWrite.Directory"]);
    let noscope = t.graph_with("bailey", scopes, Method::Get, &path, None);
    assert_eq!((noscope.status, noscope.code()), (403, ""));
    assert!(noscope.message().starts_with("Valid permissions not present."));

    let nojust = t.graph_as(
        "bailey",
        Method::Patch,
        &format!("{path}/steps/{step_id}"),
        Some(json!({"reviewResult": "Approve"})),
    );
    assert_eq!(nojust.status, 400);
    let ok = t.graph_as(
        "bailey",
        Method::Patch,
        &format!("{path}/steps/{step_id}"),
        Some(json!({"reviewResult": "Approve", "justification": "Planned import"})),
    );
    assert_eq!(ok.status, 204, "{}", ok.body);
    let req = t.graph_as("alex", Method::Get, &format!("{REQUESTS}/{id}"), None);
    assert_eq!(req.body["status"], "Provisioned");
    assert!(roles(&t.graph_as("alex", Method::Get, MY_ACTIVE, None)).contains(&USER_ADMIN.to_string()));
    let again = t.graph_as(
        "bailey",
        Method::Patch,
        &format!("{path}/steps/{step_id}"),
        Some(json!({"reviewResult": "Deny", "justification": "x"})),
    );
    assert_eq!(again.status, 409);
    let after = t.graph_as("bailey", Method::Get, &path, None);
    assert_eq!(after.body["steps"][0]["status"], "Completed");
    assert_eq!(after.body["steps"][0]["reviewedBy"]["displayName"], "Bailey Kim");
}

#[test]
fn deny_then_cancel_a_new_request() {
    let mut t = T::new();
    let q = t.graph_as("bailey", Method::Get, QUEUE, None);
    let id = q.value()[0]["id"].as_str().unwrap().to_string();
    let path = format!("/beta/roleManagement/directory/roleAssignmentApprovals/{id}");
    let step_id =
        t.graph_as("bailey", Method::Get, &path, None).body["steps"][0]["id"].as_str().unwrap().to_string();
    let r = t.graph_as(
        "bailey",
        Method::Patch,
        &format!("{path}/steps/{step_id}"),
        Some(json!({"reviewResult": "Deny", "justification": "Use the import account"})),
    );
    assert_eq!(r.status, 204);
    let req = t.graph_as("drew", Method::Get, &format!("{REQUESTS}/{id}"), None);
    assert_eq!(req.body["status"], "Denied");
    let step = t.graph_as("drew", Method::Get, &path, None).body["steps"][0].clone();
    assert_eq!(
        (step["reviewResult"].as_str(), step["justification"].as_str()),
        (Some("Deny"), Some("Use the import account"))
    );

    let drew = t.id("drew");
    let again =
        t.graph_as("drew", Method::Post, REQUESTS, Some(activate(&drew, USER_ADMIN, "PT1H", Some("Retry"))));
    assert_eq!(again.body["status"], "PendingApproval");
    let dup =
        t.graph_as("drew", Method::Post, REQUESTS, Some(activate(&drew, USER_ADMIN, "PT1H", Some("Retry"))));
    assert_eq!(dup.code(), "RoleAssignmentRequestExists");
    let new_id = again.body["id"].as_str().unwrap().to_string();
    let not_mine = t.graph_as("alex", Method::Post, &format!("{REQUESTS}/{new_id}/cancel"), None);
    assert_eq!(not_mine.status, 403);
    let c = t.graph_as("drew", Method::Post, &format!("{REQUESTS}/{new_id}/cancel"), None);
    assert_eq!((c.status, c.raw.body.as_str()), (204, ""));
    assert_eq!(
        t.graph_as("drew", Method::Get, &format!("{REQUESTS}/{new_id}"), None).body["status"],
        "Canceled"
    );
    let twice = t.graph_as("drew", Method::Post, &format!("{REQUESTS}/{new_id}/cancel"), None);
    assert_eq!(twice.status, 400);
}

const GROUP_REQS: &str = "/v1.0/identityGovernance/privilegedAccess/group/assignmentScheduleRequests";

#[test]
fn group_owner_activation_is_approved_through_v1_stages() {
    let mut t = T::new();
    let alex = t.id("alex");
    let elig = t.graph_as("alex", Method::Get, "/v1.0/identityGovernance/privilegedAccess/group/eligibilityScheduleInstances/filterByCurrentUser(on='principal')?$expand=group", None);
    assert_eq!(elig.status, 200, "{}", elig.body);
    let owner = elig.value().iter().find(|v| v["accessId"] == "owner").expect("owner eligibility").clone();
    assert_eq!(owner["group"]["displayName"], "PIM - Database Admins");
    let gid = owner["groupId"].as_str().unwrap();
    let body = json!({"accessId": "owner", "principalId": alex, "groupId": gid, "action": "selfActivate",
        "scheduleInfo": {"startDateTime": null, "expiration": {"type": "afterDuration", "duration": "PT2H"}}, "justification": "Schema change"});
    let r = t.graph_as("alex", Method::Post, GROUP_REQS, Some(body));
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["status"], "PendingApproval");
    let id = r.body["id"].as_str().unwrap().to_string();
    let queue = t.graph_as(
        "bailey",
        Method::Get,
        &format!("{GROUP_REQS}/filterByCurrentUser(on='approver')?$filter=status%20eq%20'PendingApproval'"),
        None,
    );
    assert!(queue.value().iter().any(|v| v["id"] == id.as_str()));
    let path = format!("/v1.0/identityGovernance/privilegedAccess/group/assignmentApprovals/{id}");
    let ap = t.graph_as("bailey", Method::Get, &path, None);
    assert_eq!(ap.status, 200, "{}", ap.body);
    let stage = ap.body["stages"][0]["id"].as_str().unwrap().to_string();
    let ok = t.graph_as(
        "bailey",
        Method::Patch,
        &format!("{path}/stages/{stage}"),
        Some(json!({"reviewResult": "Approve", "justification": "ok"})),
    );
    assert_eq!(ok.status, 204, "{}", ok.body);
    let twice = t.graph_as(
        "bailey",
        Method::Patch,
        &format!("{path}/stages/{stage}"),
        Some(json!({"reviewResult": "Approve", "justification": "ok"})),
    );
    assert_eq!(twice.status, 409);
    let active = t.graph_as("alex", Method::Get, "/v1.0/identityGovernance/privilegedAccess/group/assignmentScheduleInstances/filterByCurrentUser(on='principal')", None);
    let inst = active.value().iter().find(|v| v["groupId"] == gid).expect("active owner");
    assert_eq!(
        (inst["accessId"].as_str(), inst["assignmentType"].as_str()),
        (Some("owner"), Some("activated"))
    );
    let beta = t.graph_as(
        "bailey",
        Method::Get,
        &format!("/beta/identityGovernance/privilegedAccess/group/assignmentApprovals/{id}"),
        None,
    );
    assert_eq!(beta.body["steps"][0]["reviewResult"], "Approve");
}

#[test]
fn arm_owner_activation_is_approved_through_stages() {
    let mut t = T::new();
    let alex = t.id("alex");
    let elig = t.arm_as("alex", Method::Get, "/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?api-version=2020-10-01&$filter=asTarget()", None);
    assert_eq!(elig.status, 200, "{}", elig.body);
    let owner = elig
        .value()
        .iter()
        .find(|v| v["properties"]["expandedProperties"]["roleDefinition"]["displayName"] == "Owner")
        .unwrap()
        .clone();
    let scope = owner["properties"]["scope"].as_str().unwrap().to_string();
    assert!(scope.ends_with("/resourceGroups/rg-web-prod"));
    let body = json!({"properties": {"principalId": alex, "roleDefinitionId": owner["properties"]["roleDefinitionId"], "requestType": "SelfActivate",
        "justification": "Hotfix deploy", "scheduleInfo": {"expiration": {"type": "AfterDuration", "duration": "PT1H"}}}});
    let name = "0b7c9f4e-3a71-4d2c-9a55-6f1e2d3c4b5a";
    let r = t.arm_as("alex", Method::Put, &format!("{scope}/providers/Microsoft.Authorization/roleAssignmentScheduleRequests/{name}?api-version=2020-10-01"), Some(body));
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["properties"]["status"], "PendingApproval");
    assert_eq!(r.body["name"], name);
    let approval = r.body["properties"]["approvalId"].as_str().unwrap().to_string();
    let q = t.arm_as("bailey", Method::Get, "/providers/Microsoft.Authorization/roleAssignmentScheduleRequests?api-version=2020-10-01&$filter=asApprover()", None);
    assert_eq!(q.value().len(), 1, "{}", q.body);
    let ap = t.arm_as("bailey", Method::Get, &format!("{approval}?api-version=2021-01-01-preview"), None);
    assert_eq!(ap.status, 200, "{}", ap.body);
    let stage = ap.body["properties"]["stages"][0]["id"].as_str().unwrap().to_string();
    let own = t.arm_as(
        "alex",
        Method::Patch,
        &format!("{stage}?api-version=2021-01-01-preview"),
        Some(json!({"reviewResult": "Approve", "justification": "me"})),
    );
    assert_eq!((own.status, own.code()), (403, "AuthorizationFailed"));
    let ok = t.arm_as(
        "bailey",
        Method::Patch,
        &format!("{stage}?api-version=2021-01-01-preview"),
        Some(json!({"reviewResult": "Approve", "justification": "ok"})),
    );
    assert_eq!(ok.status, 200, "{}", ok.body);
    let active = t.arm_as("alex", Method::Get, "/providers/Microsoft.Authorization/roleAssignmentScheduleInstances?api-version=2020-10-01&$filter=asTarget()", None);
    assert!(active
        .value()
        .iter()
        .any(|v| v["properties"]["scope"] == scope.as_str()
            && v["properties"]["assignmentType"] == "Activated"));
    assert!(t.arm_as("bailey", Method::Get, "/providers/Microsoft.Authorization/roleAssignmentScheduleRequests?api-version=2020-10-01&$filter=asApprover()", None).value().is_empty());
}

#[test]
fn an_undecided_request_is_denied_after_a_day() {
    let mut t = T::new();
    let q = t.graph_as("bailey", Method::Get, QUEUE, None);
    let id = q.value()[0]["id"].as_str().unwrap().to_string();
    t.advance_minutes(60 * 24 - 21);
    assert_eq!(
        t.graph_as("bailey", Method::Get, QUEUE, None).value().len(),
        1,
        "still pending just before the deadline"
    );
    t.advance_minutes(2);
    assert!(t.graph_as("bailey", Method::Get, QUEUE, None).value().is_empty());
    let r = t.graph_as("drew", Method::Get, &format!("{REQUESTS}/{id}"), None);
    assert_eq!(r.body["status"], "Denied");
    let step = t.graph_as(
        "drew",
        Method::Get,
        &format!("/beta/roleManagement/directory/roleAssignmentApprovals/{id}"),
        None,
    );
    assert_eq!(
        (step.body["steps"][0]["status"].as_str(), step.body["steps"][0]["reviewResult"].as_str()),
        (Some("Completed"), Some("Deny"))
    );
}
