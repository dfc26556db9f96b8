//! The refresh itself, the redirect plans a session hands out (silent re-sign-in, consent,
//! step-up, MFA, tenant switch), and both ends of a redirect with the session's config and clock.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::authorize::Prompt;
use super::claims::Claims;
use super::error::AuthError;
use super::id_token::Account;
use super::pkce::SignInRandom;
use super::scopes::Feature;
use super::secret::AccessToken;
use super::session::{Cached, Session, State};
use super::signin::{begin_sign_in, complete_callback, PendingSignIn, RedirectReason, SignInPlan};
use super::token_endpoint::refresh;
use crate::graph::Api;

impl Session {
    /// Starts the redirect for `plan`: the URL to navigate to and the record to keep in
    /// sessionStorage (see [`begin_sign_in`]).
    pub fn begin(
        &self,
        plan: SignInPlan,
        return_path: &str,
        resume: Option<Value>,
        random: &SignInRandom,
    ) -> (String, PendingSignIn) {
        begin_sign_in(&self.0.cfg, plan, return_path, resume, random, self.0.clock.now())
    }

    /// Ends the redirect: checks the callback parameters against the stored record, redeems
    /// the code and installs the new session.
    pub async fn finish(&self, callback_params: &str, pending: &PendingSignIn) -> Result<Account, AuthError> {
        let redemption = complete_callback(callback_params, pending)?;
        self.complete_sign_in(redemption).await
    }

    /// `Ok` when a refresh can be tried for `api`; else the redirect that replaces it: silent
    /// (`prompt=none`) when a session existed, interactive when nobody signed in.
    pub(super) fn refresh_token_alive(
        &self,
        st: &State,
        now: DateTime<Utc>,
        api: Api,
    ) -> Result<(), SignInPlan> {
        match &st.signed_in {
            Some(s) if now < s.refresh_expires_at => Ok(()),
            Some(_) => Err(self.plan_from(st, api, RedirectReason::SessionExpired, Some(Prompt::None))),
            None => Err(self.plan_from(st, api, RedirectReason::SignIn, None)),
        }
    }

    /// One /token call for `api`, made for session `version`; its result is dropped if the
    /// session changed meanwhile.
    pub(super) async fn run_refresh(
        self,
        api: Api,
        version: u64,
        flight: u64,
    ) -> Result<AccessToken, AuthError> {
        let inner = &self.0;
        let (refresh_token, tenant, scopes) = {
            let st = inner.state.borrow();
            let Some(s) = st.signed_in.as_ref().filter(|_| st.version == version) else {
                return Err(AuthError::SessionChanged);
            };
            (s.refresh_token.clone(), s.tenant.clone(), self.scopes_for(s, api))
        };
        let result = refresh(&*inner.transport, &inner.cfg, &tenant, &refresh_token, &scopes).await;
        let now = inner.clock.now();
        let outcome = {
            let mut st = inner.state.borrow_mut();
            if st.in_flight.get(&api).is_some_and(|(id, _)| *id == flight) {
                st.in_flight.remove(&api);
            }
            if st.version != version {
                return Err(AuthError::SessionChanged);
            }
            match result {
                Ok(response) => {
                    let expires_at = now + chrono::Duration::seconds(response.expires_in);
                    st.tokens.insert(api, Cached { token: response.access_token.clone(), expires_at });
                    if let (Some(s), Some(rotated)) = (st.signed_in.as_mut(), response.refresh_token) {
                        // The successor inherits the original expiry: SPA lifetimes do not slide.
                        s.refresh_token = rotated;
                    }
                    Ok(response.access_token)
                }
                Err(e) if e.cured_by_sign_in() => {
                    let plan = self.plan_after_refusal(&st, api, &e);
                    if matches!(e, AuthError::InvalidGrant(_)) {
                        // The refresh token is dead: no more /token calls with it, but the
                        // account stays for the `login_hint` of the silent re-sign-in.
                        st.tokens.clear();
                        if let Some(s) = st.signed_in.as_mut() {
                            s.refresh_expires_at = s.refresh_expires_at.min(now);
                        }
                    }
                    st.redirect = Some(plan.clone());
                    Err(AuthError::RedirectRequired(Box::new(plan)))
                }
                Err(e) => Err(e),
            }
        };
        self.notify();
        outcome
    }

