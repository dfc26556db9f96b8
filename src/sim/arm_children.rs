//! ARM `eligibleChildResources`: the scopes below a scope where the caller can activate an Azure
//! role through an eligibility at that scope or above (what the portal's "narrow the scope" picker
//! lists). Shape `{id, name, type}` per item, `type` lower-case (`resourcegroup`), as the
//! Azure SDK docs for `EligibleChildResources_Get` (api-version 2020-10-01) show.

use serde_json::{json, Value};

use super::model::{Kind, Level};
use super::router::Ctx;
use super::Sim;

impl Sim {
    /// The child scopes of `ctx.scope` covered by one of the caller's live Azure eligibilities.
    pub(crate) fn eligible_children(&self, ctx: &Ctx) -> Vec<Value> {
        let me = &ctx.caller.user_id;
        let eligible_scopes: Vec<&str> = self
            .schedules
            .iter()
            .filter(|s| s.level == Level::Eligibility && s.target.kind == Kind::Azure)
            .filter(|s| s.principal_id.eq_ignore_ascii_case(me) && s.is_active(ctx.now))
            .map(|s| s.target.scope.as_str())
            .collect();
        self.azure_scopes
            .iter()
            .filter(|c| !c.id.eq_ignore_ascii_case(&ctx.scope) && self.scope_covers(&ctx.scope, &c.id))
            .filter(|c| eligible_scopes.iter().any(|e| self.scope_covers(e, &c.id)))
            .map(|c| json!({"id": c.id, "name": c.display_name, "type": c.level.arm_type()}))
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
