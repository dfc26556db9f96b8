//! Shared test helpers for the `auth_*` tests: a scripted transport that records requests and
//! can hold a response until the test releases it, an unsigned JWT builder, and fixtures.
//! Included by the other files with `#[path]`; on its own it holds no tests.
#![allow(dead_code)]

use std::cell::RefCell;
use std::collections::VecDeque;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use futures::channel::oneshot;
use futures::future::{FutureExt, LocalBoxFuture};
use pim_console::auth::encode::{base64url, parse_params};
use pim_console::auth::AuthConfig;
use pim_console::graph::{HttpRequest, HttpResponse, Transport, TransportError};
use serde_json::{json, Value};

pub const TENANT: &str = "aaaabbbb-0000-cccc-1111-dddd2222eeee";
pub const CLIENT: &str = "11111111-2222-3333-4444-555555555555";

pub fn cfg() -> AuthConfig {
    AuthConfig {
        login: "https://login.microsoftonline.com".into(),
        tenant: TENANT.into(),
        client_id: CLIENT.into(),
        redirect_uri: "https://pim.contoso.com/".into(),
        graph_resource: "https://graph.microsoft.com".into(),
        arm_resource: "https://management.azure.com".into(),
    }
}

pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap()
}

type Reply = Result<HttpResponse, TransportError>;

enum Scripted {
    Now(Reply),
    Held(oneshot::Receiver<Reply>),
}

/// Answers requests in order from a script; records every request.
#[derive(Default)]
pub struct ScriptedTransport {
    script: RefCell<VecDeque<Scripted>>,
    pub requests: RefCell<Vec<HttpRequest>>,
}

impl ScriptedTransport {
    /// Queues an immediate answer.
    pub fn reply(&self, reply: Reply) {
        self.script.borrow_mut().push_back(Scripted::Now(reply));
    }

    /// Queues an answer that waits until the returned sender is used.
    pub fn hold(&self) -> oneshot::Sender<Reply> {
        let (tx, rx) = oneshot::channel();
        self.script.borrow_mut().push_back(Scripted::Held(rx));
        tx
    }

    /// Requests whose URL ends with `/token`.
    pub fn token_calls(&self) -> usize {
        self.requests.borrow().iter().filter(|r| r.url.ends_with("/oauth2/v2.0/token")).count()
    }

    /// The form parameters of request `i`.
    pub fn form(&self, i: usize) -> Vec<(String, String)> {
        parse_params(self.requests.borrow()[i].body.as_deref().unwrap_or(""))
    }
}

impl Transport for ScriptedTransport {
    fn send(&self, request: HttpRequest) -> LocalBoxFuture<'_, Reply> {
        self.requests.borrow_mut().push(request.clone());
        let next = self.script.borrow_mut().pop_front();
        async move {
            match next {
                Some(Scripted::Now(r)) => r,
                Some(Scripted::Held(rx)) => rx.await.unwrap_or(Err(TransportError::Timeout)),
                None => panic!("unexpected request {request:?}"),
            }
        }
        .boxed_local()
    }

    fn sleep(&self, _: Duration) -> LocalBoxFuture<'_, ()> {
        async {}.boxed_local()
    }
}

/// The value of `name` among parsed parameters.
pub fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// An unsigned JWT with `claims` as payload.
pub fn jwt(claims: &Value) -> String {
    format!(
        "{}.{}.sig",
        base64url(br#"{"alg":"RS256","typ":"JWT"}"#),
        base64url(claims.to_string().as_bytes())
    )
}

/// ID-token claims as Entra issues them for this tenant and client.
pub fn id_claims(nonce: &str, exp: DateTime<Utc>) -> Value {
    json!({
        "aud": CLIENT,
        "iss": format!("https://login.microsoftonline.com/{TENANT}/v2.0"),
        "tid": TENANT,
        "oid": "00000000-0000-0000-66f3-3332eca7ea81",
        "name": "Megan Bowen",
        "preferred_username": "megan@contoso.com",
        "login_hint": "O.CiQ-hint",
        "nonce": nonce,
        "exp": exp.timestamp(),
        "iat": (exp - chrono::Duration::hours(1)).timestamp(),
    })
}

/// A 200 token response.
pub fn token_ok(access: &str, refresh: Option<&str>, id_token: Option<&str>, expires_in: i64) -> Reply {
    let mut body = json!({
        "access_token": access,
        "token_type": "Bearer",
        "expires_in": expires_in,
        "scope": "https://graph.microsoft.com/RoleEligibilitySchedule.Read.Directory",
    });
    if let Some(r) = refresh {
        body["refresh_token"] = json!(r);
    }
    if let Some(i) = id_token {
        body["id_token"] = json!(i);
    }
    Ok(HttpResponse::new(200, body.to_string()))
}

/// A token-endpoint error.
pub fn token_err(status: u16, error: &str, description: &str, code: u32) -> Reply {
    let body = json!({"error": error, "error_description": description, "error_codes": [code]});
    Ok(HttpResponse::new(status, body.to_string()))
}

/// A fixture from the shared folder.
pub fn fixture(name: &str) -> String {
    let path = format!("{}/../shared/graph/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}
