//! Decimal numbers as durations and `Retry-After` write them (`90`, `1.5`, `.25`, `2.`), read
//! without `f64::from_str`: its correctly-rounded parser brings about 20 KB of tables and code
//! into the wasm, and a number of seconds, minutes or hours needs no last-bit rounding.

/// Reads ASCII digits with at most one `.` (at least one digit); `None` for anything else (signs,
/// exponents, `inf`, `NaN`, spaces).
pub fn parse_decimal(s: &str) -> Option<f64> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if int.len() + frac.len() == 0 || !digits(int) || !digits(frac) {
        return None;
    }
    let mut value = int.bytes().fold(0.0, |v, b| v * 10.0 + f64::from(b - b'0'));
    let mut scale = 1.0;
    for b in frac.bytes() {
        scale /= 10.0;
        value += f64::from(b - b'0') * scale;
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_f64_reads_for_plain_decimals() {
        for s in ["0", "7", "90", "120", "1.5", "0.25", ".5", "2.", "86400", "3.75", "0000.1250", "1.333333"]
        {
            let ours = parse_decimal(s).unwrap_or_else(|| panic!("{s}"));
            let std: f64 = s.parse().unwrap();
            assert!((ours - std).abs() <= std * 1e-12, "{s}: {ours} vs {std}");
        }
    }

    #[test]
    fn refuses_everything_else() {
        for s in ["", ".", "1.2.3", "-1", "+1", "1e3", "inf", "NaN", " 1", "1 ", "1,5", "x"] {
            assert_eq!(parse_decimal(s), None, "{s:?}");
        }
    }
}
