//! "Assignments" for Azure scopes: the ARM fixtures read as rows (direct, inherited, principal),
//! the roles and admin rules of a scope from its policy assignments, the request body, and the
//! whole admin flow through the typed client against the simulated tenant.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/sim_client.rs"]
mod sim_client;

use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;

use chrono::{DateTime, Duration, TimeZone, Utc};
use futures::executor::block_on;
use pim_console::domain::assignments::azure::parse_scope;
use pim_console::domain::assignments::{
    AssignmentProblem, AssignmentRow, AssignmentTarget, NewAssignment, PrincipalKind, Via,
};
use pim_console::domain::deactivate::AssignmentLevel;
use pim_console::domain::ids::{ArmScope, RoleDefinitionId};
use pim_console::domain::IsoDuration;
use pim_console::graph::assignments::{
    admin_request, azure_assignments, azure_read_error, azure_roles, azure_row, azure_rules,
    azure_scope_choices, principals_from_search, AdminAction, AdminChange, AdminError,
};
use pim_console::graph::client::PickerQuery;
use pim_console::graph::scripted::scripted_client;
use pim_console::graph::wire::{ArmPage, ArmResource, ArmScheduleInstance};
use pim_console::graph::{GraphClient, GraphError};
use pim_console::sim::Sim;
use serde_json::Value;

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/graph/fixtures").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn instances(body: &str) -> Vec<ArmResource<ArmScheduleInstance>> {
    serde_json::from_str::<ArmPage<ArmResource<ArmScheduleInstance>>>(body).unwrap().value
}

fn scope(s: &str) -> ArmScope {
    ArmScope::parse(s).unwrap()
}

#[test]
fn fixture_instances_read_as_rows_direct_at_their_scope_and_inherited_below() {
    let sub = scope("/subscriptions/dfa2a084-766f-4003-8ae1-c4aeb893a99f");
    let rg = scope("/subscriptions/dfa2a084-766f-4003-8ae1-c4aeb893a99f/resourceGroups/rg-shop");
    let list = instances(&fixture("arm_roleEligibilityScheduleInstances_list_response.json"));
    let row = azure_row(&list[0], AssignmentLevel::Eligibility, &sub).unwrap();
    assert_eq!((row.principal.name.as_str(), row.principal.kind), ("User Account", PrincipalKind::User));
    assert_eq!(row.principal.upn.as_deref(), Some("user@my-tenant.com"));
    assert_eq!((row.via, row.source.as_deref()), (Via::Direct, Some("Pay-As-You-Go")));
    assert_eq!(row.end.unwrap().to_rfc3339(), "2021-09-10T00:31:41.477+00:00");
    assert!(row.is_managed_here());
    let below = azure_row(&list[0], AssignmentLevel::Eligibility, &rg).unwrap();
    assert_eq!(below.via, Via::Inherited, "held at the subscription, seen at a resource group");
    assert_eq!(below.held_text(), "inherited from Pay-As-You-Go");
    assert!(!below.is_managed_here(), "an inherited row is changed where it is held");

    let example: Value =
        serde_json::from_str(&fixture("arm_roleAssignmentScheduleInstances_list_example.json")).unwrap();
    let active = instances(&example["responses"]["200"]["body"].to_string());
    let row = azure_row(&active[0], AssignmentLevel::Assignment, &sub).unwrap();
    assert_eq!((row.level, row.activation, row.is_permanent()), (AssignmentLevel::Assignment, false, false));
}

#[test]
fn a_scope_lists_its_roles_and_rules_from_the_policy_assignments_and_reads_instances_at_scope() {
    let (client, transport, _) = scripted_client();
    let body = fixture("arm_roleManagementPolicyAssignments_list_response.json");
    let at = scope("/subscriptions/129ff972-28f8-46b8-a726-e497be039368");
    transport.push_json(200, &body);
    let roles = block_on(azure_roles(&client, &at)).unwrap();
    assert_eq!(roles.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["FHIR Data Converter"]);
    transport.push_json(200, &body);
    let rules = block_on(azure_rules(&client, &at, &roles[0].id)).unwrap();
    assert_eq!(
        (rules.eligible.permanent_allowed, rules.eligible.max_duration),
        (false, Some(IsoDuration::from_days(90)))
    );
    assert!(rules.active.permanent_allowed && rules.active_needs_justification && rules.active_needs_mfa);
    let rule_url = transport.requests.borrow()[1].url.clone();
    assert!(
        rule_url.contains("roleManagementPolicyAssignments") && rule_url.contains("a1705bd2"),
        "{rule_url}"
    );

    let empty = r#"{"value":[]}"#;
    transport.push_json(200, empty);
    transport.push_json(200, empty);
    block_on(azure_assignments(&client, &at, &roles[0].id)).unwrap();
    let sent = transport.requests.borrow();
    let lists: Vec<&str> = sent[2..].iter().map(|r| r.url.as_str()).collect();
    assert!(
        lists.iter().all(|u| u
            .contains("129ff972-28f8-46b8-a726-e497be039368/providers/Microsoft.Authorization/role")
            && u.contains("atScope()")
            && u.contains("api-version=2020-10-01")),
        "{lists:?}"
    );
}

