//! Role settings through the typed client against the simulated tenant in process: the
//! administrator reads every policy, changes exactly the rules that differ (one PATCH per rule,
//! Graph and ARM), the engineer's next activation obeys the new policy, a non-administrator is
//! refused per rule, and an export re-imported against the tenant shows no drift.
#![cfg(not(target_arch = "wasm32"))]

#[path = "flow_common.rs"]
mod flow_common;

use std::cell::RefCell;
use std::rc::Rc;

use flow_common::{client, start};
use futures::executor::block_on;
use pim_console::domain::ids::{GroupId, PrincipalId};
use pim_console::domain::item_key::Plane;
use pim_console::domain::policy::{Approver, ApproverKind};
use pim_console::domain::settings::{drift, export, import, SettingRule, SettingsAccess, SignInRequirement};
use pim_console::domain::IsoDuration;
use pim_console::graph::actions::{activate, ActivationInput};
use pim_console::graph::adapt::{my_items, ArmAccess};
use pim_console::graph::client::PickerQuery;
use pim_console::graph::load::policy_of;
use pim_console::graph::settings::{apply, load_all, load_group, settings_access, PolicyTarget, RolePolicy};
use pim_console::graph::wire::values::RequestStatus;
use pim_console::graph::{ErrorKind, GraphClient};
use pim_console::sim::Sim;

const ALEX: &str = "alex@contoso.example";
const BAILEY: &str = "bailey@contoso.example";
const CASEY: &str = "casey@contoso.example";

fn id_of(upn: &str) -> String {
    Sim::personas().into_iter().find(|p| p.upn == upn).unwrap().id.to_owned()
}

fn all(client: &GraphClient) -> Vec<RolePolicy> {
    let (policies, errors) = block_on(load_all(client, &[]));
    assert!(errors.is_empty(), "{errors:?}");
    policies
}

fn named<'a>(policies: &'a [RolePolicy], name: &str) -> &'a RolePolicy {
    policies.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("{name} is listed"))
}

#[test]
fn only_active_privileged_role_administrators_and_global_administrators_may_edit() {
    let sim = Rc::new(RefCell::new(Sim::demo(7, start())));
    assert_eq!(block_on(settings_access(&client(&sim, CASEY))).unwrap(), SettingsAccess::Admin);
    assert_eq!(block_on(settings_access(&client(&sim, ALEX))).unwrap(), SettingsAccess::None);
    assert_eq!(block_on(settings_access(&client(&sim, BAILEY))).unwrap(), SettingsAccess::None);
}

#[test]
fn every_entra_and_azure_role_is_listed_with_plain_settings() {
    let sim = Rc::new(RefCell::new(Sim::demo(7, start())));
    let policies = all(&client(&sim, CASEY));
    let entra = policies.iter().filter(|p| p.key.plane == Plane::EntraRole).count();
    assert!(entra >= 10, "{entra} Entra roles");
    assert!(
        policies.iter().any(|p| p.key.plane == Plane::Azure && p.name == "Owner"),
        "Azure roles at Casey's scope"
    );
    let helpdesk = named(&policies, "Helpdesk Administrator").settings();
    assert_eq!(helpdesk.describe(SettingRule::ActivationDuration), "Activation lasts at most 4 h.");
    assert_eq!(
        helpdesk.describe(SettingRule::ActivationRequirements),
        "Activation asks for a justification and a ticket number."
    );
    assert_eq!(helpdesk.notifications.len(), 9, "the nine notification rules are read");
    let security = named(&policies, "Security Administrator").settings();
    assert_eq!(security.sign_in, SignInRequirement::Context("c1".into()));
}

