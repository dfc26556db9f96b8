//! Human-readable durations and times: "2 h 15 min", "45 s", "ends in 1 h 5 min", "ended 3 min ago".

use chrono::{DateTime, Utc};

use super::duration::IsoDuration;

const UNITS: [(i64, &str); 4] = [(86_400, "d"), (3600, "h"), (60, "min"), (1, "s")];

/// A duration in its two most significant non-zero units: "2 h 15 min", "5 min 30 s", "3 d",
/// "45 s", "0 s". Negative input is shown as its absolute value.
pub fn human_seconds(seconds: i64) -> String {
    let mut rest = seconds.abs();
    if rest == 0 {
        return "0 s".to_owned();
    }
    let mut parts = Vec::with_capacity(2);
    for (size, unit) in UNITS {
        let n = rest / size;
        rest %= size;
        if n > 0 {
            parts.push(format!("{n} {unit}"));
        } else if !parts.is_empty() {
            // A zero middle unit ends the label: "1 h", not "1 h 0 min 5 s".
            break;
        }
        if parts.len() == 2 {
            break;
        }
    }
    parts.join(" ")
}

/// [`human_seconds`] for an [`IsoDuration`].
pub fn human_duration(d: IsoDuration) -> String {
    human_seconds(d.as_seconds())
}

/// A past span in one unit, rounded down: "3 min", "2 h", "5 d", "40 s".
fn coarse(seconds: i64) -> String {
    let s = seconds.abs();
    for (size, unit) in UNITS {
        if s >= size {
            return format!("{} {unit}", s / size);
        }
    }
    "0 s".to_owned()
}

/// "ends in 1 h 5 min", "ends now", "ended 3 min ago".
pub fn relative_end(end: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let secs = (end - now).num_seconds();
    match secs {
        s if s > 0 => format!("ends in {}", human_seconds(s)),
        0 => "ends now".to_owned(),
        s => format!("ended {} ago", coarse(s)),
    }
}

/// "starts in 2 h", "started 5 min ago", for scheduled activations.
pub fn relative_start(start: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let secs = (start - now).num_seconds();
    if secs > 0 {
        format!("starts in {}", human_seconds(secs))
    } else {
        format!("started {} ago", coarse(secs))
    }
}

/// A compact UTC timestamp for lists: `2026-03-01 14:05 UTC`. The UI may show local time instead.
pub fn utc_stamp(t: DateTime<Utc>) -> String {
    let (y, mo, d, h, mi, _) = super::clock_text::fields(&t);
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02} UTC")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn durations_use_two_units() {
        for (secs, text) in [
            (8100, "2 h 15 min"),
            (45, "45 s"),
            (0, "0 s"),
            (3600, "1 h"),
            (3605, "1 h"),
            (330, "5 min 30 s"),
            (86_400 * 3 + 3600 * 4 + 59, "3 d 4 h"),
            (-90, "1 min 30 s"),
        ] {
            assert_eq!(human_seconds(secs), text, "{secs}");
        }
        assert_eq!(human_duration(IsoDuration::from_hours(8)), "8 h");
    }

    #[test]
    fn relative_ends_read_naturally() {
        let now = at("2026-05-01T12:00:00Z");
        assert_eq!(relative_end(at("2026-05-01T13:05:00Z"), now), "ends in 1 h 5 min");
        assert_eq!(relative_end(at("2026-05-01T11:57:00Z"), now), "ended 3 min ago");
        assert_eq!(relative_end(at("2026-05-01T11:59:20Z"), now), "ended 40 s ago");
        assert_eq!(relative_end(now, now), "ends now");
        assert_eq!(relative_start(at("2026-05-01T14:00:00Z"), now), "starts in 2 h");
        assert_eq!(utc_stamp(now), "2026-05-01 12:00 UTC");
    }
}
