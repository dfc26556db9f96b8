//! Administrator writes and role settings: Privileged Role Administrator required,
//! Expiration_Admin_* rules, last Global Administrator, policies read and PATCH.

#[path = "sim_common.rs"]
mod common;

use common::*;
use pim_console::graph::Method;
use pim_console::sim::TokenClaims;
use serde_json::json;

const ELIG_REQS: &str = "/v1.0/roleManagement/directory/roleEligibilityScheduleRequests";

fn admin_body(
    action: &str,
    principal: &str,
    role: &str,
    expiration: serde_json::Value,
    justification: Option<&str>,
) -> serde_json::Value {
    let mut b = json!({"action": action, "principalId": principal, "roleDefinitionId": role, "directoryScopeId": "/",
        "scheduleInfo": {"startDateTime": "2026-03-02T09:00:00Z", "expiration": expiration}});
    if let Some(j) = justification {
        b["justification"] = j.into();
    }
    b
}

#[test]
fn admin_writes_need_privileged_role_administrator() {
    let mut t = T::new();
    let harper = t.id("harper");
    let body =
        admin_body("adminAssign", &harper, INTUNE_ADMIN, json!({"type": "NoExpiration"}), Some("on-call"));
    let r = t.graph_as("alex", Method::Post, ELIG_REQS, Some(body.clone()));
    assert_eq!((r.status, r.code()), (403, "Authorization_RequestDenied"));
    let r = t.graph_as("casey", Method::Post, ELIG_REQS, Some(body.clone()));
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(
        (r.body["status"].as_str(), r.body["action"].as_str()),
        (Some("Provisioned"), Some("adminAssign"))
    );
    let dup = t.graph_as("casey", Method::Post, ELIG_REQS, Some(body));
    assert_eq!(dup.code(), "RoleAssignmentExists");
    let list = t.graph_as("casey", Method::Get, &format!("/v1.0/roleManagement/directory/roleEligibilityScheduleInstances?$filter=principalId%20eq%20'{harper}'%20and%20roleDefinitionId%20eq%20'{INTUNE_ADMIN}'"), None);
    assert_eq!(list.value().len(), 1);
    assert_eq!(list.value()[0]["endDateTime"], serde_json::Value::Null);

    let remove = json!({"action": "adminRemove", "principalId": harper, "roleDefinitionId": INTUNE_ADMIN, "directoryScopeId": "/"});
    let r = t.graph_as("casey", Method::Post, ELIG_REQS, Some(remove.clone()));
    assert_eq!((r.status, r.body["status"].as_str()), (201, Some("Revoked")));
    let r = t.graph_as("casey", Method::Post, ELIG_REQS, Some(remove));
    assert_eq!(r.code(), "RoleAssignmentDoesNotExist");
}

