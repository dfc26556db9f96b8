//! PKCE (RFC 7636, method S256) and the other per-sign-in random values, state and nonce.
//!
//! Nothing here draws randomness: the browser glue fills a [`SignInRandom`] from
//! `crypto.getRandomValues` and hands it over, which keeps this module pure and testable.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::encode::base64url;
use super::secret::CodeVerifier;

/// The random bytes one sign-in consumes: 32 for the PKCE verifier (as MSAL does: 32 bytes ->
/// 43 base64url characters), 16 each for `state` and `nonce`.
#[derive(Clone)]
pub struct SignInRandom {
    pub verifier: [u8; 32],
    pub state: [u8; 16],
    pub nonce: [u8; 16],
}

impl SignInRandom {
    /// How many bytes [`SignInRandom::from_bytes`] takes: fill a buffer this long with
    /// `crypto.getRandomValues`.
    pub const LEN: usize = 64;

    /// Splits one buffer of [`SignInRandom::LEN`] random bytes.
    pub fn from_bytes(bytes: &[u8; Self::LEN]) -> Self {
        let mut r = SignInRandom { verifier: [0; 32], state: [0; 16], nonce: [0; 16] };
        r.verifier.copy_from_slice(&bytes[..32]);
        r.state.copy_from_slice(&bytes[32..48]);
        r.nonce.copy_from_slice(&bytes[48..]);
        r
    }
}

/// A PKCE pair: the verifier stays in the browser until /token, the challenge goes to /authorize.
#[derive(Clone, Debug)]
pub struct Pkce {
    pub verifier: CodeVerifier,
    /// `base64url(SHA-256(verifier))`.
    pub challenge: String,
}

impl Pkce {
    /// The verifier is `base64url(random)`; the challenge is derived with [`s256_challenge`].
    pub fn from_random(random: &[u8; 32]) -> Pkce {
        let verifier = base64url(random);
        let challenge = s256_challenge(&verifier);
        Pkce { verifier: CodeVerifier::new(verifier), challenge }
    }
}

/// `code_challenge` for `code_challenge_method=S256`: base64url of the SHA-256 of the verifier's
/// ASCII text.
pub fn s256_challenge(verifier: &str) -> String {
    base64url(&Sha256::digest(verifier.as_bytes()))
}

/// The `state` value: it ties the redirect back to the sign-in this browser tab started.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct State(pub String);

/// The `nonce` value: it ties the ID token to this sign-in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Nonce(pub String);

impl State {
    /// `base64url(random)`: 22 characters, 128 bits.
    pub fn from_random(random: &[u8; 16]) -> State {
        State(base64url(random))
    }
}

impl Nonce {
    /// `base64url(random)`: 22 characters, 128 bits.
    pub fn from_random(random: &[u8; 16]) -> Nonce {
        Nonce(base64url(random))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7636 appendix B.
    #[test]
    fn rfc7636_appendix_b_vector() {
        let octets = [
            116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105,
            214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
        ];
        let pkce = Pkce::from_random(&octets);
        assert_eq!(pkce.verifier.expose(), "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        assert_eq!(pkce.challenge, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    #[test]
    fn verifier_meets_rfc_length_and_alphabet() {
        let pkce = Pkce::from_random(&[0xff; 32]);
        let v = pkce.verifier.expose();
        assert_eq!(v.len(), 43);
        assert!(v.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b)));
        assert_eq!(pkce.challenge.len(), 43);
    }

    #[test]
    fn random_buffer_is_split_without_overlap() {
        let mut bytes = [0u8; SignInRandom::LEN];
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = i as u8;
        }
        let r = SignInRandom::from_bytes(&bytes);
        assert_eq!(r.verifier[31], 31);
        assert_eq!(r.state[0], 32);
        assert_eq!(r.nonce[15], 63);
        assert_ne!(State::from_random(&r.state).0, Nonce::from_random(&r.nonce).0);
        assert_eq!(State::from_random(&r.state).0.len(), 22);
    }
}
