//! Fetches `config.json` from the app's own origin (relative to the document base URL).

use gloo_net::http::Request;
use web_sys::RequestCache;

use crate::config::{interpret_config_response, AppConfig, ConfigError};

/// Loads the runtime configuration; no file means demo mode.
pub async fn load() -> Result<AppConfig, ConfigError> {
    let response =
        Request::get("config.json").cache(RequestCache::NoCache).send().await.map_err(|e| ConfigError {
            field: None,
            problem: format!("config.json could not be fetched ({e})."),
            fix: "Check the network connection and the web server, then reload the page.".into(),
        })?;
    let status = response.status();
    let body = response.text().await.unwrap_or_default();
    interpret_config_response(status, &body)
}
