//! ARM JSON for Azure resource PIM (`Microsoft.Authorization`, api-version 2020-10-01):
//! `{properties:{…, expandedProperties}, name, id, type}` like the ARM fixtures.

use serde_json::{json, Value};

use super::catalog::azure_role;
use super::clock::iso;
use super::model::{AssignmentType, Level, Request, Schedule, Target};
use super::policy::{policy_id, to_arm_rule};
use super::Sim;

const PROVIDER: &str = "providers/Microsoft.Authorization";

/// The full role definition id at a scope.
pub fn role_definition_id(scope: &str, role: &str) -> String {
    format!("{scope}/{PROVIDER}/roleDefinitions/{role}")
}

/// The role GUID of a full role definition id (or of a bare GUID).
pub fn role_guid(id: &str) -> String {
    id.rsplit('/').next().unwrap_or(id).to_ascii_lowercase()
}

impl Sim {
    fn principal_type(&self, principal: &str) -> &'static str {
        if self.user(principal).is_none() && self.group(principal).is_some() {
            "Group"
        } else {
            "User"
        }
    }

    fn expanded(&self, t: &Target, principal: &str) -> Value {
        let scope = self.azure_scope(&t.scope);
        let user = self.user(principal);
        let group = self.group(principal).filter(|_| user.is_none());
        let name = user.map(|u| u.display_name.clone()).or_else(|| group.map(|g| g.display_name.clone()));
        json!({
            "scope": {"id": t.scope, "displayName": scope.map(|s| s.display_name.clone()), "type": scope.map(|s| s.level.arm_type())},
            "roleDefinition": {"id": role_definition_id(&t.scope, &t.role), "displayName": azure_role(&t.role).map(|r| r.name), "type": "BuiltInRole"},
            "principal": {"id": principal, "displayName": name, "email": user.map(|u| u.upn.clone()), "type": if group.is_some() { "Group" } else { "User" }},
        })
    }

    /// A schedule instance (`roleEligibilityScheduleInstances` / `roleAssignmentScheduleInstances`).
    pub(crate) fn arm_instance(&self, s: &Schedule) -> Value {
        let (coll, sched_coll) = match s.level {
            Level::Eligibility => ("roleEligibilityScheduleInstances", "roleEligibilitySchedules"),
            Level::Assignment => ("roleAssignmentScheduleInstances", "roleAssignmentSchedules"),
        };
        let sched_id = format!("{}/{PROVIDER}/{sched_coll}/{}", s.target.scope, s.id);
        let mut p = json!({
            "scope": s.target.scope, "roleDefinitionId": role_definition_id(&s.target.scope, &s.target.role),
            "principalId": s.principal_id, "principalType": self.principal_type(&s.principal_id), "status": "Provisioned",
            "startDateTime": iso(s.start), "endDateTime": s.end.map(iso), "memberType": "Direct",
            "createdOn": iso(s.created), "condition": null, "conditionVersion": null,
            "expandedProperties": self.expanded(&s.target, &s.principal_id),
        });
        match s.level {
            Level::Eligibility => p["roleEligibilityScheduleId"] = json!(sched_id),
            Level::Assignment => {
                p["roleAssignmentScheduleId"] = json!(sched_id);
                p["originRoleAssignmentId"] =
                    json!(format!("{}/{PROVIDER}/roleAssignments/{}", s.target.scope, s.id));
                p["assignmentType"] = json!(match s.assignment_type {
                    AssignmentType::Activated => "Activated",
                    AssignmentType::Assigned => "Assigned",
                });
                p["linkedRoleEligibilityScheduleId"] = json!(s
                    .activated_from
                    .as_ref()
                    .map(|e| format!("{}/{PROVIDER}/roleEligibilitySchedules/{e}", s.target.scope)));
                p["linkedRoleEligibilityScheduleInstanceId"] = json!(s
                    .activated_from
                    .as_ref()
                    .map(|e| format!("{}/{PROVIDER}/roleEligibilityScheduleInstances/{e}", s.target.scope)));
            }
        }
        json!({"properties": p, "name": s.id, "id": format!("{}/{PROVIDER}/{coll}/{}", s.target.scope, s.id), "type": format!("Microsoft.Authorization/{coll}")})
    }

    /// A schedule (`roleEligibilitySchedules` / `roleAssignmentSchedules`).
    pub(crate) fn arm_schedule(&self, s: &Schedule) -> Value {
        let mut v = self.arm_instance(s);
        let coll = if s.level == Level::Eligibility {
            "roleEligibilitySchedules"
        } else {
            "roleAssignmentSchedules"
        };
        v["id"] = json!(format!("{}/{PROVIDER}/{coll}/{}", s.target.scope, s.id));
        v["type"] = json!(format!("Microsoft.Authorization/{coll}"));
        v["properties"]["updatedOn"] = json!(iso(s.modified));
        v
    }

    /// A schedule request.
    pub(crate) fn arm_request(&self, r: &Request) -> Value {
        let (coll, target_key, inst_key) = match r.level {
            Level::Eligibility => (
                "RoleEligibilityScheduleRequests",
                "targetRoleEligibilityScheduleId",
                "targetRoleEligibilityScheduleInstanceId",
            ),
            Level::Assignment => (
                "RoleAssignmentScheduleRequests",
                "targetRoleAssignmentScheduleId",
                "targetRoleAssignmentScheduleInstanceId",
            ),
        };
        let ticket = r.ticket.clone().unwrap_or_default();
        let schedule = r.schedule.as_ref().map(|s| json!({
            "startDateTime": s.start.or(Some(r.created)).map(iso),
            "expiration": {"type": s.expiration.arm_name(), "endDateTime": s.end.map(iso), "duration": s.duration.map(|d| d.to_string())},
        }));
        let p = json!({
            target_key: r.target_schedule_id, inst_key: null, "scope": r.target.scope,
            "roleDefinitionId": role_definition_id(&r.target.scope, &r.target.role), "principalId": r.principal_id,
            "principalType": self.principal_type(&r.principal_id), "requestType": r.action.arm_name(), "status": r.status.as_str(),
            "approvalId": r.approval.as_ref().map(|_| format!("/{PROVIDER}/roleAssignmentApprovals/{}", r.id)),
            "scheduleInfo": schedule, "ticketInfo": {"ticketNumber": ticket.number, "ticketSystem": ticket.system},
            "justification": r.justification, "requestorId": r.created_by, "createdOn": iso(r.created),
            "condition": null, "conditionVersion": null,
            "expandedProperties": self.expanded(&r.target, &r.principal_id),
        });
        json!({"properties": p, "name": r.id, "id": format!("{}/{PROVIDER}/{coll}/{}", r.target.scope, r.id), "type": format!("Microsoft.Authorization/{coll}")})
    }

    fn arm_policy_props(&self, key: &Target) -> (Value, Value) {
        let over = self.policies.iter().find(|p| &p.key == key);
        let by = over.and_then(|o| o.modified_by.as_deref()).and_then(|id| self.user(id));
        let last_by = json!({"displayName": by.map(|u| u.display_name.clone()), "objectId": by.map(|u| u.id.clone()), "objectType": by.map(|_| "User"), "principalName": by.map(|u| u.upn.clone())});
        (last_by, json!(over.and_then(|o| o.modified).map(iso)))
    }

    /// A role management policy.
    pub(crate) fn arm_policy(&self, key: &Target) -> Value {
        let id = policy_id(&self.tenant_id, key);
        let rules: Vec<Value> = self.rules_of(key).iter().map(to_arm_rule).collect();
        let (by, at) = self.arm_policy_props(key);
        let scope = self.azure_scope(&key.scope);
        json!({
            "properties": {"scope": key.scope, "displayName": "", "description": "", "isOrganizationDefault": false,
                "lastModifiedBy": by, "lastModifiedDateTime": at, "rules": rules, "effectiveRules": rules,
                "policyProperties": {"scope": {"id": key.scope, "displayName": scope.map(|s| s.display_name.clone()), "type": scope.map(|s| s.level.arm_type())}}},
            "name": role_guid(&id), "id": id, "type": "Microsoft.Authorization/RoleManagementPolicies",
        })
    }

    /// A role management policy assignment.
    pub(crate) fn arm_policy_assignment(&self, key: &Target) -> Value {
        let id = super::policy::assignment_id(&self.tenant_id, key);
        let pid = policy_id(&self.tenant_id, key);
        let rules: Vec<Value> = self.rules_of(key).iter().map(to_arm_rule).collect();
        let (by, at) = self.arm_policy_props(key);
        let ex = self.expanded(key, "");
        json!({
            "properties": {"scope": key.scope, "roleDefinitionId": role_definition_id(&key.scope, &key.role), "policyId": pid,
                "effectiveRules": rules,
                "policyAssignmentProperties": {"scope": ex["scope"], "roleDefinition": ex["roleDefinition"],
                    "policy": {"id": pid, "lastModifiedBy": by, "lastModifiedDateTime": at}}},
            "name": id.rsplit('/').next(), "id": id, "type": "Microsoft.Authorization/RoleManagementPolicyAssignment",
        })
    }
}
