//! PIM for Groups membership life cycle and access reviews.

#[path = "sim_common.rs"]
mod common;

use common::*;
use pim_console::graph::Method;
use serde_json::json;

const G: &str = "/v1.0/identityGovernance/privilegedAccess/group";

#[test]
fn group_membership_activates_shows_in_members_and_expires() {
    let mut t = T::new();
    let alex = t.id("alex");
    let elig = t.graph_as(
        "alex",
        Method::Get,
        &format!("{G}/eligibilityScheduleInstances/filterByCurrentUser(on='principal')"),
        None,
    );
    let member = elig.value().iter().find(|v| v["accessId"] == "member").unwrap().clone();
    assert_eq!(member["@odata.type"], "#microsoft.graph.privilegedAccessGroupEligibilityScheduleInstance");
    assert_eq!(member["memberType"], "direct");
    let gid = member["groupId"].as_str().unwrap().to_string();
    let body = json!({"accessId": "member", "principalId": alex, "groupId": gid, "action": "selfActivate", "justification": "On call",
        "scheduleInfo": {"startDateTime": null, "expiration": {"type": "afterDuration", "duration": "PT1H"}}});
    let r = t.graph_as("alex", Method::Post, &format!("{G}/assignmentScheduleRequests"), Some(body.clone()));
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["status"], "Provisioned");
    assert_eq!(r.body["targetScheduleId"], format!("{gid}_member_{}", r.body["id"].as_str().unwrap()));
    let members = t.graph_as("alex", Method::Get, &format!("/v1.0/groups/{gid}/members"), None);
    assert!(members.value().iter().any(|m| m["id"] == alex.as_str()));
    let again = t.graph_as("alex", Method::Post, &format!("{G}/assignmentScheduleRequests"), Some(body));
    assert_eq!(again.code(), "RoleAssignmentExists");
    let filtered = t.graph_as("casey", Method::Get, &format!("{G}/assignmentScheduleInstances?$filter=groupId%20eq%20'{gid}'%20and%20principalId%20eq%20'{alex}'"), None);
    assert_eq!(filtered.value().len(), 1);
    t.advance_minutes(61);
    let members = t.graph_as("alex", Method::Get, &format!("/v1.0/groups/{gid}/members"), None);
    assert!(!members.value().iter().any(|m| m["id"] == alex.as_str()));
    let off = json!({"accessId": "member", "principalId": alex, "groupId": gid, "action": "selfDeactivate"});
    let r = t.graph_as("alex", Method::Post, &format!("{G}/assignmentScheduleRequests"), Some(off));
    assert_eq!(r.code(), "RoleAssignmentDoesNotExist");
}

#[test]
fn reviewer_decides_in_an_open_access_review() {
    let mut t = T::new();
    let defs = t.graph_as(
        "bailey",
        Method::Get,
        "/v1.0/identityGovernance/accessReviews/definitions/filterByCurrentUser(on='reviewer')",
        None,
    );
    assert_eq!(defs.status, 200, "{}", defs.body);
    assert_eq!(defs.value().len(), 1);
    let def = &defs.value()[0];
    assert_eq!(def["status"], "InProgress");
    let def_id = def["id"].as_str().unwrap().to_string();
    let inst = t.graph_as(
        "bailey",
        Method::Get,
        &format!("/v1.0/identityGovernance/accessReviews/definitions/{def_id}/instances"),
        None,
    );
    let inst_id = inst.value()[0]["id"].as_str().unwrap().to_string();
    let base =
        format!("/v1.0/identityGovernance/accessReviews/definitions/{def_id}/instances/{inst_id}/decisions");
    let mine = t.graph_as("bailey", Method::Get, &format!("{base}/filterByCurrentUser(on='reviewer')"), None);
    assert_eq!(mine.value().len(), 2);
    assert!(mine.value().iter().all(|d| d["decision"] == "NotReviewed"));
    let drew = mine
        .value()
        .iter()
        .find(|d| d["principal"]["userPrincipalName"] == "drew@contoso.example")
        .unwrap()
        .clone();
    assert_eq!(drew["recommendation"], "Deny");
    let did = drew["id"].as_str().unwrap();
    assert!(t
        .graph_as("alex", Method::Get, &format!("{base}/filterByCurrentUser(on='reviewer')"), None)
        .value()
        .is_empty());
    let denied = t.graph_as(
        "alex",
        Method::Patch,
        &format!("{base}/{did}"),
        Some(json!({"decision": "Deny", "justification": "x"})),
    );
    assert_eq!(denied.status, 403);
    let r = t.graph_as(
        "bailey",
        Method::Patch,
        &format!("{base}/{did}"),
        Some(json!({"decision": "Deny", "justification": "No longer on the team"})),
    );
    assert_eq!(r.status, 204, "{}", r.body);
    let after = t.graph_as("bailey", Method::Get, &format!("{base}?$filter=decision%20eq%20'Deny'"), None);
    assert_eq!(after.value().len(), 1);
    assert_eq!(after.value()[0]["reviewedBy"]["displayName"], "Bailey Kim");
    t.advance_minutes(60 * 24 * 12);
    let closed = t.graph_as(
        "bailey",
        Method::Patch,
        &format!("{base}/{did}"),
        Some(json!({"decision": "Approve", "justification": "x"})),
    );
    assert_eq!(closed.status, 400);
}
