//! Shared helpers for the simulated-tenant tests (included with `#[path]`; compiled alone it has no tests).
#![allow(dead_code)]

use chrono::{DateTime, TimeZone, Utc};
use pim_console::graph::{HttpRequest, HttpResponse, Method};
use pim_console::sim::{Sim, TokenClaims};
use serde_json::Value;

pub const GRAPH: &str = "https://graph.microsoft.com";
pub const ARM: &str = "https://management.azure.com";
pub const USER_ADMIN: &str = "fe930be7-5e62-47db-91af-98c3a49a38b1";
pub const GLOBAL_ADMIN: &str = "62e90394-69f5-4237-9190-012177145e10";
pub const EXCHANGE_ADMIN: &str = "29232cdf-9323-42fd-ade2-1d097af3e4de";
pub const SECURITY_ADMIN: &str = "194ae4cb-b126-40b2-bd5b-6091b380977d";
pub const HELPDESK_ADMIN: &str = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
pub const INTUNE_ADMIN: &str = "3a2c62db-5318-420d-8d74-23affee5d9d5";
pub const GLOBAL_READER: &str = "f2ef992c-3afb-46b9-b7cf-a126ee74c451";
pub const OWNER: &str = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
pub const CONTRIBUTOR: &str = "b24988ac-6180-42a0-ab88-20f7382dd24c";

/// A fixed wall clock.
pub fn wall() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

/// The demo tenant and a fixed wall clock.
pub struct T {
    pub sim: Sim,
    pub wall: DateTime<Utc>,
}

/// A response: status and parsed body (`Null` when empty).
pub struct R {
    pub status: u16,
    pub body: Value,
    pub raw: HttpResponse,
}

impl R {
    pub fn code(&self) -> &str {
        self.body["error"]["code"].as_str().unwrap_or("<none>")
    }
    pub fn message(&self) -> &str {
        self.body["error"]["message"].as_str().unwrap_or("<none>")
    }
    pub fn value(&self) -> &Vec<Value> {
        self.body["value"].as_array().expect("a collection")
    }
}

impl Default for T {
    fn default() -> Self {
        T::new()
    }
}

impl T {
    pub fn new() -> T {
        T { sim: Sim::demo(42, wall()), wall: wall() }
    }

    /// The object id of a user by UPN prefix (`alex`, `drew`, …).
    pub fn id(&mut self, nick: &str) -> String {
        let r = self.graph_as("casey", Method::Get, &format!("/v1.0/users/{nick}@contoso.example"), None);
        assert_eq!(r.status, 200, "user {nick}");
        r.body["id"].as_str().unwrap().to_string()
    }

    pub fn token(&mut self, nick: &str, claims: TokenClaims) -> String {
        let t = self.sim.mint_token(&format!("{nick}@contoso.example"), claims);
        assert!(!t.is_empty(), "no such user {nick}");
        t
    }

    pub fn send(&mut self, method: Method, url: &str, token: Option<&str>, body: Option<Value>) -> R {
        let mut req = HttpRequest::new(method, url);
        if let Some(t) = token {
            req = req.with_header("Authorization", format!("Bearer {t}"));
        }
        if let Some(b) = body {
            req = req.with_json_body(b.to_string());
        }
        let raw = self.sim.handle(&req, self.wall);
        let body = if raw.body.trim().is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&raw.body).unwrap_or(Value::Null)
        };
        R { status: raw.status, body, raw }
    }

    /// A Graph call (`path` starts with `/v1.0` or `/beta`) with these claims.
    pub fn graph_with(
        &mut self,
        nick: &str,
        claims: TokenClaims,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> R {
        let t = self.token(nick, claims);
        self.send(method, &format!("{GRAPH}{path}"), Some(&t), body)
    }

    /// A Graph call with every scope, password only.
    pub fn graph_as(&mut self, nick: &str, method: Method, path: &str, body: Option<Value>) -> R {
        self.graph_with(nick, TokenClaims::graph(), method, path, body)
    }

    /// An ARM call (`path` includes scope and query).
    pub fn arm_as(&mut self, nick: &str, method: Method, path: &str, body: Option<Value>) -> R {
        let t = self.token(nick, TokenClaims::arm());
        self.send(method, &format!("{ARM}{path}"), Some(&t), body)
    }

    pub fn advance_minutes(&mut self, m: i64) {
        self.sim.advance(chrono::Duration::minutes(m));
    }
}

/// A selfActivate body for a directory role.
pub fn activate(principal: &str, role: &str, duration: &str, justification: Option<&str>) -> Value {
    let mut b = serde_json::json!({
        "action": "selfActivate", "principalId": principal, "roleDefinitionId": role, "directoryScopeId": "/",
        "scheduleInfo": {"startDateTime": null, "expiration": {"type": "AfterDuration", "duration": duration}},
    });
    if let Some(j) = justification {
        b["justification"] = j.into();
    }
    b
}

/// A selfDeactivate body for a directory role.
pub fn deactivate(principal: &str, role: &str) -> Value {
    serde_json::json!({"action": "selfDeactivate", "principalId": principal, "roleDefinitionId": role, "directoryScopeId": "/"})
}

pub const MY_ELIGIBLE: &str =
    "/v1.0/roleManagement/directory/roleEligibilityScheduleInstances/filterByCurrentUser(on='principal')";
pub const MY_ACTIVE: &str =
    "/v1.0/roleManagement/directory/roleAssignmentScheduleInstances/filterByCurrentUser(on='principal')";
pub const REQUESTS: &str = "/v1.0/roleManagement/directory/roleAssignmentScheduleRequests";

/// Role ids in a collection of instances.
pub fn roles(r: &R) -> Vec<String> {
    r.value().iter().map(|v| v["roleDefinitionId"].as_str().unwrap_or_default().to_string()).collect()
}
