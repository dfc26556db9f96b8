//! Tolerant reading and exact writing of the wire types.

use pim_console::domain::IsoDuration;
use pim_console::graph::wire::*;

#[test]
fn enums_read_any_case_keep_unknown_members_and_write_camel_case() {
    let body: RoleScheduleRequestBody = serde_json::from_str(
        r#"{"action":"SELFACTIVATE","principalId":"p","roleDefinitionId":"r","scheduleInfo":{"expiration":{"type":"AfterDuration","duration":"P1DT2H"}}}"#,
    )
    .unwrap();
    assert_eq!(body.action, ScheduleAction::SelfActivate);
    let out = serde_json::to_value(&body).unwrap();
    assert_eq!(out["action"], "selfActivate");
    assert_eq!(out["scheduleInfo"]["expiration"]["type"], "afterDuration");
    assert_eq!(out["scheduleInfo"]["expiration"]["duration"], "P1DT2H");

    let future: ScheduleAction = serde_json::from_str(r#""unknownFutureValue""#).unwrap();
    assert_eq!(future, ScheduleAction::Other("unknownFutureValue".into()));
    assert_eq!(serde_json::to_string(&future).unwrap(), r#""unknownFutureValue""#);
}

#[test]
fn responses_ignore_unknown_fields_and_nulls() {
    let instance: RoleScheduleInstance = serde_json::from_str(
        r#"{"id":"i","startDateTime":"2022-04-11T11:50:05.9999343Z","endDateTime":null,"memberType":"Group","brandNewField":{"x":1},"status":"Whatever"}"#,
    )
    .unwrap();
    assert_eq!(instance.member_type, Some(MemberType::Group));
    assert_eq!(instance.start_date_time.unwrap().to_string(), "2022-04-11T11:50:05.9999343Z");
    assert!(instance.end_date_time.is_none());
}

#[test]
fn arm_bodies_write_pascal_case_and_the_properties_envelope() {
    let body = ArmScheduleRequestBody {
        properties: ArmScheduleRequestFields {
            principal_id: "p".into(),
            role_definition_id: "r".into(),
            request_type: Some(ScheduleAction::SelfDeactivate),
            linked_role_eligibility_schedule_id: None,
            target_role_assignment_schedule_id: None,
            target_role_eligibility_schedule_id: None,
            justification: Some("done".into()),
            schedule_info: Some(ArmScheduleInfo {
                start_date_time: None,
                expiration: Some(ArmExpiration {
                    kind: Some(ExpirationType::NoExpiration),
                    end_date_time: None,
                    duration: None,
                }),
            }),
            ticket_info: None,
            condition: None,
            condition_version: None,
        },
    };
    let out = serde_json::to_value(&body).unwrap();
    assert_eq!(out["properties"]["requestType"], "SelfDeactivate");
    assert_eq!(out["properties"]["scheduleInfo"]["expiration"]["type"], "NoExpiration");
    assert!(out["properties"].get("ticketInfo").is_none());
}

#[test]
fn graph_approvers_and_arm_approvers_are_told_apart() {
    let stage: pim_console::graph::wire::approvers::ApprovalStageSettings = serde_json::from_str(
        r##"{"primaryApprovers":[
            {"@odata.type":"#microsoft.graph.singleUser","userId":"u","description":"Ann"},
            {"@odata.type":"#microsoft.graph.groupMembers","groupId":"g"},
            {"@odata.type":"#microsoft.graph.requestorManager","managerLevel":1},
            {"id":"x","isBackup":false,"userType":"Group","description":"ops"}]}"##,
    )
    .unwrap();
    let approvers = stage.primary_approvers.clone().unwrap();
    assert_eq!(approvers[0], Approver::SingleUser { user_id: "u".into(), description: Some("Ann".into()) });
    assert_eq!(approvers[1].object_id(), Some("g"));
    assert!(matches!(&approvers[2], Approver::Other(v) if v["managerLevel"] == 1));
    assert!(matches!(&approvers[3], Approver::Arm { user_type: Some(ApproverType::Group), .. }));
    let back = serde_json::to_value(&stage).unwrap();
    assert_eq!(back["primaryApprovers"][2]["@odata.type"], "#microsoft.graph.requestorManager");
    assert_eq!(back["primaryApprovers"][3]["userType"], "Group");
}

#[test]
fn approvals_find_the_step_waiting_for_me() {
    let approval: Approval = serde_json::from_str(
        r#"{"id":"a","steps":[{"id":"1","status":"Completed","assignedToMe":true},{"id":"2","status":"InProgress","assignedToMe":true}]}"#,
    )
    .unwrap();
    assert_eq!(approval.my_pending_step().and_then(|s| s.id.as_deref()), Some("2"));
    let stages: Approval = serde_json::from_str(
        r#"{"id":"a","stages":[{"id":"s","status":"InProgress","assignedToMe":false}]}"#,
    )
    .unwrap();
    assert!(stages.my_pending_step().is_none());
    assert_eq!(stages.all_steps().count(), 1);
}

#[test]
fn expiration_helpers_write_what_graph_expects() {
    let v = serde_json::to_value(ExpirationPattern::after_duration(IsoDuration::from_minutes(90))).unwrap();
    assert_eq!(v, serde_json::json!({"type": "afterDuration", "duration": "PT1H30M"}));
    let v = serde_json::to_value(ExpirationPattern::no_expiration()).unwrap();
    assert_eq!(v, serde_json::json!({"type": "noExpiration"}));
}

#[test]
fn arm_approval_rules_round_trip_exactly() {
    // The approval rule of the ARM GetRoleManagementPolicyByName example.
    let arm = serde_json::json!({
        "setting": {
            "isApprovalRequired": true,
            "isApprovalRequiredForExtension": false,
            "isRequestorJustificationRequired": true,
            "approvalMode": "SingleStage",
            "approvalStages": [{
                "approvalStageTimeOutInDays": 1,
                "isApproverJustificationRequired": true,
                "escalationTimeInMinutes": 0,
                "primaryApprovers": [
                    {"id": "2385b0f3-5fa9-43cf-8ca4-b01dc97298cd", "description": "amansw_new_group", "isBackup": false, "userType": "Group"}
                ],
                "isEscalationEnabled": false
            }]
        },
        "id": "Approval_EndUser_Assignment",
        "ruleType": "RoleManagementPolicyApprovalRule",
        "target": {"caller": "EndUser", "operations": ["All"], "level": "Assignment"}
    });
    let rule: PolicyRule = serde_json::from_value(arm.clone()).unwrap();
    let RuleKind::Approval(approval) = &rule.kind else { panic!("{rule:?}") };
    let stage = &approval.setting.as_ref().unwrap().approval_stages.as_ref().unwrap()[0];
    assert_eq!(
        stage.primary_approvers.as_ref().unwrap()[0].object_id(),
        Some("2385b0f3-5fa9-43cf-8ca4-b01dc97298cd")
    );
    let patch = ArmPolicyPatchBody { properties: ArmPolicyRules { rules: vec![rule] } };
    assert_eq!(serde_json::to_value(&patch).unwrap()["properties"]["rules"][0], arm);
}
