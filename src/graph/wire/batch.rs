//! JSON `$batch` envelopes (`POST /v1.0/$batch`): up to 20 requests with relative URLs;
//! responses come back in any order, each with its own status, headers and body.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::enums::null_default;

/// One request inside a batch.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchRequestItem {
    /// Unique inside the batch.
    pub id: String,
    pub method: String,
    /// Relative to the version root (`/roleManagement/…`).
    pub url: String,
    /// Mandatory (with `Content-Type`) when there is a body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub depends_on: Option<Vec<String>>,
}

/// The batch request body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BatchRequestBody {
    pub requests: Vec<BatchRequestItem>,
}

/// One response inside a batch.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct BatchResponseItem {
    pub id: String,
    pub status: u16,
    #[serde(default, deserialize_with = "null_default")]
    pub headers: BTreeMap<String, String>,
    #[serde(default)]
    pub body: Option<Value>,
}

/// The batch response body.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct BatchResponseBody {
    #[serde(default, deserialize_with = "null_default")]
    pub responses: Vec<BatchResponseItem>,
}
