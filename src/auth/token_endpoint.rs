//! The token endpoint: code redemption (with the PKCE verifier) and refresh, one resource per
//! call (Graph and ARM separately), sent through [`Transport`] as form posts. The browser's
//! fetch adds the `Origin` header that SPA redemption requires; nothing here sets it.

use serde_json::Value;

use super::authorize::AuthConfig;
use super::encode::form_encode;
use super::error::{AuthError, ServerError};
use super::scopes::OIDC_SCOPES;
use super::secret::{AccessToken, IdTokenJwt, RefreshToken};
use super::signin::CodeRedemption;
use crate::graph::{HttpRequest, HttpResponse, Method, Transport};

/// A successful token response. Secrets are redacted in `Debug`.
#[derive(Clone, Debug, PartialEq)]
pub struct TokenResponse {
    pub access_token: AccessToken,
    pub token_type: String,
    /// Seconds until the access token expires (about 3600).
    pub expires_in: i64,
    /// Granted scopes, space-separated, qualified with the resource.
    pub scope: String,
    /// Present when `offline_access` was granted.
    pub refresh_token: Option<RefreshToken>,
    /// Seconds the refresh token lives, when the service says so (read tolerantly `[I]`).
    pub refresh_token_expires_in: Option<i64>,
    pub id_token: Option<IdTokenJwt>,
}

/// The body that redeems an authorization code (no client secret: a SPA has none).
pub fn redemption_form(cfg: &AuthConfig, r: &CodeRedemption) -> String {
    let scope = r.scopes.join(" ");
    form_encode([
        ("client_id", cfg.client_id.as_str()),
        ("scope", &scope),
        ("code", r.code.expose()),
        ("redirect_uri", &cfg.redirect_uri),
        ("grant_type", "authorization_code"),
        ("code_verifier", r.verifier.expose()),
    ])
}

/// The body that refreshes: `scopes` of one resource, plus the OIDC scopes.
pub fn refresh_form(cfg: &AuthConfig, refresh_token: &RefreshToken, scopes: &[String]) -> String {
    let scope = OIDC_SCOPES
        .iter()
        .map(|s| s.to_string())
        .chain(scopes.iter().filter(|s| !OIDC_SCOPES.contains(&s.as_str())).cloned())
        .collect::<Vec<_>>()
        .join(" ");
    form_encode([
        ("client_id", cfg.client_id.as_str()),
        ("scope", &scope),
        ("refresh_token", refresh_token.expose()),
        ("grant_type", "refresh_token"),
    ])
}

/// `POST {login}/{tenant}/oauth2/v2.0/token` with a form body.
pub fn token_request(cfg: &AuthConfig, tenant: &str, body: String) -> HttpRequest {
    let mut request = HttpRequest::new(Method::Post, cfg.with_tenant(tenant).endpoint("token"))
        .with_header("Content-Type", "application/x-www-form-urlencoded");
    request.body = Some(body);
    request
}

/// Reads a token response: the success shape, or the identity platform's error shape as a
/// classified [`AuthError`].
pub fn parse_token_response(response: &HttpResponse) -> Result<TokenResponse, AuthError> {
    let body: Value = serde_json::from_str(&response.body).map_err(|_| {
        AuthError::MalformedResponse(format!(
            "HTTP {} from the token endpoint without a JSON body",
            response.status
        ))
    })?;
    if !response.is_success() || body.get("error").is_some() {
        // From text, not from_value: one deserializer for text in the wasm, none for Value.
        let error: ServerError = serde_json::from_str(&body.to_string()).map_err(|_| {
            AuthError::MalformedResponse(format!(
                "HTTP {} from the token endpoint without an error code",
                response.status
            ))
        })?;
        return Err(AuthError::from_server(error));
    }
    let text = |name: &str| body.get(name).and_then(Value::as_str).filter(|s| !s.is_empty());
    let seconds = |name: &str| match body.get(name) {
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    };
    let access_token = text("access_token")
        .ok_or_else(|| AuthError::MalformedResponse("the token response has no access_token".into()))?;
    Ok(TokenResponse {
        access_token: AccessToken::new(access_token),
        token_type: text("token_type").unwrap_or("Bearer").to_owned(),
        expires_in: seconds("expires_in")
            .ok_or_else(|| AuthError::MalformedResponse("the token response has no expires_in".into()))?,
        scope: text("scope").unwrap_or("").to_owned(),
        refresh_token: text("refresh_token").map(RefreshToken::new),
        refresh_token_expires_in: seconds("refresh_token_expires_in"),
        id_token: text("id_token").map(IdTokenJwt::new),
    })
}

/// Sends a token request and reads the answer.
pub async fn post_token(
    transport: &dyn Transport,
    cfg: &AuthConfig,
    tenant: &str,
    body: String,
) -> Result<TokenResponse, AuthError> {
    let response = transport
        .send(token_request(cfg, tenant, body))
        .await
        .map_err(|e| AuthError::Network(e.to_string()))?;
    parse_token_response(&response)
}

/// Redeems the code from the callback.
pub async fn redeem_code(
    transport: &dyn Transport,
    cfg: &AuthConfig,
    r: &CodeRedemption,
) -> Result<TokenResponse, AuthError> {
    post_token(transport, cfg, &r.tenant, redemption_form(cfg, r)).await
}

/// Trades the refresh token for an access token to one resource.
pub async fn refresh(
    transport: &dyn Transport,
    cfg: &AuthConfig,
    tenant: &str,
    refresh_token: &RefreshToken,
    scopes: &[String],
) -> Result<TokenResponse, AuthError> {
    post_token(transport, cfg, tenant, refresh_form(cfg, refresh_token, scopes)).await
}
