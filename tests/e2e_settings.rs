//! End-to-end: role settings in the demo. Casey (Privileged Role Administrator) changes Global
//! Reader's activation maximum and approval requirement through the diff screen and applies it;
//! Alex (engineer) is told which role the page needs, and Alex's next activation of Global
//! Reader obeys the new policy. Then Casey exports every setting and re-imports the same file:
//! no drift. Phone width (360 px) throughout.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::path::PathBuf;
use std::time::Duration;

use fantoccini::Locator;
use serde_json::json;
use support::browser::Browser;
use support::demo::{choose_persona, click_xpath, open, pick_on_identity_page, switch_to};
use support::server::{ConfigFile, TestServer};

const READER_CARD: &str = "//li[@data-testid='settings-card' and @data-name='Global Reader']";

async fn type_into(browser: &Browser, css: &str, text: &str) {
    let el =
        browser.client.wait().at_most(Duration::from_secs(15)).for_element(Locator::Css(css)).await.unwrap();
    el.clear().await.unwrap();
    el.send_keys(text).await.unwrap();
}

/// Waits for the export to land in `dir` and returns its path.
async fn downloaded(dir: &PathBuf) -> PathBuf {
    for _ in 0..100 {
        if let Some(file) = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "json"))
        {
            return file;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no export downloaded into {}", dir.display());
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn an_admin_changes_a_role_through_the_diff_and_the_next_activation_obeys_it() {
    let server = TestServer::start(ConfigFile::FromDist);
    let browser = Browser::start().await;
    browser.viewport(360, 740, true).await;

    // Casey opens Role settings: Global Reader as a plain-language card.
    open(&browser, &server, "/").await;
    choose_persona(&browser, "Casey").await;
    open(&browser, &server, "/settings").await;
    browser.text_containing("[data-testid=settings-list]", "Global Reader").await;
    type_into(&browser, "[data-testid=settings-search]", "Global Reader").await;
    let card = browser.text_containing("[data-testid=settings-list]", "Activation lasts at most 8 h.").await;
    assert!(card.contains("Activation needs no approval."), "{card}");
    browser.screenshot("settings-list-phone-360x740").await;

    // The editor: 2 h, approval by Bailey (found through the people search).
    click_xpath(&browser, &format!("{READER_CARD}//button[@data-testid='edit-settings']")).await;
    type_into(&browser, "[data-testid=activation-max]", "2 h").await;
    click_xpath(&browser, "//input[@data-testid='require-approval']").await;
    type_into(&browser, "[data-testid=approver-search]", "Bailey").await;
    click_xpath(&browser, "//button[@data-testid='approver-find']").await;
    click_xpath(&browser, "//button[@data-testid='approver-add' and contains(., 'Bailey Kim')]").await;
    browser.text_containing("[data-testid=approvers]", "Bailey Kim").await;
    browser.screenshot("settings-editor-phone-360x740").await;

    // The diff lists exactly the two rules that change, before and after.
    click_xpath(&browser, "//button[@data-testid='review-changes']").await;
    let diff = browser.text_containing("[data-testid=settings-diff]", "2 rules will change").await;
    assert!(diff.contains("Before: Activation lasts at most 8 h."), "{diff}");
    assert!(diff.contains("After: Activation lasts at most 2 h."), "{diff}");
    assert!(diff.contains("Before: Activation needs no approval."), "{diff}");
    assert!(diff.contains("After: Activation needs approval by Bailey Kim."), "{diff}");
    assert!(!diff.contains("Eligible assignments"), "unchanged rules are not listed: {diff}");
    let rules = browser.client.find_all(Locator::Css("[data-testid=diff-rule]")).await.unwrap();
    assert_eq!(rules.len(), 2);
    browser.screenshot("settings-diff-phone-360x740").await;

    // Applied: one result per rule, and the card reads the new policy.
    click_xpath(&browser, "//button[@data-testid='apply-changes']").await;
    let results = browser.text_containing("[data-testid=results]", "Global Reader: Approval").await;
    assert!(
        results.contains("Global Reader: Activation maximum: Saved. Activation lasts at most 2 h."),
        "{results}"
    );
    assert!(!results.to_lowercase().contains("error"), "{results}");
    browser.text_containing("[data-testid=settings-list]", "Activation needs approval by Bailey Kim.").await;
    browser.screenshot("settings-applied-phone-360x740").await;

    // Copy Global Reader's settings to Reports Reader: the diff for that target, then applied.
    click_xpath(&browser, &format!("{READER_CARD}//button[@data-testid='copy-settings']")).await;
    type_into(&browser, "[data-testid=copy-filter]", "Reports").await;
    click_xpath(&browser, "//input[@data-testid='copy-target']").await;
    browser.screenshot("settings-copy-phone-360x740").await;
    click_xpath(&browser, "//button[@data-testid='review-copy']").await;
    let diff = browser.text_containing("[data-testid=settings-diff]", "Reports Reader").await;
    assert!(diff.contains("After: Activation needs approval by Bailey Kim."), "{diff}");
    click_xpath(&browser, "//button[@data-testid='apply-changes']").await;
    let results = browser.text_containing("[data-testid=results]", "Reports Reader: Approval").await;
    assert!(results.contains("Reports Reader: Activation maximum: Saved."), "{results}");

    // Alex is not an administrator: the page says which role it needs.
    switch_to(&browser, "Alex").await;
    let needed = browser.text_of("[data-testid=access-needed]").await;
    assert!(needed.contains("Privileged Role Administrator or Global Administrator"), "{needed}");
    browser.screenshot("settings-access-needed-phone-360x740").await;

    // Alex's next activation of Global Reader: at most 2 h, approval by Bailey.
    open(&browser, &server, "/").await;
    let list = browser.text_containing("[data-testid=role-list]", "max 2 h").await;
    assert!(list.contains("Global Reader"), "{list}");
    let row = "//li[@data-testid='role-item'][.//div[@class='app-item__title' and normalize-space()='Global Reader']]";
    let badges = browser.client.find(Locator::XPath(row)).await.unwrap().text().await.unwrap();
    assert!(badges.contains("max 2 h") && badges.contains("Approval: Bailey Kim"), "{badges}");
    click_xpath(&browser, &format!("{row}//input[@type='checkbox']")).await;
    let durations = browser.text_of("[data-testid=duration]").await;
    assert!(
        !durations.contains("4 h") && !durations.contains("8 h"),
        "nothing over 2 h is offered: {durations}"
    );
    type_into(&browser, "[data-testid=justification]", "Quarterly access report").await;
    let plan = browser.text_containing("[data-testid=plan]", "needs approval from Bailey Kim").await;
    assert!(plan.contains("Global Reader"), "{plan}");
    browser.screenshot("settings-next-activation-phone-360x740").await;
    click_xpath(&browser, "//*[@data-testid='submit']").await;
    let results = browser.text_containing("[data-testid=results]", "Global Reader").await;
    assert!(results.to_lowercase().contains("approval"), "{results}");

    // Casey exports every setting and re-imports the same file: no drift.
    switch_to(&browser, "Casey").await;
    open(&browser, &server, "/settings").await;
    browser.text_containing("[data-testid=settings-list]", "Global Reader").await;
    let dir = std::env::temp_dir().join(format!("pim-e2e-settings-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    browser
        .cdp(
            "Browser.setDownloadBehavior",
            json!({ "behavior": "allow", "downloadPath": dir.display().to_string() }),
        )
        .await;
    click_xpath(&browser, "//button[@data-testid='export-settings']").await;
    let file = downloaded(&dir).await;
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("\"format\": \"pim-console/role-settings\""), "{text:.200}");
    assert!(text.contains("Global Reader"));
    browser
        .client
        .find(Locator::Css("[data-testid=import-settings]"))
        .await
        .unwrap()
        .send_keys(&file.display().to_string())
        .await
        .unwrap();
    let drift = browser.text_containing("[data-testid=drift]", "No drift").await;
    assert!(drift.contains("match the tenant"), "{drift}");
    browser.screenshot("settings-no-drift-phone-360x740").await;
    browser.assert_no_console_errors().await;
    let _ = std::fs::remove_dir_all(&dir);
    browser.close().await;
}

/// With a configured tenant (the simulated one over HTTP): the sign-in asks only for reading
/// settings; opening Role settings offers the write permission, which the identity platform
/// grants on a second trip, and then a change is saved.
#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn with_a_tenant_the_write_permission_is_asked_for_when_the_page_is_opened() {
    let sim = pim_console::sim::Sim::demo(7, chrono::Utc::now());
    let server = TestServer::start_with_sim(ConfigFile::SimTenant, sim);
    let browser = Browser::start().await;
    browser.viewport(360, 740, true).await;
    open(&browser, &server, "/settings").await;
    click_xpath(&browser, "//*[@data-testid='sign-in']").await;
    pick_on_identity_page(&browser, "casey@contoso.example").await;

    // Reading works with the sign-in's permissions; changing needs the policy write permission.
    let notice = browser
        .text_containing("[data-testid=consent-notice]", "RoleManagementPolicy.ReadWrite.Directory")
        .await;
    assert!(notice.contains("change role settings"), "{notice}");
    browser.text_containing("[data-testid=settings-list]", "Global Reader").await;
    browser.screenshot("settings-tenant-consent-phone-360x740").await;

    // The consent trip: back on Role settings, the notice is gone and a save goes through.
    click_xpath(&browser, "//*[@data-testid='consent-notice']//button").await;
    pick_on_identity_page(&browser, "casey@contoso.example").await;
    browser.text_containing("[data-testid=settings-list]", "Global Reader").await;
    assert!(
        browser.client.find(Locator::Css("[data-testid=consent-notice]")).await.is_err(),
        "the permission was granted"
    );
    assert_eq!(browser.client.current_url().await.unwrap().path(), "/settings");
    click_xpath(&browser, &format!("{READER_CARD}//button[@data-testid='edit-settings']")).await;
    click_xpath(&browser, "//input[@data-testid='require-ticket']").await;
    click_xpath(&browser, "//button[@data-testid='review-changes']").await;
    browser.text_containing("[data-testid=settings-diff]", "1 rule will change").await;
    click_xpath(&browser, "//button[@data-testid='apply-changes']").await;
    let results = browser.text_containing("[data-testid=results]", "Global Reader: On activation").await;
    assert!(results.contains("Saved. Activation asks for a ticket number."), "{results}");
    browser.assert_no_console_errors().await;
    browser.close().await;
}
