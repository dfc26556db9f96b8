//! Every client method sends the HTTP method and URL its documentation names: each recorded
//! request routes (by URL shape) to the operation the method implements. The simulated tenant
//! and the contract test rely on the same router.

use std::future::Future;
use std::pin::Pin;

use futures::executor::block_on;
use pim_console::domain::{ArmScope, GroupId, PolicyId, PrincipalId, RequestId, RoleDefinitionId, RuleId};
use pim_console::graph::client::arm::ArmRequestFilter;
use pim_console::graph::client::PickerQuery;
use pim_console::graph::routes::{route, ArmOperation as A, Operation as O, Shape, Side};
use pim_console::graph::scripted::scripted_client;
use pim_console::graph::wire::*;
use pim_console::graph::{GraphClient, Method};

type Call<'a> = Pin<Box<dyn Future<Output = ()> + 'a>>;

fn role_body() -> RoleScheduleRequestBody {
    RoleScheduleRequestBody {
        action: ScheduleAction::SelfDeactivate,
        principal_id: PrincipalId::new("p"),
        role_definition_id: RoleDefinitionId::new("r"),
        directory_scope_id: Some("/".into()),
        app_scope_id: None,
        justification: None,
        schedule_info: None,
        ticket_info: None,
        is_validation_only: None,
        target_schedule_id: None,
    }
}

fn group_body() -> GroupScheduleRequestBody {
    GroupScheduleRequestBody {
        access_id: AccessId::Member,
        principal_id: PrincipalId::new("p"),
        group_id: GroupId::new("g"),
        action: ScheduleAction::SelfActivate,
        schedule_info: None,
        justification: None,
        ticket_info: None,
        is_validation_only: None,
        target_schedule_id: None,
    }
}

fn arm_fields() -> ArmScheduleRequestFields {
    ArmScheduleRequestFields {
        principal_id: PrincipalId::new("p"),
        role_definition_id: RoleDefinitionId::new(
            "/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/r",
        ),
        request_type: Some(ScheduleAction::SelfActivate),
        linked_role_eligibility_schedule_id: None,
        target_role_assignment_schedule_id: None,
        target_role_eligibility_schedule_id: None,
        justification: None,
        schedule_info: None,
        ticket_info: None,
        condition: None,
        condition_version: None,
    }
}

fn rule() -> PolicyRule {
    PolicyRule {
        id: RuleId::new("Expiration_EndUser_Assignment"),
        target: None,
        kind: RuleKind::Expiration(Default::default()),
        dialect: RuleDialect::Graph,
    }
}

