//! Audit events for every PIM change, listed at `/auditLogs/directoryAudits` like Graph's
//! `directoryAudit` (category, activityDisplayName, initiatedBy, targetResources, …).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::catalog;
use super::clock::iso;
use super::model::{Kind, Request, Schedule, Target};
use super::Sim;

/// One audit record.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AuditEvent {
    pub id: String,
    pub at: DateTime<Utc>,
    pub kind: Kind,
    pub activity: String,
    /// The user who acted; `None` = the PIM service itself (expiry).
    pub initiator: Option<String>,
    pub target: Target,
    pub principal_id: String,
    pub correlation_id: String,
    pub details: Vec<(String, String)>,
}

impl Sim {
    /// The display name of what a target grants.
    pub(crate) fn target_name(&self, t: &Target) -> String {
        match t.kind {
            Kind::Directory => {
                catalog::entra_role(&t.role).map(|r| r.name.to_string()).unwrap_or_else(|| t.role.clone())
            }
            Kind::Group => {
                self.group(&t.scope).map(|g| g.display_name.clone()).unwrap_or_else(|| t.scope.clone())
            }
            Kind::Azure => {
                catalog::azure_role(&t.role).map(|r| r.name.to_string()).unwrap_or_else(|| t.role.clone())
            }
        }
    }

    /// Records an event with explicit fields.
    pub(crate) fn record(
        &mut self,
        at: DateTime<Utc>,
        activity: &str,
        initiator: Option<&str>,
        (target, principal): (&Target, &str),
        correlation: &str,
        details: Vec<(String, String)>,
    ) {
        let id = format!("PIM_{}", self.rng.hex(10));
        self.audit.push(AuditEvent {
            id,
            at,
            kind: target.kind,
            activity: activity.to_string(),
            initiator: initiator.map(str::to_string),
            target: target.clone(),
            principal_id: principal.to_string(),
            correlation_id: correlation.to_string(),
            details,
        });
    }

    fn request_details(r: &Request) -> Vec<(String, String)> {
        let mut d = vec![("RequestId".to_string(), r.id.clone())];
        if let Some(j) = &r.justification {
            d.push(("Justification".into(), j.clone()));
        }
        if let Some(t) = r.ticket.as_ref().and_then(|t| t.number.clone()) {
            d.push(("TicketNumber".into(), t));
        }
        if let Some(a) = &r.approval {
            if !a.justification.is_empty() {
                d.push(("ApproverJustification".into(), a.justification.clone()));
            }
        }
        d
    }

    /// Records an event for a request, initiated by its requester.
    pub(crate) fn record_request(&mut self, r: &Request, activity: &str, now: DateTime<Utc>) {
        let by = r.created_by.clone();
        self.record_by(r, activity, &by, now);
    }

    /// Records an event for a request, initiated by `by`.
    pub(crate) fn record_by(&mut self, r: &Request, activity: &str, by: &str, now: DateTime<Utc>) {
        let details = Self::request_details(r);
        self.record(now, activity, Some(by), (&r.target, &r.principal_id), &r.id, details);
    }

    /// Records the end of a schedule at its end time, by the service.
    pub(crate) fn record_expiry(&mut self, s: &Schedule) {
        use super::model::{AssignmentType, Level};
        // [I] the documented name covers activations; the other two follow its pattern.
        let activity = match (s.level, s.assignment_type) {
            (Level::Assignment, AssignmentType::Activated) => {
                "Remove member from role (PIM activation expired)"
            }
            (Level::Assignment, AssignmentType::Assigned) => {
                "Remove member from role (PIM assignment expired)"
            }
            (Level::Eligibility, _) => "Remove eligible member from role (PIM eligibility expired)",
        };
        let at = s.end.unwrap_or(s.start);
        self.record(
            at,
            activity,
            None,
            (&s.target, &s.principal_id),
            &s.id,
            vec![("ScheduleId".into(), s.id.clone())],
        );
    }

    /// An event as Graph's `directoryAudit`.
    pub(crate) fn render_audit(&self, e: &AuditEvent) -> Value {
        let category = match e.kind {
            Kind::Directory => "RoleManagement",
            Kind::Group => "GroupManagement",
            Kind::Azure => "ResourceManagement",
        };
        let op = if e.activity.starts_with("Add") {
            "Add"
        } else if e.activity.starts_with("Remove") {
            "Remove"
        } else {
            "Update"
        };
        let initiated_by = match e.initiator.as_deref().and_then(|i| self.user(i)) {
            Some(u) => {
                json!({"user": {"id": u.id, "displayName": u.display_name, "userPrincipalName": u.upn, "ipAddress": "203.0.113.10"}, "app": null})
            }
            None => {
                json!({"user": null, "app": {"appId": null, "displayName": "MS-PIM", "servicePrincipalId": null, "servicePrincipalName": null}})
            }
        };
        let mut targets = vec![json!({
            "id": e.target.role, "displayName": self.target_name(&e.target),
            "type": match e.kind { Kind::Directory => "Role", Kind::Group => "Group", Kind::Azure => "Role" },
            "modifiedProperties": [], "userPrincipalName": null, "groupType": null,
        })];
        if let Some(u) = self.user(&e.principal_id) {
            targets.push(json!({"id": u.id, "displayName": u.display_name, "type": "User",
                "modifiedProperties": [], "userPrincipalName": u.upn, "groupType": null}));
        }
        let mut details: Vec<Value> = e.details.iter().map(|(k, v)| json!({"key": k, "value": v})).collect();
        details.push(json!({"key": "Scope", "value": e.target.scope}));
        json!({
            "id": e.id, "category": category, "correlationId": e.correlation_id, "result": "success",
            "resultReason": "", "activityDisplayName": e.activity, "activityDateTime": iso(e.at),
            "loggedByService": "PIM", "operationType": op, "initiatedBy": initiated_by,
            "targetResources": targets, "additionalDetails": details,
        })
    }
}
