//! Entra directory roles (v1.0 `roleManagement/directory`): my roles, admin lists, requests
//! for every action, cancel, role definitions.

use super::GraphClient;
use crate::domain::{PrincipalId, RequestId, RoleDefinitionId};
use crate::graph::error::GraphError;
use crate::graph::token::Api;
use crate::graph::transport::Method;
use crate::graph::url::{odata_string, UrlBuilder};
use crate::graph::wire::{
    RequestStatus, RoleAssignment, RoleDefinition, RoleSchedule, RoleScheduleInstance, RoleScheduleRequest,
    RoleScheduleRequestBody,
};

const DIR: &str = "roleManagement/directory";
pub(crate) const MINE: &str = "filterByCurrentUser(on='principal')";
pub(crate) const APPROVER: &str = "filterByCurrentUser(on='approver')";

/// Narrows an admin list of instances (each part becomes `eq` in `$filter`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InstanceFilter {
    pub principal_id: Option<PrincipalId>,
    pub role_definition_id: Option<RoleDefinitionId>,
}

impl InstanceFilter {
    pub(crate) fn to_odata(&self) -> Option<String> {
        let mut parts = Vec::new();
        if let Some(p) = &self.principal_id {
            parts.push(format!("principalId eq {}", odata_string(p.as_str())));
        }
        if let Some(r) = &self.role_definition_id {
            parts.push(format!("roleDefinitionId eq {}", odata_string(r.as_str())));
        }
        (!parts.is_empty()).then(|| parts.join(" and "))
    }
}

/// `$filter=status eq '…'` for request lists.
pub(crate) fn status_filter(status: Option<&RequestStatus>) -> Option<String> {
    status.map(|s| format!("status eq {}", odata_string(s.as_str())))
}

impl GraphClient {
    /// `{graph}/v1.0/{fixed}`.
    pub(crate) fn v1(&self, fixed: &str) -> UrlBuilder {
        UrlBuilder::new(&self.endpoints.graph, &format!("v1.0/{fixed}"))
    }

    /// `{graph}/beta/{fixed}`.
    pub(crate) fn beta(&self, fixed: &str) -> UrlBuilder {
        UrlBuilder::new(&self.endpoints.graph, &format!("beta/{fixed}"))
    }

    /// My eligible roles with their names.
    /// `GET /v1.0/roleManagement/directory/roleEligibilityScheduleInstances/filterByCurrentUser(on='principal')?$expand=roleDefinition`
    pub async fn my_eligible_roles(&self) -> Result<Vec<RoleScheduleInstance>, GraphError> {
        let url = self.v1(DIR).fixed("roleEligibilityScheduleInstances").fixed(MINE);
        self.graph_all(url.query("$expand", "roleDefinition").build(), &[]).await
    }

    /// My active roles (activated and assigned) with their names.
    /// `GET /v1.0/roleManagement/directory/roleAssignmentScheduleInstances/filterByCurrentUser(on='principal')?$expand=roleDefinition`
    pub async fn my_active_roles(&self) -> Result<Vec<RoleScheduleInstance>, GraphError> {
        let url = self.v1(DIR).fixed("roleAssignmentScheduleInstances").fixed(MINE);
        self.graph_all(url.query("$expand", "roleDefinition").build(), &[]).await
    }

    /// My eligibility schedules, future-dated ones included.
    /// `GET /v1.0/roleManagement/directory/roleEligibilitySchedules/filterByCurrentUser(on='principal')`
    pub async fn my_role_eligibility_schedules(&self) -> Result<Vec<RoleSchedule>, GraphError> {
        let url = self.v1(DIR).fixed("roleEligibilitySchedules").fixed(MINE);
        self.graph_all(url.query("$expand", "roleDefinition").build(), &[]).await
    }

    /// My assignment schedules, future-dated ones included.
    /// `GET /v1.0/roleManagement/directory/roleAssignmentSchedules/filterByCurrentUser(on='principal')`
    pub async fn my_role_assignment_schedules(&self) -> Result<Vec<RoleSchedule>, GraphError> {
        let url = self.v1(DIR).fixed("roleAssignmentSchedules").fixed(MINE);
        self.graph_all(url.query("$expand", "roleDefinition").build(), &[]).await
    }

    /// My activation requests (history), optionally only one status.
    /// `GET /v1.0/roleManagement/directory/roleAssignmentScheduleRequests/filterByCurrentUser(on='principal')?$filter=status eq '…'`
    pub async fn my_role_requests(
        &self,
        status: Option<&RequestStatus>,
    ) -> Result<Vec<RoleScheduleRequest>, GraphError> {
        let url = self.v1(DIR).fixed("roleAssignmentScheduleRequests").fixed(MINE);
        let url =
            url.query_opt("$filter", status_filter(status).as_deref()).query("$expand", "roleDefinition");
        self.graph_all(url.build(), &[]).await
    }

    /// Requests waiting for my approval. `$expand=roleDefinition,principal` as live clients do `[O]`.
    /// `GET /v1.0/roleManagement/directory/roleAssignmentScheduleRequests/filterByCurrentUser(on='approver')?$filter=status eq 'PendingApproval'`
    pub async fn role_requests_to_approve(&self) -> Result<Vec<RoleScheduleRequest>, GraphError> {
        let url = self.v1(DIR).fixed("roleAssignmentScheduleRequests").fixed(APPROVER);
        let url = url
            .query("$filter", &status_filter(Some(&RequestStatus::PendingApproval)).unwrap_or_default())
            .query("$expand", "roleDefinition,principal");
        self.graph_all(url.build(), &[]).await
    }

