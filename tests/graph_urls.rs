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

/// A call whose result is ignored (the script answers `{"value":[]}`) and the operation
/// its URL must route to.
macro_rules! call {
    ($call:expr, $op:expr) => {
        (
            Box::pin(async {
                $call.await.ok();
            }) as Call,
            $op,
        )
    };
}

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
        call!(c.my_eligible_roles(), O::RoleInstances(El, Shape::Mine)),
        call!(c.my_active_roles(), O::RoleInstances(As, Shape::Mine)),
        call!(c.my_role_eligibility_schedules(), O::RoleSchedules(El, Shape::Mine)),
        call!(c.my_role_assignment_schedules(), O::RoleSchedules(As, Shape::Mine)),
        call!(c.my_role_requests(None), O::RoleRequests(As, Shape::Mine)),
        call!(c.role_requests_to_approve(), O::RoleRequests(As, Shape::Mine)),
        call!(c.list_role_eligibility_instances(&Default::default()), O::RoleInstances(El, Shape::List)),
        call!(c.list_role_assignment_instances(&Default::default()), O::RoleInstances(As, Shape::List)),
        call!(c.create_role_assignment_request(&role_body()), O::CreateRoleRequest(As)),
        call!(c.create_role_eligibility_request(&role_body()), O::CreateRoleRequest(El)),
        call!(c.get_role_assignment_request(&id), O::RoleRequests(As, Shape::Get)),
        call!(c.cancel_role_assignment_request(&id), O::CancelRoleRequest(As)),
        call!(c.cancel_role_eligibility_request(&id), O::CancelRoleRequest(El)),
        call!(c.list_role_definitions(), O::RoleDefinitions(Shape::List)),
        call!(c.get_role_definition(&role), O::RoleDefinitions(Shape::Get)),
        call!(c.role_assignments_of(&PrincipalId::new("p")), O::RoleAssignments(Shape::List)),
        call!(c.my_eligible_groups(), O::GroupInstances(El, Shape::Mine)),
        call!(c.my_active_groups(), O::GroupInstances(As, Shape::Mine)),
        call!(c.my_group_requests(None), O::GroupRequests(As, Shape::Mine)),
        call!(c.group_requests_to_approve(), O::GroupRequests(As, Shape::Mine)),
        call!(c.list_group_eligibility_instances(&group), O::GroupInstances(El, Shape::List)),
        call!(c.list_group_assignment_instances(&group), O::GroupInstances(As, Shape::List)),
        call!(c.create_group_assignment_request(&group_body()), O::CreateGroupRequest(As)),
        call!(c.create_group_eligibility_request(&group_body()), O::CreateGroupRequest(El)),
        call!(c.cancel_group_assignment_request(&id), O::CancelGroupRequest(As)),
        call!(c.cancel_group_eligibility_request(&id), O::CancelGroupRequest(El)),
        call!(c.get_role_approval(&id), O::Approvals(Shape::Get)),
        call!(c.decide_role_approval(&id, "s", &decision), O::DecideApproval),
        call!(c.get_group_approval(&id), O::Approvals(Shape::Get)),
        call!(c.decide_group_approval(&id, "s", &decision), O::DecideApproval),
        call!(c.role_policy(&role), O::PolicyAssignments(Shape::List)),
        call!(c.group_policy(&group, &AccessId::Owner), O::PolicyAssignments(Shape::List)),
        call!(c.list_role_policies(), O::Policies(Shape::List)),
        call!(c.get_policy(&policy), O::Policies(Shape::Get)),
        call!(c.list_policy_rules(&policy), O::PolicyRules(Shape::List)),
        call!(c.get_policy_rule(&policy, &RuleId::new("x")), O::PolicyRules(Shape::Get)),
        call!(c.update_policy_rule(&policy, &rule()), O::UpdatePolicyRule),
        call!(c.update_policy(&policy, &RoleManagementPolicyPatch { rules: vec![rule()] }), O::UpdatePolicy),
        call!(c.pim_audits(since), O::DirectoryAudits(Shape::List)),
        call!(c.list_access_reviews(), O::ReviewDefinitions(Shape::List)),
        call!(c.create_access_review(&Default::default()), O::CreateReviewDefinition),
        call!(c.list_review_instances("d"), O::ReviewInstances(Shape::List)),
        call!(c.my_review_decisions("d", "i"), O::ReviewDecisions(Shape::Mine)),
        call!(c.decide_review("d", "i", "x", &review), O::DecideReview),
        call!(c.record_review_decisions("d", "i", &record), O::RecordAllDecisions),
        call!(c.search_users("x", PickerQuery::Search), O::Users(Shape::List)),
        call!(c.search_groups("x", PickerQuery::StartsWith), O::Groups(Shape::List)),
        call!(c.list_administrative_units(), O::AdministrativeUnits(Shape::List)),
        call!(c.arm_my_eligible_roles(), O::Arm(A::ListInstances(El))),
        call!(c.arm_my_active_roles(), O::Arm(A::ListInstances(As))),
        call!(c.arm_requests(&sub, ArmRequestFilter::AsTarget), O::Arm(A::ListRequests(As))),
        call!(c.arm_create_assignment_request(&sub, &arm_fields()), O::Arm(A::CreateRequest(As))),
        call!(c.arm_create_eligibility_request(&sub, &arm_fields()), O::Arm(A::CreateRequest(El))),
        call!(c.arm_validate_assignment_request(&sub, &arm_fields()), O::Arm(A::ValidateRequest(As))),
        call!(c.arm_cancel_assignment_request(&sub, "n"), O::Arm(A::CancelRequest(As))),
        call!(c.arm_policy_assignments(&sub, Some(&role)), O::Arm(A::ListPolicyAssignments)),
        call!(c.arm_get_policy(&sub, "p"), O::Arm(A::GetPolicy)),
        call!(c.arm_update_policy(&sub, "p", vec![]), O::Arm(A::UpdatePolicy)),
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
