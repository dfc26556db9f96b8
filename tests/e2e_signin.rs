//! End-to-end sign-in: the app, configured for a tenant, signs in through the simulated
//! tenant's Entra-like endpoints over loopback HTTP (authorization code + PKCE, the browser's
//! real redirects and fetch), then loads My roles with the tokens it obtained.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::time::Duration;

use fantoccini::Locator;
use support::browser::Browser;
use support::demo::pick_on_identity_page;
use support::server::{ConfigFile, TestServer};

async fn wait_for(browser: &Browser, css: &str) -> String {
    if browser.client.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css(css)).await.is_err() {
        let shot = browser.screenshot("failure-signin").await;
        let page = browser.client.find(Locator::Css("body")).await.unwrap().text().await.unwrap_or_default();
        let url = browser.client.current_url().await.map(|u| u.to_string()).unwrap_or_default();
        panic!("no {css} at {url}; screenshot {}; page:\n{page}", shot.display());
    }
    browser.text_of(css).await
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn sign_in_through_the_identity_endpoints_then_my_roles_loads_over_http() {
    let sim = pim_console::sim::Sim::demo(7, chrono::Utc::now());
    let server = TestServer::start_with_sim(ConfigFile::SimTenant, sim);
    let browser = Browser::start().await;
    let c = &browser.client;

    c.goto(&server.url("/?q=admin")).await.unwrap();
    wait_for(&browser, "[data-testid=tenant-sign-in]").await;
    c.find(Locator::Css("[data-testid=sign-in]")).await.unwrap().click().await.unwrap();

    // The simulated tenant's sign-in page: pick Alex and sign in.
    pick_on_identity_page(&browser, "alex@contoso.example").await;

    // Back in the app: signed in, on the page the user started from, the code gone from the URL.
    let account = wait_for(&browser, "[data-testid=account]").await;
    assert!(account.contains("Alex"), "{account}");
    let list = wait_for(&browser, "[data-testid=role-list]").await;
    assert!(list.contains("Administrator"), "{list}");
    let url = c.current_url().await.unwrap();
    assert_eq!(url.path(), "/");
    assert!(url.query().unwrap_or("").contains("q=admin"), "the user's place is kept: {url}");
    assert!(!url.as_str().contains("code="), "the code never lingers in the address bar: {url}");

    // Reload: the session survives in this tab (refresh token in sessionStorage).
    c.refresh().await.unwrap();
    assert!(wait_for(&browser, "[data-testid=account]").await.contains("Alex"));
    wait_for(&browser, "[data-testid=role-list]").await;

    // Azure rows came with an ARM token obtained from the refresh token, without a second prompt.
    c.goto(&server.url("/")).await.unwrap();
    let list = wait_for(&browser, "[data-testid=role-list]").await;
    assert!(list.contains("Azure role"), "{list}");
    browser.assert_no_console_errors().await;

    // Sign out: back to the sign-in page, nothing of the session left in the tab.
    c.find(Locator::XPath("//button[normalize-space()='Sign out']")).await.unwrap().click().await.unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    c.goto(&server.url("/")).await.unwrap();
    wait_for(&browser, "[data-testid=tenant-sign-in]").await;
    let stored = c.execute("return Object.keys(sessionStorage).join(',')", vec![]).await.unwrap();
    assert!(!stored.as_str().unwrap_or("").contains("pim.session"), "{stored}");
    browser.close().await;
}

/// A fresh simulated tenant over HTTP, and a browser signed in to it as Alex.
async fn alex_signed_in() -> (TestServer, Browser) {
    let sim = pim_console::sim::Sim::demo(7, chrono::Utc::now());
    let server = TestServer::start_with_sim(ConfigFile::SimTenant, sim);
    let browser = Browser::start().await;
    sign_in_as_alex(&browser, &server).await;
    (server, browser)
}

async fn sign_in_as_alex(browser: &Browser, server: &TestServer) {
    let c = &browser.client;
    c.goto(&server.url("/")).await.unwrap();
    wait_for(browser, "[data-testid=tenant-sign-in]").await;
    c.find(Locator::Css("[data-testid=sign-in]")).await.unwrap().click().await.unwrap();
    pick_on_identity_page(browser, "alex@contoso.example").await;
    wait_for(browser, "[data-testid=role-list]").await;
}

