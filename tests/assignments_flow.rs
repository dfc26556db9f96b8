//! "Assignments" in process, through the typed client against the simulated tenant: the lists
//! of a role and a group as rows, the admin rules read from the policy, every admin action, the
//! last Global Administrator refused in plain words, the CSV look-ups, and who may change what.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/sim_client.rs"]
mod sim_client;

use std::cell::RefCell;
use std::rc::Rc;

use chrono::{DateTime, Duration, TimeZone, Utc};
use futures::executor::block_on;
use pim_console::domain::assignments::import::{preview, principals_named, read_rows, ImportContext};
use pim_console::domain::assignments::{
    AdminStanding, AssignmentRow, AssignmentTarget, NewAssignment, PrincipalKind, Via, GLOBAL_ADMINISTRATOR,
};
use pim_console::domain::deactivate::AssignmentLevel;
use pim_console::domain::ids::{AccessId, GroupId, PrincipalId, RoleDefinitionId};
use pim_console::domain::IsoDuration;
use pim_console::graph::assignments::{
    admin_request, group_assignments, group_rules, my_admin_standing, principals_from_search,
    resolve_principals, role_assignments, role_refs, role_rules, AdminAction, AdminChange, AdminError,
};
use pim_console::graph::client::PickerQuery;
use pim_console::graph::GraphClient;
use pim_console::sim::Sim;

const USER_ADMIN: &str = "fe930be7-5e62-47db-91af-98c3a49a38b1";
const BILLING_ADMIN: &str = "b0f54661-2d74-4c50-afa3-1ec803f12efe";
const CASEY: &str = "casey@contoso.example";
const DANA: &str = "d6e3f9a5-7c8b-4dae-b1f2-3a4b5c6d7e44";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap()
}

fn client(sim: &Rc<RefCell<Sim>>, who: &'static str) -> GraphClient {
    sim_client::client_at(sim, who, now())
}

fn demo() -> Rc<RefCell<Sim>> {
    Rc::new(RefCell::new(Sim::demo(7, now())))
}

fn role(id: &str) -> RoleDefinitionId {
    RoleDefinitionId::new(id)
}

fn holder<'a>(rows: &'a [AssignmentRow], name: &str, level: AssignmentLevel) -> Option<&'a AssignmentRow> {
    rows.iter().find(|r| r.principal.name == name && r.level == level)
}

#[test]
fn a_role_lists_eligible_and_active_holders_with_names_and_rules() {
    let sim = demo();
    let casey = client(&sim, "casey@contoso.example");
    let rows = block_on(role_assignments(&casey, &role(GLOBAL_ADMINISTRATOR))).unwrap();
    let dana =
        holder(&rows, "Dana Lee", AssignmentLevel::Assignment).expect("Dana holds Global Administrator");
    assert_eq!(
        (dana.principal.kind, dana.via, dana.is_permanent()),
        (PrincipalKind::User, Via::Direct, true)
    );
    assert_eq!(dana.principal.upn.as_deref(), Some("dana@contoso.example"));
    assert!(holder(&rows, "Casey Jordan", AssignmentLevel::Eligibility).is_some_and(|r| r.end.is_some()));
    // User Administrator: active assignments must end within 90 days; eligible ones may be permanent.
    let rules = block_on(role_rules(&casey, &role(USER_ADMIN))).unwrap();
    assert!(!rules.active.permanent_allowed);
    assert_eq!(rules.active.max_duration, Some(IsoDuration::from_days(90)));
    assert!(rules.eligible.permanent_allowed);
    assert!(rules.active_needs_justification, "the service's default Enablement_Admin_Assignment");
}

