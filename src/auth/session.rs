//! The signed-in session: access tokens per resource in memory, the refresh token (24 h fixed
//! SPA lifetime, inherited by each rotated successor), refresh ahead of expiry, single-flight
//! refresh, and a session version that stops a late refresh from overwriting a newer session.
//!
//! Single-threaded by design (browser): state sits in a `RefCell`, never borrowed across an
//! `.await`. A refresh in flight is a `Shared` future kept per resource, so every concurrent
//! caller awaits the same /token call. Refreshes of different resources run one after the
//! other, so a rotated refresh token is never raced.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use chrono::{DateTime, Duration, Utc};
use futures::future::{self, FutureExt, LocalBoxFuture, Shared};
use serde::{Deserialize, Serialize};

use super::authorize::AuthConfig;
use super::clock::Clock;
use super::error::AuthError;
use super::id_token::{validate_id_token, Account};
use super::scopes::Feature;
use super::secret::{AccessToken, RefreshToken};
use super::signin::CodeRedemption;
use super::token_endpoint::redeem_code;
use crate::graph::{Api, TokenError, TokenProvider, Transport};

/// Access tokens are refreshed this long before they expire.
pub const REFRESH_AHEAD: Duration = Duration::minutes(5);
/// Lifetime of a refresh token issued to a SPA redirect URI: fixed, not sliding.
pub const SPA_REFRESH_TOKEN_LIFETIME: Duration = Duration::hours(24);

pub(super) type Flight = Shared<LocalBoxFuture<'static, Result<AccessToken, AuthError>>>;

#[derive(Clone)]
pub(super) struct Cached {
    pub token: AccessToken,
    pub expires_at: DateTime<Utc>,
}

/// What survives a page reload (the glue keeps it in sessionStorage, never localStorage).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersistedSession {
    pub refresh_token: RefreshToken,
    /// Fixed at the first redemption; rotated tokens inherit it.
    pub refresh_expires_at: DateTime<Utc>,
    pub account: Account,
    pub tenant: String,
    pub graph_scopes: Vec<String>,
    pub arm_scopes: Vec<String>,
    /// The access tokens held when the record was written, so a reload of the tab reads its data
    /// at once instead of redeeming the refresh token first (MSAL.js keeps them in sessionStorage
    /// too; the refresh token beside them is the stronger secret). Only in the stored record:
    /// the live ones are in `State::tokens`. Absent from records written before they were kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub graph_token: Option<SavedAccessToken>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arm_token: Option<SavedAccessToken>,
}

/// An access token kept across a reload, with when it expires.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedAccessToken {
    pub token: AccessToken,
    pub expires_at: DateTime<Utc>,
}

pub(super) struct State {
    /// Bumped by every sign-in, reload restore and sign-out.
    pub version: u64,
    pub signed_in: Option<PersistedSession>,
    pub tokens: HashMap<Api, Cached>,
    pub in_flight: HashMap<Api, (u64, Flight)>,
    pub next_flight: u64,
    pub redirect: Option<super::signin::SignInPlan>,
}

pub(super) struct Inner {
    pub cfg: AuthConfig,
    pub transport: Rc<dyn Transport>,
    pub clock: Rc<dyn Clock>,
    pub state: RefCell<State>,
    pub persist: RefCell<Option<Box<dyn Fn(Option<&PersistedSession>)>>>,
}

/// The token manager. Cheap to clone (shared state).
#[derive(Clone)]
pub struct Session(pub(super) Rc<Inner>);

impl Session {
    /// A signed-out session.
    pub fn new(cfg: AuthConfig, transport: Rc<dyn Transport>, clock: Rc<dyn Clock>) -> Session {
        let state = State {
            version: 0,
            signed_in: None,
            tokens: HashMap::new(),
            in_flight: HashMap::new(),
            next_flight: 0,
            redirect: None,
        };
        Session(Rc::new(Inner {
            cfg,
            transport,
            clock,
            state: RefCell::new(state),
            persist: RefCell::new(None),
        }))
    }

