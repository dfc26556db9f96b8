//! Role settings over Graph: `/policies/roleManagementPolicyAssignments` and
//! `/policies/roleManagementPolicies/{id}[/rules[/{ruleId}]]`, with rule PATCH (204).

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::catalog::ENTRA_ROLES;
use super::clock::iso;
use super::http::{empty, json_response};
use super::model::{Kind, Target};
use super::policy::{assignment_id, effective_rules, normalize_graph_rule, policy_id, PolicyOverride};
use super::query::{eq_value, Expand};
use super::render::{entity, filter_terms, list};
use super::router::{Ctx, Reply};
use super::rules::PimError;
use super::Sim;
use crate::domain::duration::IsoDuration;
use crate::graph::Method;

const READ: &[&str] = &[
    "RoleManagementPolicy.Read.Directory",
    "RoleManagementPolicy.ReadWrite.Directory",
    "RoleManagementPolicy.Read.AzureADGroup",
    "RoleManagementPolicy.ReadWrite.AzureADGroup",
    "RoleManagement.Read.Directory",
    "RoleManagement.Read.All",
    "RoleManagement.ReadWrite.Directory",
];
const WRITE: &[&str] = &[
    "RoleManagementPolicy.ReadWrite.Directory",
    "RoleManagementPolicy.ReadWrite.AzureADGroup",
    "RoleManagement.ReadWrite.Directory",
];

impl Sim {
    /// Every policy key of the tenant: each Entra role, each PIM group access, each Azure role at each scope.
    pub(crate) fn all_policy_keys(&self) -> Vec<Target> {
        let mut keys: Vec<Target> = ENTRA_ROLES
            .iter()
            .map(|r| Target { kind: Kind::Directory, scope: "/".into(), role: r.id.into() })
            .collect();
        for g in self.groups.iter().filter(|g| g.pim_enabled) {
            for access in ["member", "owner"] {
                keys.push(Target { kind: Kind::Group, scope: g.id.clone(), role: access.into() });
            }
        }
        for s in &self.azure_scopes {
            for r in super::catalog::AZURE_ROLES {
                keys.push(Target { kind: Kind::Azure, scope: s.id.clone(), role: r.id.into() });
            }
        }
        keys
    }

    pub(crate) fn policy_by_id(&self, id: &str) -> Option<Target> {
        self.all_policy_keys().into_iter().find(|k| policy_id(&self.tenant_id, k).eq_ignore_ascii_case(id))
    }

    pub(crate) fn rules_of(&self, key: &Target) -> Vec<Value> {
        effective_rules(key, self.policies.iter().find(|p| &p.key == key))
    }

    fn policy_json(&self, key: &Target) -> Value {
        let over = self.policies.iter().find(|p| &p.key == key);
        let by = over.and_then(|o| o.modified_by.as_deref()).and_then(|id| self.user(id));
        let (scope_id, scope_type) = match key.kind {
            Kind::Directory => ("/".to_string(), "DirectoryRole"),
            _ => (key.scope.clone(), "Group"),
        };
        json!({
            "id": policy_id(&self.tenant_id, key), "displayName": scope_type, "description": scope_type,
            "isOrganizationDefault": false, "scopeId": scope_id, "scopeType": scope_type,
            "lastModifiedDateTime": over.and_then(|o| o.modified).map(iso),
            "lastModifiedBy": {"displayName": by.map(|u| u.display_name.clone()), "id": by.map(|u| u.id.clone())},
        })
    }

    fn assignment_json(&self, key: &Target) -> Value {
        let scope_type = if key.kind == Kind::Directory { "DirectoryRole" } else { "Group" };
        json!({"id": assignment_id(&self.tenant_id, key), "policyId": policy_id(&self.tenant_id, key),
            "scopeId": key.scope, "scopeType": scope_type, "roleDefinitionId": key.role})
    }

