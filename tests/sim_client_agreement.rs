//! The simulated tenant and the typed client agree: every read the client makes, answered by the
//! sim, parses through the client's own types (and finds what the demo seed holds).
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/sim_client.rs"]
mod sim_client;

use std::cell::RefCell;
use std::rc::Rc;

use chrono::{Duration, TimeZone, Utc};
use futures::executor::block_on;
use pim_console::domain::ids::{ArmScope, RequestId, RoleDefinitionId};
use pim_console::graph::client::arm::ArmRequestFilter;
use pim_console::graph::client::InstanceFilter;
use pim_console::graph::client::PickerQuery;
use pim_console::graph::wire::time::Timestamp;
use pim_console::graph::{GraphClient, GraphError};
use pim_console::sim::Sim;

fn client(sim: &Rc<RefCell<Sim>>, upn: &'static str) -> GraphClient {
    sim_client::client_at(sim, upn, Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap())
}

/// Runs a read and reports its name with any failure; returns how many rows came back.
fn read<T>(name: &str, failures: &mut Vec<String>, r: Result<Vec<T>, GraphError>) -> usize {
    match r {
        Ok(v) => v.len(),
        Err(e) => {
            failures.push(format!("{name}: {e:?}"));
            0
        }
    }
}

#[test]
fn every_read_of_the_client_parses_the_sims_answers() {
    let start = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
    let sim = Rc::new(RefCell::new(Sim::demo(7, start)));
    let (alex, bailey, casey) = (
        client(&sim, "alex@contoso.example"),
        client(&sim, "bailey@contoso.example"),
        client(&sim, "casey@contoso.example"),
    );
    let mut f = Vec::new();
    let tenant = ArmScope::tenant();

    assert!(read("my_eligible_roles", &mut f, block_on(alex.my_eligible_roles())) > 0);
    read("my_active_roles", &mut f, block_on(alex.my_active_roles()));
    read("my_role_eligibility_schedules", &mut f, block_on(alex.my_role_eligibility_schedules()));
    read("my_role_assignment_schedules", &mut f, block_on(alex.my_role_assignment_schedules()));
    read("my_role_requests", &mut f, block_on(alex.my_role_requests(None)));
    assert!(read("my_eligible_groups", &mut f, block_on(alex.my_eligible_groups())) > 0);
    read("my_active_groups", &mut f, block_on(alex.my_active_groups()));
    read("my_group_requests", &mut f, block_on(alex.my_group_requests(None)));
    assert!(read("arm_my_eligible_roles", &mut f, block_on(alex.arm_my_eligible_roles())) > 0);
    read("arm_my_active_roles", &mut f, block_on(alex.arm_my_active_roles()));
    read(
        "arm_requests(asRequestor)",
        &mut f,
        block_on(alex.arm_requests(&tenant, ArmRequestFilter::AsRequestor)),
    );
    assert!(read("list_role_definitions", &mut f, block_on(alex.list_role_definitions())) >= 30);
    read("list_administrative_units", &mut f, block_on(alex.list_administrative_units()));
    read("search_users", &mut f, block_on(casey.search_users("Al", PickerQuery::StartsWith)));
    read("search_groups", &mut f, block_on(casey.search_groups("PIM", PickerQuery::StartsWith)));
    let global_admin = RoleDefinitionId::new("62e90394-69f5-4237-9190-012177145e10");
    assert_eq!(read("role_policy", &mut f, block_on(alex.role_policy(&global_admin))), 1);
    assert!(read("list_role_policies", &mut f, block_on(casey.list_role_policies())) >= 30);
    read(
        "list_role_eligibility_instances",
        &mut f,
        block_on(casey.list_role_eligibility_instances(&InstanceFilter::default())),
    );
    read(
        "list_role_assignment_instances",
        &mut f,
        block_on(casey.list_role_assignment_instances(&InstanceFilter::default())),
    );
    assert!(
        read("pim_audits", &mut f, block_on(casey.pim_audits(Timestamp(start - Duration::days(40))))) > 0
    );

    let queue = block_on(bailey.role_requests_to_approve());
    let waiting = queue.as_ref().map(|q| q.len()).unwrap_or(0);
    assert!(waiting > 0, "the approver has a request waiting: {queue:?}");
    let first = queue.unwrap().remove(0);
    let approval =
        block_on(bailey.get_role_approval(&RequestId::new(first.approval_id.or(first.id).unwrap())));
    assert!(approval.is_ok_and(|a| !a.steps.is_empty()), "the approval has steps");
    read("group_requests_to_approve", &mut f, block_on(bailey.group_requests_to_approve()));
    read(
        "arm_requests(asApprover)",
        &mut f,
        block_on(bailey.arm_requests(&tenant, ArmRequestFilter::AsApprover)),
    );

    let reviews = block_on(casey.list_access_reviews()).unwrap_or_default();
    assert!(!reviews.is_empty(), "the demo has an open access review");
    let definition = reviews[0].id.clone().unwrap();
    let instances = block_on(casey.list_review_instances(&definition)).unwrap_or_default();
    assert!(!instances.is_empty());
    let instance = instances[0].id.clone().unwrap();
    for who in [&alex, &bailey, &casey] {
        read("my_review_decisions", &mut f, block_on(who.my_review_decisions(&definition, &instance)));
    }
    assert!(f.is_empty(), "reads that did not parse:\n{}", f.join("\n"));
}

#[test]
fn the_audit_history_reads_as_entries_with_actor_target_and_justification() {
    use pim_console::domain::audit::{filter_entries, AuditQuery};
    use pim_console::graph::adapt::audit_entry;
    let start = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
    let sim = Rc::new(RefCell::new(Sim::demo(7, start)));
    let alex = client(&sim, "alex@contoso.example");
    let records = block_on(alex.pim_audits(Timestamp(start - Duration::days(30)))).expect("audit read");
    let entries: Vec<_> = records.iter().filter_map(audit_entry).collect();
    assert_eq!(entries.len(), records.len(), "every record has an activity");
    assert!(entries.iter().all(|e| !e.actor.is_empty() && !e.target.is_empty() && e.at.is_some()));
    let activations =
        filter_entries(&entries, &AuditQuery { text: "PIM activation".into(), ..Default::default() });
    assert!(!activations.is_empty(), "the demo's month of history has activations");
    assert!(entries.iter().any(|e| e.justification.is_some()), "justifications come through");
    assert!(activations.windows(2).all(|w| w[0].at >= w[1].at), "newest first");
}
