//! A loopback HTTP server for end-to-end tests: serves the built `dist/` with a single-page-app
//! fallback and, optionally, a `config.json`. Later it also serves the simulated tenant on the
//! same origin so the browser's real fetch path is used.
//!
//! hyper on a tokio runtime of its own thread: every connection is served by a task of its own
//! (HTTP/1.1 keep-alive), and the simulated tenant's injected latency is a timer, so no slow or
//! idle connection holds up the page's other requests, as with a real static host.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use chrono::Utc;
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::header::{
    HeaderName, HeaderValue, ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE,
};
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use pim_console::graph::{HttpRequest, Method};
use pim_console::sim::{Sim, SimEndpoints};
use tokio::sync::oneshot;

/// Threads of the server's runtime: connections are tasks, so two suffice on a loaded machine.
const WORKERS: usize = 2;

/// A server on 127.0.0.1 with an ephemeral port; stops when dropped.
pub struct TestServer {
    pub base_url: String,
    /// The simulated tenant behind `/graph`, `/arm` and `/login`, when started with one.
    pub sim: Option<Arc<Mutex<Sim>>>,
    stop: Option<oneshot::Sender<()>>,
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
    /// A tenant configuration pointing at the simulated tenant on this server (its sign-in,
    /// Graph and ARM endpoints), with the sim's registered demo client.
    SimTenant,
    /// This body, with every `{origin}` replaced by this server's origin (known once it listens).
    Template(String),
}

/// What every connection's task needs to answer.
struct Site {
    dist: PathBuf,
    config: ConfigFile,
    connect_src: String,
    origin: String,
    sim: Option<Arc<Mutex<Sim>>>,
}

/// The simulated tenant dropped the connection: the connection closes without a response.
#[derive(Debug)]
struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the simulated tenant dropped the connection")
    }
}

impl std::error::Error for Dropped {}

type Answer = Response<Full<Bytes>>;

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

    /// Serves `folder` (a copy of `dist/`, say, that a test changes as a deploy would).
    pub fn start_folder(folder: PathBuf, config: ConfigFile) -> TestServer {
        TestServer::start_from(folder, config, None, &[])
    }

    fn start_inner(config: ConfigFile, sim: Option<Sim>, connect_src: &[&str]) -> TestServer {
        TestServer::start_from(dist_dir(), config, sim, connect_src)
    }

    fn start_from(dist: PathBuf, config: ConfigFile, sim: Option<Sim>, connect_src: &[&str]) -> TestServer {
        assert!(
            dist.join("index.html").is_file(),
            "{} has no index.html: run `trunk build --release` first (scripts/test does)",
            dist.display()
        );
        // Bound here, so the port is known (and listening) before `start` returns.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        listener.set_nonblocking(true).expect("non-blocking listener");
        let port = listener.local_addr().expect("local address").port();
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
        let site = Arc::new(Site {
            dist,
            config,
            connect_src: connect_src.join(" "),
            origin: base_url.clone(),
            sim: sim.clone(),
        });
        let (stop, stopped) = oneshot::channel();
        // A runtime on a thread of its own: tests create and drop servers inside their own
        // runtime, which may neither block on nor drop another one.
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(WORKERS)
                .enable_all()
                .build()
                .expect("server runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).expect("tokio listener");
                tokio::select! {
                    _ = accept(listener, site) => {}
                    _ = stopped => {}
                }
            });
            // Open connections (a browser's idle keep-alive ones) are cut here.
            runtime.shutdown_timeout(Duration::from_secs(2));
        });
        TestServer { base_url, sim, stop: Some(stop), thread: Some(thread) }
    }

    /// An absolute URL on this server.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Serves every connection in a task of its own until the server stops.