    /// Called with the record to keep in sessionStorage after every change (`None`: delete it).
    pub fn on_persist(&self, hook: impl Fn(Option<&PersistedSession>) + 'static) {
        *self.0.persist.borrow_mut() = Some(Box::new(hook));
    }

    /// The configuration in use.
    pub fn config(&self) -> &AuthConfig {
        &self.0.cfg
    }

    /// The signed-in account, if any.
    pub fn account(&self) -> Option<Account> {
        self.0.state.borrow().signed_in.as_ref().map(|s| s.account.clone())
    }

    /// The tenant of the current session.
    pub fn tenant(&self) -> Option<String> {
        self.0.state.borrow().signed_in.as_ref().map(|s| s.tenant.clone())
    }

    /// The session version: changes with every sign-in, restore and sign-out.
    pub fn version(&self) -> u64 {
        self.0.state.borrow().version
    }

    /// The redirect the last failed token request asked for, if any.
    pub fn redirect_needed(&self) -> Option<super::signin::SignInPlan> {
        self.0.state.borrow().redirect.clone()
    }

    /// The record to keep in sessionStorage, if signed in, with the access tokens held now.
    pub fn persisted(&self) -> Option<PersistedSession> {
        let st = self.0.state.borrow();
        let saved = |api| {
            st.tokens.get(&api).map(|c| SavedAccessToken { token: c.token.clone(), expires_at: c.expires_at })
        };
        let mut record = st.signed_in.clone()?;
        record.graph_token = saved(Api::Graph);
        record.arm_token = saved(Api::Arm);
        Some(record)
    }

    /// Redeems the code from the callback, checks the ID token, and installs a new session
    /// (new version). With the same account and tenant, earlier consented scopes are kept.
    pub async fn complete_sign_in(&self, r: CodeRedemption) -> Result<Account, AuthError> {
        let inner = &self.0;
        let response = redeem_code(&*inner.transport, &inner.cfg, &r).await?;
        let now = inner.clock.now();
        let id_token = response
            .id_token
            .as_ref()
            .ok_or_else(|| AuthError::IdTokenMalformed("the token response has no ID token".into()))?;
        let account = validate_id_token(id_token.expose(), &inner.cfg, &r.nonce, &r.tenant, now)?;
        let refresh_token = response.refresh_token.clone().ok_or_else(|| {
            AuthError::MalformedResponse("no refresh token: the offline_access scope was not granted".into())
        })?;
        let lifetime =
            response.refresh_token_expires_in.map(Duration::seconds).unwrap_or(SPA_REFRESH_TOKEN_LIFETIME);
        {
            let mut st = inner.state.borrow_mut();
            let previous =
                st.signed_in.take().filter(|p| p.account.oid == account.oid && p.tenant == r.tenant);
            let (mut graph_scopes, mut arm_scopes) =
                previous.map(|p| (p.graph_scopes, p.arm_scopes)).unwrap_or_default();
            let target = if r.api == Api::Graph { &mut graph_scopes } else { &mut arm_scopes };
            for s in &r.scopes {
                if !target.contains(s) {
                    target.push(s.clone());
                }
            }
            st.version += 1;
            st.tokens.clear();
            st.in_flight.clear();
            st.redirect = None;
            let expires_at = now + Duration::seconds(response.expires_in);
            st.tokens.insert(r.api, Cached { token: response.access_token.clone(), expires_at });
            st.signed_in = Some(PersistedSession {
                refresh_token,
                refresh_expires_at: now + lifetime,
                account: account.clone(),
                tenant: r.tenant.clone(),
                graph_scopes,
                arm_scopes,
                graph_token: None,
                arm_token: None,
            });
        }
        self.notify();
        Ok(account)
    }

