//! Directory reads the console needs besides PIM: `/me`, `/users/{id}`, `/groups/{id}`,
//! `/groups/{id}/members`, and the audit log `/auditLogs/directoryAudits`.

use serde_json::{json, Value};

use super::render::{entity, list};
use super::router::{Ctx, Reply};
use super::Sim;
use crate::graph::Method;

impl Sim {
    fn user_json(&self, id: &str) -> Option<Value> {
        self.user(id).map(|u| {
            json!({"id": u.id, "displayName": u.display_name, "userPrincipalName": u.upn, "mail": u.upn,
                "jobTitle": u.job_title})
        })
    }

    pub(crate) fn graph_directory(&mut self, ctx: &Ctx, segs: &[&str]) -> Reply {
        if ctx.method != Method::Get {
            return Err(ctx.bad_method());
        }
        let not_found = |id: &str| {
            ctx.error(404, "Request_ResourceNotFound", &format!("Resource '{id}' does not exist or one of its queried reference-property objects are not present."))
        };
        match segs {
            ["me"] => {
                let v = self.user_json(&ctx.caller.user_id).ok_or_else(|| not_found("me"))?;
                entity(ctx, self, "users", v, &|_, _, _| {}, 200)
            }
            ["users", id] => {
                ctx.need(&["User.Read", "User.ReadBasic.All", "User.Read.All", "Directory.Read.All"])?;
                let v = self.user_json(id).ok_or_else(|| not_found(id))?;
                entity(ctx, self, "users", v, &|_, _, _| {}, 200)
            }
            ["groups", id] => {
                ctx.need(&["Directory.Read.All", "Group.Read.All", "GroupMember.Read.All"])?;
                let v = self.group_json(id);
                if v.is_null() {
                    return Err(not_found(id));
                }
                entity(ctx, self, "groups", v, &|_, _, _| {}, 200)
            }
            ["groups", id, "members"] => {
                ctx.need(&["Directory.Read.All", "Group.Read.All", "GroupMember.Read.All"])?;
                if self.group(id).is_none() {
                    return Err(not_found(id));
                }
                let items = self.group_members(id, ctx.now).iter().map(|m| self.principal_json(m)).collect();
                list(ctx, self, "directoryObjects", items, &|_, _, _| {})
            }
            _ => Err(ctx.unknown()),
        }
    }

    pub(crate) fn graph_audit(&mut self, ctx: &Ctx) -> Reply {
        if ctx.method != Method::Get {
            return Err(ctx.bad_method());
        }
        ctx.need(&["AuditLog.Read.All"])?;
        ctx.need(&["Directory.Read.All"])?;
        let mut events: Vec<&super::audit::AuditEvent> = self.audit.iter().collect();
        events.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| b.id.cmp(&a.id)));
        let items = events.into_iter().map(|e| self.render_audit(e)).collect();
        list(ctx, self, "auditLogs/directoryAudits", items, &|_, _, _| {})
    }
}
