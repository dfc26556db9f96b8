//! `POST token`: code redemption (PKCE verifier checked, codes single-use) and refresh (24-hour
//! fixed lifetime inherited by rotated tokens), one resource per call, `Origin` required, and
//! the ID token (`iss` = `{login}/{tid}/v2.0`, `aud` = client id, `nonce` from /authorize).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::errors::IdentityError;
use super::params::Scopes;
use super::state::{hash, Authentication, RefreshGrant, Resource};
use super::{Sim, SPA_REFRESH_TOKEN_LIFETIME, TOKEN_LIFETIME};
use crate::graph::{HttpRequest, HttpResponse, Method};
use crate::sim::http::{json_response, SplitUrl};
use crate::sim::token::{sign_claims, Audience};
use crate::sim::TokenClaims;

/// What a token response is issued from: a redeemed code or a refresh token.
struct Grant {
    client_id: String,
    auth: Authentication,
    nonce: Option<String>,
    /// The refresh-token family's start and fixed end.
    rt_issued: DateTime<Utc>,
    rt_expires: DateTime<Utc>,
}

/// The opaque `login_hint` claim for a user: base64url of `{oid}@{tid}`.
pub fn login_hint(oid: &str, tid: &str) -> String {
    URL_SAFE_NO_PAD.encode(format!("{oid}@{tid}"))
}

/// The user object id in a `login_hint` made by [`login_hint`].
pub fn user_of_hint(hint: &str) -> Option<String> {
    let text = String::from_utf8(URL_SAFE_NO_PAD.decode(hint).ok()?).ok()?;
    text.split_once('@').map(|(oid, _)| oid.to_owned())
}

impl Sim {
    pub(super) fn token_endpoint(
        &mut self,
        tenant: &str,
        req: &HttpRequest,
        now: DateTime<Utc>,
    ) -> HttpResponse {
        let origin = req.header("Origin").filter(|o| !o.is_empty()).map(str::to_owned);
        let resp = match self.token_grant(tenant, req, origin.is_some(), now) {
            Ok(body) => json_response(200, &body),
            Err(e) => {
                let ids = self.trace_ids(now);
                json_response(400, &e.body(&ids, &self.endpoints.login))
            }
        };
        let resp = resp.with_header("Cache-Control", "no-store, no-cache").with_header("Pragma", "no-cache");
        match origin {
            Some(o) => resp.with_header("Access-Control-Allow-Origin", o).with_header("Vary", "Origin"),
            None => resp,
        }
    }

    fn token_grant(
        &mut self,
        tenant: &str,
        req: &HttpRequest,
        has_origin: bool,
        now: DateTime<Utc>,
    ) -> Result<Value, IdentityError> {
        if req.method != Method::Post {
            return Err(IdentityError::PostOnly(req.method.as_str().into()));
        }
        if !self.knows_tenant(tenant) {
            return Err(IdentityError::TenantNotFound(tenant.into()));
        }
        let form = SplitUrl::parse(&format!("?{}", req.body.as_deref().unwrap_or("")));
        let param = |name: &str| form.param(name).filter(|v| !v.is_empty()).map(str::to_owned);
        let client_id = param("client_id").ok_or(IdentityError::MissingParameter("client_id"))?;
        if self.identity.app(&client_id).is_none() {
            return Err(IdentityError::UnknownClient(client_id));
        }
        let grant_type = param("grant_type").ok_or(IdentityError::MissingParameter("grant_type"))?;
        let grant = match grant_type.as_str() {
            "authorization_code" => {
                let code = param("code").ok_or(IdentityError::MissingParameter("code"))?;
                let redirect_uri =
                    param("redirect_uri").ok_or(IdentityError::MissingParameter("redirect_uri"))?;
                let verifier = param("code_verifier");
                self.redeem(&client_id, &code, &redirect_uri, verifier.as_deref(), has_origin, now)?
            }
            "refresh_token" => {
                let token = param("refresh_token").ok_or(IdentityError::MissingParameter("refresh_token"))?;
                self.refresh_grant(&client_id, &token, has_origin, now)?
            }
            other => return Err(IdentityError::UnsupportedGrantType(other.into())),
        };
        let scopes = self.parse_scopes(&param("scope").unwrap_or_else(|| "openid".into()))?;
        self.token_response(&grant, &scopes, form.param("scope").unwrap_or(""), now)
    }

