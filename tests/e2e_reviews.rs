//! End-to-end: an access review from the reviewer's side in the demo. Bailey sees who holds
//! User Administrator with the service's recommendation, and removes Alex's access with a
//! justification; the decision shows on the row.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::Locator;
use support::browser::Browser;
use support::demo::{choose_persona, click_xpath, open};
use support::server::{ConfigFile, TestServer};

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn the_reviewer_removes_access_with_a_justification() {
    let server = TestServer::start(ConfigFile::FromDist);
    let browser = Browser::start().await;
    browser.viewport(360, 740, true).await;
    open(&browser, &server, "/reviews").await;
    choose_persona(&browser, "Bailey").await;
    let list = browser.text_containing("[data-testid=review-list]", "Alex Morgan").await;
    assert!(list.contains("Quarterly review: User Administrator"), "{list}");
    assert!(list.contains("Recommended:"), "{list}");
    assert!(list.contains("ends in"), "{list}");

    click_xpath(
        &browser,
        "//li[@data-testid='review-item'][.//div[@class='app-item__title' and normalize-space()='Alex Morgan']]//input[@type='checkbox']",
    )
    .await;
    browser.text_of("[data-testid=review-panel]").await;
    browser
        .client
        .find(Locator::Css("[data-testid=review-justification]"))
        .await
        .unwrap()
        .send_keys("Moved to the data team in October")
        .await
        .unwrap();
    browser.screenshot("access-review-decide-360x740").await;
    click_xpath(&browser, "//*[@data-testid='review-deny']").await;
    let results = browser.text_containing("[data-testid=results]", "remove access").await;
    assert!(results.contains("Alex Morgan"), "{results}");
    let decision = browser.text_containing("[data-testid=review-decision]", "Deny").await;
    assert!(decision.contains("Moved to the data team in October"), "{decision}");
    browser.assert_no_console_errors().await;
    browser.close().await;
}
