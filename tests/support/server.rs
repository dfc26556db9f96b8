//! A loopback HTTP server for end-to-end tests: serves the built `dist/` with a single-page-app
//! fallback and, optionally, a `config.json`. Later it also serves the simulated tenant on the
//! same origin so the browser's real fetch path is used.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use chrono::Utc;
use pim_console::graph::{HttpRequest, Method};
use pim_console::sim::{Sim, SimEndpoints};
use tiny_http::{Header, Request, Response, Server};

/// Threads answering requests.
const WORKERS: usize = 4;

/// A server on 127.0.0.1 with an ephemeral port; stops when dropped.
pub struct TestServer {
    pub base_url: String,
    /// The simulated tenant behind `/graph`, `/arm` and `/login`, when started with one.
    pub sim: Option<Arc<Mutex<Sim>>>,
    server: Arc<Server>,
    threads: Vec<JoinHandle<()>>,
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
    /// A tenant configuration pointing at the simulated tenant on this server (its sign-in,
    /// Graph and ARM endpoints), with the sim's registered demo client.
    SimTenant,
    /// This body, with every `{origin}` replaced by this server's origin (known once it listens).
    Template(String),
}

impl TestServer {
    /// Serves `dist/` of this repository (built by `trunk build --release`).
    pub fn start(config: ConfigFile) -> TestServer {
        TestServer::start_inner(config, None, &[])
    }

    /// Serves `dist/` with these origins added to the Content-Security-Policy's `connect-src`,
    /// as an operator whose `config.json` points `loginBaseUrl` (or Graph, ARM) at other hosts
    /// adds them to the policy their server sends (README "Deploy as static files").
    pub fn start_allowing(config: ConfigFile, connect_src: &[&str]) -> TestServer {
        TestServer::start_inner(config, None, connect_src)
    }

    /// Serves `dist/` and, on the same origin, the simulated tenant: Graph under `/graph`, ARM
    /// under `/arm`, the identity platform under `/login`.
    pub fn start_with_sim(config: ConfigFile, sim: Sim) -> TestServer {
        TestServer::start_inner(config, Some(sim), &[])
    }

    fn start_inner(config: ConfigFile, sim: Option<Sim>, connect_src: &[&str]) -> TestServer {
        let dist = dist_dir();
        assert!(
            dist.join("index.html").is_file(),
            "{} has no index.html: run `trunk build --release` first (scripts/test does)",
            dist.display()
        );
        let server = Arc::new(Server::http("127.0.0.1:0").expect("bind 127.0.0.1"));
        let port = server.server_addr().to_ip().expect("ip address").port();
        let base_url = format!("http://127.0.0.1:{port}");
        let sim = sim.map(|mut sim| {
            sim.set_endpoints(SimEndpoints {
                login: format!("{base_url}/login"),
                graph: format!("{base_url}/graph"),
                arm: format!("{base_url}/arm"),
            });
            Arc::new(Mutex::new(sim))
        });
        let config = match config {
            ConfigFile::SimTenant => {
                let tenant = sim
                    .as_ref()
                    .expect("SimTenant needs a simulated tenant")
                    .lock()
                    .unwrap()
                    .tenant_id()
                    .to_owned();
                ConfigFile::Body(
                    serde_json::json!({
                        "tenant": tenant,
                        "clientId": pim_console::sim::DEMO_CLIENT_ID,
                        "redirectUri": format!("{base_url}/auth/callback"),
                        "loginBaseUrl": format!("{base_url}/login"),
                        "graphBaseUrl": format!("{base_url}/graph"),
                        "armBaseUrl": format!("{base_url}/arm"),
                    })
                    .to_string(),
                )
            }
            ConfigFile::Template(body) => ConfigFile::Body(body.replace("{origin}", &base_url)),
            other => other,
        };
        // A few workers, as a static host has: one slow answer (an injected latency, a large
        // file) never holds up the page's other requests.
        let threads = (0..WORKERS)
            .map(|_| {
                let worker = Arc::clone(&server);
                let worker_sim = sim.clone();
                let origin = base_url.clone();
                let connect_src = connect_src.join(" ");
                let config = config.clone();
                let dist = dist.clone();
                std::thread::spawn(move || {
                    while let Ok(request) = worker.recv() {
                        match &worker_sim {
                            Some(sim) if is_sim_path(request.url()) => respond_sim(request, sim, &origin),
                            _ => respond(request, &dist, &config, &connect_src),
                        }
                    }
                })
            })
            .collect();
        TestServer { base_url, sim, server, threads }
    }

