//! End-to-end: favourites and saved sets, recent justifications, the calendar entry, deep links
//! (also across the tenant sign-in redirect) and Copy link, in Chromium at phone size.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::time::Duration;

use fantoccini::Locator;
use support::browser::Browser;
use support::roles::{pick_alex_on_the_sign_in_page, pick_demo_alex as pick_alex, row, select};
use support::server::{ConfigFile, TestServer};

/// The demo on a 360 px phone at `path`, signed in as Alex (the picker keeps the address).
async fn phone_as_alex(path: &str) -> (TestServer, Browser) {
    let server = TestServer::start(ConfigFile::FromDist);
    let browser = Browser::start().await;
    browser.viewport(360, 740, true).await;
    browser.client.goto(&server.url(path)).await.unwrap();
    pick_alex(&browser).await;
    (server, browser)
}

async fn click(browser: &Browser, css: &str) {
    let el = browser.client.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css(css)).await;
    el.unwrap_or_else(|e| panic!("no {css}: {e}")).click().await.unwrap();
}

async fn type_into(browser: &Browser, css: &str, text: &str) {
    let el = browser.client.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css(css)).await;
    el.unwrap_or_else(|e| panic!("no {css}: {e}")).send_keys(text).await.unwrap();
}

async fn value_of(browser: &Browser, css: &str) -> String {
    let el = browser.client.find(Locator::Css(css)).await.unwrap();
    el.prop("value").await.unwrap().unwrap_or_default()
}

