//! The client's environment in the browser: GUIDs from `crypto.getRandomValues`, the clock,
//! jitter.

use chrono::{DateTime, Utc};

use crate::graph::client::ClientEnv;

/// [`ClientEnv`] backed by browser APIs.
#[derive(Clone, Copy, Debug, Default)]
pub struct BrowserEnv;

/// `n` cryptographically random bytes.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    let crypto =
        web_sys::window().and_then(|w| w.crypto().ok()).expect("crypto.getRandomValues is available");
    crypto.get_random_values_with_u8_array(&mut bytes).expect("random bytes");
    bytes
}

/// A random (version 4) GUID.
pub fn new_guid() -> String {
    let mut b = random_bytes::<16>();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

impl ClientEnv for BrowserEnv {
    fn new_guid(&self) -> String {
        new_guid()
    }

    fn now(&self) -> DateTime<Utc> {
        super::time::now()
    }

    fn random_unit(&self) -> f64 {
        js_sys::Math::random()
    }
}
