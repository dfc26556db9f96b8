//! Shared Graph rendering: collections with `$filter`/`$expand`/`$select`/paging, and the
//! pieces every schedule entity carries (`scheduleInfo`, `createdBy`, `ticketInfo`).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};

use super::clock::iso;
use super::http::{encode_query_value, json_response};
use super::model::{Request, RequestSchedule, Schedule};
use super::query::{self, parse_expand, parse_filter, Expand, Term};
use super::router::{Ctx, Reply};
use super::Sim;

/// Default page size when the client gives no `$top`.
pub const PAGE: usize = 100;

fn skiptoken(offset: usize) -> String {
    URL_SAFE_NO_PAD.encode(format!("skip={offset}"))
}

fn read_skiptoken(s: &str) -> Option<usize> {
    let raw = URL_SAFE_NO_PAD.decode(s).ok()?;
    String::from_utf8(raw).ok()?.strip_prefix("skip=")?.parse().ok()
}

/// The `$filter` terms of a request, or a 400.
pub fn filter_terms(ctx: &Ctx) -> Result<Vec<Term>, crate::graph::HttpResponse> {
    match ctx.url.param("filter") {
        None => Ok(Vec::new()),
        Some(f) => parse_filter(f).map_err(|e| ctx.error(400, "BadRequest", &e.0)),
    }
}

/// The next-page URL: the request URL with a new `$skiptoken` (ARM: `$skipToken`).
pub fn next_link(ctx: &Ctx, offset: usize) -> String {
    let mut parts: Vec<String> = ctx
        .url
        .query
        .iter()
        .filter(|(k, _)| !k.trim_start_matches('$').eq_ignore_ascii_case("skiptoken"))
        .map(|(k, v)| format!("{}={}", encode_query_value(k), encode_query_value(v)))
        .collect();
    let name = if ctx.arm { "$skipToken" } else { "$skiptoken" };
    parts.push(format!("{name}={}", skiptoken(offset)));
    format!("{}?{}", ctx.self_url, parts.join("&"))
}

/// Applies `$top`/`$skiptoken`: the page and the next offset. `$top` above 999 is refused with
/// 400, as the directory refuses it on its lists (e.g. users); the largest page of the PIM lists
/// themselves is not documented `[I]`, so the simulated tenant uses the same cap. The next link
/// keeps the request's `$top`, so every page of a read has the size asked for.
pub fn paginate(
    ctx: &Ctx,
    items: Vec<Value>,
) -> Result<(Vec<Value>, Option<usize>), crate::graph::HttpResponse> {
    let top = match ctx.url.param("top") {
        None => PAGE,
        Some(t) => t
            .parse::<usize>()
            .ok()
            .filter(|n| *n > 0 && *n <= 999)
            .ok_or_else(|| ctx.error(400, "BadRequest", &format!("Invalid value '{t}' for $top.")))?,
    };
    let offset = ctx.url.param("skiptoken").and_then(read_skiptoken).unwrap_or(0);
    Ok(query::page(items, offset, top))
}

/// A Graph collection response: filter, page, expand, select.
pub fn list(
    ctx: &Ctx,
    sim: &Sim,
    context: &str,
    items: Vec<Value>,
    expand: &dyn Fn(&Sim, &mut Value, &Expand),
) -> Reply {
    let terms = filter_terms(ctx)?;
    let items: Vec<Value> = items.into_iter().filter(|v| query::matches(v, &terms)).collect();
    let (page, next) = paginate(ctx, items)?;
    let page: Vec<Value> = page.into_iter().map(|v| shape(ctx, sim, v, expand)).collect();
    let mut body = Map::new();
    body.insert("@odata.context".into(), json!(sim.context_url(ctx, context)));
    body.insert("value".into(), Value::Array(page));
    if let Some(n) = next {
        body.insert("@odata.nextLink".into(), json!(next_link(ctx, n)));
    }
    Ok(json_response(200, &Value::Object(body)))
}

/// One entity with `$expand` and `$select` applied.
pub fn shape(ctx: &Ctx, sim: &Sim, mut v: Value, expand: &dyn Fn(&Sim, &mut Value, &Expand)) -> Value {
    if let Some(e) = ctx.url.param("expand") {
        for item in parse_expand(e) {
            expand(sim, &mut v, &item);
        }
    }
    match ctx.url.param("select") {
        Some(s) => {
            let mut fields: Vec<String> = s.split(',').map(|f| f.trim().to_string()).collect();
            if let Some(e) = ctx.url.param("expand") {
                fields.extend(parse_expand(e).into_iter().map(|x| x.name));
            }
            query::select(v, &fields)
        }
        None => v,
    }
}

