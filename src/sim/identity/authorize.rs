//! `GET authorize`, `GET authorize/complete` (the sign-in page's form) and `GET logout`: the
//! browser-facing endpoints, with the directory session kept in the `sim_session` cookie.

use chrono::{DateTime, Utc};

use super::errors::IdentityError;
use super::page::{error_page, html, sign_in_page, signed_out_page, PageContext};
use super::params::{AuthorizeRequest, Prompt, ResponseMode, Target};
use super::state::{hash, Authentication, DirectorySession, IssuedCode, Resource};
use super::{Sim, CODE_LIFETIME, DIRECTORY_SESSION_LIFETIME, SESSION_COOKIE};
use crate::graph::{HttpRequest, HttpResponse, Method};
use crate::sim::http::{percent_encode, SplitUrl};

/// How a sign-in may proceed without showing the page.
enum Silent {
    /// The directory session covers it: issue a code.
    Session(Authentication),
    /// It cannot: the error `prompt=none` answers.
    Refused(IdentityError),
}

impl Sim {
    pub(super) fn authorize(
        &mut self,
        tenant: &str,
        q: &SplitUrl,
        req: &HttpRequest,
        now: DateTime<Utc>,
    ) -> HttpResponse {
        if req.method != Method::Get {
            return HttpResponse::new(405, "Method not allowed").with_header("Allow", "GET");
        }
        let request = match self.authorize_parse(tenant, q, now) {
            Ok(r) => r,
            Err(resp) => return *resp,
        };
        let silent = self.silent(&request, req, now);
        match (request.prompt, silent) {
            (Some(Prompt::None), Silent::Session(auth)) => self.issue_code(&request, auth, None, now),
            (Some(Prompt::None), Silent::Refused(e)) => self.redirect_error(&request.target, &e, now),
            (None, Silent::Session(auth)) => self.issue_code(&request, auth, None, now),
            _ => self.page(&request, self.session_user(req, now), None),
        }
    }

    pub(super) fn authorize_complete(
        &mut self,
        tenant: &str,
        q: &SplitUrl,
        req: &HttpRequest,
        now: DateTime<Utc>,
    ) -> HttpResponse {
        let request = match self.authorize_parse(tenant, q, now) {
            Ok(r) => r,
            Err(resp) => return *resp,
        };
        if q.param("action") == Some("cancel") {
            return self.redirect_error(&request.target, &IdentityError::AccessDenied, now);
        }
        let Some(user) = q.param("persona").and_then(|p| self.user(p)).map(|u| u.id.clone()) else {
            return self.page(&request, None, Some("Choose a persona to sign in as."));
        };
        let mut amr = vec!["pwd".to_owned()];
        if q.param("mfa") == Some("1") {
            amr.push("mfa".into());
        }
        let acrs: Vec<String> = q
            .query
            .iter()
            .filter(|(k, v)| k == "acrs" && request.acrs.contains(v))
            .map(|(_, v)| v.clone())
            .collect();
        let mut auth = Authentication { user, amr, acrs, auth_time: now };
        // The same user in the same browser keeps what the session already proved.
        let previous = session_id(req).and_then(|id| self.identity.session(&id, now).cloned());
        if let Some(prev) = previous.filter(|s| s.auth.user == auth.user) {
            if prev.auth.mfa() && !auth.mfa() {
                auth.amr.push("mfa".into());
            }
            for a in prev.auth.acrs {
                if !auth.acrs.contains(&a) {
                    auth.acrs.push(a);
                }
            }
        }
        for resource in [Resource::Graph, Resource::Arm] {
            let perms: Vec<String> = request.scopes.of(resource).map(|s| s.permission.clone()).collect();
            self.identity.consent(&auth.user, &request.target.client_id, resource, &perms);
        }
        let id = self.secret_value();
        if let Some(old) = session_id(req) {
            self.identity.sessions.retain(|s| s.id != old);
        }
        let mut for_code = auth.clone();
        for_code.acrs.retain(|a| request.acrs.contains(a));
        let session = DirectorySession { id: id.clone(), auth, expires_at: now + DIRECTORY_SESSION_LIFETIME };
        self.identity.sessions.push(session);
        let cookie = format!("{SESSION_COOKIE}={id}; {}", self.cookie_attributes());
        self.issue_code(&request, for_code, Some(cookie), now)
    }

