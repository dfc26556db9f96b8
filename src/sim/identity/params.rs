//! Reading `/authorize` parameters and scopes the way the identity platform does: first what
//! makes the redirect trustworthy (tenant, client, exact redirect URI), whose failures show an
//! error page; then the rest, whose failures go back on the redirect.

use serde_json::Value;

use super::errors::IdentityError;
use super::state::Resource;
use super::Sim;
use crate::config::Cloud;
use crate::sim::http::SplitUrl;

/// OpenID Connect scopes (no resource).
pub const OIDC: [&str; 4] = ["openid", "profile", "offline_access", "email"];

/// Where the redirect carries its answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResponseMode {
    Query,
    Fragment,
}

/// The `prompt` parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prompt {
    Login,
    None,
    SelectAccount,
    Consent,
}

/// One resource scope: `https://graph.microsoft.com/User.Read` is (Graph, prefix, `User.Read`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResourceScope {
    pub resource: Resource,
    /// The resource id as the client wrote it (`https://graph.microsoft.com`), empty when bare.
    pub prefix: String,
    pub permission: String,
}

/// A parsed `scope` parameter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scopes {
    pub oidc: Vec<String>,
    pub resources: Vec<ResourceScope>,
}

impl Scopes {
    /// True when the OIDC scope `name` was requested.
    pub fn has(&self, name: &str) -> bool {
        self.oidc.iter().any(|s| s == name)
    }

    /// The scopes of `resource`.
    pub fn of(&self, resource: Resource) -> impl Iterator<Item = &ResourceScope> {
        self.resources.iter().filter(move |s| s.resource == resource)
    }
}

/// Where an authorize answer may be sent: known client, registered redirect URI.
#[derive(Clone, Debug)]
pub struct Target {
    pub tenant: String,
    pub client_id: String,
    pub redirect_uri: String,
    pub mode: ResponseMode,
    pub state: Option<String>,
}

/// A complete, valid `/authorize` request.
#[derive(Clone, Debug)]
pub struct AuthorizeRequest {
    pub target: Target,
    pub scope: String,
    pub scopes: Scopes,
    pub nonce: Option<String>,
    pub challenge: String,
    pub prompt: Option<Prompt>,
    pub login_hint: Option<String>,
    /// The raw `claims` JSON, carried through the sign-in page.
    pub claims: Option<String>,
    /// Authentication contexts the claims ask for (`access_token.acrs`).
    pub acrs: Vec<String>,
}

impl Sim {
    /// The resource a scope prefix (`https://graph.microsoft.com`) names, in any cloud.
    fn resource_of(&self, prefix: &str) -> Option<Resource> {
        let norm = |s: &str| s.trim_end_matches('/').to_ascii_lowercase();
        let prefix = norm(prefix);
        let clouds = [Cloud::Public, Cloud::UsGov, Cloud::China].map(Cloud::endpoints);
        let graph = clouds
            .iter()
            .map(|e| e.graph.clone())
            .chain([self.endpoints.graph.clone(), "00000003-0000-0000-c000-000000000000".into()]);
        if graph.map(|g| norm(&g)).any(|g| g == prefix) {
            return Some(Resource::Graph);
        }
        let arm = clouds.iter().map(|e| e.arm.clone()).chain([
            self.endpoints.arm.clone(),
            "https://management.core.windows.net".into(),
            "https://management.core.usgovcloudapi.net".into(),
            "https://management.core.chinacloudapi.cn".into(),
        ]);
        arm.map(|a| norm(&a)).any(|a| a == prefix).then_some(Resource::Arm)
    }

    /// Reads a space-separated `scope` value.
    pub(crate) fn parse_scopes(&self, text: &str) -> Result<Scopes, IdentityError> {
        let mut out = Scopes::default();
        for item in text.split_whitespace() {
            if OIDC.contains(&item.to_ascii_lowercase().as_str()) {
                out.oidc.push(item.to_ascii_lowercase());
                continue;
            }
            let (prefix, permission) = match item.rsplit_once('/') {
                Some((p, perm)) if item.contains("://") || p.len() == 36 => (p.to_owned(), perm.to_owned()),
                Some(_) => return Err(IdentityError::InvalidScope(item.into())),
                None => (String::new(), item.to_owned()),
            };
            let resource = if prefix.is_empty() { Some(Resource::Graph) } else { self.resource_of(&prefix) };
            let valid_name =
                |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.');
            let ok = match resource {
                Some(Resource::Graph) => {
                    permission == ".default" || (valid_name(&permission) && permission.contains('.'))
                }
                Some(Resource::Arm) => {
                    permission == ".default" || permission.eq_ignore_ascii_case("user_impersonation")
                }
                None => false,
            };
            match resource.filter(|_| ok) {
                Some(resource) => out.resources.push(ResourceScope { resource, prefix, permission }),
                None => return Err(IdentityError::InvalidScope(item.into())),
            }
        }
        Ok(out)
    }

