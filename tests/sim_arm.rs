//! Azure resource PIM over ARM: api-version, asTarget(), activation, validate, deactivation,
//! policies read and PATCH.

#[path = "sim_common.rs"]
mod common;

use common::*;
use pim_console::graph::Method;
use serde_json::json;

const V: &str = "api-version=2020-10-01";

fn contributor_scope(t: &mut T) -> String {
    let e = t.arm_as(
        "alex",
        Method::Get,
        &format!(
            "/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?{V}&$filter=asTarget()"
        ),
        None,
    );
    assert_eq!(e.status, 200, "{}", e.body);
    let c = e
        .value()
        .iter()
        .find(|v| v["properties"]["roleDefinitionId"].as_str().unwrap().ends_with(CONTRIBUTOR))
        .expect("contributor");
    assert_eq!(c["properties"]["expandedProperties"]["scope"]["type"], "subscription");
    assert_eq!(c["properties"]["memberType"], "Direct");
    c["properties"]["scope"].as_str().unwrap().to_string()
}

fn put_body(
    principal: &str,
    scope: &str,
    role: &str,
    kind: &str,
    duration: Option<&str>,
) -> serde_json::Value {
    let mut p = json!({"principalId": principal, "roleDefinitionId": format!("{scope}/providers/Microsoft.Authorization/roleDefinitions/{role}"),
        "requestType": kind, "justification": "Deploy"});
    if let Some(d) = duration {
        p["scheduleInfo"] = json!({"expiration": {"type": "AfterDuration", "duration": d}});
    }
    json!({"properties": p})
}

#[test]
fn api_version_and_audience_are_checked() {
    let mut t = T::new();
    let r = t.arm_as(
        "alex",
        Method::Get,
        "/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?$filter=asTarget()",
        None,
    );
    assert_eq!((r.status, r.code()), (400, "MissingApiVersionParameter"));
    let graph_token = t.token("alex", pim_console::sim::TokenClaims::graph());
    let r = t.send(
        Method::Get,
        &format!("{ARM}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?{V}"),
        Some(&graph_token),
        None,
    );
    assert_eq!((r.status, r.code()), (401, "InvalidAuthenticationToken"));
    assert!(r.body["error"].get("innerError").is_none(), "ARM errors are CloudError, not Graph's envelope");
}

#[test]
fn activate_validate_and_deactivate_at_subscription_scope() {
    let mut t = T::new();
    let alex = t.id("alex");
    let scope = contributor_scope(&mut t);
    let base = format!("{scope}/providers/Microsoft.Authorization/roleAssignmentScheduleRequests");
    let v = t.arm_as(
        "alex",
        Method::Post,
        &format!("{base}/11111111-1111-4111-8111-111111111111/validate?{V}"),
        Some(put_body(&alex, &scope, CONTRIBUTOR, "SelfActivate", Some("PT1H"))),
    );
    assert_eq!(v.status, 200, "{}", v.body);
    let none = t.arm_as(
        "alex",
        Method::Get,
        &format!("/providers/Microsoft.Authorization/roleAssignmentScheduleInstances?{V}&$filter=asTarget()"),
        None,
    );
    assert!(none.value().is_empty(), "validate has no side effects");
    let too_long = t.arm_as(
        "alex",
        Method::Put,
        &format!("{base}/22222222-2222-4222-8222-222222222222?{V}"),
        Some(put_body(&alex, &scope, CONTRIBUTOR, "SelfActivate", Some("PT10H"))),
    );
    assert_eq!((too_long.status, too_long.code()), (400, "RoleAssignmentRequestPolicyValidationFailed"));
    let r = t.arm_as(
        "alex",
        Method::Put,
        &format!("{base}/33333333-3333-4333-8333-333333333333?{V}"),
        Some(put_body(&alex, &scope, CONTRIBUTOR, "SelfActivate", Some("PT1H"))),
    );
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(
        (r.body["properties"]["status"].as_str(), r.body["properties"]["requestType"].as_str()),
        (Some("Provisioned"), Some("SelfActivate"))
    );
    assert_eq!(r.body["type"], "Microsoft.Authorization/RoleAssignmentScheduleRequests");
    let again = t.arm_as(
        "alex",
        Method::Put,
        &format!("{base}/44444444-4444-4444-8444-444444444444?{V}"),
        Some(put_body(&alex, &scope, CONTRIBUTOR, "SelfActivate", Some("PT1H"))),
    );
    assert_eq!(again.code(), "RoleAssignmentExists");
    let off = put_body(&alex, &scope, CONTRIBUTOR, "SelfDeactivate", None);
    let early = t.arm_as(
        "alex",
        Method::Put,
        &format!("{base}/55555555-5555-4555-8555-555555555555?{V}"),
        Some(off.clone()),
    );
    assert_eq!((early.status, early.code()), (400, "ActiveDurationTooShort"));
    t.advance_minutes(5);
    let done =
        t.arm_as("alex", Method::Put, &format!("{base}/66666666-6666-4666-8666-666666666666?{V}"), Some(off));
    assert_eq!(done.body["properties"]["status"], "Revoked");
    let rg = t.arm_as(
        "alex",
        Method::Get,
        &format!("{scope}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?{V}"),
        None,
    );
    assert!(rg.value().len() >= 2, "the subscription list includes its resource groups");
}

