//! Reading and checking the ID token.
//!
//! The signature is not verified, deliberately: the token arrives straight from the token
//! endpoint, over TLS, in the response to a request this code made with a PKCE verifier only it
//! knows (OpenID Connect Core §3.1.3.7 allows TLS server validation in place of the signature
//! for this case). What is checked is what ties the token to this sign-in: `nonce`, `aud`,
//! `iss`, `exp`.

use chrono::{DateTime, Duration, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::authorize::AuthConfig;
use super::encode::base64_decode_any;
use super::error::AuthError;
use super::pkce::Nonce;
use crate::config::is_guid;

/// How far the token's `exp` may lie in the past, for clocks that disagree.
pub const CLOCK_SKEW: Duration = Duration::minutes(5);

/// The signed-in user, from the ID token.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// Object id: the `principalId` of self-service requests.
    pub oid: String,
    /// Tenant id of the sign-in.
    pub tid: String,
    /// Display name.
    pub name: Option<String>,
    /// Usually the UPN or e-mail.
    pub preferred_username: Option<String>,
    /// Opaque hint for `login_hint` / `logout_hint` (optional claim).
    pub login_hint: Option<String>,
}

impl Account {
    /// What to pass as `login_hint` on the next `/authorize`: the `login_hint` claim, else the
    /// username.
    pub fn hint(&self) -> Option<String> {
        self.login_hint.clone().or_else(|| self.preferred_username.clone())
    }
}

/// The JSON payload of a JWT (the middle segment); no signature check, see the module docs.
pub fn decode_jwt_payload(jwt: &str) -> Result<Value, AuthError> {
    let mut parts = jwt.split('.');
    let payload = match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(_), Some(p), Some(_), None) => p,
        _ => return Err(AuthError::IdTokenMalformed("it is not a three-part JWT".into())),
    };
    let bytes = base64_decode_any(payload)
        .ok_or_else(|| AuthError::IdTokenMalformed("its payload is not base64url".into()))?;
    serde_json::from_slice(&bytes).map_err(|_| AuthError::IdTokenMalformed("its payload is not JSON".into()))
}

/// Checks the ID token against this sign-in and reads the account. Order: nonce, audience,
/// issuer (v2.0, `{login}/{tid}/v2.0`), tenant (when the app is bound to one tenant id), expiry.
pub fn validate_id_token(
    jwt: &str,
    cfg: &AuthConfig,
    nonce: &Nonce,
    tenant: &str,
    now: DateTime<Utc>,
) -> Result<Account, AuthError> {
    let claims = decode_jwt_payload(jwt)?;
    let text = |name: &str| claims.get(name).and_then(Value::as_str).map(str::to_owned);
    let required = |name: &'static str| {
        text(name).ok_or_else(|| AuthError::IdTokenMalformed(format!("the \"{name}\" claim is missing")))
    };
    if text("nonce").as_deref() != Some(nonce.0.as_str()) {
        return Err(AuthError::NonceMismatch);
    }
    let aud_ok = match claims.get("aud") {
        Some(Value::String(a)) => *a == cfg.client_id,
        Some(Value::Array(list)) => list.iter().any(|a| a.as_str() == Some(cfg.client_id.as_str())),
        _ => false,
    };
    if !aud_ok {
        let found = claims.get("aud").map(|a| a.to_string().trim_matches('"').to_owned()).unwrap_or_default();
        return Err(AuthError::AudienceMismatch { expected: cfg.client_id.clone(), found });
    }
    let tid = required("tid")?;
    let expected = cfg.expected_issuer(&tid);
    let iss = required("iss")?;
    if iss != expected {
        return Err(AuthError::IssuerMismatch { expected, found: iss });
    }
    if is_guid(tenant) && !tenant.eq_ignore_ascii_case(&tid) {
        return Err(AuthError::TenantMismatch { expected: tenant.to_owned(), found: tid });
    }
    let exp = claims
        .get("exp")
        .and_then(Value::as_i64)
        .and_then(|s| Utc.timestamp_opt(s, 0).single())
        .ok_or_else(|| AuthError::IdTokenMalformed("the \"exp\" claim is missing".into()))?;
    if now > exp + CLOCK_SKEW {
        return Err(AuthError::IdTokenExpired);
    }
    Ok(Account {
        oid: required("oid")?,
        tid,
        name: text("name"),
        preferred_username: text("preferred_username"),
        login_hint: text("login_hint"),
    })
}