#[test]
fn an_admin_change_is_an_arm_put_shaped_like_the_admin_assign_fixture() {
    let sub = scope("/subscriptions/dfa2a084-766f-4003-8ae1-c4aeb893a99f");
    // The fixture's role (Contributor under the id the fixture uses).
    let role = RoleDefinitionId::new(format!(
        "{sub}/providers/Microsoft.Authorization/roleDefinitions/c8d4ff99-41c3-41a8-9f60-21dfdad59608"
    ));
    let end = Utc.with_ymd_and_hms(2026, 12, 31, 0, 0, 0).unwrap();
    let new = NewAssignment {
        principal: pim_console::domain::ids::PrincipalId::new("a3bb8764-cb92-4276-9d2a-ca1e895e55ea"),
        target: AssignmentTarget::Azure { role, scope: sub.clone() },
        level: AssignmentLevel::Eligibility,
        start: None,
        end: Some(end),
        justification: "Project".into(),
    };
    let (at, fields) = AdminChange::assign(&new, None).arm_fields().unwrap();
    assert_eq!(at, sub);
    let ours = serde_json::to_value(&fields).unwrap();
    let theirs: Value =
        serde_json::from_str(&fixture("arm_roleEligibilityScheduleRequests_adminAssign_request.json"))
            .unwrap();
    for key in ["principalId", "roleDefinitionId", "requestType"] {
        assert_eq!(ours[key], theirs["properties"][key], "{key}");
    }
    assert_eq!(ours["scheduleInfo"]["expiration"]["type"], "AfterDateTime");
    assert_eq!(ours["scheduleInfo"]["expiration"]["endDateTime"], "2026-12-31T00:00:00Z");
    let row = AssignmentRow {
        principal: pim_console::domain::assignments::Principal {
            id: new.principal.clone(),
            kind: PrincipalKind::User,
            name: "U".into(),
            upn: None,
        },
        target: new.target.clone(),
        level: new.level,
        start: None,
        end: Some(end),
        via: Via::Direct,
        activation: false,
        source: None,
    };
    // Sent as a PUT to a new request name at the scope; the answer is the fixture's response.
    let (client, transport, _) = scripted_client();
    transport.push_json(201, &fixture("arm_roleEligibilityScheduleRequests_adminAssign_response.json"));
    let status = block_on(admin_request(&client, &AdminChange::assign(&new, None))).unwrap();
    assert_eq!(status, "Provisioned");
    let sent = transport.requests.borrow()[0].clone();
    assert_eq!(sent.method, pim_console::graph::Method::Put);
    assert!(
        sent.url.contains(&format!(
            "{sub}/providers/Microsoft.Authorization/roleEligibilityScheduleRequests/00000000-"
        )) && sent.url.ends_with("?api-version=2020-10-01"),
        "{}",
        sent.url
    );
    let body: Value = serde_json::from_str(sent.body.as_deref().unwrap()).unwrap();
    assert!(
        body["properties"]["scheduleInfo"]["startDateTime"].is_string(),
        "a start, like the example: {body}"
    );
    let (_, remove) = AdminChange::on_row(AdminAction::Remove, &row, None, "").arm_fields().unwrap();
    let remove = serde_json::to_value(&remove).unwrap();
    assert_eq!((remove["requestType"].as_str(), remove.get("scheduleInfo")), (Some("AdminRemove"), None));
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap()
}

fn client(sim: &Rc<RefCell<Sim>>, who: &'static str) -> GraphClient {
    sim_client::client_at(sim, who, now())
}

