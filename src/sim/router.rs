//! Request routing: which API a URL belongs to, who the caller is (bearer token), and the
//! Graph/ARM envelopes for refusals (401 `InvalidAuthenticationToken`, 403, 404).

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::http::{arm_error, graph_error, strip_base, SplitUrl};
use super::rules::PimError;
use super::token::{verify, Audience, TokenFault};
use super::Sim;
use crate::graph::{HttpRequest, HttpResponse, Method};

/// A handler's answer: `Err` carries an error response, so `?` short-circuits.
pub(crate) type Reply = Result<HttpResponse, HttpResponse>;

/// The signed-in caller, from a verified token.
#[derive(Clone, Debug)]
pub struct Caller {
    pub user_id: String,
    pub scopes: Vec<String>,
    pub amr: Vec<String>,
    pub acrs: Vec<String>,
}

impl Caller {
    /// True when the token says MFA was done.
    pub fn mfa(&self) -> bool {
        self.amr.iter().any(|a| a.eq_ignore_ascii_case("mfa"))
    }
}

/// Everything a handler needs about one request.
pub(crate) struct Ctx {
    pub now: DateTime<Utc>,
    pub caller: Caller,
    pub method: Method,
    /// Decoded path segments below `/v1.0` (Graph) or below `/providers/Microsoft.Authorization` (ARM).
    pub segs: Vec<String>,
    pub url: SplitUrl,
    pub body: Option<Value>,
    /// `v1.0` / `beta` for Graph; the api-version for ARM.
    pub version: String,
    pub request_id: String,
    /// Absolute URL of the request without its query (for `@odata.nextLink` / `nextLink`).
    pub self_url: String,
    /// ARM only: the scope before `/providers/Microsoft.Authorization`.
    pub scope: String,
    pub arm: bool,
}

impl Ctx {
    /// The service's error response for a PIM refusal.
    pub fn pim(&self, e: &PimError) -> HttpResponse {
        self.error(e.status(), e.code(self.arm), &e.message())
    }

    /// An error in this API's envelope.
    pub fn error(&self, status: u16, code: &str, message: &str) -> HttpResponse {
        if self.arm {
            arm_error(status, code, message)
        } else {
            graph_error(status, code, message, self.now, &self.request_id)
        }
    }

    /// 403 unless the token has one of `scopes`.
    pub fn need(&self, scopes: &[&str]) -> Result<(), HttpResponse> {
        if self.caller.scopes.iter().any(|s| scopes.iter().any(|n| n.eq_ignore_ascii_case(s))) {
            return Ok(());
        }
        Err(self.error(
            403,
            "Authorization_RequestDenied",
            &format!(
                "Missing scope permissions on the request. API requires one of '{}'. Scopes on the request '{}'",
                scopes.join(", "),
                self.caller.scopes.join(", ")
            ),
        ))
    }

    /// The JSON body, or a 400.
    pub fn json(&self) -> Result<&Value, HttpResponse> {
        self.body.as_ref().ok_or_else(|| self.error(400, "BadRequest", "A JSON request body is required."))
    }

    /// 404/400 for a path the sim does not serve.
    pub fn unknown(&self) -> HttpResponse {
        let seg = self.segs.last().cloned().unwrap_or_default();
        if self.arm {
            arm_error(404, "InvalidResourceType", &format!("The resource type '{seg}' could not be found."))
        } else {
            self.error(400, "BadRequest", &format!("Resource not found for the segment '{seg}'."))
        }
    }

    /// 405 for a method the route does not take.
    pub fn bad_method(&self) -> HttpResponse {
        self.error(405, "Request_BadRequest", "Specified HTTP method is not allowed for the request target.")
    }
}

impl Sim {
    fn caller(
        &self,
        req: &HttpRequest,
        audience: Audience,
        now: DateTime<Utc>,
    ) -> Result<Caller, TokenFault> {
        let auth = req.header("Authorization").unwrap_or("");
        let token = auth
            .strip_prefix("Bearer ")
            .or_else(|| auth.strip_prefix("bearer "))
            .ok_or(TokenFault::Missing)?;
        let p = verify(&self.secret, token, audience, now)?;
        if self.user(&p.oid).is_none() || p.tid != self.tenant_id {
            return Err(TokenFault::BadSignature);
        }
        Ok(Caller {
            user_id: p.oid,
            scopes: p.scp.split(' ').filter(|s| !s.is_empty()).map(str::to_string).collect(),
            amr: p.amr,
            acrs: p.acrs,
        })
    }

