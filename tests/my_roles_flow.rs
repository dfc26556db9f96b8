//! "My roles" end to end in process: the typed client against the simulated tenant, the adapter
//! to rows, and activation/deactivation through the per-plane request layer.
#![cfg(not(target_arch = "wasm32"))]

use std::cell::RefCell;
use std::rc::Rc;

use chrono::{DateTime, TimeZone, Utc};
use futures::executor::block_on;
use futures::future::LocalBoxFuture;
use pim_console::config::Cloud;
use pim_console::domain::ids::PrincipalId;
use pim_console::domain::item::{ItemState, RoleItem, ScopeKind};
use pim_console::domain::item_key::Plane;
use pim_console::domain::ArmScope;
use pim_console::domain::IsoDuration;
use pim_console::graph::actions::{activate, deactivate, ActivationInput};
use pim_console::graph::adapt::{my_items, ArmAccess};
use pim_console::graph::scripted::FixedEnv;
use pim_console::graph::wire::values::RequestStatus;
use pim_console::graph::{Api, ErrorKind, GraphClient, TokenError, TokenProvider};
use pim_console::sim::{Sim, SimTransport, TokenClaims};

const ALEX: &str = "alex@contoso.example";

struct SimTokens {
    sim: Rc<RefCell<Sim>>,
    now: DateTime<Utc>,
    mfa: bool,
    acrs: Vec<String>,
}

impl TokenProvider for SimTokens {
    fn access_token(&self, api: Api, _fresh: bool) -> LocalBoxFuture<'_, Result<String, TokenError>> {
        let mut claims = if api == Api::Graph { TokenClaims::graph() } else { TokenClaims::arm() };
        if self.mfa {
            claims = claims.with_mfa();
        }
        for c in &self.acrs {
            claims = claims.with_acrs(c);
        }
        let token = self.sim.borrow_mut().mint_token_at(ALEX, claims, self.now);
        Box::pin(async move { Ok(token) })
    }
}

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap()
}

fn client(sim: &Rc<RefCell<Sim>>, mfa: bool, acrs: &[&str]) -> GraphClient {
    let now = start();
    let transport = SimTransport::new(Rc::clone(sim), move || now);
    let tokens =
        SimTokens { sim: Rc::clone(sim), now, mfa, acrs: acrs.iter().map(|s| s.to_string()).collect() };
    GraphClient::new(
        Rc::new(transport),
        Rc::new(tokens),
        Rc::new(FixedEnv::default()),
        Cloud::Public.endpoints(),
    )
}

async fn load(client: &GraphClient) -> Vec<RoleItem> {
    let me =
        PrincipalId::new(pim_console::sim::Sim::personas().into_iter().find(|p| p.upn == ALEX).unwrap().id);
    let graph = client.load_my_access().await.expect("batch");
    let arm = Ok(ArmAccess {
        eligible: client.arm_my_eligible_roles().await.expect("arm eligible"),
        active: client.arm_my_active_roles().await.expect("arm active"),
        requests: Vec::new(),
    });
    let (items, errors) = my_items(&me, &graph, Some(&arm));
    assert!(errors.is_empty(), "{errors:?}");
    items
}

fn input() -> ActivationInput {
    ActivationInput {
        duration: IsoDuration::from_hours(1),
        justification: Some("Investigating incident INC-4711".into()),
        ticket: Some(("ServiceNow".into(), "INC-4711".into())),
        start: None,
        scope: None,
    }
}

#[test]
fn the_engineer_sees_eligible_items_in_all_three_planes_with_names_and_scopes() {
    let sim = Rc::new(RefCell::new(Sim::demo(7, start())));
    let items = block_on(load(&client(&sim, false, &[])));
    for plane in [Plane::EntraRole, Plane::Group, Plane::Azure] {
        assert!(items.iter().any(|i| i.key.plane() == plane && i.eligible), "no eligible {plane:?} item");
    }
    assert!(items.iter().all(|i| !i.name.is_empty() && !i.scope.name.is_empty()));
    assert!(items.iter().any(|i| i.name == "Global Reader"
        || i.name == "Security Reader"
        || i.name.contains("Administrator")));
}

