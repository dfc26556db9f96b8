//! Fault injection for tests: per route (a substring of the URL path) and method, for the next
//! N calls or always — 429 with `Retry-After`, 5xx, added latency, a dropped connection, a
//! malformed body.
//!
//! In process, [`crate::sim::SimTransport`] turns a drop into `TransportError::Network` and a
//! latency into virtual time. An HTTP server built on [`crate::sim::Sim::serve`] should sleep
//! `Served::delay`, and on `response: None` close the connection without writing a response.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::json;

use super::http::{graph_error, json_response};
use super::Sim;
use crate::graph::{HttpRequest, HttpResponse, Method};

/// What goes wrong.
#[derive(Clone, Debug, PartialEq)]
pub enum Fault {
    /// 429 `TooManyRequests` with `Retry-After` in seconds (may be fractional).
    Throttle { retry_after_secs: f64 },
    /// A server error: 500, 503 or 504 (any status is accepted).
    Status(u16),
    /// The request is answered normally after this delay.
    Latency(Duration),
    /// The connection drops without a response.
    Drop,
    /// The request is answered normally but the body is cut in half (invalid JSON).
    MalformedBody,
    /// The service refuses with this status and error code (`AadPremiumLicenseRequired`,
    /// `Authorization_RequestDenied`, …) and a message.
    Refuse { status: u16, code: String, message: String },
}

/// A fault for requests whose path contains `path_contains` (and whose method matches, if set).
#[derive(Clone, Debug, PartialEq)]
pub struct FaultRule {
    pub path_contains: String,
    pub method: Option<Method>,
    /// `None` = always; `Some(n)` = the next n matching calls.
    pub remaining: Option<u32>,
    pub fault: Fault,
}

impl FaultRule {
    /// A rule that fires on every matching call.
    pub fn always(path_contains: &str, fault: Fault) -> Self {
        FaultRule { path_contains: path_contains.into(), method: None, remaining: None, fault }
    }

    /// A rule that fires on the next `n` matching calls.
    pub fn times(path_contains: &str, n: u32, fault: Fault) -> Self {
        FaultRule { remaining: Some(n), ..Self::always(path_contains, fault) }
    }

    /// Restricts the rule to one method.
    pub fn on(mut self, method: Method) -> Self {
        self.method = Some(method);
        self
    }
}

/// The outcome of [`Sim::serve`]: a response (or `None` for a dropped connection) and a delay to honour first.
#[derive(Clone, Debug, PartialEq)]
pub struct Served {
    pub response: Option<HttpResponse>,
    pub delay: Duration,
}

impl Sim {
    pub(crate) fn take_fault(&mut self, req: &HttpRequest) -> Option<Fault> {
        let path = req.url.split('?').next().unwrap_or("");
        let path = super::http::percent_decode(path, false);
        let idx = self.faults.iter().position(|r| {
            path.contains(&r.path_contains)
                && r.method.is_none_or(|m| m == req.method)
                && r.remaining != Some(0)
        })?;
        let rule = &mut self.faults[idx];
        if let Some(n) = rule.remaining.as_mut() {
            *n -= 1;
        }
        Some(rule.fault.clone())
    }

    pub(crate) fn apply_fault(&mut self, fault: Fault, req: &HttpRequest, now: DateTime<Utc>) -> Served {
        let arm = super::http::strip_base(&req.url, &self.endpoints.arm).is_some();
        let rid = self.new_id();
        let error = |status: u16, code: &str, message: &str| {
            if arm {
                super::http::arm_error(status, code, message)
            } else {
                graph_error(status, code, message, now, &rid)
            }
        };
        let response = match fault {
            Fault::Throttle { retry_after_secs } if arm => {
                // ARM sends whole seconds.
                let secs = retry_after_secs.ceil() as i64;
                Some(
                    error(429, "TooManyRequests", "The request was throttled.")
                        .with_header("Retry-After", secs.to_string()),
                )
            }
            Fault::Throttle { retry_after_secs } => {
                let body = json!({"error": {"code": "TooManyRequests", "message": "Please retry again later.",
                    "innerError": {"code": "429", "date": now.format("%Y-%m-%dT%H:%M:%S").to_string(),
                    "message": "Please retry after", "request-id": rid, "status": "429"}}});
                Some(json_response(429, &body).with_header("Retry-After", format_secs(retry_after_secs)))
            }
            Fault::Status(s) => {
                let (code, msg) = match s {
                    503 => ("serviceNotAvailable", "The service is temporarily unavailable."),
                    504 => ("gatewayTimeout", "The gateway did not receive a response in time."),
                    _ => ("generalException", "An unexpected error occurred."),
                };
                Some(error(s, code, msg))
            }
            Fault::Refuse { status, code, message } => Some(error(status, &code, &message)),
            Fault::Latency(d) => return Served { response: Some(self.route(req, now)), delay: d },
            Fault::Drop => None,
            Fault::MalformedBody => {
                let mut r = self.route(req, now);
                let cut = r.body.len() / 2;
                r.body = r.body.chars().take(cut.max(1)).collect();
                if r.body == "{" || r.body.is_empty() {
                    r.body = "{\"value\":[".into();
                }
                Some(r)
            }
        };
        Served { response, delay: Duration::ZERO }
    }
}

fn format_secs(s: f64) -> String {
    if s.fract() == 0.0 {
        format!("{}", s as i64)
    } else {
        format!("{s}")
    }
}
