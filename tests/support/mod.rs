//! Shared pieces of the end-to-end tests: the loopback server and the browser.
#![allow(dead_code)]

pub mod browser;
pub mod demo;
pub mod roles;
pub mod server;
