//! Dates and times as text without chrono's `strftime` (`format("%Y…")`, `parse_from_str`):
//! its format-string interpreter and generic parser cost about 12 KB of wasm, and this app only
//! writes and reads the fixed ISO 8601 shapes below.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};

/// The calendar fields of a UTC time: year, month, day, hour, minute, second.
pub fn fields(t: &DateTime<Utc>) -> (i32, u32, u32, u32, u32, u32) {
    (t.year(), t.month(), t.day(), t.hour(), t.minute(), t.second())
}

/// `2026-03-01T14:05:09` (`%Y-%m-%dT%H:%M:%S`), or `2026-03-01T14:05` without the seconds.
pub fn iso(t: &DateTime<Utc>, seconds: bool) -> String {
    let (y, mo, d, h, mi, s) = fields(t);
    let minutes = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}");
    if seconds {
        format!("{minutes}:{s:02}")
    } else {
        minutes
    }
}

/// Reads a time without a zone, as chrono's `%Y-%m-%dT%H:%M:%S%.f` did and as a datetime-local
/// input writes it (`%Y-%m-%dT%H:%M`): a date, `T` or a space, hours and minutes, optional
/// seconds with an optional fraction (digits past nanoseconds are ignored). Like chrono, a field
/// may have fewer digits (`2026-9-6`). `None` when it is not such a time or not a real date.
pub fn parse_naive(s: &str) -> Option<NaiveDateTime> {
    let (date, time) = s.split_once(['T', ' '])?;
    let mut d = date.split('-');
    let (year, month, day) = (number(d.next()?, 4)?, number(d.next()?, 2)?, number(d.next()?, 2)?);
    let (hms, fraction) = match time.split_once('.') {
        Some((hms, f)) => (hms, Some(f)),
        None => (time, None),
    };
    let mut t = hms.split(':');
    let (hour, minute) = (number(t.next()?, 2)?, number(t.next()?, 2)?);
    let second = match (t.next(), fraction) {
        (Some(sec), _) => number(sec, 2)?,
        (None, None) => 0,
        (None, Some(_)) => return None,
    };
    if d.next().is_some() || t.next().is_some() {
        return None;
    }
    let nanos = match fraction {
        None => 0,
        Some(f) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => {
            f.bytes().chain(std::iter::repeat(b'0')).take(9).fold(0, |n, b| n * 10 + u32::from(b - b'0'))
        }
        Some(_) => return None,
    };
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    Some(date.and_time(NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?))
}

/// An unsigned number of 1 to `max` ASCII digits.
fn number(s: &str, max: usize) -> Option<u32> {
    if s.is_empty() || s.len() > max || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chrono_reads(s: &str) -> Option<NaiveDateTime> {
        ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M"]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
    }

    #[test]
    fn reads_what_chrono_read() {
        for s in [
            "2026-09-06T17:55:34",
            "2026-09-06 17:55:34",
            "2022-04-11T11:50:05.9999343",
            "2020-09-09T21:35:27.91",
            "2022-04-14T00:00:00.000",
            "2026-12-05T14:30",
            "2026-9-6T7:05:04",
            "2024-02-29T23:59:59.123456789",
        ] {
            assert_eq!(parse_naive(s), chrono_reads(s), "{s}");
            assert!(parse_naive(s).is_some(), "{s}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_time() {
        for s in [
            "",
            "yesterday",
            "2026-09-06",
            "2026-02-30T10:00:00",
            "2026-09-06T25:00:00",
            "2026-09-06T10:00:00.",
            "2026-09-06T10:00.5",
            "2026-09-06T10:00:00:00",
            "2026-09-06-01T10:00:00",
            "12026-09-06T10:00:00",
            "2026-09-06T10:00:00+02:00",
        ] {
            assert_eq!(parse_naive(s), None, "{s:?}");
            assert_eq!(chrono_reads(s), None, "{s:?}");
        }
    }

    #[test]
    fn writes_what_strftime_wrote() {
        let t = DateTime::parse_from_rfc3339("2026-03-01T04:05:09.5Z").unwrap().with_timezone(&Utc);
        assert_eq!(iso(&t, true), t.format("%Y-%m-%dT%H:%M:%S").to_string());
        assert_eq!(iso(&t, false), t.format("%Y-%m-%dT%H:%M").to_string());
    }
}
