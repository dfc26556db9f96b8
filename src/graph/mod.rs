//! Typed Microsoft Graph and Azure Resource Manager client for PIM.

pub mod transport;

pub use transport::{HttpRequest, HttpResponse, Method, Transport, TransportError};
