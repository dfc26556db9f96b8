//! The typed client: one method per PIM operation over a [`Transport`] and a
//! [`TokenProvider`], with retries, 401 refresh, paging and `$batch`.
//!
//! Everything non-deterministic comes from the caller through [`ClientEnv`]: the GUID of each
//! ARM PUT, the clock (for HTTP-date `Retry-After`) and back-off jitter. The browser passes
//! `crypto.randomUUID`/`Date.now`/`Math.random`; tests pass fixed values.

mod approvals;
pub mod arm;
mod batch;
mod groups;
mod misc;
mod paging;
mod policy;
mod roles;
mod send;

use std::rc::Rc;
use std::time::Duration;

use chrono::{DateTime, Utc};

pub use batch::{BatchItem, BatchOutcome, GraphVersion, MyAccess};
pub use misc::PickerQuery;
pub use roles::InstanceFilter;

use crate::config::Endpoints;
use crate::graph::token::TokenProvider;
use crate::graph::transport::Transport;

/// ARM api-version of the PIM `Microsoft.Authorization` endpoints.
pub const ARM_API_VERSION: &str = "2020-10-01";

/// Caller-supplied randomness and time.
pub trait ClientEnv {
    /// A new GUID (8-4-4-4-12 hex) for an ARM schedule request name.
    fn new_guid(&self) -> String;
    /// The current time, for `Retry-After` given as an HTTP date.
    fn now(&self) -> DateTime<Utc>;
    /// A number in `[0, 1)` for back-off jitter.
    fn random_unit(&self) -> f64;
}

/// How hard to retry. GETs are retried on 429, 503, 504 and network failures; writes only
/// after 429 (the service did not process them).
#[derive(Clone, Debug, PartialEq)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// First back-off delay when the service gives no `Retry-After`; doubled each retry.
    pub base_delay: Duration,
    /// Longest single back-off.
    pub max_delay: Duration,
    /// Total waiting allowed for one call; a longer `Retry-After` ends in `Throttled`.
    pub max_total_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 4,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(16),
            max_total_wait: Duration::from_secs(60),
        }
    }
}

/// The Microsoft Graph and ARM client.
#[derive(Clone)]
pub struct GraphClient {
    transport: Rc<dyn Transport>,
    tokens: Rc<dyn TokenProvider>,
    env: Rc<dyn ClientEnv>,
    endpoints: Endpoints,
    /// Retry behaviour.
    pub retry: RetryPolicy,
    /// Most pages read by one list call before it fails with `TooManyPages` (a guard against a
    /// next-page link that never ends, not a limit on real lists).
    pub page_cap: usize,
    /// The service's clock, from the `Date` header of its answers.
    clock: Rc<ServerClock>,
}

/// The service's clock as seen through the `Date` header of its answers: how far it is ahead of
/// (or behind) this device. Countdowns and the five-minute deactivation rule are the service's,
/// so a device whose clock is off still shows them right. Without a readable `Date` header
/// (cross-origin answers do not expose it unless the service lists it) the device's clock is used.
#[derive(Debug, Default)]
pub struct ServerClock {
    offset_ms: std::cell::Cell<Option<i64>>,
}

impl ServerClock {
    /// Records an answer's `Date` (an HTTP date, second precision) received at `local`.
    pub fn observe(&self, date: &str, local: DateTime<Utc>) {
        if let Ok(server) = DateTime::parse_from_rfc2822(date.trim()) {
            let offset = (server.with_timezone(&Utc) - local).num_milliseconds();
            // Within the header's one-second precision the device is taken as right.
            self.offset_ms.set(Some(if offset.abs() < 1_500 { 0 } else { offset }));
        }
    }

    /// The service's time when this device reads `local`.
    pub fn now(&self, local: DateTime<Utc>) -> DateTime<Utc> {
        match self.offset_ms.get() {
            Some(ms) => local + chrono::Duration::milliseconds(ms),
            None => local,
        }
    }
}

impl GraphClient {
    /// A client for these endpoints (Graph and ARM bases without trailing slash).
    pub fn new(
        transport: Rc<dyn Transport>,
        tokens: Rc<dyn TokenProvider>,
        env: Rc<dyn ClientEnv>,
        endpoints: Endpoints,
    ) -> Self {
        GraphClient {
            transport,
            tokens,
            env,
            endpoints,
            retry: RetryPolicy::default(),
            // 400 pages of 100: an administrator's list of 20,000 assignments (issue 8) and
            // room to spare; the 50 before cut such a list off at 5,000.
            page_cap: 400,
            clock: Rc::new(ServerClock::default()),
        }
    }

    /// The service's time now (the device's clock corrected by the last `Date` header seen).
    pub fn service_now(&self) -> DateTime<Utc> {
        self.clock.now(self.env.now())
    }

    /// The endpoints in use.
    pub fn endpoints(&self) -> &Endpoints {
        &self.endpoints
    }
}

#[cfg(test)]
mod clock_tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn the_service_clock_follows_the_date_header() {
        let clock = ServerClock::default();
        let local = at("2026-03-01T09:00:00Z");
        assert_eq!(clock.now(local), local, "no answer yet: the device's clock");
        clock.observe("Sun, 01 Mar 2026 09:06:30 GMT", local);
        assert_eq!(clock.now(at("2026-03-01T09:01:00Z")), at("2026-03-01T09:07:30Z"));
        // Within the header's precision the device is right; garbage changes nothing.
        clock.observe("Sun, 01 Mar 2026 09:00:01 GMT", local);
        assert_eq!(clock.now(local), local);
        clock.observe("not a date", local);
        assert_eq!(clock.now(local), local);
    }
}
