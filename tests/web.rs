//! Browser glue and component tests, run by wasm-bindgen-test in headless Chromium:
//! `cargo test --target wasm32-unknown-unknown --test web` (scripts/test does).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use pim_console::config::{AppConfig, ConfigError};
use pim_console::ui::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn host() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    host.unchecked_into()
}

async fn tick() {
    // Let Leptos flush effects and the router settle.
    let promise = js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL);
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn demo_app_mounts_with_badge_and_every_page_in_the_navigation() {
    let host = host();
    let _mounted = leptos::mount::mount_to(host.clone(), || view! { <App config=Ok(AppConfig::Demo) /> });
    tick().await;
    let badge = host.query_selector("[data-testid=tenant-badge]").unwrap().expect("tenant badge");
    assert_eq!(badge.text_content().unwrap(), "Demo tenant");
    let links = host.query_selector_all("nav a").unwrap();
    assert_eq!(links.length(), 7);
    let titles: Vec<String> =
        (0..links.length()).map(|i| links.item(i).unwrap().text_content().unwrap()).collect();
    assert_eq!(titles[0], "My roles");
    assert!(titles.contains(&"Access reviews".to_string()));
}

#[wasm_bindgen_test]
async fn configuration_error_page_names_the_field() {
    let host = host();
    let error = ConfigError {
        field: Some("clientId".into()),
        problem: "\"x\" is not a GUID.".into(),
        fix: "Copy it.".into(),
    };
    let _mounted = leptos::mount::mount_to(host.clone(), move || view! { <App config=Err(error.clone()) /> });
    tick().await;
    let field = host.query_selector("[data-testid=config-error-field]").unwrap().expect("field shown");
    assert_eq!(field.text_content().unwrap(), "clientId");
    assert!(host.query_selector("nav").unwrap().is_none(), "no shell around a broken configuration");
}

#[wasm_bindgen_test]
async fn config_loader_falls_back_to_demo_when_the_server_has_no_config_json() {
    // The test runner's server has no config.json: the browser glue must read that as demo mode.
    let config = pim_console::platform::config::load().await;
    assert_eq!(config, Ok(AppConfig::Demo));
}

#[wasm_bindgen_test]
async fn the_typed_client_reads_the_demo_tenant_running_in_this_tab() {
    use std::rc::Rc;

    use pim_console::config::Cloud;
    use pim_console::graph::GraphClient;
    use pim_console::platform::demo::{DemoSession, DemoSignIn, DemoTenant, DemoTransport};
    use pim_console::platform::env::BrowserEnv;

    let tenant = DemoTenant::load();
    let session = DemoSession::load(Rc::clone(&tenant));
    let client = GraphClient::new(
        Rc::new(DemoTransport { tenant }),
        session.clone(),
        Rc::new(BrowserEnv),
        Cloud::Public.endpoints(),
    );
    session.set(None);
    let anonymous = client.load_my_access().await;
    assert!(
        anonymous.map(|a| a.eligible_roles.is_err()).unwrap_or(true),
        "nobody signed in: no token, no data"
    );

    session.set(Some(DemoSignIn { upn: "alex@contoso.example".into(), mfa: false, contexts: vec![] }));
    let access = client.load_my_access().await.expect("one batch round trip");
    let eligible = access.eligible_roles.expect("eligible roles");
    assert!(!eligible.is_empty(), "the demo engineer has eligible Entra roles");
    assert!(eligible.iter().all(|i| i
        .role_definition
        .as_ref()
        .and_then(|d| d.display_name.clone())
        .is_some()));
    let groups = access.eligible_groups.expect("eligible groups");
    assert!(!groups.is_empty(), "the demo engineer has PIM groups");
    session.set(None);
}

#[wasm_bindgen_test]
async fn the_painted_mark_is_set_once_after_the_next_frame() {
    let performance = web_sys::window().unwrap().performance().unwrap();
    let count = || performance.get_entries_by_name("test:painted").length();
    pim_console::platform::perf::mark_painted_once("test:painted");
    pim_console::platform::perf::mark_painted_once("test:painted");
    assert_eq!(count(), 0, "not before the frame that shows the change");
    pim_console::platform::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(count(), 1, "set once per page load");
}
