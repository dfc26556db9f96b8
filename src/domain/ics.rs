//! An iCalendar (RFC 5545) entry for the moment an activation ends, with a reminder before it.
//!
//! UTC times (`…Z`), TEXT values escaped (§3.3.11), CRLF line endings and lines folded at 75
//! octets without splitting a UTF-8 character (§3.1). The UID is derived from the item and the
//! end time, so downloading the entry twice updates one calendar event instead of adding two.

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use super::countdown::WARNING_BEFORE_END;
use super::item::RoleItem;

fn stamp(t: DateTime<Utc>) -> String {
    compact(t, true)
}

/// `20260301T110000Z` (`%Y%m%dT%H%M%SZ`), or `20260301T1100Z` without the seconds.
fn compact(t: DateTime<Utc>, seconds: bool) -> String {
    let (y, mo, d, h, mi, s) = super::clock_text::fields(&t);
    let s = if seconds { format!("{s:02}") } else { String::new() };
    format!("{y:04}{mo:02}{d:02}T{h:02}{mi:02}{s}Z")
}

/// Escapes a TEXT value: backslash, semicolon, comma and line breaks.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds one content line at 75 octets (continuations start with a space) and ends it with CRLF.
pub fn fold_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
    out
}

/// The calendar file for the end of an activation of `item` ending at `end`, created at `now`.
/// `app_url` (the app's address) is added so the entry links back to re-activate.
pub fn activation_end_ics(
    item: &RoleItem,
    end: DateTime<Utc>,
    now: DateTime<Utc>,
    app_url: Option<&str>,
) -> String {
    let mut hasher = Sha256::new();
    hasher.update(item.key.to_compact().as_bytes());
    hasher.update(stamp(end).as_bytes());
    let uid: String = hasher.finalize().iter().take(12).map(|b| format!("{b:02x}")).collect();
    let title = item.title();
    let mut description =
        format!("Your activation of {title} ({}: {}) ends now.", item.scope.kind.label(), item.scope.name);
    if let Some(url) = app_url {
        description.push_str(&format!("\nActivate it again: {url}"));
    }
    let alarm_minutes = WARNING_BEFORE_END.num_minutes();
    let lines = [
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//PIM Console//Activation reminder//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{uid}@pim-console"),
        format!("DTSTAMP:{}", stamp(now)),
        format!("DTSTART:{}", stamp(end)),
        format!("DTEND:{}", stamp(end)),
        format!("SUMMARY:{}", escape_text(&format!("{title} access ends"))),
        format!("DESCRIPTION:{}", escape_text(&description)),
        "TRANSP:TRANSPARENT".to_owned(),
        "BEGIN:VALARM".to_owned(),
        "ACTION:DISPLAY".to_owned(),
        format!("DESCRIPTION:{}", escape_text(&format!("{title} access ends in {alarm_minutes} minutes"))),
        format!("TRIGGER:-PT{alarm_minutes}M"),
        "END:VALARM".to_owned(),
        "END:VEVENT".to_owned(),
        "END:VCALENDAR".to_owned(),
    ];
    lines.iter().map(|l| fold_line(l)).collect()
}

/// A file name for the download: `pim-global-administrator-20260301T1100Z.ics`.
pub fn ics_file_name(item: &RoleItem, end: DateTime<Utc>) -> String {
    let slug: String = item
        .name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    format!("pim-{}-{}.ics", if slug.is_empty() { "role" } else { &slug }, compact(end, false))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_items::{at, entra};

    #[test]
    fn the_entry_is_a_valid_utc_event_with_crlf_and_folding() {
        let item = entra("Global Administrator; Tier-0, \"break glass\"", "r1");
        let end = at("2026-03-01T11:00:00Z");
        let text =
            activation_end_ics(&item, end, at("2026-03-01T09:00:00Z"), Some("https://pim.example/#/roles"));
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(!text.replace("\r\n", "").contains('\n'), "only CRLF line endings");
        assert!(text.contains("\r\nDTSTART:20260301T110000Z\r\n"));
        assert!(text.contains("\r\nDTSTAMP:20260301T090000Z\r\n"));
        assert!(text.contains("\r\nTRIGGER:-PT10M\r\n"));
        assert!(text.split("\r\n").all(|l| l.len() <= 75), "every line within 75 octets");
        let unfolded = text.replace("\r\n ", "");
        assert!(
            unfolded.contains("SUMMARY:Global Administrator\\; Tier-0\\, \"break glass\" access ends\r\n")
        );
        assert!(unfolded.contains("ends now.\\nActivate it again: https://pim.example/#/roles\r\n"));
    }

    #[test]
    fn uid_is_stable_for_the_same_item_and_end() {
        let item = entra("Reader", "r1");
        let uid = |end: &str, now: &str| {
            let text = activation_end_ics(&item, at(end), at(now), None);
            text.lines().find(|l| l.starts_with("UID:")).unwrap().to_owned()
        };
        assert_eq!(
            uid("2026-03-01T11:00:00Z", "2026-03-01T09:00:00Z"),
            uid("2026-03-01T11:00:00Z", "2026-03-01T10:00:00Z")
        );
        assert_ne!(
            uid("2026-03-01T11:00:00Z", "2026-03-01T09:00:00Z"),
            uid("2026-03-01T12:00:00Z", "2026-03-01T09:00:00Z")
        );
        assert_eq!(ics_file_name(&item, at("2026-03-01T11:00:00Z")), "pim-reader-20260301T1100Z.ics");
    }

    #[test]
    fn folding_never_splits_a_character() {
        let line = format!("SUMMARY:{}", "é".repeat(60));
        let folded = fold_line(&line);
        for part in folded.trim_end_matches("\r\n").split("\r\n") {
            assert!(part.len() <= 75);
        }
        assert_eq!(folded.replace("\r\n ", "").trim_end(), line);
        assert_eq!(escape_text("a\\b\r\nc"), "a\\\\b\\nc");
    }
}