#[test]
fn activation_answers_per_policy_and_an_active_item_deactivates_after_five_minutes() {
    let sim = Rc::new(RefCell::new(Sim::demo(7, start())));
    let plain = client(&sim, true, &["c1"]);
    let items = block_on(load(&plain));
    let mut provisioned = None;
    let mut pending = 0;
    for item in items.iter().filter(|i| i.eligible && matches!(i.state, ItemState::Eligible)) {
        match block_on(activate(&plain, item, &input())) {
            Ok(s) if s.status == Some(RequestStatus::Provisioned) => {
                provisioned = provisioned.or(Some(item.clone()))
            }
            Ok(s) if s.status == Some(RequestStatus::PendingApproval) => pending += 1,
            Ok(s) => assert!(matches!(s.status, Some(RequestStatus::Granted)), "{:?}", s.status),
            Err(e) => assert!(
                matches!(e.kind(), ErrorKind::PolicyViolation | ErrorKind::RoleAssignmentRequestExists),
                "{} failed: {e:?}",
                item.name
            ),
        }
    }
    assert!(pending > 0, "the demo has roles that need approval");
    let item = provisioned.expect("at least one item activates at once");
    let after = block_on(load(&plain));
    let row = after.iter().find(|i| i.key == item.key).unwrap();
    assert!(row.state.is_active(), "{} is active after activation: {:?}", row.name, row.state);

    let too_soon = block_on(deactivate(&plain, row)).unwrap_err();
    assert_eq!(too_soon.kind(), ErrorKind::ActiveDurationTooShort);
    sim.borrow_mut().advance(chrono::Duration::minutes(6));
    let later = client(&sim, true, &["c1"]);
    // The client's clock is fixed; the sim's offset moved it six minutes on.
    let done = block_on(deactivate(&later, row)).expect("deactivation after five minutes");
    assert_eq!(done.status, Some(RequestStatus::Revoked));
}

#[test]
fn without_mfa_or_the_authentication_context_the_service_says_which_rule_failed() {
    let sim = Rc::new(RefCell::new(Sim::demo(7, start())));
    let weak = client(&sim, false, &[]);
    let items = block_on(load(&weak));
    let kinds: Vec<ErrorKind> = items
        .iter()
        .filter(|i| i.eligible && i.key.plane() == Plane::EntraRole)
        .filter_map(|i| block_on(activate(&weak, i, &input())).err().map(|e| e.kind()))
        .collect();
    assert!(
        kinds.contains(&ErrorKind::ClaimsChallenge),
        "an auth-context role asks for a step-up: {kinds:?}"
    );
    assert!(kinds.contains(&ErrorKind::PolicyViolation), "an MFA role names MfaRule: {kinds:?}");
}

#[test]
fn every_item_has_a_readable_policy_and_the_demo_shows_each_kind_of_requirement() {
    use pim_console::graph::load::{my_roles, policy_of};
    let sim = Rc::new(RefCell::new(Sim::demo(7, start())));
    let c = client(&sim, false, &[]);
    let me = PrincipalId::new(Sim::personas().into_iter().find(|p| p.upn == ALEX).unwrap().id);
    let (items, errors) = block_on(my_roles(&c, &me));
    assert!(errors.is_empty(), "{errors:?}");
    let policies: Vec<_> = items
        .iter()
        .map(|i| block_on(policy_of(&c, i)).unwrap_or_else(|e| panic!("policy of {}: {e:?}", i.name)))
        .collect();
    assert!(policies.iter().all(|p| p.max_duration.as_seconds() > 0));
    assert!(
        policies.iter().any(|p| p.approval_required && !p.approvers.is_empty()),
        "an approval role with approvers"
    );
    assert!(policies.iter().any(|p| p.require_mfa), "an MFA role");
    assert!(
        policies.iter().any(|p| p.auth_context.as_ref().is_some_and(|c| c.0 == "c1")),
        "an auth-context role"
    );
    assert!(policies.iter().any(|p| !p.approval_required && !p.require_mfa && p.auth_context.is_none()));
}

