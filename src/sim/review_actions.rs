//! Access review actions an administrator or reviewer takes (v1.0): create a review of who
//! holds a directory role, stop it or one run, record decisions in bulk, apply the decisions
//! (denied principals lose the role). Reads and single decisions live in `reviews.rs`.

use chrono::Duration;
use serde_json::Value;

use super::http::empty;
use super::model::{Kind, Target};
use super::render::entity;
use super::reviews::{status, Decision, ReviewDefinition, ReviewInstance, WRITE};
use super::router::{Ctx, Reply};
use super::Sim;

/// `"/roleManagement/directory/roleDefinitions/{id}"` or a query with `roleDefinitionId eq '{id}'`.
fn role_of_scope(query: &str) -> Option<String> {
    if let Some(rest) = query.split("roleDefinitions/").nth(1) {
        return Some(rest.split(['?', '/', '&']).next()?.to_owned()).filter(|s| !s.is_empty());
    }
    let rest = query.split("roleDefinitionId eq '").nth(1)?;
    Some(rest.split('\'').next()?.to_owned()).filter(|s| !s.is_empty())
}

impl Sim {
    /// `POST /identityGovernance/accessReviews/definitions`: a review of the holders of one role,
    /// with its first run starting now.
    pub(crate) fn review_create(&mut self, ctx: &Ctx) -> Reply {
        ctx.need(WRITE)?;
        let body: Value = ctx.json()?.clone();
        let query = body["scope"]["query"].as_str().unwrap_or_default();
        let role = role_of_scope(query).ok_or_else(|| {
            ctx.error(
                400,
                "BadRequest",
                "scope.query must name a role: /roleManagement/directory/roleDefinitions/{id}.",
            )
        })?;
        let target = Target { kind: Kind::Directory, scope: "/".into(), role: role.clone() };
        if !self.is_admin(&ctx.caller.user_id, &target, ctx.now) {
            return Err(ctx.error(
                403,
                "Forbidden",
                "Only a Privileged Role Administrator or Global Administrator can create this review.",
            ));
        }
        let display_name = body["displayName"].as_str().unwrap_or_default().trim().to_owned();
        if display_name.is_empty() {
            return Err(ctx.error(400, "BadRequest", "displayName is required."));
        }
        let reviewers: Vec<String> = body["reviewers"]
            .as_array()
            .map(|r| {
                r.iter()
                    .filter_map(|x| x["query"].as_str()?.strip_prefix("/users/").map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        if reviewers.is_empty() {
            return Err(ctx.error(400, "BadRequest", "At least one reviewer (/users/{id}) is required."));
        }
        let days = body["settings"]["instanceDurationInDays"].as_i64().filter(|d| *d > 0).unwrap_or(14);
        let now = ctx.now;
        let mut holders: Vec<String> = self
            .schedules
            .iter()
            .filter(|s| s.ended.is_none() && s.target == target && s.end.is_none_or(|e| now < e))
            .map(|s| s.principal_id.clone())
            .collect();
        holders.sort();
        holders.dedup();
        let decisions = holders
            .into_iter()
            .map(|principal_id| Decision {
                id: self.new_id(),
                principal_id,
                decision: "NotReviewed".into(),
                justification: String::new(),
                reviewed_by: None,
                reviewed_at: None,
                recommendation: "NotAvailable".into(),
            })
            .collect();
        let instance =
            ReviewInstance { id: self.new_id(), start: now, end: now + Duration::days(days), decisions };
        let definition = ReviewDefinition {
            id: self.new_id(),
            display_name,
            description: body["descriptionForAdmins"].as_str().unwrap_or_default().to_owned(),
            role_id: role,
            reviewers,
            created: now,
            created_by: ctx.caller.user_id.clone(),
            instances: vec![instance],
        };
        let json = self.definition_json(&definition, now);
        self.reviews.push(definition);
        entity(ctx, self, "identityGovernance/accessReviews/definitions", json, &|_, _, _| {}, 201)
    }

    /// `POST …/definitions/{id}/stop` (every run) or `…/instances/{id}/stop` (one run): ends now.
    pub(crate) fn review_stop(&mut self, ctx: &Ctx, d: usize, instance: Option<usize>) -> Reply {
        ctx.need(WRITE)?;
        let now = ctx.now;
        for (i, run) in self.reviews[d].instances.iter_mut().enumerate() {
            if instance.is_none_or(|only| only == i) && run.end > now {
                run.end = now;
            }
        }
        Ok(empty(204))
    }

    /// `POST …/instances/{id}/batchRecordDecisions`: one decision for every item (or one principal's).
    pub(crate) fn review_batch_record(&mut self, ctx: &Ctx, d: usize, i: usize) -> Reply {
        ctx.need(WRITE)?;
        let me = ctx.caller.user_id.clone();
        if !self.reviews[d].reviewers.iter().any(|r| r.eq_ignore_ascii_case(&me)) {
            return Err(ctx.error(
                403,
                "Forbidden",
                "The signed-in user is not a reviewer of this access review.",
            ));
        }
        if status(&self.reviews[d].instances[i], ctx.now) != "InProgress" {
            return Err(ctx.error(400, "BadRequest", "The access review instance is not in progress."));
        }
        let body: Value = ctx.json()?.clone();
        let decision = ["Approve", "Deny", "DontKnow"]
            .into_iter()
            .find(|x| body["decision"].as_str().is_some_and(|d| d.eq_ignore_ascii_case(x)))
            .ok_or_else(|| ctx.error(400, "BadRequest", "decision must be Approve, Deny or DontKnow."))?;
        let justification = body["justification"].as_str().unwrap_or_default().to_owned();
        if decision == "Approve" && justification.trim().is_empty() {
            return Err(ctx.error(400, "BadRequest", "A justification is required to approve."));
        }
        let only = body["principalId"].as_str().map(str::to_owned);
        let now = ctx.now;
        for x in &mut self.reviews[d].instances[i].decisions {
            if only.as_ref().is_none_or(|p| p.eq_ignore_ascii_case(&x.principal_id)) {
                x.decision = decision.into();
                x.justification = justification.clone();
                x.reviewed_by = Some(me.clone());
                x.reviewed_at = Some(now);
            }
        }
        Ok(empty(204))
    }

    /// `POST …/instances/{id}/applyDecisions`: after the run ended, denied principals lose the role.
    pub(crate) fn review_apply(&mut self, ctx: &Ctx, d: usize, i: usize) -> Reply {
        ctx.need(WRITE)?;
        let now = ctx.now;
        let target =
            Target { kind: Kind::Directory, scope: "/".into(), role: self.reviews[d].role_id.clone() };
        if !self.is_admin(&ctx.caller.user_id, &target, now) {
            return Err(ctx.error(
                403,
                "Forbidden",
                "Only a Privileged Role Administrator or Global Administrator can apply decisions.",
            ));
        }
        if status(&self.reviews[d].instances[i], now) == "InProgress" {
            return Err(ctx.error(
                400,
                "BadRequest",
                "Decisions can be applied once the review instance has ended.",
            ));
        }
        let denied: Vec<String> = self.reviews[d].instances[i]
            .decisions
            .iter()
            .filter(|x| x.decision == "Deny")
            .map(|x| x.principal_id.clone())
            .collect();
        let correlation = self.reviews[d].instances[i].id.clone();
        for principal in denied {
            let mut removed = false;
            for s in self.schedules.iter_mut().filter(|s| s.ended.is_none() && s.target == target) {
                if s.principal_id.eq_ignore_ascii_case(&principal) {
                    s.ended = Some(now);
                    removed = true;
                }
            }
            if removed {
                let who = ctx.caller.user_id.clone();
                self.record(
                    now,
                    "Remove member from role (access review)",
                    Some(&who),
                    (&target, &principal),
                    &correlation,
                    Vec::new(),
                );
            }
        }
        Ok(empty(204))
    }
}

#[cfg(test)]
mod tests {
    use super::role_of_scope;

    #[test]
    fn the_reviewed_role_is_read_from_either_scope_form() {
        assert_eq!(
            role_of_scope("/roleManagement/directory/roleDefinitions/62e90394"),
            Some("62e90394".into())
        );
        assert_eq!(
            role_of_scope("/roleManagement/directory/roleEligibilityScheduleInstances?$expand=principal&$filter=(isof(principal,'microsoft.graph.user') and roleDefinitionId eq 'abc')"),
            Some("abc".into())
        );
        assert_eq!(role_of_scope("/users"), None);
    }
}