    fn redeem(
        &mut self,
        client_id: &str,
        code: &str,
        redirect_uri: &str,
        verifier: Option<&str>,
        has_origin: bool,
        now: DateTime<Utc>,
    ) -> Result<Grant, IdentityError> {
        let code_hash = hash(code);
        let issued = self.identity.codes.iter_mut().find(|c| c.code_hash == code_hash);
        let issued = issued.ok_or(IdentityError::InvalidGrant("The authorization code is not valid."))?;
        if issued.redeemed {
            return Err(IdentityError::CodeRedeemed);
        }
        // Any attempt spends the code: a wrong verifier cannot be retried with the same code.
        issued.redeemed = true;
        let issued = issued.clone();
        if now >= issued.expires_at {
            return Err(IdentityError::CodeExpired);
        }
        if !issued.client_id.eq_ignore_ascii_case(client_id) {
            return Err(IdentityError::InvalidGrant("The code was issued to another application."));
        }
        if issued.redirect_uri != redirect_uri {
            return Err(IdentityError::InvalidGrant(
                "The redirect_uri is not the one the code was issued for.",
            ));
        }
        if !has_origin {
            return Err(IdentityError::CrossOriginRequired);
        }
        let verifier = verifier.ok_or(IdentityError::MissingParameter("code_verifier"))?;
        if URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes())) != issued.challenge {
            return Err(IdentityError::VerifierMismatch);
        }
        Ok(Grant {
            client_id: issued.client_id,
            rt_issued: now,
            rt_expires: now + SPA_REFRESH_TOKEN_LIFETIME,
            auth: issued.auth,
            nonce: issued.nonce,
        })
    }

    fn refresh_grant(
        &mut self,
        client_id: &str,
        token: &str,
        has_origin: bool,
        now: DateTime<Utc>,
    ) -> Result<Grant, IdentityError> {
        let token_hash = hash(token);
        let found = self.identity.refresh.iter().find(|r| r.token_hash == token_hash).cloned();
        let rt = found.ok_or(IdentityError::InvalidGrant("The refresh token is not valid."))?;
        if !rt.client_id.eq_ignore_ascii_case(client_id) {
            return Err(IdentityError::InvalidGrant("The refresh token was issued to another application."));
        }
        if !has_origin {
            return Err(IdentityError::CrossOriginRequired);
        }
        if now >= rt.expires_at {
            return Err(IdentityError::RefreshTokenExpired { issued_at: rt.issued_at });
        }
        Ok(Grant {
            client_id: rt.client_id,
            auth: rt.auth,
            nonce: None,
            rt_issued: rt.issued_at,
            rt_expires: rt.expires_at,
        })
    }

    /// The permissions the user holds for this app on `resource`: the consented ones, plus
    /// Graph's `User.Read`, which app registrations carry by default with tenant-wide consent.
    pub(super) fn granted(&self, user: &str, client_id: &str, resource: Resource) -> Vec<String> {
        let mut held = self.identity.consented(user, client_id, resource);
        if resource == Resource::Graph && !held.iter().any(|p| p.eq_ignore_ascii_case("User.Read")) {
            held.insert(0, "User.Read".into());
        }
        held
    }

    fn token_response(
        &mut self,
        g: &Grant,
        scopes: &Scopes,
        scope_text: &str,
        now: DateTime<Utc>,
    ) -> Result<Value, IdentityError> {
        let mut resources: Vec<Resource> = scopes.resources.iter().map(|s| s.resource).collect();
        resources.dedup();
        let resource = match resources.as_slice() {
            [] => Resource::Graph,
            [one] => *one,
            _ => return Err(IdentityError::IncompatibleScopes(scope_text.into())),
        };
        let held = self.granted(&g.auth.user, &g.client_id, resource);
        let missing = scopes.of(resource).any(|s| {
            s.permission != ".default" && !held.iter().any(|h| h.eq_ignore_ascii_case(&s.permission))
        });
        if missing {
            let app = self.identity.app(&g.client_id).map(|a| a.display_name.clone()).unwrap_or_default();
            return Err(IdentityError::ConsentMissing { client_id: g.client_id.clone(), app });
        }
        let (audience, canonical) = match resource {
            Resource::Graph => (Audience::Graph, "https://graph.microsoft.com"),
            Resource::Arm => (Audience::Arm, "https://management.azure.com"),
        };
        let prefix = scopes.of(resource).map(|s| s.prefix.clone()).find(|p| !p.is_empty());
        let prefix = prefix.unwrap_or_else(|| canonical.into());
        let claims = TokenClaims {
            scopes: held.clone(),
            amr: g.auth.amr.clone(),
            acrs: g.auth.acrs.clone(),
            audience,
            lifetime: TOKEN_LIFETIME,
        };
        let access_token = self.mint_token_at(&g.auth.user, claims, now);
        if access_token.is_empty() {
            return Err(IdentityError::InvalidGrant("The user no longer exists."));
        }
        let mut granted: Vec<String> =
            held.iter().map(|p| format!("{}/{p}", prefix.trim_end_matches('/'))).collect();
        granted.extend(scopes.oidc.iter().filter(|s| *s != "offline_access").cloned());
        let mut body = json!({
            "token_type": "Bearer",
            "scope": granted.join(" "),
            "expires_in": TOKEN_LIFETIME.num_seconds() - 1,
            "access_token": access_token,
        });
        if scopes.has("offline_access") {
            let rt = self.secret_value();
            self.identity.refresh.push(RefreshGrant {
                token_hash: hash(&rt),
                client_id: g.client_id.clone(),
                auth: g.auth.clone(),
                issued_at: g.rt_issued,
                expires_at: g.rt_expires,
            });
            body["refresh_token"] = json!(rt);
        }
        if scopes.has("openid") {
            body["id_token"] = json!(self.id_token(g, now));
        }
        Ok(body)
    }

    fn id_token(&mut self, g: &Grant, now: DateTime<Utc>) -> String {
        let user = self.user(&g.auth.user).cloned();
        let (name, upn) = user.map(|u| (u.display_name, u.upn)).unwrap_or_default();
        let mut claims = json!({
            "ver": "2.0",
            "iss": format!("{}/{}/v2.0", self.endpoints.login, self.tenant_id),
            "sub": crate::sim::rng::stable_guid(&[&g.auth.user, &g.client_id]),
            "aud": g.client_id,
            "iat": now.timestamp(),
            "nbf": now.timestamp(),
            "exp": (now + TOKEN_LIFETIME).timestamp(),
            "auth_time": g.auth.auth_time.timestamp(),
            "oid": g.auth.user,
            "tid": self.tenant_id,
            "name": name,
            "preferred_username": upn,
            "login_hint": login_hint(&g.auth.user, &self.tenant_id),
            "uti": self.rng.hex(8),
        });
        if let Some(nonce) = &g.nonce {
            claims["nonce"] = json!(nonce);
        }
        sign_claims(&self.secret, &claims)
    }
}
