//! Time, injected: the browser glue reads `Date.now()`, tests move a manual clock.

use std::cell::Cell;

use chrono::{DateTime, Duration, Utc};

/// The current time, as the session sees it.
pub trait Clock {
    /// Now, in UTC.
    fn now(&self) -> DateTime<Utc>;
}

/// A clock that moves only when told: for tests and the simulated tenant.
#[derive(Debug)]
pub struct ManualClock(Cell<DateTime<Utc>>);

impl ManualClock {
    /// A clock stopped at `start`.
    pub fn new(start: DateTime<Utc>) -> ManualClock {
        ManualClock(Cell::new(start))
    }

    /// Moves the clock forward.
    pub fn advance(&self, by: Duration) {
        self.0.set(self.0.get() + by);
    }

    /// Sets the clock.
    pub fn set(&self, to: DateTime<Utc>) {
        self.0.set(to);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        self.0.get()
    }
}

/// A clock from a function returning milliseconds since the Unix epoch (`Date.now`).
pub struct MillisClock<F: Fn() -> f64>(pub F);

impl<F: Fn() -> f64> Clock for MillisClock<F> {
    fn now(&self) -> DateTime<Utc> {
        DateTime::<Utc>::UNIX_EPOCH + Duration::milliseconds((self.0)() as i64)
    }
}
