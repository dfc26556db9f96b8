//! Schema check: every property name (and enum member) each request type can emit exists on
//! its entity in Graph's own schema (`openapi-pim-subset.json`, or the beta file for beta
//! endpoints). Each request type is built "maximal" (every optional part set, every variant
//! used), serialised, and walked against the schema, following `$ref`s and switching to the
//! derived type named by `@odata.type`.
//!
//! ARM bodies are not in Graph's schema; they are held to the ARM examples by the contract test.
//! The `$batch` envelope is not an entity either.

use std::path::Path;

use pim_console::domain::{IsoDuration, PrincipalId, RoleDefinitionId, RuleId};
use pim_console::graph::schema::OpenApiSchema;
use pim_console::graph::wire::approvers::ApprovalStageSettings;
use pim_console::graph::wire::review::{
    AccessReviewSettings, PatternedRecurrence, RecurrencePattern, RecurrenceRange,
};
use pim_console::graph::wire::rules::*;
use pim_console::graph::wire::*;
use serde::Serialize;
use serde_json::json;

fn load(file: &str) -> OpenApiSchema {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/graph").join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    OpenApiSchema::parse(&text).unwrap()
}

fn check<T: Serialize>(schema: &OpenApiSchema, entity: &str, value: &T) -> Vec<String> {
    schema.check(&format!("microsoft.graph.{entity}"), &serde_json::to_value(value).unwrap())
}

fn schedule() -> RequestSchedule {
    RequestSchedule {
        start_date_time: Timestamp::parse("2024-01-01T00:00:00Z"),
        expiration: Some(ExpirationPattern {
            kind: Some(ExpirationType::AfterDuration),
            end_date_time: Timestamp::parse("2024-01-02T00:00:00Z"),
            duration: Some(IsoDuration::from_hours(8)),
        }),
        recurrence: None,
    }
}

fn ticket() -> Option<TicketInfo> {
    Some(TicketInfo { ticket_number: Some("1".into()), ticket_system: Some("x".into()) })
}

fn role_request(action: ScheduleAction) -> RoleScheduleRequestBody {
    RoleScheduleRequestBody {
        action,
        principal_id: PrincipalId::new("p"),
        role_definition_id: RoleDefinitionId::new("r"),
        directory_scope_id: Some("/".into()),
        app_scope_id: Some("/".into()),
        justification: Some("j".into()),
        schedule_info: Some(schedule()),
        ticket_info: ticket(),
        is_validation_only: Some(true),
        target_schedule_id: Some("t".into()),
    }
}

fn group_request(action: ScheduleAction, access: AccessId) -> GroupScheduleRequestBody {
    GroupScheduleRequestBody {
        access_id: access,
        principal_id: PrincipalId::new("p"),
        group_id: "g".into(),
        action,
        schedule_info: Some(schedule()),
        justification: Some("j".into()),
        ticket_info: ticket(),
        is_validation_only: Some(true),
        target_schedule_id: Some("t".into()),
    }
}

const ACTIONS: [ScheduleAction; 9] = [
    ScheduleAction::AdminAssign,
    ScheduleAction::AdminUpdate,
    ScheduleAction::AdminRemove,
    ScheduleAction::SelfActivate,
    ScheduleAction::SelfDeactivate,
    ScheduleAction::AdminExtend,
    ScheduleAction::AdminRenew,
    ScheduleAction::SelfExtend,
    ScheduleAction::SelfRenew,
];

fn target_all() -> RuleTarget {
    RuleTarget {
        odata_type: Some("microsoft.graph.unifiedRoleManagementPolicyRuleTarget".into()),
        caller: Some(RuleCaller::EndUser),
        operations: vec![RuleOperation::All, RuleOperation::Activate, RuleOperation::Renew],
        level: Some(RuleLevel::Assignment),
        inheritable_settings: Some(vec![]),
        enforced_settings: Some(vec![]),
        target_objects: None,
    }
}

