//! "My requests" and "Approvals" in process: the engineer asks for roles that need approval,
//! the approver's queue shows them, one is approved and one denied with a reason, the
//! engineer's requests show both outcomes, and a pending request can be canceled.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/sim_client.rs"]
mod sim_client;

use std::cell::RefCell;
use std::rc::Rc;

use chrono::{DateTime, TimeZone, Utc};
use futures::executor::block_on;
use pim_console::domain::ids::PrincipalId;
use pim_console::domain::item::RoleItem;
use pim_console::domain::item_key::Plane;
use pim_console::domain::outcome::StatusClass;
use pim_console::domain::IsoDuration;
use pim_console::graph::actions::{activate, ActivationInput};
use pim_console::graph::adapt::{my_items, ArmAccess};
use pim_console::graph::requests::{
    approval_queue, cancel, decide, my_requests, Decision, DecisionError, RequestRow,
};
use pim_console::graph::wire::values::RequestStatus;
use pim_console::graph::GraphClient;
use pim_console::sim::Sim;

const ALEX: &str = "alex@contoso.example";
const BAILEY: &str = "bailey@contoso.example";

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap()
}

fn client(sim: &Rc<RefCell<Sim>>, upn: &'static str) -> GraphClient {
    sim_client::client_at(sim, upn, start())
}

fn id_of(upn: &str) -> PrincipalId {
    PrincipalId::new(Sim::personas().into_iter().find(|p| p.upn == upn).unwrap().id)
}

fn alex_item(client: &GraphClient, name: &str) -> RoleItem {
    let graph = block_on(client.load_my_access()).expect("batch");
    let arm = Ok(ArmAccess {
        eligible: block_on(client.arm_my_eligible_roles()).unwrap(),
        active: block_on(client.arm_my_active_roles()).unwrap(),
        requests: Vec::new(),
    });
    let (items, _) = my_items(&id_of(ALEX), &graph, Some(&arm));
    items
        .into_iter()
        .find(|i| i.name == name && i.eligible)
        .unwrap_or_else(|| panic!("Alex is eligible for {name}"))
}

fn ask(client: &GraphClient, name: &str, why: &str) {
    let input = ActivationInput {
        duration: IsoDuration::from_hours(2),
        justification: Some(why.into()),
        ticket: Some(("ServiceNow".into(), "CHG-2211".into())),
        start: None,
        scope: None,
    };
    let answer = block_on(activate(client, &alex_item(client, name), &input)).expect("request accepted");
    assert_eq!(answer.status, Some(RequestStatus::PendingApproval), "{name} waits for approval");
}

fn find<'a>(rows: &'a [RequestRow], role: &str) -> &'a RequestRow {
    rows.iter().find(|r| r.role.starts_with(role)).unwrap_or_else(|| panic!("{role} in {rows:#?}"))
}

