//! The loopback server `scripts/bench` drives: the built `dist/` and, on the same origin, the
//! simulated tenant (Graph, ARM and the identity platform), reusing the end-to-end tests' server.
//!
//! `cargo run --example bench_server -- [--demo] [--eligible N]`
//! - default: `config.json` points the app at the simulated tenant (sign-in through `/login`);
//! - `--demo`: `dist/`'s own `config.json` (the demo tenant inside the tab);
//! - `--eligible N`: Alex is also eligible for N more groups (the scale figures).
//!
//! Prints `READY <base url>` once listening, then serves until its standard input closes.
#![cfg(not(target_arch = "wasm32"))]

#[allow(dead_code)]
#[path = "../tests/support/server.rs"]
mod server;

use std::io::{BufRead, Write};

use server::{ConfigFile, TestServer};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let demo = args.iter().any(|a| a == "--demo");
    let eligible = args
        .iter()
        .position(|a| a == "--eligible")
        .and_then(|i| args.get(i + 1))
        .map(|n| n.parse::<usize>().expect("--eligible takes a number"))
        .unwrap_or(0);

    let mut sim = pim_console::sim::Sim::demo(7, chrono::Utc::now());
    if eligible > 0 {
        assert!(sim.seed_eligible_groups("alex@contoso.example", eligible), "Alex is a persona");
    }
    let server = if demo {
        TestServer::start(ConfigFile::FromDist)
    } else {
        TestServer::start_with_sim(ConfigFile::SimTenant, sim)
    };
    println!("READY {}", server.base_url);
    std::io::stdout().flush().expect("stdout");
    // Serve until the bench closes our standard input (or exits).
    for line in std::io::stdin().lock().lines() {
        if line.is_err() {
            break;
        }
    }
    drop(server);
}
