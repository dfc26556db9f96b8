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
            // Pickers: `$filter=startswith(displayName,'x')` (handled by `list`) or
            // `$search="displayName:x"` (word prefix, as Graph's advanced queries do).
            ["users"] => {
                ctx.need(&["User.ReadBasic.All", "User.Read.All", "Directory.Read.All"])?;
                let items = self
                    .users
                    .iter()
                    .filter_map(|u| self.user_json(&u.id))
                    .filter(|v| searched(ctx, v))
                    .collect();
                list(ctx, self, "users", items, &|_, _, _| {})
            }
            ["groups"] => {
                ctx.need(&["Group.Read.All", "GroupMember.Read.All", "Directory.Read.All"])?;
                let items =
                    self.groups.iter().map(|g| self.group_json(&g.id)).filter(|v| searched(ctx, v)).collect();
                list(ctx, self, "groups", items, &|_, _, _| {})
            }
            ["administrativeUnits"] | ["directory", "administrativeUnits"] => {
                ctx.need(&[
                    "AdministrativeUnit.Read.All",
                    "Directory.Read.All",
                    "RoleManagement.Read.Directory",
                ])?;
                let items = self
                    .admin_units
                    .iter()
                    .map(|a| json!({"id": a.id, "displayName": a.display_name, "description": a.description}))
                    .filter(|v| searched(ctx, v))
                    .collect();
                list(ctx, self, "administrativeUnits", items, &|_, _, _| {})
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

/// `$search="displayName:word"`: true when a word of the display name starts with `word`
/// (case-insensitive); true for every item when there is no `$search`.
fn searched(ctx: &Ctx, v: &Value) -> bool {
    let Some(search) = ctx.url.param("search") else { return true };
    let term = search.trim_matches('"');
    let (field, word) = term.split_once(':').unwrap_or(("displayName", term));
    let word = word.to_lowercase();
    v[field].as_str().is_some_and(|text| text.to_lowercase().split_whitespace().any(|w| w.starts_with(&word)))
}
