//! JSON `$batch`: at most 20 requests per round trip (more are split), responses matched
//! by id in any order, per-item errors, per-item 429 retried alone after its `Retry-After`;
//! and the one-round-trip "my access" load the UI starts with.

use std::collections::{BTreeMap, HashSet};
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::roles::MINE;
use super::GraphClient;
use crate::graph::error::{GraphError, RetryAfter};
use crate::graph::token::Api;
use crate::graph::transport::{HttpResponse, Method};
use crate::graph::url::UrlBuilder;
use crate::graph::wire::{
    BatchRequestBody, BatchRequestItem, BatchResponseBody, GroupScheduleInstance, GroupScheduleRequest,
    ODataPage, RoleScheduleInstance, RoleScheduleRequest,
};

/// Most requests Graph accepts in one batch.
pub const BATCH_LIMIT: usize = 20;

/// Which Graph version a batch goes to (they cannot be mixed in one batch `[I]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GraphVersion {
    V1,
    Beta,
}

/// One request to batch. `url` is relative to the version root (`/roleManagement/…`).
#[derive(Clone, Debug, PartialEq)]
pub struct BatchItem {
    pub id: String,
    pub method: Method,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<Value>,
}

impl BatchItem {
    /// A GET.
    pub fn get(id: impl Into<String>, url: impl Into<String>) -> Self {
        BatchItem { id: id.into(), method: Method::Get, url: url.into(), headers: Vec::new(), body: None }
    }
}

/// Per-item results by id: the body (`None` for 204) or that item's error.
pub type BatchOutcome = BTreeMap<String, Result<Option<Value>, GraphError>>;

fn to_wire(item: &BatchItem) -> BatchRequestItem {
    let mut headers: BTreeMap<String, String> = item.headers.iter().cloned().collect();
    if item.body.is_some() && !headers.keys().any(|k| k.eq_ignore_ascii_case("Content-Type")) {
        headers.insert("Content-Type".into(), "application/json".into());
    }
    BatchRequestItem {
        id: item.id.clone(),
        method: item.method.as_str().to_owned(),
        url: item.url.clone(),
        headers: (!headers.is_empty()).then_some(headers),
        body: item.body.clone(),
        depends_on: None,
    }
}

impl GraphClient {
    /// Sends the items in batches of at most 20 and returns every item's own result.
    /// `POST /v1.0/$batch` (or `/beta/$batch`). Ids must be unique.
    pub async fn batch(
        &self,
        version: GraphVersion,
        items: Vec<BatchItem>,
    ) -> Result<BatchOutcome, GraphError> {
        let mut seen = HashSet::new();
        if let Some(dup) = items.iter().find(|i| !seen.insert(i.id.clone())) {
            return Err(GraphError::BadResponse { detail: format!("batch id \"{}\" is used twice", dup.id) });
        }
        let root = match version {
            GraphVersion::V1 => "v1.0/$batch",
            GraphVersion::Beta => "beta/$batch",
        };
        let url = UrlBuilder::new(&self.endpoints.graph, root).build();
        let mut outcome = BatchOutcome::new();
        let mut pending = items;
        let (mut rounds, mut waited) = (0u32, Duration::ZERO);
        while !pending.is_empty() {
            let mut throttled: Vec<(BatchItem, Option<RetryAfter>)> = Vec::new();
            for chunk in pending.chunks(BATCH_LIMIT) {
                let body = BatchRequestBody { requests: chunk.iter().map(to_wire).collect() };
                let answer: Result<BatchResponseBody, GraphError> =
                    self.send_json(Api::Graph, Method::Post, &url, &body).await;
                let answer = match answer {
                    Ok(a) => a,
                    Err(e) => {
                        for item in chunk {
                            outcome.insert(item.id.clone(), Err(e.clone()));
                        }
                        continue;
                    }
                };
                for item in chunk {
                    let Some(r) = answer.responses.iter().find(|r| r.id == item.id) else {
                        let detail = format!("no response for batch item {}", item.id);
                        outcome.insert(item.id.clone(), Err(GraphError::BadResponse { detail }));
                        continue;
                    };
                    let headers: Vec<(String, String)> = r.headers.clone().into_iter().collect();
                    let body_text = r.body.as_ref().map(Value::to_string).unwrap_or_default();
                    let response = HttpResponse { status: r.status, headers, body: body_text };
                    if r.status == 429 {
                        let after = response.header("Retry-After").and_then(RetryAfter::parse);
                        throttled.push((item.clone(), after));
                        outcome.insert(item.id.clone(), Err(GraphError::from_response(&response)));
                    } else if response.is_success() {
                        outcome.insert(item.id.clone(), Ok(r.body.clone().filter(|b| !b.is_null())));
                    } else {
                        outcome.insert(item.id.clone(), Err(GraphError::from_response(&response)));
                    }
                }
            }
            let now = self.env.now();
            let wait = throttled
                .iter()
                .map(|(_, a)| a.as_ref().map_or_else(|| self.retry.base_delay, |a| a.delay_from(now)))
                .max()
                .unwrap_or_default();
            if throttled.is_empty()
                || rounds >= self.retry.max_retries
                || waited + wait > self.retry.max_total_wait
            {
                break;
            }
            self.transport.sleep(wait).await;
            waited += wait;
            rounds += 1;
            pending = throttled.into_iter().map(|(item, _)| item).collect();
        }
        Ok(outcome)
    }

