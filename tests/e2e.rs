//! End-to-end tests: the release build in headless Chromium, served over loopback HTTP.
//! They need `dist/` and chromedriver, so they are ignored by a plain `cargo test`;
//! `scripts/test` builds the app and runs them with `--ignored`.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::Locator;
use support::browser::Browser;
use support::server::{ConfigFile, TestServer};

/// Every page of the navigation: its path and the heading a user sees.
const PAGES: [(&str, &str); 7] = [
    ("/", "My roles"),
    ("/requests", "My requests"),
    ("/approvals", "Approvals"),
    ("/assignments", "Assignments"),
    ("/settings", "Role settings"),
    ("/audit", "Audit"),
    ("/reviews", "Access reviews"),
];

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn demo_shell_renders_and_every_route_is_reachable() {
    let server = TestServer::start(ConfigFile::FromDist);
    let browser = Browser::start().await;
    let c = &browser.client;

    c.goto(&server.url("/")).await.unwrap();
    assert_eq!(browser.text_of("[data-testid=tenant-badge]").await, "Demo tenant");
    assert_eq!(browser.text_of("main h1").await, "My roles");

    // Through the navigation, as a user clicks.
    for (path, title) in PAGES.iter().rev() {
        let link = c.find(Locator::Css(&format!("nav a[href='{path}']"))).await.unwrap();
        link.click().await.unwrap();
        browser.client.wait().for_url(&url::Url::parse(&server.url(path)).unwrap()).await.unwrap();
        assert_eq!(browser.text_of("main h1").await, *title, "heading after clicking {path}");
        let current = c.find(Locator::Css("nav a[aria-current=page]")).await.unwrap();
        assert_eq!(current.text().await.unwrap(), *title);
    }

    // Straight from a bookmark.
    for (path, title) in PAGES {
        c.goto(&server.url(path)).await.unwrap();
        assert_eq!(browser.text_of("main h1").await, title, "heading when opening {path}");
    }

    c.goto(&server.url("/no/such/page")).await.unwrap();
    assert_eq!(browser.text_of("[data-testid=empty-state] h2").await, "Page not found");

    browser.assert_no_console_errors().await;
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn screenshots_at_phone_and_desktop_width() {
    let server = TestServer::start(ConfigFile::FromDist);
    let browser = Browser::start().await;
    for (name, width, height, mobile) in
        [("shell-phone-360x740", 360, 740, true), ("shell-desktop-1280x800", 1280, 800, false)]
    {
        browser.viewport(width, height, mobile).await;
        browser.client.goto(&server.url("/")).await.unwrap();
        assert_eq!(browser.text_of("[data-testid=tenant-badge]").await, "Demo tenant");
        assert_eq!(browser.text_of("main h1").await, "My roles");
        // Nothing may overflow sideways at phone width.
        let overflow = browser
            .client
            .execute(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(overflow.as_i64(), Some(0), "horizontal overflow at {width}px");
        let path = browser.screenshot(name).await;
        assert!(std::fs::metadata(&path).unwrap().len() > 1000, "screenshot {name} is empty");
    }
    browser.assert_no_console_errors().await;
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn malformed_config_names_the_bad_field() {
    let body = r#"{"tenant":"contoso.onmicrosoft.com","clientId":"not-a-guid","redirectUri":"https://pim.contoso.com/"}"#;
    let server = TestServer::start(ConfigFile::Body(body.into()));
    let browser = Browser::start().await;
    browser.client.goto(&server.url("/")).await.unwrap();
    assert_eq!(browser.text_of("[data-testid=config-error-field]").await, "clientId");
    let page = browser.text_of("[data-testid=config-error]").await;
    assert!(page.contains("Application (client) ID"), "the fix is explained: {page}");
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn configured_tenant_is_shown_instead_of_the_demo_badge() {
    let body = r#"{"tenant":"contoso.onmicrosoft.com","clientId":"11111111-2222-3333-4444-555555555555","redirectUri":"https://pim.contoso.com/"}"#;
    let server = TestServer::start(ConfigFile::Body(body.into()));
    let browser = Browser::start().await;
    browser.client.goto(&server.url("/")).await.unwrap();
    assert_eq!(browser.text_of("[data-testid=tenant-badge]").await, "contoso.onmicrosoft.com");
    browser.assert_no_console_errors().await;
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn no_config_file_at_all_also_means_demo() {
    let server = TestServer::start(ConfigFile::Absent);
    let browser = Browser::start().await;
    browser.client.goto(&server.url("/")).await.unwrap();
    assert_eq!(browser.text_of("[data-testid=tenant-badge]").await, "Demo tenant");
    // The only console error allowed is the browser's own note of the 404 itself.
    let errors: Vec<_> = browser
        .console()
        .await
        .into_iter()
        .filter(|(level, message)| level == "SEVERE" && !message.contains("config.json"))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    browser.close().await;
}
