//! Typed Microsoft Graph and Azure Resource Manager client for PIM.

pub mod client;
pub mod error;
mod error_text;
pub mod routes;
pub mod schema;
pub mod scripted;
pub mod token;
pub mod transport;
pub mod url;
pub mod wire;

pub use client::{ClientEnv, GraphClient, RetryPolicy};
pub use error::{ErrorKind, FailedRule, GraphError, RetryAfter};
pub use routes::{route, ArmOperation, Operation, Shape, Side};
pub use token::{Api, TokenError, TokenProvider};
pub use transport::{HttpRequest, HttpResponse, Method, Transport, TransportError};
