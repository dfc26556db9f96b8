//! Shared helpers for the identity-endpoint tests: a browser that keeps the sim's cookie, the
//! sign-in form read back out of the page's HTML, PKCE values and token calls.
//! Included by the other files with `#[path]`; on its own it holds no tests.
#![allow(dead_code)]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, TimeZone, Utc};
use pim_console::auth::encode::{form_encode, parse_params};
use pim_console::graph::{HttpRequest, HttpResponse, Method};
use pim_console::sim::{Sim, DEMO_CLIENT_ID};
use serde_json::Value;
use sha2::{Digest, Sha256};

pub const LOGIN: &str = "https://login.microsoftonline.com";
pub const REDIRECT: &str = "http://127.0.0.1:8080/";
pub const ORIGIN: &str = "http://127.0.0.1:8080";
pub const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
pub const GRAPH_READ: &str = "https://graph.microsoft.com/RoleEligibilitySchedule.Read.Directory";
pub const ARM_SCOPE: &str = "https://management.azure.com/user_impersonation";

/// Alex, the demo engineer.
pub const ALEX: &str = "6e3a1c52-8d4b-4f0e-9a71-2b5c8d9e0f11";

pub fn wall() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

/// base64url(SHA-256(verifier)), computed independently of the code under test.
pub fn challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// The JSON payload of a JWT.
pub fn payload(jwt: &str) -> Value {
    let part = jwt.split('.').nth(1).expect("three-part JWT");
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).expect("base64url")).expect("JSON")
}

/// Decodes the HTML entities the sim's pages use.
pub fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The value of attribute `name` in one HTML tag.
fn attr(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag[start..].find('"')?;
    Some(unescape(&tag[start..start + len]))
}

