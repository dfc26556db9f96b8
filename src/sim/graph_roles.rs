//! Graph routes for directory roles (`/roleManagement/directory/…`) and the collection logic
//! shared with PIM for Groups: list, `filterByCurrentUser(on=…)`, get, create, cancel.

use serde_json::Value;

use super::catalog::ENTRA_ROLES;
use super::clock::parse_iso;
use super::graph_entities::{self as ge, Coll};
use super::http::empty;
use super::lifecycle::Submission;
use super::model::*;
use super::render::{entity, list};
use super::router::{Ctx, Reply};
use super::rules::PimError;
use super::Sim;
use crate::domain::duration::IsoDuration;
use crate::graph::Method;

const READ_ELIG: &[&str] = &[
    "RoleEligibilitySchedule.Read.Directory",
    "RoleEligibilitySchedule.ReadWrite.Directory",
    "RoleManagement.Read.Directory",
    "RoleManagement.Read.All",
    "RoleManagement.ReadWrite.Directory",
];
const READ_ASSIGN: &[&str] = &[
    "RoleAssignmentSchedule.Read.Directory",
    "RoleAssignmentSchedule.ReadWrite.Directory",
    "RoleManagement.Read.Directory",
    "RoleManagement.Read.All",
    "RoleManagement.ReadWrite.Directory",
];
const WRITE_ELIG: &[&str] =
    &["RoleEligibilitySchedule.ReadWrite.Directory", "RoleManagement.ReadWrite.Directory"];
const WRITE_ASSIGN: &[&str] =
    &["RoleAssignmentSchedule.ReadWrite.Directory", "RoleManagement.ReadWrite.Directory"];
const G_READ_ELIG: &[&str] = &[
    "PrivilegedEligibilitySchedule.Read.AzureADGroup",
    "PrivilegedEligibilitySchedule.ReadWrite.AzureADGroup",
    "PrivilegedAccess.Read.AzureADGroup",
    "PrivilegedAccess.ReadWrite.AzureADGroup",
];
const G_READ_ASSIGN: &[&str] = &[
    "PrivilegedAssignmentSchedule.Read.AzureADGroup",
    "PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup",
    "PrivilegedAccess.Read.AzureADGroup",
    "PrivilegedAccess.ReadWrite.AzureADGroup",
];
const G_WRITE_ELIG: &[&str] =
    &["PrivilegedEligibilitySchedule.ReadWrite.AzureADGroup", "PrivilegedAccess.ReadWrite.AzureADGroup"];
const G_WRITE_ASSIGN: &[&str] =
    &["PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup", "PrivilegedAccess.ReadWrite.AzureADGroup"];

fn scopes(kind: Kind, level: Level, write: bool) -> &'static [&'static str] {
    match (kind, level, write) {
        (Kind::Directory, Level::Eligibility, false) => READ_ELIG,
        (Kind::Directory, Level::Assignment, false) => READ_ASSIGN,
        (Kind::Directory, Level::Eligibility, true) => WRITE_ELIG,
        (Kind::Directory, Level::Assignment, true) => WRITE_ASSIGN,
        (_, Level::Eligibility, false) => G_READ_ELIG,
        (_, Level::Assignment, false) => G_READ_ASSIGN,
        (_, Level::Eligibility, true) => G_WRITE_ELIG,
        (_, Level::Assignment, true) => G_WRITE_ASSIGN,
    }
}

/// The `on` value of a `filterByCurrentUser(on='…')` segment.
pub fn current_user_on(seg: &str) -> Option<String> {
    let inner = seg.strip_prefix("filterByCurrentUser(")?.strip_suffix(')')?;
    let v = inner.split_once('=').map(|(_, v)| v).unwrap_or(inner);
    Some(v.trim().trim_matches('\'').to_string())
}

pub fn parse_schedule(v: &Value) -> Result<Option<RequestSchedule>, PimError> {
    if v.is_null() {
        return Ok(None);
    }
    let bad = |what: &str| PimError::Invalid(format!("scheduleInfo: {what} is not valid."));
    let start = match v["startDateTime"].as_str() {
        Some(s) => Some(parse_iso(s).ok_or_else(|| bad("startDateTime"))?),
        None => None,
    };
    let exp = &v["expiration"];
    let expiration = match exp["type"].as_str() {
        Some(t) => Expiration::parse(t).ok_or_else(|| bad("expiration.type"))?,
        None => Expiration::NotSpecified,
    };
    let end = match exp["endDateTime"].as_str() {
        Some(s) => Some(parse_iso(s).ok_or_else(|| bad("expiration.endDateTime"))?),
        None => None,
    };
    let duration = match exp["duration"].as_str() {
        Some(s) => Some(IsoDuration::parse(s).map_err(|_| bad("expiration.duration"))?),
        None => None,
    };
    Ok(Some(RequestSchedule { start, expiration, end, duration }))
}