#[test]
fn a_change_sends_one_patch_per_changed_rule_and_the_next_activation_obeys_it() {
    let sim = Rc::new(RefCell::new(Sim::demo(7, start())));
    let casey = client(&sim, CASEY);
    let policies = all(&casey);
    let reader = named(&policies, "Global Reader");
    let mut wanted = reader.settings();
    wanted.activation_max = IsoDuration::from_hours(2);
    wanted.approval = true;
    wanted.approvers =
        vec![Approver { id: id_of(BAILEY), name: Some("Bailey Kim".into()), kind: ApproverKind::User }];
    let patches = reader.patches(&wanted);
    let rules: Vec<_> = patches.iter().map(|(r, _)| *r).collect();
    assert_eq!(rules, vec![SettingRule::ActivationDuration, SettingRule::Approval]);
    let body = serde_json::to_value(&patches[1].1).unwrap();
    assert_eq!(body["@odata.type"], "#microsoft.graph.unifiedRoleManagementPolicyApprovalRule");
    assert_eq!(body["setting"]["approvalStages"][0]["primaryApprovers"][0]["userId"], id_of(BAILEY));
    assert_eq!(body["target"]["level"], "Assignment", "the rule goes back whole, target included");

    let results = block_on(apply(&casey, reader, patches));
    assert!(results.iter().all(|r| r.result.is_ok()), "{results:?}");
    let after = all(&casey);
    assert_eq!(named(&after, "Global Reader").settings(), wanted);
    assert!(named(&after, "Global Reader").patches(&wanted).is_empty(), "nothing left to change");

    // Alex's next activation of Global Reader: at most 2 h, and it waits for Bailey.
    let alex = client(&sim, ALEX);
    let graph = block_on(alex.load_my_access()).unwrap();
    let arm = Ok(ArmAccess { eligible: Vec::new(), active: Vec::new(), requests: Vec::new() });
    let (items, _) = my_items(&PrincipalId::new(id_of(ALEX)), &graph, Some(&arm));
    let item = items.into_iter().find(|i| i.name == "Global Reader" && i.eligible).unwrap();
    let policy = block_on(policy_of(&alex, &item)).unwrap();
    assert_eq!(policy.max_duration, IsoDuration::from_hours(2));
    assert!(policy.approval_required);
    assert_eq!(policy.approver_names(), vec!["Bailey Kim".to_owned()]);
    let too_long = ActivationInput {
        duration: IsoDuration::from_hours(3),
        justification: Some("Quarterly report".into()),
        ticket: None,
        start: None,
        scope: None,
    };
    assert!(block_on(activate(&alex, &item, &too_long)).is_err(), "3 h is over the new maximum");
    let ok = ActivationInput { duration: IsoDuration::from_hours(2), ..too_long };
    let answer = block_on(activate(&alex, &item, &ok)).unwrap();
    assert_eq!(answer.status, Some(RequestStatus::PendingApproval));
}

#[test]
fn a_non_administrator_gets_a_refusal_per_rule() {
    let sim = Rc::new(RefCell::new(Sim::demo(7, start())));
    let alex = client(&sim, ALEX);
    let policies = all(&client(&sim, CASEY));
    let reader = named(&policies, "Global Reader");
    let mut wanted = reader.settings();
    wanted.ticket = true;
    let results = block_on(apply(&alex, reader, reader.patches(&wanted)));
    assert_eq!(results.len(), 1);
    let err = results[0].result.as_ref().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PermissionMissing, "{err:?}");
}