    /// Stores a changed rule (already in Graph form), recording who and when, with an audit event.
    pub(crate) fn store_rule(&mut self, key: &Target, rule: Value, by: &str, now: DateTime<Utc>) {
        let id = rule["id"].as_str().unwrap_or_default().to_string();
        match self.policies.iter_mut().find(|p| &p.key == key) {
            Some(p) => {
                p.rules.insert(id, rule);
                p.modified = Some(now);
                p.modified_by = Some(by.into());
            }
            None => {
                let mut rules = std::collections::BTreeMap::new();
                rules.insert(id, rule);
                self.policies.push(PolicyOverride {
                    key: key.clone(),
                    rules,
                    modified: Some(now),
                    modified_by: Some(by.into()),
                });
            }
        }
        let corr = policy_id(&self.tenant_id, key);
        self.record(now, "Update role setting in PIM", Some(by), (key, by), &corr, vec![]);
    }

    /// Checks and merges a rule update: same type and id as the rule it replaces.
    pub(crate) fn merged_rule(&self, key: &Target, rule_id: &str, body: &Value) -> Result<Value, PimError> {
        let current = self
            .rules_of(key)
            .into_iter()
            .find(|r| r["id"].as_str().is_some_and(|i| i.eq_ignore_ascii_case(rule_id)))
            .ok_or_else(|| PimError::NotFound(format!("The rule '{rule_id}' does not exist.")))?;
        let obj =
            body.as_object().ok_or_else(|| PimError::Invalid("The rule must be a JSON object.".into()))?;
        if let Some(t) = obj.get("@odata.type").and_then(Value::as_str) {
            if !t.eq_ignore_ascii_case(current["@odata.type"].as_str().unwrap_or_default()) {
                return Err(PimError::Invalid(format!("The rule '{rule_id}' is not of type '{t}'.")));
            }
        }
        if obj.get("id").and_then(Value::as_str).is_some_and(|i| !i.eq_ignore_ascii_case(rule_id)) {
            return Err(PimError::Invalid("The rule id in the body does not match the URL.".into()));
        }
        if let Some(d) = obj.get("maximumDuration").and_then(Value::as_str) {
            IsoDuration::parse(d).map_err(|e| PimError::Invalid(e.to_string()))?;
        }
        let mut merged = current.clone();
        for (k, v) in obj {
            if k.starts_with('@') {
                continue;
            }
            let Some(cur) = current.get(k) else {
                return Err(PimError::Invalid(format!("Property '{k}' does not exist on rule '{rule_id}'.")));
            };
            let same_kind = matches!(
                (cur, v),
                (Value::Bool(_), Value::Bool(_))
                    | (Value::Array(_), Value::Array(_))
                    | (Value::Object(_), Value::Object(_))
                    | (Value::String(_) | Value::Null, Value::String(_) | Value::Null)
                    | (Value::Number(_), Value::Number(_))
            );
            if v.is_null() && !cur.is_string() && !cur.is_null() {
                continue;
            }
            if !same_kind {
                return Err(PimError::Invalid(format!(
                    "Property '{k}' of rule '{rule_id}' has the wrong type."
                )));
            }
            merged[k] = v.clone();
        }
        merged["id"] = current["id"].clone();
        Ok(normalize_graph_rule(merged))
    }

