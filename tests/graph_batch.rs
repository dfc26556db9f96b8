//! `$batch`: splitting, id matching in any order, per-item errors and per-item 429 retry,
//! and the one-round-trip "my access" load.

use std::time::Duration;

use futures::executor::block_on;
use pim_console::graph::client::{BatchItem, GraphVersion};
use pim_console::graph::scripted::scripted_client;
use pim_console::graph::{ErrorKind, GraphError};
use serde_json::{json, Value};

fn sent_ids(body: &str) -> Vec<String> {
    let v: Value = serde_json::from_str(body).unwrap();
    v["requests"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap().to_owned()).collect()
}

fn answer(ids: &[String], status: u16) -> String {
    let responses: Vec<Value> = ids
        .iter()
        .rev()
        .map(|id| json!({"id": id, "status": status, "body": {"value": [{"id": id}]}}))
        .collect();
    json!({ "responses": responses }).to_string()
}

#[test]
fn more_than_twenty_requests_are_split_and_matched_by_id() {
    let (client, t, _) = scripted_client();
    let items: Vec<BatchItem> =
        (0..45).map(|i| BatchItem::get(format!("r{i}"), format!("/users/{i}"))).collect();
    let ids: Vec<String> = items.iter().map(|i| i.id.clone()).collect();
    for chunk in ids.chunks(20) {
        t.push_json(200, &answer(chunk, 200));
    }
    let out = block_on(client.batch(GraphVersion::V1, items)).unwrap();
    assert_eq!(t.sent(), 3);
    let sizes: Vec<usize> =
        t.requests.borrow().iter().map(|r| sent_ids(r.body.as_deref().unwrap()).len()).collect();
    assert_eq!(sizes, [20, 20, 5]);
    assert!(t.requests.borrow().iter().all(|r| r.url == "http://127.0.0.1:9/graph/v1.0/$batch"));
    assert_eq!(out.len(), 45);
    for id in &ids {
        let body = out[id].as_ref().unwrap().as_ref().unwrap();
        assert_eq!(body["value"][0]["id"], id.as_str(), "answers are matched by id, not order");
    }
}

#[test]
fn item_errors_stay_with_their_item_and_a_throttled_item_is_retried_alone() {
    let (client, t, _) = scripted_client();
    let items = vec![
        BatchItem::get("a", "/roleManagement/directory/roleDefinitions"),
        BatchItem::get("b", "/auditLogs/directoryAudits"),
        BatchItem::get("c", "/groups"),
    ];
    t.push_json(
        200,
        &json!({"responses": [
            {"id": "c", "status": 429, "headers": {"Retry-After": "3"}, "body": {"error": {"code": "TooManyRequests", "message": "slow"}}},
            {"id": "a", "status": 200, "body": {"value": []}},
            {"id": "b", "status": 403, "body": {"error": {"code": "Authorization_RequestDenied", "message": "Insufficient privileges"}}}
        ]})
        .to_string(),
    );
    t.push_json(
        200,
        &json!({"responses": [{"id": "c", "status": 200, "body": {"value": [{"id": "g"}]}}]}).to_string(),
    );
    let out = block_on(client.batch(GraphVersion::V1, items)).unwrap();
    assert_eq!(sent_ids(t.requests.borrow()[1].body.as_deref().unwrap()), ["c"]);
    assert_eq!(*t.sleeps.borrow(), vec![Duration::from_secs(3)]);
    assert!(out["a"].is_ok());
    assert_eq!(out["b"].as_ref().unwrap_err().kind(), ErrorKind::PermissionMissing);
    assert_eq!(out["c"].as_ref().unwrap().as_ref().unwrap()["value"][0]["id"], "g");
}

#[test]
fn a_missing_answer_and_duplicate_ids_are_reported() {
    let (client, t, _) = scripted_client();
    t.push_json(200, r#"{"responses":[{"id":"a","status":204}]}"#);
    let out = block_on(
        client.batch(GraphVersion::Beta, vec![BatchItem::get("a", "/x"), BatchItem::get("b", "/y")]),
    )
    .unwrap();
    assert_eq!(out["a"], Ok(None));
    assert_eq!(out["b"].as_ref().unwrap_err().kind(), ErrorKind::BadResponse);
    assert!(t.requests.borrow()[0].url.ends_with("/beta/$batch"));

    let err =
        block_on(client.batch(GraphVersion::V1, vec![BatchItem::get("a", "/x"), BatchItem::get("a", "/y")]))
            .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BadResponse);
    assert_eq!(t.sent(), 1, "nothing is sent for a malformed batch");
}

#[test]
fn my_access_loads_roles_and_groups_in_one_round_trip() {
    let (client, t, _) = scripted_client();
    let next = "http://127.0.0.1:9/graph/v1.0/roleManagement/directory/roleAssignmentScheduleInstances/filterByCurrentUser(on='principal')?$skiptoken=2";
    t.push_json(
        200,
        &json!({"responses": [
            {"id": "activeGroups", "status": 200, "body": {"value": []}},
            {"id": "eligibleGroups", "status": 403, "body": {"error": {"code": "", "message": "Valid permissions not present. User needs one of the following permissions for this action : PrivilegedEligibilitySchedule.Read.AzureADGroup"}}},
            {"id": "activeRoles", "status": 200, "body": {"value": [{"id": "x", "assignmentType": "Activated"}], "@odata.nextLink": next}},
            {"id": "eligibleRoles", "status": 200, "body": {"value": [{"id": "e", "roleDefinition": {"displayName": "Global Reader"}}]}}
        ]})
        .to_string(),
    );
    t.push_json(200, r#"{"value":[{"id":"y","assignmentType":"Assigned"}]}"#);
    let mine = block_on(client.load_my_access()).unwrap();
    let first = &t.requests.borrow()[0];
    let urls: Vec<String> = serde_json::from_str::<Value>(first.body.as_deref().unwrap()).unwrap()
        ["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["url"].as_str().unwrap().to_owned())
        .collect();
    let eligible = "/roleManagement/directory/roleEligibilityScheduleInstances/filterByCurrentUser(on='principal')?$expand=";
    assert!(
        urls.iter()
            .any(|u| u.starts_with(eligible) && u.contains("roleDefinition") && u.contains("directoryScope")),
        "role and scope names come with the rows: {urls:?}"
    );
    assert!(urls.iter().any(
        |u| u.contains("group/assignmentScheduleInstances/filterByCurrentUser(on='principal')?$expand=group")
    ));
    let eligible = mine.eligible_roles.unwrap();
    assert_eq!(eligible[0].role_definition.as_ref().unwrap().display_name.as_deref(), Some("Global Reader"));
    assert_eq!(mine.active_roles.unwrap().len(), 2, "the second page was followed");
    assert_eq!(mine.active_groups.unwrap().len(), 0);
    let GraphError::PermissionMissing { needed, .. } = mine.eligible_groups.unwrap_err() else { panic!() };
    assert_eq!(needed, ["PrivilegedEligibilitySchedule.Read.AzureADGroup"]);
    assert_eq!(t.requests.borrow()[1].url, next);
}
