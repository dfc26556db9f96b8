//! ARM routes for Azure resource PIM: instances, schedules and requests (with `asTarget()`,
//! `asApprover()`, `asRequestor()`, `atScope()`, `principalId eq`), request PUT / validate /
//! cancel, policies and policy assignments, and approvals (`roleAssignmentApprovals/{id}/stages`).

use serde_json::{json, Value};

use super::arm_render::role_guid;
use super::catalog::{azure_role, AzureRole, AZURE_ROLES};
use super::graph_roles::parse_schedule;
use super::http::{empty, json_response};
use super::lifecycle::Submission;
use super::model::*;
use super::policy::from_arm_rule;
use super::query::{self, Term};
use super::render::{filter_terms, next_link, paginate};
use super::router::{Ctx, Reply};
use super::rules::PimError;
use super::Sim;
use crate::graph::Method;

/// An Azure built-in role definition as ARM lists it.
fn arm_role_definition(scope: &str, r: &AzureRole) -> Value {
    json!({"properties": {"roleName": r.name, "type": "BuiltInRole", "description": format!("Azure built-in role {}.", r.name),
        "assignableScopes": ["/"], "permissions": [{"actions": [], "notActions": [], "dataActions": [], "notDataActions": []}]},
        "id": super::arm_render::role_definition_id(scope, r.id), "type": "Microsoft.Authorization/roleDefinitions", "name": r.id})
}

fn collection(ctx: &Ctx, items: Vec<Value>) -> Reply {
    let (page, next) = paginate(ctx, items)?;
    let mut body = json!({"value": page});
    if let Some(n) = next {
        body["nextLink"] = json!(next_link(ctx, n));
    }
    Ok(json_response(200, &body))
}

/// What an ARM list filter looks at.
struct Subject<'a> {
    scope: &'a str,
    principal: &'a str,
    requestor: Option<&'a str>,
    approvers: Option<&'a [String]>,
    role: &'a str,
}

impl<'a> Subject<'a> {
    fn of(
        t: &'a Target,
        principal: &'a str,
        requestor: Option<&'a str>,
        approvers: Option<&'a [String]>,
    ) -> Self {
        Subject { scope: &t.scope, principal, requestor, approvers, role: &t.role }
    }
}

impl Sim {
    /// Does an item at `scope` for `principal` (requested by `requestor`) pass the ARM filter?
    fn arm_keep(&self, ctx: &Ctx, terms: &[Term], item: Subject) -> bool {
        let Subject { scope, principal, requestor, approvers, role } = item;
        let me = &ctx.caller.user_id;
        let mut at_scope = false;
        for t in terms {
            let ok = match t {
                Term::Call { name, args } => match name.as_str() {
                    "astarget" => principal.eq_ignore_ascii_case(me),
                    "asrequestor" => requestor.is_some_and(|r| r.eq_ignore_ascii_case(me)),
                    "asapprover" => approvers.is_some_and(|a| a.iter().any(|x| x.eq_ignore_ascii_case(me))),
                    "assignedto" => args.first().is_some_and(|a| a.eq_ignore_ascii_case(principal)),
                    "atscope" => {
                        at_scope = true;
                        true
                    }
                    _ => false,
                },
                Term::Compare { path, value, .. }
                    if path.len() == 1 && path[0].eq_ignore_ascii_case("principalId") =>
                {
                    value.as_str().is_some_and(|v| v.eq_ignore_ascii_case(principal))
                }
                Term::Compare { path, value, .. }
                    if path.len() == 1 && path[0].eq_ignore_ascii_case("roleDefinitionId") =>
                {
                    value.as_str().is_some_and(|v| role_guid(v) == role.to_ascii_lowercase())
                }
                Term::Compare { .. } | Term::Any { .. } => {
                    query::matches(&json!({}), std::slice::from_ref(t))
                }
            };
            if !ok {
                return false;
            }
        }
        let here = &ctx.scope;
        if at_scope {
            self.scope_covers(scope, here)
        } else {
            here.is_empty() || self.scope_covers(here, scope) || self.scope_covers(scope, here)
        }
    }

