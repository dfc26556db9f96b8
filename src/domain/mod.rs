//! Pure PIM logic: ids, durations, policy requirements, plans, validation.
//!
//! Nothing here reads the clock or the network: time comes in as `DateTime<Utc>` parameters,
//! and nothing is random. The UI drives "My roles" like this:
//!
//! 1. Load: the adapter turns Graph/ARM records into [`RoleItem`]s and facts, then
//!    [`merge_items`] gives one row per [`ItemKey`]. [`ListIndex::new`] once per load;
//!    [`ListIndex::apply`] per keystroke with a [`ListQuery`] read from / written to the URL.
//! 2. Policies: [`PolicyCache::missing`] says what to fetch; rules become [`PolicyRule`]s and
//!    [`ActivationPolicy::from_rules`]; [`ActivationPolicy::badges`] for the row.
//! 3. Form: [`ActivationForm::for_policy`], [`duration_choices`], [`RecentJustifications`];
//!    [`validate_for`] gives field messages.
//! 4. Many at once: [`plan_batch`] (with [`SessionAuth`] from the token) shows the plan and the
//!    step-ups; [`BatchDraft`] survives the step-up redirect; [`RoleItem::activation_request`]
//!    gives each [`SelfRequest`] to send.
//! 5. Results: [`Outcome::from_snapshot`] / [`Outcome::from_error`] with [`ErrorKind::classify`],
//!    followed with [`PollSchedule`]; [`my_requests`] for the requests page.
//! 6. Later: [`Deactivation::at`], [`renewal_offers`], [`countdown::ending_warning`],
//!    [`ics::activation_end_ics`]; [`Library`] for favourites and sets; [`DeepLink`] for links.

pub mod arm_scope;
pub mod assignments;
pub mod audit;
pub mod badges;
pub mod catalog;
pub mod clock_text;
pub mod countdown;
pub mod csv;
pub mod deactivate;
pub mod decimal;
pub mod deeplink;
pub mod draft;
pub mod duration;
pub mod duration_input;
pub mod encode;
pub mod error_kind;
pub mod follow;
pub mod form;
pub mod format;
pub mod ics;
pub mod ids;
pub mod item;
pub mod item_key;
pub mod list;
pub mod load_problem;
pub mod outcome;
pub mod plan;
pub mod policy;
pub mod policy_cache;
pub mod qr;
pub mod recent;
pub mod request;
pub mod requests;
pub mod reveal;
pub mod reviews;
pub mod sets;
pub mod settings;
pub mod snapshot;
#[cfg(test)]
mod test_items;

pub use arm_scope::{ArmScopeKind, ScopeRelation};
pub use badges::{Badge, BadgeKind};
pub use catalog::{merge_items, ActiveFact, PendingFact, ScheduledFact};
pub use countdown::Countdown;
pub use deactivate::{renewal_for, renewal_offers, AssignmentLevel, Deactivation, RenewalOffer, SelfAction};
pub use deeplink::{DeepLink, LinkItem, LinkProblem, LinkProblemKind, Resolution};
pub use draft::BatchDraft;
pub use duration::IsoDuration;
pub use duration_input::{duration_choices, parse_duration_input, DurationChoice};
pub use error_kind::{ErrorKind, Explanation};
pub use follow::{follow_schedule, next_poll, settle, Followed};
pub use form::{validate, validate_for, ActivationForm, Field, FieldErrors, Ticket, ValidForm};
pub use ids::{
    AccessId, ArmScope, DirectoryScopeId, DirectoryScopeKind, EligibilityScheduleId, GroupId, PolicyId,
    PrincipalId, RequestId, RoleDefinitionId, RuleId,
};
pub use item::{ActiveKind, HeldVia, ItemState, RequestTarget, RoleItem, ScopeKind, ScopeLabel};
pub use item_key::{ItemKey, Plane};
pub use list::{empty_state, ListIndex, ListQuery, SortKey, StateFilter};
pub use outcome::{classify_status, Outcome, PollSchedule, RequestSnapshot, StatusClass};
pub use plan::{
    plan_batch, BatchPlan, PlanAction, PlanEntry, PlanOptions, PlanSummary, SessionAuth, StepUp, StepUpGroup,
};
pub use policy::{
    ActivationPolicy, AdminExpiry, Approver, ApproverKind, AuthContext, Enablement, PolicyRule, RuleFacts,
};
pub use policy_cache::PolicyCache;
pub use recent::RecentJustifications;
pub use request::SelfRequest;
pub use requests::{my_requests, MyRequests, RequestRecord};
pub use sets::{ImportError, ImportReport, Library, MissingItem, SavedSet};
pub use snapshot::ItemsSnapshot;
