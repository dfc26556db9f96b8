//! Audit history, access reviews, and the user and group searches behind the pickers.

use super::GraphClient;
use crate::graph::error::GraphError;
use crate::graph::token::Api;
use crate::graph::transport::Method;
use crate::graph::url::odata_string;
use crate::graph::wire::{
    AccessReviewDecisionItem, AccessReviewDefinition, AccessReviewInstance, AdministrativeUnit,
    DirectoryAudit, Group, RecordAllDecisionsBody, ReviewDecisionBody, Timestamp, User,
};

const REVIEWS: &str = "identityGovernance/accessReviews/definitions";

/// How a picker searches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PickerQuery {
    /// `$search="displayName:x"` with `ConsistencyLevel: eventual` (word prefix anywhere).
    Search,
    /// `$filter=startswith(displayName,'x')` (no advanced-query header needed).
    StartsWith,
}

fn picker_url(client: &GraphClient, coll: &str, text: &str, how: PickerQuery, select: &str) -> String {
    let url = client.v1(coll).query("$select", select).query("$top", "20");
    match how {
        // `"` inside a $search phrase cannot be escaped; it is dropped.
        PickerQuery::Search => url.query("$search", &format!("\"displayName:{}\"", text.replace('"', ""))),
        PickerQuery::StartsWith => {
            url.query("$filter", &format!("startswith(displayName,{})", odata_string(text)))
        }
    }
    .build()
}

impl GraphClient {
    /// PIM audit records since an instant, newest service order.
    /// `GET /v1.0/auditLogs/directoryAudits?$filter=loggedByService eq 'PIM' and activityDateTime ge {since}&$top=100`
    /// (`'PIM'` is what tools use; the docs' example says "Privileged Identity Management" `[O vs V]`).
    pub async fn pim_audits(&self, since: Timestamp) -> Result<Vec<DirectoryAudit>, GraphError> {
        let filter = format!("loggedByService eq 'PIM' and activityDateTime ge {since}");
        let url = self.v1("auditLogs/directoryAudits").query("$filter", &filter).query("$top", "100");
        self.graph_all(url.build(), &[]).await
    }

    /// Access review definitions. `GET /v1.0/identityGovernance/accessReviews/definitions`
    pub async fn list_access_reviews(&self) -> Result<Vec<AccessReviewDefinition>, GraphError> {
        self.graph_all(self.v1(REVIEWS).build(), &[]).await
    }

    /// Creates an access review. `POST /v1.0/identityGovernance/accessReviews/definitions`
    pub async fn create_access_review(
        &self,
        definition: &AccessReviewDefinition,
    ) -> Result<AccessReviewDefinition, GraphError> {
        self.send_json(Api::Graph, Method::Post, &self.v1(REVIEWS).build(), definition).await
    }

    /// Runs of a review. `GET /v1.0/identityGovernance/accessReviews/definitions/{id}/instances`
    pub async fn list_review_instances(
        &self,
        definition: &str,
    ) -> Result<Vec<AccessReviewInstance>, GraphError> {
        let url = self.v1(REVIEWS).segment(definition).fixed("instances").build();
        self.graph_all(url, &[]).await
    }

    /// Decisions I must make in a run.
    /// `GET /v1.0/identityGovernance/accessReviews/definitions/{id}/instances/{id}/decisions/filterByCurrentUser(on='reviewer')`
    pub async fn my_review_decisions(
        &self,
        definition: &str,
        instance: &str,
    ) -> Result<Vec<AccessReviewDecisionItem>, GraphError> {
        let url = self.v1(REVIEWS).segment(definition).fixed("instances").segment(instance);
        let url = url.fixed("decisions").fixed("filterByCurrentUser(on='reviewer')").build();
        self.graph_all(url, &[]).await
    }

