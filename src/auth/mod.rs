//! Sign-in with the Microsoft identity platform: authorization code + PKCE, tokens, step-up.
