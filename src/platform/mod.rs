//! The only code that touches browser APIs: fetch, storage, location, the DOM outside Leptos.

pub mod config;
pub mod dom;
