//! Schema check: every property name (and enum member) each request type can emit exists on
//! its entity in Graph's own schema (`openapi-pim-subset.json`, or the beta file for beta
//! endpoints). Each request type is built "maximal" (every optional part set, every variant
//! used), serialised, and walked against the schema, following `$ref`s and switching to the
//! derived type named by `@odata.type`.
//!
//! ARM bodies are not in Graph's schema; they are held to the ARM examples by the contract test.
//! The `$batch` envelope is not an entity either.

use std::collections::BTreeMap;
use std::path::Path;

use pim_console::domain::{IsoDuration, PrincipalId, RoleDefinitionId, RuleId};
use pim_console::graph::wire::approvers::ApprovalStageSettings;
use pim_console::graph::wire::review::{
    AccessReviewSettings, PatternedRecurrence, RecurrencePattern, RecurrenceRange,
};
use pim_console::graph::wire::rules::*;
use pim_console::graph::wire::*;
use serde::Serialize;
use serde_json::{json, Value};

struct Schema {
    doc: Value,
}

impl Schema {
    fn load(file: &str) -> Schema {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/graph").join(file);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        Schema { doc: serde_json::from_str(&text).unwrap() }
    }

    fn schema(&self, name: &str) -> Option<&Value> {
        self.doc["components"]["schemas"].get(name)
    }