    pub(crate) fn graph_policies(&mut self, ctx: &Ctx, rest: &[&str]) -> Reply {
        let expand = |sim: &Sim, v: &mut Value, e: &Expand| {
            let key = v["policyId"].as_str().or(v["id"].as_str()).and_then(|id| sim.policy_by_id(id));
            let Some(key) = key else { return };
            match e.name.as_str() {
                "policy" => {
                    let mut p = sim.policy_json(&key);
                    if e.nested.as_deref().is_some_and(|n| n.contains("rules")) {
                        p["rules"] = json!(sim.rules_of(&key));
                    }
                    v["policy"] = p;
                }
                "rules" | "effectiveRules" => v[e.name.as_str()] = json!(sim.rules_of(&key)),
                _ => {}
            }
        };
        let scoped = |ctx: &Ctx| -> Result<Vec<Target>, crate::graph::HttpResponse> {
            let terms = filter_terms(ctx)?;
            let (Some(scope), Some(ty)) = (eq_value(&terms, "scopeId"), eq_value(&terms, "scopeType")) else {
                return Err(ctx.error(
                    400,
                    "BadRequest",
                    "The filter must contain scopeId and scopeType with eq.",
                ));
            };
            let kind = if ty.eq_ignore_ascii_case("Group") { Kind::Group } else { Kind::Directory };
            Ok(self
                .all_policy_keys()
                .into_iter()
                .filter(|k| {
                    k.kind == kind && (kind == Kind::Directory || k.scope.eq_ignore_ascii_case(scope))
                })
                .collect())
        };
        match (rest, ctx.method) {
            (["roleManagementPolicyAssignments"], Method::Get) => {
                ctx.need(READ)?;
                let items = scoped(ctx)?.iter().map(|k| self.assignment_json(k)).collect();
                list(ctx, self, "policies/roleManagementPolicyAssignments", items, &expand)
            }
            (["roleManagementPolicyAssignments", id], Method::Get) => {
                ctx.need(READ)?;
                let key = self
                    .all_policy_keys()
                    .into_iter()
                    .find(|k| assignment_id(&self.tenant_id, k).eq_ignore_ascii_case(id));
                let key =
                    key.ok_or_else(|| ctx.error(404, "ResourceNotFound", "No such policy assignment."))?;
                entity(
                    ctx,
                    self,
                    "policies/roleManagementPolicyAssignments",
                    self.assignment_json(&key),
                    &expand,
                    200,
                )
            }
            (["roleManagementPolicies"], Method::Get) => {
                ctx.need(READ)?;
                let items = scoped(ctx)?.iter().map(|k| self.policy_json(k)).collect();
                list(ctx, self, "policies/roleManagementPolicies", items, &expand)
            }
            (["roleManagementPolicies", id, tail @ ..], method) => {
                let key = self
                    .policy_by_id(id)
                    .ok_or_else(|| ctx.error(404, "ResourceNotFound", "No such policy."))?;
                let context = format!("policies/roleManagementPolicies('{id}')/rules");
                match (tail, method) {
                    ([], Method::Get) => {
                        ctx.need(READ)?;
                        entity(
                            ctx,
                            self,
                            "policies/roleManagementPolicies",
                            self.policy_json(&key),
                            &expand,
                            200,
                        )
                    }
                    (["rules"], Method::Get) => {
                        ctx.need(READ)?;
                        list(ctx, self, &context, self.rules_of(&key), &|_, _, _| {})
                    }
                    (["rules", rule], Method::Get) => {
                        ctx.need(READ)?;
                        let r = self
                            .rules_of(&key)
                            .into_iter()
                            .find(|r| r["id"].as_str().is_some_and(|i| i.eq_ignore_ascii_case(rule)));
                        let r = r.ok_or_else(|| ctx.error(404, "ResourceNotFound", "No such rule."))?;
                        entity(ctx, self, &context, r, &|_, _, _| {}, 200)
                    }
                    (["rules", rule], Method::Patch) => {
                        ctx.need(WRITE)?;
                        if !self.is_admin(&ctx.caller.user_id, &key, ctx.now) {
                            return Err(ctx.pim(&PimError::Forbidden(
                                "Insufficient privileges to complete the operation.".into(),
                            )));
                        }
                        let merged = self.merged_rule(&key, rule, ctx.json()?).map_err(|e| ctx.pim(&e))?;
                        self.store_rule(&key, merged, &ctx.caller.user_id.clone(), ctx.now);
                        Ok(empty(204))
                    }
                    ([], Method::Patch) => {
                        ctx.need(WRITE)?;
                        if !self.is_admin(&ctx.caller.user_id, &key, ctx.now) {
                            return Err(ctx.pim(&PimError::Forbidden(
                                "Insufficient privileges to complete the operation.".into(),
                            )));
                        }
                        let rules = ctx.json()?["rules"].as_array().cloned().unwrap_or_default();
                        let mut merged = Vec::new();
                        for r in &rules {
                            let id = r["id"].as_str().unwrap_or_default();
                            merged.push(self.merged_rule(&key, id, r).map_err(|e| ctx.pim(&e))?);
                        }
                        for m in merged {
                            self.store_rule(&key, m, &ctx.caller.user_id.clone(), ctx.now);
                        }
                        let mut v = self.policy_json(&key);
                        v["rules"] = json!(self.rules_of(&key));
                        Ok(json_response(200, &v))
                    }
                    _ => Err(ctx.bad_method()),
                }
            }
            _ => Err(ctx.unknown()),
        }
    }
}
