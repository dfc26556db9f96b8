//! The sim's bodies have the same property names as the official example bodies in
//! `../shared/graph/fixtures` (top level and the main nested objects), so a client written
//! against the fixtures reads the sim unchanged.

#[path = "sim_common.rs"]
mod common;

use std::collections::BTreeSet;

use common::*;
use pim_console::graph::Method;
use pim_console::sim::TokenClaims;
use serde_json::{json, Value};

fn fixture(name: &str) -> Value {
    let path = format!("{}/../shared/graph/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))).unwrap()
}

fn first(v: &Value) -> &Value {
    v.get("value").and_then(|a| a.get(0)).unwrap_or(v)
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object()
        .map(|o| o.keys().filter(|k| !k.starts_with('@') && !k.contains("@odata")).cloned().collect())
        .unwrap_or_default()
}

/// Asserts that `ours` has every property of `official` at `pointer` and nothing else.
fn same_shape(name: &str, official: &Value, ours: &Value, pointers: &[&str]) {
    same_shape_plus(name, official, ours, pointers, &[]);
}

/// Like [`same_shape`], allowing `extra` names the fixture predates (present in Graph's schema).
fn same_shape_plus(name: &str, official: &Value, ours: &Value, pointers: &[&str], extra: &[&str]) {
    for p in pointers {
        let a = keys(official.pointer(p).unwrap_or(&Value::Null));
        let mut b = keys(ours.pointer(p).unwrap_or(&Value::Null));
        b.retain(|k| !extra.contains(&k.as_str()));
        assert_eq!(
            a,
            b,
            "{name} at '{p}': official {:?} vs sim {:?}",
            a.difference(&b).collect::<Vec<_>>(),
            b.difference(&a).collect::<Vec<_>>()
        );
    }
}

#[test]
fn bodies_have_the_fixture_property_names() {
    let mut t = T::new();
    let alex = t.id("alex");
    let claims = TokenClaims::graph().with_mfa();
    let mut body = activate(&alex, EXCHANGE_ADMIN, "PT1H", Some("x"));
    body["ticketInfo"] = json!({"ticketNumber": "1", "ticketSystem": "s"});
    let act = t.graph_with("alex", claims.clone(), Method::Post, REQUESTS, Some(body));
    let sched =
        &["", "/scheduleInfo", "/scheduleInfo/expiration", "/ticketInfo", "/createdBy", "/createdBy/user"];
    same_shape(
        "selfActivate",
        &fixture("v1.0_roleAssignmentScheduleRequests_selfActivate_response.json"),
        &act.body,
        sched,
    );

    let e = t.graph_as("alex", Method::Get, MY_ELIGIBLE, None);
    same_shape(
        "eligibility instance",
        first(&fixture("v1.0_roleEligibilityScheduleInstances_filterByCurrentUser_principal_response.json")),
        first(&e.body),
        &[""],
    );
    let a = t.graph_as("alex", Method::Get, MY_ACTIVE, None);
    same_shape(
        "assignment instance",
        first(&fixture("v1.0_roleAssignmentScheduleInstances_filterByCurrentUser_principal_response.json")),
        first(&a.body),
        &[""],
    );
    let s = t.graph_as(
        "alex",
        Method::Get,
        "/v1.0/roleManagement/directory/roleAssignmentSchedules/filterByCurrentUser(on='principal')",
        None,
    );
    same_shape(
        "assignment schedule",
        first(&fixture("v1.0_roleAssignmentSchedules_filterByCurrentUser_principal_response.json")),
        first(&s.body),
        &["", "/scheduleInfo", "/scheduleInfo/expiration"],
    );

    let g = t.graph_as("alex", Method::Get, "/v1.0/identityGovernance/privilegedAccess/group/eligibilityScheduleInstances/filterByCurrentUser(on='principal')", None);
    same_shape(
        "group eligibility instance",
        first(&fixture(
            "v1.0_groups_eligibilityScheduleInstances_filterByCurrentUser_principal_response.json",
        )),
        first(&g.body),
        &[""],
    );
    let member = g.value().iter().find(|v| v["accessId"] == "member").unwrap().clone();
    let greq = t.graph_as("alex", Method::Post, "/v1.0/identityGovernance/privilegedAccess/group/assignmentScheduleRequests", Some(json!({
        "accessId": "member", "principalId": alex, "groupId": member["groupId"], "action": "selfActivate", "justification": "x",
        "scheduleInfo": {"startDateTime": null, "expiration": {"type": "afterDuration", "duration": "PT1H"}}})));
    same_shape(
        "group selfActivate",
        &fixture("v1.0_groups_assignmentScheduleRequests_selfActivate_response.json"),
        &greq.body,
        &["", "/ticketInfo"],
    );

    let p = t.graph_as("alex", Method::Get, &format!("/v1.0/policies/roleManagementPolicyAssignments?$filter=scopeId%20eq%20'/'%20and%20scopeType%20eq%20'DirectoryRole'%20and%20roleDefinitionId%20eq%20'{GLOBAL_ADMIN}'&$expand=policy($expand=rules)"), None);
    let official =
        fixture("v1.0_roleManagementPolicyAssignments_list_byRole_expandPolicyRules_response.json");
    let rule_ptrs: Vec<String> = (0..17)
        .flat_map(|i| [format!("/value/0/policy/rules/{i}"), format!("/value/0/policy/rules/{i}/target")])
        .collect();
    let mut ptrs =
        vec!["/value/0".to_string(), "/value/0/policy".into(), "/value/0/policy/lastModifiedBy".into()];
    ptrs.extend(rule_ptrs);
    ptrs.push("/value/0/policy/rules/12/setting".into());
    ptrs.push("/value/0/policy/rules/12/setting/approvalStages/0".into());
    let ptrs: Vec<&str> = ptrs.iter().map(String::as_str).collect();
    same_shape("policy assignment", &official, &p.body, &ptrs);

    let pending =
        t.graph_as("alex", Method::Post, REQUESTS, Some(activate(&alex, USER_ADMIN, "PT1H", Some("x"))));
    let id = pending.body["id"].as_str().unwrap();
    let ap = t.graph_as(
        "bailey",
        Method::Get,
        &format!("/beta/roleManagement/directory/roleAssignmentApprovals/{id}"),
        None,
    );
    same_shape(
        "beta approval",
        &fixture("beta_roleAssignmentApprovals_get_response.json"),
        &ap.body,
        &["", "/steps/0"],
    );

    let audit = t.graph_as("casey", Method::Get, "/v1.0/auditLogs/directoryAudits?$top=1", None);
    // `operationType` is in the v1.0 schema but not in this older example.
    let official = fixture("v1.0_directoryAudits_list_response.json");
    same_shape_plus(
        "directory audit",
        first(&official),
        first(&audit.body),
        &["", "/initiatedBy", "/additionalDetails/0"],
        &["operationType"],
    );
}

#[test]
fn arm_bodies_have_the_fixture_property_names() {
    let mut t = T::new();
    let alex = t.id("alex");
    let e = t.arm_as("alex", Method::Get, "/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?api-version=2020-10-01&$filter=asTarget()", None);
    let official = fixture("arm_roleEligibilityScheduleInstances_list_response.json");
    let ex = &[
        "",
        "/properties",
        "/properties/expandedProperties",
        "/properties/expandedProperties/scope",
        "/properties/expandedProperties/roleDefinition",
        "/properties/expandedProperties/principal",
    ];
    same_shape("ARM eligibility instance", first(&official), first(&e.body), ex);
    let c = e
        .value()
        .iter()
        .find(|v| v["properties"]["roleDefinitionId"].as_str().unwrap().ends_with(CONTRIBUTOR))
        .unwrap()
        .clone();
    let scope = c["properties"]["scope"].as_str().unwrap();
    let body = json!({"properties": {"principalId": alex, "roleDefinitionId": c["properties"]["roleDefinitionId"], "requestType": "SelfActivate",
        "justification": "x", "scheduleInfo": {"startDateTime": null, "expiration": {"type": "AfterDuration", "duration": "PT1H"}}}});
    let r = t.arm_as("alex", Method::Put, &format!("{scope}/providers/Microsoft.Authorization/roleAssignmentScheduleRequests/12345678-1234-4234-8234-123456789012?api-version=2020-10-01"), Some(body));
    let mut ptrs = ex.to_vec();
    ptrs.extend([
        "/properties/scheduleInfo",
        "/properties/scheduleInfo/expiration",
        "/properties/ticketInfo",
    ]);
    same_shape(
        "ARM selfActivate",
        &fixture("arm_roleAssignmentScheduleRequests_selfActivate_response.json"),
        &r.body,
        &ptrs,
    );
    let pa = t.arm_as("alex", Method::Get, &format!("{scope}/providers/Microsoft.Authorization/roleManagementPolicyAssignments?api-version=2020-10-01"), None);
    let official = fixture("arm_roleManagementPolicyAssignments_list_response.json");
    same_shape("ARM policy assignment", first(&official), first(&pa.body), &["", "/properties"]);
    for rule in first(&official)["properties"]["effectiveRules"].as_array().unwrap() {
        let ours = first(&pa.body)["properties"]["effectiveRules"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == rule["id"])
            .unwrap();
        same_shape(rule["id"].as_str().unwrap(), rule, ours, &["", "/target"]);
    }
}
