//! What pages need to reach the tenant, built once at start-up and shared through context.

use std::rc::Rc;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::auth::Session;
use crate::config::{Cloud, TenantConfig};
use crate::domain::ids::PrincipalId;
use crate::domain::plan::SessionAuth;
use crate::domain::policy::AuthContext;
use crate::graph::client::GraphClient;
use crate::graph::{TokenProvider, Transport};
use crate::platform::demo::{DemoSession, DemoTenant, DemoTransport};
use crate::platform::env::BrowserEnv;
use crate::platform::signin;
use crate::platform::transport::BrowserTransport;
use crate::sim::Sim;

/// Where the app's data comes from.
#[derive(Clone)]
pub enum Backend {
    /// The simulated tenant inside this tab, with a persona chosen in the app.
    Demo(Rc<DemoSession>),
    /// A tenant reached through the Microsoft identity platform (or a simulated one over HTTP).
    Tenant(Session),
}

/// The typed client and the backend behind it.
#[derive(Clone)]
pub struct Services {
    pub client: Rc<GraphClient>,
    pub backend: Backend,
}

impl Services {
    /// Services for a configuration. A real tenant's client is created by the sign-in glue.
    pub fn demo() -> Services {
        let tenant = DemoTenant::load();
        let session = DemoSession::load(Rc::clone(&tenant));
        let transport: Rc<dyn Transport> = Rc::new(DemoTransport { tenant });
        let tokens: Rc<dyn TokenProvider> = session.clone();
        let client = GraphClient::new(transport, tokens, Rc::new(BrowserEnv), Cloud::Public.endpoints());
        Services { client: Rc::new(client), backend: Backend::Demo(session) }
    }
}

impl Services {
    /// The tenant's current time (the demo's clock can be skipped ahead).
    pub fn now(&self) -> DateTime<Utc> {
        match &self.backend {
            Backend::Demo(session) => session.tenant.now(),
            Backend::Tenant(_) => self.client.service_now(),
        }
    }

    /// The signed-in user's object id: the `principalId` of self-service requests.
    pub fn me(&self) -> Option<PrincipalId> {
        match &self.backend {
            Backend::Demo(session) => {
                let upn = session.signed_in()?.upn;
                Sim::personas().into_iter().find(|p| p.upn == upn).map(|p| PrincipalId::new(p.id))
            }
            Backend::Tenant(session) => session.account().map(|a| PrincipalId::new(a.oid)),
        }
    }

    /// What the current sign-in proves (MFA, authentication contexts).
    pub fn session_auth(&self) -> SessionAuth {
        match &self.backend {
            Backend::Demo(session) => session
                .signed_in()
                .map(|s| SessionAuth {
                    has_mfa: s.mfa,
                    contexts: s.contexts.into_iter().map(AuthContext).collect(),
                })
                .unwrap_or_default(),
            // What this tab's step-ups proved. MFA is left to the service (a plain sign-in may
            // well have used it); a refusal is explained and the step-up offered.
            Backend::Tenant(_) => {
                let p = signin::proofs();
                SessionAuth { has_mfa: true, contexts: p.contexts.into_iter().map(AuthContext).collect() }
            }
        }
    }

    /// With a tenant whose refresh token is spent (a single-page app's lasts 24 hours): leaves for
    /// the sign-in the session asks for (silent first, `prompt=none`; the callback falls back to
    /// an interactive one), coming back to the same page. False when no sign-in is needed.
    pub fn follow_sign_in_redirect(&self) -> bool {
        let Backend::Tenant(session) = &self.backend else { return false };
        let Some(plan) = session.redirect_needed() else { return false };
        signin::start(session, plan, &crate::platform::dom::current_path());
        true
    }

    /// Services for a configured tenant: the browser's fetch, tokens from the signed-in session.
    pub fn tenant(config: &TenantConfig) -> Services {
        let session = signin::session_for(config);
        let tokens: Rc<dyn TokenProvider> = Rc::new(session.clone());
        let client = GraphClient::new(
            Rc::new(BrowserTransport::default()),
            tokens,
            Rc::new(BrowserEnv),
            config.endpoints.clone(),
        );
        Services { client: Rc::new(client), backend: Backend::Tenant(session) }
    }
}

/// Provides the services to the pages.
pub fn provide_services(services: Services) {
    provide_context(StoredValue::new_local(services));
}

/// The services, when the app has them.
pub fn use_services() -> Option<Services> {
    use_context::<StoredValue<Services, LocalStorage>>().map(|s| s.get_value())
}
