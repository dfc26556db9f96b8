//! Bearer tokens the sim issues and checks: JWT-shaped (`header.payload.signature`, base64url),
//! signed with HMAC-SHA-256 under a per-tenant secret, so a tampered token is refused.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The resource a token is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Audience {
    Graph,
    Arm,
}

impl Audience {
    /// The `aud` claim value.
    pub fn claim(self) -> &'static str {
        match self {
            Audience::Graph => "https://graph.microsoft.com",
            Audience::Arm => "https://management.azure.com/",
        }
    }
}

/// Every delegated Graph scope the console uses (API.md §1).
pub const GRAPH_SCOPES: &[&str] = &[
    "RoleManagement.Read.Directory",
    "RoleEligibilitySchedule.ReadWrite.Directory",
    "RoleAssignmentSchedule.ReadWrite.Directory",
    "RoleManagementPolicy.ReadWrite.Directory",
    "PrivilegedAccess.ReadWrite.AzureAD",
    "PrivilegedEligibilitySchedule.ReadWrite.AzureADGroup",
    "PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup",
    "RoleManagementPolicy.ReadWrite.AzureADGroup",
    "AuditLog.Read.All",
    "Directory.Read.All",
    "AccessReview.ReadWrite.All",
    "User.Read",
];

/// What a minted token says about the session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenClaims {
    /// Delegated scopes (`scp`), e.g. `RoleAssignmentSchedule.ReadWrite.Directory`.
    pub scopes: Vec<String>,
    /// Authentication methods (`amr`), e.g. `["pwd"]` or `["pwd","mfa"]`.
    pub amr: Vec<String>,
    /// Satisfied authentication contexts (`acrs`), e.g. `["c1"]`.
    pub acrs: Vec<String>,
    pub audience: Audience,
    pub lifetime: Duration,
}

impl TokenClaims {
    /// A one-hour Graph token with every scope the console uses, password only.
    pub fn graph() -> Self {
        TokenClaims {
            scopes: GRAPH_SCOPES.iter().map(|s| s.to_string()).collect(),
            amr: vec!["pwd".into()],
            acrs: Vec::new(),
            audience: Audience::Graph,
            lifetime: Duration::hours(1),
        }
    }

    /// A one-hour ARM token (`user_impersonation`), password only.
    pub fn arm() -> Self {
        TokenClaims { scopes: vec!["user_impersonation".into()], audience: Audience::Arm, ..Self::graph() }
    }

    /// The same claims after an MFA sign-in.
    pub fn with_mfa(mut self) -> Self {
        self.amr = vec!["pwd".into(), "mfa".into()];
        self
    }

    /// The same claims with an authentication context satisfied.
    pub fn with_acrs(mut self, value: &str) -> Self {
        self.acrs.push(value.into());
        self
    }

    /// The same claims with exactly these scopes.
    pub fn with_scopes(mut self, scopes: &[&str]) -> Self {
        self.scopes = scopes.iter().map(|s| s.to_string()).collect();
        self
    }

    /// The same claims with another lifetime.
    pub fn with_lifetime(mut self, lifetime: Duration) -> Self {
        self.lifetime = lifetime;
        self
    }
}

/// The token payload.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Payload {
    pub aud: String,
    pub iss: String,
    pub iat: i64,
    pub nbf: i64,
    pub exp: i64,
    pub oid: String,
    pub tid: String,
    pub scp: String,
    pub amr: Vec<String>,
    #[serde(default)]
    pub acrs: Vec<String>,
    pub name: String,
    pub preferred_username: String,
    pub uti: String,
}

/// Why a token was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenFault {
    Missing,
    Malformed,
    BadSignature,
    Expired,
    WrongAudience,
}

impl TokenFault {
    /// The message the service would give.
    pub fn message(self) -> &'static str {
        match self {
            TokenFault::Missing => "Access token is empty.",
            TokenFault::Malformed => "IDX14100: JWT is not well formed.",
            TokenFault::BadSignature => "Access token validation failure. Invalid signature.",
            TokenFault::Expired => "Lifetime validation failed, the token is expired.",
            TokenFault::WrongAudience => "Access token validation failure. Invalid audience.",
        }
    }
}

