//! End-to-end: My roles in the demo, as a user on a phone and on a desktop would use it.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::time::Duration;

use fantoccini::Locator;
use support::browser::Browser;
use support::server::{ConfigFile, TestServer};

async fn sign_in_as_alex(browser: &Browser, server: &TestServer) {
    browser.client.goto(&server.url("/")).await.unwrap();
    browser.text_of("[data-testid=persona-picker]").await;
    browser
        .client
        .find(Locator::XPath("//button[contains(., 'Alex')]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser.text_of("[data-testid=role-list]").await;
}

async fn row(browser: &Browser, name: &str) -> fantoccini::elements::Element {
    let xpath = format!(
        "//li[@data-testid='role-item'][.//div[@class='app-item__title' and normalize-space()='{name}']]"
    );
    browser.client.wait().at_most(Duration::from_secs(10)).for_element(Locator::XPath(&xpath)).await.unwrap()
}

async fn select(browser: &Browser, name: &str) {
    let r = row(browser, name).await;
    r.find(Locator::Css("input[type=checkbox]")).await.unwrap().click().await.unwrap();
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn three_planes_activate_together_with_approval_and_a_step_up() {
    let server = TestServer::start(ConfigFile::FromDist);
    let browser = Browser::start().await;
    browser.viewport(360, 740, true).await;
    sign_in_as_alex(&browser, &server).await;

    // Every plane is listed, with its requirements as badges.
    let list = browser.text_of("[data-testid=role-list]").await;
    for expected in [
        "Entra role",
        "Group",
        "Azure role",
        "Security Administrator",
        "PIM - Database Admins",
        "Contributor",
    ] {
        assert!(list.contains(expected), "the list shows {expected}: {list}");
    }
    browser.text_containing("[data-testid=role-list]", "Auth context c1").await;
    browser.text_containing("[data-testid=role-list]", "Approval: Bailey Kim").await;

    select(&browser, "Security Administrator").await;
    select(&browser, "PIM - Database Admins").await;
    select(&browser, "Contributor").await;
    let panel = browser.text_of("[data-testid=activation-panel]").await;
    assert!(panel.contains("Activate 3 selected"), "{panel}");

    // Submitting without a justification is stopped at the field, before anything is sent.
    let plan = browser.text_of("[data-testid=plan]").await;
    assert!(
        plan.to_lowercase().contains("justification"),
        "the plan names the missing justification: {plan}"
    );
    browser
        .client
        .find(Locator::Css("[data-testid=justification]"))
        .await
        .unwrap()
        .send_keys("Rotating certificates for CHG-2211")
        .await
        .unwrap();
    let plan = browser.text_containing("[data-testid=plan]", "needs approval from Bailey Kim").await;
    assert!(plan.contains("authentication context c1"), "{plan}");
    assert!(plan.contains("activates now"), "{plan}");
    browser.screenshot("my-roles-plan-phone-360x740").await;

    // On the phone the panel covers much of the list: folded, the list behind it shows again;
    // unfolded, what was typed is still there.
    let panel_height =
        "return document.querySelector('[data-testid=activation-panel]').getBoundingClientRect().height";
    let open_height = browser.client.execute(panel_height, vec![]).await.unwrap().as_f64().unwrap();
    browser.client.find(Locator::Css("[data-testid=panel-fold]")).await.unwrap().click().await.unwrap();
    assert!(
        !browser
            .client
            .find(Locator::Css("[data-testid=justification]"))
            .await
            .unwrap()
            .is_displayed()
            .await
            .unwrap(),
        "folded, the form is out of sight"
    );
    browser.screenshot("my-roles-plan-folded-phone-360x740").await;
    let folded_height = browser.client.execute(panel_height, vec![]).await.unwrap().as_f64().unwrap();
    assert!(
        folded_height < 200.0 && folded_height < open_height / 2.0,
        "folded: {folded_height} px, open: {open_height} px"
    );
    browser.text_containing("[data-testid=submit]", "Sign in and activate 3").await;
    browser.client.find(Locator::Css("[data-testid=panel-fold]")).await.unwrap().click().await.unwrap();
    let typed = browser.client.find(Locator::Css("[data-testid=justification]")).await.unwrap();
    assert_eq!(typed.prop("value").await.unwrap().as_deref(), Some("Rotating certificates for CHG-2211"));

    // One tap: the sign-in for the authentication context first, then everything together.
    browser.text_containing("[data-testid=step-up]", "authentication context c1 (1 item)").await;
    browser.text_containing("[data-testid=submit]", "Sign in and activate 3").await;
    browser.client.find(Locator::Css("[data-testid=submit]")).await.unwrap().click().await.unwrap();

    let results = browser.text_containing("[data-testid=results]", "Contributor").await;
    assert!(results.contains("Security Administrator"), "{results}");
    assert!(results.to_lowercase().contains("approv"), "the group waits for approval: {results}");
    browser.text_containing("[data-testid=role-list]", "Active").await;
    browser.screenshot("my-roles-results-phone-360x740").await;

    let waiting = row(&browser, "PIM - Database Admins").await.text().await.unwrap();
    assert!(waiting.contains("Waiting for approval"), "the pending request shows on its row: {waiting}");

    // The active role counts down to its end; deactivation waits for the five-minute minimum.
    let security = row(&browser, "Security Administrator").await.text().await.unwrap();
    assert!(security.contains("Active"), "{security}");
    assert!(security.contains("Deactivate in"), "deactivation counts down: {security}");

    browser.viewport(1280, 800, false).await;
    browser.screenshot("my-roles-desktop-1280x800").await;
    browser.assert_no_console_errors().await;
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn search_and_plane_filter_live_in_the_url() {
    let server = TestServer::start(ConfigFile::FromDist);
    let browser = Browser::start().await;
    sign_in_as_alex(&browser, &server).await;
    browser.client.find(Locator::Css("input[type=search]")).await.unwrap().send_keys("admin").await.unwrap();
    let list = browser.text_containing("[data-testid=role-list]", "Administrator").await;
    assert!(!list.contains("Global Reader"), "search narrows the list: {list}");
    // The address follows once typing pauses.
    let mut url = browser.client.current_url().await.unwrap();
    for _ in 0..50 {
        if url.query().unwrap_or("").contains("q=admin") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        url = browser.client.current_url().await.unwrap();
    }
    assert!(url.query().unwrap_or("").contains("q=admin"), "{url}");

    // A bookmark of that address opens the same view.
    browser.client.goto(url.as_str()).await.unwrap();
    let list = browser.text_containing("[data-testid=role-list]", "Administrator").await;
    assert!(!list.contains("Global Reader"), "{list}");
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn an_azure_role_activates_on_one_resource_group_only() {
    let server = TestServer::start(ConfigFile::FromDist);
    let browser = Browser::start().await;
    browser.viewport(360, 740, true).await;
    sign_in_as_alex(&browser, &server).await;
    select(&browser, "Contributor").await;

    // The scope field lists the resource groups below the eligible subscription.
    let field = browser.text_containing("[data-testid=narrower-scope]", "Resource group:").await;
    assert!(field.contains("All of Subscription"), "{field}");
    let option = browser
        .client
        .find(Locator::XPath(
            "//select[@data-testid='narrower-scope']/option[starts-with(., 'Resource group:')]",
        ))
        .await
        .unwrap();
    let rg = option.text().await.unwrap().trim_start_matches("Resource group: ").to_owned();
    option.click().await.unwrap();
    browser
        .client
        .find(Locator::Css("[data-testid=justification]"))
        .await
        .unwrap()
        .send_keys("Deploying a hotfix to one resource group")
        .await
        .unwrap();
    browser.text_containing("[data-testid=plan]", "Contributor").await;
    browser.screenshot("my-roles-narrower-scope-360x740").await;
    browser.client.find(Locator::Css("[data-testid=submit]")).await.unwrap().click().await.unwrap();
    browser.text_containing("[data-testid=results]", "Contributor").await;

    // The active row is the resource group's; the subscription-wide eligibility is unchanged.
    let list = browser.text_containing("[data-testid=role-list]", &format!("Resource group: {rg}")).await;
    let active_rows = browser
        .client
        .find_all(Locator::XPath(&format!(
            "//li[@data-testid='role-item'][contains(., 'Contributor') and contains(., 'Resource group: {rg}')]"
        )))
        .await
        .unwrap();
    assert_eq!(active_rows.len(), 1, "{list}");
    assert!(active_rows[0].text().await.unwrap().contains("Active"), "{list}");
    browser.assert_no_console_errors().await;
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn the_list_on_screen_is_marked_once_for_scripts_bench() {
    let server = TestServer::start(ConfigFile::FromDist);
    let browser = Browser::start().await;
    sign_in_as_alex(&browser, &server).await;
    let marks = "return performance.getEntriesByName('pim:roles-painted').map(m => m.startTime)";
    let mut found = serde_json::Value::Null;
    for _ in 0..50 {
        found = browser.client.execute(marks, vec![]).await.unwrap();
        if found.as_array().is_some_and(|a| !a.is_empty()) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let times = found.as_array().cloned().unwrap_or_default();
    assert_eq!(times.len(), 1, "one mark once the role list is shown: {found}");
    assert!(times[0].as_f64().is_some_and(|t| t > 0.0), "{found}");

    // Searching re-renders the list; the mark stays the first paint's.
    browser.client.find(Locator::Css("input.app-search")).await.unwrap().send_keys("Reader").await.unwrap();
    browser.text_containing("[data-testid=role-list]", "Global Reader").await;
    let again = browser.client.execute(marks, vec![]).await.unwrap();
    assert_eq!(again, found);
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn state_scope_and_sort_choices_narrow_the_list_and_live_in_the_url() {
    let server = TestServer::start(ConfigFile::FromDist);
    let browser = Browser::start().await;
    browser.viewport(360, 740, true).await;
    sign_in_as_alex(&browser, &server).await;
    let pick = |testid: &'static str, value: &'static str| {
        let browser = &browser;
        async move {
            browser
                .client
                .find(Locator::XPath(&format!("//select[@data-testid='{testid}']/option[@value='{value}']")))
                .await
                .unwrap_or_else(|e| panic!("no option {value} in {testid}: {e}"))
                .click()
                .await
                .unwrap();
        }
    };
    // Only the roles held at a subscription, and among them only the active ones (none yet).
    pick("scope-filter", "sub").await;
    let list = browser.text_containing("[data-testid=role-list]", "Subscription").await;
    assert!(!list.contains("Entra role"), "only subscription-scoped rows: {list}");
    pick("sort", "end").await;
    let url = browser.client.current_url().await.unwrap();
    let query = url.query().unwrap_or("").to_owned();
    assert!(query.contains("scope=sub") && query.contains("sort=end"), "{query}");
    pick("state-filter", "eligible").await;
    let list = browser.text_containing("[data-testid=role-list]", "Eligible").await;
    assert!(!list.contains("Active ·"), "{list}");

    // A bookmark of that address reopens the same view, with the choices shown.
    let url = browser.client.current_url().await.unwrap();
    browser.client.goto(url.as_str()).await.unwrap();
    browser.text_containing("[data-testid=role-list]", "Subscription").await;
    let chosen = browser
        .client
        .execute("return ['state-filter','scope-filter','sort'].map(t => document.querySelector(`[data-testid=${t}]`).value).join(',')", vec![])
        .await
        .unwrap();
    assert_eq!(chosen.as_str(), Some("eligible,sub,end"));
    browser.assert_no_console_errors().await;
    browser.close().await;
}

/// How many rows of My roles are rendered.
async fn rendered_rows(browser: &Browser) -> usize {
    browser.client.find_all(Locator::Css("[data-testid=role-item]")).await.unwrap().len()
}

/// Ticks the row's checkbox once scrolled to the top of the view (the activation panel covers
/// the bottom of a phone's screen while something is selected).
async fn select_in_view(browser: &Browser, name: &str) {
    let r = row(browser, name).await;
    let arg = serde_json::to_value(&r).unwrap();
    browser.client.execute("arguments[0].scrollIntoView({block: 'start'})", vec![arg]).await.unwrap();
    r.find(Locator::Css("input[type=checkbox]")).await.unwrap().click().await.unwrap();
}

/// Whether the row's checkbox is ticked.
async fn ticked(browser: &Browser, name: &str) -> bool {
    let r = row(browser, name).await;
    let box_ = r.find(Locator::Css("input[type=checkbox]")).await.unwrap();
    box_.prop("checked").await.unwrap().as_deref() == Some("true")
}

/// Replaces the search box's text as a person types it (one input event per key).
async fn search(browser: &Browser, text: &str) {
    let input = browser.client.find(Locator::Css("input.app-search")).await.unwrap();
    input.clear().await.unwrap();
    if text.is_empty() {
        // Clearing fires no input event of its own.
        browser
            .client
            .execute("document.querySelector('input.app-search').dispatchEvent(new Event('input', {bubbles: true}))", vec![])
            .await
            .unwrap();
    } else {
        input.send_keys(text).await.unwrap();
    }
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn hundreds_of_roles_show_the_count_the_first_hundred_and_more_on_request() {
    // Alex is also eligible for 250 groups ("Scale group 0001" …), signed in to a tenant.
    let mut sim = pim_console::sim::Sim::demo(7, chrono::Utc::now());
    assert!(sim.seed_eligible_groups("alex@contoso.example", 250));
    let (_server, browser) = support::demo::tenant_phone_signed_in(sim, "/", "alex@contoso.example").await;
    let c = &browser.client;

    // The count of every role, the first fifty rendered (by name: "Scale group 0001" is, the
    // last group and "Security Administrator" after it are not).
    let count = browser.text_containing("[data-testid=role-count]", "the first 50 shown").await;
    let total: usize = count.split(' ').next().unwrap().replace(',', "").parse().expect("a count first");
    assert!(total > 250, "the demo's roles and the 250 groups: {count}");
    assert_eq!(rendered_rows(&browser).await, 50);
    let list = browser.text_of("[data-testid=role-list]").await;
    assert!(list.contains("Scale group 0001") && !list.contains("Scale group 0250"), "{list}");
    assert!(!list.contains("Security Administrator"), "{list}");

    // A search finds a row not rendered before; it is selected, then one of the first rows.
    search(&browser, "0250").await;
    let count = browser.text_containing("[data-testid=role-count]", "match, all shown").await;
    assert!(count.starts_with(&format!("1 of {total} roles")), "{count}");
    select(&browser, "Scale group 0250").await;
    // Its settings were not among the first hundred read at load: they are read when selected.
    browser.text_containing("[data-testid=plan]", "Scale group 0250").await;
    let reads = c
        .execute(
            "return performance.getEntriesByType('resource').filter(e => e.name.includes('roleManagementPolicyAssignments')).length",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(reads.as_u64(), Some(101), "100 policies read at load, then the selected one");
    search(&browser, "").await;
    browser.text_containing("[data-testid=role-count]", "the first 50 shown").await;
    select_in_view(&browser, "Scale group 0001").await;
    browser.text_containing("[data-testid=activation-panel]", "Activate 2 selected").await;

    // Another search hides both; cleared, the first selection is still ticked.
    search(&browser, "security admin").await;
    browser.text_containing("[data-testid=role-list]", "Security Administrator").await;
    search(&browser, "").await;
    browser.text_containing("[data-testid=role-count]", "the first 50 shown").await;
    assert!(ticked(&browser, "Scale group 0001").await, "the selection survives the search");
    browser.text_containing("[data-testid=activation-panel]", "Activate 2 selected").await;

    // "Show 50 more" from the keyboard, up to the end: the other selected row is there, still
    // ticked, and the count says all are shown.
    let more = c.find(Locator::Css("[data-testid=role-more]")).await.unwrap();
    assert_eq!(more.text().await.unwrap(), "Show 50 more");
    let presses =
        support::demo::show_every_row(&browser, "[data-testid=role-more]", "[data-testid=role-count]").await;
    assert_eq!(presses, total.div_ceil(50) - 1);
    browser.text_containing("[data-testid=role-count]", &format!("{total} roles, all shown")).await;
    assert_eq!(rendered_rows(&browser).await, total);
    assert!(ticked(&browser, "Scale group 0250").await);
    assert!(ticked(&browser, "Scale group 0001").await);
    browser.screenshot("my-roles-many-phone-360x740").await;
    browser.assert_no_console_errors().await;
    browser.close().await;
}
