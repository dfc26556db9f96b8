//! End-to-end: a request that needs approval, followed from both sides in the demo. Alex asks
//! for User Administrator and sees it pending in My requests; Bailey approves it in Approvals;
//! Alex's requests then show it provisioned. The demo tenant lives in the tab's sessionStorage,
//! so switching persona keeps it.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::Locator;
use support::browser::Browser;
use support::demo::{choose_persona, click_xpath, open, switch_to};
use support::server::{ConfigFile, TestServer};

/// Signs in as Alex and asks for `role` with `why` (it needs Bailey's approval).
async fn alex_asks_for(browser: &Browser, server: &TestServer, role: &str, why: &str) {
    open(browser, server, "/").await;
    choose_persona(browser, "Alex").await;
    browser.text_containing("[data-testid=role-list]", "Approval: Bailey Kim").await;
    click_xpath(
        browser,
        &format!(
            "//li[@data-testid='role-item'][.//div[@class='app-item__title' and normalize-space()='{role}']]//input[@type='checkbox']"
        ),
    )
    .await;
    browser
        .client
        .find(Locator::Css("[data-testid=justification]"))
        .await
        .unwrap()
        .send_keys(why)
        .await
        .unwrap();
    browser.text_containing("[data-testid=plan]", "needs approval from Bailey Kim").await;
    click_xpath(browser, "//*[@data-testid='submit']").await;
    let results = browser.text_containing("[data-testid=results]", role).await;
    assert!(results.to_lowercase().contains("approval"), "{results}");
}

/// Signs in as Alex and asks for User Administrator.
async fn alex_asks_for_user_administrator(browser: &Browser, server: &TestServer) {
    alex_asks_for(browser, server, "User Administrator", "Onboarding the new support team").await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn a_pending_request_is_canceled_from_my_requests() {
    let server = TestServer::start(ConfigFile::FromDist);
    let browser = Browser::start().await;
    browser.viewport(360, 740, true).await;
    alex_asks_for_user_administrator(&browser, &server).await;
    open(&browser, &server, "/requests").await;
    browser.text_containing("[data-testid=pending-requests]", "User Administrator").await;
    click_xpath(&browser, "//*[@data-testid='pending-requests']//button[@data-testid='cancel-request']")
        .await;
    let results = browser.text_containing("[data-testid=results]", "Canceled").await;
    assert!(results.contains("User Administrator"), "{results}");
    let history = browser.text_containing("[data-testid=past-requests]", "Canceled on").await;
    assert!(history.contains("User Administrator"), "{history}");
    let pending = browser.text_of("section[aria-label=Pending]").await;
    assert!(pending.contains("Nothing is waiting for approval"), "{pending}");
    browser.assert_no_console_errors().await;
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn a_request_is_approved_by_the_approver_and_the_requester_sees_it_in_force() {
    let server = TestServer::start(ConfigFile::FromDist);
    let browser = Browser::start().await;
    browser.viewport(360, 740, true).await;

    alex_asks_for_user_administrator(&browser, &server).await;

    // It waits in My requests, with Cancel.
    open(&browser, &server, "/requests").await;
    let pending = browser.text_containing("[data-testid=pending-requests]", "User Administrator").await;
    assert!(pending.contains("Pending approval"), "{pending}");
    assert!(pending.contains("Onboarding the new support team"), "{pending}");
    assert!(pending.contains("Cancel"), "{pending}");
    let history = browser.text_of("[data-testid=past-requests]").await;
    assert!(!history.is_empty(), "the demo's earlier requests are listed");
    browser.screenshot("my-requests-pending-phone-360x740").await;

    // Bailey sees it, with Drew's, and approves it with a justification.
    switch_to(&browser, "Bailey").await;
    open(&browser, &server, "/approvals").await;
    let queue = browser.text_containing("[data-testid=approval-queue]", "Alex Morgan").await;
    assert!(queue.contains("Drew"), "Drew's request waits too: {queue}");
    assert!(queue.contains("left to decide"), "{queue}");
    assert!(queue.contains("Onboarding the new support team"), "{queue}");
    click_xpath(
        &browser,
        "//li[@data-testid='approval-item'][.//*[@data-testid='requester' and normalize-space()='Alex Morgan']]//input[@type='checkbox']",
    )
    .await;
    let panel = browser.text_of("[data-testid=decision-panel]").await;
    assert!(panel.contains("Justification (required)"), "{panel}");
    let approve = browser.client.find(Locator::Css("[data-testid=approve]")).await.unwrap();
    assert!(approve.attr("disabled").await.unwrap().is_some(), "the required justification blocks approving");
    browser
        .client
        .find(Locator::Css("[data-testid=approver-justification]"))
        .await
        .unwrap()
        .send_keys("Onboarding is planned for this week")
        .await
        .unwrap();
    browser.screenshot("approvals-decide-phone-360x740").await;
    click_xpath(&browser, "//*[@data-testid='approve']").await;
    let results = browser.text_containing("[data-testid=results]", "Approved").await;
    assert!(results.contains("User Administrator for Alex Morgan"), "{results}");
    let queue = browser.text_containing("[data-testid=approval-queue]", "Drew").await;
    assert!(!queue.contains("Alex Morgan"), "the decided request left the queue: {queue}");

    // Back as Alex: the request is provisioned, approved by Bailey.
    switch_to(&browser, "Alex").await;
    open(&browser, &server, "/requests").await;
    let history = browser.text_containing("[data-testid=past-requests]", "Provisioned").await;
    assert!(history.contains("approved by Bailey Kim"), "{history}");
    browser.screenshot("my-requests-approved-phone-360x740").await;
    browser.viewport(1280, 800, false).await;
    browser.screenshot("my-requests-desktop-1280x800").await;
    browser.assert_no_console_errors().await;
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn a_request_denied_by_the_approver_shows_the_approvers_words_to_the_requester() {
    let server = TestServer::start(ConfigFile::FromDist);
    let browser = Browser::start().await;
    browser.viewport(360, 740, true).await;
    alex_asks_for(&browser, &server, "PIM - Database Admins", "Schema migration CHG-2211").await;

    // Bailey denies it, saying why.
    switch_to(&browser, "Bailey").await;
    open(&browser, &server, "/approvals").await;
    browser.text_containing("[data-testid=approval-queue]", "PIM - Database Admins").await;
    click_xpath(
        &browser,
        "//li[@data-testid='approval-item'][.//*[@data-testid='requester' and normalize-space()='Alex Morgan'] and contains(., 'PIM - Database Admins')]//input[@type='checkbox']",
    )
    .await;
    browser
        .client
        .find(Locator::Css("[data-testid=approver-justification]"))
        .await
        .unwrap()
        .send_keys("Not during the change freeze")
        .await
        .unwrap();
    click_xpath(&browser, "//*[@data-testid='deny']").await;
    browser.text_containing("[data-testid=results]", "Denied").await;

    // Alex reads the outcome with Bailey's words, and the row can be requested again.
    switch_to(&browser, "Alex").await;
    open(&browser, &server, "/requests").await;
    let history =
        browser.text_containing("[data-testid=past-requests]", "Not during the change freeze").await;
    assert!(history.contains("PIM - Database Admins"), "{history}");
    assert!(history.contains("Denied"), "{history}");
    browser.screenshot("my-requests-denied-phone-360x740").await;
    browser.assert_no_console_errors().await;
    browser.close().await;
}
