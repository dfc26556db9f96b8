//! Percent-encoding (RFC 3986), form bodies, query/fragment parsing and base64url: the few
//! byte-level helpers sign-in needs, written here instead of pulling in the `url` crate.

use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine;

/// Percent-encodes everything except the RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`).
/// Safe for a query value, a form value and a path segment alike.
pub fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(hex_digit(b >> 4));
            out.push(hex_digit(b & 0x0f));
        }
    }
    out
}

fn hex_digit(n: u8) -> char {
    char::from(b"0123456789ABCDEF"[usize::from(n)])
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Decodes `%XX` escapes and, as HTML forms and query strings do, `+` as a space. A `%` not
/// followed by two hex digits is kept as is; invalid UTF-8 is replaced, never a panic.
pub fn percent_decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex_value(bytes[i + 1]), hex_value(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `k1=v1&k2=v2`, every key and value percent-encoded: a query string without its `?`, or an
/// `application/x-www-form-urlencoded` body.
pub fn form_encode<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    pairs
        .into_iter()
        .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Parses the parameters of a query string or fragment (a leading `?` or `#` is ignored, as is a
/// whole URL before it). Keys without `=` get an empty value; empty pieces are skipped.
pub fn parse_params(input: &str) -> Vec<(String, String)> {
    let start = input.find(['?', '#']).map_or(0, |i| i + 1);
    input[start..]
        .split('&')
        .filter(|piece| !piece.is_empty())
        .map(|piece| match piece.split_once('=') {
            Some((k, v)) => (percent_decode(k), percent_decode(v)),
            None => (percent_decode(piece), String::new()),
        })
        .collect()
}

/// Base64url without padding (RFC 4648 §5), as PKCE and JWTs use.
pub fn base64url(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Decodes base64 in any of its common spellings: url-safe or standard alphabet, padded or not.
pub fn base64_decode_any(text: &str) -> Option<Vec<u8>> {
    let text = text.trim();
    [&URL_SAFE_NO_PAD, &URL_SAFE, &STANDARD, &STANDARD_NO_PAD].iter().find_map(|e| e.decode(text).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_reserved_and_non_ascii() {
        assert_eq!(percent_encode("a b&c=d/e?f#g+h"), "a%20b%26c%3Dd%2Fe%3Ff%23g%2Bh");
        assert_eq!(percent_encode("Az09-._~"), "Az09-._~");
        assert_eq!(percent_encode("é"), "%C3%A9");
        assert_eq!(percent_encode("{\"a\":1}"), "%7B%22a%22%3A1%7D");
    }

    #[test]
    fn decode_round_trips_and_tolerates_junk() {
        for s in ["a b&c=d", "é{\"x\":[1]}", "100%", "%", "%4", "%zz", "~"] {
            assert_eq!(percent_decode(&percent_encode(s)), s, "{s}");
        }
        assert_eq!(percent_decode("a+b%20c"), "a b c");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%4"), "%4");
        assert_eq!(percent_decode("%zz"), "%zz");
        assert_eq!(percent_decode("%41"), "A");
    }

    #[test]
    fn params_from_query_fragment_or_url() {
        let p = parse_params("https://app/cb?code=a%2Bb&state=x+y&flag");
        assert_eq!(
            p,
            [("code".into(), "a+b".into()), ("state".into(), "x y".into()), ("flag".into(), String::new())]
        );
        assert_eq!(parse_params("#code=1")[0].1, "1");
        assert_eq!(parse_params("code=1&&x=2").len(), 2);
    }

    #[test]
    fn base64_spellings() {
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
        assert_eq!(base64_decode_any("-_8").unwrap(), [0xfb, 0xff]);
        assert_eq!(base64_decode_any("+/8=").unwrap(), [0xfb, 0xff]);
        assert!(base64_decode_any("not base64!").is_none());
    }
}