fn every_rule() -> Vec<PolicyRule> {
    let approver_stage = ApprovalStageSettings {
        odata_type: Some("microsoft.graph.unifiedApprovalStage".into()),
        approval_stage_time_out_in_days: Some(1),
        is_approver_justification_required: Some(true),
        escalation_time_in_minutes: Some(0),
        is_escalation_enabled: Some(false),
        primary_approvers: Some(vec![
            Approver::SingleUser { user_id: "u".into(), description: Some("d".into()) },
            Approver::GroupMembers { group_id: "g".into(), description: Some("d".into()) },
        ]),
        escalation_approvers: Some(vec![]),
    };
    let kinds = vec![
        RuleKind::Expiration(ExpirationRule {
            is_expiration_required: Some(true),
            maximum_duration: Some(IsoDuration::from_hours(8)),
        }),
        RuleKind::Enablement(EnablementRule {
            enabled_rules: vec![
                EnablementRequirement::MultiFactorAuthentication,
                EnablementRequirement::Justification,
                EnablementRequirement::Ticketing,
            ],
        }),
        RuleKind::Approval(ApprovalRule {
            setting: Some(ApprovalSettings {
                odata_type: Some("microsoft.graph.approvalSettings".into()),
                is_approval_required: Some(true),
                is_approval_required_for_extension: Some(false),
                is_requestor_justification_required: Some(true),
                approval_mode: Some(ApprovalMode::SingleStage),
                approval_stages: Some(vec![approver_stage]),
            }),
        }),
        RuleKind::AuthenticationContext(AuthenticationContextRule {
            is_enabled: Some(true),
            claim_value: Some("c1".into()),
        }),
        RuleKind::Notification(NotificationRule {
            notification_type: Some(NotificationType::Email),
            recipient_type: Some(RecipientType::Approver),
            notification_level: Some(NotificationLevel::Critical),
            is_default_recipients_enabled: Some(true),
            notification_recipients: Some(vec!["a@b.c".into()]),
        }),
    ];
    kinds
        .into_iter()
        .map(|kind| PolicyRule {
            id: RuleId::new("x"),
            target: Some(target_all()),
            kind,
            dialect: RuleDialect::Graph,
        })
        .collect()
}

fn review_definition() -> AccessReviewDefinition {
    let query = AccessReviewScope {
        odata_type: Some("#microsoft.graph.accessReviewQueryScope".into()),
        query: Some("/roleManagement/directory/roleDefinitions/r".into()),
        query_type: Some("MicrosoftGraph".into()),
        query_root: Some("decisions".into()),
        principal_scopes: None,
        resource_scopes: None,
        inactive_duration: None,
    };
    let inactive = AccessReviewScope {
        odata_type: Some("#microsoft.graph.accessReviewInactiveUsersQueryScope".into()),
        inactive_duration: Some(IsoDuration::from_days(30)),
        ..query.clone()
    };
    let memberships = AccessReviewScope {
        odata_type: Some("#microsoft.graph.principalResourceMembershipsScope".into()),
        principal_scopes: Some(vec![inactive]),
        resource_scopes: Some(vec![query.clone()]),
        ..Default::default()
    };
    let reviewer = AccessReviewScope { odata_type: None, ..query.clone() };
    AccessReviewDefinition {
        id: None,
        display_name: Some("Review".into()),
        description_for_admins: Some("a".into()),
        description_for_reviewers: Some("r".into()),
        status: None,
        created_date_time: None,
        last_modified_date_time: None,
        created_by: None,
        scope: Some(memberships),
        instance_enumeration_scope: Some(query),
        reviewers: Some(vec![reviewer.clone()]),
        fallback_reviewers: Some(vec![reviewer.clone()]),
        backup_reviewers: Some(vec![reviewer]),
        additional_notification_recipients: Some(vec![]),
        stage_settings: Some(vec![]),
        settings: Some(AccessReviewSettings {
            decision_histories_for_reviewers_enabled: Some(true),
            recommendation_look_back_duration: Some(IsoDuration::from_days(30)),
            apply_actions: Some(vec![json!({"@odata.type": "#microsoft.graph.removeAccessApplyAction"})]),
            recommendation_insight_settings: Some(vec![]),
            mail_notifications_enabled: Some(true),
            reminder_notifications_enabled: Some(true),
            justification_required_on_approval: Some(true),
            default_decision_enabled: Some(false),
            default_decision: Some("None".into()),
            instance_duration_in_days: Some(3),
            auto_apply_decisions_enabled: Some(false),
            recommendations_enabled: Some(true),
            recurrence: Some(PatternedRecurrence {
                pattern: Some(RecurrencePattern {
                    kind: Some("absoluteMonthly".into()),
                    interval: Some(3),
                    month: Some(0),
                    day_of_month: Some(1),
                    days_of_week: Some(vec!["monday".into()]),
                    first_day_of_week: Some("sunday".into()),
                    index: Some("first".into()),
                }),
                range: Some(RecurrenceRange {
                    kind: Some("noEnd".into()),
                    start_date: Some("2024-01-01".into()),
                    end_date: Some("2025-01-01".into()),
                    number_of_occurrences: Some(0),
                    recurrence_time_zone: Some("UTC".into()),
                }),
            }),
        }),
    }
}