#[test]
fn each_method_calls_the_operation_it_documents() {
    use Side::{Assignment as As, Eligibility as El};
    let (client, t, _) = scripted_client();
    let id = RequestId::new("a/b");
    let role = RoleDefinitionId::new("r");
    let group = GroupId::new("g");
    let policy = PolicyId::new("DirectoryRole_t_p");
    let sub = ArmScope::parse("/subscriptions/s").unwrap();
    let decision = ApprovalDecisionBody { review_result: ReviewResult::Approve, justification: None };
    let review = ReviewDecisionBody { decision: ReviewDecision::Approve, justification: None };
    let record = RecordAllDecisionsBody {
        decision: ReviewDecision::Deny,
        justification: None,
        principal_id: None,
        resource_id: None,
    };
    let c: &GraphClient = &client;
    let since = Timestamp::parse("2024-01-01T00:00:00Z").unwrap();
    let calls: Vec<(Call, O)> = vec![
        (
            Box::pin(async {
                c.my_eligible_roles().await.ok();
            }),
            O::RoleInstances(El, Shape::Mine),
        ),
        (
            Box::pin(async {
                c.my_active_roles().await.ok();
            }),
            O::RoleInstances(As, Shape::Mine),
        ),
        (
            Box::pin(async {
                c.my_role_eligibility_schedules().await.ok();
            }),
            O::RoleSchedules(El, Shape::Mine),
        ),
        (
            Box::pin(async {
                c.my_role_assignment_schedules().await.ok();
            }),
            O::RoleSchedules(As, Shape::Mine),
        ),
        (
            Box::pin(async {
                c.my_role_requests(None).await.ok();
            }),
            O::RoleRequests(As, Shape::Mine),
        ),
        (
            Box::pin(async {
                c.role_requests_to_approve().await.ok();
            }),
            O::RoleRequests(As, Shape::Mine),
        ),
        (
            Box::pin(async {
                c.list_role_eligibility_instances(&Default::default()).await.ok();
            }),
            O::RoleInstances(El, Shape::List),
        ),
        (
            Box::pin(async {
                c.list_role_assignment_instances(&Default::default()).await.ok();
            }),
            O::RoleInstances(As, Shape::List),
        ),
        (
            Box::pin(async {
                c.create_role_assignment_request(&role_body()).await.ok();
            }),
            O::CreateRoleRequest(As),
        ),
        (
            Box::pin(async {
                c.create_role_eligibility_request(&role_body()).await.ok();
            }),
            O::CreateRoleRequest(El),
        ),
        (
            Box::pin(async {
                c.get_role_assignment_request(&id).await.ok();
            }),
            O::RoleRequests(As, Shape::Get),
        ),
        (
            Box::pin(async {
                c.cancel_role_assignment_request(&id).await.ok();
            }),
            O::CancelRoleRequest(As),
        ),
        (
            Box::pin(async {
                c.cancel_role_eligibility_request(&id).await.ok();
            }),
            O::CancelRoleRequest(El),
        ),
        (
            Box::pin(async {
                c.list_role_definitions().await.ok();
            }),
            O::RoleDefinitions(Shape::List),
        ),
        (
            Box::pin(async {
                c.get_role_definition(&role).await.ok();
            }),
            O::RoleDefinitions(Shape::Get),
        ),
        (
            Box::pin(async {
                c.role_assignments_of(&PrincipalId::new("p")).await.ok();
            }),
            O::RoleAssignments(Shape::List),
        ),
        (
            Box::pin(async {
                c.my_eligible_groups().await.ok();
            }),
            O::GroupInstances(El, Shape::Mine),
        ),
        (
            Box::pin(async {
                c.my_active_groups().await.ok();
            }),
            O::GroupInstances(As, Shape::Mine),
        ),
        (
            Box::pin(async {
                c.my_group_requests(None).await.ok();
            }),
            O::GroupRequests(As, Shape::Mine),
        ),
        (
            Box::pin(async {
                c.group_requests_to_approve().await.ok();
            }),
            O::GroupRequests(As, Shape::Mine),
        ),
        (
            Box::pin(async {
                c.list_group_eligibility_instances(&group).await.ok();
            }),
            O::GroupInstances(El, Shape::List),
        ),
        (
            Box::pin(async {
                c.list_group_assignment_instances(&group).await.ok();
            }),
            O::GroupInstances(As, Shape::List),
        ),
        (
            Box::pin(async {
                c.create_group_assignment_request(&group_body()).await.ok();
            }),
            O::CreateGroupRequest(As),
        ),
        (
            Box::pin(async {
                c.create_group_eligibility_request(&group_body()).await.ok();
            }),
            O::CreateGroupRequest(El),
        ),
        (
            Box::pin(async {
                c.cancel_group_assignment_request(&id).await.ok();
            }),
            O::CancelGroupRequest(As),
        ),
        (
            Box::pin(async {
                c.cancel_group_eligibility_request(&id).await.ok();
            }),
            O::CancelGroupRequest(El),
        ),
        (
            Box::pin(async {
                c.get_role_approval(&id).await.ok();
            }),
            O::Approvals(Shape::Get),
        ),
        (
            Box::pin(async {
                c.decide_role_approval(&id, "s", &decision).await.ok();
            }),
            O::DecideApproval,
        ),
        (
            Box::pin(async {
                c.get_group_approval(&id).await.ok();
            }),
            O::Approvals(Shape::Get),
        ),
        (
            Box::pin(async {
                c.decide_group_approval(&id, "s", &decision).await.ok();
            }),
            O::DecideApproval,
        ),
        (
            Box::pin(async {
                c.role_policy(&role).await.ok();
            }),
            O::PolicyAssignments(Shape::List),
        ),
        (
            Box::pin(async {
                c.group_policy(&group, &AccessId::Owner).await.ok();
            }),
            O::PolicyAssignments(Shape::List),
        ),
        (
            Box::pin(async {
                c.list_role_policies().await.ok();
            }),
            O::Policies(Shape::List),
        ),
        (
            Box::pin(async {
                c.get_policy(&policy).await.ok();
            }),
            O::Policies(Shape::Get),
        ),
        (
            Box::pin(async {
                c.list_policy_rules(&policy).await.ok();
            }),
            O::PolicyRules(Shape::List),
        ),
        (
            Box::pin(async {
                c.get_policy_rule(&policy, &RuleId::new("x")).await.ok();
            }),
            O::PolicyRules(Shape::Get),
        ),
        (
            Box::pin(async {
                c.update_policy_rule(&policy, &rule()).await.ok();
            }),
            O::UpdatePolicyRule,
        ),
        (
            Box::pin(async {
                c.update_policy(&policy, &RoleManagementPolicyPatch { rules: vec![rule()] }).await.ok();
            }),
            O::UpdatePolicy,
        ),
        (
            Box::pin(async {
                c.pim_audits(since).await.ok();
            }),
            O::DirectoryAudits(Shape::List),
        ),
        (
            Box::pin(async {
                c.list_access_reviews().await.ok();
            }),
            O::ReviewDefinitions(Shape::List),
        ),
        (
            Box::pin(async {
                c.create_access_review(&Default::default()).await.ok();
            }),
            O::CreateReviewDefinition,
        ),
        (
            Box::pin(async {
                c.list_review_instances("d").await.ok();
            }),
            O::ReviewInstances(Shape::List),
        ),
        (
            Box::pin(async {
                c.my_review_decisions("d", "i").await.ok();
            }),
            O::ReviewDecisions(Shape::Mine),
        ),
        (
            Box::pin(async {
                c.decide_review("d", "i", "x", &review).await.ok();
            }),
            O::DecideReview,
        ),
        (
            Box::pin(async {
                c.record_review_decisions("d", "i", &record).await.ok();
            }),
            O::RecordAllDecisions,
        ),
        (
            Box::pin(async {
                c.search_users("x", PickerQuery::Search).await.ok();
            }),
            O::Users(Shape::List),
        ),
        (
            Box::pin(async {
                c.search_groups("x", PickerQuery::StartsWith).await.ok();
            }),
            O::Groups(Shape::List),
        ),
        (
            Box::pin(async {
                c.list_administrative_units().await.ok();
            }),
            O::AdministrativeUnits(Shape::List),
        ),
        (
            Box::pin(async {
                c.arm_my_eligible_roles().await.ok();
            }),
            O::Arm(A::ListInstances(El)),
        ),
        (
            Box::pin(async {
                c.arm_my_active_roles().await.ok();
            }),
            O::Arm(A::ListInstances(As)),
        ),
        (
            Box::pin(async {
                c.arm_requests(&sub, ArmRequestFilter::AsTarget).await.ok();
            }),
            O::Arm(A::ListRequests(As)),
        ),
        (
            Box::pin(async {
                c.arm_create_assignment_request(&sub, &arm_fields()).await.ok();
            }),
            O::Arm(A::CreateRequest(As)),
        ),
        (
            Box::pin(async {
                c.arm_create_eligibility_request(&sub, &arm_fields()).await.ok();
            }),
            O::Arm(A::CreateRequest(El)),
        ),
        (
            Box::pin(async {
                c.arm_validate_assignment_request(&sub, &arm_fields()).await.ok();
            }),
            O::Arm(A::ValidateRequest(As)),
        ),
        (
            Box::pin(async {
                c.arm_cancel_assignment_request(&sub, "n").await.ok();
            }),
            O::Arm(A::CancelRequest(As)),
        ),
        (
            Box::pin(async {
                c.arm_policy_assignments(&sub, Some(&role)).await.ok();
            }),
            O::Arm(A::ListPolicyAssignments),
        ),
        (
            Box::pin(async {
                c.arm_get_policy(&sub, "p").await.ok();
            }),
            O::Arm(A::GetPolicy),
        ),
        (
            Box::pin(async {
                c.arm_update_policy(&sub, "p", vec![]).await.ok();
            }),
            O::Arm(A::UpdatePolicy),
        ),
    ];
    for (i, (call, expected)) in calls.into_iter().enumerate() {
        t.push_json(200, r#"{"value":[]}"#);
        block_on(call);
        let req = t.requests.borrow()[i].clone();
        let method_ok = match expected {
            O::CreateRoleRequest(_) | O::CreateGroupRequest(_) | O::CreateReviewDefinition => {
                req.method == Method::Post
            }
            O::Arm(A::CreateRequest(_)) => req.method == Method::Put,
            _ => true,
        };
        assert!(method_ok, "{expected:?}: {:?}", req.method);
        assert_eq!(route(req.method, &req.url), Some(expected), "{} {}", req.method, req.url);
        if req.body.is_some() {
            assert_eq!(req.header("Content-Type"), Some("application/json"), "{}", req.url);
        }
    }
    assert_eq!(
        t.requests.borrow()[10].url,
        "http://127.0.0.1:9/graph/v1.0/roleManagement/directory/roleAssignmentScheduleRequests/a%2Fb"
    );
}
