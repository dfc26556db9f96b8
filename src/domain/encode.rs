//! Percent-encoding and URL query helpers (RFC 3986), small enough to avoid the `url` crate.
//!
//! Encoding keeps only the unreserved characters plus whatever the caller marks as safe; decoding
//! accepts any `%XX` and, in query values, `+` as a space (what HTML forms send).

/// Characters never encoded (RFC 3986 unreserved).
fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// Percent-encodes every byte of `s` that is neither unreserved nor in `keep`.
pub fn encode_keeping(s: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if is_unreserved(b) || keep.contains(&b) {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(char::from(b"0123456789ABCDEF"[(b >> 4) as usize]));
            out.push(char::from(b"0123456789ABCDEF"[(b & 15) as usize]));
        }
    }
    out
}

/// Percent-encodes everything except the unreserved characters.
pub fn encode(s: &str) -> String {
    encode_keeping(s, &[])
}

/// Encodes a query-string value; `/`, `:` and `,` stay readable (all legal in a query).
pub fn encode_query_value(s: &str) -> String {
    encode_keeping(s, b"/:,")
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Decodes `%XX` sequences; `None` for a broken escape or bytes that are not UTF-8.
pub fn decode(s: &str) -> Option<String> {
    decode_inner(s, false)
}

/// Decodes a query-string component: like [`decode`], and `+` means a space.
pub fn decode_query_value(s: &str) -> Option<String> {
    decode_inner(s, true)
}

fn decode_inner(s: &str, plus_is_space: bool) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hi = hex(*bytes.get(i + 1)?)?;
                let lo = hex(*bytes.get(i + 2)?)?;
                out.push(hi << 4 | lo);
                i += 3;
            }
            b'+' if plus_is_space => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// Splits a query string (with or without the leading `?`) into decoded pairs, in order.
/// Pairs that cannot be decoded are skipped; a key without `=` has an empty value.
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    let query = query.strip_prefix('?').unwrap_or(query);
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .filter_map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            Some((decode_query_value(k)?, decode_query_value(v)?))
        })
        .collect()
}

/// Joins pairs into `k=v&k=v` (no leading `?`), encoding keys and values.
pub fn build_query(pairs: &[(&str, String)]) -> String {
    let mut out = String::new();
    for (k, v) in pairs {
        if !out.is_empty() {
            out.push('&');
        }
        out.push_str(&encode(k));
        out.push('=');
        out.push_str(&encode_query_value(v));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_unusual_text() {
        for s in ["plain", "a b&c=d", "ümlaut/€", "100%", "+plus+", "line\nbreak", ""] {
            assert_eq!(decode(&encode(s)).as_deref(), Some(s), "{s}");
            assert_eq!(decode_query_value(&encode_query_value(s)).as_deref(), Some(s), "{s}");
        }
    }

    #[test]
    fn query_values_keep_slashes_readable() {
        assert_eq!(encode_query_value("/subscriptions/x y"), "/subscriptions/x%20y");
        assert_eq!(encode("a/b"), "a%2Fb");
    }

    #[test]
    fn broken_escapes_are_refused() {
        assert_eq!(decode("%zz"), None);
        assert_eq!(decode("%4"), None);
        assert_eq!(decode("%FF"), None);
    }

    #[test]
    fn parses_queries_like_a_browser_sends_them() {
        let pairs = parse_query("?q=global+admin&plane=entra&flag&bad=%zz");
        assert_eq!(
            pairs,
            vec![
                ("q".to_owned(), "global admin".to_owned()),
                ("plane".to_owned(), "entra".to_owned()),
                ("flag".to_owned(), String::new()),
            ]
        );
        let built = build_query(&[("q", "a&b".to_owned()), ("s", "x".to_owned())]);
        assert_eq!(built, "q=a%26b&s=x");
        assert_eq!(parse_query(&built)[0].1, "a&b");
    }
}
