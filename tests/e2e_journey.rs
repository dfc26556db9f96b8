//! End-to-end: the daily job against a configured tenant (the simulated one, over loopback
//! HTTP, with its Entra-like sign-in): Alex activates three items of three planes in one go (one
//! needs Bailey's approval, one an authentication-context step-up through the identity
//! platform); the batch completes after the redirect without retyping; Bailey, in another
//! browser, grants the approvals permission and approves; Alex's page follows the request until
//! it is in force; after the tenant's clock passes five minutes, Alex deactivates.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::time::Duration;

use fantoccini::Locator;
use support::browser::Browser;
use support::server::{ConfigFile, TestServer};

async fn wait_for(browser: &Browser, css: &str) -> String {
    if browser.client.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css(css)).await.is_err() {
        let shot = browser.screenshot("failure-journey").await;
        let page = browser.client.find(Locator::Css("body")).await.unwrap().text().await.unwrap_or_default();
        panic!("no {css}; screenshot {}; page:\n{page}", shot.display());
    }
    browser.text_of(css).await
}

async fn click(browser: &Browser, xpath: &str) {
    browser
        .client
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::XPath(xpath))
        .await
        .unwrap_or_else(|e| panic!("no element {xpath}: {e}"))
        .click()
        .await
        .unwrap();
}

/// On the simulated tenant's sign-in page: pick the persona and sign in.
async fn pick(browser: &Browser, upn: &str) {
    click(browser, &format!("//label[contains(., '{upn}')]/input")).await;
    click(browser, "//button[@value='sign_in']").await;
}

async fn sign_in(browser: &Browser, server: &TestServer, upn: &str) {
    browser.client.goto(&server.url("/")).await.unwrap();
    wait_for(browser, "[data-testid=tenant-sign-in]").await;
    click(browser, "//*[@data-testid='sign-in']").await;
    pick(browser, upn).await;
    wait_for(browser, "[data-testid=account]").await;
}

async fn select(browser: &Browser, name: &str) {
    click(
        browser,
        &format!(
            "//li[@data-testid='role-item'][.//div[@class='app-item__title' and normalize-space()='{name}']]//input[@type='checkbox']"
        ),
    )
    .await;
}

fn row_xpath(name: &str) -> String {
    format!("//li[@data-testid='role-item'][.//div[@class='app-item__title' and normalize-space()='{name}']]")
}

async fn result_line(browser: &Browser, name: &str, needle: &str, seconds: u64) -> String {
    let xpath = format!("//li[@data-testid='result'][strong[normalize-space()='{name}']]");
    let mut last = String::new();
    for _ in 0..seconds * 5 {
        if let Ok(el) = browser.client.find(Locator::XPath(&xpath)).await {
            last = el.text().await.unwrap_or_default();
            if last.contains(needle) {
                return last;
            }
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let shot = browser.screenshot("failure-journey-result").await;
    panic!("the result for {name} never said {needle:?}: {last:?}; screenshot {}", shot.display());
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn three_planes_with_approval_and_step_up_then_approved_followed_and_deactivated() {
    let sim = pim_console::sim::Sim::demo(7, chrono::Utc::now());
    let server = TestServer::start_with_sim(ConfigFile::SimTenant, sim);
    let alex = Browser::start().await;
    alex.viewport(360, 740, true).await;
    sign_in(&alex, &server, "alex@contoso.example").await;
    wait_for(&alex, "[data-testid=role-list]").await;

    for name in ["Security Administrator", "PIM - Database Admins", "Contributor"] {
        select(&alex, name).await;
    }
    alex.client
        .find(Locator::Css("[data-testid=justification]"))
        .await
        .unwrap()
        .send_keys("Rotating certificates for CHG-2211")
        .await
        .unwrap();
    let plan = alex.text_containing("[data-testid=plan]", "needs approval from Bailey Kim").await;
    assert!(plan.contains("authentication context c1"), "{plan}");
    assert!(plan.contains("activates now"), "{plan}");
    alex.screenshot("journey-plan-phone-360x740").await;

    // One tap: the identity platform asks for c1; back in the app the batch goes by itself.
    alex.text_containing("[data-testid=submit]", "Sign in and activate 3").await;
    click(&alex, "//*[@data-testid='submit']").await;
    let page = alex.text_containing("body", "c1").await;
    assert!(page.contains("alex@contoso.example"), "{page}");
    pick(&alex, "alex@contoso.example").await;
    result_line(&alex, "Security Administrator", "Active since", 20).await;
    result_line(&alex, "Contributor", "Active since", 5).await;
    result_line(&alex, "PIM - Database Admins", "Waiting for approval", 5).await;
    alex.screenshot("journey-results-phone-360x740").await;

    // Bailey, on another device, opens Approvals: one more permission, then the queue.
    let bailey = Browser::start().await;
    sign_in(&bailey, &server, "bailey@contoso.example").await;
    bailey.client.goto(&server.url("/approvals")).await.unwrap();
    wait_for(&bailey, "[data-testid=needs-permission]").await;
    click(&bailey, "//*[@data-testid='grant']").await;
    // The directory session may answer without a prompt, as Entra does.
    tokio::time::sleep(Duration::from_millis(800)).await;
    if bailey
        .client
        .find(Locator::XPath("//label[contains(., 'bailey@contoso.example')]/input"))
        .await
        .is_ok()
    {
        pick(&bailey, "bailey@contoso.example").await;
    }
    bailey.text_containing("[data-testid=approval-queue]", "Alex Morgan").await;
    click(
        &bailey,
        "//li[@data-testid='approval-item'][.//*[@data-testid='requester' and normalize-space()='Alex Morgan'] and contains(., 'PIM - Database Admins')]//input[@type='checkbox']",
    )
    .await;
    if let Ok(j) = bailey.client.find(Locator::Css("[data-testid=approver-justification]")).await {
        j.send_keys("Certificate rotation is planned").await.unwrap();
    }
    click(&bailey, "//*[@data-testid='approve']").await;
    bailey.text_containing("[data-testid=results]", "Approved").await;
    bailey.close().await;

    // Alex's page follows the request and says when it took effect, with no reload.
    let line = result_line(&alex, "PIM - Database Admins", "Active since", 75).await;
    assert!(!line.contains("Waiting"), "{line}");

    // Deactivation waits for the tenant's five-minute minimum, then works.
    let security = alex.client.find(Locator::XPath(&row_xpath("Security Administrator"))).await.unwrap();
    assert!(security.text().await.unwrap().contains("Deactivate in"), "counts down first");
    server.sim.as_ref().unwrap().lock().unwrap().advance(chrono::Duration::minutes(6));
    click(&alex, "//*[@data-testid='refresh']").await;
    let button = format!("{}//button[normalize-space()='Deactivate']", row_xpath("Security Administrator"));
    for _ in 0..100 {
        if let Ok(b) = alex.client.find(Locator::XPath(&button)).await {
            if b.attr("disabled").await.unwrap().is_none() {
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    click(&alex, &button).await;
    result_line(&alex, "Security Administrator", "Deactivated", 15).await;
    alex.screenshot("journey-deactivated-phone-360x740").await;
    alex.viewport(1280, 800, false).await;
    alex.screenshot("journey-desktop-1280x800").await;
    alex.close().await;
}
