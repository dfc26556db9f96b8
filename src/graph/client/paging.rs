//! Reading a collection to the end through `@odata.nextLink` (Graph) or `nextLink` (ARM),
//! with a page cap, and never sending the token to another host than the configured one.

use serde::de::DeserializeOwned;

use super::GraphClient;
use crate::graph::error::GraphError;
use crate::graph::token::Api;
use crate::graph::wire::{ArmPage, ODataPage};

/// A page of either kind.
pub(crate) trait Page<T>: DeserializeOwned {
    fn split(self) -> (Vec<T>, Option<String>);
}

impl<T: DeserializeOwned> Page<T> for ODataPage<T> {
    fn split(self) -> (Vec<T>, Option<String>) {
        (self.value, self.next_link)
    }
}

impl<T: DeserializeOwned> Page<T> for ArmPage<T> {
    fn split(self) -> (Vec<T>, Option<String>) {
        (self.value, self.next_link)
    }
}

impl GraphClient {
    fn base_of(&self, api: Api) -> &str {
        match api {
            Api::Graph => &self.endpoints.graph,
            Api::Arm => &self.endpoints.arm,
        }
    }

    /// Reads every page starting at `url`.
    pub(crate) async fn collect<T, P: Page<T>>(
        &self,
        api: Api,
        url: String,
        headers: &[(&str, &str)],
    ) -> Result<Vec<T>, GraphError> {
        let mut items = Vec::new();
        let mut next = Some(url);
        let mut pages = 0;
        while let Some(url) = next {
            if pages == self.page_cap {
                return Err(GraphError::TooManyPages { pages });
            }
            let base = self.base_of(api);
            if !url.starts_with(&format!("{base}/")) {
                return Err(GraphError::BadResponse { detail: format!("next page link leaves {base}") });
            }
            let page: P = self.get_json(api, &url, headers).await?;
            pages += 1;
            let (mut value, link) = page.split();
            items.append(&mut value);
            next = link;
        }
        Ok(items)
    }

    /// Every item of a Graph collection.
    pub(crate) async fn graph_all<T: DeserializeOwned>(
        &self,
        url: String,
        headers: &[(&str, &str)],
    ) -> Result<Vec<T>, GraphError> {
        self.collect::<T, ODataPage<T>>(Api::Graph, url, headers).await
    }

    /// Every item of an ARM collection.
    pub(crate) async fn arm_all<T: DeserializeOwned>(&self, url: String) -> Result<Vec<T>, GraphError> {
        self.collect::<T, ArmPage<T>>(Api::Arm, url, &[]).await
    }
}
