//! The only code that touches browser APIs: fetch, storage, crypto, timers, the DOM outside Leptos.

pub mod bundle;
pub mod config;
pub mod demo;
pub mod dom;
pub mod env;
pub mod files;
pub mod local_time;
pub mod notify;
pub mod perf;
pub mod signin;
pub mod storage;
pub mod time;
pub mod transport;
