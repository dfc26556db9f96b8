//! [`SimTransport`]: the typed client's [`Transport`] over a shared in-process [`Sim`].

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::Sim;
use crate::graph::transport::LocalBoxFuture;
use crate::graph::{HttpRequest, HttpResponse, Transport, TransportError};

/// Carries requests to a shared `Sim`. `sleep` returns at once; with `advance_on_sleep` (the
/// default) it moves the sim's virtual clock by the same amount, as does injected latency.
pub struct SimTransport {
    sim: Rc<RefCell<Sim>>,
    clock: Rc<dyn Fn() -> DateTime<Utc>>,
    advance_on_sleep: bool,
    slept: RefCell<Vec<Duration>>,
}

impl SimTransport {
    /// A transport over `sim` whose wall clock is `clock` (tests pass a fixed time).
    pub fn new(sim: Rc<RefCell<Sim>>, clock: impl Fn() -> DateTime<Utc> + 'static) -> Self {
        SimTransport { sim, clock: Rc::new(clock), advance_on_sleep: true, slept: RefCell::new(Vec::new()) }
    }

    /// Whether `sleep` and latency move the virtual clock.
    pub fn advance_on_sleep(mut self, yes: bool) -> Self {
        self.advance_on_sleep = yes;
        self
    }

    /// The shared tenant.
    pub fn sim(&self) -> Rc<RefCell<Sim>> {
        self.sim.clone()
    }

    /// Every `sleep` requested so far (for retry tests).
    pub fn sleeps(&self) -> Vec<Duration> {
        self.slept.borrow().clone()
    }

    fn pass(&self, d: Duration) {
        if self.advance_on_sleep && !d.is_zero() {
            let by = chrono::Duration::from_std(d).unwrap_or_else(|_| chrono::Duration::zero());
            self.sim.borrow_mut().advance(by);
        }
    }
}

impl Transport for SimTransport {
    fn send(&self, request: HttpRequest) -> LocalBoxFuture<'_, Result<HttpResponse, TransportError>> {
        let served = self.sim.borrow_mut().serve(&request, (self.clock)());
        self.pass(served.delay);
        let result = served
            .response
            .ok_or_else(|| TransportError::Network("connection reset by the simulated tenant".into()));
        Box::pin(async move { result })
    }

    fn sleep(&self, duration: Duration) -> LocalBoxFuture<'_, ()> {
        self.slept.borrow_mut().push(duration);
        self.pass(duration);
        Box::pin(async {})
    }
}
