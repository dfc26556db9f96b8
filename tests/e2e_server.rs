//! The end-to-end tests' loopback server, spoken to over plain TCP as a browser would: the app's
//! files and routes as a static host serves them, keep-alive connections, and the simulated
//! tenant's latency and dropped connections, which must hold up no other request.
//! Ignored by default: it serves the release build in `dist/` (scripts/test builds it first).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use pim_console::sim::{Fault, FaultRule, Sim, TokenClaims};
use support::server::{dist_dir, ConfigFile, TestServer};

/// One HTTP/1.1 answer.
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A keep-alive connection to the server.
struct Connection(BufReader<TcpStream>);

impl Connection {
    fn open(server: &TestServer) -> Connection {
        let stream = TcpStream::connect(server.base_url.trim_start_matches("http://")).expect("connect");
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        Connection(BufReader::new(stream))
    }

    /// Sends a request and reads its answer; `None` when the server closed without answering.
    fn send(&mut self, method: &str, path: &str, headers: &[(&str, &str)]) -> Option<Answer> {
        let mut request = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        request.push_str("\r\n");
        self.0.get_mut().write_all(request.as_bytes()).expect("write request");
        let mut line = String::new();
        if self.0.read_line(&mut line).unwrap_or(0) == 0 {
            return None;
        }
        let status = line.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("status line");
        let mut headers = Vec::new();
        loop {
            line.clear();
            self.0.read_line(&mut line).expect("header line");
            let Some((name, value)) = line.trim_end().split_once(':') else { break };
            headers.push((name.trim().to_owned(), value.trim().to_owned()));
        }
        let mut answer = Answer { status, headers, body: Vec::new() };
        if answer.header("transfer-encoding") == Some("chunked") {
            loop {
                line.clear();
                self.0.read_line(&mut line).expect("chunk size");
                let size = usize::from_str_radix(line.trim(), 16).expect("chunk size");
                let mut chunk = vec![0; size + 2];
                self.0.read_exact(&mut chunk).expect("chunk");
                answer.body.extend_from_slice(&chunk[..size]);
                if size == 0 {
                    break;
                }
            }
        } else {
            let length = answer.header("content-length").map_or(0, |v| v.parse().expect("content length"));
            answer.body = vec![0; length];
            self.0.read_exact(&mut answer.body).expect("body");
        }
        Some(answer)
    }

    fn get(&mut self, path: &str) -> Answer {
        self.send("GET", path, &[]).unwrap_or_else(|| panic!("no answer to GET {path}"))
    }
}

/// A content-hashed file of the build, e.g. `pim-console-<hash>_bg.wasm`.
fn built_file(extension: &str) -> String {
    std::fs::read_dir(dist_dir())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find(|name| name.ends_with(extension) && name.contains('-'))
        .unwrap_or_else(|| panic!("dist/ has no *{extension}"))
}

#[test]
#[ignore = "needs dist/ (trunk build --release)"]
fn serves_the_app_its_routes_and_files_as_a_static_host_does() {
    let server = TestServer::start_allowing(ConfigFile::Absent, &["https://login.example"]);
    let mut c = Connection::open(&server);
    let page = c.get("/");
    assert_eq!((page.status, page.header("content-type")), (200, Some("text/html; charset=utf-8")));
    assert!(
        page.text().contains("connect-src 'self' https://login.example"),
        "the policy names the extra origin"
    );
    let route = c.get("/my-roles?tab=2");
    assert_eq!(route.status, 200, "a route of the app is the app's page");
    assert_eq!(route.body, page.body);
    assert_eq!(c.get("/config.json").status, 404, "no config.json: the demo");
    assert_eq!(c.get("/nothing-here.js").status, 404);
    assert_eq!(c.get("/../Cargo.toml").status, 404, "nothing outside dist/");
    let wasm = c.get(&format!("/{}", built_file(".wasm")));
    assert_eq!(wasm.status, 200);
    assert_eq!(wasm.header("content-type"), Some("application/wasm"));
    assert_eq!(wasm.header("cache-control"), Some("public, max-age=31536000, immutable"));
    assert_eq!(&wasm.body[..4], b"\0asm");
    let css = c.get(&format!("/{}", built_file(".css")));
    assert_eq!(css.header("content-type"), Some("text/css"));
    drop(server);
    assert!(TcpStream::connect(page_origin(&c)).is_err(), "a dropped server stops listening");
}

