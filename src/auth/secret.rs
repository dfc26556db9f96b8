//! Secrets that must never reach a log line, an error message or a URL: access tokens, refresh
//! tokens, authorization codes, PKCE verifiers and raw ID tokens.
//!
//! Each is a newtype whose `Debug` and `Display` print `<redacted>`. The value is reachable only
//! through [`AccessToken::expose`] (and the same method on the others), so every place that
//! really sends a secret is easy to find. Serde is transparent: the glue stores the refresh
//! token and the verifier in sessionStorage, which needs the real value.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! secret {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps a secret value.
            pub fn new(value: impl Into<String>) -> Self {
                $name(value.into())
            }

            /// The secret itself: call only where it is sent to the party that issued it.
            pub fn expose(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "(<redacted>)"))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("<redacted>")
            }
        }
    };
}

secret!(
    /// A bearer access token for one resource (Graph or ARM).
    AccessToken
);
secret!(
    /// A refresh token (SPA: 24 hours, fixed, inherited by every rotated successor).
    RefreshToken
);
secret!(
    /// An authorization code from the redirect: single-use, about ten minutes.
    AuthCode
);
secret!(
    /// A PKCE code verifier: kept in sessionStorage until the callback, sent only to /token.
    CodeVerifier
);
secret!(
    /// A raw, encoded ID token (JWT). Only its decoded claims are kept after sign-in.
    IdTokenJwt
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_redact() {
        let t = AccessToken::new("eyJ0eXAiOiJKV1QiLCJub25jZSI6");
        assert_eq!(format!("{t:?}"), "AccessToken(<redacted>)");
        assert_eq!(format!("{t}"), "<redacted>");
        assert_eq!(t.expose(), "eyJ0eXAiOiJKV1QiLCJub25jZSI6");
        let r = RefreshToken::new("0.AXoA-secret");
        assert!(!format!("{:?} {}", Some(&r), r).contains("AXoA"));
    }

    #[test]
    fn serde_keeps_the_value_for_storage() {
        let v = CodeVerifier::new("abc");
        assert_eq!(serde_json::to_string(&v).unwrap(), "\"abc\"");
        let back: CodeVerifier = serde_json::from_str("\"abc\"").unwrap();
        assert_eq!(back, v);
    }
}