#[test]
fn a_request_waiting_for_approval_marks_its_row_so_it_is_not_requested_twice() {
    use pim_console::graph::load::my_roles;
    let sim = Rc::new(RefCell::new(Sim::demo(7, start())));
    let c = client(&sim, true, &["c1"]);
    let me = PrincipalId::new(Sim::personas().into_iter().find(|p| p.upn == ALEX).unwrap().id);
    let (items, _) = block_on(my_roles(&c, &me));
    let mut waiting = Vec::new();
    for item in items.iter().filter(|i| matches!(i.state, ItemState::Eligible)) {
        if let Ok(s) = block_on(activate(&c, item, &input())) {
            if s.status == Some(RequestStatus::PendingApproval) {
                waiting.push(item.key.clone());
            }
        }
    }
    assert!(waiting.len() >= 2, "approval roles in at least two planes: {waiting:?}");
    let (after, errors) = block_on(my_roles(&c, &me));
    assert!(errors.is_empty(), "{errors:?}");
    for key in &waiting {
        let row = after.iter().find(|i| &i.key == key).unwrap();
        assert!(matches!(row.state, ItemState::ActivationPending { .. }), "{}: {:?}", row.name, row.state);
    }
    let planes: std::collections::BTreeSet<_> = waiting.iter().map(|k| format!("{:?}", k.plane())).collect();
    assert!(planes.len() >= 2, "{planes:?}");
}

#[test]
fn an_azure_role_activates_at_a_narrower_scope_listed_by_the_service() {
    let sim = Rc::new(RefCell::new(Sim::demo(7, start())));
    let client = client(&sim, true, &[]);
    let items = block_on(load(&client));
    let azure = items
        .iter()
        .find(|i| i.key.plane() == Plane::Azure && i.eligible && i.scope.kind == ScopeKind::Subscription)
        .expect("Alex is eligible for an Azure role at a subscription");
    let eligible_scope = azure.arm_scope().unwrap().clone();
    // The service lists the resource groups below the subscription.
    let children = block_on(client.arm_eligible_children(&eligible_scope)).expect("children listed");
    let rg = children
        .iter()
        .find(|c| c.kind.as_deref() == Some("resourcegroup"))
        .unwrap_or_else(|| panic!("a resource group below {eligible_scope}: {children:?}"));
    let rg_scope = ArmScope::parse(rg.id.as_deref().unwrap()).unwrap();
    assert!(rg_scope.as_str().starts_with(eligible_scope.as_str()), "{rg_scope} is below {eligible_scope}");
    assert!(rg.name.as_deref().is_some_and(|n| !n.is_empty()));

    // Activating there is accepted and the active role sits at the resource group only.
    let narrow = ActivationInput { scope: Some(rg_scope.clone()), ..input() };
    let answer = block_on(activate(&client, azure, &narrow)).expect("accepted at the narrower scope");
    assert!(answer.status.is_some());
    let after = block_on(load(&client));
    let active_here = after.iter().any(|i| {
        i.key.plane() == Plane::Azure
            && i.state.is_active()
            && i.arm_scope().is_some_and(|s| s.as_str().eq_ignore_ascii_case(rg_scope.as_str()))
    });
    let still_eligible_above = after.iter().any(|i| i.key == azure.key && !i.state.is_active());
    assert!(active_here, "active at {rg_scope}: {after:#?}");
    assert!(still_eligible_above, "the subscription-wide eligibility stays as it was");

    // A scope outside the eligibility is refused by the service.
    let elsewhere = ArmScope::parse("/subscriptions/00000000-0000-0000-0000-000000000999").unwrap();
    let outside = ActivationInput { scope: Some(elsewhere), ..input() };
    assert!(block_on(activate(&client, azure, &outside)).is_err());
}

#[test]
fn a_user_eligible_for_hundreds_of_groups_sees_every_one_through_the_pages() {
    let mut tenant = Sim::demo(7, start());
    let before = block_on(load(&client(&Rc::new(RefCell::new(tenant.clone())), false, &[]))).len();
    assert!(tenant.seed_eligible_groups(ALEX, 450), "Alex is a persona");
    assert!(!tenant.seed_eligible_groups("nobody@contoso.example", 3));
    let sim = Rc::new(RefCell::new(tenant));
    let items = block_on(load(&client(&sim, false, &[])));
    assert_eq!(items.len(), before + 450, "every seeded group is listed, past the first page");
    for name in ["Scale group 0001", "Scale group 0450"] {
        let row = items.iter().find(|i| i.name == name).unwrap_or_else(|| panic!("{name} is listed"));
        assert!(row.eligible && row.key.plane() == Plane::Group, "{name}: {row:?}");
    }
}

