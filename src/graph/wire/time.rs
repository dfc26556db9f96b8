//! Timestamps as Graph and ARM write them: UTC ISO 8601 with 0 to 7 fractional digits
//! (`2022-04-11T11:50:05.9999343Z`). Read tolerantly (any fraction length, an offset, or no
//! zone at all, which is taken as UTC as in `innerError.date`); written with `Z` and at most
//! 7 digits, trailing zeros trimmed, because .NET services reject more than 7.

use std::fmt;

use chrono::{DateTime, Timelike, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::domain::clock_text;

/// A UTC instant read from or written to the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub DateTime<Utc>);

impl Timestamp {
    /// Parses an ISO 8601 timestamp; `None` when it is not one.
    pub fn parse(s: &str) -> Option<Timestamp> {
        let s = s.trim();
        if let Ok(t) = DateTime::parse_from_rfc3339(s) {
            return Some(Timestamp(t.with_timezone(&Utc)));
        }
        clock_text::parse_naive(s.trim_end_matches('Z')).map(|n| Timestamp(n.and_utc()))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&clock_text::iso(&self.0, true))?;
        let ticks = self.0.nanosecond() % 1_000_000_000 / 100;
        if ticks > 0 {
            let digits = format!("{ticks:07}");
            write!(f, ".{}", digits.trim_end_matches('0'))?;
        }
        f.write_str("Z")
    }
}

impl From<DateTime<Utc>> for Timestamp {
    fn from(t: DateTime<Utc>) -> Self {
        Timestamp(t)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Timestamp::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("\"{s}\" is not an ISO 8601 timestamp")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_zero_to_seven_fraction_digits_and_writes_at_most_seven() {
        for (input, output) in [
            ("2022-04-14T00:00:00Z", "2022-04-14T00:00:00Z"),
            ("2022-04-14T00:00:00.000Z", "2022-04-14T00:00:00Z"),
            ("2020-09-09T21:35:27.91Z", "2020-09-09T21:35:27.91Z"),
            ("2022-04-11T11:50:05.9999343Z", "2022-04-11T11:50:05.9999343Z"),
            ("2022-04-11T13:50:05.5+02:00", "2022-04-11T11:50:05.5Z"),
            ("2026-09-06T17:55:34", "2026-09-06T17:55:34Z"),
        ] {
            let t = Timestamp::parse(input).unwrap_or_else(|| panic!("{input}"));
            assert_eq!(t.to_string(), output);
        }
        assert!(Timestamp::parse("yesterday").is_none());
    }
}
