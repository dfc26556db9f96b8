//! Azure resource roles through ARM `Microsoft.Authorization` (api-version 2020-10-01).
//! Each PUT names its request with a new GUID from [`super::ClientEnv::new_guid`].

use super::{GraphClient, ARM_API_VERSION};
use crate::domain::{ArmScope, RoleDefinitionId};
use crate::graph::error::GraphError;
use crate::graph::token::Api;
use crate::graph::transport::Method;
use crate::graph::url::{odata_string, UrlBuilder};
use crate::graph::wire::{
    ArmPolicy, ArmPolicyAssignment, ArmPolicyPatchBody, ArmPolicyRules, ArmResource, ArmScheduleInstance,
    ArmScheduleRequest, ArmScheduleRequestBody, ArmScheduleRequestFields, ArmSubscription,
    EligibleChildResource, PolicyRule,
};

/// api-version of Resource Manager's "Subscriptions - List" (not a PIM endpoint; not in API.md).
const SUBSCRIPTIONS_API_VERSION: &str = "2022-12-01";

/// Whose requests an ARM request list shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArmRequestFilter {
    /// `asRequestor()`: mine.
    AsRequestor,
    /// `asTarget()`: for me.
    AsTarget,
    /// `asApprover()`: waiting for my approval.
    AsApprover,
}

impl ArmRequestFilter {
    fn as_str(self) -> &'static str {
        match self {
            ArmRequestFilter::AsRequestor => "asRequestor()",
            ArmRequestFilter::AsTarget => "asTarget()",
            ArmRequestFilter::AsApprover => "asApprover()",
        }
    }
}

impl GraphClient {
    /// `{arm}{scope}/providers/Microsoft.Authorization/{collection}`, scope segments encoded.
    fn arm(&self, scope: &ArmScope, collection: &str) -> UrlBuilder {
        let mut url = UrlBuilder::new(&self.endpoints.arm, "");
        for seg in scope.segments() {
            url = url.segment(seg);
        }
        url.fixed("providers/Microsoft.Authorization").fixed(collection)
    }

    /// My eligible Azure roles across every subscription, with display names.
    /// `GET /providers/Microsoft.Authorization/roleEligibilityScheduleInstances?api-version=2020-10-01&$filter=asTarget()`
    pub async fn arm_my_eligible_roles(&self) -> Result<Vec<ArmResource<ArmScheduleInstance>>, GraphError> {
        let url = self.arm(&ArmScope::tenant(), "roleEligibilityScheduleInstances");
        self.arm_all(url.query("api-version", ARM_API_VERSION).query("$filter", "asTarget()").build()).await
    }

    /// My active Azure roles.
    /// `GET /providers/Microsoft.Authorization/roleAssignmentScheduleInstances?api-version=2020-10-01&$filter=asTarget()`
    pub async fn arm_my_active_roles(&self) -> Result<Vec<ArmResource<ArmScheduleInstance>>, GraphError> {
        let url = self.arm(&ArmScope::tenant(), "roleAssignmentScheduleInstances");
        self.arm_all(url.query("api-version", ARM_API_VERSION).query("$filter", "asTarget()").build()).await
    }

    /// Eligible (`eligible`) or active Azure role instances at a scope and above it (an
    /// administrator's view of a scope; the role is filtered by the caller).
    /// `GET {scope}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?api-version=2020-10-01&$filter=atScope()`
    /// (`roleAssignmentScheduleInstances` likewise)
    pub async fn arm_instances_at_scope(
        &self,
        scope: &ArmScope,
        eligible: bool,
    ) -> Result<Vec<ArmResource<ArmScheduleInstance>>, GraphError> {
        let collection =
            if eligible { "roleEligibilityScheduleInstances" } else { "roleAssignmentScheduleInstances" };
        let url = self.arm(scope, collection);
        self.arm_all(url.query("api-version", ARM_API_VERSION).query("$filter", "atScope()").build()).await
    }

    /// The subscriptions I can see, for the scope picker.
    /// `GET https://management.azure.com/subscriptions?api-version=2022-12-01` — NOT in API.md:
    /// Azure REST reference "Subscriptions - List" (`value[]`, paged by `nextLink`); read tolerantly.
    pub async fn arm_subscriptions(&self) -> Result<Vec<ArmSubscription>, GraphError> {
        let url = UrlBuilder::new(&self.endpoints.arm, "").fixed("subscriptions");
        self.arm_all(url.query("api-version", SUBSCRIPTIONS_API_VERSION).build()).await
    }

    /// Activation requests at a scope, filtered by my relation to them.
    /// `GET {scope}/providers/Microsoft.Authorization/roleAssignmentScheduleRequests?api-version=2020-10-01&$filter=asApprover()`
    pub async fn arm_requests(
        &self,
        scope: &ArmScope,
        filter: ArmRequestFilter,
    ) -> Result<Vec<ArmResource<ArmScheduleRequest>>, GraphError> {
        let url = self.arm(scope, "roleAssignmentScheduleRequests");
        self.arm_all(url.query("api-version", ARM_API_VERSION).query("$filter", filter.as_str()).build())
            .await
    }