    /// An absolute URL on this server.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        for _ in 0..WORKERS {
            self.server.unblock();
        }
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

/// The repository's `dist/` folder.
pub fn dist_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("dist")
}

fn is_sim_path(url: &str) -> bool {
    ["/graph/", "/arm/", "/login/"].iter().any(|p| url.starts_with(p))
}

/// Hands a request to the simulated tenant; honours its injected latency and dropped connections.
fn respond_sim(mut request: Request, sim: &Mutex<Sim>, origin: &str) {
    let Some(method) = Method::parse(request.method().as_str()) else {
        let _ = request.respond(Response::from_string("method not allowed").with_status_code(405));
        return;
    };
    let headers = request.headers().iter().map(|h| (h.field.to_string(), h.value.to_string())).collect();
    let mut body = String::new();
    let _ = request.as_reader().read_to_string(&mut body);
    let req = HttpRequest {
        method,
        url: format!("{origin}{}", request.url()),
        headers,
        body: (!body.is_empty()).then_some(body),
    };
    let served = sim.lock().expect("sim lock").serve(&req, Utc::now());
    std::thread::sleep(served.delay);
    let Some(answer) = served.response else {
        // A dropped connection: close the socket without writing a response.
        drop(request.into_writer());
        return;
    };
    let mut response = Response::from_string(answer.body).with_status_code(answer.status);
    for (name, value) in answer.headers {
        if let Ok(h) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(h);
        }
    }
    let _ = request.respond(response);
}

fn respond(request: Request, dist: &Path, config: &ConfigFile, connect_src: &str) {
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
            ConfigFile::SimTenant | ConfigFile::Template(_) => {
                unreachable!("resolved to a body when the server starts")
            }
        }
    }
    let relative = path.trim_start_matches('/');
    let safe = !relative.split('/').any(|seg| seg == "..");
    let file = dist.join(relative);
    let is_page = relative.is_empty() || relative == "index.html";
    if safe && !is_page && file.is_file() {
        // A precompressed `<file>.br` beside it (scripts/bench writes them) is sent to browsers
        // that accept brotli, as a static host would.
        let brotli = file.with_file_name(format!("{}.br", relative.rsplit('/').next().unwrap_or("")));
        let accepts_br = request
            .headers()
            .iter()
            .any(|h| h.field.equiv("Accept-Encoding") && h.value.as_str().contains("br"));
        let (bytes, encoding) = match fs::read(&brotli) {
            Ok(b) if accepts_br => (b, Some("br")),
            _ => (fs::read(&file).unwrap_or_default(), None),
        };
        let mut response =
            with_type(Response::from_data(bytes), content_type(&file)).with_header(cache_control(relative));
        if let Some(e) = encoding {
            response.add_header(Header::from_bytes("Content-Encoding", e).expect("valid header"));
        }
        let _ = request.respond(response);
    } else if is_page || (safe && Path::new(relative).extension().is_none()) {
        // A route of the single-page app: the app's router decides what it shows.
        let page = fs::read_to_string(dist.join("index.html")).unwrap_or_default();
        let page = if connect_src.is_empty() {
            page
        } else {
            page.replace("connect-src 'self'", &format!("connect-src 'self' {connect_src}"))
        };
        let _ = request.respond(with_type(Response::from_string(page), "text/html; charset=utf-8"));
    } else {
        let _ = request.respond(Response::from_string("Not found").with_status_code(404));
    }
}

/// As a static host would send it: Trunk's content-hashed files are immutable, the rest (index.html,
/// boot.js, config.json) is fetched again on every load.
fn cache_control(relative: &str) -> Header {
    let stem = Path::new(relative).file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let stem = stem.trim_end_matches("_bg");
    let hashed =
        stem.rsplit_once('-').is_some_and(|(_, h)| h.len() >= 16 && h.chars().all(|c| c.is_ascii_hexdigit()));
    let value = if hashed { "public, max-age=31536000, immutable" } else { "no-cache" };
    Header::from_bytes("Cache-Control", value).expect("valid header")
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