    pub(super) fn logout(
        &mut self,
        tenant: &str,
        q: &SplitUrl,
        req: &HttpRequest,
        now: DateTime<Utc>,
    ) -> HttpResponse {
        if !self.knows_tenant(tenant) {
            let ids = self.trace_ids(now);
            return html(
                400,
                error_page(&self.css_url(), &IdentityError::TenantNotFound(tenant.into()), &ids),
            );
        }
        if let Some(id) = session_id(req) {
            self.identity.sessions.retain(|s| s.id != id);
        }
        let expired = format!("{SESSION_COOKIE}=; Max-Age=0; {}", self.cookie_attributes());
        let back = q
            .param("post_logout_redirect_uri")
            .filter(|uri| self.identity.apps.iter().any(|a| a.redirects.iter().any(|r| r.accepts(uri))));
        match back {
            Some(uri) => HttpResponse::new(302, "")
                .with_header("Location", uri)
                .with_header("Set-Cookie", expired)
                .with_header("Cache-Control", "no-store"),
            None => html(200, signed_out_page(&self.css_url())).with_header("Set-Cookie", expired),
        }
    }

    /// Both validation stages; the `Err` is the page or redirect to answer.
    fn authorize_parse(
        &mut self,
        tenant: &str,
        q: &SplitUrl,
        now: DateTime<Utc>,
    ) -> Result<AuthorizeRequest, Box<HttpResponse>> {
        let target = match self.authorize_target(tenant, q) {
            Ok(t) => t,
            Err(e) => {
                let ids = self.trace_ids(now);
                return Err(Box::new(html(400, error_page(&self.css_url(), &e, &ids))));
            }
        };
        self.authorize_request(target.clone(), q).map_err(|e| Box::new(self.redirect_error(&target, &e, now)))
    }

    /// Whether the directory session can answer this request without the page.
    fn silent(&self, r: &AuthorizeRequest, req: &HttpRequest, now: DateTime<Utc>) -> Silent {
        let Some(session) = session_id(req).and_then(|id| self.identity.session(&id, now)) else {
            return Silent::Refused(IdentityError::LoginRequired);
        };
        let auth = &session.auth;
        if let Some(hint) = &r.login_hint {
            if !self.hint_names(hint, &auth.user) {
                return Silent::Refused(IdentityError::LoginRequired);
            }
        }
        if r.acrs.iter().any(|a| !auth.acrs.contains(a)) {
            let what = r.scopes.resources.first().map_or("the application".into(), |s| s.prefix.clone());
            return Silent::Refused(IdentityError::InteractionRequired(what));
        }
        for resource in [Resource::Graph, Resource::Arm] {
            let held = self.granted(&auth.user, &r.target.client_id, resource);
            let missing = r.scopes.of(resource).any(|s| {
                s.permission != ".default" && !held.iter().any(|h| h.eq_ignore_ascii_case(&s.permission))
            });
            if missing {
                let app = self
                    .identity
                    .app(&r.target.client_id)
                    .map(|a| a.display_name.clone())
                    .unwrap_or_default();
                return Silent::Refused(IdentityError::ConsentRequired {
                    client_id: r.target.client_id.clone(),
                    app,
                });
            }
        }
        let mut auth = auth.clone();
        auth.acrs.retain(|a| r.acrs.contains(a));
        Silent::Session(auth)
    }

    /// True when a `login_hint` (UPN, object id, or the ID token's opaque hint) names `user`.
    fn hint_names(&self, hint: &str, user: &str) -> bool {
        let by_hint = super::token::user_of_hint(hint);
        let named = by_hint.as_deref().unwrap_or(hint);
        self.user(named).is_some_and(|u| u.id == user)
    }

