//! Access reviews of privileged roles (v1.0 `/identityGovernance/accessReviews/definitions`):
//! definitions, instances, decisions with `filterByCurrentUser(on='reviewer')`, PATCH decision.
//! Create, stop, batch decisions and apply are in `review_actions.rs`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::clock::iso;
use super::graph_roles::current_user_on;
use super::http::empty;
use super::render::{entity, list};
use super::router::{Ctx, Reply};
use super::Sim;
use crate::graph::Method;

/// One reviewed principal.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Decision {
    pub id: String,
    pub principal_id: String,
    /// `NotReviewed`, `Approve`, `Deny` or `DontKnow`.
    pub decision: String,
    pub justification: String,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub recommendation: String,
}

/// One run of a review.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ReviewInstance {
    pub id: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub decisions: Vec<Decision>,
}

/// A review of who holds a directory role.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ReviewDefinition {
    pub id: String,
    pub display_name: String,
    pub description: String,
    pub role_id: String,
    pub reviewers: Vec<String>,
    pub created: DateTime<Utc>,
    pub created_by: String,
    pub instances: Vec<ReviewInstance>,
}

pub(super) fn status(i: &ReviewInstance, now: DateTime<Utc>) -> &'static str {
    if now < i.start {
        "NotStarted"
    } else if now < i.end {
        "InProgress"
    } else {
        "Completed"
    }
}

pub(super) const READ: &[&str] = &["AccessReview.Read.All", "AccessReview.ReadWrite.All"];
pub(super) const WRITE: &[&str] = &["AccessReview.ReadWrite.All"];

impl Sim {
    fn identity(&self, id: Option<&str>) -> Value {
        match id.and_then(|i| self.user(i)) {
            Some(u) => json!({"id": u.id, "displayName": u.display_name, "userPrincipalName": u.upn}),
            None => {
                json!({"id": "00000000-0000-0000-0000-000000000000", "displayName": "", "userPrincipalName": ""})
            }
        }
    }

    fn review_scope(d: &ReviewDefinition) -> Value {
        json!({"@odata.type": "#microsoft.graph.accessReviewQueryScope", "queryType": "MicrosoftGraph", "queryRoot": null,
            "query": format!("/roleManagement/directory/roleAssignmentScheduleInstances?$expand=principal&$filter=(isof(principal,'microsoft.graph.user') and roleDefinitionId eq '{}')", d.role_id)})
    }

    fn reviewers_json(d: &ReviewDefinition) -> Value {
        json!(d
            .reviewers
            .iter()
            .map(
                |r| json!({"query": format!("/users/{r}"), "queryType": "MicrosoftGraph", "queryRoot": null})
            )
            .collect::<Vec<_>>())
    }

    pub(super) fn definition_json(&self, d: &ReviewDefinition, now: DateTime<Utc>) -> Value {
        let st = d.instances.last().map(|i| status(i, now)).unwrap_or("NotStarted");
        json!({
            "id": d.id, "displayName": d.display_name, "status": st, "descriptionForAdmins": d.description,
            "descriptionForReviewers": d.description, "createdDateTime": iso(d.created), "lastModifiedDateTime": iso(d.created),
            "createdBy": self.identity(Some(&d.created_by)), "scope": Self::review_scope(d), "reviewers": Self::reviewers_json(d),
            "settings": {"mailNotificationsEnabled": true, "reminderNotificationsEnabled": true,
                "justificationRequiredOnApproval": true, "defaultDecisionEnabled": false, "defaultDecision": "None",
                "instanceDurationInDays": 14, "autoApplyDecisionsEnabled": false, "recommendationsEnabled": true},
        })
    }

    fn instance_json(d: &ReviewDefinition, i: &ReviewInstance, now: DateTime<Utc>) -> Value {
        json!({"id": i.id, "startDateTime": iso(i.start), "endDateTime": iso(i.end), "status": status(i, now),
            "scope": Self::review_scope(d), "reviewers": Self::reviewers_json(d)})
    }

    fn decision_json(&self, i: &ReviewInstance, x: &Decision) -> Value {
        let p = self.user(&x.principal_id);
        json!({
            "@odata.type": "#microsoft.graph.accessReviewInstanceDecisionItem",
            "id": x.id, "accessReviewId": i.id, "reviewedDateTime": x.reviewed_at.map(iso), "decision": x.decision,
            "justification": x.justification, "appliedDateTime": null, "applyResult": "New",
            "recommendation": x.recommendation, "principalLink": format!("{}/v1.0/users/{}", self.endpoints.graph, x.principal_id),
            "resourceLink": null, "resource": null, "reviewedBy": self.identity(x.reviewed_by.as_deref()),
            "appliedBy": self.identity(None),
            "principal": {"@odata.type": "#microsoft.graph.userIdentity", "id": x.principal_id,
                "displayName": p.map(|u| u.display_name.clone()), "userPrincipalName": p.map(|u| u.upn.clone())},
        })
    }

