//! Graph JSON for PIM entities of directory roles and PIM for Groups, shaped like the official
//! fixtures (`unifiedRole*` and `privilegedAccessGroup*` types).

use serde_json::{json, Map, Value};

use super::catalog::{entra_role, EntraRole};
use super::clock::iso;
use super::model::{AssignmentType, Kind, Level, Request, Schedule};
use super::query::Expand;
use super::render::{request_base, schedule_info};
use super::Sim;

/// Which of the six PIM collections.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coll {
    Instances(Level),
    Schedules(Level),
    Requests(Level),
}

impl Coll {
    /// Parses a collection segment for this kind (`roleEligibilityScheduleInstances` / `eligibilityScheduleInstances`).
    pub fn parse(kind: Kind, seg: &str) -> Option<Coll> {
        let rest = match kind {
            Kind::Directory => seg.strip_prefix("role")?,
            _ => seg,
        };
        let (level, rest) = if let Some(r) =
            rest.strip_prefix("eligibilitySchedule").or_else(|| rest.strip_prefix("EligibilitySchedule"))
        {
            (Level::Eligibility, r)
        } else if let Some(r) =
            rest.strip_prefix("assignmentSchedule").or_else(|| rest.strip_prefix("AssignmentSchedule"))
        {
            (Level::Assignment, r)
        } else {
            return None;
        };
        match rest {
            "Instances" => Some(Coll::Instances(level)),
            "s" => Some(Coll::Schedules(level)),
            "Requests" => Some(Coll::Requests(level)),
            _ => None,
        }
    }

    /// The schema type name (`unifiedRoleEligibilityScheduleInstance`, …).
    pub fn type_name(self, kind: Kind) -> String {
        let (level, tail) = match self {
            Coll::Instances(l) => (l, "ScheduleInstance"),
            Coll::Schedules(l) => (l, "Schedule"),
            Coll::Requests(l) => (l, "ScheduleRequest"),
        };
        let lv = if level == Level::Eligibility { "Eligibility" } else { "Assignment" };
        match kind {
            Kind::Directory => format!("unifiedRole{lv}{tail}"),
            _ => format!("privilegedAccessGroup{lv}{tail}"),
        }
    }
}

/// A role definition as `unifiedRoleDefinition` (`isPrivileged` on beta only).
pub fn role_definition(r: &EntraRole, beta: bool) -> Value {
    let mut v = json!({
        "id": r.id, "description": r.description, "displayName": r.name, "isBuiltIn": true, "isEnabled": true,
        "resourceScopes": ["/"], "templateId": r.id, "version": "1",
        "rolePermissions": [{"allowedResourceActions": [], "condition": null}], "inheritsPermissionsFrom": [],
    });
    if beta {
        v["isPrivileged"] = json!(r.privileged);
    }
    v
}

fn subject(kind: Kind, s_target_scope: &str, role: &str, principal: &str) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("principalId".into(), json!(principal));
    match kind {
        Kind::Directory => {
            m.insert("roleDefinitionId".into(), json!(role));
            m.insert("directoryScopeId".into(), json!(s_target_scope));
            m.insert("appScopeId".into(), Value::Null);
        }
        _ => {
            m.insert("accessId".into(), json!(role));
            m.insert("groupId".into(), json!(s_target_scope));
        }
    }
    m
}

fn member_type(kind: Kind) -> &'static str {
    if kind == Kind::Directory {
        "Direct"
    } else {
        "direct"
    }
}

fn assignment_type(kind: Kind, t: AssignmentType) -> &'static str {
    match (kind == Kind::Directory, t) {
        (true, AssignmentType::Assigned) => "Assigned",
        (true, AssignmentType::Activated) => "Activated",
        (false, AssignmentType::Assigned) => "assigned",
        (false, AssignmentType::Activated) => "activated",
    }
}

