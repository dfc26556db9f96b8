//! The browser's fetch as a [`Transport`], with a time limit per request.

use std::time::Duration;

use futures::future::LocalBoxFuture;
use gloo_net::http::{Method as FetchMethod, RequestBuilder};
use web_sys::AbortController;

use crate::graph::{HttpRequest, HttpResponse, Method, Transport, TransportError};

/// Response headers the client reads. Cross-origin responses expose only what the service
/// lists in `Access-Control-Expose-Headers`; the rest simply come back absent.
/// `date` gives the service's clock (same-origin, or when the service exposes it).
const READ_HEADERS: [&str; 7] = [
    "content-type",
    "retry-after",
    "www-authenticate",
    "location",
    "request-id",
    "client-request-id",
    "date",
];

/// Sends requests with `fetch`; each one is aborted after its time limit. A read (GET) that
/// hangs is given up sooner than a write: the client sends it again (reads are idempotent), so
/// one stalled connection on a phone's network holds a page up for seconds, not half a minute.
#[derive(Clone, Debug)]
pub struct BrowserTransport {
    pub read_timeout: Duration,
    pub write_timeout: Duration,
}

impl Default for BrowserTransport {
    fn default() -> Self {
        BrowserTransport { read_timeout: Duration::from_secs(10), write_timeout: Duration::from_secs(30) }
    }
}

impl Transport for BrowserTransport {
    fn send(&self, request: HttpRequest) -> LocalBoxFuture<'_, Result<HttpResponse, TransportError>> {
        let timeout = if request.method == Method::Get { self.read_timeout } else { self.write_timeout };
        Box::pin(fetch(request, timeout))
    }

    fn sleep(&self, duration: Duration) -> LocalBoxFuture<'_, ()> {
        Box::pin(super::time::sleep(duration))
    }
}

fn method(m: Method) -> FetchMethod {
    match m {
        Method::Get => FetchMethod::GET,
        Method::Post => FetchMethod::POST,
        Method::Put => FetchMethod::PUT,
        Method::Patch => FetchMethod::PATCH,
        Method::Delete => FetchMethod::DELETE,
    }
}

async fn fetch(request: HttpRequest, timeout: Duration) -> Result<HttpResponse, TransportError> {
    let controller =
        AbortController::new().map_err(|_| TransportError::Network("fetch unavailable".into()))?;
    let mut builder = RequestBuilder::new(&request.url).method(method(request.method));
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    builder = builder.abort_signal(Some(&controller.signal()));
    let prepared = match request.body {
        Some(body) => builder.body(body),
        None => builder.build(),
    }
    .map_err(|e| TransportError::Network(e.to_string()))?;
    let timer = super::time::Timeout::start(timeout, controller.clone());
    let outcome = prepared.send().await;
    let timed_out = timer.fired();
    drop(timer);
    let response = match outcome {
        Ok(r) => r,
        Err(_) if timed_out => return Err(TransportError::Timeout),
        // The browser does not say why (offline, DNS, CORS): keep the message generic.
        Err(e) => return Err(TransportError::Network(e.to_string())),
    };
    let headers = READ_HEADERS
        .iter()
        .filter_map(|name| response.headers().get(name).map(|v| (name.to_string(), v)))
        .collect();
    let status = response.status();
    let body = response.text().await.map_err(|e| TransportError::Network(e.to_string()))?;
    Ok(HttpResponse { status, headers, body })
}