#[test]
fn an_eligibility_ending_soon_is_offered_an_extension_that_waits_for_an_administrator() {
    use pim_console::domain::deactivate::{renewal_offers, AssignmentLevel, SelfAction};
    use pim_console::graph::renew::request_renewal;
    let sim = Rc::new(RefCell::new(Sim::demo(7, start())));
    let c = client(&sim, false, &[]);
    let items = block_on(load(&c));
    let offered: Vec<_> = items.iter().filter_map(|i| Some((i, renewal_offers(i, start()).pop()?))).collect();
    // The demo gives Alex one eligibility that ends in ten days (Intune Administrator).
    let (item, offer) = offered.first().expect("an item with an extend offer");
    assert_eq!(item.name, "Intune Administrator");
    assert_eq!((offer.action, offer.level), (SelfAction::Extend, AssignmentLevel::Eligibility));
    assert!(offer.label(start()).starts_with("Extend (ends in 10 d"), "{}", offer.label(start()));
    let answer = block_on(request_renewal(&c, item, offer, "Still on the Intune migration")).expect("extend");
    assert_eq!(answer.status, Some(RequestStatus::PendingAdminDecision));
    assert!(answer.request_id.is_some());
    // Items far from their end have nothing to offer.
    assert!(items
        .iter()
        .filter(|i| i.name == "Security Administrator")
        .all(|i| renewal_offers(i, start()).is_empty()));
}

#[test]
fn a_tenant_without_licence_throttling_or_consent_says_why_the_list_is_empty() {
    use pim_console::domain::load_problem::{load_problems, retry_helps};
    use pim_console::graph::adapt::error_kind;
    use pim_console::graph::load::my_roles;
    use pim_console::sim::{Fault, FaultRule};
    let me = PrincipalId::new(Sim::personas().into_iter().find(|p| p.upn == ALEX).unwrap().id);
    let kinds_with = |fault: Fault| {
        let sim = Rc::new(RefCell::new(Sim::demo(7, start())));
        sim.borrow_mut().inject(FaultRule::always("/", fault));
        let c = client(&sim, false, &[]);
        let (items, errors) = block_on(my_roles(&c, &me));
        assert!(items.is_empty(), "nothing is read");
        errors.iter().map(error_kind).collect::<Vec<_>>()
    };
    let licence = kinds_with(Fault::Refuse {
        status: 403,
        code: "AadPremiumLicenseRequired".into(),
        message: "The tenant needs an AAD Premium 2 license.".into(),
    });
    let said = load_problems(&licence);
    assert_eq!(said.len(), 1, "one sentence for one cause: {said:?}");
    assert!(said[0].reason.contains("licence") && said[0].next_step.contains("administrator"));
    assert!(!retry_helps(&licence), "retrying does not buy a licence");

    let consent = kinds_with(Fault::Refuse {
        status: 403,
        code: "Authorization_RequestDenied".into(),
        message: "Insufficient privileges to complete the operation.".into(),
    });
    assert!(load_problems(&consent)[0].reason.contains("consent"), "{consent:?}");

    let throttled = kinds_with(Fault::Throttle { retry_after_secs: 0.01 });
    let said = load_problems(&throttled);
    assert!(said[0].reason.contains("busy") && retry_helps(&throttled), "{throttled:?}");

    let dropped = kinds_with(Fault::Drop);
    assert!(load_problems(&dropped)[0].reason.contains("could not be reached"), "{dropped:?}");
}

#[test]
fn a_role_held_for_an_administrative_unit_names_the_unit() {
    let sim = Rc::new(RefCell::new(Sim::demo(7, start())));
    let items = block_on(load(&client(&sim, false, &[])));
    let row = items
        .iter()
        .find(|i| i.name == "Authentication Administrator" && i.scope.kind == ScopeKind::AdministrativeUnit)
        .expect("Alex's administrative-unit role");
    assert!(
        !row.scope.name.is_empty() && !row.scope.name.contains('-'),
        "a name, not an id: {}",
        row.scope.name
    );
}
