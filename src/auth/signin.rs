//! One sign-in round trip: plan it, send the browser to `/authorize`, and read the redirect.
//!
//! The glue's part is thin: fill [`SignInRandom`] from `crypto.getRandomValues`, call
//! [`begin_sign_in`], store the [`PendingSignIn`] JSON in sessionStorage, set
//! `location.href`. On the way back: read `location.hash` (or `search`), erase it with
//! `history.replaceState`, take the pending record out of sessionStorage, call
//! [`complete_callback`], then `Session::complete_sign_in` with the redemption.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::authorize::{AuthConfig, AuthorizeRequest, Prompt, ResponseMode};
use super::claims::{AuthContextId, Claims};
use super::encode::parse_params;
use super::error::{AuthError, ServerError};
use super::pkce::{Nonce, Pkce, SignInRandom, State};
use super::scopes::OIDC_SCOPES;
use super::secret::{AuthCode, CodeVerifier};
use crate::graph::Api;

/// Why the app is sending the user to `/authorize`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "detail")]
pub enum RedirectReason {
    /// First sign-in, or after sign-out.
    SignIn,
    /// The refresh token died (24 h SPA lifetime) or was refused.
    SessionExpired,
    /// A feature needs permissions not yet consented.
    Consent,
    /// A write needs authentication context `id` (challenge or policy).
    StepUp(Option<AuthContextId>),
    /// A write needs a fresh multi-factor sign-in (PIM MfaRule).
    Mfa,
    /// The user switches to another tenant.
    TenantSwitch,
}

/// What the next `/authorize` trip asks for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SignInPlan {
    /// The resource the code is redeemed for (a code redeems for one resource).
    #[serde(with = "api_serde")]
    pub api: Api,
    /// That resource's scopes; `openid profile offline_access` are always added.
    pub scopes: Vec<String>,
    /// Other resources' scopes consented in the same trip (no second prompt for ARM later).
    pub consent_scopes: Vec<String>,
    pub prompt: Option<Prompt>,
    pub login_hint: Option<String>,
    pub domain_hint: Option<String>,
    /// A challenge or step-up request; `cp1` is merged in when the URL is built.
    pub claims: Option<Claims>,
    /// Another tenant than the configured one (tenant switch).
    pub tenant: Option<String>,
    pub reason: RedirectReason,
}

impl SignInPlan {
    /// A plain sign-in for `scopes` of `api`.
    pub fn new(api: Api, scopes: Vec<String>, reason: RedirectReason) -> SignInPlan {
        SignInPlan {
            api,
            scopes,
            consent_scopes: Vec::new(),
            prompt: None,
            login_hint: None,
            domain_hint: None,
            claims: None,
            tenant: None,
            reason,
        }
    }

    /// Every scope sent to `/authorize`: OIDC scopes, the resource's, then the extra consents.
    pub fn authorize_scopes(&self) -> Vec<String> {
        dedup(
            OIDC_SCOPES
                .iter()
                .map(|s| s.to_string())
                .chain(self.scopes.iter().chain(&self.consent_scopes).cloned()),
        )
    }

    /// The scopes the code is redeemed for: OIDC scopes plus the one resource's.
    pub fn redemption_scopes(&self) -> Vec<String> {
        dedup(OIDC_SCOPES.iter().map(|s| s.to_string()).chain(self.scopes.iter().cloned()))
    }

    /// The interactive plan to try when this silent one (`prompt=none`) came back with an
    /// error that needs the user; `None` if this plan was not silent or the error is final.
    pub fn after_silent_failure(&self, error: &AuthError) -> Option<SignInPlan> {
        let needs_user = matches!(
            error,
            AuthError::LoginRequired(_)
                | AuthError::InteractionRequired(_)
                | AuthError::ConsentRequired(_)
                | AuthError::ConsentMissing(_)
                | AuthError::MfaRequired(_)
        );
        (self.prompt == Some(Prompt::None) && needs_user).then(|| SignInPlan { prompt: None, ..self.clone() })
    }
}

