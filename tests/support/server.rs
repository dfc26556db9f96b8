//! A loopback HTTP server for end-to-end tests: serves the built `dist/` with a single-page-app
//! fallback and, optionally, a `config.json`. Later it also serves the simulated tenant on the
//! same origin so the browser's real fetch path is used.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

use tiny_http::{Header, Request, Response, Server};

/// A server on 127.0.0.1 with an ephemeral port; stops when dropped.
pub struct TestServer {
    pub base_url: String,
    server: Arc<Server>,
    thread: Option<JoinHandle<()>>,
}

/// What the server answers for `/config.json`.
#[derive(Clone)]
pub enum ConfigFile {
    /// Whatever the build ships in `dist/` (the demo).
    FromDist,
    /// 404: the app runs the demo tenant.
    Absent,
    /// This body, as application/json.
    Body(String),
}

impl TestServer {
    /// Serves `dist/` of this repository (built by `trunk build --release`).
    pub fn start(config: ConfigFile) -> TestServer {
        let dist = dist_dir();
        assert!(
            dist.join("index.html").is_file(),
            "{} has no index.html: run `trunk build --release` first (scripts/test does)",
            dist.display()
        );
        let server = Arc::new(Server::http("127.0.0.1:0").expect("bind 127.0.0.1"));
        let port = server.server_addr().to_ip().expect("ip address").port();
        let worker = Arc::clone(&server);
        let thread = std::thread::spawn(move || {
            for request in worker.incoming_requests() {
                respond(request, &dist, &config);
            }
        });
        TestServer { base_url: format!("http://127.0.0.1:{port}"), server, thread: Some(thread) }
    }

    /// An absolute URL on this server.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The repository's `dist/` folder.
pub fn dist_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("dist")
}

fn respond(request: Request, dist: &Path, config: &ConfigFile) {
    let path = request.url().split(['?', '#']).next().unwrap_or("/").to_owned();
    if path == "/config.json" {
        match config {
            ConfigFile::FromDist => {}
            ConfigFile::Absent => {
                let _ = request.respond(Response::from_string("Not found").with_status_code(404));
                return;
            }
            ConfigFile::Body(body) => {
                let _ = request.respond(with_type(Response::from_string(body.clone()), "application/json"));
                return;
            }
        }
    }
    let relative = path.trim_start_matches('/');
    let safe = !relative.split('/').any(|seg| seg == "..");
    let file = dist.join(relative);
    if safe && !relative.is_empty() && file.is_file() {
        let bytes = fs::read(&file).unwrap_or_default();
        let _ = request.respond(with_type(Response::from_data(bytes), content_type(&file)));
    } else if safe && Path::new(relative).extension().is_none() {
        // A route of the single-page app: the app's router decides what it shows.
        let bytes = fs::read(dist.join("index.html")).unwrap_or_default();
        let _ = request.respond(with_type(Response::from_data(bytes), "text/html; charset=utf-8"));
    } else {
        let _ = request.respond(Response::from_string("Not found").with_status_code(404));
    }
}

fn with_type<R: std::io::Read>(response: Response<R>, mime: &str) -> Response<R> {
    response.with_header(Header::from_bytes("Content-Type", mime).expect("valid header"))
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript",
        "wasm" => "application/wasm",
        "css" => "text/css",
        "svg" => "image/svg+xml",
        "json" => "application/json",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}
