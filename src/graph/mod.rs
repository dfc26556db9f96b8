//! Typed Microsoft Graph and Azure Resource Manager client for PIM.
//!
//! - [`wire`]: serde types for every PIM body (tolerant reading, exact writing);
//! - [`client::GraphClient`]: one method per operation over a [`Transport`] and a
//!   [`TokenProvider`], with retries, one token refresh after 401, paging and `$batch`;
//! - [`error::GraphError`]: every failure, each with `explain()` and `next_step()`;
//! - [`routes::route`]: which operation a method and URL call (used by the contract test and
//!   available to the simulated tenant);
//! - [`url`]: percent-encoding and OData literals; [`schema`]: conformance to Graph's schema;
//! - [`requests`]: my requests and the approval queue across planes, cancel and decide;
//! - [`scripted`]: scripted transport, token provider and environment for tests.

pub mod actions;
pub mod adapt;
pub mod assignments;
pub mod client;
pub mod error;
mod error_text;
pub mod load;
pub mod renew;
pub mod requests;
pub mod reviews;
pub mod routes;
pub mod schema;
pub mod scripted;
pub mod settings;
pub mod token;
pub mod transport;
pub mod url;
pub mod wire;

pub use client::{ClientEnv, GraphClient, RetryPolicy};
pub use error::{ErrorKind, FailedRule, GraphError, RetryAfter};
pub use routes::{route, ArmOperation, Operation, Shape, Side};
pub use token::{Api, TokenError, TokenProvider};
pub use transport::{HttpRequest, HttpResponse, Method, Transport, TransportError};