    fn scopes_for(&self, s: &super::session::PersistedSession, api: Api) -> Vec<String> {
        let held = if api == Api::Graph { &s.graph_scopes } else { &s.arm_scopes };
        if held.is_empty() {
            let feature = if api == Api::Graph { Feature::Read } else { Feature::AzureResources };
            feature.scopes(&self.0.cfg)
        } else {
            held.clone()
        }
    }

    /// A dead refresh token gets a silent attempt first; consent, MFA and other interaction
    /// needs go straight to an interactive one.
    fn plan_after_refusal(&self, st: &State, api: Api, e: &AuthError) -> SignInPlan {
        let (reason, prompt) = match e {
            AuthError::InvalidGrant(_) | AuthError::LoginRequired(_) => {
                (RedirectReason::SessionExpired, Some(Prompt::None))
            }
            AuthError::ConsentRequired(_) | AuthError::ConsentMissing(_) => (RedirectReason::Consent, None),
            AuthError::MfaRequired(_) => (RedirectReason::Mfa, None),
            _ => (RedirectReason::SessionExpired, None),
        };
        self.plan_from(st, api, reason, prompt)
    }

    /// A plan for `api` with the session's scopes, account hint and tenant.
    pub fn plan(&self, api: Api, reason: RedirectReason, prompt: Option<Prompt>) -> SignInPlan {
        self.plan_from(&self.0.state.borrow(), api, reason, prompt)
    }

    fn plan_from(&self, st: &State, api: Api, reason: RedirectReason, prompt: Option<Prompt>) -> SignInPlan {
        let signed_in = st.signed_in.as_ref();
        let scopes = match signed_in {
            Some(s) => self.scopes_for(s, api),
            None if api == Api::Graph => Feature::Read.scopes(&self.0.cfg),
            None => Feature::AzureResources.scopes(&self.0.cfg),
        };
        let mut plan = SignInPlan::new(api, scopes, reason);
        plan.prompt = prompt;
        plan.login_hint = signed_in.and_then(|s| s.account.hint());
        plan.tenant = signed_in.map(|s| s.tenant.clone());
        plan
    }

    /// First sign-in: Graph read scopes; ARM consented in the same trip, so the ARM token later
    /// comes from the refresh token without a second prompt.
    pub fn sign_in_plan(&self) -> SignInPlan {
        let mut plan = self.plan(Api::Graph, RedirectReason::SignIn, None);
        plan.consent_scopes = Feature::AzureResources.scopes(&self.0.cfg);
        plan
    }

    /// Consent to `feature` the first time it is used.
    pub fn consent_plan(&self, feature: Feature) -> SignInPlan {
        let mut plan = self.plan(feature.api(), RedirectReason::Consent, None);
        for s in feature.scopes(&self.0.cfg) {
            if !plan.scopes.contains(&s) {
                plan.scopes.push(s);
            }
        }
        plan
    }

    /// Step-up after a challenge (or before a write whose role needs a context): the cached
    /// token of `api` is dropped, the claims are sent (merged with `cp1` when the URL is built).
    pub fn step_up_plan(&self, api: Api, claims: Claims) -> SignInPlan {
        self.drop_access_token(api);
        let mut plan = self.plan(api, RedirectReason::StepUp(claims.auth_context_id()), None);
        plan.claims = Some(claims);
        plan
    }

    /// PIM's MfaRule: no claims value exists for plain MFA (API.md §1), so re-authenticate with
    /// `prompt=login` and let the tenant's Conditional Access demand MFA.
    pub fn mfa_plan(&self, api: Api) -> SignInPlan {
        self.drop_access_token(api);
        self.plan(api, RedirectReason::Mfa, Some(Prompt::Login))
    }

    /// Sign in to another tenant (guests): the same account, a tenant-specific authority.
    pub fn tenant_switch_plan(&self, tenant: &str) -> SignInPlan {
        let mut plan = self.plan(Api::Graph, RedirectReason::TenantSwitch, None);
        plan.scopes = Feature::Read.scopes(&self.0.cfg);
        plan.consent_scopes = Feature::AzureResources.scopes(&self.0.cfg);
        plan.tenant = Some(tenant.to_owned());
        plan
    }
}

/// Shown when PIM still answers MfaRule after an MFA re-authentication.
pub const MFA_STILL_REFUSED: &str = "You signed in again, but the service still does not see multi-factor \
    authentication in this sign-in. An administrator must make Conditional Access require MFA for this app \
    (Entra admin center > Protection > Conditional Access: a policy for this app with \"Require multifactor \
    authentication\"), or change the role's setting from \"Require Azure MFA\" to an authentication context.";
