//! Access reviews (v1.0 `identityGovernance/accessReviews`): schedule definitions, instances,
//! decisions, and the decision bodies.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::enums::null_default;
use super::schedule::Identity;
use super::time::Timestamp;
use super::values::ReviewDecision;
use crate::domain::IsoDuration;

/// A query scope (`accessReviewQueryScope` and relatives). For PIM roles the query is e.g.
/// `/roleManagement/directory/roleDefinitions/{roleId}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessReviewScope {
    #[serde(rename = "@odata.type", default, skip_serializing_if = "Option::is_none")]
    pub odata_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query_root: Option<String>,
    /// `principalResourceMembershipsScope` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub principal_scopes: Option<Vec<AccessReviewScope>>,
    /// `principalResourceMembershipsScope` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_scopes: Option<Vec<AccessReviewScope>>,
    /// `accessReviewInactiveUsersQueryScope` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inactive_duration: Option<IsoDuration>,
}

/// `recurrencePattern`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecurrencePattern {
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day_of_month: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_of_week: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_day_of_week: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<String>,
}

/// `recurrenceRange`. Dates stay text: the docs write both `2020-09-11` and full timestamps.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecurrenceRange {
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_of_occurrences: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recurrence_time_zone: Option<String>,
}

/// `patternedRecurrence`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PatternedRecurrence {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<RecurrencePattern>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<RecurrenceRange>,
}

/// `accessReviewScheduleSettings`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessReviewSettings {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mail_notifications_enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reminder_notifications_enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub justification_required_on_approval: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_decision_enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_decision: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_duration_in_days: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_apply_decisions_enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recommendations_enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recurrence: Option<PatternedRecurrence>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_histories_for_reviewers_enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recommendation_look_back_duration: Option<IsoDuration>,
    /// Polymorphic apply actions (`removeAccessApplyAction`, …), kept verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apply_actions: Option<Vec<Value>>,
    /// Polymorphic insight settings, kept verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recommendation_insight_settings: Option<Vec<Value>>,
}

/// An access review schedule definition; also the body of `POST …/accessReviews/definitions`
/// (only what is set is written).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessReviewDefinition {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_for_admins: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_for_reviewers: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_date_time: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified_date_time: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<Identity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<AccessReviewScope>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_enumeration_scope: Option<AccessReviewScope>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewers: Option<Vec<AccessReviewScope>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fallback_reviewers: Option<Vec<AccessReviewScope>>,
    /// Deprecated in favour of `fallbackReviewers` and absent from the v1.0 schema, but still
    /// sent by the docs' examples and accepted by the service; kept so nothing is lost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_reviewers: Option<Vec<AccessReviewScope>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<AccessReviewSettings>,
    /// Extra notification recipients, kept verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_notification_recipients: Option<Vec<Value>>,
    /// Multi-stage review settings, kept verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage_settings: Option<Vec<Value>>,
}

/// One run of a review.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessReviewInstance {
    pub id: Option<String>,
    pub start_date_time: Option<Timestamp>,
    pub end_date_time: Option<Timestamp>,
    pub status: Option<String>,
    pub scope: Option<AccessReviewScope>,
    #[serde(default, deserialize_with = "null_default")]
    pub reviewers: Vec<AccessReviewScope>,
}

/// A decision item (`accessReviewInstanceDecisionItem`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessReviewDecisionItem {
    pub id: Option<String>,
    pub access_review_id: Option<String>,
    pub reviewed_date_time: Option<Timestamp>,
    pub decision: Option<ReviewDecision>,
    pub justification: Option<String>,
    pub applied_date_time: Option<Timestamp>,
    pub apply_result: Option<String>,
    pub recommendation: Option<String>,
    pub principal_link: Option<String>,
    pub resource_link: Option<String>,
    pub reviewed_by: Option<Identity>,
    pub applied_by: Option<Identity>,
    /// Polymorphic identity (`userIdentity`, …): id and names are read.
    pub principal: Option<Identity>,
    /// Polymorphic (`accessReviewInstanceDecisionItemResource` subtypes), kept verbatim.
    pub resource: Option<Value>,
    /// Beta-only target description, kept verbatim.
    pub target: Option<Value>,
}

/// Body of `PATCH …/decisions/{id}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewDecisionBody {
    pub decision: ReviewDecision,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub justification: Option<String>,
}

/// Body of beta `POST …/decisions/filterByCurrentUser(on='reviewer')/recordAllDecisions` and
/// of v1.0 `batchRecordDecisions`: one decision for all matching items.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordAllDecisionsBody {
    pub decision: ReviewDecision,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub justification: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub principal_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_id: Option<String>,
}