    /// Admin list of eligibilities with principals and roles.
    /// `GET /v1.0/roleManagement/directory/roleEligibilityScheduleInstances?$filter=…&$expand=principal,roleDefinition&$top=999`
    pub async fn list_role_eligibility_instances(
        &self,
        filter: &InstanceFilter,
    ) -> Result<Vec<RoleScheduleInstance>, GraphError> {
        let url = self.v1(DIR).fixed("roleEligibilityScheduleInstances");
        let url = url
            .query_opt("$filter", filter.to_odata().as_deref())
            .query("$expand", "principal,roleDefinition");
        self.graph_all_in_large_pages(url).await
    }

    /// Admin list of active assignments with principals and roles.
    /// `GET /v1.0/roleManagement/directory/roleAssignmentScheduleInstances?$filter=…&$expand=principal,roleDefinition&$top=999`
    pub async fn list_role_assignment_instances(
        &self,
        filter: &InstanceFilter,
    ) -> Result<Vec<RoleScheduleInstance>, GraphError> {
        let url = self.v1(DIR).fixed("roleAssignmentScheduleInstances");
        let url = url
            .query_opt("$filter", filter.to_odata().as_deref())
            .query("$expand", "principal,roleDefinition");
        self.graph_all_in_large_pages(url).await
    }

    /// Activate, deactivate, extend, renew, or an admin change of an active assignment.
    /// `POST /v1.0/roleManagement/directory/roleAssignmentScheduleRequests`
    pub async fn create_role_assignment_request(
        &self,
        body: &RoleScheduleRequestBody,
    ) -> Result<RoleScheduleRequest, GraphError> {
        let url = self.v1(DIR).fixed("roleAssignmentScheduleRequests").build();
        self.send_json(Api::Graph, Method::Post, &url, body).await
    }

    /// An admin change of an eligibility (assign, update, remove, extend, renew).
    /// `POST /v1.0/roleManagement/directory/roleEligibilityScheduleRequests`
    pub async fn create_role_eligibility_request(
        &self,
        body: &RoleScheduleRequestBody,
    ) -> Result<RoleScheduleRequest, GraphError> {
        let url = self.v1(DIR).fixed("roleEligibilityScheduleRequests").build();
        self.send_json(Api::Graph, Method::Post, &url, body).await
    }

    /// One activation request (poll after submitting).
    /// `GET /v1.0/roleManagement/directory/roleAssignmentScheduleRequests/{id}`
    pub async fn get_role_assignment_request(
        &self,
        id: &RequestId,
    ) -> Result<RoleScheduleRequest, GraphError> {
        let url = self.v1(DIR).fixed("roleAssignmentScheduleRequests").segment(id.as_str()).build();
        self.get_json(Api::Graph, &url, &[]).await
    }

    /// Cancels a pending activation request (204).
    /// `POST /v1.0/roleManagement/directory/roleAssignmentScheduleRequests/{id}/cancel`
    pub async fn cancel_role_assignment_request(&self, id: &RequestId) -> Result<(), GraphError> {
        let url = self.v1(DIR).fixed("roleAssignmentScheduleRequests").segment(id.as_str()).fixed("cancel");
        self.send_no_content::<()>(Api::Graph, Method::Post, &url.build(), None).await
    }

    /// Cancels a pending eligibility request (204).
    /// `POST /v1.0/roleManagement/directory/roleEligibilityScheduleRequests/{id}/cancel`
    pub async fn cancel_role_eligibility_request(&self, id: &RequestId) -> Result<(), GraphError> {
        let url = self.v1(DIR).fixed("roleEligibilityScheduleRequests").segment(id.as_str()).fixed("cancel");
        self.send_no_content::<()>(Api::Graph, Method::Post, &url.build(), None).await
    }

    /// Every role definition (names for pickers).
    /// `GET /v1.0/roleManagement/directory/roleDefinitions?$select=id,displayName,description,isBuiltIn,isEnabled,templateId`
    pub async fn list_role_definitions(&self) -> Result<Vec<RoleDefinition>, GraphError> {
        let url = self.v1(DIR).fixed("roleDefinitions");
        let url = url.query("$select", "id,displayName,description,isBuiltIn,isEnabled,templateId");
        self.graph_all(url.build(), &[]).await
    }

    /// One role definition. `GET /v1.0/roleManagement/directory/roleDefinitions/{id}`
    pub async fn get_role_definition(&self, id: &RoleDefinitionId) -> Result<RoleDefinition, GraphError> {
        let url = self.v1(DIR).fixed("roleDefinitions").segment(id.as_str()).build();
        self.get_json(Api::Graph, &url, &[]).await
    }

    /// Plain role assignments of a principal (activated roles included).
    /// `GET /v1.0/roleManagement/directory/roleAssignments?$filter=principalId eq '…'`
    pub async fn role_assignments_of(
        &self,
        principal: &PrincipalId,
    ) -> Result<Vec<RoleAssignment>, GraphError> {
        let filter = format!("principalId eq {}", odata_string(principal.as_str()));
        let url = self.v1(DIR).fixed("roleAssignments").query("$filter", &filter);
        self.graph_all(url.build(), &[]).await
    }
}
