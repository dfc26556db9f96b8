//! The issue's main flow through the domain API, the way the UI drives it: three items from three
//! planes, one needing approval and one an authentication-context step-up; the plan, the step-up
//! recovered from the service's error, the outcomes, deactivation after five minutes, a deep link.

use std::path::PathBuf;

use chrono::{DateTime, Duration, TimeZone, Utc};
use pim_console::domain::*;
use serde_json::Value;

fn fixture(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/graph/fixtures").join(name);
    serde_json::from_str(
        &std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    )
    .unwrap()
}

fn error_of(name: &str, status: u16) -> ErrorKind {
    let body = fixture(name);
    ErrorKind::classify(
        Some(status),
        body["error"]["code"].as_str().unwrap(),
        body["error"]["message"].as_str().unwrap(),
    )
}

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

fn items() -> Vec<RoleItem> {
    let me = PrincipalId::new("engineer");
    let tenant = DirectoryScopeId::tenant();
    let sub = ArmScope::parse("/subscriptions/1111/resourceGroups/rg-shop").unwrap();
    vec![
        RoleItem::new(
            "Helpdesk Administrator",
            ScopeLabel::for_directory(&tenant, None, "Contoso"),
            me.clone(),
            RequestTarget::EntraRole {
                role: RoleDefinitionId::new("729827e3-9c14-49f7-bb1b-9608f156bbb8"),
                scope: tenant.clone(),
            },
        ),
        RoleItem::new(
            "Prod operators",
            ScopeLabel { kind: ScopeKind::Group, name: "Prod operators".into() },
            me.clone(),
            RequestTarget::Group { group: GroupId::new("g-prod"), access: AccessId::Member },
        ),
        RoleItem::new(
            "Contributor",
            ScopeLabel::for_arm(&sub, Some("rg-shop")),
            me,
            RequestTarget::Azure {
                role: RoleDefinitionId::new(
                    "/subscriptions/1111/providers/Microsoft.Authorization/roleDefinitions/b24988ac",
                ),
                scope: sub,
                eligibility_schedule: Some(EligibilityScheduleId::new(
                    "/subscriptions/1111/.../RoleEligibilitySchedules/e1",
                )),
            },
        ),
    ]
}

fn policies() -> Vec<ActivationPolicy> {
    vec![
        ActivationPolicy { require_justification: true, ..Default::default() },
        ActivationPolicy {
            approval_required: true,
            approvers: vec![Approver {
                id: "u-bailey".into(),
                name: Some("Bailey".into()),
                kind: ApproverKind::User,
            }],
            ..Default::default()
        },
        ActivationPolicy { auth_context: Some(AuthContext("c1".into())), ..Default::default() },
    ]
}

#[test]
fn three_planes_with_approval_and_step_up_to_the_end() {
    let (items, policies) = (items(), policies());
    let selection: Vec<(&RoleItem, &ActivationPolicy)> = items.iter().zip(&policies).collect();
    let form =
        ActivationForm { duration: "1h".into(), justification: "Release 42".into(), ..Default::default() };

    // The plan before submitting.
    let plan = plan_batch(&selection, &form, &SessionAuth::default(), PlanOptions::default(), t0());
    assert_eq!(
        plan.summary,
        PlanSummary { activate_now: 1, needs_approval: 1, needs_step_up: 1, ..Default::default() }
    );
    assert_eq!(plan.entries[1].action, PlanAction::NeedsApproval { approvers: vec!["Bailey".into()] });
    assert_eq!(plan.step_ups.len(), 1);
    let StepUp::AuthContext(ctx) = &plan.step_ups[0].step_up else {
        panic!("expected an auth-context step-up")
    };
    assert_eq!(ctx.claims_json(), r#"{"access_token":{"acrs":{"essential":true,"value":"c1"}}}"#);

    // Had the policy not said so, the service's refusal names the same context.
    let refused = error_of("observed_graph_groups_RoleAssignmentRequestAcrsValidationFailed_error.json", 400);
    assert_eq!(refused, ErrorKind::AuthContext(ctx.clone()));

    // Back from the step-up: the same form re-plans with nothing left to sign in for.
    let session = SessionAuth { has_mfa: true, contexts: vec![ctx.clone()] };
    let plan = plan_batch(&selection, &form, &session, PlanOptions::default(), t0());
    assert!(plan.can_submit_all());
    assert_eq!(plan.ready().count(), 3);

    // Results per item.
    let provisioned = RequestSnapshot {
        status: "Provisioned".into(),
        duration: Some(IsoDuration::from_hours(1)),
        ..Default::default()
    };
    let pending = RequestSnapshot { status: "PendingApproval".into(), ..Default::default() };
    let out: Vec<Outcome> =
        [&provisioned, &pending, &provisioned].iter().map(|s| Outcome::from_snapshot(s, t0())).collect();
    assert_eq!(out[0], Outcome::ActiveNow { since: t0(), end: Some(t0() + Duration::hours(1)) });
    assert_eq!(out[1].describe(t0()).reason, "Waiting for approval.");
    assert!(out.iter().all(|o| !o.keep_polling()));

    // The approver approves; the re-read request is in force. Deactivation waits five minutes.
    let mut active = items[1].clone();
    active.state =
        ItemState::Active { start: t0(), end: Some(t0() + Duration::hours(1)), kind: ActiveKind::Activated };
    assert_eq!(
        Deactivation::at(&active.state, t0() + Duration::minutes(2)),
        Deactivation::Wait { seconds: 180 }
    );
    assert_eq!(Deactivation::at(&active.state, t0() + Duration::minutes(5)), Deactivation::Allowed);
    let too_short = error_of("observed_arm_ActiveDurationTooShort_error.json", 400);
    assert_eq!(too_short, ErrorKind::TooShort);

    // A deep link for the same selection opens the prefilled confirmation.
    let keys: Vec<ItemKey> = items.iter().map(|i| i.key.clone()).collect();
    let path = DeepLink::from_selection(&keys, &form).to_path();
    let link = DeepLink::parse(&path);
    assert_eq!(link.resolve(&items).found, keys);
    assert_eq!(link.prefill(ActivationForm::default()).justification, "Release 42");
}

#[test]
fn official_request_examples_read_as_outcomes() {
    let body = fixture("v1.0_roleAssignmentScheduleRequests_selfActivate_response.json");
    let snap = RequestSnapshot {
        status: body["status"].as_str().unwrap().into(),
        start: body["scheduleInfo"]["startDateTime"].as_str().map(|s| s.parse().unwrap()),
        duration: body["scheduleInfo"]["expiration"]["duration"]
            .as_str()
            .map(|d| IsoDuration::parse(d).unwrap()),
        ..Default::default()
    };
    let created: DateTime<Utc> = body["createdDateTime"].as_str().unwrap().parse().unwrap();
    let start = Utc.with_ymd_and_hms(2022, 4, 14, 0, 0, 0).unwrap();
    assert_eq!(
        Outcome::from_snapshot(&snap, created),
        Outcome::Scheduled { start, end: Some(start + Duration::hours(5)) }
    );

    let rules = error_of("observed_arm_RoleAssignmentRequestPolicyValidationFailed_error.json", 400);
    assert_eq!(rules, ErrorKind::PolicyRules(vec!["ExpirationRule".into(), "JustificationRule".into()]));
    assert_eq!(error_of("observed_arm_RoleAssignmentDoesNotExist_error.json", 400), ErrorKind::NotFound);
}
