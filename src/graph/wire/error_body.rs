//! Error bodies: Graph and ARM (`{"error":{"code","message","innerError"}}`) and the
//! identity platform's token errors.

use serde::Deserialize;

use crate::graph::token::TokenError;

/// `innerError` of a Graph error.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct InnerError {
    pub date: Option<String>,
    #[serde(rename = "request-id")]
    pub request_id: Option<String>,
    #[serde(rename = "client-request-id")]
    pub client_request_id: Option<String>,
}

/// The `error` object. `code` may be empty (`""`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorDetail {
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default, alias = "innererror")]
    pub inner_error: Option<InnerError>,
}

/// A Graph or ARM error body.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

/// An identity platform `/token` error.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct IdentityErrorBody {
    pub error: String,
    #[serde(default)]
    pub error_description: Option<String>,
    #[serde(default)]
    pub error_codes: Vec<i64>,
    #[serde(default)]
    pub timestamp: Option<String>,
    #[serde(default)]
    pub trace_id: Option<String>,
    #[serde(default)]
    pub correlation_id: Option<String>,
    #[serde(default)]
    pub error_uri: Option<String>,
}

impl IdentityErrorBody {
    /// The `AADSTSnnnn` code of the first line, when present.
    pub fn aadsts(&self) -> Option<u32> {
        let d = self.error_description.as_deref()?;
        let rest = d.strip_prefix("AADSTS")?;
        rest.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
    }

    /// As the token seam's error: the code and the first line of the description.
    pub fn to_token_error(&self) -> TokenError {
        let description = self.error_description.as_deref().unwrap_or("").lines().next().unwrap_or("");
        TokenError::Refused { error: self.error.clone(), description: description.trim().to_owned() }
    }
}