    /// The user of the live directory session of this browser.
    fn session_user(&self, req: &HttpRequest, now: DateTime<Utc>) -> Option<String> {
        session_id(req).and_then(|id| self.identity.session(&id, now)).map(|s| s.auth.user.clone())
    }

    fn page(
        &mut self,
        r: &AuthorizeRequest,
        session_user: Option<String>,
        notice: Option<&str>,
    ) -> HttpResponse {
        let hinted = r.login_hint.as_deref().and_then(|h| {
            let id = super::token::user_of_hint(h).unwrap_or_else(|| h.to_owned());
            self.user(&id).map(|u| u.id.clone())
        });
        let preselect = hinted.or(session_user);
        let action = format!("{}/{}/oauth2/v2.0/authorize/complete", self.endpoints.login, r.target.tenant);
        let app = self.identity.app(&r.target.client_id).map(|a| a.display_name.clone()).unwrap_or_default();
        let personas = Sim::personas();
        let css = self.css_url();
        let ctx = PageContext {
            action: &action,
            css: &css,
            app_name: &app,
            personas: &personas,
            preselect: preselect.as_deref(),
            notice,
        };
        html(200, sign_in_page(r, &ctx))
    }

    /// Stores a single-use code and redirects with it.
    fn issue_code(
        &mut self,
        r: &AuthorizeRequest,
        auth: Authentication,
        cookie: Option<String>,
        now: DateTime<Utc>,
    ) -> HttpResponse {
        let code = self.secret_value();
        self.identity.codes.push(IssuedCode {
            code_hash: hash(&code),
            client_id: r.target.client_id.clone(),
            redirect_uri: r.target.redirect_uri.clone(),
            challenge: r.challenge.clone(),
            nonce: r.nonce.clone(),
            auth,
            expires_at: now + CODE_LIFETIME,
            redeemed: false,
        });
        let resp = redirect(&r.target, &[("code", &code)]);
        match cookie {
            Some(c) => resp.with_header("Set-Cookie", c),
            None => resp,
        }
    }

    /// The error on the redirect, as the service sends it.
    pub(super) fn redirect_error(
        &mut self,
        t: &Target,
        e: &IdentityError,
        now: DateTime<Utc>,
    ) -> HttpResponse {
        let ids = self.trace_ids(now);
        let description = e.description(&ids);
        redirect(t, &[("error", e.error()), ("error_description", &description)])
    }

    /// `Path` from the login base; `Secure` on https.
    fn cookie_attributes(&self) -> String {
        let login = &self.endpoints.login;
        let after_scheme = login.split_once("://").map_or(login.as_str(), |(_, r)| r);
        let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
        let secure = if login.starts_with("https://") { "; Secure" } else { "" };
        format!("Path={path}; HttpOnly; SameSite=Lax{secure}")
    }
}

/// 302 to the redirect URI with `pairs` (and `state`) in the fragment or the query.
fn redirect(t: &Target, pairs: &[(&str, &str)]) -> HttpResponse {
    let mut params: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={}", percent_encode(v))).collect();
    if let Some(state) = &t.state {
        params.push(format!("state={}", percent_encode(state)));
    }
    let joined = params.join("&");
    let location = match t.mode {
        ResponseMode::Fragment => format!("{}#{joined}", t.redirect_uri),
        ResponseMode::Query if t.redirect_uri.contains('?') => format!("{}&{joined}", t.redirect_uri),
        ResponseMode::Query => format!("{}?{joined}", t.redirect_uri),
    };
    HttpResponse::new(302, "").with_header("Location", location).with_header("Cache-Control", "no-store")
}

/// The `sim_session` value of the request's `Cookie` header.
fn session_id(req: &HttpRequest) -> Option<String> {
    req.headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("cookie"))
        .flat_map(|(_, v)| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, v)| *k == SESSION_COOKIE && !v.is_empty())
        .map(|(_, v)| v.to_owned())
}