    fn arm_submission(
        &self,
        ctx: &Ctx,
        level: Level,
        name: &str,
        validate: bool,
    ) -> Result<Submission, PimError> {
        let body =
            ctx.body.as_ref().ok_or_else(|| PimError::Invalid("A request body is required.".into()))?;
        let p = &body["properties"];
        let s = |k: &str| p[k].as_str().map(str::to_string);
        let action = s("requestType")
            .and_then(|a| Action::parse(&a))
            .ok_or_else(|| PimError::Invalid("The requestType property is missing or not valid.".into()))?;
        let role = s("roleDefinitionId")
            .ok_or_else(|| PimError::Invalid("The roleDefinitionId property is required.".into()))?;
        let ticket = p.get("ticketInfo").filter(|t| t.is_object()).map(|t| Ticket {
            number: t["ticketNumber"].as_str().map(str::to_string),
            system: t["ticketSystem"].as_str().map(str::to_string),
        });
        Ok(Submission {
            level,
            target: Target { kind: Kind::Azure, scope: ctx.scope.clone(), role: role_guid(&role) },
            principal_id: s("principalId")
                .ok_or_else(|| PimError::Invalid("The principalId property is required.".into()))?,
            action,
            justification: s("justification"),
            ticket,
            schedule: parse_schedule(&p["scheduleInfo"])?,
            validation_only: validate,
            request_id: Some(name.to_string()),
        })
    }