fn hmac(secret: &[u8], data: &[u8]) -> Vec<u8> {
    let mut key = [0u8; 64];
    if secret.len() > 64 {
        key[..32].copy_from_slice(&Sha256::digest(secret));
    } else {
        key[..secret.len()].copy_from_slice(secret);
    }
    let mut inner = Sha256::new();
    inner.update(key.map(|b| b ^ 0x36));
    inner.update(data);
    let mut outer = Sha256::new();
    outer.update(key.map(|b| b ^ 0x5c));
    outer.update(inner.finalize());
    outer.finalize().to_vec()
}

/// Signs a payload into a token.
pub fn sign(secret: &str, payload: &Payload) -> String {
    sign_claims(secret, payload)
}

/// Signs any JSON claims set into a JWT-shaped token (access and ID tokens alike).
pub fn sign_claims<T: Serialize>(secret: &str, claims: &T) -> String {
    let header = URL_SAFE_NO_PAD.encode(br#"{"typ":"JWT","alg":"HS256","kid":"sim"}"#);
    let body = URL_SAFE_NO_PAD.encode(serde_json::to_vec(claims).unwrap_or_default());
    let signing_input = format!("{header}.{body}");
    let sig = URL_SAFE_NO_PAD.encode(hmac(secret.as_bytes(), signing_input.as_bytes()));
    format!("{signing_input}.{sig}")
}

/// Checks a token's signature, lifetime and audience.
pub fn verify(
    secret: &str,
    token: &str,
    audience: Audience,
    now: DateTime<Utc>,
) -> Result<Payload, TokenFault> {
    let parts: Vec<&str> = token.trim().split('.').collect();
    if parts.len() != 3 {
        return Err(if token.trim().is_empty() { TokenFault::Missing } else { TokenFault::Malformed });
    }
    let expected =
        URL_SAFE_NO_PAD.encode(hmac(secret.as_bytes(), format!("{}.{}", parts[0], parts[1]).as_bytes()));
    let body = URL_SAFE_NO_PAD.decode(parts[1]).map_err(|_| TokenFault::Malformed)?;
    let payload: Payload = serde_json::from_slice(&body).map_err(|_| TokenFault::Malformed)?;
    if expected != parts[2] {
        return Err(TokenFault::BadSignature);
    }
    if payload.aud != audience.claim() {
        return Err(TokenFault::WrongAudience);
    }
    let t = now.timestamp();
    if t >= payload.exp || t + 300 < payload.nbf {
        return Err(TokenFault::Expired);
    }
    Ok(payload)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn payload(exp: i64) -> Payload {
        Payload {
            aud: Audience::Graph.claim().into(),
            iss: "sim".into(),
            iat: 0,
            nbf: 0,
            exp,
            oid: "o".into(),
            tid: "t".into(),
            scp: "User.Read".into(),
            amr: vec!["pwd".into()],
            acrs: vec![],
            name: "n".into(),
            preferred_username: "u".into(),
            uti: "x".into(),
        }
    }

    #[test]
    fn tampering_expiry_and_audience_are_detected() {
        let now = DateTime::from_timestamp(1000, 0).unwrap();
        let token = sign("secret", &payload(2000));
        assert_eq!(verify("secret", &token, Audience::Graph, now).unwrap().oid, "o");
        assert_eq!(verify("other", &token, Audience::Graph, now).unwrap_err(), TokenFault::BadSignature);
        assert_eq!(verify("secret", &token, Audience::Arm, now).unwrap_err(), TokenFault::WrongAudience);
        let later = DateTime::from_timestamp(2000, 0).unwrap();
        assert_eq!(verify("secret", &token, Audience::Graph, later).unwrap_err(), TokenFault::Expired);
        let mut forged = payload(9999);
        forged.oid = "someone-else".into();
        let forged_body = sign("secret", &forged);
        let mixed = format!(
            "{}.{}.{}",
            token.split('.').next().unwrap(),
            forged_body.split('.').nth(1).unwrap(),
            token.split('.').nth(2).unwrap()
        );
        assert_eq!(verify("secret", &mixed, Audience::Graph, now).unwrap_err(), TokenFault::BadSignature);
        assert_eq!(verify("secret", "abc", Audience::Graph, now).unwrap_err(), TokenFault::Malformed);
    }
}
