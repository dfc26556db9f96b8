//! Tests for the batch plan.

use super::*;
use crate::domain::duration::IsoDuration;
use crate::domain::form::Field;
use crate::domain::item::ActiveKind;
use crate::domain::policy::{Approver, ApproverKind};
use crate::domain::test_items::{at, azure, entra, group};

const NOW: &str = "2026-03-01T09:00:00Z";

fn form() -> ActivationForm {
    ActivationForm { duration: "2h".into(), justification: "Change 7".into(), ..Default::default() }
}

fn approval(name: &str) -> ActivationPolicy {
    ActivationPolicy {
        approval_required: true,
        approvers: vec![Approver { id: "u".into(), name: Some(name.into()), kind: ApproverKind::User }],
        ..Default::default()
    }
}

fn ctx(c: &str) -> ActivationPolicy {
    ActivationPolicy { auth_context: Some(AuthContext(c.into())), ..Default::default() }
}

#[test]
fn three_planes_one_needing_approval_one_needing_step_up() {
    let (a, b, c) = (entra("Global Reader", "r1"), group("Ops", "g1"), azure("Contributor", "c1", "s1"));
    let (open, appr, step) = (ActivationPolicy::default(), approval("Bailey"), ctx("c1"));
    let plan = plan_batch(
        &[(&a, &open), (&b, &appr), (&c, &step)],
        &form(),
        &SessionAuth::default(),
        PlanOptions::default(),
        at(NOW),
    );
    assert_eq!(plan.entries[0].action, PlanAction::ActivateNow);
    assert_eq!(plan.entries[1].action, PlanAction::NeedsApproval { approvers: vec!["Bailey".into()] });
    assert_eq!(plan.entries[2].action, PlanAction::NeedsStepUp { context: AuthContext("c1".into()) });
    assert_eq!(
        plan.step_ups,
        vec![StepUpGroup {
            step_up: StepUp::AuthContext(AuthContext("c1".into())),
            items: vec![c.key.clone()]
        }]
    );
    assert_eq!(
        plan.summary,
        PlanSummary { activate_now: 1, needs_approval: 1, needs_step_up: 1, ..Default::default() }
    );
    assert!(!plan.can_submit_all());
    assert_eq!(plan.ready().count(), 2);
    assert_eq!(plan.entries[0].request.as_ref().unwrap().duration, IsoDuration::from_hours(2));

    // After the step-up returns, the same form re-plans without the prompt.
    let session = SessionAuth { has_mfa: true, contexts: vec![AuthContext("c1".into())] };
    let again = plan_batch(
        &[(&a, &open), (&b, &appr), (&c, &step)],
        &form(),
        &session,
        PlanOptions::default(),
        at(NOW),
    );
    assert!(again.step_ups.is_empty());
    assert!(again.can_submit_all());
}

#[test]
fn one_prompt_per_distinct_context_in_first_seen_order_then_mfa() {
    let items = [entra("A", "a"), entra("B", "b"), entra("C", "c"), entra("D", "d")];
    let mfa = ActivationPolicy { require_mfa: true, ..Default::default() };
    let (c2, c1) = (ctx("c2"), ctx("c1"));
    let selection = [(&items[0], &mfa), (&items[1], &c2), (&items[2], &c1), (&items[3], &c2)];
    let plan = plan_batch(&selection, &form(), &SessionAuth::default(), PlanOptions::default(), at(NOW));
    let order: Vec<_> = plan.step_ups.iter().map(|g| (g.step_up.clone(), g.items.len())).collect();
    assert_eq!(
        order,
        vec![
            (StepUp::AuthContext(AuthContext("c2".into())), 2),
            (StepUp::AuthContext(AuthContext("c1".into())), 1),
            (StepUp::Mfa, 1)
        ]
    );
    assert_eq!(plan.entries[0].action, PlanAction::NeedsMfa);
    let with_mfa = SessionAuth { has_mfa: true, contexts: vec![] };
    let plan = plan_batch(&selection[..1], &form(), &with_mfa, PlanOptions::default(), at(NOW));
    assert_eq!(plan.entries[0].action, PlanAction::ActivateNow);
}

#[test]
fn active_pending_and_assigned_items_are_skipped() {
    let mut active = entra("A", "a");
    active.state = ItemState::Active { start: at(NOW), end: None, kind: ActiveKind::Activated };
    let mut pending = entra("P", "p");
    pending.state = ItemState::ActivationPending { request: RequestId::new("req-1") };
    let mut assigned_only = entra("S", "s");
    assigned_only.eligible = false;
    let p = ActivationPolicy::default();
    let plan = plan_batch(
        &[(&active, &p), (&pending, &p), (&assigned_only, &p)],
        &form(),
        &SessionAuth::default(),
        PlanOptions::default(),
        at(NOW),
    );
    let actions: Vec<_> = plan.entries.iter().map(|e| e.action.clone()).collect();
    assert_eq!(
        actions,
        vec![
            PlanAction::AlreadyActive,
            PlanAction::AlreadyRequested { request: RequestId::new("req-1") },
            PlanAction::NotEligible
        ]
    );
    assert_eq!(plan.summary.skipped, 3);
    assert!(!plan.can_submit_all());
}

#[test]
fn a_too_long_duration_is_invalid_unless_clamping() {
    let item = group("Ops", "g1");
    let short = ActivationPolicy { max_duration: IsoDuration::from_hours(1), ..Default::default() };
    let plan =
        plan_batch(&[(&item, &short)], &form(), &SessionAuth::default(), PlanOptions::default(), at(NOW));
    match &plan.entries[0].action {
        PlanAction::Invalid { errors } => {
            assert_eq!(errors.get(Field::Duration), Some("At most 1 h for this role."))
        }
        other => panic!("expected invalid, got {other:?}"),
    }
    let clamped = plan_batch(
        &[(&item, &short)],
        &form(),
        &SessionAuth::default(),
        PlanOptions { clamp_duration: true },
        at(NOW),
    );
    assert!(clamped.entries[0].duration_clamped);
    assert_eq!(clamped.entries[0].request.as_ref().unwrap().duration, IsoDuration::from_hours(1));
}

#[test]
fn approvers_are_kept_when_a_step_up_comes_first() {
    let item = entra("A", "a");
    let policy = ActivationPolicy { auth_context: Some(AuthContext("c3".into())), ..approval("Ops team") };
    let plan =
        plan_batch(&[(&item, &policy)], &form(), &SessionAuth::default(), PlanOptions::default(), at(NOW));
    assert_eq!(plan.entries[0].action, PlanAction::NeedsStepUp { context: AuthContext("c3".into()) });
    assert_eq!(plan.entries[0].approvers, Some(vec!["Ops team".to_owned()]));
}

#[test]
fn session_reads_token_claims() {
    let s = SessionAuth::from_claims(["pwd", "MFA"], ["c1", "c4"]);
    assert!(s.has_mfa);
    assert_eq!(s.contexts, vec![AuthContext("c1".into()), AuthContext("c4".into())]);
    assert!(!SessionAuth::from_claims(["pwd"], []).has_mfa);
}