    pub(crate) fn arm(&mut self, ctx: &Ctx) -> Reply {
        let segs: Vec<&str> = ctx.segs.iter().map(String::as_str).collect();
        let lower: Vec<String> = segs.iter().map(|s| s.to_ascii_lowercase()).collect();
        let lower: Vec<&str> = lower.iter().map(String::as_str).collect();
        let terms = filter_terms(ctx)?;
        let now = ctx.now;
        let level_of =
            |c: &str| if c.contains("eligibility") { Level::Eligibility } else { Level::Assignment };
        match (lower.as_slice(), ctx.method) {
            ([c], Method::Get) if c.ends_with("scheduleinstances") || c.ends_with("schedules") => {
                let level = level_of(c);
                let inst = c.ends_with("instances");
                let items = self
                    .schedules
                    .iter()
                    .filter(|s| s.target.kind == Kind::Azure && s.level == level)
                    .filter(|s| if inst { s.is_active(now) } else { s.is_live() })
                    .filter(|s| {
                        let item = Subject::of(&s.target, &s.principal_id, None, None);
                        self.arm_keep(ctx, &terms, item)
                    })
                    .map(|s| {
                        let mut v = if inst { self.arm_instance(s) } else { self.arm_schedule(s) };
                        // Listed at a scope below the one it is held at: inherited.
                        if !ctx.scope.is_empty() && !s.target.scope.eq_ignore_ascii_case(&ctx.scope) {
                            v["properties"]["memberType"] = json!("Inherited");
                        }
                        v
                    })
                    .collect();
                collection(ctx, items)
            }
            ([c], Method::Get) if c.ends_with("schedulerequests") => {
                let level = level_of(c);
                let items = self
                    .requests
                    .iter()
                    .filter(|r| r.target.kind == Kind::Azure && r.level == level)
                    .filter(|r| {
                        let approvers = r
                            .approval
                            .as_ref()
                            .filter(|_| r.status == Status::PendingApproval)
                            .map(|a| a.approvers.as_slice());
                        let item = Subject::of(&r.target, &r.principal_id, Some(&r.created_by), approvers);
                        self.arm_keep(ctx, &terms, item)
                    })
                    .map(|r| self.arm_request(r))
                    .collect();
                collection(ctx, items)
            }
            ([c, _], m) if c.ends_with("schedulerequests") => {
                let level = level_of(c);
                let name = segs[1];
                match m {
                    Method::Get => {
                        let r = self
                            .requests
                            .iter()
                            .find(|r| r.target.kind == Kind::Azure && r.id.eq_ignore_ascii_case(name));
                        let r = r.ok_or_else(|| {
                            ctx.error(
                                404,
                                "RoleAssignmentScheduleRequestNotFound",
                                "The request was not found.",
                            )
                        })?;
                        Ok(json_response(200, &self.arm_request(r)))
                    }
                    Method::Put => {
                        let sub = self.arm_submission(ctx, level, name, false).map_err(|e| ctx.pim(&e))?;
                        let r = self.submit(&ctx.caller, sub, now).map_err(|e| ctx.pim(&e))?;
                        Ok(json_response(201, &self.arm_request(&r)))
                    }
                    _ => Err(ctx.bad_method()),
                }
            }
            ([c, _, "validate"], Method::Post) if c.ends_with("schedulerequests") => {
                let sub = self.arm_submission(ctx, level_of(c), segs[1], true).map_err(|e| ctx.pim(&e))?;
                let r = self.submit(&ctx.caller, sub, now).map_err(|e| ctx.pim(&e))?;
                Ok(json_response(200, &self.arm_request(&r)))
            }
            ([c, _, "cancel"], Method::Post) if c.ends_with("schedulerequests") => {
                self.cancel(&ctx.caller.user_id, segs[1], now).map_err(|e| ctx.pim(&e))?;
                Ok(empty(200))
            }
            (["subscriptions"], Method::Get) if ctx.scope.is_empty() => {
                collection(ctx, self.arm_subscriptions(ctx))
            }
            (["eligiblechildresources"], Method::Get) => collection(ctx, self.eligible_children(ctx)),
            (["rolemanagementpolicyassignments"], Method::Get) => {
                let items = self
                    .all_policy_keys()
                    .into_iter()
                    .filter(|k| k.kind == Kind::Azure && k.scope.eq_ignore_ascii_case(&ctx.scope))
                    .filter(|k| self.arm_keep(ctx, &terms, Subject::of(k, "", None, None)))
                    .map(|k| self.arm_policy_assignment(&k))
                    .collect();
                collection(ctx, items)
            }
            (["rolemanagementpolicies"], Method::Get) => {
                let items = self
                    .all_policy_keys()
                    .into_iter()
                    .filter(|k| k.kind == Kind::Azure && k.scope.eq_ignore_ascii_case(&ctx.scope))
                    .map(|k| self.arm_policy(&k))
                    .collect();
                collection(ctx, items)
            }
            (["rolemanagementpolicies", _], m) => {
                let id = format!(
                    "{}/providers/Microsoft.Authorization/roleManagementPolicies/{}",
                    ctx.scope, segs[1]
                );
                let key = self.policy_by_id(&id).ok_or_else(|| {
                    ctx.error(404, "RoleManagementPolicyNotFound", "The policy was not found.")
                })?;
                match m {
                    Method::Get => Ok(json_response(200, &self.arm_policy(&key))),
                    Method::Patch => {
                        if !self.is_admin(&ctx.caller.user_id, &key, now) {
                            return Err(ctx.pim(&PimError::Forbidden(format!(
                                "The client '{}' does not have authorization to perform action 'Microsoft.Authorization/roleManagementPolicies/write' over scope '{}'.",
                                ctx.caller.user_id, ctx.scope
                            ))));
                        }
                        let rules = ctx
                            .body
                            .as_ref()
                            .and_then(|b| b["properties"]["rules"].as_array())
                            .cloned()
                            .unwrap_or_default();
                        let mut merged = Vec::new();
                        for r in &rules {
                            let invalid = || {
                                ctx.error(
                                    400,
                                    "InvalidPolicy",
                                    "The policy is invalid: a rule lacks id or ruleType.",
                                )
                            };
                            let g = from_arm_rule(r).ok_or_else(invalid)?;
                            let id = g["id"].as_str().unwrap_or_default().to_string();
                            let m = self
                                .merged_rule(&key, &id, &g)
                                .map_err(|e| ctx.error(400, "InvalidPolicy", &e.message()))?;
                            merged.push(m);
                        }
                        for m in merged {
                            self.store_rule(&key, m, &ctx.caller.user_id.clone(), now);
                        }
                        Ok(json_response(200, &self.arm_policy(&key)))
                    }
                    _ => Err(ctx.bad_method()),
                }
            }
            (["roleassignmentapprovals", _], Method::Get) => {
                let r = self.arm_approval(ctx, segs[1])?;
                Ok(json_response(200, &r))
            }
            (["roleassignmentapprovals", _, "stages", _], Method::Patch) => {
                let r = self.arm_approval(ctx, segs[1])?;
                if r["properties"]["stages"][0]["name"]
                    .as_str()
                    .is_none_or(|s| !s.eq_ignore_ascii_case(segs[3]))
                {
                    return Err(ctx.error(404, "NotFound", "The approval stage was not found."));
                }
                let body = ctx.json()?;
                let p = if body["properties"].is_object() { &body["properties"] } else { body };
                let approve = match p["reviewResult"].as_str().map(str::to_ascii_lowercase).as_deref() {
                    Some("approve" | "approved") => true,
                    Some("deny" | "denied") => false,
                    _ => {
                        return Err(ctx.error(400, "InvalidRequest", "reviewResult must be Approve or Deny."))
                    }
                };
                let j = p["justification"].as_str().unwrap_or_default().to_string();
                self.decide(&ctx.caller.user_id, segs[1], approve, &j, now).map_err(|e| ctx.pim(&e))?;
                Ok(json_response(200, &self.arm_approval(ctx, segs[1])?))
            }
            (["roledefinitions"], Method::Get) => {
                let items = AZURE_ROLES.iter().map(|r| arm_role_definition(&ctx.scope, r)).collect();
                collection(ctx, items)
            }
            (["roledefinitions", id], Method::Get) => {
                let r = azure_role(id).ok_or_else(|| {
                    ctx.error(
                        404,
                        "RoleDefinitionDoesNotExist",
                        "The specified role definition does not exist.",
                    )
                })?;
                Ok(json_response(200, &arm_role_definition(&ctx.scope, r)))
            }
            ([c, ..], _) if c.starts_with("role") => Err(ctx.bad_method()),
            _ => Err(ctx.unknown()),
        }
    }

