//! Steps every demo end-to-end test takes: open a page, click by XPath, choose or switch the
//! demo persona through the account menu.

use std::time::Duration;

use fantoccini::Locator;

use super::browser::Browser;
use super::server::TestServer;

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