#[test]
fn policies_at_a_scope_are_read_and_patched_by_an_owner() {
    let mut t = T::new();
    let scope = contributor_scope(&mut t);
    let list = t.arm_as("alex", Method::Get, &format!("{scope}/providers/Microsoft.Authorization/roleManagementPolicyAssignments?{V}&$filter=roleDefinitionId%20eq%20'{scope}/providers/Microsoft.Authorization/roleDefinitions/{CONTRIBUTOR}'"), None);
    assert_eq!(list.status, 200, "{}", list.body);
    assert_eq!(list.value().len(), 1);
    let a = &list.value()[0]["properties"];
    let rules = a["effectiveRules"].as_array().unwrap();
    assert_eq!(rules.len(), 17);
    assert!(rules.iter().all(|r| r["ruleType"].as_str().unwrap().starts_with("RoleManagementPolicy")));
    let policy = a["policyId"].as_str().unwrap().to_string();
    let patch = json!({"properties": {"rules": [{"id": "Expiration_EndUser_Assignment", "ruleType": "RoleManagementPolicyExpirationRule",
        "isExpirationRequired": true, "maximumDuration": "PT30M",
        "target": {"caller": "EndUser", "operations": ["All"], "level": "Assignment", "targetObjects": null, "inheritableSettings": null, "enforcedSettings": null}}]}});
    let denied = t.arm_as("alex", Method::Patch, &format!("{policy}?{V}"), Some(patch.clone()));
    assert_eq!((denied.status, denied.code()), (403, "AuthorizationFailed"));
    let bad = t.arm_as(
        "casey",
        Method::Patch,
        &format!("{policy}?{V}"),
        Some(json!({"properties": {"rules": [{"id": "x"}]}})),
    );
    assert_eq!((bad.status, bad.code()), (400, "InvalidPolicy"));
    let ok = t.arm_as("casey", Method::Patch, &format!("{policy}?{V}"), Some(patch));
    assert_eq!(ok.status, 200, "{}", ok.body);
    let rule = ok.body["properties"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "Expiration_EndUser_Assignment")
        .unwrap()
        .clone();
    assert_eq!(rule["maximumDuration"], "PT30M");
    let alex = t.id("alex");
    let r = t.arm_as("alex", Method::Put, &format!("{scope}/providers/Microsoft.Authorization/roleAssignmentScheduleRequests/77777777-7777-4777-8777-777777777777?{V}"), Some(put_body(&alex, &scope, CONTRIBUTOR, "SelfActivate", Some("PT1H"))));
    assert_eq!(r.message(), r#"The following policy rules failed: ["ExpirationRule"]"#);
}

#[test]
fn owners_assign_eligibility_and_role_definitions_are_listed() {
    let mut t = T::new();
    let scope = contributor_scope(&mut t);
    let harper = t.id("harper");
    let url = format!("{scope}/providers/Microsoft.Authorization/roleEligibilityScheduleRequests/88888888-8888-4888-8888-888888888888?{V}");
    let mut body = put_body(&harper, &scope, OWNER, "AdminAssign", Some("P30D"));
    let denied = t.arm_as("alex", Method::Put, &url, Some(body.clone()));
    assert_eq!((denied.status, denied.code()), (403, "AuthorizationFailed"));
    let r = t.arm_as("casey", Method::Put, &url, Some(body.clone()));
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["type"], "Microsoft.Authorization/RoleEligibilityScheduleRequests");
    body["properties"]["scheduleInfo"] = json!({"expiration": {"type": "NoExpiration"}});
    let url2 = url.replace("88888888-8888-4888-8888-888888888888", "99999999-9999-4999-8999-999999999999");
    let r = t.arm_as("casey", Method::Put, &url2, Some(body));
    assert_eq!(r.code(), "RoleAssignmentExists");
    let defs = t.arm_as(
        "alex",
        Method::Get,
        &format!("{scope}/providers/Microsoft.Authorization/roleDefinitions?{V}"),
        None,
    );
    assert!(defs.value().iter().any(|d| d["properties"]["roleName"] == "User Access Administrator"));
    let one = t.arm_as(
        "alex",
        Method::Get,
        &format!("{scope}/providers/Microsoft.Authorization/roleDefinitions/{OWNER}?{V}"),
        None,
    );
    assert_eq!(one.body["properties"]["roleName"], "Owner");
}

