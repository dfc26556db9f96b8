//! The `claims` request parameter: the client capability `cp1`, step-up challenges
//! (authentication contexts) and their merging (API.md §1, "Claims challenges / step-up").
//!
//! Challenges arrive in two shapes: the standard 401 `WWW-Authenticate: Bearer …,
//! claims="<base64 JSON>"` and PIM's own 400/403 body whose `error.message` is
//! `&claims=<URL-encoded JSON>` (sometimes without `&`; base64 is tolerated too). Both shapes are
//! third-party observations `[O]`, so parsing is deliberately lenient.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::encode::{base64_decode_any, percent_decode};

/// A claims request: a JSON object such as `{"access_token":{"acrs":{…}}}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Claims(Value);

impl Claims {
    /// The client capability every request declares: `cp1`, so Graph sends claims challenges
    /// and PIM accepts `acrs` tokens.
    pub fn client_capability() -> Claims {
        Claims(json!({"access_token": {"xms_cc": {"values": ["cp1"]}}}))
    }

    /// Asks for authentication context `id` (pre-emptive step-up before an activation).
    pub fn auth_context(id: &AuthContextId) -> Claims {
        Claims(json!({"access_token": {"acrs": {"essential": true, "value": id.as_str()}}}))
    }

    /// Reads a claims JSON object; `None` when the text is not a JSON object.
    pub fn from_json(text: &str) -> Option<Claims> {
        match serde_json::from_str::<Value>(text.trim()) {
            Ok(v @ Value::Object(_)) => Some(Claims(v)),
            _ => None,
        }
    }

    /// Deep merge: objects merge key by key, anything else from `other` wins.
    pub fn merge(mut self, other: &Claims) -> Claims {
        merge_values(&mut self.0, &other.0);
        self
    }

    /// `self` merged with [`Claims::client_capability`]: what `/authorize` is sent.
    pub fn with_client_capability(self) -> Claims {
        Claims::client_capability().merge(&self)
    }

    /// The JSON text (the value of the `claims=` parameter before percent-encoding).
    pub fn to_json(&self) -> String {
        self.0.to_string()
    }

    /// The authentication context this request asks for (`access_token.acrs.value`), if any.
    pub fn auth_context_id(&self) -> Option<AuthContextId> {
        let acrs = self.0.get("access_token")?.get("acrs")?;
        let value = acrs.get("value").and_then(Value::as_str).or_else(|| {
            acrs.get("values").and_then(Value::as_array).and_then(|a| a.first()).and_then(Value::as_str)
        })?;
        AuthContextId::parse(value)
    }

    /// The JSON value.
    pub fn as_value(&self) -> &Value {
        &self.0
    }
}

fn merge_values(into: &mut Value, from: &Value) {
    match (into, from) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in b {
                merge_values(a.entry(k.clone()).or_insert(Value::Object(Map::new())), v);
            }
        }
        (slot, v) => *slot = v.clone(),
    }
}

/// An authentication context class reference id (`c1` … in Entra). Kept lenient `[I]`: any
/// non-empty ASCII letters and digits.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AuthContextId(String);

impl AuthContextId {
    /// Validates an id such as `c1`.
    pub fn parse(s: &str) -> Option<AuthContextId> {
        let s = s.trim();
        (!s.is_empty() && s.len() <= 16 && s.bytes().all(|b| b.is_ascii_alphanumeric()))
            .then(|| AuthContextId(s.to_owned()))
    }

    /// The id text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AuthContextId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Reads the claims out of a PIM error message: `&claims=<url-encoded JSON>`, `claims=<…>`
/// without `&`, or the same with base64 JSON. `None` when the message carries no claims.
pub fn parse_pim_challenge(message: &str) -> Option<Claims> {
    let rest = &message[message.find("claims=")? + "claims=".len()..];
    let raw = match rest.strip_prefix('{') {
        Some(_) => json_object_prefix(rest),
        None => rest.split(|c: char| matches!(c, '&' | '"' | '\'') || c.is_whitespace()).next().unwrap_or(""),
    };
    decode_claims_text(raw.trim())
}

/// The leading `{…}` of `text`, braces balanced outside JSON strings (raw JSON in a message).
fn json_object_prefix(text: &str) -> &str {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '{' if !in_string => depth += 1,
            '}' if !in_string => {
                depth -= 1;
                if depth == 0 {
                    return &text[..=i];
                }
            }
            _ => {}
        }
    }
    text
}

/// Reads the `claims="<base64 JSON>"` parameter of a `WWW-Authenticate` header.
pub fn parse_www_authenticate(header: &str) -> Option<Claims> {
    let lower = header.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = lower[from..].find("claims=") {
        let at = from + pos;
        let boundary = at == 0 || matches!(lower.as_bytes()[at - 1], b' ' | b',' | b'\t');
        let rest = &header[at + "claims=".len()..];
        if boundary {
            let value = match rest.strip_prefix('"') {
                Some(quoted) => quoted.split('"').next().unwrap_or(""),
                None => rest.split([',', ' ']).next().unwrap_or(""),
            };
            return decode_claims_text(value);
        }
        from = at + 1;
    }
    None
}

/// Tries, in order: plain JSON, percent-decoded JSON, base64 JSON, percent-decoded base64 JSON.
fn decode_claims_text(raw: &str) -> Option<Claims> {
    if raw.is_empty() {
        return None;
    }
    let decoded = percent_decode(raw);
    let read = |text: &str| {
        Claims::from_json(text).or_else(|| {
            let bytes = base64_decode_any(text)?;
            Claims::from_json(std::str::from_utf8(&bytes).ok()?)
        })
    };
    read(raw).or_else(|| read(&decoded))
}

/// Groups items by the authentication context they need, first-seen order kept, so a batch
/// asks for each distinct context once. Items that need none come under `None`.
pub fn group_by_context<T>(
    items: impl IntoIterator<Item = (T, Option<AuthContextId>)>,
) -> Vec<(Option<AuthContextId>, Vec<T>)> {
    let mut groups: Vec<(Option<AuthContextId>, Vec<T>)> = Vec::new();
    for (item, ctx) in items {
        match groups.iter_mut().find(|(c, _)| *c == ctx) {
            Some((_, list)) => list.push(item),
            None => groups.push((ctx, vec![item])),
        }
    }
    groups
}
