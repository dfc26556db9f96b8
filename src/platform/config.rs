//! Fetches `config.json` from the app's own origin (relative to the document base URL). the boot script
//! starts that fetch beside the app's code and leaves its promise in `globalThis.pimConfig`; when
//! it is absent (tests that mount the app without the boot script) the app fetches the file itself.

use gloo_net::http::Request;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::RequestCache;

use crate::config::{interpret_config_response, AppConfig, ConfigError};

fn unreachable_file(detail: &str) -> ConfigError {
    ConfigError {
        field: None,
        problem: format!("config.json could not be fetched ({detail})."),
        fix: "Check the network connection and the web server, then reload the page.".into(),
    }
}

/// The answer the boot script (index.html) already asked for: `(status, body)`, or why it failed; `None` without the boot script.
async fn prefetched() -> Option<Result<(u16, String), String>> {
    let global = js_sys::global();
    let promise = js_sys::Reflect::get(&global, &JsValue::from_str("pimConfig")).ok()?;
    let promise: js_sys::Promise = promise.dyn_into().ok()?;
    let answer = JsFuture::from(promise).await.ok()?;
    let field = |name: &str| js_sys::Reflect::get(&answer, &JsValue::from_str(name)).ok();
    if let Some(error) = field("error").and_then(|e| e.as_string()) {
        return Some(Err(error));
    }
    let status = field("status")?.as_f64()? as u16;
    let body = field("body").and_then(|b| b.as_string()).unwrap_or_default();
    Some(Ok((status, body)))
}

/// Loads the runtime configuration; no file means demo mode.
pub async fn load() -> Result<AppConfig, ConfigError> {
    match prefetched().await {
        Some(Ok((status, body))) => return interpret_config_response(status, &body),
        Some(Err(error)) => return Err(unreachable_file(&error)),
        None => {}
    }
    let response = Request::get("config.json")
        .cache(RequestCache::NoCache)
        .send()
        .await
        .map_err(|e| unreachable_file(&e.to_string()))?;
    let status = response.status();
    let body = response.text().await.unwrap_or_default();
    interpret_config_response(status, &body)
}