#[test]
fn azure_and_group_policies_are_changed_through_arm_and_graph() {
    let sim = Rc::new(RefCell::new(Sim::demo(7, start())));
    let casey = client(&sim, CASEY);
    let policies = all(&casey);
    let owner = policies.iter().find(|p| p.key.plane == Plane::Azure && p.name == "Owner").unwrap();
    assert!(matches!(owner.target, PolicyTarget::Arm { .. }));
    let mut wanted = owner.settings();
    wanted.activation_max = IsoDuration::from_hours(1);
    wanted.sign_in = SignInRequirement::Context("c2".into());
    let patches = owner.patches(&wanted);
    assert_eq!(
        patches.iter().map(|(r, _)| *r).collect::<Vec<_>>(),
        [SettingRule::ActivationDuration, SettingRule::AuthenticationContext]
    );
    assert_eq!(
        serde_json::to_value(&patches[0].1).unwrap()["ruleType"],
        "RoleManagementPolicyExpirationRule"
    );
    let results = block_on(apply(&casey, owner, patches));
    assert!(results.iter().all(|r| r.result.is_ok()), "{results:?}");
    let after = all(&casey);
    let owner2 = after.iter().find(|p| p.key == owner.key).unwrap();
    assert_eq!(owner2.settings().activation_max, IsoDuration::from_hours(1));
    assert_eq!(owner2.settings().sign_in, SignInRequirement::Context("c2".into()));

    let groups = block_on(casey.search_groups("PIM", PickerQuery::Search)).unwrap();
    let ops =
        groups.iter().find(|g| g.display_name.as_deref() == Some("PIM - Production Operators")).unwrap();
    let ops_id = GroupId::new(ops.id.clone().unwrap());
    let list = block_on(load_group(&casey, &ops_id, "PIM - Production Operators")).unwrap();
    assert_eq!(
        list.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
        ["PIM - Production Operators (member)", "PIM - Production Operators (owner)"]
    );
    let member = &list[0];
    let mut wanted = member.settings();
    wanted.ticket = true;
    let results = block_on(apply(&casey, member, member.patches(&wanted)));
    assert!(results.iter().all(|r| r.result.is_ok()), "{results:?}");
    let again = block_on(load_group(&casey, &ops_id, "PIM - Production Operators")).unwrap();
    assert!(again[0].settings().ticket);

    // The page lists the groups it was asked for beside the roles.
    let (listed, errors) =
        block_on(load_all(&casey, &[(ops_id.clone(), "PIM - Production Operators".into())]));
    assert!(errors.is_empty(), "{errors:?}");
    let groups: Vec<_> =
        listed.iter().filter(|p| p.key.plane == Plane::Group).map(|p| p.name.as_str()).collect();
    assert_eq!(groups, ["PIM - Production Operators (member)", "PIM - Production Operators (owner)"]);
}

#[test]
fn copy_to_many_and_an_exported_file_reimports_without_drift() {
    let sim = Rc::new(RefCell::new(Sim::demo(7, start())));
    let casey = client(&sim, CASEY);
    let policies = all(&casey);
    let source = named(&policies, "Helpdesk Administrator").settings();
    for name in ["Global Reader", "Reports Reader"] {
        let target = named(&policies, name);
        let copied = target.settings().with_rules_of(&source);
        let results = block_on(apply(&casey, target, target.patches(&copied)));
        assert!(!results.is_empty() && results.iter().all(|r| r.result.is_ok()), "{name}: {results:?}");
    }
    let after = all(&casey);
    assert!(named(&after, "Reports Reader").patches(&source).is_empty(), "the copy took");

    let rows: Vec<_> = after.iter().map(|p| (p.key.clone(), p.name.clone(), p.settings())).collect();
    let text = export(&rows, "2026-11-02T09:00:00Z");
    let file = import(&text).unwrap();
    let report = drift(&file, &rows);
    assert!(report.is_clean(), "{report:?}");
    assert_eq!(report.same, rows.len());

    // A later change in the tenant shows as drift for that role and rule.
    let reader = named(&after, "Global Reader");
    let mut wanted = reader.settings();
    wanted.activation_max = IsoDuration::from_hours(6);
    block_on(apply(&casey, reader, reader.patches(&wanted)));
    let now: Vec<_> = all(&casey).iter().map(|p| (p.key.clone(), p.name.clone(), p.settings())).collect();
    let report = drift(&file, &now);
    assert_eq!(report.changed.len(), 1);
    assert_eq!(report.changed[0].name, "Global Reader");
    assert_eq!(report.changed[0].changes[0].before, "Activation lasts at most 6 h.");
}
