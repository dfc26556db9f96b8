//! Sending one call: bearer token, one refresh after 401, bounded retries with
//! `Retry-After` or exponential back-off with jitter, and JSON in and out.

use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::GraphClient;
use crate::graph::error::{GraphError, RetryAfter};
use crate::graph::token::Api;
use crate::graph::transport::{HttpRequest, HttpResponse, Method};

fn is_claims_challenge(r: &HttpResponse) -> bool {
    r.header("WWW-Authenticate").is_some_and(|h| h.contains("insufficient_claims"))
}

impl GraphClient {
    fn backoff(&self, retries: u32) -> Duration {
        let exp = self.retry.base_delay.saturating_mul(2u32.saturating_pow(retries));
        let capped = exp.min(self.retry.max_delay);
        capped.mul_f64(0.5 + 0.5 * self.env.random_unit().clamp(0.0, 1.0))
    }

    fn server_delay(&self, r: &HttpResponse, retries: u32) -> Duration {
        match r.header("Retry-After").and_then(RetryAfter::parse) {
            Some(after) => after.delay_from(self.env.now()),
            None => self.backoff(retries),
        }
    }

    /// Sends a request with a token, retrying as the policy allows. Non-2xx ends as an error.
    pub(crate) async fn execute(&self, api: Api, request: HttpRequest) -> Result<HttpResponse, GraphError> {
        let (mut fresh, mut refreshed) = (false, false);
        let (mut retries, mut waited) = (0u32, Duration::ZERO);
        let is_get = request.method == Method::Get;
        loop {
            let token = self.tokens.access_token(api, fresh).await?;
            fresh = false;
            let attempt = request.clone().with_header("Authorization", format!("Bearer {token}"));
            let outcome = self.transport.send(attempt).await;
            if let Some(date) = outcome.as_ref().ok().and_then(|r| r.header("Date")) {
                self.clock.observe(date, self.env.now());
            }
            let delay = match &outcome {
                Ok(r) if r.is_success() => return outcome.map_err(GraphError::from),
                Ok(r) if r.status == 401 && !refreshed && !is_claims_challenge(r) => {
                    refreshed = true;
                    fresh = true;
                    continue;
                }
                Ok(r) if r.status == 429 => Some(self.server_delay(r, retries)),
                Ok(r) if is_get && (r.status == 503 || r.status == 504) => {
                    Some(self.server_delay(r, retries))
                }
                Err(_) if is_get => Some(self.backoff(retries)),
                _ => None,
            };
            match (delay, outcome) {
                (Some(d), _)
                    if retries < self.retry.max_retries && waited + d <= self.retry.max_total_wait =>
                {
                    self.transport.sleep(d).await;
                    waited += d;
                    retries += 1;
                }
                (_, Ok(r)) => return Err(GraphError::from_response(&r)),
                (_, Err(e)) => return Err(e.into()),
            }
        }
    }

    /// GET and parse JSON.
    pub(crate) async fn get_json<T: DeserializeOwned>(
        &self,
        api: Api,
        url: &str,
        headers: &[(&str, &str)],
    ) -> Result<T, GraphError> {
        let mut req = HttpRequest::new(Method::Get, url);
        for (k, v) in headers {
            req = req.with_header(*k, *v);
        }
        let response = self.execute(api, req).await?;
        parse(&response)
    }

    /// Sends a JSON body and parses the JSON answer.
    pub(crate) async fn send_json<B: Serialize, T: DeserializeOwned>(
        &self,
        api: Api,
        method: Method,
        url: &str,
        body: &B,
    ) -> Result<T, GraphError> {
        let response = self.execute(api, json_request(method, url, Some(body))?).await?;
        parse(&response)
    }

    /// Sends an optional JSON body; success has no body (204, or ARM's empty 200).
    pub(crate) async fn send_no_content<B: Serialize>(
        &self,
        api: Api,
        method: Method,
        url: &str,
        body: Option<&B>,
    ) -> Result<(), GraphError> {
        self.execute(api, json_request(method, url, body)?).await.map(|_| ())
    }
}

fn json_request<B: Serialize>(
    method: Method,
    url: &str,
    body: Option<&B>,
) -> Result<HttpRequest, GraphError> {
    let req = HttpRequest::new(method, url);
    match body {
        Some(b) => {
            let text =
                serde_json::to_string(b).map_err(|e| GraphError::BadResponse { detail: e.to_string() })?;
            Ok(req.with_json_body(text))
        }
        None => Ok(req),
    }
}

/// Parses a 2xx JSON body.
pub(crate) fn parse<T: DeserializeOwned>(response: &HttpResponse) -> Result<T, GraphError> {
    serde_json::from_str(&response.body).map_err(|e| GraphError::BadResponse { detail: e.to_string() })
}
