//! The browser's time zone for `<input type=datetime-local>`: its value is local wall time
//! without a zone ("2026-12-05T14:30").

use chrono::{DateTime, Duration, Utc};

fn offset_minutes_at(t: f64) -> i64 {
    // getTimezoneOffset is UTC minus local, in minutes (-60 in Paris in winter).
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(t)).get_timezone_offset() as i64
}

/// A datetime-local value as UTC; `None` when blank or unreadable.
pub fn parse_local(value: &str) -> Option<DateTime<Utc>> {
    let naive = crate::domain::clock_text::parse_naive(value.trim())?;
    let as_if_utc = naive.and_utc();
    let offset = offset_minutes_at(as_if_utc.timestamp_millis() as f64);
    Some(as_if_utc + Duration::minutes(offset))
}

/// A UTC time as a datetime-local value in the browser's zone.
pub fn format_local(t: DateTime<Utc>) -> String {
    let offset = offset_minutes_at(t.timestamp_millis() as f64);
    crate::domain::clock_text::iso(&(t - Duration::minutes(offset)), false)
}
