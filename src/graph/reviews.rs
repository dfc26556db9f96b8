//! The reviewer's work across every access review: the runs in progress and, in each, the
//! decisions waiting for me (`filterByCurrentUser(on='reviewer')`), as domain rows; and
//! recording a decision.

use chrono::{DateTime, Utc};
use futures::future::join_all;

use crate::domain::reviews::{ReviewChoice, ReviewRow};
use crate::graph::client::GraphClient;
use crate::graph::wire::review::{AccessReviewDefinition, AccessReviewInstance, ReviewDecisionBody};
use crate::graph::wire::values::ReviewDecision;
use crate::graph::GraphError;

fn in_progress(instance: &AccessReviewInstance, now: DateTime<Utc>) -> bool {
    match instance.status.as_deref() {
        Some(s) => s.eq_ignore_ascii_case("InProgress"),
        // No status: judge by the dates.
        None => {
            instance.start_date_time.as_ref().is_none_or(|s| s.0 <= now)
                && instance.end_date_time.as_ref().is_none_or(|e| now < e.0)
        }
    }
}

async fn rows_of(
    client: &GraphClient,
    definition: &AccessReviewDefinition,
    now: DateTime<Utc>,
) -> Result<Vec<ReviewRow>, GraphError> {
    let Some(def_id) = definition.id.clone() else { return Ok(Vec::new()) };
    let review = definition.display_name.clone().unwrap_or_else(|| "Access review".to_owned());
    let required =
        definition.settings.as_ref().and_then(|s| s.justification_required_on_approval).unwrap_or(false);
    let mut rows = Vec::new();
    for instance in client.list_review_instances(&def_id).await? {
        let Some(inst_id) = instance.id.clone().filter(|_| in_progress(&instance, now)) else { continue };
        for item in client.my_review_decisions(&def_id, &inst_id).await? {
            let principal = item.principal.clone().unwrap_or_default();
            rows.push(ReviewRow {
                definition_id: def_id.clone(),
                instance_id: inst_id.clone(),
                decision_id: item.id.clone().unwrap_or_default(),
                review: review.clone(),
                principal: principal
                    .display_name
                    .clone()
                    .or_else(|| principal.user_principal_name.clone())
                    .or(principal.id)
                    .unwrap_or_default(),
                principal_upn: principal.user_principal_name,
                recommendation: item.recommendation.clone(),
                decision: item.decision.as_ref().map(|d| d.as_str().to_owned()).unwrap_or_default(),
                justification: item.justification.clone().filter(|j| !j.is_empty()),
                ends: instance.end_date_time.as_ref().map(|e| e.0),
                justification_required: required,
            });
        }
    }
    Ok(rows)
}

/// Every decision waiting for me in reviews in progress, and any review that could not be read
/// (the others still show).
pub async fn my_review_work(
    client: &GraphClient,
    now: DateTime<Utc>,
) -> Result<(Vec<ReviewRow>, Vec<GraphError>), GraphError> {
    let definitions = client.list_access_reviews().await?;
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for result in join_all(definitions.iter().map(|d| rows_of(client, d, now))).await {
        match result {
            Ok(r) => rows.extend(r),
            // A review I am not a reviewer of may refuse its decisions: not an error for me.
            Err(GraphError::Http { status: 403, .. }) | Err(GraphError::PermissionMissing { .. }) => {}
            Err(e) => errors.push(e),
        }
    }
    Ok((rows, errors))
}

/// Records my decision on one row.
pub async fn decide(
    client: &GraphClient,
    row: &ReviewRow,
    choice: ReviewChoice,
    justification: &str,
) -> Result<(), GraphError> {
    let decision = match choice {
        ReviewChoice::Approve => ReviewDecision::Approve,
        ReviewChoice::Deny => ReviewDecision::Deny,
        ReviewChoice::DontKnow => ReviewDecision::DontKnow,
    };
    let justification = Some(justification.trim().to_owned()).filter(|j| !j.is_empty());
    let body = ReviewDecisionBody { decision, justification };
    client.decide_review(&row.definition_id, &row.instance_id, &row.decision_id, &body).await
}
