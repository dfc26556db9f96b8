//! Scripted stand-ins for tests (here and in other layers): a transport that answers from a
//! queue and records requests and sleeps, a token provider that counts refreshes, and a
//! fixed [`ClientEnv`].

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use futures::future::LocalBoxFuture;

use super::client::{ClientEnv, GraphClient};
use super::token::{Api, TokenError, TokenProvider};
use super::transport::{HttpRequest, HttpResponse, Transport, TransportError};
use crate::config::Endpoints;

/// Answers requests from a queue, in order; records what was sent and every sleep.
#[derive(Default)]
pub struct ScriptedTransport {
    queue: RefCell<VecDeque<Result<HttpResponse, TransportError>>>,
    /// Requests as sent (Authorization header included).
    pub requests: RefCell<Vec<HttpRequest>>,
    /// Back-off waits asked for.
    pub sleeps: RefCell<Vec<Duration>>,
}

impl ScriptedTransport {
    /// An empty script.
    pub fn new() -> Rc<Self> {
        Rc::new(ScriptedTransport::default())
    }

    /// Queues a response.
    pub fn push(&self, response: HttpResponse) {
        self.queue.borrow_mut().push_back(Ok(response));
    }

    /// Queues a JSON response with a status.
    pub fn push_json(&self, status: u16, body: &str) {
        self.push(HttpResponse::new(status, body).with_header("Content-Type", "application/json"));
    }

    /// Queues a transport failure.
    pub fn push_error(&self, error: TransportError) {
        self.queue.borrow_mut().push_back(Err(error));
    }

    /// How many requests were sent.
    pub fn sent(&self) -> usize {
        self.requests.borrow().len()
    }

    /// Responses not used.
    pub fn remaining(&self) -> usize {
        self.queue.borrow().len()
    }
}

impl Transport for ScriptedTransport {
    fn send(&self, request: HttpRequest) -> LocalBoxFuture<'_, Result<HttpResponse, TransportError>> {
        self.requests.borrow_mut().push(request);
        let next = self.queue.borrow_mut().pop_front();
        Box::pin(
            async move { next.unwrap_or_else(|| Err(TransportError::Network("script exhausted".into()))) },
        )
    }

    fn sleep(&self, duration: Duration) -> LocalBoxFuture<'_, ()> {
        self.sleeps.borrow_mut().push(duration);
        Box::pin(async {})
    }
}

/// Hands out `token-N`, a new N on every `fresh` request; records each call's `fresh` flag.
#[derive(Default)]
pub struct CountingTokens {
    generation: Cell<u32>,
    /// `(api, fresh)` of every call.
    pub calls: RefCell<Vec<(Api, bool)>>,
}

impl TokenProvider for CountingTokens {
    fn access_token(&self, api: Api, fresh: bool) -> LocalBoxFuture<'_, Result<String, TokenError>> {
        self.calls.borrow_mut().push((api, fresh));
        if fresh {
            self.generation.set(self.generation.get() + 1);
        }
        let token = format!("token-{}", self.generation.get());
        Box::pin(async move { Ok(token) })
    }
}

/// Fixed GUIDs (`00000000-0000-0000-0000-00000000000N`), a fixed clock and fixed jitter.
pub struct FixedEnv {
    counter: Cell<u32>,
    /// The clock.
    pub now: DateTime<Utc>,
    /// The jitter value in `[0, 1)`.
    pub jitter: f64,
}

impl Default for FixedEnv {
    fn default() -> Self {
        FixedEnv { counter: Cell::new(0), now: DateTime::<Utc>::UNIX_EPOCH, jitter: 0.0 }
    }
}

impl ClientEnv for FixedEnv {
    fn new_guid(&self) -> String {
        self.counter.set(self.counter.get() + 1);
        format!("00000000-0000-0000-0000-{:012}", self.counter.get())
    }
    fn now(&self) -> DateTime<Utc> {
        self.now
    }
    fn random_unit(&self) -> f64 {
        self.jitter
    }
}

/// Endpoints of a local test server: `http://127.0.0.1:9/graph`, `/arm`, `/login`.
pub fn test_endpoints() -> Endpoints {
    Endpoints {
        login: "http://127.0.0.1:9/login".into(),
        graph: "http://127.0.0.1:9/graph".into(),
        arm: "http://127.0.0.1:9/arm".into(),
    }
}

/// A client over a script, counting tokens and a fixed environment, with test endpoints.
pub fn scripted_client() -> (GraphClient, Rc<ScriptedTransport>, Rc<CountingTokens>) {
    let transport = ScriptedTransport::new();
    let tokens = Rc::new(CountingTokens::default());
    let client =
        GraphClient::new(transport.clone(), tokens.clone(), Rc::new(FixedEnv::default()), test_endpoints());
    (client, transport, tokens)
}