async fn accept(listener: tokio::net::TcpListener, site: Arc<Site>) {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file descriptors, a connection reset before it was accepted: keep serving.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let site = Arc::clone(&site);
        tokio::spawn(async move {
            let service = service_fn(move |request| answer(Arc::clone(&site), request));
            // An error here is a closed or dropped connection, which is the browser's business.
            let _ = hyper::server::conn::http1::Builder::new()
                .keep_alive(true)
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

async fn answer(site: Arc<Site>, request: Request<Incoming>) -> Result<Answer, Dropped> {
    match &site.sim {
        Some(sim) if is_sim_path(request.uri().path()) => {
            respond_sim(request, Arc::clone(sim), &site.origin).await
        }
        _ => {
            let path = request.uri().path().to_owned();
            let accepts_br = request
                .headers()
                .get_all(ACCEPT_ENCODING)
                .iter()
                .any(|v| v.to_str().is_ok_and(|v| v.contains("br")));
            // Files are read off the runtime's threads: a large one never stalls other connections.
            let answer = tokio::task::spawn_blocking(move || {
                respond(&path, accepts_br, &site.dist, &site.config, &site.connect_src)
            })
            .await
            .unwrap_or_else(|_| text(StatusCode::INTERNAL_SERVER_ERROR, "the server failed"));
            Ok(answer)
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

/// Hands a request to the simulated tenant; honours its injected latency (a timer: other
/// requests go on meanwhile) and dropped connections.
async fn respond_sim(
    request: Request<Incoming>,
    sim: Arc<Mutex<Sim>>,
    origin: &str,
) -> Result<Answer, Dropped> {
    let Some(method) = Method::parse(request.method().as_str()) else {
        return Ok(text(StatusCode::METHOD_NOT_ALLOWED, "method not allowed"));
    };
    let url = format!("{origin}{}", request.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/"));
    let headers = request
        .headers()
        .iter()
        .map(|(name, value)| {
            (name.as_str().to_owned(), String::from_utf8_lossy(value.as_bytes()).into_owned())
        })
        .collect();
    let body = match request.into_body().collect().await {
        Ok(collected) => String::from_utf8_lossy(&collected.to_bytes()).into_owned(),
        Err(_) => return Err(Dropped),
    };
    let req = HttpRequest { method, url, headers, body: (!body.is_empty()).then_some(body) };
    let served = tokio::task::spawn_blocking(move || sim.lock().expect("sim lock").serve(&req, Utc::now()))
        .await
        .expect("the simulated tenant answers");
    tokio::time::sleep(served.delay).await;
    // None: a dropped connection; the error makes hyper close the socket without a response.
    let answer = served.response.ok_or(Dropped)?;
    let mut response = text(StatusCode::from_u16(answer.status).unwrap_or(StatusCode::OK), answer.body);
    for (name, value) in answer.headers {
        let (Ok(name), Ok(value)) = (HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_str(&value))
        else {
            continue;
        };
        // The sim's Content-Type replaces the plain-text default; other headers add up.
        if name == CONTENT_TYPE {
            response.headers_mut().insert(name, value);
        } else {
            response.headers_mut().append(name, value);
        }
    }
    Ok(response)
}

fn respond(path: &str, accepts_br: bool, dist: &Path, config: &ConfigFile, connect_src: &str) -> Answer {
    if path == "/config.json" {
        match config {
            ConfigFile::FromDist => {}
            ConfigFile::Absent => return text(StatusCode::NOT_FOUND, "Not found"),
            ConfigFile::Body(body) => return typed(body.clone().into_bytes(), "application/json"),
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
        let (bytes, encoding) = match fs::read(&brotli) {
            Ok(b) if accepts_br => (b, Some("br")),
            _ => (fs::read(&file).unwrap_or_default(), None),
        };
        let mut response = typed(bytes, content_type(&file));
        response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static(cache_control(relative)));
        if let Some(e) = encoding {
            response.headers_mut().insert(CONTENT_ENCODING, HeaderValue::from_static(e));
        }
        response
    } else if is_page || (safe && Path::new(relative).extension().is_none()) {
        // A route of the single-page app: the app's router decides what it shows.
        let page = fs::read_to_string(dist.join("index.html")).unwrap_or_default();
        let page = if connect_src.is_empty() {
            page
        } else {
            page.replace("connect-src 'self'", &format!("connect-src 'self' {connect_src}"))
        };
        typed(page.into_bytes(), "text/html; charset=utf-8")
    } else {
        text(StatusCode::NOT_FOUND, "Not found")
    }
}

/// As a static host would send it: Trunk's content-hashed files are immutable, the rest (index.html,
/// boot.js, config.json) is fetched again on every load.
fn cache_control(relative: &str) -> &'static str {
    let stem = Path::new(relative).file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let stem = stem.trim_end_matches("_bg");
    let hashed =
        stem.rsplit_once('-').is_some_and(|(_, h)| h.len() >= 16 && h.chars().all(|c| c.is_ascii_hexdigit()));
    if hashed {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

/// A 200 response with this body and Content-Type.
fn typed(body: Vec<u8>, mime: &'static str) -> Answer {
    let mut response = Response::new(Full::new(Bytes::from(body)));
    response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static(mime));
    response
}

/// A plain-text response with this status.
fn text(status: StatusCode, body: impl Into<String>) -> Answer {
    let mut response = typed(body.into().into_bytes(), "text/plain; charset=utf-8");
    *response.status_mut() = status;
    response
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