    /// After a reload: takes the session back from sessionStorage, with the access tokens it
    /// held (used while they have more than [`REFRESH_AHEAD`] to live, then refreshed).
    pub fn restore(&self, mut saved: PersistedSession) {
        let mut st = self.0.state.borrow_mut();
        st.version += 1;
        st.tokens.clear();
        for (api, token) in [(Api::Graph, saved.graph_token.take()), (Api::Arm, saved.arm_token.take())] {
            if let Some(t) = token {
                st.tokens.insert(api, Cached { token: t.token, expires_at: t.expires_at });
            }
        }
        st.in_flight.clear();
        st.redirect = None;
        st.signed_in = Some(saved);
    }

    /// Drops every token (a refresh in flight is then ignored) and returns the end-session URL
    /// to navigate to.
    pub fn sign_out(&self, post_logout_redirect_uri: &str) -> String {
        let (hint, tenant) = {
            let mut st = self.0.state.borrow_mut();
            st.version += 1;
            st.tokens.clear();
            st.in_flight.clear();
            st.redirect = None;
            let gone = st.signed_in.take();
            let hint = gone.as_ref().and_then(|g| g.account.login_hint.clone());
            (hint, gone.map_or_else(|| self.0.cfg.tenant.clone(), |g| g.tenant))
        };
        self.notify();
        super::authorize::logout_url(
            &self.0.cfg.with_tenant(&tenant),
            post_logout_redirect_uri,
            hint.as_deref(),
        )
    }

    /// Forgets the cached access token of `api` (before a step-up, or after a 401).
    pub fn drop_access_token(&self, api: Api) {
        self.0.state.borrow_mut().tokens.remove(&api);
    }

    /// True when `feature`'s scopes are among those the session requests for its resource.
    pub fn has_consented(&self, feature: Feature) -> bool {
        let st = self.0.state.borrow();
        let Some(s) = st.signed_in.as_ref() else { return false };
        let held = if feature.api() == Api::Graph { &s.graph_scopes } else { &s.arm_scopes };
        feature.scopes(&self.0.cfg).iter().all(|f| held.iter().any(|h| h.eq_ignore_ascii_case(f)))
    }

    /// An access token for `api`: the cached one while it has more than [`REFRESH_AHEAD`] to
    /// live (unless `fresh`), else one refresh shared by every concurrent caller.
    pub fn access_token(
        &self,
        api: Api,
        fresh: bool,
    ) -> LocalBoxFuture<'static, Result<AccessToken, AuthError>> {
        let now = self.0.clock.now();
        let mut st = self.0.state.borrow_mut();
        if !fresh {
            if let Some(c) = st.tokens.get(&api).filter(|c| now < c.expires_at - REFRESH_AHEAD) {
                return future::ready(Ok(c.token.clone())).boxed_local();
            }
        }
        if let Some((_, flight)) = st.in_flight.get(&api) {
            return flight.clone().boxed_local();
        }
        if let Err(plan) = self.refresh_token_alive(&st, now, api) {
            st.redirect = Some(plan.clone());
            return future::ready(Err(AuthError::RedirectRequired(Box::new(plan)))).boxed_local();
        }
        let others: Vec<Flight> = st.in_flight.values().map(|(_, f)| f.clone()).collect();
        let (id, version) = (st.next_flight, st.version);
        st.next_flight += 1;
        let inner = self.0.clone();
        let flight = async move {
            for other in others {
                let _ = other.await;
            }
            Session(inner).run_refresh(api, version, id).await
        }
        .boxed_local()
        .shared();
        st.in_flight.insert(api, (id, flight.clone()));
        flight.boxed_local()
    }

    pub(super) fn notify(&self) {
        let record = self.persisted();
        if let Some(hook) = self.0.persist.borrow().as_ref() {
            hook(record.as_ref());
        }
    }
}

impl TokenProvider for Session {
    fn access_token(&self, api: Api, fresh: bool) -> LocalBoxFuture<'_, Result<String, TokenError>> {
        let token = Session::access_token(self, api, fresh);
        async move { token.await.map(|t| t.expose().to_owned()).map_err(|e| e.to_token_error()) }
            .boxed_local()
    }
}
