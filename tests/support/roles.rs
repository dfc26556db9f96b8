//! Steps on the sign-in pages and the My roles list shared by the end-to-end tests.

use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::Locator;

use super::browser::Browser;

/// Chooses Alex on the demo's persona picker. The first load compiles the app's WebAssembly,
/// which takes a while on a busy machine (a debug build especially): wait up to a minute.
pub async fn pick_demo_alex(browser: &Browser) {
    let alex = browser
        .client
        .wait()
        .at_most(Duration::from_secs(60))
        .for_element(Locator::XPath("//section[@data-testid='persona-picker']//button[contains(., 'Alex')]"))
        .await;
    let Ok(alex) = alex else {
        let shot = browser.screenshot("failure-persona-picker").await;
        let console = browser.console().await;
        panic!("no persona picker; screenshot {}; console: {console:#?}", shot.display());
    };
    alex.click().await.unwrap();
}

/// Signs in as Alex on the simulated tenant's sign-in page (after the app's "Sign in").
pub async fn pick_alex_on_the_sign_in_page(browser: &Browser) {
    let c = &browser.client;
    let persona = c
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::XPath("//label[contains(., 'alex@contoso.example')]/input"))
        .await
        .expect("the sign-in page lists the personas");
    persona.click().await.unwrap();
    c.find(Locator::Css("button[value=sign_in]")).await.unwrap().click().await.unwrap();
}

/// The My roles row titled `name`.
pub async fn row(browser: &Browser, name: &str) -> Element {
    let xpath = format!(
        "//li[@data-testid='role-item'][.//div[@class='app-item__title' and normalize-space()='{name}']]"
    );
    browser.client.wait().at_most(Duration::from_secs(10)).for_element(Locator::XPath(&xpath)).await.unwrap()
}

/// Ticks the row's checkbox.
pub async fn select(browser: &Browser, name: &str) {
    let r = row(browser, name).await;
    r.find(Locator::Css("input[type=checkbox]")).await.unwrap().click().await.unwrap();
}
