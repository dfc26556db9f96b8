//! The live countdown shown on active items, and when to warn that an activation is ending.

use chrono::{DateTime, Duration, Utc};

use super::format::{human_seconds, relative_end};

/// How long before the end of an activation the app warns (in-app banner, and a browser
/// notification when allowed). Ten minutes leaves time to finish or to re-activate.
pub const WARNING_BEFORE_END: Duration = Duration::minutes(10);

/// Where an activation's end stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Countdown {
    /// No end: a permanent assignment.
    Permanent,
    /// Still running; `warn` once inside [`WARNING_BEFORE_END`].
    Running { remaining_seconds: i64, warn: bool },
    /// Already over.
    Ended { ago_seconds: i64 },
}

impl Countdown {
    /// The countdown for an end time at `now`.
    pub fn at(end: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Self {
        let Some(end) = end else { return Countdown::Permanent };
        let remaining = (end - now).num_seconds();
        if remaining > 0 {
            Countdown::Running {
                remaining_seconds: remaining,
                warn: remaining <= WARNING_BEFORE_END.num_seconds(),
            }
        } else {
            Countdown::Ended { ago_seconds: -remaining }
        }
    }

    /// A short label: "1 h 5 min left", "Permanent", "Ended".
    pub fn label(&self) -> String {
        match self {
            Countdown::Permanent => "Permanent".to_owned(),
            Countdown::Running { remaining_seconds, .. } => {
                format!("{} left", human_seconds(*remaining_seconds))
            }
            Countdown::Ended { .. } => "Ended".to_owned(),
        }
    }

    /// How soon the UI should re-render: every second in the last ten minutes (seconds are
    /// shown), else every 30 s; `None` when nothing will change.
    pub fn refresh_after(&self) -> Option<Duration> {
        match self {
            Countdown::Running { warn: true, .. } => Some(Duration::seconds(1)),
            Countdown::Running { remaining_seconds, .. } => {
                // Wake exactly when the warning starts if that is sooner than 30 s.
                let to_warning = remaining_seconds - WARNING_BEFORE_END.num_seconds();
                Some(Duration::seconds(to_warning.clamp(1, 30)))
            }
            _ => None,
        }
    }
}

/// The in-app warning text when an activation ends soon ("Global Administrator ends in 8 min"),
/// or `None` outside the warning window.
pub fn ending_warning(name: &str, end: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Option<String> {
    match (Countdown::at(end, now), end) {
        (Countdown::Running { warn: true, .. }, Some(end)) => {
            Some(format!("{name} {}", relative_end(end, now)))
        }
        _ => None,
    }
}

/// When to fire the one-off browser notification for an activation ending at `end`.
pub fn warning_time(end: DateTime<Utc>) -> DateTime<Utc> {
    end - WARNING_BEFORE_END
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn warns_inside_the_last_ten_minutes_only() {
        let now = at("2026-05-01T12:00:00Z");
        let soon = Some(at("2026-05-01T12:08:00Z"));
        let later = Some(at("2026-05-01T13:00:00Z"));
        assert_eq!(Countdown::at(soon, now), Countdown::Running { remaining_seconds: 480, warn: true });
        assert_eq!(Countdown::at(later, now), Countdown::Running { remaining_seconds: 3600, warn: false });
        assert_eq!(
            Countdown::at(Some(at("2026-05-01T11:59:00Z")), now),
            Countdown::Ended { ago_seconds: 60 }
        );
        assert_eq!(Countdown::at(None, now), Countdown::Permanent);
        assert_eq!(
            ending_warning("Global Administrator", soon, now).unwrap(),
            "Global Administrator ends in 8 min"
        );
        assert_eq!(ending_warning("Global Administrator", later, now), None);
        assert_eq!(warning_time(at("2026-05-01T13:00:00Z")), at("2026-05-01T12:50:00Z"));
    }

    #[test]
    fn labels_and_refresh_rates() {
        let now = at("2026-05-01T12:00:00Z");
        let c = Countdown::at(Some(at("2026-05-01T13:05:00Z")), now);
        assert_eq!(c.label(), "1 h 5 min left");
        assert_eq!(c.refresh_after(), Some(Duration::seconds(30)));
        let near_warning = Countdown::at(Some(at("2026-05-01T12:10:05Z")), now);
        assert_eq!(near_warning.refresh_after(), Some(Duration::seconds(5)));
        assert_eq!(
            Countdown::at(Some(at("2026-05-01T12:05:00Z")), now).refresh_after(),
            Some(Duration::seconds(1))
        );
        assert_eq!(Countdown::Permanent.refresh_after(), None);
        assert_eq!(Countdown::Ended { ago_seconds: 5 }.label(), "Ended");
    }
}
