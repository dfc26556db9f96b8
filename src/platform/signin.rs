//! Sign-in in the browser: the session kept in sessionStorage, the top-level redirect to the
//! identity platform, and the callback that redeems the code and cleans the address bar.

use std::rc::Rc;

use super::env::random_bytes;
use super::storage::{self, Store};
use super::transport::BrowserTransport;
use crate::auth::{
    Account, AuthConfig, AuthError, MillisClock, PendingSignIn, PersistedSession, Session, SignInPlan,
    SignInRandom,
};
use crate::config::TenantConfig;

const SESSION_KEY: &str = "pim.session";
const PENDING_KEY: &str = "pim.signin.pending";

/// The tab's session for a tenant: restored after a reload, written back on every change.
pub fn session_for(config: &TenantConfig) -> Session {
    let session = Session::new(
        AuthConfig::from_tenant_config(config),
        Rc::new(BrowserTransport::default()),
        Rc::new(MillisClock(js_sys::Date::now)),
    );
    if let Some(saved) = storage::get(Store::Session, SESSION_KEY)
        .and_then(|s| serde_json::from_str::<PersistedSession>(&s).ok())
    {
        session.restore(saved);
    }
    session.on_persist(|saved| match saved {
        Some(s) => {
            storage::set(Store::Session, SESSION_KEY, &serde_json::to_string(s).unwrap_or_default());
        }
        None => storage::remove(Store::Session, SESSION_KEY),
    });
    session
}

/// Leaves for the identity platform; the pending record waits in sessionStorage.
pub fn start(session: &Session, plan: SignInPlan, return_path: &str) {
    let random = SignInRandom::from_bytes(&random_bytes::<{ SignInRandom::LEN }>());
    let (url, pending) = session.begin(plan, return_path, None, &random);
    storage::set(Store::Session, PENDING_KEY, &serde_json::to_string(&pending).unwrap_or_default());
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(&url);
    }
}

/// Finishes the redirect on the callback page: the code leaves the address bar and history
/// first, then is redeemed. Returns the account and where the user was.
pub async fn complete(session: &Session) -> Result<Completion, AuthError> {
    let window = web_sys::window().ok_or(AuthError::StateMismatch)?;
    let params = window.location().hash().unwrap_or_default();
    let params = if params.len() > 1 { params } else { window.location().search().unwrap_or_default() };
    let pending: Option<PendingSignIn> =
        storage::get(Store::Session, PENDING_KEY).and_then(|s| serde_json::from_str(&s).ok());
    storage::remove(Store::Session, PENDING_KEY);
    let return_path = pending.as_ref().map(|p| p.return_path.clone()).unwrap_or_else(|| "/".into());
    // Strip the code and state from the address bar and this history entry at once; the page
    // then replaces the entry again with where the user was.
    if let (Ok(history), Ok(path)) = (window.history(), window.location().pathname()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
    }
    // No record means this tab did not start the sign-in: refuse, as for a wrong state.
    let pending = pending.ok_or(AuthError::StateMismatch)?;
    let account = match session.finish(&params, &pending).await {
        Ok(account) => account,
        Err(e) => {
            // A silent sign-in (`prompt=none`) that needs the user: the interactive one, at once,
            // back to the same place.
            if let Some(next) = pending.plan.after_silent_failure(&e) {
                start(session, next, &return_path);
                return Ok(Completion::Redirecting);
            }
            return Err(e);
        }
    };
    record_proofs(&pending.plan);
    Ok(Completion::SignedIn(account, return_path))
}

/// How the callback ended.
#[derive(Clone, Debug)]
pub enum Completion {
    /// Signed in: the account, and where the user was.
    SignedIn(Account, String),
    /// The silent sign-in needs the user: the interactive one is under way.
    Redirecting,
}

/// Signs out: drops every token and cached datum, then the identity platform's end-session page.
pub fn sign_out(session: &Session, post_logout: &str) {
    let url = session.sign_out(post_logout);
    storage::remove(Store::Session, PENDING_KEY);
    storage::remove(Store::Session, PROOFS_KEY);
    storage::remove(Store::Session, DRAFT_KEY);
    storage::remove_prefix(Store::Local, storage::LAST_KNOWN_PREFIX);
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(&url);
    }
}

const PROOFS_KEY: &str = "pim.signin.proofs";

/// What this tab's sign-ins have proved beyond a password: recorded when a step-up returns, so
/// the plan stops asking for it (the tokens themselves are opaque to the app).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Proofs {
    pub mfa: bool,
    pub contexts: Vec<String>,
}

/// The proofs recorded in this tab.
pub fn proofs() -> Proofs {
    storage::get(Store::Session, PROOFS_KEY).and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default()
}

fn record_proofs(plan: &SignInPlan) {
    let mut p = proofs();
    if let Some(c) = plan.claims.as_ref().and_then(|c| c.auth_context_id()) {
        if !p.contexts.iter().any(|x| x == c.as_str()) {
            p.contexts.push(c.as_str().to_owned());
        }
    }
    if plan.prompt == Some(crate::auth::Prompt::Login) {
        p.mfa = true;
    }
    storage::set(Store::Session, PROOFS_KEY, &serde_json::to_string(&p).unwrap_or_default());
}

/// Leaves for a step-up sign-in: an authentication context (`claims` with `acrs`), or MFA
/// (an interactive sign-in, `prompt=login`, so the tenant's Conditional Access applies).
pub fn step_up(session: &Session, context: Option<&str>, return_path: &str) {
    let plan = match context.and_then(crate::auth::AuthContextId::parse) {
        Some(id) => session.step_up_plan(crate::graph::Api::Graph, crate::auth::Claims::auth_context(&id)),
        None => session.mfa_plan(crate::graph::Api::Graph),
    };
    start(session, plan, return_path);
}

/// The first sign-in: read scopes plus activation writes. Activating is what the app is opened
/// for, so its consent comes with the first sign-in instead of a second redirect at the first
/// activation; approvals, assignments, policy writes, audit and reviews stay incremental.
pub fn first_sign_in_plan(session: &Session) -> SignInPlan {
    let mut plan = session.sign_in_plan();
    for scope in crate::auth::Feature::ActivationWrites.scopes(session.config()) {
        if !plan.scopes.contains(&scope) {
            plan.scopes.push(scope);
        }
    }
    plan
}

const DRAFT_KEY: &str = "pim.batch.draft";

/// Keeps a batch in this tab while a step-up sign-in redirect is under way.
pub fn save_draft(draft: &crate::domain::BatchDraft) {
    storage::set(Store::Session, DRAFT_KEY, &draft.to_json());
}

/// The batch kept before a redirect, once: it is removed as it is read (and ignored when stale).
pub fn take_draft(now: chrono::DateTime<chrono::Utc>) -> Option<crate::domain::BatchDraft> {
    let json = storage::get(Store::Session, DRAFT_KEY)?;
    storage::remove(Store::Session, DRAFT_KEY);
    crate::domain::BatchDraft::restore(&json, now)
}

/// True when a batch waits to be resumed in this tab.
pub fn has_draft() -> bool {
    storage::get(Store::Session, DRAFT_KEY).is_some()
}
