//! What pages need to reach the tenant, built once at start-up and shared through context.

use std::rc::Rc;

use leptos::prelude::*;

use crate::config::{AppConfig, Cloud};
use crate::graph::client::GraphClient;
use crate::graph::{TokenProvider, Transport};
use crate::platform::demo::{DemoSession, DemoTenant, DemoTransport};
use crate::platform::env::BrowserEnv;

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
