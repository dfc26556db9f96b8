//! The only code that touches browser APIs: storage, location, crypto, fetch, timers.