/// A schedule instance.
pub fn instance(s: &Schedule) -> Value {
    let kind = s.target.kind;
    let mut m = subject(kind, &s.target.scope, &s.target.role, &s.principal_id);
    m.insert(
        "@odata.type".into(),
        json!(format!("#microsoft.graph.{}", Coll::Instances(s.level).type_name(kind))),
    );
    m.insert("id".into(), json!(s.id));
    m.insert("startDateTime".into(), json!(iso(s.start)));
    m.insert("endDateTime".into(), json!(s.end.map(iso)));
    m.insert("memberType".into(), json!(member_type(kind)));
    match (kind, s.level) {
        (Kind::Directory, Level::Eligibility) => {
            m.insert("roleEligibilityScheduleId".into(), json!(s.id));
        }
        (Kind::Directory, Level::Assignment) => {
            m.insert("assignmentType".into(), json!(assignment_type(kind, s.assignment_type)));
            m.insert("roleAssignmentOriginId".into(), json!(s.id));
            m.insert("roleAssignmentScheduleId".into(), json!(s.id));
        }
        (_, Level::Eligibility) => {
            m.insert("eligibilityScheduleId".into(), json!(s.id));
        }
        (_, Level::Assignment) => {
            m.insert("assignmentType".into(), json!(assignment_type(kind, s.assignment_type)));
            m.insert("assignmentScheduleId".into(), json!(s.id));
        }
    }
    Value::Object(m)
}

/// A schedule.
pub fn schedule(s: &Schedule) -> Value {
    let kind = s.target.kind;
    let mut m = subject(kind, &s.target.scope, &s.target.role, &s.principal_id);
    m.insert(
        "@odata.type".into(),
        json!(format!("#microsoft.graph.{}", Coll::Schedules(s.level).type_name(kind))),
    );
    m.insert("id".into(), json!(s.id));
    m.insert("createdUsing".into(), json!(s.created_using));
    m.insert("createdDateTime".into(), json!(iso(s.created)));
    m.insert("modifiedDateTime".into(), json!(iso(s.modified)));
    m.insert("status".into(), json!("Provisioned"));
    m.insert("memberType".into(), json!(member_type(kind)));
    m.insert("scheduleInfo".into(), schedule_info(s));
    if s.level == Level::Assignment {
        m.insert("assignmentType".into(), json!(assignment_type(kind, s.assignment_type)));
    }
    Value::Object(m)
}

/// A schedule request.
pub fn request(sim: &Sim, r: &Request) -> Value {
    let kind = r.target.kind;
    let mut m = request_base(sim, r);
    m.extend(subject(kind, &r.target.scope, &r.target.role, &r.principal_id));
    Value::Object(m)
}

/// Applies one `$expand` item to a directory-role or group entity.
pub fn expand(sim: &Sim, v: &mut Value, e: &Expand) {
    let Some(obj) = v.as_object_mut() else { return };
    let get = |k: &str| obj.get(k).and_then(Value::as_str).map(str::to_string);
    let value = match e.name.as_str() {
        "roleDefinition" => get("roleDefinitionId")
            .and_then(|id| entra_role(&id))
            .map(|r| role_definition(r, false))
            .unwrap_or(Value::Null),
        "principal" => get("principalId").map(|id| sim.principal_json(&id)).unwrap_or(Value::Null),
        "group" => get("groupId").map(|id| sim.group_json(&id)).unwrap_or(Value::Null),
        "directoryScope" => match get("directoryScopeId").as_deref().and_then(|s| s.strip_prefix("/administrativeUnits/")) {
            Some(au) => sim
                .admin_units
                .iter()
                .find(|a| a.id == au)
                .map(|a| json!({"@odata.type": "#microsoft.graph.administrativeUnit", "id": a.id, "displayName": a.display_name, "description": a.description}))
                .unwrap_or(Value::Null),
            None => Value::Null,
        },
        _ => return,
    };
    obj.insert(e.name.clone(), value);
}
