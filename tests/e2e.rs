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

/// Picks a demo persona on the demo's sign-in page (only when it is showing).
async fn sign_in_as(browser: &Browser, first_name: &str) {
    if browser.client.find(Locator::Css("[data-testid=persona-picker]")).await.is_err() {
        return;
    }
    let choice = browser
        .client
        .find(Locator::XPath(&format!("//button[contains(., '{first_name}')]")))
        .await
        .unwrap_or_else(|e| panic!("no persona {first_name}: {e}"));
    choice.click().await.unwrap();
    assert!(browser.text_of("[data-testid=account]").await.contains(first_name));
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn demo_shell_renders_and_every_route_is_reachable() {
    let server = TestServer::start(ConfigFile::FromDist);
    let browser = Browser::start().await;
    let c = &browser.client;

    c.goto(&server.url("/")).await.unwrap();
    assert_eq!(browser.text_of("[data-testid=tenant-badge]").await, "Demo tenant");
    sign_in_as(&browser, "Alex").await;
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

    // Straight from a bookmark; the demo sign-in survives the reloads.
    for (path, title) in PAGES {
        c.goto(&server.url(path)).await.unwrap();
        assert!(browser.text_of("[data-testid=account]").await.contains("Alex"));
        assert_eq!(browser.text_of("main h1").await, title, "heading when opening {path}");
    }

    c.goto(&server.url("/no/such/page")).await.unwrap();
    assert_eq!(browser.text_of("[data-testid=empty-state] h2").await, "Page not found");

    browser.assert_no_console_errors().await;
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn the_demo_runs_the_full_build_even_after_a_tenant_was_configured() {
    let server = TestServer::start(ConfigFile::FromDist);
    let browser = Browser::start().await;
    let c = &browser.client;
    // This browser last saw a tenant configuration: the boot script starts the core build on it at
    // once. The server's config.json now runs the demo, which only the full build holds: the fresh
    // answer replaces the remembered one and the page reloads into the demo.
    c.goto(&server.url("/")).await.unwrap();
    let tenant = serde_json::json!({
        "status": 200,
        "body": serde_json::json!({
            "tenant": "contoso.onmicrosoft.com",
            "clientId": "00000000-0000-0000-0000-000000000001",
            "redirectUri": server.url("/auth/callback"),
        })
        .to_string(),
    });
    c.execute("localStorage.setItem('pim.config', arguments[0])", vec![tenant.to_string().into()])
        .await
        .unwrap();
    c.goto(&server.url("/")).await.unwrap();
    assert_eq!(browser.text_of("[data-testid=tenant-badge]").await, "Demo tenant");
    let build = c.execute("return document.documentElement.dataset.bundle", vec![]).await.unwrap();
    assert_eq!(build.as_str(), Some("full"));
    sign_in_as(&browser, "Alex").await;
    assert_eq!(browser.text_of("main h1").await, "My roles");
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
        browser.screenshot(&format!("{name}-persona-picker")).await;
        sign_in_as(&browser, "Alex").await;
        assert_eq!(browser.text_of("main h1").await, "My roles");
        // Nothing may overflow sideways at phone width.
        browser.assert_no_sideways_scroll(&format!("at {width}px")).await;
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

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn the_simulated_tenant_answers_the_browsers_fetch_on_the_same_origin() {
    let now = chrono::Utc::now();
    let server = TestServer::start_with_sim(ConfigFile::FromDist, pim_console::sim::Sim::demo(7, now));
    let token = {
        let mut sim = server.sim.as_ref().unwrap().lock().unwrap();
        sim.mint_token_at("alex@contoso.example", pim_console::sim::TokenClaims::graph(), now)
    };
    let browser = Browser::start().await;
    browser.client.goto(&server.url("/")).await.unwrap();
    browser.text_of("[data-testid=tenant-badge]").await;
    let script = r#"
        const [token, done] = arguments;
        const url = "/graph/v1.0/roleManagement/directory/roleEligibilityScheduleInstances/filterByCurrentUser(on='principal')";
        Promise.all([
            fetch(url, { headers: { Authorization: "Bearer " + token } }).then(async r => [r.status, await r.json()]),
            fetch(url).then(async r => [r.status, await r.json()]),
        ]).then(done, e => done(String(e)));
    "#;
    let out = browser.client.execute_async(script, vec![token.into()]).await.unwrap();
    assert_eq!(out[0][0], 200, "{out}");
    assert!(out[0][1]["value"].as_array().is_some_and(|v| !v.is_empty()), "Alex has eligible roles: {out}");
    assert_eq!(out[1][0], 401, "no token, no data");
    assert_eq!(out[1][1]["error"]["code"], "InvalidAuthenticationToken");
    browser.close().await;
}

/// Whether the page on screen carries `<meta name="deploy">` (the mark of the second deploy below).
async fn second_deploy_on_screen(browser: &Browser) -> bool {
    let marked = browser.client.execute("return !!document.querySelector('meta[name=deploy]')", vec![]).await;
    marked.unwrap().as_bool().unwrap()
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn a_new_deploy_reaches_the_browser_on_a_following_load() {
    // The web server's folder: a copy of the build, which a deploy then overwrites.
    let folder = std::env::temp_dir().join(format!("pim-deploy-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    for file in std::fs::read_dir(support::server::dist_dir()).unwrap() {
        let file = file.unwrap();
        if file.file_type().unwrap().is_file() {
            std::fs::copy(file.path(), folder.join(file.file_name())).unwrap();
        }
    }
    let server = TestServer::start_folder(folder.clone(), ConfigFile::FromDist);
    let browser = Browser::start().await;
    let c = &browser.client;
    c.goto(&server.url("/")).await.unwrap();
    assert_eq!(browser.text_of("[data-testid=tenant-badge]").await, "Demo tenant");
    // Once the app has run, this browser keeps a copy of it (the service worker, public/sw.js).
    browser.assert_app_copy_kept().await;

    // A deploy changes the page.
    let page = std::fs::read_to_string(folder.join("index.html")).unwrap();
    let deployed = page.replacen("<head>", "<head>\n    <meta name=\"deploy\" content=\"2\" />", 1);
    assert_ne!(page, deployed);
    std::fs::write(folder.join("index.html"), deployed).unwrap();

    // The next load starts at once from the copy (the earlier page) and fetches the new page behind it.
    c.goto(&server.url("/")).await.unwrap();
    assert_eq!(browser.text_of("[data-testid=tenant-badge]").await, "Demo tenant");
    assert!(!second_deploy_on_screen(&browser).await, "the kept copy answered");
    // The load after that has the new one (the copy is renewed behind the previous load).
    let mut loads = 0;
    while !second_deploy_on_screen(&browser).await {
        loads += 1;
        assert!(loads <= 2, "the new deploy did not reach the browser in two more loads");
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        c.goto(&server.url("/")).await.unwrap();
        assert_eq!(browser.text_of("[data-testid=tenant-badge]").await, "Demo tenant");
    }
    browser.assert_no_console_errors().await;
    browser.close().await;
    drop(server);
    let _ = std::fs::remove_dir_all(&folder);
}