/// Percent-decoding for the `data:` links the app offers as downloads.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn a_saved_set_survives_a_reload_and_activates_in_two_taps() {
    let (_server, browser) = phone_as_alex("/").await;
    browser.text_of("[data-testid=role-list]").await;

    // Star Reader: it moves to the top of the list.
    row(&browser, "Reader")
        .await
        .find(Locator::Css("[data-testid=star]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let first = browser.client.find(Locator::Css("[data-testid=role-item] .app-item__title")).await.unwrap();
    assert_eq!(first.text().await.unwrap(), "Reader", "starred items are listed first");

    // Save Global Reader + Reader (Azure) with a justification as the set "Morning checks".
    select(&browser, "Global Reader").await;
    select(&browser, "Reader").await;
    type_into(&browser, "[data-testid=justification]", "Daily health checks").await;
    type_into(&browser, "[data-testid=set-name]", "Morning checks").await;
    click(&browser, "[data-testid=save-set]").await;
    browser.text_containing("[data-testid=set-saved]", "Morning checks").await;
    browser.screenshot("my-roles-save-set-phone-360x740").await;

    // Reload: the set and the star are still there; nothing is selected.
    browser.client.refresh().await.unwrap();
    browser.text_containing("[data-testid=sets]", "Morning checks").await;
    browser.text_of("[data-testid=role-list]").await;
    let star = row(&browser, "Reader").await.find(Locator::Css("[data-testid=star]")).await.unwrap();
    assert_eq!(star.attr("aria-pressed").await.unwrap().as_deref(), Some("true"));
    assert!(browser.client.find(Locator::Css("[data-testid=activation-panel]")).await.is_err());

    // Tap 1: the set. Tap 2: Activate.
    click(&browser, "[data-testid=set]").await;
    let panel = browser.text_containing("[data-testid=activation-panel]", "Activate 2 selected").await;
    assert!(panel.contains("Global Reader") && panel.contains("Reader"), "{panel}");
    assert_eq!(value_of(&browser, "[data-testid=justification]").await, "Daily health checks");
    browser.text_containing("[data-testid=submit]", "Activate 2").await;
    browser.screenshot("my-roles-set-prefilled-phone-360x740").await;
    click(&browser, "[data-testid=submit]").await;
    let results = browser.text_containing("[data-testid=results]", "Global Reader").await;
    assert!(results.contains("Reader") && results.contains("Active"), "{results}");
    browser.text_containing("[data-testid=role-list]", "Active").await;

    // The active role offers its end as a calendar entry (an .ics download).
    let ics = browser
        .client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::XPath(
            "//li[@data-testid='role-item'][.//div[normalize-space()='Global Reader']]//a[@data-testid='ics']",
        ))
        .await
        .expect("an Add to calendar link on the active row");
    let file = ics.attr("download").await.unwrap().unwrap_or_default();
    assert!(file.starts_with("pim-global-reader-") && file.ends_with(".ics"), "{file}");
    let href = ics.attr("href").await.unwrap().unwrap_or_default();
    let (head, body) = href.split_once(',').unwrap();
    assert!(head.starts_with("data:text/calendar"), "{head}");
    let calendar = percent_decode(body);
    assert!(calendar.starts_with("BEGIN:VCALENDAR\r\n"), "{calendar}");
    assert!(calendar.contains("SUMMARY:Global Reader access ends"), "{calendar}");
    assert!(calendar.contains("TRIGGER:-PT10M"), "a reminder ten minutes before: {calendar}");

    // The justification just used is offered again as a chip.
    select(&browser, "Intune Administrator").await;
    // Backspaces (an input event per key, as a person clearing the field).
    type_into(&browser, "[data-testid=justification]", &"\u{E003}".repeat(30)).await;
    browser.text_containing("[data-testid=recent]", "Daily health checks").await;
    click(&browser, "[data-testid=recent-justification]").await;
    assert_eq!(value_of(&browser, "[data-testid=justification]").await, "Daily health checks");

    // Intune Administrator's eligibility ends in ten days: an extension can be asked for.
    let renew = browser.text_containing("[data-testid=renew]", "Extend").await;
    assert!(renew.contains("ends in"), "{renew}");
    browser.screenshot("my-roles-active-ics-phone-360x740").await;
    // Clear the selection (the activation panel sits over the list's foot), then ask to extend.
    let clear = browser.client.find(Locator::XPath(
        "//section[@data-testid='activation-panel']//button[normalize-space()='Clear']",
    ));
    clear.await.unwrap().click().await.unwrap();
    click(&browser, "[data-testid=renew-offer]").await;
    type_into(&browser, "[data-testid=renew-reason]", "Intune migration runs until March").await;
    click(&browser, "[data-testid=renew-send]").await;
    let results = browser.text_containing("[data-testid=results]", "Intune Administrator").await;
    assert!(results.contains("extension was requested"), "{results}");

    // Sets travel as JSON: the export holds the set; importing a file adds its sets.
    let export = browser.client.find(Locator::Css("[data-testid=sets-export]")).await.unwrap();
    let href = export.attr("href").await.unwrap().unwrap_or_default();
    let exported = percent_decode(href.split_once(',').unwrap().1);
    assert!(
        exported.contains("\"format\": \"pim-console/sets\"") && exported.contains("Morning checks"),
        "{exported}"
    );
    let file = std::env::temp_dir().join(format!("pim-sets-{}.json", std::process::id()));
    let imported = exported.replace("Morning checks", "Evening checks");
    std::fs::write(&file, imported).unwrap();
    let input = browser.client.find(Locator::Css("[data-testid=sets-import]")).await.unwrap();
    input.send_keys(file.to_str().unwrap()).await.unwrap();
    let notice = browser.text_containing("[data-testid=sets-notice]", "Imported 1 set").await;
    assert!(notice.contains("1 favourite"), "{notice}");
    let sets = browser.text_containing("[data-testid=sets]", "Evening checks").await;
    assert!(sets.contains("Morning checks"), "both sets are kept: {sets}");
    let _ = std::fs::remove_file(&file);

    // The demo's clock skips 52 minutes ahead (its offset lives with the tab's simulated tenant):
    // the one-hour activations now end within ten minutes, and the banner says so.
    let skip = r#"
        const key = 'pim.demo.tenant';
        const text = sessionStorage.getItem(key);
        const skipped = text.replace(/"offset_ms":\s*-?\d+/, '"offset_ms":' + 52 * 60 * 1000);
        sessionStorage.setItem(key, skipped);
        return skipped !== text;
    "#;
    let changed = browser.client.execute(skip, vec![]).await.unwrap();
    assert_eq!(changed, serde_json::json!(true), "the demo tenant keeps its clock offset");
    browser.client.refresh().await.unwrap();
    let banner = browser.text_containing("[data-testid=ending-banner]", "Global Reader ends in").await;
    assert!(banner.contains("Activate it again"), "{banner}");
    browser.screenshot("my-roles-ending-banner-phone-360x740").await;
    browser.assert_no_console_errors().await;
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn a_deep_link_opens_a_prefilled_confirmation_and_reports_unknown_items() {
    let link =
        "/activate?items=n:Global%20Reader,n:Contributor,n:Quantum%20Administrator&d=PT2H&j=Incident%2042";
    // Opened before signing in: the sign-in keeps the address.
    let (_server, browser) = phone_as_alex(link).await;

    let problems = browser.text_containing("[data-testid=link-problems]", "Quantum Administrator").await;
    assert!(problems.contains("\"Quantum Administrator\" is not among your roles."), "{problems}");
    let panel = browser.text_containing("[data-testid=activation-panel]", "Activate 2 selected").await;
    assert!(panel.contains("Global Reader") && panel.contains("Contributor"), "{panel}");
    assert_eq!(value_of(&browser, "[data-testid=justification]").await, "Incident 42");
    assert_eq!(value_of(&browser, "[data-testid=duration]").await, "PT2H");
    browser.screenshot("activate-link-phone-360x740").await;

    // Nothing was sent: no results until the tap.
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert!(browser.client.find(Locator::Css("[data-testid=results]")).await.is_err());
    click(&browser, "[data-testid=submit]").await;
    let results = browser.text_containing("[data-testid=results]", "Global Reader").await;
    assert!(results.contains("Contributor"), "{results}");
    browser.assert_no_console_errors().await;
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn copy_link_gives_a_link_that_reopens_the_selection() {
    let (server, browser) = phone_as_alex("/").await;
    select(&browser, "Global Reader").await;
    type_into(&browser, "[data-testid=justification]", "Audit prep, CHG-7").await;
    click(&browser, "[data-testid=copy-link]").await;
    browser.text_of("[data-testid=link]").await;
    let link = value_of(&browser, "[data-testid=link]").await;
    assert!(link.starts_with(&server.url("/activate?items=e:")), "{link}");
    // The same link as a QR code, drawn inline.
    click(&browser, "[data-testid=show-qr]").await;
    let qr = browser
        .client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("[data-testid=qr] path"))
        .await;
    let d = qr.expect("a QR code").attr("d").await.unwrap().unwrap_or_default();
    assert!(d.matches('M').count() > 200, "a code has hundreds of dark modules: {}", d.len());
    browser.screenshot("my-roles-copy-link-phone-360x740").await;

    browser.client.goto(&link).await.unwrap();
    let panel = browser.text_containing("[data-testid=activation-panel]", "Activate 1 selected").await;
    assert!(panel.contains("Global Reader"), "{panel}");
    assert_eq!(value_of(&browser, "[data-testid=justification]").await, "Audit prep, CHG-7");
    assert!(browser.client.find(Locator::Css("[data-testid=link-problems]")).await.is_err());
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn a_deep_link_survives_the_tenant_sign_in_redirect() {
    let sim = pim_console::sim::Sim::demo(7, chrono::Utc::now());
    let server = TestServer::start_with_sim(ConfigFile::SimTenant, sim);
    let browser = Browser::start().await;
    let c = &browser.client;
    c.goto(&server.url("/activate?items=n:Global%20Reader&j=From%20the%20runbook")).await.unwrap();
    let sign_in =
        c.wait().at_most(Duration::from_secs(60)).for_element(Locator::Css("[data-testid=sign-in]")).await;
    sign_in.expect("the tenant sign-in page").click().await.unwrap();
    pick_alex_on_the_sign_in_page(&browser).await;

    // The plan fills in once the role's settings are read.
    let panel = browser.text_containing("[data-testid=activation-panel]", "Global Reader").await;
    assert!(panel.contains("Activate 1 selected"), "{panel}");
    assert_eq!(value_of(&browser, "[data-testid=justification]").await, "From the runbook");
    let url = c.current_url().await.unwrap();
    assert_eq!(url.path(), "/activate");
    assert!(!url.as_str().contains("code="), "{url}");
    browser.close().await;
}

/// Sets the datetime-local start field as a person would (an input event), `hours_ahead` from now.
async fn set_start(browser: &Browser, hours_ahead: i64) {
    let script = r#"
        const el = document.querySelector('[data-testid=start]');
        const t = new Date(Date.now() + arguments[0] * 3600 * 1000);
        const p = n => String(n).padStart(2, '0');
        el.value = `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())}T${p(t.getHours())}:${p(t.getMinutes())}`;
        el.dispatchEvent(new Event('input', { bubbles: true }));
    "#;
    browser.client.execute(script, vec![serde_json::json!(hours_ahead)]).await.unwrap();
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn a_scheduled_start_is_checked_before_sending_and_then_granted_for_later() {
    let (_server, browser) = phone_as_alex("/").await;
    select(&browser, "Global Reader").await;
    click(&browser, "[data-testid=start-later]").await;
    set_start(&browser, -48).await;
    let panel =
        browser.text_containing("[data-testid=activation-panel]", "The start time is in the past.").await;
    assert!(panel.contains("Activate 0"), "nothing can be sent with a past start: {panel}");
    set_start(&browser, 26).await;
    browser.text_containing("[data-testid=submit]", "Activate 1").await;
    let plan = browser.text_containing("[data-testid=plan]", "activates at").await;
    assert!(!plan.contains("activates now"), "the plan says when: {plan}");
    browser.screenshot("my-roles-start-later-phone-360x740").await;
    click(&browser, "[data-testid=submit]").await;
    let results = browser.text_containing("[data-testid=results]", "Global Reader").await;
    assert!(results.contains("starts in"), "granted from the later start: {results}");
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn going_offline_is_said_plainly_and_what_was_typed_stays() {
    let (_server, browser) = phone_as_alex("/").await;
    select(&browser, "Global Reader").await;
    type_into(&browser, "[data-testid=justification]", "Quarterly access check").await;
    let network = |offline: bool| serde_json::json!({ "offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 });
    browser.cdp("Network.enable", serde_json::json!({})).await;
    browser.cdp("Network.emulateNetworkConditions", network(true)).await;
    let banner = browser.text_containing("[data-testid=offline]", "You are offline").await;
    assert!(banner.contains("What you typed is kept"), "{banner}");
    assert_eq!(value_of(&browser, "[data-testid=justification]").await, "Quarterly access check");
    browser.screenshot("my-roles-offline-phone-360x740").await;
    browser.cdp("Network.emulateNetworkConditions", network(false)).await;
    for _ in 0..50 {
        if browser.client.find(Locator::Css("[data-testid=offline]")).await.is_err() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(browser.client.find(Locator::Css("[data-testid=offline]")).await.is_err(), "back online");
    assert_eq!(value_of(&browser, "[data-testid=justification]").await, "Quarterly access check");
    browser.close().await;
}
