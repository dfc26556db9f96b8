//! Headless Chromium through chromedriver. The driver runs in its own process group, killed on
//! drop, so no browser outlives a failing test.

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

/// A browser session and the chromedriver that owns it.
pub struct Browser {
    pub client: Client,
    _driver: DriverGuard,
}

const CHROMIUM_FLAGS: [&str; 11] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--window-size=1280,800",
];

impl Browser {
    /// Starts chromedriver on a free loopback port and opens a fresh headless session.
    pub async fn start() -> Browser {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("chromedriver on PATH (scripts/setup installs it)");
        let guard = DriverGuard(Some(driver));
        let profile = std::env::temp_dir().join(format!("pim-e2e-{}-{port}", std::process::id()));
        let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|s| s.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        let caps = json!({
            "goog:chromeOptions": { "binary": chromium_binary(), "args": args },
            "goog:loggingPrefs": { "browser": "ALL" }
        });
        let caps: serde_json::Map<String, Value> = caps.as_object().unwrap().clone();
        let deadline = Instant::now() + Duration::from_secs(20);
        let client = loop {
            let attempt = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await;
            match attempt {
                Ok(client) => break client,
                Err(e) if Instant::now() > deadline => panic!("chromedriver did not start: {e}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        };
        Browser { client, _driver: guard }
    }

    /// Sets the viewport, as a phone (`mobile`) or a desktop window.
    pub async fn viewport(&self, width: u32, height: u32, mobile: bool) {
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile }),
        )
        .await;
    }

    /// Runs a Chrome DevTools Protocol command through chromedriver.
    pub async fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.client
            .issue_cmd(ChromeCommand::Cdp(json!({ "cmd": cmd, "params": params })))
            .await
            .unwrap_or_else(|e| panic!("CDP {cmd} failed: {e}"))
    }

    /// Lets downloads land in a fresh folder of their own, named after `name`; returns it.
    pub async fn allow_downloads(&self, name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("pim-{name}-download-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        self.cdp(
            "Browser.setDownloadBehavior",
            json!({"behavior": "allow", "downloadPath": dir.to_str().unwrap()}),
        )
        .await;
        dir
    }

    /// The text of `file` once the browser has written it to `dir` (empty after 10 s).
    pub async fn downloaded(&self, dir: &std::path::Path, file: &str) -> String {
        for _ in 0..50 {
            let text = std::fs::read_to_string(dir.join(file)).unwrap_or_default();
            if !text.is_empty() {
                return text;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        String::new()
    }

    /// Browser console entries since the last call, as (level, message).
    pub async fn console(&self) -> Vec<(String, String)> {
        let logs = self.client.issue_cmd(ChromeCommand::Log).await.expect("read browser log");
        logs.as_array()
            .map(|entries| {
                entries
                    .iter()
                    .map(|e| {
                        (
                            e["level"].as_str().unwrap_or("").to_owned(),
                            e["message"].as_str().unwrap_or("").to_owned(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Fails the test on any console error, which includes Content-Security-Policy violations.
    pub async fn assert_no_console_errors(&self) {
        let errors: Vec<_> =
            self.console().await.into_iter().filter(|(level, _)| level == "SEVERE").collect();
        assert!(errors.is_empty(), "console errors: {errors:#?}");
    }

    /// Fails when the page scrolls sideways: something is wider than the viewport (`at` names
    /// the place for the message).
    pub async fn assert_no_sideways_scroll(&self, at: &str) {
        let js = "return document.documentElement.scrollWidth - document.documentElement.clientWidth";
        let overflow = self.client.execute(js, vec![]).await.unwrap();
        assert_eq!(overflow.as_i64(), Some(0), "the page scrolls sideways {at}");
    }

    /// Waits until this browser keeps its copy of the app (the service worker, public/sw.js, is
    /// active for the page's scope); fails if it never does.
    pub async fn assert_app_copy_kept(&self) {
        let ready = "navigator.serviceWorker.ready.then(() => arguments[0](true), () => arguments[0](false))";
        let kept = self.client.execute_async(ready, vec![]).await.unwrap();
        assert_eq!(kept.as_bool(), Some(true), "the service worker never became active");
    }

    /// Waits until an element matching the CSS selector exists, and returns its text.
    pub async fn text_of(&self, css: &str) -> String {
        let el = self
            .client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"));
        el.text().await.unwrap_or_default()
    }

    /// Waits (up to 15 s) until the element's text contains `needle`, and returns the text. On
    /// failure it saves a screenshot and reports the address and the page's text.
    pub async fn text_containing(&self, css: &str, needle: &str) -> String {
        for _ in 0..150 {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                let text = el.text().await.unwrap_or_default();
                if text.contains(needle) {
                    return text;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let shot = self.screenshot("failure-text-containing").await;
        let page = self.client.find(Locator::Css("body")).await.unwrap().text().await.unwrap_or_default();
        let url = self.client.current_url().await.map(|u| u.to_string()).unwrap_or_default();
        panic!("{css} never contained {needle:?} at {url}; screenshot {}; page:\n{page}", shot.display());
    }

    /// Saves a PNG screenshot under `target/screenshots/`.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.client.screenshot().await.expect("screenshot");
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).unwrap();
        path
    }

    /// Closes the session and stops the driver.
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
        // Dropping self kills the driver's process group.
    }
}

fn chromium_binary() -> String {
    std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into())
}

/// Kills chromedriver's whole process group (the browser included) when dropped.
struct DriverGuard(Option<Child>);

impl Drop for DriverGuard {
    fn drop(&mut self) {
        if let Some(mut child) = self.0.take() {
            // killpg(2) directly: never shell out to kill(1) with a negative pid (procps-ng 4.0.2
            // misreads `kill -KILL -<pgid>` and signals far more than the group).
            let pgid = child.id() as libc::pid_t;
            if pgid > 1 {
                // SAFETY: plain syscall on the process group this test created.
                unsafe {
                    libc::killpg(pgid, libc::SIGKILL);
                }
            }
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// chromedriver extensions that fantoccini does not wrap.
#[derive(Debug)]
enum ChromeCommand {
    Cdp(Value),
    Log,
}

impl WebDriverCompatibleCommand for ChromeCommand {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        let session = session_id.unwrap_or_default();
        match self {
            ChromeCommand::Cdp(_) => base_url.join(&format!("session/{session}/goog/cdp/execute")),
            ChromeCommand::Log => base_url.join(&format!("session/{session}/se/log")),
        }
    }

    fn method_and_body(&self, _url: &url::Url) -> (http::Method, Option<String>) {
        match self {
            ChromeCommand::Cdp(body) => (http::Method::POST, Some(body.to_string())),
            ChromeCommand::Log => (http::Method::POST, Some(json!({ "type": "browser" }).to_string())),
        }
    }
}