#[test]
fn an_owner_manages_assignments_at_a_resource_group_within_the_rules() {
    let sim = Rc::new(RefCell::new(Sim::demo(7, now())));
    let casey = client(&sim, "casey@contoso.example");
    // Casey is Owner at the management group: it and both subscriptions are suggested.
    let choices = block_on(azure_scope_choices(&casey));
    let names: Vec<&str> = choices.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Contoso", "Contoso Development", "Contoso Production"]);
    let prod = &choices[2].scope;
    let rg = parse_scope(&format!("{prod}/resourceGroups/rg-web-prod")).unwrap();

    let roles = block_on(azure_roles(&casey, &rg)).unwrap();
    let contributor = roles.iter().find(|r| r.name == "Contributor").expect("Contributor at the group");
    let rows = block_on(azure_assignments(&casey, &rg, &contributor.id)).unwrap();
    let alex =
        rows.iter().find(|r| r.principal.name == "Alex Morgan").expect("Alex, eligible at the subscription");
    assert_eq!(
        (alex.level, alex.via, alex.source.as_deref()),
        (AssignmentLevel::Eligibility, Via::Inherited, Some("Contoso Production"))
    );

    // Azure's default admin rules: eligible assignments must end, within a year.
    let rules = block_on(azure_rules(&casey, &rg, &contributor.id)).unwrap();
    assert_eq!(
        (rules.eligible.permanent_allowed, rules.eligible.max_duration),
        (false, Some(IsoDuration::from_days(365)))
    );
    let found = block_on(casey.search_users("Harp", PickerQuery::StartsWith)).unwrap();
    let harper = principals_from_search(found, Vec::new()).remove(0);
    let target = AssignmentTarget::Azure { role: contributor.id.clone(), scope: rg.clone() };
    let mut new = NewAssignment {
        principal: harper.id.clone(),
        target,
        level: AssignmentLevel::Eligibility,
        start: None,
        end: None,
        justification: "Web release".into(),
    };
    assert!(matches!(rules.check(&new, &rows, now())[..], [AssignmentProblem::PermanentNotAllowed { .. }]));
    let refused = block_on(admin_request(&casey, &AdminChange::assign(&new, None))).unwrap_err();
    assert!(matches!(refused, GraphError::PolicyViolation { .. }), "{refused:?}");
    new.end = Some(now() + Duration::days(30));
    assert!(rules.check(&new, &rows, now()).is_empty());
    assert_eq!(block_on(admin_request(&casey, &AdminChange::assign(&new, None))).unwrap(), "Provisioned");

    let rows = block_on(azure_assignments(&casey, &rg, &contributor.id)).unwrap();
    let mine = rows.iter().find(|r| r.principal.name == "Harper Singh").expect("listed").clone();
    assert_eq!((mine.via, mine.end), (Via::Direct, new.end));
    let at_sub = block_on(azure_assignments(&casey, prod, &contributor.id)).unwrap();
    assert!(!at_sub.iter().any(|r| r.principal.name == "Harper Singh"), "not listed above the group");

    let extend = AdminChange::on_row(AdminAction::Extend, &mine, Some(now() + Duration::days(60)), "Longer");
    block_on(admin_request(&casey, &extend)).unwrap();
    let remove = AdminChange::on_row(AdminAction::Remove, &mine, None, "");
    assert_eq!(block_on(admin_request(&casey, &remove)).unwrap(), "Revoked");
    let rows = block_on(azure_assignments(&casey, &rg, &contributor.id)).unwrap();
    assert!(!rows.iter().any(|r| r.principal.name == "Harper Singh"));

    // Alex holds no Owner role: the refusal names the roles needed, not a raw 403.
    let alex = client(&sim, "alex@contoso.example");
    let e = block_on(admin_request(&alex, &AdminChange::assign(&new, None))).unwrap_err();
    assert!(AdminError(e).explain().next_step.contains("Owner or User Access Administrator"));
}

#[test]
fn a_scope_the_caller_cannot_read_is_explained_not_dumped() {
    let (client, transport, _) = scripted_client();
    let denied = r#"{"error":{"code":"AuthorizationFailed","message":"The client 'x' with object id 'x' does not have authorization to perform action 'Microsoft.Authorization/roleManagementPolicyAssignments/read' over scope '/subscriptions/s'."}}"#;
    transport.push_json(403, denied);
    let e = block_on(azure_roles(&client, &scope("/subscriptions/129ff972-28f8-46b8-a726-e497be039368")))
        .unwrap_err();
    let why = azure_read_error(&e);
    assert_eq!(why.reason, "You cannot read the role assignments at this Azure scope.");
    assert!(why.next_step.contains("Owner or User Access Administrator"), "{}", why.next_step);
    assert!(!why.reason.contains("does not have authorization"));
}