fn page_origin(c: &Connection) -> std::net::SocketAddr {
    c.0.get_ref().peer_addr().unwrap()
}

#[test]
#[ignore = "needs dist/ (trunk build --release)"]
fn config_json_variants() {
    let body = r#"{"tenant":"contoso"}"#;
    let server = TestServer::start(ConfigFile::Body(body.into()));
    let config = Connection::open(&server).get("/config.json");
    assert_eq!((config.header("content-type"), config.text().as_str()), (Some("application/json"), body));
    let server = TestServer::start(ConfigFile::Template(r#"{"graph":"{origin}/graph"}"#.into()));
    let config = Connection::open(&server).get("/config.json").text();
    assert_eq!(config, format!(r#"{{"graph":"{}/graph"}}"#, server.base_url));
    let server = TestServer::start_with_sim(ConfigFile::SimTenant, Sim::demo(7, chrono::Utc::now()));
    let config: serde_json::Value =
        serde_json::from_slice(&Connection::open(&server).get("/config.json").body).unwrap();
    assert_eq!(config["graphBaseUrl"], format!("{}/graph", server.base_url));
}

#[test]
#[ignore = "needs dist/ (trunk build --release)"]
fn a_slow_or_dropped_simulated_answer_holds_up_no_other_request() {
    let server = TestServer::start_with_sim(ConfigFile::SimTenant, Sim::demo(7, chrono::Utc::now()));
    let sim = server.sim.clone().unwrap();
    let token = sim.lock().unwrap().mint_token("alex@contoso.example", TokenClaims::graph());
    let bearer = format!("Bearer {token}");
    let me = |c: &mut Connection| c.send("GET", "/graph/v1.0/me", &[("Authorization", &bearer)]);
    assert_eq!(me(&mut Connection::open(&server)).map(|a| a.status), Some(200));

    // More slow answers than a browser opens connections to one host (6).
    sim.lock().unwrap().inject(FaultRule::times("/me", 8, Fault::Latency(Duration::from_secs(3))));
    let started = Instant::now();
    let slow: Vec<_> = (0..8)
        .map(|_| {
            let mut c = Connection::open(&server);
            let bearer = bearer.clone();
            std::thread::spawn(move || {
                c.send("GET", "/graph/v1.0/me", &[("Authorization", &bearer)]).map(|a| a.status)
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    // Meanwhile the page's files, and an idle keep-alive connection's next request, go through.
    let mut idle = Connection::open(&server);
    assert_eq!(idle.get("/").status, 200);
    for _ in 0..10 {
        assert_eq!(Connection::open(&server).get(&format!("/{}", built_file(".js"))).status, 200);
    }
    assert_eq!(idle.get("/config.json").status, 200);
    assert!(started.elapsed() < Duration::from_secs(2), "served during the latency: {:?}", started.elapsed());
    for answer in slow {
        assert_eq!(answer.join().unwrap(), Some(200));
    }
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_secs(3) && waited < Duration::from_secs(6),
        "the latencies overlap: {waited:?}"
    );

    // A dropped connection closes without an answer; the next request is answered.
    sim.lock().unwrap().inject(FaultRule::times("/me", 1, Fault::Drop));
    let mut c = Connection::open(&server);
    assert!(me(&mut c).is_none(), "no response on a dropped connection");
    assert_eq!(me(&mut Connection::open(&server)).map(|a| a.status), Some(200));

    // A method the tenant does not know.
    let answer = Connection::open(&server).send("BREW", "/graph/v1.0/me", &[]).unwrap();
    assert_eq!(answer.status, 405);
}
