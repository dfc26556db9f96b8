//! Virtual time. The effective "now" is the caller's wall clock plus an offset that tests move
//! forward with [`crate::sim::Sim::advance`]; in the browser demo the offset stays zero, so the
//! tenant follows real time.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// Offset from wall time, and the last wall time seen (used where no clock is passed in).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Clock {
    offset_ms: i64,
    last_wall: DateTime<Utc>,
}

impl Clock {
    /// A clock with no offset, first seen at `wall`.
    pub fn new(wall: DateTime<Utc>) -> Self {
        Clock { offset_ms: 0, last_wall: wall }
    }

    /// The effective time for a wall time, remembering the wall time.
    pub fn observe(&mut self, wall: DateTime<Utc>) -> DateTime<Utc> {
        if wall > self.last_wall {
            self.last_wall = wall;
        }
        self.at(wall)
    }

    /// The effective time for a wall time.
    pub fn at(&self, wall: DateTime<Utc>) -> DateTime<Utc> {
        wall + Duration::milliseconds(self.offset_ms)
    }

    /// The effective time at the last wall time seen.
    pub fn latest(&self) -> DateTime<Utc> {
        self.at(self.last_wall)
    }

    /// Moves virtual time forward (or back, with a negative duration).
    pub fn advance(&mut self, by: Duration) {
        self.offset_ms += by.num_milliseconds();
    }
}

/// Formats a timestamp like Graph does: UTC, `Z`, fractional seconds only when present.
pub fn iso(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

/// Parses an ISO-8601 timestamp tolerantly (`Z` or offset, up to 7 fractional digits).
pub fn parse_iso(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s.trim()).ok().map(|d| d.with_timezone(&Utc))
}