    fn arm_approval(&self, ctx: &Ctx, id: &str) -> Result<Value, crate::graph::HttpResponse> {
        let me = &ctx.caller.user_id;
        let r = self
            .requests
            .iter()
            .find(|r| r.target.kind == Kind::Azure && r.id.eq_ignore_ascii_case(id) && r.approval.is_some())
            .filter(|r| {
                r.principal_id.eq_ignore_ascii_case(me)
                    || r.approval
                        .as_ref()
                        .is_some_and(|a| a.approvers.iter().any(|x| x.eq_ignore_ascii_case(me)))
            })
            .ok_or_else(|| ctx.error(404, "NotFound", "The approval was not found."))?;
        let step = self.approval_step(r, me);
        let sid = step["id"].clone();
        let base = format!("/providers/Microsoft.Authorization/roleAssignmentApprovals/{}", r.id);
        Ok(json!({
            "properties": {"stages": [{"properties": {"displayName": step["displayName"], "status": step["status"],
                "reviewResult": step["reviewResult"], "assignedToMe": step["assignedToMe"], "reviewedDateTime": step["reviewedDateTime"],
                "justification": step["justification"], "reviewedBy": step["reviewedBy"]},
                "id": format!("{base}/stages/{}", sid.as_str().unwrap_or_default()), "name": sid,
                "type": "Microsoft.Authorization/roleAssignmentApprovals/stages"}]},
            "id": base, "name": r.id, "type": "Microsoft.Authorization/roleAssignmentApprovals",
        }))
    }
}
