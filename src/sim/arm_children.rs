//! ARM `eligibleChildResources`: the scopes below a scope where the caller can activate an Azure
//! role through an eligibility at that scope or above (what the portal's "narrow the scope" picker
//! lists). Shape `{id, name, type}` per item, `type` lower-case (`resourcegroup`), as the
//! Azure SDK docs for `EligibleChildResources_Get` (api-version 2020-10-01) show.

use serde_json::{json, Value};

use super::model::{Kind, Level};
use super::router::Ctx;
use super::Sim;

impl Sim {
    /// The scopes of the caller's Azure roles in force at `level`.
    fn my_azure_scopes(&self, ctx: &Ctx, level: Level) -> Vec<&str> {
        let me = &ctx.caller.user_id;
        self.schedules
            .iter()
            .filter(|s| s.level == level && s.target.kind == Kind::Azure)
            .filter(|s| s.principal_id.eq_ignore_ascii_case(me) && s.is_active(ctx.now))
            .map(|s| s.target.scope.as_str())
            .collect()
    }

    /// The child scopes of `ctx.scope` covered by one of the caller's live Azure eligibilities.
    pub(crate) fn eligible_children(&self, ctx: &Ctx) -> Vec<Value> {
        let eligible_scopes = self.my_azure_scopes(ctx, Level::Eligibility);
        self.azure_scopes
            .iter()
            .filter(|c| !c.id.eq_ignore_ascii_case(&ctx.scope) && self.scope_covers(&ctx.scope, &c.id))
            .filter(|c| eligible_scopes.iter().any(|e| self.scope_covers(e, &c.id)))
            .map(|c| json!({"id": c.id, "name": c.display_name, "type": c.level.arm_type()}))
            .collect()
    }

    /// `GET /subscriptions?api-version=2022-12-01` (Resource Manager "Subscriptions - List"; not
    /// in API.md, shape from the Azure REST reference): the subscriptions where the caller holds an
    /// active Azure role at, above or below the subscription.
    pub(crate) fn arm_subscriptions(&self, ctx: &Ctx) -> Vec<Value> {
        let held = self.my_azure_scopes(ctx, Level::Assignment);
        self.azure_scopes
            .iter()
            .filter(|c| c.level == super::model::ScopeLevel::Subscription)
            .filter(|c| held.iter().any(|h| self.scope_covers(h, &c.id) || self.scope_covers(&c.id, h)))
            .map(|c| {
                let guid = c.id.rsplit('/').next().unwrap_or_default();
                json!({"id": c.id, "subscriptionId": guid, "tenantId": self.tenant_id, "displayName": c.display_name,
                    "state": "Enabled", "authorizationSource": "RoleBased"})
            })
            .collect()
    }

    /// The caller's eligibility for `role` at `scope` or at a scope above it (an activation may
    /// be requested at a narrower scope than the eligibility's).
    pub(crate) fn covering_eligibility(
        &self,
        principal: &str,
        target: &super::model::Target,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Option<usize> {
        self.schedules.iter().position(|s| {
            s.level == Level::Eligibility
                && s.target.kind == Kind::Azure
                && target.kind == Kind::Azure
                && s.target.role.eq_ignore_ascii_case(&target.role)
                && s.principal_id.eq_ignore_ascii_case(principal)
                && s.is_active(now)
                && self.scope_covers(&s.target.scope, &target.scope)
        })
    }
}