    pub(crate) fn graph_reviews(&mut self, ctx: &Ctx, rest: &[&str]) -> Reply {
        let me = ctx.caller.user_id.clone();
        let now = ctx.now;
        let is_reviewer = |d: &ReviewDefinition| d.reviewers.iter().any(|r| r.eq_ignore_ascii_case(&me));
        let find_def = |sim: &Sim, id: &str| sim.reviews.iter().position(|d| d.id.eq_ignore_ascii_case(id));
        let nf = |what: &str| ctx.error(404, "NotFound", &format!("The {what} was not found."));
        let get = ctx.method == Method::Get;
        match rest {
            [] | [_] if get && rest.first().is_none_or(|s| current_user_on(s).is_some()) => {
                ctx.need(READ)?;
                let mine = !rest.is_empty();
                let items = self
                    .reviews
                    .iter()
                    .filter(|d| !mine || is_reviewer(d))
                    .map(|d| self.definition_json(d, now))
                    .collect();
                list(ctx, self, "identityGovernance/accessReviews/definitions", items, &|_, _, _| {})
            }
            [id] if get => {
                ctx.need(READ)?;
                let d = find_def(self, id).ok_or_else(|| nf("access review"))?;
                entity(
                    ctx,
                    self,
                    "identityGovernance/accessReviews/definitions",
                    self.definition_json(&self.reviews[d], now),
                    &|_, _, _| {},
                    200,
                )
            }
            [id, "instances", tail @ ..] => {
                let d = find_def(self, id).ok_or_else(|| nf("access review"))?;
                let def = self.reviews[d].clone();
                let context = format!("identityGovernance/accessReviews/definitions('{id}')/instances");
                match tail {
                    [] if get => {
                        ctx.need(READ)?;
                        let items = def.instances.iter().map(|i| Self::instance_json(&def, i, now)).collect();
                        list(ctx, self, &context, items, &|_, _, _| {})
                    }
                    [iid, more @ ..] => {
                        let ii = def
                            .instances
                            .iter()
                            .position(|i| i.id.eq_ignore_ascii_case(iid))
                            .ok_or_else(|| nf("instance"))?;
                        let inst = &def.instances[ii];
                        match more {
                            [] if get => {
                                ctx.need(READ)?;
                                entity(
                                    ctx,
                                    self,
                                    &context,
                                    Self::instance_json(&def, inst, now),
                                    &|_, _, _| {},
                                    200,
                                )
                            }
                            ["decisions"] | ["decisions", _]
                                if get && more.get(1).is_none_or(|s| current_user_on(s).is_some()) =>
                            {
                                ctx.need(READ)?;
                                if more.len() == 2 && !is_reviewer(&def) {
                                    return list(
                                        ctx,
                                        self,
                                        "Collection(accessReviewInstanceDecisionItem)",
                                        vec![],
                                        &|_, _, _| {},
                                    );
                                }
                                let items =
                                    inst.decisions.iter().map(|x| self.decision_json(inst, x)).collect();
                                list(
                                    ctx,
                                    self,
                                    "Collection(accessReviewInstanceDecisionItem)",
                                    items,
                                    &|_, _, _| {},
                                )
                            }
                            ["decisions", did] if ctx.method == Method::Patch => {
                                ctx.need(WRITE)?;
                                if !is_reviewer(&def) {
                                    return Err(ctx.error(
                                        403,
                                        "Forbidden",
                                        "The signed-in user is not a reviewer of this access review.",
                                    ));
                                }
                                if status(inst, now) != "InProgress" {
                                    return Err(ctx.error(
                                        400,
                                        "BadRequest",
                                        "The access review instance is not in progress.",
                                    ));
                                }
                                let body = ctx.json()?;
                                let decision = body["decision"].as_str().unwrap_or_default();
                                let decision = ["Approve", "Deny", "DontKnow"]
                                    .into_iter()
                                    .find(|d| d.eq_ignore_ascii_case(decision))
                                    .ok_or_else(|| {
                                        ctx.error(
                                            400,
                                            "BadRequest",
                                            "decision must be Approve, Deny or DontKnow.",
                                        )
                                    })?;
                                let justification =
                                    body["justification"].as_str().unwrap_or_default().to_string();
                                if decision == "Approve" && justification.trim().is_empty() {
                                    return Err(ctx.error(
                                        400,
                                        "BadRequest",
                                        "A justification is required to approve.",
                                    ));
                                }
                                let x = self.reviews[d].instances[ii]
                                    .decisions
                                    .iter_mut()
                                    .find(|x| x.id.eq_ignore_ascii_case(did))
                                    .ok_or_else(|| nf("decision"))?;
                                x.decision = decision.into();
                                x.justification = justification;
                                x.reviewed_by = Some(me.clone());
                                x.reviewed_at = Some(now);
                                Ok(empty(204))
                            }
                            ["stop"] if ctx.method == Method::Post => self.review_stop(ctx, d, Some(ii)),
                            ["batchRecordDecisions"] if ctx.method == Method::Post => {
                                self.review_batch_record(ctx, d, ii)
                            }
                            ["applyDecisions"] if ctx.method == Method::Post => self.review_apply(ctx, d, ii),
                            _ => Err(ctx.bad_method()),
                        }
                    }
                    _ => Err(ctx.bad_method()),
                }
            }
            [] if ctx.method == Method::Post => self.review_create(ctx),
            [id, "stop"] if ctx.method == Method::Post => {
                let d = find_def(self, id).ok_or_else(|| nf("access review"))?;
                self.review_stop(ctx, d, None)
            }
            _ => Err(ctx.unknown()),
        }
    }
}
