//! Schema check of what the client reads: every field name of every read type exists on
//! its entity (or one of a few entities it stands for) in Graph's own schema, so tolerant
//! reading can never hide a misspelt field. ARM types are held to the ARM examples instead.

use std::path::Path;

use pim_console::graph::schema::OpenApiSchema;
use pim_console::graph::wire::approvers::ApprovalStageSettings;
use pim_console::graph::wire::rules::*;
use pim_console::graph::wire::*;

fn load(file: &str) -> OpenApiSchema {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/graph").join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    OpenApiSchema::parse(&text).unwrap()
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

fn read_check<T: serde::de::DeserializeOwned>(entities: &[(&OpenApiSchema, &str)], errors: &mut Vec<String>) {
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
    // Read on purpose though not in the schema: `Type` in the audit example; reviewer `mail`
    // `[O:evidence]`; deprecated `backupReviewers` still in the access review examples.
    const QUIRKS: [&str; 3] = ["Type", "mail", "backupReviewers"];
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
    let v1 = load("openapi-pim-subset.json");
    let beta = load("openapi-pim-subset-beta.json");
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
        &[
            (&v1, "accessReviewQueryScope"),
            (&v1, "principalResourceMembershipsScope"),
            (&v1, "accessReviewInactiveUsersQueryScope"),
        ],
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