/// Parses a Graph request body into a submission.
pub fn parse_submission(kind: Kind, level: Level, b: &Value) -> Result<Submission, PimError> {
    let s = |k: &str| b[k].as_str().map(str::to_string);
    let action = s("action")
        .and_then(|a| Action::parse(&a))
        .ok_or_else(|| PimError::Invalid("The 'action' property is missing or not valid.".into()))?;
    let principal_id = s("principalId")
        .ok_or_else(|| PimError::Invalid("The 'principalId' property is required.".into()))?;
    let target = match kind {
        Kind::Directory => Target {
            kind,
            scope: s("directoryScopeId").unwrap_or_else(|| "/".into()),
            role: s("roleDefinitionId")
                .ok_or_else(|| PimError::Invalid("The 'roleDefinitionId' property is required.".into()))?
                .to_ascii_lowercase(),
        },
        _ => Target {
            kind,
            scope: s("groupId")
                .ok_or_else(|| PimError::Invalid("The 'groupId' property is required.".into()))?,
            role: s("accessId")
                .ok_or_else(|| PimError::Invalid("The 'accessId' property is required.".into()))?
                .to_ascii_lowercase(),
        },
    };
    let ticket = b.get("ticketInfo").filter(|t| t.is_object()).map(|t| Ticket {
        number: t["ticketNumber"].as_str().map(str::to_string),
        system: t["ticketSystem"].as_str().map(str::to_string),
    });
    Ok(Submission {
        level,
        target,
        principal_id,
        action,
        justification: s("justification"),
        ticket,
        schedule: parse_schedule(&b["scheduleInfo"])?,
        validation_only: b["isValidationOnly"].as_bool().unwrap_or(false),
        request_id: None,
    })
}

impl Sim {
    pub(crate) fn graph_roles(&mut self, ctx: &Ctx, rest: &[&str]) -> Reply {
        match rest {
            ["roleDefinitions"] => {
                ctx.need(&[READ_ELIG, READ_ASSIGN].concat())?;
                let beta = ctx.version == "beta";
                let items = ENTRA_ROLES.iter().map(|r| ge::role_definition(r, beta)).collect();
                list(ctx, self, "roleManagement/directory/roleDefinitions", items, &|_, _, _| {})
            }
            ["roleDefinitions", id] => {
                ctx.need(&[READ_ELIG, READ_ASSIGN].concat())?;
                let r = super::catalog::entra_role(id).ok_or_else(|| {
                    ctx.error(404, "Request_ResourceNotFound", &format!("Resource '{id}' does not exist."))
                })?;
                let v = ge::role_definition(r, ctx.version == "beta");
                entity(ctx, self, "roleManagement/directory/roleDefinitions", v, &|_, _, _| {}, 200)
            }
            ["roleAssignments"] => {
                ctx.need(READ_ASSIGN)?;
                let items = self
                    .schedules
                    .iter()
                    .filter(|s| s.target.kind == Kind::Directory && s.level == Level::Assignment && s.is_active(ctx.now))
                    .map(|s| {
                        serde_json::json!({"id": s.id, "principalId": s.principal_id, "roleDefinitionId": s.target.role,
                            "directoryScopeId": s.target.scope, "appScopeId": null, "condition": null})
                    })
                    .collect();
                list(ctx, self, "roleManagement/directory/roleAssignments", items, &ge::expand)
            }
            ["roleAssignmentApprovals", ..] if ctx.version != "beta" => Err(ctx.error(
                400,
                "BadRequest",
                "Resource not found for the segment 'roleAssignmentApprovals'.",
            )),
            ["roleAssignmentApprovals", rest @ ..] => self.beta_role_approvals(ctx, rest),
            [coll, rest @ ..] => match Coll::parse(Kind::Directory, coll) {
                Some(c) => self.pim_collection(
                    ctx,
                    Kind::Directory,
                    c,
                    &format!("roleManagement/directory/{coll}"),
                    rest,
                ),
                None => Err(ctx.unknown()),
            },
            [] => Err(ctx.unknown()),
        }
    }

