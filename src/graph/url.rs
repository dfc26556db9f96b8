//! URL building without a URL crate: percent-encoding of path segments and query values,
//! OData string literals, and a small builder. User input only ever enters a URL through
//! these functions.

use std::fmt::Write;

fn encode(s: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || keep.contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Encodes one path segment (`/`, `?`, `#`, `%`, spaces… are escaped).
pub fn encode_segment(s: &str) -> String {
    encode(s, b"")
}

/// Encodes a query value. OData punctuation that is safe in a query (`$ ' ( ) , : / @ *`) is
/// kept readable; `&`, `=`, `+`, `#`, `%` and spaces are escaped.
pub fn encode_query(s: &str) -> String {
    encode(s, b"$'(),:/@*!;")
}

/// An OData string literal: single-quoted with embedded quotes doubled (`O'Brien` →
/// `'O''Brien'`). Encode the whole query value afterwards.
pub fn odata_string(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Decodes `%XX` escapes (invalid escapes are kept as they are).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Builds `base/seg/seg?k=v&k=v`, every piece encoded.
#[derive(Clone, Debug)]
pub struct UrlBuilder {
    url: String,
    query: Vec<(String, String)>,
}

impl UrlBuilder {
    /// Starts from a base URL (no trailing slash needed) and a fixed path written by this
    /// client (never user input), e.g. `v1.0/roleManagement/directory`.
    pub fn new(base: &str, fixed_path: &str) -> Self {
        let mut url = base.trim_end_matches('/').to_owned();
        for seg in fixed_path.split('/').filter(|s| !s.is_empty()) {
            url.push('/');
            url.push_str(seg);
        }
        UrlBuilder { url, query: Vec::new() }
    }

    /// Appends a fixed segment written by this client, as is (e.g. `filterByCurrentUser(on='principal')`).
    pub fn fixed(mut self, segment: &str) -> Self {
        self.url.push('/');
        self.url.push_str(segment);
        self
    }

    /// Appends a segment holding data (an id), percent-encoded.
    pub fn segment(mut self, value: &str) -> Self {
        self.url.push('/');
        self.url.push_str(&encode_segment(value));
        self
    }

    /// Adds a query parameter; the value is encoded.
    pub fn query(mut self, key: &str, value: &str) -> Self {
        self.query.push((key.to_owned(), value.to_owned()));
        self
    }

    /// Adds a query parameter when there is a value.
    pub fn query_opt(self, key: &str, value: Option<&str>) -> Self {
        match value {
            Some(v) => self.query(key, v),
            None => self,
        }
    }

    /// The finished URL.
    pub fn build(self) -> String {
        let mut url = self.url;
        for (i, (k, v)) in self.query.iter().enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            url.push_str(&encode_query(k));
            url.push('=');
            url.push_str(&encode_query(v));
        }
        url
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_input_cannot_break_out_of_its_place() {
        let url = UrlBuilder::new("https://graph.microsoft.com/", "v1.0/users")
            .segment("a/b?c#d e")
            .query("$filter", &format!("startswith(displayName,{})", odata_string("O'Brien & co=1+2")))
            .build();
        assert_eq!(
            url,
            "https://graph.microsoft.com/v1.0/users/a%2Fb%3Fc%23d%20e?$filter=startswith(displayName,'O''Brien%20%26%20co%3D1%2B2')"
        );
    }

    #[test]
    fn decodes_what_it_encodes() {
        let s = "{\"acrs\":{\"value\":\"c1\"}} é&=";
        assert_eq!(percent_decode(&encode_query(s)), s);
        assert_eq!(percent_decode("100%"), "100%");
    }
}
