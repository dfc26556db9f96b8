//! Approval endpoints: directory roles on beta (`roleAssignmentApprovals/{id}/steps`), PIM for
//! Groups on v1.0 (`assignmentApprovals/{id}/stages`, beta `steps`). Decisions go through
//! [`Sim::decide`], so a requester cannot approve their own request and a decided stage is 409.

use serde_json::{json, Value};

use super::clock::iso;
use super::http::empty;
use super::model::{Kind, Request, ReviewResult, Status};
use super::render::entity;
use super::router::{Ctx, Reply};
use super::Sim;
use crate::graph::Method;

const ROLE_READ: &[&str] = &["PrivilegedAccess.Read.AzureAD", "PrivilegedAccess.ReadWrite.AzureAD"];
const ROLE_WRITE: &[&str] = &["PrivilegedAccess.ReadWrite.AzureAD"];
const GROUP_READ: &[&str] = &[
    "PrivilegedAssignmentSchedule.Read.AzureADGroup",
    "PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup",
    "PrivilegedAccess.Read.AzureADGroup",
    "PrivilegedAccess.ReadWrite.AzureADGroup",
];
const GROUP_WRITE: &[&str] =
    &["PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup", "PrivilegedAccess.ReadWrite.AzureADGroup"];

/// Where an approval API lives and which scopes it takes.
#[derive(Clone, Copy)]
struct ApprovalApi<'a> {
    kind: Kind,
    /// `steps` (beta) or `stages` (v1.0 groups).
    nav: &'a str,
    context: &'a str,
    read: &'a [&'a str],
    write: &'a [&'a str],
}

impl Sim {
    /// One approval step/stage as the caller sees it.
    pub(crate) fn approval_step(&self, r: &Request, me: &str) -> Value {
        let a = r.approval.as_ref().expect("caller checks approval");
        let in_progress = a.result == ReviewResult::NotReviewed && r.status == Status::PendingApproval;
        let reviewed_by = a
            .reviewed_by
            .as_deref()
            .and_then(|id| self.user(id))
            .map(|u| json!({"id": u.id, "displayName": u.display_name, "userPrincipalName": u.upn}));
        json!({
            "id": a.stage_id,
            "displayName": null,
            "reviewedDateTime": a.reviewed_at.map(iso),
            "reviewResult": match a.result { ReviewResult::NotReviewed => "NotReviewed", ReviewResult::Approve => "Approve", ReviewResult::Deny => "Deny" },
            "status": if in_progress { "InProgress" } else { "Completed" },
            "assignedToMe": a.approvers.iter().any(|x| x.eq_ignore_ascii_case(me)),
            "justification": a.justification,
            "reviewedBy": reviewed_by,
        })
    }

    fn approval_request(
        &self,
        ctx: &Ctx,
        kind: Kind,
        id: &str,
    ) -> Result<&Request, crate::graph::HttpResponse> {
        let me = &ctx.caller.user_id;
        self.requests
            .iter()
            .find(|r| r.target.kind == kind && r.id.eq_ignore_ascii_case(id) && r.approval.is_some())
            .filter(|r| {
                r.principal_id.eq_ignore_ascii_case(me)
                    || r.approval
                        .as_ref()
                        .is_some_and(|a| a.approvers.iter().any(|x| x.eq_ignore_ascii_case(me)))
            })
            .ok_or_else(|| ctx.error(404, "ResourceNotFound", &format!("The approval '{id}' was not found.")))
    }

    fn approval_routes(&mut self, ctx: &Ctx, api: &ApprovalApi, rest: &[&str]) -> Reply {
        let ApprovalApi { kind, nav, context, read, write } = *api;
        let missing = |ctx: &Ctx, scopes: &[&str]| {
            // The observed beta refusal has an empty code and lists the scopes.
            ctx.error(
                403,
                "",
                &format!("Valid permissions not present. User needs one of the following permissions for this action : {}", scopes.join(",")),
            )
        };
        let has = |scopes: &[&str]| {
            ctx.caller.scopes.iter().any(|s| scopes.iter().any(|n| n.eq_ignore_ascii_case(s)))
        };
        match (rest, ctx.method) {
            ([id], Method::Get) | ([id, _], Method::Get) => {
                if !has(read) {
                    return Err(missing(ctx, read));
                }
                let r = self.approval_request(ctx, kind, id)?;
                let step = self.approval_step(r, &ctx.caller.user_id);
                let v = if rest.len() == 2 {
                    json!({"id": r.id, nav: [step]})
                } else {
                    json!({"id": r.id, format!("{nav}@odata.context"): self.context_url(ctx, &format!("{context}('{}')/{nav}", r.id)), nav: [step]})
                };
                entity(ctx, self, context, v, &|_, _, _| {}, 200)
            }
            ([id, seg, step], Method::Patch) if *seg == nav => {
                if !has(write) {
                    return Err(missing(ctx, write));
                }
                let r = self.approval_request(ctx, kind, id)?;
                if !r.approval.as_ref().is_some_and(|a| a.stage_id.eq_ignore_ascii_case(step)) {
                    return Err(ctx.error(
                        404,
                        "ResourceNotFound",
                        &format!("The approval step '{step}' was not found."),
                    ));
                }
                let body = ctx.json()?;
                let approve = match body["reviewResult"].as_str().map(str::to_ascii_lowercase).as_deref() {
                    Some("approve" | "approved") => true,
                    Some("deny" | "denied") => false,
                    _ => {
                        return Err(ctx.error(400, "BadRequest", "reviewResult must be 'Approve' or 'Deny'."))
                    }
                };
                let justification = body["justification"].as_str().unwrap_or("").to_string();
                let id = r.id.clone();
                self.decide(&ctx.caller.user_id, &id, approve, &justification, ctx.now)
                    .map_err(|e| ctx.pim(&e))?;
                Ok(empty(204))
            }
            _ => Err(ctx.bad_method()),
        }
    }

    /// `/beta/roleManagement/directory/roleAssignmentApprovals/…`.
    pub(crate) fn beta_role_approvals(&mut self, ctx: &Ctx, rest: &[&str]) -> Reply {
        let context = "roleManagement/directory/roleAssignmentApprovals";
        let api =
            ApprovalApi { kind: Kind::Directory, nav: "steps", context, read: ROLE_READ, write: ROLE_WRITE };
        self.approval_routes(ctx, &api, rest)
    }

    /// `/identityGovernance/privilegedAccess/group/assignmentApprovals/…` (v1.0 `stages`, beta `steps`).
    pub(crate) fn group_approvals(&mut self, ctx: &Ctx, rest: &[&str]) -> Reply {
        let nav = if ctx.version == "beta" { "steps" } else { "stages" };
        let context = "identityGovernance/privilegedAccess/group/assignmentApprovals";
        let api = ApprovalApi { kind: Kind::Group, nav, context, read: GROUP_READ, write: GROUP_WRITE };
        self.approval_routes(ctx, &api, rest)
    }
}