    /// The six PIM collections of directory roles and groups.
    pub(crate) fn pim_collection(
        &mut self,
        ctx: &Ctx,
        kind: Kind,
        coll: Coll,
        context: &str,
        rest: &[&str],
    ) -> Reply {
        let level = match coll {
            Coll::Instances(l) | Coll::Schedules(l) | Coll::Requests(l) => l,
        };
        let on_kind = |k: Kind| if kind == Kind::Directory { k == Kind::Directory } else { k == Kind::Group };
        let me = ctx.caller.user_id.clone();
        match (rest, ctx.method) {
            ([] | [_], Method::Get) => {
                ctx.need(scopes(kind, level, false))?;
                let on = match rest.first() {
                    None => None,
                    Some(seg) => match current_user_on(seg) {
                        Some(on) => Some(on),
                        None => return self.pim_get(ctx, kind, coll, context, seg),
                    },
                };
                let allowed: &[&str] = if matches!(coll, Coll::Requests(_)) {
                    &["principal", "createdBy", "approver"]
                } else {
                    &["principal"]
                };
                if let Some(on) = &on {
                    if !allowed.iter().any(|a| a.eq_ignore_ascii_case(on)) {
                        return Err(ctx.error(
                            400,
                            "BadRequest",
                            &format!("The value '{on}' is not valid for parameter 'on'."),
                        ));
                    }
                }
                let mine = |p: &str| on.is_none() || p.eq_ignore_ascii_case(&me);
                let items: Vec<Value> = match coll {
                    Coll::Instances(_) => self
                        .schedules
                        .iter()
                        .filter(|s| {
                            on_kind(s.target.kind)
                                && s.level == level
                                && s.is_active(ctx.now)
                                && mine(&s.principal_id)
                        })
                        .map(ge::instance)
                        .collect(),
                    Coll::Schedules(_) => self
                        .schedules
                        .iter()
                        .filter(|s| {
                            on_kind(s.target.kind) && s.level == level && s.is_live() && mine(&s.principal_id)
                        })
                        .map(ge::schedule)
                        .collect(),
                    Coll::Requests(_) => self
                        .requests
                        .iter()
                        .filter(|r| on_kind(r.target.kind) && r.level == level)
                        .filter(|r| match on.as_deref().map(str::to_ascii_lowercase).as_deref() {
                            None => true,
                            Some("principal") => r.principal_id.eq_ignore_ascii_case(&me),
                            Some("createdby") => r.created_by.eq_ignore_ascii_case(&me),
                            _ => r
                                .approval
                                .as_ref()
                                .is_some_and(|a| a.approvers.iter().any(|x| x.eq_ignore_ascii_case(&me))),
                        })
                        .map(|r| ge::request(self, r))
                        .collect(),
                };
                let ctx_name = format!("Collection({})", coll.type_name(kind));
                list(ctx, self, if on.is_some() { &ctx_name } else { context }, items, &ge::expand)
            }
            ([], Method::Post) if matches!(coll, Coll::Requests(_)) => {
                ctx.need(scopes(kind, level, true))?;
                let sub = parse_submission(kind, level, ctx.json()?).map_err(|e| ctx.pim(&e))?;
                let req = self.submit(&ctx.caller, sub, ctx.now).map_err(|e| ctx.pim(&e))?;
                entity(ctx, self, context, ge::request(self, &req), &ge::expand, 201)
            }
            ([id, "cancel"], Method::Post) if matches!(coll, Coll::Requests(_)) => {
                ctx.need(scopes(kind, level, true))?;
                self.cancel(&me, id, ctx.now).map_err(|e| ctx.pim(&e))?;
                Ok(empty(204))
            }
            _ => Err(ctx.bad_method()),
        }
    }

    fn pim_get(&self, ctx: &Ctx, kind: Kind, coll: Coll, context: &str, id: &str) -> Reply {
        let on_kind = |k: Kind| if kind == Kind::Directory { k == Kind::Directory } else { k == Kind::Group };
        let found = match coll {
            Coll::Instances(l) | Coll::Schedules(l) => self
                .schedules
                .iter()
                .find(|s| on_kind(s.target.kind) && s.level == l && s.id.eq_ignore_ascii_case(id))
                .map(|s| if matches!(coll, Coll::Instances(_)) { ge::instance(s) } else { ge::schedule(s) }),
            Coll::Requests(l) => self
                .requests
                .iter()
                .find(|r| on_kind(r.target.kind) && r.level == l && r.id.eq_ignore_ascii_case(id))
                .map(|r| ge::request(self, r)),
        };
        let v = found.ok_or_else(|| {
            ctx.error(
                404,
                "ResourceNotFound",
                &format!("No {} with id '{id}' was found.", coll.type_name(kind)),
            )
        })?;
        entity(ctx, self, context, v, &ge::expand, 200)
    }
}