#[test]
fn expiration_admin_rules_bound_active_assignments() {
    let mut t = T::new();
    let harper = t.id("harper");
    // User Administrator: active assignments must expire within 90 days and need a justification.
    let permanent =
        admin_body("adminAssign", &harper, USER_ADMIN, json!({"type": "NoExpiration"}), Some("x"));
    let r = t.graph_as("casey", Method::Post, REQUESTS, Some(permanent));
    assert_eq!(r.message(), r#"The following policy rules failed: ["ExpirationRule"]"#);
    let long = admin_body(
        "adminAssign",
        &harper,
        USER_ADMIN,
        json!({"type": "AfterDuration", "duration": "P120D"}),
        Some("x"),
    );
    assert_eq!(
        t.graph_as("casey", Method::Post, REQUESTS, Some(long)).code(),
        "RoleAssignmentRequestPolicyValidationFailed"
    );
    let nojust = admin_body(
        "adminAssign",
        &harper,
        USER_ADMIN,
        json!({"type": "AfterDuration", "duration": "P30D"}),
        None,
    );
    assert_eq!(
        t.graph_as("casey", Method::Post, REQUESTS, Some(nojust)).message(),
        r#"The following policy rules failed: ["JustificationRule"]"#
    );
    let ok = admin_body(
        "adminAssign",
        &harper,
        USER_ADMIN,
        json!({"type": "AfterDateTime", "endDateTime": "2026-04-01T09:00:00Z"}),
        Some("Migration"),
    );
    let r = t.graph_as("casey", Method::Post, REQUESTS, Some(ok));
    assert_eq!(r.status, 201, "{}", r.body);
    // Extend within the limit.
    let ext = admin_body(
        "adminExtend",
        &harper,
        USER_ADMIN,
        json!({"type": "AfterDuration", "duration": "P60D"}),
        Some("More time"),
    );
    let r = t.graph_as("casey", Method::Post, REQUESTS, Some(ext));
    assert_eq!(r.status, 201, "{}", r.body);
    let active = t.graph_as("casey", Method::Get, &format!("/v1.0/roleManagement/directory/roleAssignmentScheduleInstances?$filter=principalId%20eq%20'{harper}'"), None);
    assert_eq!(active.value()[0]["endDateTime"], "2026-05-01T09:00:00Z");
    assert_eq!(active.value()[0]["assignmentType"], "Assigned");
}

#[test]
fn the_last_global_administrator_cannot_be_removed() {
    let mut t = T::new();
    let dana = t.id("dana");
    let casey = t.id("casey");
    let remove = json!({"action": "adminRemove", "principalId": dana, "roleDefinitionId": GLOBAL_ADMIN, "directoryScopeId": "/", "justification": "cleanup"});
    let r = t.graph_as("casey", Method::Post, REQUESTS, Some(remove.clone()));
    assert_eq!(r.status, 400);
    assert!(r.message().contains("last Global Administrator"), "{}", r.message());
    let add = admin_body(
        "adminAssign",
        &casey,
        GLOBAL_ADMIN,
        json!({"type": "NoExpiration"}),
        Some("second admin"),
    );
    assert_eq!(t.graph_as("casey", Method::Post, REQUESTS, Some(add)).status, 201);
    let r = t.graph_as("casey", Method::Post, REQUESTS, Some(remove));
    assert_eq!((r.status, r.body["status"].as_str()), (201, Some("Revoked")));
}

const POLICY_QUERY: &str = "/v1.0/policies/roleManagementPolicyAssignments?$filter=scopeId%20eq%20'/'%20and%20scopeType%20eq%20'DirectoryRole'%20and%20roleDefinitionId%20eq%20'";

#[test]
fn role_settings_read_and_patch() {
    let mut t = T::new();
    let r = t.graph_as(
        "alex",
        Method::Get,
        &format!("{POLICY_QUERY}{GLOBAL_READER}'&$expand=policy($expand=rules)"),
        None,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.value().len(), 1);
    let a = &r.value()[0];
    assert_eq!(a["roleDefinitionId"], GLOBAL_READER);
    let rules = a["policy"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 17);
    let exp = rules.iter().find(|r| r["id"] == "Expiration_EndUser_Assignment").unwrap();
    assert_eq!(exp["maximumDuration"], "PT8H");
    assert_eq!(exp["target"]["operations"], json!(["all"]));
    let missing = t.graph_as("alex", Method::Get, "/v1.0/policies/roleManagementPolicyAssignments", None);
    assert_eq!(missing.status, 400);

    let policy_id = a["policyId"].as_str().unwrap().to_string();
    let patch = json!({"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule", "id": "Expiration_EndUser_Assignment",
        "isExpirationRequired": true, "maximumDuration": "PT2H",
        "target": {"caller": "EndUser", "operations": ["All"], "level": "Assignment", "inheritableSettings": [], "enforcedSettings": []}});
    let url =
        format!("/v1.0/policies/roleManagementPolicies/{policy_id}/rules/Expiration_EndUser_Assignment");
    assert_eq!(t.graph_as("alex", Method::Patch, &url, Some(patch.clone())).status, 403);
    let wrong = json!({"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyEnablementRule", "id": "Expiration_EndUser_Assignment"});
    assert_eq!(t.graph_as("casey", Method::Patch, &url, Some(wrong)).status, 400);
    let ok = t.graph_as("casey", Method::Patch, &url, Some(patch));
    assert_eq!(ok.status, 204, "{}", ok.body);
    let rule = t.graph_as("alex", Method::Get, &url, None);
    assert_eq!(
        (rule.body["maximumDuration"].as_str(), rule.body["target"]["operations"][0].as_str()),
        (Some("PT2H"), Some("all"))
    );
    let alex = t.id("alex");
    let r = t.graph_as("alex", Method::Post, REQUESTS, Some(activate(&alex, GLOBAL_READER, "PT3H", None)));
    assert_eq!(r.message(), r#"The following policy rules failed: ["ExpirationRule"]"#);
    let audit = t.graph_as("casey", Method::Get, "/v1.0/auditLogs/directoryAudits?$filter=activityDisplayName%20eq%20'Update%20role%20setting%20in%20PIM'&$top=1", None);
    assert_eq!(audit.value()[0]["initiatedBy"]["user"]["userPrincipalName"], "casey@contoso.example");
    let p =
        t.graph_as("alex", Method::Get, &format!("/v1.0/policies/roleManagementPolicies/{policy_id}"), None);
    assert_eq!(p.body["lastModifiedBy"]["displayName"], "Casey Jordan");
}

#[test]
fn group_policies_and_admin_assign() {
    let mut t = T::new();
    let elig = t.graph_as("alex", Method::Get, "/v1.0/identityGovernance/privilegedAccess/group/eligibilityScheduleInstances/filterByCurrentUser(on='principal')", None);
    let gid = elig.value().iter().find(|v| v["accessId"] == "member").unwrap()["groupId"]
        .as_str()
        .unwrap()
        .to_string();
    let r = t.graph_as("alex", Method::Get, &format!("/v1.0/policies/roleManagementPolicyAssignments?$filter=scopeId%20eq%20'{gid}'%20and%20scopeType%20eq%20'Group'&$expand=policy($expand=rules)"), None);
    assert_eq!(r.value().len(), 2);
    assert!(r.value().iter().all(|a| a["policy"]["rules"].as_array().unwrap().len() == 17));
    let harper = t.id("harper");
    let body = json!({"accessId": "member", "principalId": harper, "groupId": gid, "action": "adminAssign", "justification": "rota",
        "scheduleInfo": {"startDateTime": null, "expiration": {"type": "noExpiration"}}});
    let url = "/v1.0/identityGovernance/privilegedAccess/group/eligibilityScheduleRequests";
    let r = t.graph_as("casey", Method::Post, url, Some(body.clone()));
    assert_eq!(
        r.message(),
        r#"The following policy rules failed: ["ExpirationRule"]"#,
        "groups require expiring eligibility by default"
    );
    let mut ok = body;
    ok["scheduleInfo"]["expiration"] = json!({"type": "afterDuration", "duration": "P30D"});
    let r = t.graph_as("casey", Method::Post, url, Some(ok));
    assert_eq!(r.status, 201, "{}", r.body);
    assert!(r.body["targetScheduleId"].as_str().unwrap().starts_with(&format!("{gid}_member_")));
}

#[test]
fn scopes_are_enforced_per_route() {
    let mut t = T::new();
    let claims = TokenClaims::graph().with_scopes(&["RoleEligibilitySchedule.Read.Directory"]);
    let ok = t.graph_with("alex", claims.clone(), Method::Get, MY_ELIGIBLE, None);
    assert_eq!(ok.status, 200);
    let alex = t.id("alex");
    let r = t.graph_with(
        "alex",
        claims,
        Method::Post,
        REQUESTS,
        Some(activate(&alex, GLOBAL_READER, "PT1H", None)),
    );
    assert_eq!((r.status, r.code()), (403, "Authorization_RequestDenied"));
    assert!(r.message().contains("RoleAssignmentSchedule.ReadWrite.Directory"));
}

#[test]
fn update_renew_and_self_extend_requests() {
    let mut t = T::new();
    let alex = t.id("alex");
    // Alex asks to extend the Intune eligibility that ends in ten days: it waits for an admin.
    let ext = json!({"action": "selfExtend", "principalId": alex, "roleDefinitionId": INTUNE_ADMIN, "directoryScopeId": "/",
        "justification": "Still on the device project", "scheduleInfo": {"expiration": {"type": "afterDuration", "duration": "P90D"}}});
    let r = t.graph_as("alex", Method::Post, ELIG_REQS, Some(ext));
    assert_eq!((r.status, r.body["status"].as_str()), (201, Some("PendingAdminDecision")));
    let self_req = r.body["id"].as_str().unwrap().to_string();
    let admin = admin_body(
        "adminExtend",
        &alex,
        INTUNE_ADMIN,
        json!({"type": "AfterDuration", "duration": "P90D"}),
        None,
    );
    let r = t.graph_as("casey", Method::Post, ELIG_REQS, Some(admin));
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(
        t.graph_as("alex", Method::Get, &format!("{ELIG_REQS}/{self_req}"), None).body["status"],
        "Provisioned"
    );
    let upd = admin_body(
        "adminUpdate",
        &alex,
        INTUNE_ADMIN,
        json!({"type": "AfterDateTime", "endDateTime": "2026-04-02T09:00:00Z"}),
        None,
    );
    assert_eq!(t.graph_as("casey", Method::Post, ELIG_REQS, Some(upd)).status, 201);
    let e = t.graph_as(
        "alex",
        Method::Get,
        &format!("{MY_ELIGIBLE}?$filter=roleDefinitionId%20eq%20'{INTUNE_ADMIN}'"),
        None,
    );
    assert_eq!(e.value()[0]["endDateTime"], "2026-04-02T09:00:00Z");
    // It lapses, then an admin renews it.
    t.advance_minutes(60 * 24 * 32);
    assert!(t
        .graph_as(
            "alex",
            Method::Get,
            &format!("{MY_ELIGIBLE}?$filter=roleDefinitionId%20eq%20'{INTUNE_ADMIN}'"),
            None
        )
        .value()
        .is_empty());
    let audit = t.graph_as("casey", Method::Get, "/v1.0/auditLogs/directoryAudits?$filter=activityDisplayName%20eq%20'Remove%20eligible%20member%20from%20role%20(PIM%20eligibility%20expired)'", None);
    assert!(audit.value().iter().any(|e| e["targetResources"][1]["id"] == alex.as_str()));
    let renew = json!({"action": "adminRenew", "principalId": alex, "roleDefinitionId": INTUNE_ADMIN, "directoryScopeId": "/",
        "scheduleInfo": {"startDateTime": null, "expiration": {"type": "AfterDuration", "duration": "P30D"}}});
    let r = t.graph_as("casey", Method::Post, ELIG_REQS, Some(renew));
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(
        t.graph_as(
            "alex",
            Method::Get,
            &format!("{MY_ELIGIBLE}?$filter=roleDefinitionId%20eq%20'{INTUNE_ADMIN}'"),
            None
        )
        .value()
        .len(),
        1
    );
}

#[test]
fn official_rule_patch_bodies_are_accepted_and_read_back() {
    let mut t = T::new();
    let r = t.graph_as("casey", Method::Get, &format!("{POLICY_QUERY}{HELPDESK_ADMIN}'"), None);
    let policy_id = r.value()[0]["policyId"].as_str().unwrap().to_string();
    let dir = format!("{}/../shared/graph/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().to_string()))
        .filter(|n| {
            n.starts_with("v1.0_roleManagementPolicyRule_patch_")
                || n.starts_with("v1.0_roleManagementPolicies_rules_update_")
        })
        .collect();
    files.sort();
    assert!(files.len() >= 6, "{files:?}");
    for f in &files {
        let body: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(format!("{dir}/{f}")).unwrap()).unwrap();
        let rule = body["id"].as_str().unwrap();
        let url = format!("/v1.0/policies/roleManagementPolicies/{policy_id}/rules/{rule}");
        let r = t.graph_as("casey", Method::Patch, &url, Some(body.clone()));
        assert_eq!(r.status, 204, "{f}: {}", r.body);
        let back = t.graph_as("casey", Method::Get, &url, None).body;
        assert_eq!(back["target"]["operations"], json!(["all"]), "{f}");
        assert!(back["target"].get("@odata.type").is_none(), "{f}: nested annotations are not echoed");
        for (k, v) in body.as_object().unwrap() {
            if !k.starts_with('@') && k != "target" && k != "setting" {
                assert_eq!(&back[k], v, "{f}: {k}");
            }
        }
    }
    let unknown = json!({"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule", "id": "Expiration_EndUser_Assignment", "maxHours": 3});
    let url =
        format!("/v1.0/policies/roleManagementPolicies/{policy_id}/rules/Expiration_EndUser_Assignment");
    assert_eq!(t.graph_as("casey", Method::Patch, &url, Some(unknown)).status, 400);
    let wrong_type = json!({"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule", "id": "Expiration_EndUser_Assignment", "isExpirationRequired": "yes"});
    assert_eq!(t.graph_as("casey", Method::Patch, &url, Some(wrong_type)).status, 400);
}

#[test]
fn admin_lists_answer_pages_of_the_top_asked_for_and_refuse_more_than_999() {
    let mut t = T::new();
    t.sim.seed_role_eligibilities(GLOBAL_ADMIN, 2_500);
    let list = |top: &str| {
        format!("/v1.0/roleManagement/directory/roleEligibilityScheduleInstances?$filter=roleDefinitionId%20eq%20'{GLOBAL_ADMIN}'&$expand=principal,roleDefinition{top}")
    };
    let default_page = t.graph_as("casey", Method::Get, &list(""), None);
    assert_eq!(default_page.value().len(), 100, "without $top, pages of 100");

    let first = t.graph_as("casey", Method::Get, &list("&$top=999"), None);
    assert_eq!(first.status, 200, "{}", first.body);
    let mut sizes = vec![first.value().len()];
    let mut ids: Vec<String> = first.value().iter().map(|v| v["id"].as_str().unwrap().to_owned()).collect();
    let mut next = first.body["@odata.nextLink"].as_str().map(str::to_owned);
    while let Some(url) = next {
        assert!(url.contains("$top=999"), "the next link keeps the page size: {url}");
        let token = t.token("casey", TokenClaims::graph());
        let page = t.send(Method::Get, &url, Some(&token), None);
        sizes.push(page.value().len());
        ids.extend(page.value().iter().map(|v| v["id"].as_str().unwrap().to_owned()));
        assert!(
            page.value().iter().all(|v| v["principal"]["displayName"].is_string()),
            "expanded on every page"
        );
        next = page.body["@odata.nextLink"].as_str().map(str::to_owned);
    }
    let total = ids.len();
    assert!(total >= 2_500, "{total}");
    assert_eq!(sizes[..2], [999, 999]);
    assert_eq!(sizes.len(), total.div_ceil(999), "{sizes:?}");
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), total, "no row twice across pages");

    for bad in ["1000", "0", "-1", "many"] {
        let r = t.graph_as("casey", Method::Get, &list(&format!("&$top={bad}")), None);
        assert_eq!((r.status, r.code()), (400, "BadRequest"), "$top={bad}");
    }
}