    /// My eligible and active Entra roles and PIM for Groups memberships, with role and group
    /// names, and my requests waiting for approval, in one round trip (further pages, if any, are read afterwards).
    pub async fn load_my_access(&self) -> Result<MyAccess, GraphError> {
        let rel =
            |coll: &str, expand: &str| UrlBuilder::new("", coll).fixed(MINE).query("$expand", expand).build();
        // My requests still waiting for an approver, so their rows say so (and are not requested twice).
        let pending = |coll: &str| {
            UrlBuilder::new("", coll).fixed(MINE).query("$filter", "status eq 'PendingApproval'").build()
        };
        let items = vec![
            BatchItem::get(
                "eligibleRoles",
                // `directoryScope` names an administrative unit (API.md §3 "Scope name").
                rel(
                    "roleManagement/directory/roleEligibilityScheduleInstances",
                    "roleDefinition,directoryScope",
                ),
            ),
            BatchItem::get(
                "activeRoles",
                rel(
                    "roleManagement/directory/roleAssignmentScheduleInstances",
                    "roleDefinition,directoryScope",
                ),
            ),
            BatchItem::get(
                "eligibleGroups",
                rel("identityGovernance/privilegedAccess/group/eligibilityScheduleInstances", "group"),
            ),
            BatchItem::get(
                "activeGroups",
                rel("identityGovernance/privilegedAccess/group/assignmentScheduleInstances", "group"),
            ),
            BatchItem::get(
                "pendingRoles",
                pending("roleManagement/directory/roleAssignmentScheduleRequests"),
            ),
            BatchItem::get(
                "pendingGroups",
                pending("identityGovernance/privilegedAccess/group/assignmentScheduleRequests"),
            ),
        ];
        let mut out = self.batch(GraphVersion::V1, items).await?;
        Ok(MyAccess {
            eligible_roles: self.rest_of(out.remove("eligibleRoles")).await,
            active_roles: self.rest_of(out.remove("activeRoles")).await,
            eligible_groups: self.rest_of(out.remove("eligibleGroups")).await,
            active_groups: self.rest_of(out.remove("activeGroups")).await,
            pending_roles: self.rest_of(out.remove("pendingRoles")).await,
            pending_groups: self.rest_of(out.remove("pendingGroups")).await,
        })
    }

    /// Reads a batched first page and follows its `@odata.nextLink`, if any.
    async fn rest_of<T: DeserializeOwned>(
        &self,
        first: Option<Result<Option<Value>, GraphError>>,
    ) -> Result<Vec<T>, GraphError> {
        let missing = || GraphError::BadResponse { detail: "missing batch response".into() };
        let body = first.ok_or_else(missing)??.ok_or_else(missing)?;
        // Read from text, as `graph_all` reads the next pages: one deserializer per type in the
        // wasm instead of two (from_value would add a second; 2026-12-05, README "Performance").
        let page: ODataPage<T> = serde_json::from_str(&body.to_string())
            .map_err(|e| GraphError::BadResponse { detail: e.to_string() })?;
        let mut items = page.value;
        if let Some(next) = page.next_link {
            items.extend(self.graph_all::<T>(next, &[]).await?);
        }
        Ok(items)
    }
}

/// Everything the "my roles" page shows, each part with its own outcome.
#[derive(Clone, Debug, PartialEq)]
pub struct MyAccess {
    pub eligible_roles: Result<Vec<RoleScheduleInstance>, GraphError>,
    pub active_roles: Result<Vec<RoleScheduleInstance>, GraphError>,
    pub eligible_groups: Result<Vec<GroupScheduleInstance>, GraphError>,
    pub active_groups: Result<Vec<GroupScheduleInstance>, GraphError>,
    /// My Entra role requests waiting for approval.
    pub pending_roles: Result<Vec<RoleScheduleRequest>, GraphError>,
    /// My group requests waiting for approval.
    pub pending_groups: Result<Vec<GroupScheduleRequest>, GraphError>,
}
