//! PIM console: a browser-only Privileged Identity Management console for Microsoft Entra ID.
//!
//! Layers (data flows one way, `ui -> domain/graph -> transport`):
//! - [`domain`]: pure logic (ids, durations, policy requirements, plans, validation);
//! - [`graph`]: typed Microsoft Graph / Azure Resource Manager client over a [`graph::Transport`];
//! - [`auth`]: OAuth 2.0 authorization code + PKCE, tokens, step-up;
//! - [`sim`]: the simulated tenant (the demo and the tests' service);
//! - `ui`: Leptos components and pages (browser build only);
//! - `platform`: the only code that touches browser APIs (browser build only).
//!
//! `domain`, `graph`, `auth` and `sim` never use leptos, web-sys, gloo or wasm-bindgen: those
//! crates are not even dependencies of a native build, and `tests/layers.rs` checks the sources.

pub mod auth;
pub mod config;
pub mod domain;
pub mod graph;
pub mod sim;

#[cfg(target_arch = "wasm32")]
pub mod platform;
#[cfg(target_arch = "wasm32")]
pub mod ui;
