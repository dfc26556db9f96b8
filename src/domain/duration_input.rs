//! Free-entry durations as people type them: "90m", "1.5h", "2h30m", "2 h 30 min", "1:30",
//! "2" (hours), or ISO 8601 (`PT2H`). Also the dropdown choices in 30-minute steps.

use super::duration::IsoDuration;
use super::format::human_duration;

/// Why typed text is not a duration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DurationInputError(pub String);

impl std::fmt::Display for DurationInputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "\"{}\" is not a duration; try 1h, 90m or 2h30m", self.0)
    }
}

impl std::error::Error for DurationInputError {}

fn unit_seconds(unit: &str) -> Option<f64> {
    match unit {
        "d" | "day" | "days" => Some(86_400.0),
        "h" | "hr" | "hrs" | "hour" | "hours" => Some(3600.0),
        "m" | "min" | "mins" | "minute" | "minutes" => Some(60.0),
        "s" | "sec" | "secs" | "second" | "seconds" => Some(1.0),
        _ => None,
    }
}

/// Parses typed text into a duration, rounded to whole seconds.
pub fn parse_duration_input(input: &str) -> Result<IsoDuration, DurationInputError> {
    let bad = || DurationInputError(input.to_owned());
    let s = input.trim().to_ascii_lowercase();
    if s.is_empty() {
        return Err(bad());
    }
    if s.starts_with('p') {
        return IsoDuration::parse(&s).map_err(|_| bad());
    }
    if let Some((h, m)) = s.split_once(':') {
        let (h, m): (i64, i64) = (h.trim().parse().map_err(|_| bad())?, m.trim().parse().map_err(|_| bad())?);
        if h < 0 || !(0..60).contains(&m) {
            return Err(bad());
        }
        return Ok(IsoDuration::from_minutes(h * 60 + m));
    }
    let s = s.replace(',', ".");
    let mut total = 0f64;
    let mut rest = s.as_str();
    let mut parts = 0;
    while !rest.trim_start().is_empty() {
        rest = rest.trim_start();
        let num_len = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
        if num_len == 0 {
            return Err(bad());
        }
        let value = super::decimal::parse_decimal(&rest[..num_len]).ok_or_else(bad)?;
        rest = rest[num_len..].trim_start();
        let unit_len = rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
        let unit = &rest[..unit_len];
        rest = &rest[unit_len..];
        total += value
            * if unit.is_empty() {
                // A bare number means hours, like the portal's duration box; only alone.
                if parts > 0 || !rest.trim().is_empty() {
                    return Err(bad());
                }
                3600.0
            } else {
                unit_seconds(unit).ok_or_else(bad)?
            };
        parts += 1;
    }
    if !total.is_finite() {
        return Err(bad());
    }
    Ok(IsoDuration::from_seconds(total.round() as i64))
}

/// One entry of the duration dropdown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DurationChoice {
    /// The duration.
    pub value: IsoDuration,
    /// "1 h 30 min".
    pub label: String,
}

/// Step between dropdown entries.
pub const CHOICE_STEP: IsoDuration = IsoDuration::from_minutes(30);

/// Choices from 30 minutes up to `max` in 30-minute steps, ending with `max` itself when it is
/// not a whole number of steps. A maximum under 30 minutes is the only choice.
pub fn duration_choices(max: IsoDuration) -> Vec<DurationChoice> {
    let step = CHOICE_STEP.as_seconds();
    let mut values: Vec<i64> = (1..).map(|n| n * step).take_while(|v| *v <= max.as_seconds()).collect();
    if values.last() != Some(&max.as_seconds()) && max.as_seconds() > 0 {
        values.push(max.as_seconds());
    }
    values
        .into_iter()
        .map(|s| {
            let value = IsoDuration::from_seconds(s);
            DurationChoice { value, label: human_duration(value) }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_people_type() {
        for (text, minutes) in [
            ("90m", 90),
            ("1.5h", 90),
            ("2h30m", 150),
            ("2 h 30 min", 150),
            ("2 hours", 120),
            ("1:30", 90),
            ("2", 120),
            ("0.5", 30),
            ("PT4H", 240),
            ("pt1h30m", 90),
            ("1,5h", 90),
            ("1d", 1440),
            (" 45 MIN ", 45),
        ] {
            assert_eq!(parse_duration_input(text).map(|d| d.as_minutes()), Ok(minutes), "{text}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_duration() {
        for text in ["", "h", "2x", "abc", "1:75", "2 3", "1h 2", "--1h", "P1Y", ":"] {
            assert!(parse_duration_input(text).is_err(), "{text}");
        }
    }

    #[test]
    fn choices_step_by_half_hours_up_to_the_maximum() {
        let labels = |max| duration_choices(max).into_iter().map(|c| c.label).collect::<Vec<_>>();
        assert_eq!(labels(IsoDuration::from_hours(2)), ["30 min", "1 h", "1 h 30 min", "2 h"]);
        assert_eq!(labels(IsoDuration::from_minutes(75)), ["30 min", "1 h", "1 h 15 min"]);
        assert_eq!(labels(IsoDuration::from_minutes(20)), ["20 min"]);
        assert_eq!(duration_choices(IsoDuration::from_hours(8)).len(), 16);
    }
}
