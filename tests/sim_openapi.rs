//! Every property the sim returns for a representative set of Graph requests exists on that
//! entity in Graph's own schema (`../shared/graph/openapi-pim-subset*.json`), following
//! `allOf`/`$ref` inheritance and derived types named by `@odata.type`. Annotations
//! (`@odata.*`, `x@odata.context`) are skipped. Navigation properties are checked only when
//! the subset describes their type beyond `id` (it omits `user` and most of `group`). ARM
//! bodies are outside this schema.

#[path = "sim_common.rs"]
mod common;

use std::collections::BTreeSet;

use common::*;
use pim_console::graph::Method;
use pim_console::sim::TokenClaims;
use serde_json::{json, Value};

struct Schema {
    schemas: Value,
}

impl Schema {
    fn load(file: &str) -> Schema {
        let path = format!("{}/../shared/graph/{file}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let v: Value = serde_json::from_str(&text).unwrap();
        Schema { schemas: v["components"]["schemas"].clone() }
    }

    fn get(&self, name: &str) -> Option<&Value> {
        self.schemas.get(format!("microsoft.graph.{name}")).filter(|v| !v.is_null())
    }

    /// All properties of a type with their schemas, through `allOf`/`$ref`.
    fn props(&self, name: &str) -> Vec<(String, Value)> {
        let Some(s) = self.get(name) else { return Vec::new() };
        let mut out = Vec::new();
        let parts = s.get("allOf").and_then(Value::as_array).cloned().unwrap_or_else(|| vec![s.clone()]);
        for part in parts {
            if let Some(r) = part["$ref"].as_str() {
                out.extend(self.props(short(r)));
            }
            if let Some(p) = part["properties"].as_object() {
                out.extend(p.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
        }
        out
    }

    /// True when the subset knows more than `id` about a type.
    fn is_rich(&self, name: &str) -> bool {
        self.props(name).iter().any(|(k, _)| k != "id" && k != "@odata.type")
    }

    fn check(&self, v: &Value, ty: &str, at: &str, errors: &mut BTreeSet<String>) {
        let Some(obj) = v.as_object() else { return };
        let ty = obj
            .get("@odata.type")
            .and_then(Value::as_str)
            .map(|t| t.trim_start_matches("#microsoft.graph.").to_string())
            .filter(|t| self.get(t).is_some())
            .unwrap_or_else(|| ty.to_string());
        let props = self.props(&ty);
        assert!(!props.is_empty(), "type {ty} is not in the schema ({at})");
        for (k, val) in obj {
            if k.starts_with('@') || k.contains("@odata.") {
                continue;
            }
            let Some((_, schema)) = props.iter().find(|(p, _)| p == k) else {
                errors.insert(format!("{ty}.{k} (at {at})"));
                continue;
            };
            let nav = schema["x-ms-navigationProperty"].as_bool() == Some(true);
            let Some(target) = referenced(schema) else { continue };
            if self.get(&target).is_none()
                || (nav && !self.is_rich(&target))
                || !self.is_rich(&target) && !nav
            {
                continue;
            }
            let path = format!("{at}.{k}");
            match val {
                Value::Array(items) => items.iter().for_each(|i| self.check(i, &target, &path, errors)),
                Value::Object(_) => self.check(val, &target, &path, errors),
                _ => {}
            }
        }
    }
}

fn short(r: &str) -> &str {
    r.trim_start_matches("#/components/schemas/microsoft.graph.")
}

/// The type a property refers to: `$ref`, `anyOf[$ref]`, or array `items` of either.
fn referenced(s: &Value) -> Option<String> {
    let s = if s["type"] == "array" { &s["items"] } else { s };
    if let Some(r) = s["$ref"].as_str() {
        return Some(short(r).to_string());
    }
    s["anyOf"].as_array()?.iter().find_map(|a| a["$ref"].as_str().map(|r| short(r).to_string()))
}

#[test]
fn every_returned_property_exists_in_graphs_schema() {
    let v1 = Schema::load("openapi-pim-subset.json");
    let beta = Schema::load("openapi-pim-subset-beta.json");
    // The checker itself finds unknown names, nested and through derived rule types.
    let mut probe = BTreeSet::new();
    v1.check(
        &json!({"id": "x", "bogus": 1, "scheduleInfo": {"expiration": {"nope": 1}}}),
        "unifiedRoleAssignmentScheduleRequest",
        "probe",
        &mut probe,
    );
    v1.check(&json!({"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule", "id": "r", "maximumDuration": "PT1H", "claimValue": "c1"}), "unifiedRoleManagementPolicyRule", "probe", &mut probe);
    assert_eq!(probe.len(), 3, "{probe:?}");
    let mut t = T::new();
    let alex = t.id("alex");
    let claims = TokenClaims::graph().with_mfa().with_acrs("c1");
    // State to read: an activation, a pending approval, a group activation.
    let act = t.graph_with(
        "alex",
        claims.clone(),
        Method::Post,
        REQUESTS,
        Some(activate(&alex, EXCHANGE_ADMIN, "PT1H", Some("x"))),
    );
    assert_eq!(act.status, 201);
    let pending =
        t.graph_as("alex", Method::Post, REQUESTS, Some(activate(&alex, USER_ADMIN, "PT1H", Some("x"))));
    let approval = pending.body["id"].as_str().unwrap().to_string();
    let groups = t.graph_as("alex", Method::Get, "/v1.0/identityGovernance/privilegedAccess/group/eligibilityScheduleInstances/filterByCurrentUser(on='principal')", None);
    let dba = groups.value().iter().find(|g| g["accessId"] == "owner").unwrap()["groupId"]
        .as_str()
        .unwrap()
        .to_string();
    let greq = t.graph_as("alex", Method::Post, "/v1.0/identityGovernance/privilegedAccess/group/assignmentScheduleRequests", Some(json!({
        "accessId": "owner", "principalId": alex, "groupId": dba, "action": "selfActivate", "justification": "x",
        "scheduleInfo": {"expiration": {"type": "afterDuration", "duration": "PT1H"}}})));
    let gapproval = greq.body["id"].as_str().unwrap().to_string();
    let policy = t.graph_as("alex", Method::Get, &format!("/v1.0/policies/roleManagementPolicyAssignments?$filter=scopeId eq '/' and scopeType eq 'DirectoryRole' and roleDefinitionId eq '{USER_ADMIN}'"), None);
    let policy_id = policy.value()[0]["policyId"].as_str().unwrap().to_string();
    let review =
        t.graph_as("bailey", Method::Get, "/v1.0/identityGovernance/accessReviews/definitions", None);
    let def = review.value()[0]["id"].as_str().unwrap().to_string();
    let inst = t.graph_as(
        "bailey",
        Method::Get,
        &format!("/v1.0/identityGovernance/accessReviews/definitions/{def}/instances"),
        None,
    );
    let inst = inst.value()[0]["id"].as_str().unwrap().to_string();

    let rd = "/roleManagement/directory";
    let pg = "/identityGovernance/privilegedAccess/group";
    let cases: Vec<(&str, String, &str)> = vec![
        ("alex", format!("/v1.0{rd}/roleEligibilityScheduleInstances/filterByCurrentUser(on='principal')?$expand=roleDefinition"), "unifiedRoleEligibilityScheduleInstance"),
        ("alex", format!("/v1.0{rd}/roleAssignmentScheduleInstances/filterByCurrentUser(on='principal')?$expand=roleDefinition,principal"), "unifiedRoleAssignmentScheduleInstance"),
        ("alex", format!("/v1.0{rd}/roleEligibilitySchedules/filterByCurrentUser(on='principal')"), "unifiedRoleEligibilitySchedule"),
        ("alex", format!("/v1.0{rd}/roleAssignmentSchedules/filterByCurrentUser(on='principal')"), "unifiedRoleAssignmentSchedule"),
        ("alex", format!("/v1.0{rd}/roleAssignmentScheduleRequests/filterByCurrentUser(on='principal')"), "unifiedRoleAssignmentScheduleRequest"),
        ("casey", format!("/v1.0{rd}/roleEligibilityScheduleRequests"), "unifiedRoleEligibilityScheduleRequest"),
        ("bailey", format!("/v1.0{rd}/roleAssignmentScheduleRequests/filterByCurrentUser(on='approver')?$expand=roleDefinition"), "unifiedRoleAssignmentScheduleRequest"),
        ("alex", format!("/v1.0{rd}/roleDefinitions"), "unifiedRoleDefinition"),
        ("alex", format!("/beta{rd}/roleDefinitions"), "unifiedRoleDefinition"),
        ("casey", format!("/v1.0{rd}/roleAssignments"), "unifiedRoleAssignment"),
        ("bailey", format!("/beta{rd}/roleAssignmentApprovals/{approval}"), "approval"),
        ("alex", format!("/v1.0{pg}/eligibilityScheduleInstances/filterByCurrentUser(on='principal')"), "privilegedAccessGroupEligibilityScheduleInstance"),
        ("alex", format!("/v1.0{pg}/eligibilitySchedules/filterByCurrentUser(on='principal')"), "privilegedAccessGroupEligibilitySchedule"),
        ("alex", format!("/v1.0{pg}/assignmentScheduleRequests/filterByCurrentUser(on='principal')"), "privilegedAccessGroupAssignmentScheduleRequest"),
        ("bailey", format!("/v1.0{pg}/assignmentApprovals/{gapproval}"), "approval"),
        ("alex", "/v1.0/policies/roleManagementPolicyAssignments?$filter=scopeId eq '/' and scopeType eq 'DirectoryRole'&$top=3".into(), "unifiedRoleManagementPolicyAssignment"),
        ("alex", format!("/v1.0/policies/roleManagementPolicies/{policy_id}"), "unifiedRoleManagementPolicy"),
        ("alex", format!("/v1.0/policies/roleManagementPolicies/{policy_id}/rules"), "unifiedRoleManagementPolicyRule"),
        ("casey", "/v1.0/auditLogs/directoryAudits?$top=50".into(), "directoryAudit"),
        ("bailey", "/v1.0/identityGovernance/accessReviews/definitions".into(), "accessReviewScheduleDefinition"),
        ("bailey", format!("/v1.0/identityGovernance/accessReviews/definitions/{def}/instances"), "accessReviewInstance"),
        ("bailey", format!("/v1.0/identityGovernance/accessReviews/definitions/{def}/instances/{inst}/decisions/filterByCurrentUser(on='reviewer')"), "accessReviewInstanceDecisionItem"),
    ];
    let mut errors = BTreeSet::new();
    let mut checked = 0;
    for (who, path, ty) in &cases {
        let path = path.replace(' ', "%20");
        let r = t.graph_with(who, claims.clone(), Method::Get, &path, None);
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        let schema = if path.starts_with("/beta") { &beta } else { &v1 };
        let items: Vec<Value> = match r.body.get("value") {
            Some(Value::Array(a)) => a.clone(),
            _ => vec![r.body.clone()],
        };
        assert!(!items.is_empty(), "{path} returned nothing to check");
        for item in &items {
            schema.check(item, ty, &path, &mut errors);
            checked += 1;
        }
    }
    for (body, ty) in [
        (&act.body, "unifiedRoleAssignmentScheduleRequest"),
        (&greq.body, "privilegedAccessGroupAssignmentScheduleRequest"),
    ] {
        v1.check(body, ty, "POST response", &mut errors);
    }
    assert!(checked > 40, "checked {checked} entities");
    assert!(
        errors.is_empty(),
        "properties missing from Graph's schema:\n{}",
        errors.into_iter().collect::<Vec<_>>().join("\n")
    );
}
