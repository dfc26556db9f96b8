//! Reading a collection to the end through `@odata.nextLink` (Graph) or `nextLink` (ARM),
//! with a page cap, and never sending the token to another host than the configured one.

use serde::de::DeserializeOwned;

use super::GraphClient;
use crate::graph::error::GraphError;
use crate::graph::token::Api;
use crate::graph::url::UrlBuilder;
use crate::graph::wire::{ArmPage, ODataPage};

/// The page size asked of the administrators' schedule-instance lists (`$top`), so that 20,000
/// rows take about 21 round trips instead of 200 at Graph's default page size.
///
/// What is certain: Graph's schema (the CSDL, `openapi-pim-subset*.json`) declares `$top` on
/// `roleEligibilityScheduleInstances`, `roleAssignmentScheduleInstances` and PIM for Groups'
/// `eligibilityScheduleInstances` / `assignmentScheduleInstances` `[S:csdl]`, and tools that call
/// the live service send `$top=999` to the two directory-role lists `[O]`. What is not: the
/// methods' own pages name only `$select`, `$filter` and `$expand`, and no page states these
/// lists' largest page. 999 is the directory's documented cap for `$top` elsewhere `[I]`. Hence:
/// the service may answer smaller pages (every `@odata.nextLink` is still followed), and if it
/// refuses the parameter (400) the list is read again without it, at the default page size.
pub(crate) const LIST_PAGE: &str = "999";

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

    /// Every item of a Graph collection, asked for in pages of [`LIST_PAGE`]; read again at the
    /// service's own page size if it answers 400 to the parameter.
    pub(crate) async fn graph_all_in_large_pages<T: DeserializeOwned>(
        &self,
        url: UrlBuilder,
    ) -> Result<Vec<T>, GraphError> {
        match self.graph_all(url.clone().query("$top", LIST_PAGE).build(), &[]).await {
            Err(GraphError::Http { status: 400, .. }) => self.graph_all(url.build(), &[]).await,
            read => read,
        }
    }

    /// Every item of an ARM collection.
    pub(crate) async fn arm_all<T: DeserializeOwned>(&self, url: String) -> Result<Vec<T>, GraphError> {
        self.collect::<T, ArmPage<T>>(Api::Arm, url, &[]).await
    }
}