fn dedup(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in items {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&s)) {
            out.push(s);
        }
    }
    out
}

/// Kept in sessionStorage from the redirect to the callback, then deleted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PendingSignIn {
    pub verifier: CodeVerifier,
    pub state: State,
    pub nonce: Nonce,
    pub plan: SignInPlan,
    /// The tenant `/authorize` was called for; the code is redeemed there.
    pub tenant: String,
    /// The in-app path to return to (route and query of the page the user was on).
    pub return_path: String,
    /// Opaque to this module: the half-filled form or pending operation the UI wants back.
    pub resume: Option<Value>,
    pub started_at: DateTime<Utc>,
}

/// Starts a sign-in: the `/authorize` URL to navigate to, and the record to keep until the
/// callback.
pub fn begin_sign_in(
    cfg: &AuthConfig,
    plan: SignInPlan,
    return_path: &str,
    resume: Option<Value>,
    random: &SignInRandom,
    now: DateTime<Utc>,
) -> (String, PendingSignIn) {
    let pkce = Pkce::from_random(&random.verifier);
    let tenant = plan.tenant.clone().unwrap_or_else(|| cfg.tenant.clone());
    let request = AuthorizeRequest {
        scopes: plan.authorize_scopes(),
        response_mode: ResponseMode::default(),
        state: State::from_random(&random.state),
        nonce: Nonce::from_random(&random.nonce),
        code_challenge: pkce.challenge,
        prompt: plan.prompt,
        login_hint: plan.login_hint.clone(),
        domain_hint: plan.domain_hint.clone(),
        claims: Some(
            plan.claims.clone().map_or_else(Claims::client_capability, Claims::with_client_capability),
        ),
    };
    let url = request.url(&cfg.with_tenant(&tenant));
    let pending = PendingSignIn {
        verifier: pkce.verifier,
        state: request.state,
        nonce: request.nonce,
        plan,
        tenant,
        return_path: return_path.to_owned(),
        resume,
        started_at: now,
    };
    (url, pending)
}

/// What the token endpoint needs to redeem the code, with what checking the ID token needs.
#[derive(Clone, Debug, PartialEq)]
pub struct CodeRedemption {
    pub code: AuthCode,
    pub verifier: CodeVerifier,
    pub nonce: Nonce,
    pub api: Api,
    pub scopes: Vec<String>,
    pub tenant: String,
}

/// Reads the redirect's parameters (`#…`, `?…` or the whole URL). Checks `state` before
/// anything else, then turns `error`/`error_description` into a typed error, then yields the
/// code with what is needed to redeem it.
pub fn complete_callback(params: &str, pending: &PendingSignIn) -> Result<CodeRedemption, AuthError> {
    let params = parse_params(params);
    let get = |name: &str| params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    if get("state") != Some(pending.state.0.as_str()) {
        return Err(AuthError::StateMismatch);
    }
    if let Some(error) = get("error") {
        return Err(AuthError::from_server(ServerError {
            error: error.to_owned(),
            error_description: get("error_description").unwrap_or("").to_owned(),
            ..ServerError::default()
        }));
    }
    let code = get("code").filter(|c| !c.is_empty()).ok_or(AuthError::MissingCode)?;
    Ok(CodeRedemption {
        code: AuthCode::new(code),
        verifier: pending.verifier.clone(),
        nonce: pending.nonce.clone(),
        api: pending.plan.api,
        scopes: pending.plan.redemption_scopes(),
        tenant: pending.tenant.clone(),
    })
}

/// `Api` as `"graph"` / `"arm"` in stored records.
pub(crate) mod api_serde {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::graph::Api;

    pub fn serialize<S: Serializer>(api: &Api, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(match api {
            Api::Graph => "graph",
            Api::Arm => "arm",
        })
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Api, D::Error> {
        match String::deserialize(d)?.as_str() {
            "graph" => Ok(Api::Graph),
            "arm" => Ok(Api::Arm),
            other => Err(serde::de::Error::custom(format!("unknown api {other}"))),
        }
    }
}