/// A single-entity response with its `@odata.context`.
pub fn entity(
    ctx: &Ctx,
    sim: &Sim,
    context: &str,
    v: Value,
    expand: &dyn Fn(&Sim, &mut Value, &Expand),
    status: u16,
) -> Reply {
    let mut v = shape(ctx, sim, v, expand);
    if let Some(obj) = v.as_object_mut() {
        obj.insert("@odata.context".into(), json!(sim.context_url(ctx, &format!("{context}/$entity"))));
    }
    Ok(json_response(status, &v))
}

/// `scheduleInfo` of a request (Graph spelling).
pub fn request_schedule(s: Option<&RequestSchedule>, start: Option<DateTime<Utc>>) -> Value {
    match s {
        None => Value::Null,
        Some(s) => json!({
            "startDateTime": s.start.or(start).map(iso),
            "recurrence": null,
            "expiration": {"type": s.expiration.graph_name(), "endDateTime": s.end.map(iso),
                "duration": s.duration.map(|d| d.to_string())},
        }),
    }
}

/// `scheduleInfo` of a schedule.
pub fn schedule_info(s: &Schedule) -> Value {
    let exp = match s.end {
        Some(end) => json!({"type": "afterDateTime", "endDateTime": iso(end), "duration": null}),
        None => json!({"type": "noExpiration", "endDateTime": null, "duration": null}),
    };
    json!({"startDateTime": iso(s.start), "recurrence": null, "expiration": exp})
}

/// The base fields of every request (`request` in the schema).
pub fn request_base(sim: &Sim, r: &Request) -> Map<String, Value> {
    let by = sim.user(&r.created_by);
    let mut m = Map::new();
    m.insert("id".into(), json!(r.id));
    m.insert("status".into(), json!(r.status.as_str()));
    m.insert("createdDateTime".into(), json!(iso(r.created)));
    m.insert("completedDateTime".into(), json!(r.completed.map(iso)));
    m.insert("approvalId".into(), json!(r.approval.as_ref().map(|_| r.id.clone())));
    m.insert("customData".into(), Value::Null);
    m.insert(
        "createdBy".into(),
        json!({"application": null, "device": null, "user": {"displayName": by.map(|u| u.display_name.clone()), "id": r.created_by}}),
    );
    m.insert("action".into(), json!(r.action.graph_name()));
    m.insert("principalId".into(), json!(r.principal_id));
    m.insert("isValidationOnly".into(), json!(r.validation_only));
    m.insert("targetScheduleId".into(), json!(r.target_schedule_id));
    m.insert("justification".into(), json!(r.justification));
    m.insert("scheduleInfo".into(), request_schedule(r.schedule.as_ref(), Some(r.created)));
    let ticket = r.ticket.clone().unwrap_or_default();
    m.insert("ticketInfo".into(), json!({"ticketNumber": ticket.number, "ticketSystem": ticket.system}));
    m
}

impl Sim {
    /// `{graph}/{version}/$metadata#{context}`.
    pub(crate) fn context_url(&self, ctx: &Ctx, context: &str) -> String {
        format!("{}/{}/$metadata#{context}", self.endpoints.graph, ctx.version)
    }

    /// A user as a `directoryObject` for `$expand=principal`.
    pub(crate) fn principal_json(&self, id: &str) -> Value {
        match self.user(id) {
            Some(u) => {
                json!({"@odata.type": "#microsoft.graph.user", "id": u.id, "displayName": u.display_name,
                "userPrincipalName": u.upn, "mail": u.upn, "jobTitle": u.job_title})
            }
            // A group that holds a role or a group membership (role-assignable groups).
            None => self.group_json(id),
        }
    }

    /// A group for `$expand=group`.
    pub(crate) fn group_json(&self, id: &str) -> Value {
        match self.group(id) {
            Some(g) => {
                json!({"@odata.type": "#microsoft.graph.group", "id": g.id, "displayName": g.display_name,
                "description": g.description, "isAssignableToRole": g.role_assignable, "securityEnabled": true,
                "mailEnabled": false, "groupTypes": []})
            }
            None => Value::Null,
        }
    }
}