#[test]
fn every_property_the_client_sends_exists_in_graphs_schema() {
    let v1 = load("openapi-pim-subset.json");
    let beta = load("openapi-pim-subset-beta.json");
    let mut errors = Vec::new();
    for action in ACTIONS {
        // Roles: v1.0 (the client's endpoint) and beta (the docs' beta examples).
        for schema in [&v1, &beta] {
            errors.extend(check(
                schema,
                "unifiedRoleAssignmentScheduleRequest",
                &role_request(action.clone()),
            ));
            errors.extend(check(
                schema,
                "unifiedRoleEligibilityScheduleRequest",
                &role_request(action.clone()),
            ));
        }
        for access in [AccessId::Member, AccessId::Owner] {
            let body = group_request(action.clone(), access);
            errors.extend(check(&v1, "privilegedAccessGroupAssignmentScheduleRequest", &body));
            errors.extend(check(&v1, "privilegedAccessGroupEligibilityScheduleRequest", &body));
        }
    }
    for rule in every_rule() {
        errors.extend(check(&v1, "unifiedRoleManagementPolicyRule", &rule));
    }
    let patch = RoleManagementPolicyPatch { rules: every_rule() };
    errors.extend(check(&v1, "unifiedRoleManagementPolicy", &patch));
    for result in [ReviewResult::Approve, ReviewResult::Deny] {
        let decision = ApprovalDecisionBody { review_result: result, justification: Some("ok".into()) };
        errors.extend(check(&v1, "approvalStage", &decision));
        errors.extend(check(&beta, "approvalStep", &decision));
    }
    // `backupReviewers` is the one deprecated property kept on purpose (the docs still send it).
    let mut review = check(&v1, "accessReviewScheduleDefinition", &review_definition());
    let deprecated = "accessReviewScheduleDefinition.backupReviewers: not a property of microsoft.graph.accessReviewScheduleDefinition";
    assert!(review.iter().any(|e| e == deprecated), "{review:?}");
    review.retain(|e| e != deprecated);
    errors.extend(review);
    let decision = ReviewDecisionBody { decision: ReviewDecision::Deny, justification: Some("gone".into()) };
    errors.extend(check(&v1, "accessReviewInstanceDecisionItem", &decision));

    // recordAllDecisions / batchRecordDecisions are actions: check against their parameters.
    let record = serde_json::to_value(RecordAllDecisionsBody {
        decision: ReviewDecision::Approve,
        justification: Some("j".into()),
        principal_id: Some("p".into()),
        resource_id: Some("r".into()),
    })
    .unwrap();
    for (schema, path) in [
        (&v1, "/identityGovernance/accessReviews/definitions/{accessReviewScheduleDefinition-id}/instances/{accessReviewInstance-id}/batchRecordDecisions"),
        (&beta, "/identityGovernance/accessReviews/decisions/recordAllDecisions"),
    ] {
        let params = &schema.document()["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]["properties"];
        for key in record.as_object().unwrap().keys() {
            if params.get(key).is_none() {
                errors.push(format!("{path}: parameter {key} unknown"));
            }
        }
    }
    assert!(errors.is_empty(), "properties the schema does not know:\n{}", errors.join("\n"));
}

#[test]
fn the_check_catches_an_unknown_property_and_enum_member() {
    let v1 = load("openapi-pim-subset.json");
    let bad = json!({
        "action": "selfDestruct",
        "principalId": "p",
        "roleId": "r",
        "scheduleInfo": {"expiration": {"type": "afterLunch", "hours": 1}}
    });
    let errors = v1.check("microsoft.graph.unifiedRoleAssignmentScheduleRequest", &bad);
    assert_eq!(errors.len(), 4, "{errors:?}");

    // Derived types are chosen by @odata.type: a Graph approver has no isBackup.
    let stage = json!({"primaryApprovers": [{"@odata.type": "#microsoft.graph.singleUser", "userId": "u", "isBackup": true}]});
    let errors = v1.check("microsoft.graph.unifiedApprovalStage", &stage);
    assert_eq!(
        errors,
        ["unifiedApprovalStage.primaryApprovers.isBackup: not a property of microsoft.graph.singleUser"]
    );
}
