//! PIM for Groups (v1.0 `identityGovernance/privilegedAccess/group`).

use super::roles::{status_filter, APPROVER, MINE};
use super::GraphClient;
use crate::domain::{GroupId, RequestId};
use crate::graph::error::GraphError;
use crate::graph::token::Api;
use crate::graph::transport::Method;
use crate::graph::url::odata_string;
use crate::graph::wire::{
    GroupScheduleInstance, GroupScheduleRequest, GroupScheduleRequestBody, RequestStatus,
};

const PAG: &str = "identityGovernance/privilegedAccess/group";

impl GraphClient {
    /// My eligible group memberships/ownerships with group names.
    /// `GET /v1.0/identityGovernance/privilegedAccess/group/eligibilityScheduleInstances/filterByCurrentUser(on='principal')?$expand=group`
    pub async fn my_eligible_groups(&self) -> Result<Vec<GroupScheduleInstance>, GraphError> {
        let url = self.v1(PAG).fixed("eligibilityScheduleInstances").fixed(MINE).query("$expand", "group");
        self.graph_all(url.build(), &[]).await
    }

    /// My active group memberships/ownerships with group names.
    /// `GET /v1.0/identityGovernance/privilegedAccess/group/assignmentScheduleInstances/filterByCurrentUser(on='principal')?$expand=group`
    pub async fn my_active_groups(&self) -> Result<Vec<GroupScheduleInstance>, GraphError> {
        let url = self.v1(PAG).fixed("assignmentScheduleInstances").fixed(MINE).query("$expand", "group");
        self.graph_all(url.build(), &[]).await
    }

    /// My group activation requests, optionally one status.
    /// `GET /v1.0/identityGovernance/privilegedAccess/group/assignmentScheduleRequests/filterByCurrentUser(on='principal')?$filter=status eq '…'`
    pub async fn my_group_requests(
        &self,
        status: Option<&RequestStatus>,
    ) -> Result<Vec<GroupScheduleRequest>, GraphError> {
        let url = self.v1(PAG).fixed("assignmentScheduleRequests").fixed(MINE);
        let url = url.query_opt("$filter", status_filter(status).as_deref()).query("$expand", "group");
        self.graph_all(url.build(), &[]).await
    }

    /// Group requests waiting for my approval.
    /// `GET /v1.0/identityGovernance/privilegedAccess/group/assignmentScheduleRequests/filterByCurrentUser(on='approver')?$filter=status eq 'PendingApproval'`
    pub async fn group_requests_to_approve(&self) -> Result<Vec<GroupScheduleRequest>, GraphError> {
        let url = self.v1(PAG).fixed("assignmentScheduleRequests").fixed(APPROVER);
        let filter = status_filter(Some(&RequestStatus::PendingApproval)).unwrap_or_default();
        self.graph_all(url.query("$filter", &filter).query("$expand", "group,principal").build(), &[]).await
    }

    /// Admin list of a group's eligibilities (listing without a group filter may be refused `[I]`).
    /// `GET /v1.0/identityGovernance/privilegedAccess/group/eligibilityScheduleInstances?$filter=groupId eq '…'&$expand=principal&$top=999`
    pub async fn list_group_eligibility_instances(
        &self,
        group: &GroupId,
    ) -> Result<Vec<GroupScheduleInstance>, GraphError> {
        let filter = format!("groupId eq {}", odata_string(group.as_str()));
        let url = self.v1(PAG).fixed("eligibilityScheduleInstances").query("$filter", &filter);
        self.graph_all_in_large_pages(url.query("$expand", "principal")).await
    }

    /// Admin list of a group's active assignments.
    /// `GET /v1.0/identityGovernance/privilegedAccess/group/assignmentScheduleInstances?$filter=groupId eq '…'&$expand=principal&$top=999`
    pub async fn list_group_assignment_instances(
        &self,
        group: &GroupId,
    ) -> Result<Vec<GroupScheduleInstance>, GraphError> {
        let filter = format!("groupId eq {}", odata_string(group.as_str()));
        let url = self.v1(PAG).fixed("assignmentScheduleInstances").query("$filter", &filter);
        self.graph_all_in_large_pages(url.query("$expand", "principal")).await
    }

    /// Activate/deactivate membership or ownership, or an admin change of an active one.
    /// `POST /v1.0/identityGovernance/privilegedAccess/group/assignmentScheduleRequests`
    pub async fn create_group_assignment_request(
        &self,
        body: &GroupScheduleRequestBody,
    ) -> Result<GroupScheduleRequest, GraphError> {
        let url = self.v1(PAG).fixed("assignmentScheduleRequests").build();
        self.send_json(Api::Graph, Method::Post, &url, body).await
    }

    /// An admin change of a group eligibility.
    /// `POST /v1.0/identityGovernance/privilegedAccess/group/eligibilityScheduleRequests`
    pub async fn create_group_eligibility_request(
        &self,
        body: &GroupScheduleRequestBody,
    ) -> Result<GroupScheduleRequest, GraphError> {
        let url = self.v1(PAG).fixed("eligibilityScheduleRequests").build();
        self.send_json(Api::Graph, Method::Post, &url, body).await
    }

    /// Cancels a pending group assignment request.
    /// `POST /v1.0/identityGovernance/privilegedAccess/group/assignmentScheduleRequests/{id}/cancel`
    pub async fn cancel_group_assignment_request(&self, id: &RequestId) -> Result<(), GraphError> {
        let url = self.v1(PAG).fixed("assignmentScheduleRequests").segment(id.as_str()).fixed("cancel");
        self.send_no_content::<()>(Api::Graph, Method::Post, &url.build(), None).await
    }

    /// Cancels a pending group eligibility request.
    /// `POST /v1.0/identityGovernance/privilegedAccess/group/eligibilityScheduleRequests/{id}/cancel`
    pub async fn cancel_group_eligibility_request(&self, id: &RequestId) -> Result<(), GraphError> {
        let url = self.v1(PAG).fixed("eligibilityScheduleRequests").segment(id.as_str()).fixed("cancel");
        self.send_no_content::<()>(Api::Graph, Method::Post, &url.build(), None).await
    }
}