#[test]
fn the_approver_approves_one_and_denies_another_and_the_requester_sees_both_outcomes() {
    let sim = Rc::new(RefCell::new(Sim::demo(7, start())));
    let alex = client(&sim, ALEX);
    let bailey = client(&sim, BAILEY);
    ask(&alex, "User Administrator", "Onboarding the new support team");
    ask(&alex, "PIM - Database Admins", "Schema migration CHG-2211");

    // Alex's pending requests, with what was asked.
    let (mine, errors) = block_on(my_requests(&alex));
    assert!(errors.is_empty(), "{errors:?}");
    let ua = find(&mine, "User Administrator");
    assert!(ua.is_pending() && ua.cancellable(start()));
    assert_eq!(ua.justification.as_deref(), Some("Onboarding the new support team"));
    assert_eq!(ua.duration_label().as_deref(), Some("2 h"));
    assert_eq!(ua.ticket.as_deref(), Some("ServiceNow CHG-2211"));
    assert_eq!(ua.scope.name, "Directory");

    // Bailey's queue: both of Alex's requests beside Drew's, with the policy's rules.
    let (queue, errors) = block_on(approval_queue(&bailey));
    assert!(errors.is_empty(), "{errors:?}");
    assert!(queue.len() >= 3, "Drew's and Alex's two requests: {queue:#?}");
    let ua = find(&queue, "User Administrator");
    let ua =
        queue.iter().find(|r| r.role == ua.role && r.requester.as_deref() == Some("Alex Morgan")).unwrap();
    let db = find(&queue, "PIM - Database Admins");
    assert_eq!(db.requester.as_deref(), Some("Alex Morgan"));
    assert!(ua.rules.expect("policy read").justification_required);
    assert!(ua.time_left(start()).unwrap().contains("left to decide"), "{:?}", ua.time_left(start()));

    // The policy requires a justification: refused before anything is sent.
    let refused = block_on(decide(&bailey, &id_of(BAILEY), ua, Decision::Approve, "  ")).unwrap_err();
    assert_eq!(refused, DecisionError::JustificationRequired);
    block_on(decide(&bailey, &id_of(BAILEY), ua, Decision::Approve, "Onboarding is planned"))
        .expect("approved");
    block_on(decide(&bailey, &id_of(BAILEY), db, Decision::Deny, "Not during the change freeze"))
        .expect("denied");

    // Deciding again is explained, not a raw 409.
    let again = block_on(decide(&bailey, &id_of(BAILEY), ua, Decision::Deny, "late")).unwrap_err();
    assert!(matches!(again, DecisionError::AlreadyDecided { .. }), "{again:?}");
    assert!(again.explain().reason.contains("already decided"));

    // Decided requests leave the queue.
    let (queue, _) = block_on(approval_queue(&bailey));
    assert!(!queue.iter().any(|r| r.requester.as_deref() == Some("Alex Morgan")), "{queue:#?}");

    // Alex sees both outcomes, the denial with Bailey's words, newest first.
    let (mine, _) = block_on(my_requests(&alex));
    let ua = find(&mine, "User Administrator");
    assert_eq!(ua.class(), StatusClass::InForce, "{ua:#?}");
    assert!(ua.outcome().reason.contains("Provisioned"), "{}", ua.outcome().reason);
    assert!(ua.outcome().reason.contains("Bailey Kim"), "{}", ua.outcome().reason);
    let db = find(&mine, "PIM - Database Admins");
    assert_eq!(db.class(), StatusClass::Denied);
    let text = db.outcome().reason;
    assert!(text.contains("Bailey Kim") && text.contains("Not during the change freeze"), "{text}");
    assert!(mine.windows(2).all(|w| w[0].created >= w[1].created), "newest first");
}

#[test]
fn a_pending_request_can_be_canceled_and_an_approver_cannot_decide_their_own() {
    let sim = Rc::new(RefCell::new(Sim::demo(7, start())));
    let alex = client(&sim, ALEX);
    ask(&alex, "PIM - Database Admins", "Schema migration CHG-2211");
    let (mine, _) = block_on(my_requests(&alex));
    let pending = find(&mine, "PIM - Database Admins").clone();
    block_on(cancel(&alex, &pending.reference)).expect("canceled");

    let (mine, _) = block_on(my_requests(&alex));
    let row = mine.iter().find(|r| r.reference == pending.reference).unwrap();
    assert_eq!(row.class(), StatusClass::Canceled);
    assert!(!row.cancellable(start()));
    let (queue, _) = block_on(approval_queue(&client(&sim, BAILEY)));
    assert!(!queue.iter().any(|r| r.reference == pending.reference), "a canceled request leaves the queue");

    // Deciding one's own request is explained in a sentence.
    let own = block_on(decide(&alex, &id_of(ALEX), &pending, Decision::Approve, "me")).unwrap_err();
    assert_eq!(own, DecisionError::OwnRequest);
    assert!(own.explain().reason.contains("your own request"));
}

#[test]
fn an_azure_role_request_is_decided_through_its_arm_approval() {
    let sim = Rc::new(RefCell::new(Sim::demo(7, start())));
    let alex = client(&sim, ALEX);
    let bailey = client(&sim, BAILEY);
    ask(&alex, "Owner", "Rotate the web tier's certificates");

    let (queue, errors) = block_on(approval_queue(&bailey));
    assert!(errors.is_empty(), "{errors:?}");
    let owner = queue
        .iter()
        .find(|r| r.reference.plane() == Plane::Azure && r.role == "Owner")
        .unwrap_or_else(|| panic!("the Azure request waits for Bailey: {queue:#?}"));
    assert_eq!(owner.scope.name, "rg-web-prod");
    assert!(owner.approval_id.is_some());
    block_on(decide(&bailey, &id_of(BAILEY), owner, Decision::Deny, "Use the deployment pipeline"))
        .expect("denied through ARM");

    let (mine, _) = block_on(my_requests(&alex));
    let row = mine.iter().find(|r| r.reference == owner.reference).expect("Alex's Azure request");
    assert_eq!(row.class(), StatusClass::Denied);
    assert!(row.outcome().reason.contains("Use the deployment pipeline"), "{}", row.outcome().reason);
}
