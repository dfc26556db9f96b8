//! HTTP plumbing: percent-encoding, URL splitting, and the Graph and ARM response envelopes.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use crate::graph::HttpResponse;

/// Decodes `%XX` escapes; `plus_is_space` only for query strings (form encoding).
pub fn percent_decode(s: &str, plus_is_space: bool) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            b'+' if plus_is_space => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Encodes everything but RFC 3986 unreserved characters (like `encodeURIComponent`, stricter).
pub fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Encodes a query value, keeping the characters OData queries use readable (`$`, `'`, `(`, `)`, `,`, `=`).
pub fn encode_query_value(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'~'
            | b'$'
            | b'\''
            | b'('
            | b')'
            | b','
            | b'/'
            | b':' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A URL split into its path (below a base) and its decoded query pairs.
#[derive(Clone, Debug)]
pub struct SplitUrl {
    /// Decoded path segments below the base.
    pub segments: Vec<String>,
    /// Decoded query pairs, in order.
    pub query: Vec<(String, String)>,
}

impl SplitUrl {
    /// Splits `rest` (the part of the URL after the base, starting with `/` or `?`).
    pub fn parse(rest: &str) -> SplitUrl {
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        let segments = path.split('/').filter(|s| !s.is_empty()).map(|s| percent_decode(s, false)).collect();
        let query = query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (percent_decode(k, true), percent_decode(v, true))
            })
            .collect();
        SplitUrl { segments, query }
    }

    /// The first query value of that name (case-insensitive; `$top` and `top` alike).
    pub fn param(&self, name: &str) -> Option<&str> {
        let bare = name.trim_start_matches('$');
        self.query
            .iter()
            .find(|(k, _)| k.trim_start_matches('$').eq_ignore_ascii_case(bare))
            .map(|(_, v)| v.as_str())
    }
}

/// The base of a URL, the part before `rest`, when `url` starts with `base`.
pub fn strip_base<'a>(url: &'a str, base: &str) -> Option<&'a str> {
    let base = base.trim_end_matches('/');
    let rest = url.strip_prefix(base)?;
    (rest.is_empty() || rest.starts_with('/') || rest.starts_with('?')).then_some(rest)
}

/// A JSON response.
pub fn json_response(status: u16, body: &Value) -> HttpResponse {
    HttpResponse::new(status, body.to_string()).with_header("Content-Type", "application/json")
}

/// An empty response (204 and ARM's 200-empty).
pub fn empty(status: u16) -> HttpResponse {
    HttpResponse::new(status, "")
}

/// Graph's error envelope `{"error":{"code","message","innerError":{date,request-id,client-request-id}}}`.
pub fn graph_error(
    status: u16,
    code: &str,
    message: &str,
    now: DateTime<Utc>,
    request_id: &str,
) -> HttpResponse {
    let body = json!({"error": {"code": code, "message": message, "innerError": {
        "date": now.format("%Y-%m-%dT%H:%M:%S").to_string(),
        "request-id": request_id,
        "client-request-id": request_id,
    }}});
    json_response(status, &body).with_header("request-id", request_id)
}

/// ARM's CloudError envelope `{"error":{"code","message"}}`.
pub fn arm_error(status: u16, code: &str, message: &str) -> HttpResponse {
    json_response(status, &json!({"error": {"code": code, "message": message}}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_and_splitting() {
        assert_eq!(percent_decode("a%20b+c", false), "a b+c");
        assert_eq!(percent_decode("a%20b+c", true), "a b c");
        assert_eq!(percent_decode("100%", false), "100%");
        let u = SplitUrl::parse("/v1.0/x%2Fy/z?$filter=principalId%20eq%20'x'&$top=5");
        assert_eq!(u.segments, vec!["v1.0", "x/y", "z"]);
        assert_eq!(u.param("filter"), Some("principalId eq 'x'"));
        assert_eq!(u.param("$top"), Some("5"));
        assert_eq!(strip_base("https://h/graph/v1.0/me", "https://h/graph"), Some("/v1.0/me"));
        assert_eq!(strip_base("https://h/graphx/v1.0", "https://h/graph"), None);
        assert_eq!(percent_encode("{\"a\":1}"), "%7B%22a%22%3A1%7D");
    }
}
