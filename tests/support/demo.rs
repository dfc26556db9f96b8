//! Steps every demo end-to-end test takes: open a page, click by XPath, choose or switch the
//! demo persona through the account menu.

use std::time::Duration;

use fantoccini::Locator;

use super::browser::Browser;
use super::server::{ConfigFile, TestServer};

/// Waits (up to 15 s) for the element and clicks it.
pub async fn click_xpath(browser: &Browser, xpath: &str) {
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

/// Picks a persona on the demo sign-in page.
pub async fn choose_persona(browser: &Browser, name: &str) {
    browser.text_of("[data-testid=persona-picker]").await;
    click_xpath(browser, &format!("//button[contains(., '{name}')]")).await;
}

/// Switches persona through the account menu (the demo tenant stays).
pub async fn switch_to(browser: &Browser, name: &str) {
    click_xpath(browser, "//*[@data-testid='account']//button[contains(., 'Switch')]").await;
    choose_persona(browser, name).await;
}

/// Opens an app path.
pub async fn open(browser: &Browser, server: &TestServer, path: &str) {
    browser.client.goto(&server.url(path)).await.unwrap();
}

/// On the simulated tenant's sign-in page (configured-tenant tests): picks the account and signs in.
pub async fn pick_on_identity_page(browser: &Browser, upn: &str) {
    let c = &browser.client;
    let persona = c
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::XPath(&format!("//label[contains(., '{upn}')]/input")))
        .await
        .expect("the sign-in page lists the personas");
    persona.click().await.unwrap();
    c.find(Locator::Css("button[value=sign_in]")).await.unwrap().click().await.unwrap();
}

/// A phone (360 × 740) on the app configured for the simulated tenant `sim`, opened at `path`
/// and signed in there as `upn` through the tenant's sign-in page.
pub async fn tenant_phone_signed_in(
    sim: pim_console::sim::Sim,
    path: &str,
    upn: &str,
) -> (TestServer, Browser) {
    let server = TestServer::start_with_sim(ConfigFile::SimTenant, sim);
    let browser = Browser::start().await;
    browser.viewport(360, 740, true).await;
    browser.client.goto(&server.url(path)).await.unwrap();
    let sign_in = browser
        .client
        .wait()
        .at_most(Duration::from_secs(60))
        .for_element(Locator::Css("[data-testid=sign-in]"))
        .await;
    sign_in.expect("the tenant sign-in page").click().await.unwrap();
    pick_on_identity_page(&browser, upn).await;
    (server, browser)
}

/// Presses "Show N more" (`more`, a CSS selector) from the keyboard until every row is rendered,
/// checking that each press adds rows to the count line (`count`). Returns how many presses.
pub async fn show_every_row(browser: &Browser, more: &str, count: &str) -> usize {
    let mut presses = 0;
    while let Ok(button) = browser.client.find(Locator::Css(more)).await {
        let before = browser.text_of(count).await;
        button.send_keys("\u{E007}").await.unwrap();
        presses += 1;
        for _ in 0..100 {
            if browser.text_of(count).await != before {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert_ne!(browser.text_of(count).await, before, "{more} showed no more rows");
    }
    presses
}