    /// The scopes below `scope` where I can activate an Azure role I am eligible for above them
    /// (to activate at a narrower scope).
    /// `GET {scope}/providers/Microsoft.Authorization/eligibleChildResources?api-version=2020-10-01`
    pub async fn arm_eligible_children(
        &self,
        scope: &ArmScope,
    ) -> Result<Vec<EligibleChildResource>, GraphError> {
        let url = self.arm(scope, "eligibleChildResources");
        self.arm_all(url.query("api-version", ARM_API_VERSION).build()).await
    }

    async fn arm_put_request(
        &self,
        scope: &ArmScope,
        collection: &str,
        fields: &ArmScheduleRequestFields,
    ) -> Result<ArmResource<ArmScheduleRequest>, GraphError> {
        let name = self.env.new_guid();
        let url = self.arm(scope, collection).segment(&name).query("api-version", ARM_API_VERSION).build();
        let body = ArmScheduleRequestBody { properties: fields.clone() };
        self.send_json(Api::Arm, Method::Put, &url, &body).await
    }

    /// Activate, deactivate, extend or renew (or an admin change of) an active Azure role.
    /// `PUT {scope}/providers/Microsoft.Authorization/roleAssignmentScheduleRequests/{newGuid}?api-version=2020-10-01`
    pub async fn arm_create_assignment_request(
        &self,
        scope: &ArmScope,
        fields: &ArmScheduleRequestFields,
    ) -> Result<ArmResource<ArmScheduleRequest>, GraphError> {
        self.arm_put_request(scope, "roleAssignmentScheduleRequests", fields).await
    }

    /// An admin change of an Azure role eligibility.
    /// `PUT {scope}/providers/Microsoft.Authorization/roleEligibilityScheduleRequests/{newGuid}?api-version=2020-10-01`
    pub async fn arm_create_eligibility_request(
        &self,
        scope: &ArmScope,
        fields: &ArmScheduleRequestFields,
    ) -> Result<ArmResource<ArmScheduleRequest>, GraphError> {
        self.arm_put_request(scope, "roleEligibilityScheduleRequests", fields).await
    }

    /// Checks an activation against the policy without creating it.
    /// `POST {scope}/providers/Microsoft.Authorization/roleAssignmentScheduleRequests/{newGuid}/validate?api-version=2020-10-01`
    pub async fn arm_validate_assignment_request(
        &self,
        scope: &ArmScope,
        fields: &ArmScheduleRequestFields,
    ) -> Result<ArmResource<ArmScheduleRequest>, GraphError> {
        let name = self.env.new_guid();
        let url = self.arm(scope, "roleAssignmentScheduleRequests").segment(&name).fixed("validate");
        let body = ArmScheduleRequestBody { properties: fields.clone() };
        self.send_json(Api::Arm, Method::Post, &url.query("api-version", ARM_API_VERSION).build(), &body)
            .await
    }

    /// Cancels a pending Azure activation request (200, empty).
    /// `POST {scope}/providers/Microsoft.Authorization/roleAssignmentScheduleRequests/{name}/cancel?api-version=2020-10-01`
    pub async fn arm_cancel_assignment_request(
        &self,
        scope: &ArmScope,
        name: &str,
    ) -> Result<(), GraphError> {
        let url = self.arm(scope, "roleAssignmentScheduleRequests").segment(name).fixed("cancel");
        let url = url.query("api-version", ARM_API_VERSION).build();
        self.send_no_content::<()>(Api::Arm, Method::Post, &url, None).await
    }

    /// Policy assignments (effective rules) at a scope, optionally for one role.
    /// `GET {scope}/providers/Microsoft.Authorization/roleManagementPolicyAssignments?api-version=2020-10-01&$filter=roleDefinitionId eq '…'`
    pub async fn arm_policy_assignments(
        &self,
        scope: &ArmScope,
        role: Option<&RoleDefinitionId>,
    ) -> Result<Vec<ArmResource<ArmPolicyAssignment>>, GraphError> {
        let filter = role.map(|r| format!("roleDefinitionId eq {}", odata_string(r.as_str())));
        let url = self.arm(scope, "roleManagementPolicyAssignments").query("api-version", ARM_API_VERSION);
        self.arm_all(url.query_opt("$filter", filter.as_deref()).build()).await
    }

    /// One policy. `GET {scope}/providers/Microsoft.Authorization/roleManagementPolicies/{name}?api-version=2020-10-01`
    pub async fn arm_get_policy(
        &self,
        scope: &ArmScope,
        name: &str,
    ) -> Result<ArmResource<ArmPolicy>, GraphError> {
        let url =
            self.arm(scope, "roleManagementPolicies").segment(name).query("api-version", ARM_API_VERSION);
        self.get_json(Api::Arm, &url.build(), &[]).await
    }

    /// Changes rules of a policy.
    /// `PATCH {scope}/providers/Microsoft.Authorization/roleManagementPolicies/{name}?api-version=2020-10-01`
    pub async fn arm_update_policy(
        &self,
        scope: &ArmScope,
        name: &str,
        rules: Vec<PolicyRule>,
    ) -> Result<ArmResource<ArmPolicy>, GraphError> {
        let url =
            self.arm(scope, "roleManagementPolicies").segment(name).query("api-version", ARM_API_VERSION);
        let body = ArmPolicyPatchBody { properties: ArmPolicyRules { rules } };
        self.send_json(Api::Arm, Method::Patch, &url.build(), &body).await
    }
}