async fn select(browser: &Browser, name: &str) {
    let xpath = format!(
        "//li[@data-testid='role-item'][.//div[@class='app-item__title' and normalize-space()='{name}']]//input[@type='checkbox']"
    );
    let boxes =
        browser.client.wait().at_most(Duration::from_secs(10)).for_element(Locator::XPath(&xpath)).await;
    boxes.unwrap_or_else(|e| panic!("no checkbox for {name}: {e}")).click().await.unwrap();
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn an_authentication_context_step_up_goes_through_the_identity_platform() {
    let (_server, browser) = alex_signed_in().await;

    select(&browser, "Security Administrator").await;
    browser
        .client
        .find(Locator::Css("[data-testid=justification]"))
        .await
        .unwrap()
        .send_keys("Incident INC-900")
        .await
        .unwrap();
    browser.text_containing("[data-testid=plan]", "authentication context c1").await;
    // One tap: the batch is kept in the tab, the sign-in asks for the context…
    browser.text_containing("[data-testid=submit]", "Sign in and activate 1").await;
    browser.client.find(Locator::Css("[data-testid=submit]")).await.unwrap().click().await.unwrap();

    // …the identity platform's page asks for the context (the claims request reached it)…
    let page = browser.text_containing("body", "c1").await;
    assert!(page.contains("alex@contoso.example"), "{page}");
    pick_on_identity_page(&browser, "alex@contoso.example").await;

    // …and back on My roles the same batch is sent by itself: nothing selected or typed again.
    let results = browser.text_containing("[data-testid=results]", "Security Administrator").await;
    assert!(results.contains("Active"), "{results}");
    browser.assert_no_console_errors().await;
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn approvals_ask_for_their_permission_only_when_opened() {
    let (server, browser) = alex_signed_in().await;

    // The first sign-in did not ask for the approver's permission: the page says what it needs.
    browser.client.goto(&server.url("/approvals")).await.unwrap();
    let gate = wait_for(&browser, "[data-testid=needs-permission]").await;
    assert!(gate.contains("approve or deny requests"), "{gate}");
    assert!(gate.contains("PrivilegedAccess.ReadWrite.AzureAD"), "names the permission: {gate}");
    browser.screenshot("approvals-permission-360x740").await;

    // One more sign-in asks for it, and brings the user back to Approvals.
    browser.client.find(Locator::Css("[data-testid=grant]")).await.unwrap().click().await.unwrap();
    pick_on_identity_page(&browser, "alex@contoso.example").await;
    let page = browser.text_containing("main", "Approvals").await;
    assert!(!page.contains("One more permission"), "{page}");
    assert_eq!(browser.client.current_url().await.unwrap().path(), "/approvals");
    browser.text_containing("main", "Nothing to approve").await;
    browser.assert_no_console_errors().await;
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn the_account_menu_switches_tenant_and_comes_back_to_the_same_page() {
    let (server, browser) = alex_signed_in().await;
    let c = &browser.client;
    c.goto(&server.url("/?q=admin")).await.unwrap();
    wait_for(&browser, "[data-testid=role-list]").await;
    c.find(Locator::XPath("//button[normalize-space()='Switch tenant']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    // A typo is caught before leaving the page.
    c.find(Locator::Css("[data-testid=tenant-input]"))
        .await
        .unwrap()
        .send_keys("not a tenant")
        .await
        .unwrap();
    c.find(Locator::XPath("//button[normalize-space()='Sign in to that tenant']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser.text_containing("[data-testid=tenant-switch]", "Type a tenant id").await;
    let input = c.find(Locator::Css("[data-testid=tenant-input]")).await.unwrap();
    input.clear().await.unwrap();
    input.send_keys("contoso.example").await.unwrap();
    c.find(Locator::XPath("//button[normalize-space()='Sign in to that tenant']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    // The directory session is alive, so the identity platform answers without a prompt (as
    // Entra does); the app comes back signed in to that tenant, on the same page.
    for _ in 0..100 {
        let stored = c.execute("return sessionStorage.getItem('pim.session') || ''", vec![]).await.unwrap();
        if stored.as_str().unwrap_or("").contains("\"tenant\":\"contoso.example\"") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let stored = c.execute("return sessionStorage.getItem('pim.session') || ''", vec![]).await.unwrap();
    assert!(stored.as_str().unwrap_or("").contains("\"tenant\":\"contoso.example\""), "{stored}");
    assert!(wait_for(&browser, "[data-testid=account]").await.contains("Alex"));
    let url = c.current_url().await.unwrap();
    assert_eq!((url.path(), url.query()), ("/", Some("q=admin")), "back on the same view");
    wait_for(&browser, "[data-testid=role-list]").await;
    browser.assert_no_console_errors().await;
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn a_warm_start_shows_the_last_known_roles_at_once_then_refreshes() {
    use pim_console::sim::{Fault, FaultRule};
    let (server, browser) = alex_signed_in().await;

    // The next visit finds Graph slow: the last-known list is on screen before Graph answers.
    server.sim.as_ref().unwrap().lock().unwrap().inject(FaultRule::times(
        "$batch",
        1,
        Fault::Latency(Duration::from_secs(4)),
    ));
    browser.client.goto(&server.url("/")).await.unwrap();
    let banner = wait_for(&browser, "[data-testid=last-known]").await;
    assert!(banner.contains("refreshing"), "{banner}");
    let list = browser.text_of("[data-testid=role-list]").await;
    assert!(list.contains("Security Administrator"), "last-known rows shown at once: {list}");
    browser.screenshot("my-roles-warm-start-360x740").await;

    // Once fresh data is in, the banner goes.
    for _ in 0..100 {
        if browser.client.find(Locator::Css("[data-testid=last-known]")).await.is_err() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(browser.client.find(Locator::Css("[data-testid=last-known]")).await.is_err(), "still stale");

    // Sign-out drops the cached tenant data from this browser.
    browser
        .client
        .find(Locator::XPath("//button[normalize-space()='Sign out']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    browser.client.goto(&server.url("/")).await.unwrap();
    wait_for(&browser, "[data-testid=tenant-sign-in]").await;
    let kept = browser.client.execute("return Object.keys(localStorage).join(',')", vec![]).await.unwrap();
    assert!(!kept.as_str().unwrap_or("").contains("pim.lastknown"), "{kept}");
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn my_roles_opens_with_the_last_known_rows_when_the_web_server_is_out_of_reach() {
    let (server, browser) = alex_signed_in().await;
    let c = &browser.client;
    // Once the app has run, this browser keeps a copy of it (the service worker, public/sw.js).
    browser.assert_app_copy_kept().await;
    let address = server.url("/?q=admin");
    drop(server);

    // The web server (and, here, the tenant behind it) is gone: the page, the core build and the
    // configuration come from this browser; the rows of the last visit show, said to be old,
    // beside what went wrong and Try again.
    c.goto(&address).await.unwrap();
    let label = browser.text_containing("[data-testid=last-known]", "could not refresh").await;
    assert!(label.starts_with("Showing data from"), "{label}");
    let list = browser.text_of("[data-testid=role-list]").await;
    assert!(list.contains("Security Administrator"), "the last-known rows stay: {list}");
    assert!(!list.contains("Global Reader"), "the search from the address applies: {list}");
    assert_eq!(running_build(&browser).await, "core");
    let problem = browser.text_of("[data-testid=load-problem]").await;
    assert!(c.find(Locator::Css("[data-testid=retry]")).await.is_ok(), "Try again is offered: {problem}");
    browser.screenshot("my-roles-server-unreachable").await;
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn a_spent_refresh_token_signs_in_again_and_comes_back_to_the_same_view() {
    let (server, browser) = alex_signed_in().await;
    let c = &browser.client;

    // A day and more later (the tenant's clock), the refresh token of a single-page app is spent.
    server.sim.as_ref().unwrap().lock().unwrap().advance(chrono::Duration::hours(25));
    c.goto(&server.url("/?q=admin")).await.unwrap();

    // The app goes to the identity platform by itself (silently first); if the platform needs
    // the user, its page asks, and the app comes back to the same view.
    for _ in 0..200 {
        if c.find(Locator::XPath("//label[contains(., 'alex@contoso.example')]/input")).await.is_ok() {
            pick_on_identity_page(&browser, "alex@contoso.example").await;
            break;
        }
        // Done when back on the view in a document the sign-in's return loaded (the last-known
        // list may show for a moment before the app leaves).
        let returned = c.execute("return performance.getEntriesByType('navigation')[0].name", vec![]).await;
        let returned =
            returned.ok().and_then(|v| v.as_str().map(|n| n.contains("/auth/callback"))).unwrap_or(false);
        if returned
            && c.current_url().await.map(|u| u.path() == "/").unwrap_or(false)
            && c.find(Locator::Css("[data-testid=role-list]")).await.is_ok()
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let list = browser.text_containing("[data-testid=role-list]", "Administrator").await;
    assert!(!list.contains("Global Reader"), "the search is kept: {list}");
    let url = c.current_url().await.unwrap();
    assert_eq!((url.path(), url.query()), ("/", Some("q=admin")));
    assert!(wait_for(&browser, "[data-testid=account]").await.contains("Alex"));
    // This document was loaded by the sign-in's return, not by the visit above.
    let loaded_at =
        c.execute("return performance.getEntriesByType('navigation')[0].name", vec![]).await.unwrap();
    assert!(loaded_at.as_str().unwrap_or("").contains("/auth/callback"), "{loaded_at}");
    browser.close().await;
}

/// The running build, as the app marks it on `<html data-bundle>`, once it has started.
async fn running_build(browser: &Browser) -> String {
    for _ in 0..100 {
        let v = browser.client.execute("return document.documentElement.dataset.bundle || ''", vec![]).await;
        let name = v.ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
        if !name.is_empty() {
            return name;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no build marked itself on <html data-bundle>");
}

/// The wasm files this page load fetched (file names only).
async fn fetched_wasm(browser: &Browser) -> Vec<String> {
    let js = "return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.endsWith('.wasm')).map(n => n.split('/').pop())";
    let v = browser.client.execute(js, vec![]).await.unwrap();
    v.as_array().unwrap().iter().map(|n| n.as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn my_roles_loads_only_the_core_build_and_other_pages_the_full_one() {
    let (server, browser) = alex_signed_in().await;
    let c = &browser.client;

    // My roles against a tenant: the small build, and only it.
    c.goto(&server.url("/")).await.unwrap();
    wait_for(&browser, "[data-testid=role-list]").await;
    assert_eq!(running_build(&browser).await, "core");
    let wasm = fetched_wasm(&browser).await;
    assert!(wasm.len() == 1 && wasm[0].starts_with("pim-core-"), "{wasm:?}");

    // A page the core build does not hold: the navigation loads the full build there, still signed in.
    c.find(Locator::Css("nav a[href='/audit']")).await.unwrap().click().await.unwrap();
    wait_for(&browser, "[data-testid=needs-permission]").await;
    assert_eq!(running_build(&browser).await, "full");
    assert_eq!(c.current_url().await.unwrap().path(), "/audit");
    assert!(wait_for(&browser, "[data-testid=account]").await.contains("Alex"));
    let wasm = fetched_wasm(&browser).await;
    assert!(wasm.len() == 1 && wasm[0].starts_with("pim-console-"), "{wasm:?}");

    // Back to My roles inside the full build (no reload), and from a bookmark in the core one.
    c.find(Locator::Css("nav a[href='/']")).await.unwrap().click().await.unwrap();
    wait_for(&browser, "[data-testid=role-list]").await;
    assert_eq!(running_build(&browser).await, "full");
    browser.assert_no_console_errors().await;
    c.goto(&server.url("/requests")).await.unwrap();
    wait_for(&browser, "[data-testid=account]").await;
    assert_eq!(running_build(&browser).await, "core");

    // An address the two builds might read differently (a trailing slash) settles on one page:
    // the core build hands over at most once, never back and forth.
    c.goto(&server.url("/requests/")).await.unwrap();
    wait_for(&browser, "main h1").await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    c.execute("window.stillHere = true", vec![]).await.unwrap();
    tokio::time::sleep(Duration::from_secs(2)).await;
    let kept = c.execute("return window.stillHere === true", vec![]).await.unwrap();
    assert_eq!(kept.as_bool(), Some(true), "the page settled (no reload since)");
    let heading = browser.text_of("main h1").await;
    assert!(["My requests", "Page not found"].contains(&heading.as_str()), "{heading}");
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn settings_that_cannot_be_read_are_explained_and_read_again_on_request() {
    use pim_console::sim::{Fault, FaultRule};
    let sim = pim_console::sim::Sim::demo(7, chrono::Utc::now());
    let server = TestServer::start_with_sim(ConfigFile::SimTenant, sim);
    let refuse = Fault::Refuse {
        status: 403,
        code: "Authorization_RequestDenied".into(),
        message: "Insufficient privileges to complete the operation.".into(),
    };
    let faults = || server.sim.as_ref().unwrap().lock().unwrap();
    faults().inject(FaultRule::always("roleManagementPolicyAssignments", refuse));
    let browser = Browser::start().await;
    sign_in_as_alex(&browser, &server).await;

    select(&browser, "Security Administrator").await;
    let justification = browser.client.find(Locator::Css("[data-testid=justification]")).await.unwrap();
    justification.send_keys("Incident INC-901").await.unwrap();
    let said = wait_for(&browser, "[data-testid=settings-unread]").await;
    assert!(said.contains("could not be read"), "{said}");
    assert!(said.contains("permission"), "says why: {said}");
    browser.screenshot("my-roles-settings-unread").await;

    // The service lets the reads through again: Try again reads them, nothing typed is lost.
    faults().clear_faults();
    browser.client.find(Locator::Css("[data-testid=settings-retry]")).await.unwrap().click().await.unwrap();
    browser.text_containing("[data-testid=plan]", "authentication context c1").await;
    let kept = browser.client.find(Locator::Css("[data-testid=justification]")).await.unwrap();
    assert_eq!(kept.prop("value").await.unwrap().as_deref(), Some("Incident INC-901"));
    browser.close().await;
}