    /// Records one decision (204).
    /// `PATCH /v1.0/identityGovernance/accessReviews/definitions/{id}/instances/{id}/decisions/{id}`
    pub async fn decide_review(
        &self,
        definition: &str,
        instance: &str,
        decision_id: &str,
        body: &ReviewDecisionBody,
    ) -> Result<(), GraphError> {
        let url = self.v1(REVIEWS).segment(definition).fixed("instances").segment(instance);
        let url = url.fixed("decisions").segment(decision_id).build();
        self.send_no_content(Api::Graph, Method::Patch, &url, Some(body)).await
    }

    /// Records one decision for every matching item of a run (204).
    /// `POST /v1.0/identityGovernance/accessReviews/definitions/{id}/instances/{id}/batchRecordDecisions`
    pub async fn record_review_decisions(
        &self,
        definition: &str,
        instance: &str,
        body: &RecordAllDecisionsBody,
    ) -> Result<(), GraphError> {
        let url = self.v1(REVIEWS).segment(definition).fixed("instances").segment(instance);
        let url = url.fixed("batchRecordDecisions").build();
        self.send_no_content(Api::Graph, Method::Post, &url, Some(body)).await
    }

    /// Administrative units, for the directory scope picker (`/administrativeUnits/{id}`).
    /// `GET /v1.0/directory/administrativeUnits?$select=id,displayName,description`
    pub async fn list_administrative_units(&self) -> Result<Vec<AdministrativeUnit>, GraphError> {
        let url = self.v1("directory/administrativeUnits").query("$select", "id,displayName,description");
        self.graph_all(url.build(), &[]).await
    }

    /// Users whose display name matches, for pickers.
    /// `GET /v1.0/users?$search="displayName:x"` (header `ConsistencyLevel: eventual`) or
    /// `GET /v1.0/users?$filter=startswith(displayName,'x')`
    pub async fn search_users(&self, text: &str, how: PickerQuery) -> Result<Vec<User>, GraphError> {
        let url = picker_url(self, "users", text, how, "id,displayName,userPrincipalName,mail");
        let headers: &[(&str, &str)] =
            if how == PickerQuery::Search { &[("ConsistencyLevel", "eventual")] } else { &[] };
        let page: crate::graph::wire::ODataPage<User> = self.get_json(Api::Graph, &url, headers).await?;
        Ok(page.value)
    }

    /// Groups whose display name matches, for pickers.
    /// `GET /v1.0/groups?$search="displayName:x"` (header `ConsistencyLevel: eventual`) or
    /// `GET /v1.0/groups?$filter=startswith(displayName,'x')`
    pub async fn search_groups(&self, text: &str, how: PickerQuery) -> Result<Vec<Group>, GraphError> {
        let select = "id,displayName,description,mail,securityEnabled,isAssignableToRole,groupTypes";
        let url = picker_url(self, "groups", text, how, select);
        let headers: &[(&str, &str)] =
            if how == PickerQuery::Search { &[("ConsistencyLevel", "eventual")] } else { &[] };
        let page: crate::graph::wire::ODataPage<Group> = self.get_json(Api::Graph, &url, headers).await?;
        Ok(page.value)
    }

    /// One user by object id or user principal name (404 when there is none).
    /// `GET /v1.0/users/{id | userPrincipalName}?$select=id,displayName,userPrincipalName,mail`
    pub async fn get_user(&self, id_or_upn: &str) -> Result<User, GraphError> {
        let url =
            self.v1("users").segment(id_or_upn).query("$select", "id,displayName,userPrincipalName,mail");
        self.get_json(Api::Graph, &url.build(), &[]).await
    }

    /// One group by object id (404 when there is none).
    /// `GET /v1.0/groups/{id}?$select=id,displayName,description,isAssignableToRole`
    pub async fn get_group(&self, id: &str) -> Result<Group, GraphError> {
        let url =
            self.v1("groups").segment(id).query("$select", "id,displayName,description,isAssignableToRole");
        self.get_json(Api::Graph, &url.build(), &[]).await
    }
}
