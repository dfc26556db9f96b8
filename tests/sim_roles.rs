//! Directory-role life cycle and activation rules, driven through HTTP against `Sim::handle`.

#[path = "sim_common.rs"]
mod common;

use common::*;
use pim_console::graph::Method;
use pim_console::sim::TokenClaims;

#[test]
fn eligible_roles_are_listed_with_role_names() {
    let mut t = T::new();
    let r = t.graph_as("alex", Method::Get, &format!("{MY_ELIGIBLE}?$expand=roleDefinition"), None);
    assert_eq!(r.status, 200);
    let ids = roles(&r);
    for role in [USER_ADMIN, EXCHANGE_ADMIN, SECURITY_ADMIN, HELPDESK_ADMIN, INTUNE_ADMIN, GLOBAL_READER] {
        assert!(ids.contains(&role.to_string()), "{role} missing");
    }
    let ua = r.value().iter().find(|v| v["roleDefinitionId"] == USER_ADMIN).unwrap();
    assert_eq!(ua["roleDefinition"]["displayName"], "User Administrator");
    assert_eq!(ua["memberType"], "Direct");
    assert_eq!(ua["@odata.type"], "#microsoft.graph.unifiedRoleEligibilityScheduleInstance");
    assert!(r.body["@odata.context"]
        .as_str()
        .unwrap()
        .starts_with("https://graph.microsoft.com/v1.0/$metadata#"));
    // Bailey sees only her own.
    let b = t.graph_as("bailey", Method::Get, MY_ELIGIBLE, None);
    assert!(!roles(&b).contains(&USER_ADMIN.to_string()));
}

#[test]
fn activate_then_deactivate_after_five_minutes_is_revoked() {
    let mut t = T::new();
    let alex = t.id("alex");
    let r = t.graph_as("alex", Method::Post, REQUESTS, Some(activate(&alex, GLOBAL_READER, "PT1H", None)));
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["status"], "Provisioned");
    assert_eq!(r.body["action"], "selfActivate");
    assert_eq!(r.body["scheduleInfo"]["expiration"]["type"], "afterDuration");
    assert_eq!(r.body["targetScheduleId"], r.body["id"]);
    let active = t.graph_as("alex", Method::Get, MY_ACTIVE, None);
    let inst = active.value().iter().find(|v| v["roleDefinitionId"] == GLOBAL_READER).expect("active");
    assert_eq!(inst["assignmentType"], "Activated");

    let again =
        t.graph_as("alex", Method::Post, REQUESTS, Some(activate(&alex, GLOBAL_READER, "PT1H", None)));
    assert_eq!((again.status, again.code()), (400, "RoleAssignmentExists"));

    let early = t.graph_as("alex", Method::Post, REQUESTS, Some(deactivate(&alex, GLOBAL_READER)));
    assert_eq!((early.status, early.code()), (400, "ActiveDurationTooShort"));
    assert_eq!(early.message(), "The Active duration is too short. Miniumum Required is 5 minutes.");

    t.advance_minutes(6);
    let off = t.graph_as("alex", Method::Post, REQUESTS, Some(deactivate(&alex, GLOBAL_READER)));
    assert_eq!(off.status, 201, "{}", off.body);
    assert_eq!(off.body["status"], "Revoked");
    let active = t.graph_as("alex", Method::Get, MY_ACTIVE, None);
    assert!(!roles(&active).contains(&GLOBAL_READER.to_string()));
    let gone = t.graph_as("alex", Method::Post, REQUESTS, Some(deactivate(&alex, GLOBAL_READER)));
    assert_eq!((gone.status, gone.code()), (400, "RoleAssignmentDoesNotExist"));
}

#[test]
fn activation_expires_at_its_end_time_with_an_audit_event() {
    let mut t = T::new();
    let alex = t.id("alex");
    let r = t.graph_as("alex", Method::Post, REQUESTS, Some(activate(&alex, GLOBAL_READER, "PT2H", None)));
    assert_eq!(r.status, 201);
    let end = {
        let a = t.graph_as("alex", Method::Get, MY_ACTIVE, None);
        a.value().iter().find(|v| v["roleDefinitionId"] == GLOBAL_READER).unwrap()["endDateTime"]
            .as_str()
            .unwrap()
            .to_string()
    };
    t.advance_minutes(119);
    assert!(roles(&t.graph_as("alex", Method::Get, MY_ACTIVE, None)).contains(&GLOBAL_READER.to_string()));
    t.advance_minutes(2);
    assert!(!roles(&t.graph_as("alex", Method::Get, MY_ACTIVE, None)).contains(&GLOBAL_READER.to_string()));
    let audit = t.graph_as(
        "alex",
        Method::Get,
        "/v1.0/auditLogs/directoryAudits?$filter=activityDisplayName%20eq%20'Remove%20member%20from%20role%20(PIM%20activation%20expired)'&$top=1",
        None,
    );
    assert_eq!(audit.status, 200, "{}", audit.body);
    let ev = &audit.value()[0];
    assert_eq!(ev["activityDateTime"].as_str().unwrap(), end);
    assert_eq!(ev["loggedByService"], "PIM");
    assert_eq!(ev["initiatedBy"]["app"]["displayName"], "MS-PIM");
}