/// What a browser submits for the page's form: the form's action with its hidden fields plus
/// `extra` (persona, mfa, acrs, action), as a GET URL.
pub fn submit(page: &str, extra: &[(&str, &str)]) -> String {
    let form_at = page.find("<form").expect("a form");
    let form_tag = &page[form_at..form_at + page[form_at..].find('>').unwrap()];
    let action = attr(form_tag, "action").expect("form action");
    let mut pairs: Vec<(String, String)> = Vec::new();
    for piece in page.split("<input").skip(1) {
        let tag = &piece[..piece.find('>').unwrap()];
        if attr(tag, "type").as_deref() == Some("hidden") {
            pairs.push((attr(tag, "name").unwrap(), attr(tag, "value").unwrap_or_default()));
        }
    }
    pairs.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    let query = form_encode(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    format!("{action}?{query}")
}

/// The `Location` of a redirect.
pub fn location(resp: &HttpResponse) -> String {
    assert_eq!(resp.status, 302, "expected a redirect, got {} {}", resp.status, resp.body);
    resp.header("Location").expect("Location").to_owned()
}

/// The parameters after `#` (or `?`) of a redirect.
pub fn redirect_params(resp: &HttpResponse) -> Vec<(String, String)> {
    parse_params(&location(resp))
}

pub fn get<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// A tenant and a browser with a cookie jar of one cookie.
pub struct World {
    pub sim: Sim,
    pub cookie: Option<String>,
}

impl Default for World {
    fn default() -> Self {
        World { sim: Sim::demo(7, wall()), cookie: None }
    }
}

impl World {
    pub fn new() -> World {
        World::default()
    }

    pub fn tenant(&self) -> String {
        self.sim.tenant_id().to_owned()
    }

    /// A browser navigation: sends the cookie, keeps what `Set-Cookie` says.
    pub fn browse(&mut self, url: &str) -> HttpResponse {
        let mut req = HttpRequest::new(Method::Get, url);
        if let Some(c) = &self.cookie {
            req = req.with_header("Cookie", format!("other=1; {c}"));
        }
        let resp = self.sim.handle(&req, wall());
        if let Some(set) = resp.header("Set-Cookie") {
            let pair = set.split(';').next().unwrap().trim().to_owned();
            self.cookie = if pair.ends_with('=') || set.contains("Max-Age=0") { None } else { Some(pair) };
        }
        resp
    }

    /// The `/authorize` URL with the usual parameters, `extra` appended or overriding.
    pub fn authorize_url(&self, extra: &[(&str, &str)]) -> String {
        let challenge = challenge(VERIFIER);
        let scope = format!("openid profile offline_access {GRAPH_READ} {ARM_SCOPE}");
        let mut pairs: Vec<(&str, &str)> = vec![
            ("client_id", DEMO_CLIENT_ID),
            ("response_type", "code"),
            ("redirect_uri", REDIRECT),
            ("scope", &scope),
            ("response_mode", "fragment"),
            ("state", "st-123"),
            ("nonce", "nonce-456"),
            ("code_challenge", &challenge),
            ("code_challenge_method", "S256"),
        ];
        for (k, v) in extra {
            pairs.retain(|(name, _)| name != k);
            pairs.push((k, v));
        }
        pairs.retain(|(_, v)| !v.is_empty());
        format!("{LOGIN}/{}/oauth2/v2.0/authorize?{}", self.tenant(), form_encode(pairs))
    }

    /// Authorize (with `prompt=login` unless `authorize_extra` says otherwise, so a live
    /// directory session does not skip the page), answer the page with `choices`; the redirect.
    pub fn sign_in(&mut self, authorize_extra: &[(&str, &str)], choices: &[(&str, &str)]) -> HttpResponse {
        let mut extra = vec![("prompt", "login")];
        extra.extend_from_slice(authorize_extra);
        let page = self.browse(&self.authorize_url(&extra));
        assert_eq!(page.status, 200, "sign-in page: {}", page.body);
        self.browse(&submit(&page.body, choices))
    }

    /// Signs Alex in (with MFA when `mfa`) and returns the code.
    pub fn code(&mut self, mfa: bool) -> String {
        let mut choices = vec![("persona", ALEX), ("action", "sign_in")];
        if mfa {
            choices.push(("mfa", "1"));
        }
        let resp = self.sign_in(&[], &choices);
        get(&redirect_params(&resp), "code").expect("a code").to_owned()
    }

    /// `POST /token` with a form body and an optional `Origin`.
    pub fn token(&mut self, form: &[(&str, &str)], origin: Option<&str>) -> (u16, Value, HttpResponse) {
        let url = format!("{LOGIN}/{}/oauth2/v2.0/token", self.tenant());
        let mut req = HttpRequest::new(Method::Post, url)
            .with_header("Content-Type", "application/x-www-form-urlencoded");
        if let Some(o) = origin {
            req = req.with_header("Origin", o);
        }
        req.body = Some(form_encode(form.iter().copied()));
        let resp = self.sim.handle(&req, wall());
        let body = serde_json::from_str(&resp.body).expect("JSON body");
        (resp.status, body, resp)
    }

    /// Redeems `code` for Graph with `verifier`, from the app's origin.
    pub fn redeem(&mut self, code: &str, verifier: &str) -> (u16, Value) {
        let scope = format!("openid profile offline_access {GRAPH_READ}");
        let (s, b, _) = self.token(
            &[
                ("client_id", DEMO_CLIENT_ID),
                ("scope", &scope),
                ("code", code),
                ("redirect_uri", REDIRECT),
                ("grant_type", "authorization_code"),
                ("code_verifier", verifier),
            ],
            Some(ORIGIN),
        );
        (s, b)
    }

    /// Refreshes for `scope` (one resource) from the app's origin.
    pub fn refresh(&mut self, refresh_token: &str, scope: &str) -> (u16, Value) {
        let scope = format!("openid profile offline_access {scope}");
        let (s, b, _) = self.token(
            &[
                ("client_id", DEMO_CLIENT_ID),
                ("scope", &scope),
                ("refresh_token", refresh_token),
                ("grant_type", "refresh_token"),
            ],
            Some(ORIGIN),
        );
        (s, b)
    }
}

/// Asserts the identity platform's error shape and returns the AADSTS number.
pub fn aadsts(status: u16, body: &Value, error: &str) -> u64 {
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"], error, "{body}");
    for field in ["timestamp", "trace_id", "correlation_id"] {
        assert!(body[field].is_string(), "{field} in {body}");
    }
    let code = body["error_codes"][0].as_u64().expect("error_codes");
    let description = body["error_description"].as_str().unwrap();
    assert!(description.starts_with(&format!("AADSTS{code}: ")), "{description}");
    assert!(description.contains("\r\nTrace ID: "), "{description}");
    code
}
