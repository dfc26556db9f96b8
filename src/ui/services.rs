//! What pages need to reach the tenant, built once at start-up and shared through context.

use std::rc::Rc;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::config::{AppConfig, Cloud};
use crate::domain::ids::PrincipalId;
use crate::domain::plan::SessionAuth;
use crate::domain::policy::AuthContext;
use crate::graph::client::GraphClient;
use crate::graph::{TokenProvider, Transport};
use crate::platform::demo::{DemoSession, DemoTenant, DemoTransport};
use crate::platform::env::BrowserEnv;
use crate::sim::Sim;

/// Where the app's data comes from.
#[derive(Clone)]
pub enum Backend {
    /// The simulated tenant inside this tab, with a persona chosen in the app. (A real tenant's
    /// backend arrives with the browser sign-in glue.)
    Demo(Rc<DemoSession>),
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
        }
    }

    /// The signed-in user's object id: the `principalId` of self-service requests.
    pub fn me(&self) -> Option<PrincipalId> {
        match &self.backend {
            Backend::Demo(session) => {
                let upn = session.signed_in()?.upn;
                Sim::personas().into_iter().find(|p| p.upn == upn).map(|p| PrincipalId::new(p.id))
            }
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
        }
    }
}

/// Provides the services for this configuration (demo only until browser sign-in lands).
pub fn provide_services(config: &AppConfig) {
    if let AppConfig::Demo = config {
        provide_context(StoredValue::new_local(Services::demo()));
    }
}

/// The services, when the app has them.
pub fn use_services() -> Option<Services> {
    use_context::<StoredValue<Services, LocalStorage>>().map(|s| s.get_value())
}