#[test]
fn expiration_justification_and_ticketing_rules() {
    let mut t = T::new();
    let alex = t.id("alex");
    let long = t.graph_as("alex", Method::Post, REQUESTS, Some(activate(&alex, GLOBAL_READER, "PT9H", None)));
    assert_eq!((long.status, long.code()), (400, "RoleAssignmentRequestPolicyValidationFailed"));
    assert_eq!(long.message(), r#"The following policy rules failed: ["ExpirationRule"]"#);

    let bare = t.graph_as("alex", Method::Post, REQUESTS, Some(activate(&alex, INTUNE_ADMIN, "PT1H", None)));
    assert_eq!(bare.message(), r#"The following policy rules failed: ["JustificationRule"]"#);

    let both =
        t.graph_as("alex", Method::Post, REQUESTS, Some(activate(&alex, HELPDESK_ADMIN, "PT5H", None)));
    assert_eq!(
        both.message(),
        r#"The following policy rules failed: ["ExpirationRule","JustificationRule","TicketingRule"]"#
    );

    let mut ok = activate(&alex, HELPDESK_ADMIN, "PT4H", Some("Reset for a locked-out VP"));
    ok["ticketInfo"] = serde_json::json!({"ticketNumber": "INC-1234", "ticketSystem": "ServiceNow"});
    let r = t.graph_as("alex", Method::Post, REQUESTS, Some(ok));
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["ticketInfo"]["ticketNumber"], "INC-1234");
}

#[test]
fn mfa_rule_unless_the_token_says_mfa() {
    let mut t = T::new();
    let alex = t.id("alex");
    let body = activate(&alex, EXCHANGE_ADMIN, "PT1H", Some("Mailbox migration"));
    let r = t.graph_as("alex", Method::Post, REQUESTS, Some(body.clone()));
    assert_eq!((r.status, r.code()), (400, "RoleAssignmentRequestPolicyValidationFailed"));
    assert_eq!(r.message(), r#"The following policy rules failed: ["MfaRule"]"#);
    let r = t.graph_with("alex", TokenClaims::graph().with_mfa(), Method::Post, REQUESTS, Some(body));
    assert_eq!(r.status, 201, "{}", r.body);
}

#[test]
fn authentication_context_challenge_carries_claims() {
    let mut t = T::new();
    let alex = t.id("alex");
    let body = activate(&alex, SECURITY_ADMIN, "PT1H", Some("Defender incident 42"));
    let r = t.graph_as("alex", Method::Post, REQUESTS, Some(body.clone()));
    assert_eq!((r.status, r.code()), (400, "RoleAssignmentRequestAcrsValidationFailed"));
    let encoded = r.message().strip_prefix("&claims=").expect("claims prefix");
    let decoded = percent_decode(encoded);
    let claims: serde_json::Value = serde_json::from_str(&decoded).unwrap();
    assert_eq!(claims, serde_json::json!({"access_token": {"acrs": {"essential": true, "value": "c1"}}}));
    let r = t.graph_with("alex", TokenClaims::graph().with_acrs("c1"), Method::Post, REQUESTS, Some(body));
    assert_eq!(r.status, 201, "{}", r.body);
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            out.push(u8::from_str_radix(std::str::from_utf8(&b[i + 1..i + 3]).unwrap(), 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn validation_only_has_no_side_effects() {
    let mut t = T::new();
    let alex = t.id("alex");
    let mut body = activate(&alex, GLOBAL_READER, "PT1H", None);
    body["isValidationOnly"] = true.into();
    let r = t.graph_as("alex", Method::Post, REQUESTS, Some(body));
    assert_eq!(r.status, 201);
    assert_eq!(r.body["isValidationOnly"], true);
    assert!(!roles(&t.graph_as("alex", Method::Get, MY_ACTIVE, None)).contains(&GLOBAL_READER.to_string()));
    let mine =
        t.graph_as("alex", Method::Get, &format!("{REQUESTS}/filterByCurrentUser(on='principal')"), None);
    assert!(mine.value().iter().all(|v| v["id"] != r.body["id"]));
    let mut bad = activate(&alex, GLOBAL_READER, "PT12H", None);
    bad["isValidationOnly"] = true.into();
    let r = t.graph_as("alex", Method::Post, REQUESTS, Some(bad));
    assert_eq!(r.code(), "RoleAssignmentRequestPolicyValidationFailed");
}

#[test]
fn not_eligible_and_not_yourself_are_refused() {
    let mut t = T::new();
    let alex = t.id("alex");
    let r =
        t.graph_as("alex", Method::Post, REQUESTS, Some(activate(&alex, GLOBAL_ADMIN, "PT1H", Some("x"))));
    assert_eq!(r.message(), r#"The following policy rules failed: ["EligibilityRule"]"#);
    let drew = t.id("drew");
    let r = t.graph_as("alex", Method::Post, REQUESTS, Some(activate(&drew, USER_ADMIN, "PT1H", Some("x"))));
    assert_eq!((r.status, r.code()), (403, "Authorization_RequestDenied"));
    let r = t.graph_as("alex", Method::Post, REQUESTS, Some(serde_json::json!({"principalId": alex})));
    assert_eq!(r.status, 400);
}

#[test]
fn history_and_requests_are_listed_per_user() {
    let mut t = T::new();
    let mine = t.graph_as(
        "alex",
        Method::Get,
        &format!("{REQUESTS}/filterByCurrentUser(on='principal')?$filter=status%20eq%20'Denied'"),
        None,
    );
    assert_eq!(mine.status, 200);
    assert_eq!(mine.value().len(), 1, "the seeded denial");
    assert_eq!(mine.value()[0]["approvalId"], mine.value()[0]["id"]);
    let bad_on = t.graph_as(
        "alex",
        Method::Get,
        "/v1.0/roleManagement/directory/roleEligibilityScheduleInstances/filterByCurrentUser(on='approver')",
        None,
    );
    assert_eq!(bad_on.status, 400);
}

#[test]
fn administrative_unit_scope_expands_and_activates() {
    let mut t = T::new();
    let alex = t.id("alex");
    let r = t.graph_as(
        "alex",
        Method::Get,
        &format!("{MY_ELIGIBLE}?$expand=directoryScope,roleDefinition($select=displayName)"),
        None,
    );
    let au = r
        .value()
        .iter()
        .find(|v| v["directoryScopeId"].as_str().unwrap().starts_with("/administrativeUnits/"))
        .expect("AU-scoped")
        .clone();
    assert_eq!(au["directoryScope"]["displayName"], "Europe");
    assert_eq!(au["roleDefinition"]["displayName"], "Authentication Administrator");
    let mut body =
        activate(&alex, au["roleDefinitionId"].as_str().unwrap(), "PT1H", Some("EU password resets"));
    body["directoryScopeId"] = au["directoryScopeId"].clone();
    let ok = t.graph_as("alex", Method::Post, REQUESTS, Some(body.clone()));
    assert_eq!(ok.status, 201, "{}", ok.body);
    body["directoryScopeId"] = "/".into();
    let tenant_wide = t.graph_as("alex", Method::Post, REQUESTS, Some(body));
    assert_eq!(tenant_wide.message(), r#"The following policy rules failed: ["EligibilityRule"]"#);
}

#[test]
fn a_future_activation_is_granted_then_provisioned() {
    let mut t = T::new();
    let alex = t.id("alex");
    let mut body = activate(&alex, GLOBAL_READER, "PT1H", None);
    body["scheduleInfo"]["startDateTime"] = "2026-03-02T12:00:00Z".into();
    let r = t.graph_as("alex", Method::Post, REQUESTS, Some(body));
    assert_eq!((r.status, r.body["status"].as_str()), (201, Some("Granted")));
    let id = r.body["id"].as_str().unwrap().to_string();
    assert!(!roles(&t.graph_as("alex", Method::Get, MY_ACTIVE, None)).contains(&GLOBAL_READER.to_string()));
    let scheduled = t.graph_as(
        "alex",
        Method::Get,
        "/v1.0/roleManagement/directory/roleAssignmentSchedules/filterByCurrentUser(on='principal')",
        None,
    );
    assert!(roles(&scheduled).contains(&GLOBAL_READER.to_string()), "future activations are schedules");
    t.advance_minutes(181);
    assert!(roles(&t.graph_as("alex", Method::Get, MY_ACTIVE, None)).contains(&GLOBAL_READER.to_string()));
    assert_eq!(
        t.graph_as("alex", Method::Get, &format!("{REQUESTS}/{id}"), None).body["status"],
        "Provisioned"
    );
}
