//! Typed Microsoft Graph and Azure Resource Manager client for PIM.

pub mod token;
pub mod transport;
pub mod wire;

pub use token::{Api, TokenError, TokenProvider};
pub use transport::{HttpRequest, HttpResponse, Method, Transport, TransportError};