#[test]
fn every_admin_action_goes_through_and_the_list_follows() {
    let sim = demo();
    let casey = client(&sim, "casey@contoso.example");
    let harper = block_on(casey.search_users("Harp", PickerQuery::StartsWith)).unwrap();
    let harper = principals_from_search(harper, Vec::new()).remove(0);
    let target = AssignmentTarget::tenant_role(BILLING_ADMIN);
    let new = NewAssignment {
        principal: harper.id.clone(),
        target: target.clone(),
        level: AssignmentLevel::Assignment,
        start: None,
        end: Some(now() + Duration::days(20)),
        justification: "Invoices".into(),
    };
    let rules = block_on(role_rules(&casey, &role(BILLING_ADMIN))).unwrap();
    assert!(rules.check(&new, &[], now()).is_empty());
    let status = block_on(admin_request(&casey, &AdminChange::assign(&new, Some("CHG-7".into())))).unwrap();
    assert_eq!(status, "Provisioned");
    let rows = block_on(role_assignments(&casey, &role(BILLING_ADMIN))).unwrap();
    let row = holder(&rows, "Harper Singh", AssignmentLevel::Assignment).unwrap().clone();
    assert_eq!(row.end, Some(now() + Duration::days(20)));
    assert_eq!(
        rules.check(&new, &rows, now()),
        [pim_console::domain::assignments::AssignmentProblem::Duplicate]
    );
    let again = block_on(admin_request(&casey, &AdminChange::assign(&new, None))).unwrap_err();
    assert!(AdminError(again).explain().reason.starts_with("Already assigned"));

    let later = now() + Duration::days(50);
    let extend = AdminChange::on_row(AdminAction::Extend, &row, Some(later), "Quarter end");
    assert_eq!(block_on(admin_request(&casey, &extend)).unwrap(), "Provisioned");
    let update = AdminChange::on_row(AdminAction::Update, &row, None, "Keep it");
    block_on(admin_request(&casey, &update)).unwrap();
    let rows = block_on(role_assignments(&casey, &role(BILLING_ADMIN))).unwrap();
    assert!(holder(&rows, "Harper Singh", AssignmentLevel::Assignment).unwrap().is_permanent());
    let renew = AdminChange::on_row(AdminAction::Renew, &row, Some(later), "Renewed");
    block_on(admin_request(&casey, &renew)).unwrap();
    let remove = AdminChange::on_row(AdminAction::Remove, &row, None, "");
    assert_eq!(block_on(admin_request(&casey, &remove)).unwrap(), "Revoked");
    let rows = block_on(role_assignments(&casey, &role(BILLING_ADMIN))).unwrap();
    assert!(holder(&rows, "Harper Singh", AssignmentLevel::Assignment).is_none());
}

#[test]
fn the_last_global_administrator_and_non_admins_are_refused_in_plain_words() {
    let sim = demo();
    let casey = client(&sim, "casey@contoso.example");
    let rows = block_on(role_assignments(&casey, &role(GLOBAL_ADMINISTRATOR))).unwrap();
    let dana = holder(&rows, "Dana Lee", AssignmentLevel::Assignment).unwrap();
    assert_eq!(dana.principal.id, PrincipalId::new(DANA));
    let remove = AdminChange::on_row(AdminAction::Remove, dana, None, "");
    let e = block_on(admin_request(&casey, &remove)).unwrap_err();
    assert_eq!(AdminError(e).explain().reason, "The last Global Administrator cannot be removed.");

    let alex = client(&sim, "alex@contoso.example");
    assert_eq!(block_on(my_admin_standing(&alex)).unwrap(), AdminStanding::NotAdmin);
    assert_eq!(block_on(my_admin_standing(&casey)).unwrap(), AdminStanding::Admin);
    let e = block_on(admin_request(&alex, &remove)).unwrap_err();
    let why = AdminError(e).explain();
    assert!(why.reason.contains("Privileged Role Administrator"), "{why:?}");
}

#[test]
fn a_group_lists_members_and_takes_admin_assignments() {
    let sim = demo();
    let casey = client(&sim, "casey@contoso.example");
    let groups = block_on(casey.search_groups("PIM - Production", PickerQuery::StartsWith)).unwrap();
    let ops = GroupId::new(groups[0].id.clone().unwrap());
    let rows = block_on(group_assignments(&casey, &ops)).unwrap();
    assert!(holder(&rows, "Alex Morgan", AssignmentLevel::Eligibility).is_some(), "{rows:?}");
    let rules = block_on(group_rules(&casey, &ops, AccessId::Member)).unwrap();
    assert!(!rules.eligible.permanent_allowed, "groups require an end by default");
    let emery = principals_from_search(
        block_on(casey.search_users("Emery", PickerQuery::StartsWith)).unwrap(),
        Vec::new(),
    );
    let new = NewAssignment {
        principal: emery[0].id.clone(),
        target: AssignmentTarget::Group { group: ops.clone(), access: AccessId::Member },
        level: AssignmentLevel::Eligibility,
        start: None,
        end: Some(now() + Duration::days(30)),
        justification: "Rota".into(),
    };
    assert!(rules.check(&new, &rows, now()).is_empty());
    block_on(admin_request(&casey, &AdminChange::assign(&new, None))).unwrap();
    let rows = block_on(group_assignments(&casey, &ops)).unwrap();
    assert!(holder(&rows, "Emery Chen", AssignmentLevel::Eligibility).is_some());
}