    /// Properties of a schema, inherited ones included.
    fn properties(&self, name: &str) -> BTreeMap<String, Value> {
        let mut out = BTreeMap::new();
        let Some(s) = self.schema(name) else { return out };
        let parts: Vec<&Value> = match s.get("allOf").and_then(Value::as_array) {
            Some(all) => all.iter().collect(),
            None => vec![s],
        };
        for part in parts {
            if let Some(base) = part.get("$ref").and_then(Value::as_str) {
                out.extend(self.properties(ref_name(base)));
            }
            if let Some(props) = part.get("properties").and_then(Value::as_object) {
                out.extend(props.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
        }
        out
    }

    fn enum_members(&self, name: &str) -> Option<Vec<String>> {
        let members = self.schema(name)?.get("enum")?.as_array()?;
        Some(members.iter().filter_map(Value::as_str).map(str::to_owned).collect())
    }
}

fn ref_name(r: &str) -> &str {
    r.trim_start_matches("#/components/schemas/")
}

/// The schema a property points at (directly, through `anyOf`, or through array `items`).
fn target(prop: &Value) -> Option<String> {
    let direct = prop.get("$ref").and_then(Value::as_str);
    let any = prop
        .get("anyOf")
        .and_then(Value::as_array)
        .and_then(|a| a.iter().find_map(|x| x.get("$ref")?.as_str()));
    let items = prop.get("items").and_then(target);
    direct.or(any).map(|r| ref_name(r).to_owned()).or(items)
}

fn walk(schema: &Schema, name: &str, value: &Value, path: &str, errors: &mut Vec<String>) {
    match value {
        Value::Array(items) => items.iter().for_each(|v| walk(schema, name, v, path, errors)),
        Value::String(s) => {
            if let Some(members) = schema.enum_members(name) {
                if !members.iter().any(|m| m.eq_ignore_ascii_case(s)) {
                    errors.push(format!("{path}: \"{s}\" is not a member of {name}"));
                }
            }
        }
        Value::Object(map) => {
            let derived =
                map.get("@odata.type").and_then(Value::as_str).map(|t| t.trim_start_matches('#').to_owned());
            let name = match derived {
                Some(d) if schema.schema(&d).is_some() => d,
                Some(d) => return errors.push(format!("{path}: @odata.type {d} is not in the schema")),
                None => name.to_owned(),
            };
            let props = schema.properties(&name);
            if props.is_empty() {
                return errors.push(format!("{path}: {name} has no properties in the schema"));
            }
            for (key, v) in map.iter().filter(|(k, _)| !k.starts_with('@')) {
                match props.get(key) {
                    None => errors.push(format!("{path}.{key}: not a property of {name}")),
                    Some(p) => {
                        if let Some(t) = target(p) {
                            walk(schema, &t, v, &format!("{path}.{key}"), errors);
                        }
                    }
                }
            }
        }
        _ => {}
    }
}

fn check<T: Serialize>(schema: &Schema, entity: &str, value: &T) -> Vec<String> {
    let mut errors = Vec::new();
    walk(
        schema,
        &format!("microsoft.graph.{entity}"),
        &serde_json::to_value(value).unwrap(),
        entity,
        &mut errors,
    );
    errors
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
    };
    let memberships = AccessReviewScope {
        odata_type: Some("#microsoft.graph.principalResourceMembershipsScope".into()),
        principal_scopes: Some(vec![query.clone()]),
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
        fallback_reviewers: Some(vec![reviewer]),
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
    let v1 = Schema::load("openapi-pim-subset.json");
    let beta = Schema::load("openapi-pim-subset-beta.json");
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
    errors.extend(check(&v1, "accessReviewScheduleDefinition", &review_definition()));
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
        let params = &schema.doc["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]["properties"];
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
    let v1 = Schema::load("openapi-pim-subset.json");
    let bad = json!({
        "action": "selfDestruct",
        "principalId": "p",
        "roleId": "r",
        "scheduleInfo": {"expiration": {"type": "afterLunch", "hours": 1}}
    });
    let mut errors = Vec::new();
    walk(&v1, "microsoft.graph.unifiedRoleAssignmentScheduleRequest", &bad, "body", &mut errors);
    assert_eq!(errors.len(), 4, "{errors:?}");

    // Derived types are chosen by @odata.type: a Graph approver has no isBackup.
    let stage = json!({"primaryApprovers": [{"@odata.type": "#microsoft.graph.singleUser", "userId": "u", "isBackup": true}]});
    let mut errors = Vec::new();
    walk(&v1, "microsoft.graph.unifiedApprovalStage", &stage, "stage", &mut errors);
    assert_eq!(errors, ["stage.primaryApprovers.isBackup: not a property of microsoft.graph.singleUser"]);
}

/// Field names a derived `Deserialize` asks for, captured by a deserializer that stops at the
/// first struct. (Custom-deserialised polymorphic types are checked through their parts.)
fn fields_of<T: serde::de::DeserializeOwned>() -> Vec<&'static str> {
    use serde::de::{value::Error, Error as _, Visitor};
    struct Tracer<'a>(&'a std::cell::RefCell<Vec<&'static str>>);
    impl<'de> serde::Deserializer<'de> for Tracer<'_> {
        type Error = Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Error> {
            Err(Error::custom("not a struct"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Error> {
            self.0.borrow_mut().extend_from_slice(fields);
            Err(Error::custom("done"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
            unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
        }
    }
    let cell = std::cell::RefCell::new(Vec::new());
    let _ = T::deserialize(Tracer(&cell));
    cell.into_inner()
}

fn read_check<T: serde::de::DeserializeOwned>(entities: &[(&Schema, &str)], errors: &mut Vec<String>) {
    let fields = fields_of::<T>();
    assert!(!fields.is_empty(), "{} has no fields", std::any::type_name::<T>());
    for (schema, e) in entities {
        let s = schema
            .schema(&format!("microsoft.graph.{e}"))
            .unwrap_or_else(|| panic!("{e} is not in the schema"));
        assert!(s.get("x-pim-subset-stub").is_none(), "{e} is only a stub in the subset");
    }
    let known: Vec<String> = entities
        .iter()
        .flat_map(|(s, e)| s.properties(&format!("microsoft.graph.{e}")).into_keys())
        .collect();
    let names: Vec<&str> = entities.iter().map(|(_, e)| *e).collect();
    // Doc quirks read on purpose: `Type` in the audit example; reviewer `mail` `[O:evidence]`.
    const QUIRKS: [&str; 2] = ["Type", "mail"];
    for f in fields.iter().filter(|f| !f.starts_with('@') && !QUIRKS.contains(f)) {
        if !known.iter().any(|k| k == f) {
            errors.push(format!("{}: {f} is not a property of {names:?}", std::any::type_name::<T>()));
        }
    }
}

#[test]
fn every_property_the_client_reads_exists_in_graphs_schema() {
    use pim_console::graph::wire::audit::*;
    use pim_console::graph::wire::review::*;
    use pim_console::graph::wire::roles::RolePermission;
    let v1 = Schema::load("openapi-pim-subset.json");
    let beta = Schema::load("openapi-pim-subset-beta.json");
    let mut e = Vec::new();
    read_check::<RoleScheduleRequest>(
        &[(&v1, "unifiedRoleAssignmentScheduleRequest"), (&v1, "unifiedRoleEligibilityScheduleRequest")],
        &mut e,
    );
    read_check::<RoleSchedule>(
        &[(&v1, "unifiedRoleAssignmentSchedule"), (&v1, "unifiedRoleEligibilitySchedule")],
        &mut e,
    );
    read_check::<RoleScheduleInstance>(
        &[(&v1, "unifiedRoleAssignmentScheduleInstance"), (&v1, "unifiedRoleEligibilityScheduleInstance")],
        &mut e,
    );
    read_check::<RoleDefinition>(&[(&v1, "unifiedRoleDefinition")], &mut e);
    read_check::<RolePermission>(&[(&v1, "unifiedRolePermission")], &mut e);
    read_check::<RoleAssignment>(&[(&v1, "unifiedRoleAssignment")], &mut e);
    // `user`, `group`, `servicePrincipal` and `administrativeUnit` are outside the PIM subset.
    read_check::<GroupScheduleRequest>(
        &[
            (&v1, "privilegedAccessGroupAssignmentScheduleRequest"),
            (&v1, "privilegedAccessGroupEligibilityScheduleRequest"),
        ],
        &mut e,
    );
    read_check::<GroupSchedule>(
        &[
            (&v1, "privilegedAccessGroupAssignmentSchedule"),
            (&v1, "privilegedAccessGroupEligibilitySchedule"),
        ],
        &mut e,
    );
    read_check::<GroupScheduleInstance>(
        &[
            (&v1, "privilegedAccessGroupAssignmentScheduleInstance"),
            (&v1, "privilegedAccessGroupEligibilityScheduleInstance"),
        ],
        &mut e,
    );
    read_check::<RequestSchedule>(&[(&v1, "requestSchedule")], &mut e);
    read_check::<ExpirationPattern>(&[(&v1, "expirationPattern")], &mut e);
    read_check::<TicketInfo>(&[(&v1, "ticketInfo")], &mut e);
    read_check::<IdentitySet>(&[(&v1, "identitySet")], &mut e);
    read_check::<Identity>(&[(&v1, "identity"), (&v1, "userIdentity")], &mut e);
    read_check::<RoleManagementPolicy>(&[(&v1, "unifiedRoleManagementPolicy")], &mut e);
    read_check::<RoleManagementPolicyAssignment>(&[(&v1, "unifiedRoleManagementPolicyAssignment")], &mut e);
    read_check::<RuleTarget>(&[(&v1, "unifiedRoleManagementPolicyRuleTarget")], &mut e);
    read_check::<ExpirationRule>(&[(&v1, "unifiedRoleManagementPolicyExpirationRule")], &mut e);
    read_check::<EnablementRule>(&[(&v1, "unifiedRoleManagementPolicyEnablementRule")], &mut e);
    read_check::<ApprovalRule>(&[(&v1, "unifiedRoleManagementPolicyApprovalRule")], &mut e);
    read_check::<AuthenticationContextRule>(
        &[(&v1, "unifiedRoleManagementPolicyAuthenticationContextRule")],
        &mut e,
    );
    read_check::<NotificationRule>(&[(&v1, "unifiedRoleManagementPolicyNotificationRule")], &mut e);
    read_check::<ApprovalSettings>(&[(&v1, "approvalSettings")], &mut e);
    read_check::<ApprovalStageSettings>(&[(&v1, "unifiedApprovalStage")], &mut e);
    read_check::<Approval>(&[(&v1, "approval"), (&beta, "approval")], &mut e);
    read_check::<ApprovalStep>(&[(&beta, "approvalStep"), (&beta, "approvalStage")], &mut e);
    read_check::<DirectoryAudit>(&[(&v1, "directoryAudit")], &mut e);
    read_check::<AuditInitiator>(&[(&v1, "auditActivityInitiator")], &mut e);
    read_check::<AuditUser>(&[(&v1, "userIdentity")], &mut e);
    read_check::<AuditApp>(&[(&v1, "appIdentity")], &mut e);
    read_check::<TargetResource>(&[(&v1, "targetResource")], &mut e);
    read_check::<ModifiedProperty>(&[(&v1, "modifiedProperty")], &mut e);
    read_check::<KeyValue>(&[(&v1, "keyValue")], &mut e);
    read_check::<AccessReviewDefinition>(&[(&v1, "accessReviewScheduleDefinition")], &mut e);
    read_check::<AccessReviewScope>(
        &[(&v1, "accessReviewQueryScope"), (&v1, "principalResourceMembershipsScope")],
        &mut e,
    );
    read_check::<AccessReviewSettings>(&[(&v1, "accessReviewScheduleSettings")], &mut e);
    read_check::<PatternedRecurrence>(&[(&v1, "patternedRecurrence")], &mut e);
    read_check::<RecurrencePattern>(&[(&v1, "recurrencePattern")], &mut e);
    read_check::<RecurrenceRange>(&[(&v1, "recurrenceRange")], &mut e);
    read_check::<AccessReviewInstance>(&[(&v1, "accessReviewInstance")], &mut e);
    read_check::<AccessReviewDecisionItem>(&[(&beta, "accessReviewInstanceDecisionItem")], &mut e);
    assert!(e.is_empty(), "read fields the schema does not know:\n{}", e.join("\n"));
}