    /// Answers a request that passed fault injection.
    pub(crate) fn route(&mut self, req: &HttpRequest, now: DateTime<Utc>) -> HttpResponse {
        if let Some(response) = self.identity_endpoints(req, now) {
            return response;
        }
        let request_id = self.new_id();
        let url = req.url.as_str();
        let endpoints = self.endpoints.clone();
        let body = match req.body.as_deref().map(str::trim).filter(|b| !b.is_empty()) {
            None => None,
            Some(b) => match serde_json::from_str::<Value>(b) {
                Ok(v) => Some(v),
                Err(_) => {
                    return graph_error(
                        400,
                        "BadRequest",
                        "Unable to read JSON request payload.",
                        now,
                        &request_id,
                    )
                }
            },
        };
        if let Some(rest) = strip_base(url, &endpoints.graph) {
            let split = SplitUrl::parse(rest);
            let Some(version) = split.segments.first().cloned().filter(|v| v == "v1.0" || v == "beta") else {
                return graph_error(400, "BadRequest", "Invalid version.", now, &request_id);
            };
            let path_end = rest.find('?').unwrap_or(rest.len());
            let self_url = format!("{}{}", endpoints.graph, &rest[..path_end]);
            if split.segments.get(1).map(String::as_str) == Some("$batch") {
                return self.batch(req, &version, body, now, &request_id);
            }
            let caller = match self.caller(req, Audience::Graph, now) {
                Ok(c) => c,
                Err(f) => {
                    return graph_error(401, "InvalidAuthenticationToken", f.message(), now, &request_id)
                        .with_header("WWW-Authenticate", "Bearer realm=\"\", error=\"invalid_token\"")
                }
            };
            let segs = split.segments[1..].to_vec();
            let ctx = Ctx {
                now,
                caller,
                method: req.method,
                segs,
                url: split,
                body,
                version,
                request_id,
                self_url,
                scope: String::new(),
                arm: false,
            };
            return self.graph(&ctx).unwrap_or_else(|e| e);
        }
        if let Some(rest) = strip_base(url, &endpoints.arm) {
            let split = SplitUrl::parse(rest);
            let caller = match self.caller(req, Audience::Arm, now) {
                Ok(c) => c,
                Err(f) => return arm_error(401, "InvalidAuthenticationToken", f.message()),
            };
            if !caller.scopes.iter().any(|s| s.eq_ignore_ascii_case("user_impersonation")) {
                return arm_error(
                    403,
                    "AuthorizationFailed",
                    "The access token does not carry the user_impersonation scope for Azure Resource Manager.",
                );
            }
            let Some(version) = split.param("api-version").map(str::to_string) else {
                return arm_error(
                    400,
                    "MissingApiVersionParameter",
                    "The api-version query parameter (?api-version=) is required for all requests.",
                );
            };
            let lower: Vec<String> = split.segments.iter().map(|s| s.to_ascii_lowercase()).collect();
            let at = lower.windows(2).position(|w| w[0] == "providers" && w[1] == "microsoft.authorization");
            // Besides Microsoft.Authorization, only the subscriptions list (for the scope picker).
            let (scope, segs) = match at {
                Some(0) => (String::new(), split.segments[2..].to_vec()),
                Some(at) => {
                    (format!("/{}", split.segments[..at].join("/")), split.segments[at + 2..].to_vec())
                }
                None if lower == ["subscriptions"] => (String::new(), lower.clone()),
                None => {
                    return arm_error(
                        404,
                        "InvalidResourceType",
                        "The sim serves only Microsoft.Authorization.",
                    )
                }
            };
            let path_end = rest.find('?').unwrap_or(rest.len());
            let ctx = Ctx {
                now,
                caller,
                method: req.method,
                segs,
                self_url: format!("{}{}", endpoints.arm, &rest[..path_end]),
                url: split,
                body,
                version,
                request_id,
                scope,
                arm: true,
            };
            return self.arm(&ctx).unwrap_or_else(|e| e);
        }
        HttpResponse::new(404, "The simulated tenant does not serve this URL.")
    }

    fn graph(&mut self, ctx: &Ctx) -> Reply {
        let segs: Vec<&str> = ctx.segs.iter().map(String::as_str).collect();
        match segs.as_slice() {
            ["roleManagement", "directory", rest @ ..] => self.graph_roles(ctx, rest),
            ["identityGovernance", "privilegedAccess", "group", rest @ ..] => self.graph_groups(ctx, rest),
            ["policies", rest @ ..] => self.graph_policies(ctx, rest),
            ["auditLogs", "directoryAudits"] => self.graph_audit(ctx),
            ["identityGovernance", "accessReviews", "definitions", rest @ ..] => {
                self.graph_reviews(ctx, rest)
            }
            _ => self.graph_directory(ctx, &segs),
        }
    }
}
