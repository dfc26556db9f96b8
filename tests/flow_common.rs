//! The typed client against the simulated tenant in process, signed in as a persona at a fixed
//! time (included with `#[path]` by the flow tests; compiled alone it has no tests).
#![allow(dead_code)]

use std::cell::RefCell;
use std::rc::Rc;

use chrono::{DateTime, TimeZone, Utc};
use pim_console::graph::GraphClient;
use pim_console::sim::Sim;

#[path = "support/sim_client.rs"]
mod sim_client;

/// The fixed time of the flow tests.
pub fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap()
}

/// A client signed in as `upn`, talking to `sim` in process.
pub fn client(sim: &Rc<RefCell<Sim>>, upn: &'static str) -> GraphClient {
    sim_client::client_at(sim, upn, start())
}
