//! ISO 8601 durations as Graph and ARM write them (`PT8H`, `PT1H30M`, `P1DT2H`, `P365D`).
//!
//! Graph's `Edm.Duration` only ever carries days and time parts in PIM (no years or months,
//! which have no fixed length); weeks (`P2W`) are accepted on input. Stored as whole seconds.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A non-negative duration in whole seconds, read from and written as ISO 8601.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoDuration {
    seconds: i64,
}

/// Why a duration string could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DurationError(pub String);

impl fmt::Display for DurationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\" is not an ISO 8601 duration such as PT8H", self.0)
    }
}

impl std::error::Error for DurationError {}

impl IsoDuration {
    pub const fn from_seconds(seconds: i64) -> Self {
        IsoDuration { seconds }
    }
    pub const fn from_minutes(minutes: i64) -> Self {
        IsoDuration { seconds: minutes * 60 }
    }
    pub const fn from_hours(hours: i64) -> Self {
        IsoDuration { seconds: hours * 3600 }
    }
    pub const fn from_days(days: i64) -> Self {
        IsoDuration { seconds: days * 86_400 }
    }
    pub const fn as_seconds(self) -> i64 {
        self.seconds
    }
    pub const fn as_minutes(self) -> i64 {
        self.seconds / 60
    }
    /// As a chrono duration, for timestamp arithmetic.
    pub fn to_chrono(self) -> chrono::Duration {
        chrono::Duration::seconds(self.seconds)
    }

    /// Parses `P[nW][nD][T[nH][nM][n[.f]S]]`, case-insensitive. Years and months are refused:
    /// they have no fixed length.
    pub fn parse(input: &str) -> Result<Self, DurationError> {
        let bad = || DurationError(input.to_owned());
        let s = input.trim().to_ascii_uppercase();
        let rest = s.strip_prefix('P').ok_or_else(bad)?;
        if rest.is_empty() || rest == "T" {
            return Err(bad());
        }
        let (date, time) = match rest.split_once('T') {
            Some((d, t)) if !t.is_empty() => (d, Some(t)),
            Some(_) => return Err(bad()),
            None => (rest, None),
        };
        let mut total = 0f64;
        for (part, units) in [
            (date, &[('W', 604_800.0), ('D', 86_400.0)][..]),
            (time.unwrap_or(""), &[('H', 3600.0), ('M', 60.0), ('S', 1.0)][..]),
        ] {
            let mut number = String::new();
            let mut next_unit = 0;
            for c in part.chars() {
                if c.is_ascii_digit() || c == '.' || c == ',' {
                    number.push(if c == ',' { '.' } else { c });
                    continue;
                }
                let pos = units[next_unit..].iter().position(|(u, _)| *u == c).ok_or_else(bad)? + next_unit;
                let value = super::decimal::parse_decimal(&number).ok_or_else(bad)?;
                total += value * units[pos].1;
                number.clear();
                next_unit = pos + 1;
            }
            if !number.is_empty() {
                return Err(bad());
            }
        }
        Ok(IsoDuration { seconds: total.round() as i64 })
    }
}

impl fmt::Display for IsoDuration {
    /// Days and time parts, the way Graph writes them: `PT8H`, `PT1H30M`, `P1DT2H`, `P365D`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.seconds.max(0);
        let days = rest / 86_400;
        rest %= 86_400;
        let (h, m, s) = (rest / 3600, rest % 3600 / 60, rest % 60);
        f.write_str("P")?;
        if days > 0 {
            write!(f, "{days}D")?;
        }
        if rest > 0 || days == 0 {
            f.write_str("T")?;
            if h > 0 {
                write!(f, "{h}H")?;
            }
            if m > 0 {
                write!(f, "{m}M")?;
            }
            if s > 0 || (h == 0 && m == 0) {
                write!(f, "{s}S")?;
            }
        }
        Ok(())
    }
}

impl std::str::FromStr for IsoDuration {
    type Err = DurationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        IsoDuration::parse(s)
    }
}

impl Serialize for IsoDuration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for IsoDuration {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        IsoDuration::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms_graph_and_arm_use() {
        for (s, secs) in [
            ("PT8H", 8 * 3600),
            ("PT1H30M", 5400),
            ("P1DT2H", 26 * 3600),
            ("P365D", 365 * 86_400),
            ("PT5M", 300),
            ("PT0S", 0),
            ("pt2h", 7200),
            ("P2W", 14 * 86_400),
            ("PT1.5H", 5400),
            ("PT90M", 5400),
        ] {
            assert_eq!(IsoDuration::parse(s).unwrap().as_seconds(), secs, "{s}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_duration() {
        for s in ["", "P", "PT", "8H", "P1Y", "P1M", "PT8", "PTH", "PT1M2H", "P1DT", "banana"] {
            assert!(IsoDuration::parse(s).is_err(), "{s}");
        }
    }

    #[test]
    fn formats_like_graph() {
        for s in ["PT8H", "PT1H30M", "P1DT2H", "P365D", "PT5M", "PT0S", "PT30S", "P1DT1H1M1S"] {
            assert_eq!(IsoDuration::parse(s).unwrap().to_string(), s);
        }
        assert_eq!(IsoDuration::from_minutes(90).to_string(), "PT1H30M");
    }

    #[test]
    fn serde_round_trip() {
        let d: IsoDuration = serde_json::from_str("\"PT4H\"").unwrap();
        assert_eq!(d, IsoDuration::from_hours(4));
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"PT4H\"");
    }
}