#[test]
fn a_csv_is_checked_against_the_directory_the_policy_and_the_assignments() {
    let sim = demo();
    let casey = client(&sim, "casey@contoso.example");
    let text = "principal,role,type,start,end,justification,ticket\n\
        harper@contoso.example,Billing Administrator,eligible,,,ok,\n\
        nobody@contoso.example,Billing Administrator,eligible,,,x,\n\
        dana@contoso.example,Global Administrator,active,,,already,\n\
        harper@contoso.example,User Administrator,active,,2027-03-01,too long,\n";
    let rows = read_rows(text).unwrap();
    let principals = block_on(resolve_principals(&casey, &principals_named(&rows))).unwrap();
    assert_eq!(principals.len(), 2, "nobody is not found; the rest are");
    let roles = block_on(role_refs(&casey)).unwrap();
    let mut existing = block_on(role_assignments(&casey, &role(GLOBAL_ADMINISTRATOR))).unwrap();
    existing.extend(block_on(role_assignments(&casey, &role(USER_ADMIN))).unwrap());
    let rules = vec![(role(USER_ADMIN), block_on(role_rules(&casey, &role(USER_ADMIN))).unwrap())];
    let ctx = ImportContext {
        principals: &principals,
        roles: &roles,
        rules: &rules,
        existing: &existing,
        now: now(),
    };
    let p = preview(&rows, &ctx);
    let summary: Vec<(bool, String)> = p.iter().map(|r| (r.is_ok(), r.summary())).collect();
    assert!(summary[0].0);
    assert!(summary[1].1.starts_with("Unknown user"), "{summary:?}");
    assert!(summary[2].1.starts_with("Already assigned"), "{summary:?}");
    assert!(summary[3].1.starts_with("Too long"), "{summary:?}");
}

#[test]
fn a_role_assignable_group_can_hold_a_role_and_is_listed_as_a_group() {
    let sim = demo();
    let casey = client(&sim, "casey@contoso.example");
    let found = block_on(casey.search_groups("PIM - Production", PickerQuery::StartsWith)).unwrap();
    let ops = principals_from_search(Vec::new(), found).remove(0);
    assert_eq!(ops.kind, PrincipalKind::Group);
    // The CSV look-up finds a group by its object id when no user has it.
    let resolved = block_on(resolve_principals(&casey, &[ops.id.as_str().to_owned()])).unwrap();
    assert_eq!(resolved[0].kind, PrincipalKind::Group);
    let new = NewAssignment {
        principal: ops.id.clone(),
        target: AssignmentTarget::tenant_role(BILLING_ADMIN),
        level: AssignmentLevel::Eligibility,
        start: None,
        end: None,
        justification: String::new(),
    };
    block_on(admin_request(&casey, &AdminChange::assign(&new, None))).unwrap();
    let rows = block_on(role_assignments(&casey, &role(BILLING_ADMIN))).unwrap();
    let row =
        holder(&rows, "PIM - Production Operators", AssignmentLevel::Eligibility).expect("named, not an id");
    assert_eq!(row.principal.kind, PrincipalKind::Group);
}

#[test]
fn an_administrator_sees_every_one_of_thousands_of_eligibilities_through_the_pages() {
    let mut tenant = Sim::demo(7, now());
    let before =
        block_on(role_assignments(&client(&Rc::new(RefCell::new(tenant.clone())), CASEY), &role(USER_ADMIN)))
            .unwrap()
            .len();
    // More than 50 pages of 100 (the client once stopped there).
    tenant.seed_role_eligibilities(USER_ADMIN, 5_050);
    let sim = Rc::new(RefCell::new(tenant));
    let rows = block_on(role_assignments(&client(&sim, CASEY), &role(USER_ADMIN))).unwrap();
    assert_eq!(rows.len(), before + 5_050, "every seeded eligibility is listed, page after page");
    for n in ["00001", "05050"] {
        let row = rows.iter().find(|r| r.principal.name == format!("Scale user {n}")).expect("listed");
        assert_eq!(row.principal.upn.as_deref(), Some(format!("scale.user{n}@contoso.example").as_str()));
        assert_eq!(
            (row.level, row.via, row.principal.kind),
            (AssignmentLevel::Eligibility, Via::Direct, PrincipalKind::User)
        );
    }
}
