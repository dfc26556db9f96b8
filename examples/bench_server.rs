//! The loopback server `scripts/bench` drives: the built `dist/` and, on the same origin, the
//! simulated tenant (Graph, ARM and the identity platform), reusing the end-to-end tests' server.
//!
//! `cargo run --example bench_server -- [--demo] [--eligible N] [--assignments N]`
//! - default: `config.json` points the app at the simulated tenant (sign-in through `/login`);
//! - `--demo`: `dist/`'s own `config.json` (the demo tenant inside the tab);
//! - `--eligible N`: Alex is also eligible for N more groups (the scale figures);
//! - `--assignments N`: N more users are eligible for Global Administrator (the role the
//!   Assignments page shows first: an administrator's list at scale).
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
    let number = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .map(|n| n.parse::<usize>().unwrap_or_else(|_| panic!("{flag} takes a number")))
            .unwrap_or(0)
    };
    let (eligible, assignments) = (number("--eligible"), number("--assignments"));

    let mut sim = pim_console::sim::Sim::demo(7, chrono::Utc::now());
    if eligible > 0 {
        assert!(sim.seed_eligible_groups("alex@contoso.example", eligible), "Alex is a persona");
    }
    if assignments > 0 {
        sim.seed_role_eligibilities(pim_console::domain::assignments::GLOBAL_ADMINISTRATOR, assignments);
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