#[test]
fn the_official_arm_policy_patch_body_is_accepted() {
    let mut t = T::new();
    let scope = contributor_scope(&mut t);
    let list = t.arm_as(
        "casey",
        Method::Get,
        &format!("{scope}/providers/Microsoft.Authorization/roleManagementPolicies?{V}"),
        None,
    );
    assert_eq!(list.value().len(), 4, "one policy per Azure role at the scope");
    let policy = list.value()[0]["id"].as_str().unwrap().to_string();
    let path = format!(
        "{}/../shared/graph/fixtures/arm_roleManagementPolicies_patch_request.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let body: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let r = t.arm_as("casey", Method::Patch, &format!("{policy}?{V}"), Some(body.clone()));
    assert_eq!(r.status, 200, "{}", r.body);
    let back = t.arm_as("casey", Method::Get, &format!("{policy}?{V}"), None);
    let rules = back.body["properties"]["rules"].as_array().unwrap();
    for sent in body["properties"]["rules"].as_array().unwrap() {
        let got = rules.iter().find(|r| r["id"] == sent["id"]).unwrap();
        assert_eq!(got["ruleType"], sent["ruleType"]);
        for key in [
            "maximumDuration",
            "isExpirationRequired",
            "notificationLevel",
            "notificationRecipients",
            "enabledRules",
            "isEnabled",
            "claimValue",
        ] {
            if let Some(v) = sent.get(key) {
                assert_eq!(&got[key], v, "{} {key}", sent["id"]);
            }
        }
    }
}

#[test]
fn at_scope_lists_mark_parent_assignments_inherited_and_owners_see_their_subscriptions() {
    let mut t = T::new();
    let sub = contributor_scope(&mut t);
    let rg = format!("{sub}/resourceGroups/rg-web-prod");
    let list = |t: &mut T, at: &str| {
        let url = format!(
            "{at}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?{V}&$filter=atScope()"
        );
        let r = t.arm_as("casey", Method::Get, &url, None);
        assert_eq!(r.status, 200, "{}", r.body);
        r.value()
            .iter()
            .find(|v| v["properties"]["roleDefinitionId"].as_str().unwrap().ends_with(CONTRIBUTOR))
            .map(|v| v["properties"]["memberType"].clone())
    };
    assert_eq!(list(&mut t, &sub), Some(json!("Direct")));
    assert_eq!(list(&mut t, &rg), Some(json!("Inherited")));
    // Not in API.md: Resource Manager's subscriptions list (api-version 2022-12-01) for the picker.
    let subs = t.arm_as("casey", Method::Get, "/subscriptions?api-version=2022-12-01", None);
    assert_eq!(subs.status, 200, "{}", subs.body);
    let prod =
        subs.value().iter().find(|s| s["id"] == sub.as_str()).expect("Casey owns the management group above");
    assert_eq!(prod["displayName"], "Contoso Production");
    assert_eq!(format!("/subscriptions/{}", prod["subscriptionId"].as_str().unwrap()), sub);
    let none = t.arm_as("alex", Method::Get, "/subscriptions?api-version=2022-12-01", None);
    assert!(none.value().is_empty(), "eligible only: no subscription is readable yet");
}
