//! End-to-end: Assignments in the demo. Casey (Privileged Role Administrator) imports a 20-row
//! CSV with 3 bad rows: the preview flags exactly those, the 17 others are written with a
//! progress bar, the result CSV is offered for download and says what happened to each row, and
//! the new assignments are in the lists. Casey adds one assignment through the people picker and
//! sees why the last Global Administrator cannot be removed. Alex, with no administrator role,
//! sees which role is needed instead of the forms. At an Azure resource group, Casey (Owner of the
//! management group) sees the assignment inherited from the subscription, adds a time-bound
//! eligible one through the picker and removes it.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::Locator;
use support::browser::Browser;
use support::server::{ConfigFile, TestServer};

async fn find(browser: &Browser, css: &str) -> Element {
    browser
        .client
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no element {css}: {e}"))
}

/// Clicks an element once it is centred in the view and nothing covers it (the page grows
/// while results arrive, so a click can land on a moving target).
async fn click(browser: &Browser, locator: Locator<'_>) {
    let mut last = String::new();
    for _ in 0..40 {
        if let Ok(el) = browser.client.find(locator).await {
            let arg = serde_json::to_value(&el).unwrap();
            let _ = browser.client.execute("arguments[0].scrollIntoView({block: 'center'})", vec![arg]).await;
            match el.click().await {
                Ok(()) => return,
                Err(e) => last = e.to_string(),
            }
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
    let shot = browser.screenshot("failure-click").await;
    panic!("could not click {locator:?}: {last}; screenshot {}", shot.display());
}

/// A screenshot with this element in the middle of the view.
async fn shot_of(browser: &Browser, css: &str, name: &str) {
    let el = find(browser, css).await;
    let arg = serde_json::to_value(&el).unwrap();
    browser.client.execute("arguments[0].scrollIntoView({block: 'center'})", vec![arg]).await.unwrap();
    browser.screenshot(name).await;
}

async fn click_xpath(browser: &Browser, xpath: &str) {
    click(browser, Locator::XPath(xpath)).await;
}

async fn click_css(browser: &Browser, css: &str) {
    click(browser, Locator::Css(css)).await;
}

async fn sign_in_as(browser: &Browser, server: &TestServer, name: &str) {
    browser.client.goto(&server.url("/assignments")).await.unwrap();
    // The first load compiles the whole module; on a busy machine that can take a while.
    browser
        .client
        .wait()
        .at_most(Duration::from_secs(90))
        .for_element(Locator::Css("[data-testid=persona-picker]"))
        .await
        .expect("the demo sign-in page");
    click_xpath(browser, &format!("//button[contains(., '{name}')]")).await;
}

/// The demo on a 360 px phone, signed in as `name`, on Assignments.
async fn phone_as(name: &str) -> (TestServer, Browser) {
    let server = TestServer::start(ConfigFile::FromDist);
    let browser = Browser::start().await;
    browser.viewport(360, 740, true).await;
    sign_in_as(&browser, &server, name).await;
    (server, browser)
}

/// Shows a directory role by its name.
async fn show_role(browser: &Browser, name: &str) {
    click_xpath(browser, &format!("//select[@data-testid='role-select']/option[normalize-space()='{name}']"))
        .await;
    browser.text_containing("[data-testid=assignments-title]", name).await;
    // Wait until the rows are in, so nothing moves under the next click.
    browser.text_containing("[data-testid=assignment-count]", "shown").await;
}

fn day(offset_days: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::days(offset_days)).format("%Y-%m-%d").to_string()
}

/// 20 rows: 17 good, and line 5 (unknown user), line 9 (unknown role), line 14 (User
/// Administrator must not be active permanently) bad.
fn twenty_rows() -> String {
    let rows = [
        "harper@contoso.example,Billing Administrator,eligible,,,Q1 budget,CHG-100".to_string(),
        format!(
            "harper@contoso.example,Compliance Administrator,active,,{},\"Audit support, week 50\",CHG-101",
            day(40)
        ),
        "drew@contoso.example,Cloud Device Administrator,eligible,,,Laptop fleet,".to_string(),
        "nobody@contoso.example,Billing Administrator,eligible,,,Typo in the name,".to_string(),
        format!("drew@contoso.example,Application Administrator,active,,{},App migration,CHG-102", day(60)),
        format!(
            "emery@contoso.example,Conditional Access Administrator,eligible,,{},Policy review,",
            day(200)
        ),
        format!("emery@contoso.example,Reports Reader,active,,{},Monthly report,", day(10)),
        "harper@contoso.example,Astronaut Administrator,eligible,,,No such role,".to_string(),
        "finley@contoso.example,Application Developer,eligible,,,Helpdesk tooling,".to_string(),
        format!("finley@contoso.example,Billing Administrator,active,,{},Invoices,CHG-103", day(30)),
        "bailey@contoso.example,Compliance Administrator,eligible,,,Approver duties,".to_string(),
        format!("bailey@contoso.example,Cloud Application Administrator,eligible,,{},Apps,", day(100)),
        "drew@contoso.example,User Administrator,active,,,Permanent is not allowed here,".to_string(),
        "alex@contoso.example,Billing Administrator,eligible,,,Cost reports,".to_string(),
        format!("alex@contoso.example,Application Developer,eligible,,{},Prototype,", day(90)),
        "dana@contoso.example,Reports Reader,eligible,,,Break-glass reporting,".to_string(),
        "casey@contoso.example,Compliance Administrator,eligible,,,Audit,".to_string(),
        format!(
            "harper@contoso.example,User Administrator,active,,{},\"On call, \"\"night\"\" shift\",CHG-104",
            day(30)
        ),
        "c5d2e8f4-6b7a-4c9d-a0e1-2f3a4b5c6d33,Billing Administrator,eligible,,,By object id,".to_string(),
        "emery@contoso.example,0526716b-113d-4c15-b2c8-68e3c22b9f80,eligible,,,By template id,".to_string(),
    ];
    format!("principal,role,type,start,end,justification,ticket\r\n{}\r\n", rows.join("\r\n"))
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn an_admin_imports_twenty_rows_with_three_bad_ones_and_adds_one_through_the_picker() {
    let (_server, browser) = phone_as("Casey").await;
    // Global Administrator is shown first: Dana is the only active one and is protected.
    browser.text_containing("[data-testid=assignments-title]", "Global Administrator").await;
    let blocked =
        browser.text_containing("[data-testid=removal-blocked]", "last active Global Administrator").await;
    assert!(blocked.contains("Dana Lee"), "{blocked}");
    assert!(blocked.contains("Assign Global Administrator (active) to someone else first"), "{blocked}");
    let dana_remove = "//li[@data-testid='assignment-item'][.//*[@data-testid='principal' and normalize-space()='Dana Lee']]//button[@data-testid='remove']";
    let remove = browser.client.find(Locator::XPath(dana_remove)).await.unwrap();
    assert_eq!(remove.attr("disabled").await.unwrap().as_deref(), Some("true"), "Remove is refused for Dana");
    shot_of(&browser, "[data-testid=removal-blocked]", "assignments-last-global-admin-360").await;

    // Bulk import through the file input.
    let path = std::env::temp_dir().join(format!("pim-import-{}.csv", std::process::id()));
    std::fs::write(&path, twenty_rows()).unwrap();
    find(&browser, "[data-testid=import-file]").await.send_keys(&path.display().to_string()).await.unwrap();
    let summary = browser.text_containing("[data-testid=preview-summary]", "20 rows").await;
    assert!(summary.contains("17 ready, 3 flagged"), "{summary}");
    let flagged =
        browser.client.find_all(Locator::Css("[data-testid=preview-row][data-ok=false]")).await.unwrap();
    let mut lines = Vec::new();
    for row in &flagged {
        lines.push(row.attr("data-line").await.unwrap().unwrap_or_default());
    }
    assert_eq!(lines, ["5", "9", "14"]);
    assert!(flagged[0].text().await.unwrap().contains("Unknown user"));
    assert!(flagged[1].text().await.unwrap().contains("Unknown role"));
    assert!(flagged[2].text().await.unwrap().contains("Permanent is not allowed"));
    shot_of(&browser, "[data-testid=preview-row][data-ok=false]", "assignments-import-preview-360").await;
    let write = find(&browser, "[data-testid=import-write]").await;
    assert_eq!(write.text().await.unwrap(), "Write 17 valid rows");
    click_css(&browser, "[data-testid=import-write]").await;
    let done = browser.text_containing("[data-testid=import-done]", "Done").await;
    assert_eq!(done, "Done: 17 written, 0 failed.");
    assert_eq!(browser.text_of("[data-testid=import-progress-text]").await, "Written 17 of 17");
    assert_eq!(browser.client.find_all(Locator::Css("[data-testid=row-result]")).await.unwrap().len(), 17);

    // The result file, downloaded: every row with what happened to it.
    let dir = browser.allow_downloads("import").await;
    click_css(&browser, "[data-testid=download-result]").await;
    let csv = browser.downloaded(&dir, "assignments-import-result.csv").await;
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines[0], "principal,role,type,start,end,justification,ticket,result,detail");
    assert_eq!(lines.len(), 21);
    assert_eq!(lines.iter().filter(|l| l.contains(",written,")).count(), 17, "{csv}");
    assert_eq!(lines.iter().filter(|l| l.contains(",not written,")).count(), 3, "{csv}");
    assert!(
        lines[4].starts_with("nobody@contoso.example,") && lines[4].contains("Unknown user"),
        "{}",
        lines[4]
    );
    assert!(csv.contains("\"On call, \"\"night\"\" shift\""), "quoting survives: {csv}");
    shot_of(&browser, "[data-testid=import-done]", "assignments-import-done-360").await;

    // The new assignments are in the lists.
    show_role(&browser, "Billing Administrator").await;
    let list = browser.text_containing("[data-testid=assignment-list]", "Harper Singh").await;
    for who in ["Finley Ortiz", "Alex Morgan", "Casey Jordan"] {
        assert!(list.contains(who), "{who} missing from {list}");
    }
    assert!(!list.contains("nobody"), "{list}");
    show_role(&browser, "User Administrator").await;
    let list = browser.text_containing("[data-testid=assignment-list]", "Harper Singh").await;
    assert!(list.contains("Active · time-bound"), "{list}");

    // One more through the picker: Harper eligible for Reports Reader, permanent.
    show_role(&browser, "Reports Reader").await;
    let search = find(&browser, "[data-testid=principal-search]").await;
    search.send_keys("Harp\u{E007}").await.unwrap();
    click_xpath(&browser, "//button[@data-testid='principal-option'][contains(., 'Harper Singh')]").await;
    browser.text_containing("[data-testid=chosen-principal]", "Harper Singh").await;
    click_css(&browser, "[data-testid=add-eligible]").await;
    click_css(&browser, "[data-testid=add-permanent]").await;
    find(&browser, "[data-testid=add-justification]").await.send_keys("Reporting rota").await.unwrap();
    browser.screenshot("assignments-add-360").await;
    click_css(&browser, "[data-testid=add-submit]").await;
    let results = browser.text_containing("[data-testid=results]", "Assigned").await;
    assert!(results.contains("Harper Singh"), "{results}");
    let list = browser.text_containing("[data-testid=assignment-list]", "Harper Singh").await;
    assert!(list.contains("Eligible · permanent"), "{list}");
    browser.assert_no_console_errors().await;
    browser.close().await;
    let _ = std::fs::remove_file(path);
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn someone_without_an_admin_role_sees_which_role_is_needed() {
    let (_server, browser) = phone_as("Alex").await;
    let note = browser.text_containing("[data-testid=access-needed]", "Privileged Role Administrator").await;
    assert!(note.contains("You hold neither"), "{note}");
    // The list is still readable; the forms are not offered.
    browser.text_containing("[data-testid=assignment-list]", "Dana Lee").await;
    assert!(browser.client.find(Locator::Css("[data-testid=add-panel]")).await.is_err());
    assert!(browser.client.find(Locator::Css("[data-testid=import-panel]")).await.is_err());
    assert!(browser.client.find(Locator::Css("[data-testid=remove]")).await.is_err());
    browser.screenshot("assignments-read-only-360").await;
    browser.assert_no_console_errors().await;
    browser.close().await;
}

/// Sets a field as a person would (an input event).
async fn set_value(browser: &Browser, testid: &str, value: &str) {
    let script = r#"
        const el = document.querySelector(`[data-testid=${arguments[0]}]`);
        el.value = arguments[1];
        el.dispatchEvent(new Event('input', { bubbles: true }));
    "#;
    let args = vec![serde_json::json!(testid), serde_json::json!(value)];
    browser.client.execute(script, args).await.unwrap();
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn an_owner_assigns_an_azure_role_at_a_resource_group_and_removes_it() {
    let (_server, browser) = phone_as("Casey").await;
    browser.text_containing("[data-testid=assignments-title]", "Global Administrator").await;

    // The scopes Casey can see: the management group Casey owns and its subscriptions.
    click_xpath(&browser, "//details[@data-testid='azure-picker']/summary").await;
    let options = browser.text_containing("[data-testid=scope-options]", "Contoso Production").await;
    assert!(options.contains("Contoso (management group)"), "{options}");
    assert!(options.contains("Contoso Production (subscription)"), "{options}");
    let prod = browser
        .client
        .find(Locator::XPath("//button[@data-testid='scope-option'][contains(., 'Contoso Production')]"))
        .await
        .unwrap();
    let sub = prod.attr("data-scope").await.unwrap().expect("the subscription's id");
    assert!(sub.starts_with("/subscriptions/"), "{sub}");

    // A mistyped scope is explained; the resource group below the subscription opens.
    let input = find(&browser, "[data-testid=scope-input]").await;
    input.send_keys("/subscriptions/prod\u{E007}").await.unwrap();
    browser.text_containing("[data-testid=scope-problem]", "must be a GUID").await;
    set_value(&browser, "scope-input", &format!("{sub}/resourceGroups/rg-web-prod")).await;
    click_css(&browser, "[data-testid=scope-open]").await;
    click_xpath(
        &browser,
        "//select[@data-testid='azure-role-select']/option[normalize-space()='Contributor']",
    )
    .await;
    browser.text_containing("[data-testid=assignments-title]", "Contributor at rg-web-prod").await;
    browser.text_containing("[data-testid=assignment-count]", "shown").await;

    // Alex is eligible at the subscription: listed here as inherited, and not removable here.
    let alex_row = "//li[@data-testid='assignment-item'][.//*[@data-testid='principal' and normalize-space()='Alex Morgan']]";
    let alex = browser.client.find(Locator::XPath(alex_row)).await.expect("Alex's inherited row");
    let status = alex.text().await.unwrap();
    assert!(status.contains("Eligible · time-bound"), "{status}");
    assert!(status.contains("inherited from Contoso Production"), "{status}");
    assert!(
        alex.find(Locator::Css("[data-testid=remove]")).await.is_err(),
        "inherited rows are changed where held"
    );
    assert!(browser.client.find(Locator::Css("[data-testid=access-needed]")).await.is_err());
    shot_of(&browser, "[data-testid=assignment-list]", "assignments-azure-inherited-360").await;

    // Harper, eligible for 30 days through the picker (Azure requires an end here).
    let search = find(&browser, "[data-testid=principal-search]").await;
    search.send_keys("Harp\u{E007}").await.unwrap();
    click_xpath(&browser, "//button[@data-testid='principal-option'][contains(., 'Harper Singh')]").await;
    browser.text_containing("[data-testid=chosen-principal]", "Harper Singh").await;
    click_css(&browser, "[data-testid=add-eligible]").await;
    let rule = browser.text_of("[data-testid=add-rule]").await;
    assert!(rule.starts_with("Must end"), "{rule}");
    let permanent = find(&browser, "[data-testid=add-permanent]").await;
    assert_eq!(
        permanent.attr("disabled").await.unwrap().as_deref(),
        Some("true"),
        "permanent is not allowed"
    );
    set_value(&browser, "add-end", &day(30)).await;
    find(&browser, "[data-testid=add-justification]").await.send_keys("Web release").await.unwrap();
    browser.screenshot("assignments-azure-add-360").await;
    click_css(&browser, "[data-testid=add-submit]").await;
    let results = browser.text_containing("[data-testid=results]", "Assigned").await;
    assert!(results.contains("Harper Singh"), "{results}");
    let harper_row = "//li[@data-testid='assignment-item'][.//*[@data-testid='principal' and normalize-space()='Harper Singh']]";
    browser.text_containing("[data-testid=assignment-list]", "Harper Singh").await;
    let harper = browser.client.find(Locator::XPath(harper_row)).await.unwrap().text().await.unwrap();
    assert!(harper.contains("Eligible · time-bound") && harper.contains("direct"), "{harper}");

    // Removed again.
    click_xpath(&browser, &format!("{harper_row}//button[@data-testid='remove']")).await;
    browser.text_containing("[data-testid=results]", "Removed").await;
    for _ in 0..50 {
        let list = browser.text_of("[data-testid=assignments]").await;
        if !list.contains("Harper Singh") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let list = browser.text_of("[data-testid=assignment-list]").await;
    assert!(!list.contains("Harper Singh") && list.contains("Alex Morgan"), "{list}");
    browser.assert_no_console_errors().await;
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn hundreds_of_assignments_show_the_count_the_first_hundred_and_more_on_request() {
    // 150 more users are eligible for Global Administrator; Casey signs in to the tenant.
    let mut sim = pim_console::sim::Sim::demo(7, chrono::Utc::now());
    sim.seed_role_eligibilities(pim_console::domain::assignments::GLOBAL_ADMINISTRATOR, 150);
    let (_server, browser) =
        support::demo::tenant_phone_signed_in(sim, "/assignments", "casey@contoso.example").await;
    let c = &browser.client;
    browser.text_containing("[data-testid=assignments-title]", "Global Administrator").await;
    // The permission notice names long permissions: they wrap at 360 px.
    browser.text_containing("[data-testid=needs-permission]", "PrivilegedEligibilitySchedule").await;
    browser.assert_no_sideways_scroll("on Assignments at 360 px with the permission notice").await;

    // Every assignment counted, the first fifty rendered (eligible first, by name).
    let count = browser.text_containing("[data-testid=assignment-count]", "the first 50 shown").await;
    let total: usize = count.split(' ').next().unwrap().replace(',', "").parse().expect("a count first");
    assert!(total > 150, "{count}");
    let rows = || async { c.find_all(Locator::Css("[data-testid=assignment-item]")).await.unwrap().len() };
    assert_eq!(rows().await, 50);
    let list = browser.text_of("[data-testid=assignment-list]").await;
    assert!(!list.contains("Scale user 00150"), "not rendered yet: {list}");

    // A search by UPN finds one that was not rendered.
    let search = find(&browser, "[data-testid=assignment-search]").await;
    search.send_keys("scale.user00150@").await.unwrap();
    let count = browser.text_containing("[data-testid=assignment-count]", "match, all shown").await;
    assert!(count.starts_with(&format!("1 of {total} assignments")), "{count}");
    browser.text_containing("[data-testid=assignment-list]", "Scale user 00150").await;

    // Its "Change end" opens the form under it, and a second press closes it (the list listens
    // for its rows' buttons); each button is a 44 px target at 360 px.
    let row = "//li[@data-testid='assignment-item'][.//*[@data-testid='principal' and normalize-space()='Scale user 00150']]";
    let change_end = format!("{row}//button[@data-testid='change-end']");
    let height = c
        .execute(
            "return [...document.querySelectorAll('[data-testid=assignment-item] button')].map(b => b.getBoundingClientRect().height)",
            vec![],
        )
        .await
        .unwrap();
    let heights: Vec<f64> = serde_json::from_value(height).unwrap();
    assert!(!heights.is_empty() && heights.iter().all(|h| *h >= 44.0), "{heights:?}");
    click_xpath(&browser, &change_end).await;
    let form = browser.text_containing("[data-testid=change-form]", "New end").await;
    assert!(form.contains("Justification"), "{form}");
    click_xpath(&browser, &change_end).await;
    for _ in 0..50 {
        if c.find(Locator::Css("[data-testid=change-form]")).await.is_err() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(c.find(Locator::Css("[data-testid=change-form]")).await.is_err(), "closed again");

    // Cleared: the first fifty again, then the rest on request.
    search.clear().await.unwrap();
    c.execute(
        "document.querySelector('[data-testid=assignment-search]').dispatchEvent(new Event('input', {bubbles: true}))",
        vec![],
    )
    .await
    .unwrap();
    browser.text_containing("[data-testid=assignment-count]", "the first 50 shown").await;
    // From the keyboard (the same steps as on My roles).
    let presses = support::demo::show_every_row(
        &browser,
        "[data-testid=assignment-more]",
        "[data-testid=assignment-count]",
    )
    .await;
    assert_eq!(presses, total.div_ceil(50) - 1);
    browser
        .text_containing("[data-testid=assignment-count]", &format!("{total} assignments, all shown"))
        .await;
    assert_eq!(rows().await, total);
    browser.text_containing("[data-testid=assignment-list]", "Scale user 00150").await;
    assert!(c.find(Locator::Css("[data-testid=assignment-more]")).await.is_err());
    browser.assert_no_console_errors().await;
    browser.close().await;
}
