//! End-to-end: the audit history in the demo: the month of PIM activity, narrowed by search and
//! plane, an activation just made showing up, and the shown events downloaded as CSV.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::time::Duration;

use fantoccini::Locator;
use support::browser::Browser;
use support::demo::{choose_persona, click_xpath as click};
use support::server::{ConfigFile, TestServer};

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn the_history_is_searched_filtered_and_downloaded() {
    let server = TestServer::start(ConfigFile::FromDist);
    let browser = Browser::start().await;
    browser.viewport(360, 740, true).await;
    browser.client.goto(&server.url("/")).await.unwrap();
    choose_persona(&browser, "Alex").await;

    // Something to find: Alex activates Global Reader with a distinctive justification.
    click(
        &browser,
        "//li[@data-testid='role-item'][.//div[@class='app-item__title' and normalize-space()='Global Reader']]//input[@type='checkbox']",
    )
    .await;
    browser
        .client
        .find(Locator::Css("[data-testid=justification]"))
        .await
        .unwrap()
        .send_keys("Quarterly access check AUD-77")
        .await
        .unwrap();
    click(&browser, "//*[@data-testid='submit']").await;
    browser.text_containing("[data-testid=results]", "Global Reader").await;

    browser.client.goto(&server.url("/audit")).await.unwrap();
    let all = browser.text_containing("[data-testid=audit-list]", "PIM activation").await;
    assert!(all.contains("by "), "{all}");
    let count = |text: String| {
        text.split_whitespace().next().unwrap_or("0").replace(',', "").parse::<usize>().unwrap()
    };
    let total = count(browser.text_of("[data-testid=audit-count]").await);
    assert!(total > 3, "a week of demo history: {total}");

    // Search: the justification finds Alex's activation, with who and why.
    browser
        .client
        .find(Locator::Css("[data-testid=audit-search]"))
        .await
        .unwrap()
        .send_keys("AUD-77")
        .await
        .unwrap();
    let found = browser.text_containing("[data-testid=audit-list]", "Quarterly access check AUD-77").await;
    assert!(found.contains("Global Reader") && found.contains("Alex Morgan"), "{found}");
    let narrowed = count(browser.text_of("[data-testid=audit-count]").await);
    assert!(narrowed < total && narrowed >= 1, "{narrowed} of {total}");
    browser.screenshot("audit-search-360x740").await;

    // The Entra roles chip shows only directory-role events.
    browser
        .client
        .execute(
            "const s = document.querySelector('[data-testid=audit-search]'); s.value = ''; s.dispatchEvent(new Event('input', {bubbles: true}));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(count(browser.text_of("[data-testid=audit-count]").await), total, "the search cleared");
    click(&browser, "//button[@class='app-chip' and normalize-space()='Entra roles']").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let roles = browser.text_containing("[data-testid=audit-list]", "Global Reader").await;
    assert!(!roles.contains("· Groups") && !roles.contains("· Azure"), "{roles}");
    click(&browser, "//button[@class='app-chip' and normalize-space()='Entra roles']").await;

    // Download: the CSV holds the shown events, with a header row.
    let dir = browser.allow_downloads("audit").await;
    click(&browser, "//*[@data-testid='audit-download']").await;
    let csv = browser.downloaded(&dir, "pim-audit-last-7-days.csv").await;
    assert!(csv.starts_with("time (UTC),activity,by,target"), "{csv}");
    assert!(csv.contains("Quarterly access check AUD-77"), "the new activation is in the file");
    assert_eq!(csv.lines().count(), total + 1, "a header plus every event shown");
    let _ = std::fs::remove_dir_all(&dir);
    browser.assert_no_console_errors().await;
    browser.close().await;
}