    /// Tenant, client and redirect URI: an `Err` here is shown as a page, never redirected.
    pub(crate) fn authorize_target(&self, tenant: &str, q: &SplitUrl) -> Result<Target, IdentityError> {
        if !self.knows_tenant(tenant) {
            return Err(IdentityError::TenantNotFound(tenant.into()));
        }
        let client_id = q.param("client_id").filter(|c| !c.is_empty());
        let client_id = client_id.ok_or(IdentityError::MissingParameter("client_id"))?;
        let app =
            self.identity.app(client_id).ok_or_else(|| IdentityError::UnknownClient(client_id.into()))?;
        let redirect_uri = q.param("redirect_uri").ok_or(IdentityError::MissingParameter("redirect_uri"))?;
        if !app.redirects.iter().any(|r| r.accepts(redirect_uri)) {
            return Err(IdentityError::RedirectMismatch {
                redirect_uri: redirect_uri.into(),
                client_id: client_id.into(),
            });
        }
        let mode = match q.param("response_mode") {
            Some("fragment") => ResponseMode::Fragment,
            _ => ResponseMode::Query,
        };
        Ok(Target {
            tenant: tenant.into(),
            client_id: app.client_id.clone(),
            redirect_uri: redirect_uri.into(),
            mode,
            state: q.param("state").map(str::to_owned),
        })
    }

    /// Everything else; an `Err` here goes back to the (trusted) redirect URI.
    pub(crate) fn authorize_request(
        &self,
        target: Target,
        q: &SplitUrl,
    ) -> Result<AuthorizeRequest, IdentityError> {
        match q.param("response_mode") {
            None | Some("query") | Some("fragment") => {}
            // form_post needs a page that posts itself: script, which this sim does not serve.
            Some(_) => return Err(IdentityError::InvalidParameter("response_mode")),
        }
        match q.param("response_type") {
            Some("code") => {}
            Some(other) => return Err(IdentityError::UnsupportedResponseType(other.into())),
            None => return Err(IdentityError::MissingParameter("response_type")),
        }
        let scope = q.param("scope").filter(|s| !s.trim().is_empty());
        let scope = scope.ok_or(IdentityError::MissingParameter("scope"))?.to_owned();
        let scopes = self.parse_scopes(&scope)?;
        let challenge =
            q.param("code_challenge").filter(|c| !c.is_empty()).ok_or(IdentityError::PkceRequired)?;
        match q.param("code_challenge_method") {
            Some("S256") => {}
            Some(m) => return Err(IdentityError::PkceMethodRefused(m.into())),
            None => return Err(IdentityError::PkceMethodRefused("plain".into())),
        }
        let base64url = |c: &str| c.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if challenge.len() != 43 || !base64url(challenge) {
            return Err(IdentityError::InvalidParameter("code_challenge"));
        }
        let prompt = match q.param("prompt") {
            None => None,
            Some("login") => Some(Prompt::Login),
            Some("none") => Some(Prompt::None),
            Some("select_account") => Some(Prompt::SelectAccount),
            Some("consent") => Some(Prompt::Consent),
            Some(_) => return Err(IdentityError::InvalidParameter("prompt")),
        };
        let claims = q.param("claims").filter(|c| !c.trim().is_empty()).map(str::to_owned);
        let acrs = match &claims {
            None => Vec::new(),
            Some(text) => requested_acrs(text).ok_or(IdentityError::InvalidParameter("claims"))?,
        };
        Ok(AuthorizeRequest {
            target,
            scope,
            scopes,
            nonce: q.param("nonce").filter(|n| !n.is_empty()).map(str::to_owned),
            challenge: challenge.into(),
            prompt,
            login_hint: q.param("login_hint").filter(|h| !h.is_empty()).map(str::to_owned),
            claims,
            acrs,
        })
    }
}

/// The authentication contexts a claims request asks for (`access_token.acrs.value` or
/// `.values`); `None` when the text is not a JSON object.
pub fn requested_acrs(text: &str) -> Option<Vec<String>> {
    let value: Value = serde_json::from_str(text).ok().filter(Value::is_object)?;
    let Some(acrs) = value.get("access_token").and_then(|a| a.get("acrs")) else { return Some(Vec::new()) };
    let mut out: Vec<String> =
        acrs.get("value").and_then(Value::as_str).map(str::to_owned).into_iter().collect();
    if let Some(list) = acrs.get("values").and_then(Value::as_array) {
        out.extend(list.iter().filter_map(Value::as_str).map(str::to_owned));
    }
    out.retain(|v| !v.is_empty() && v.len() <= 16 && v.bytes().all(|b| b.is_ascii_alphanumeric()));
    out.dedup();
    Some(out)
}
