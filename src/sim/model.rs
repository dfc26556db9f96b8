//! The tenant's state: directory objects, Azure scopes, PIM schedules and requests.
//!
//! One model serves the three PIM surfaces. A [`Target`] says what is granted: a directory role
//! at a directory scope, an access (`member`/`owner`) on a group, or an Azure role at an ARM scope.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::duration::IsoDuration;

/// Which PIM surface a schedule or request belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    /// Microsoft Entra directory roles (`/roleManagement/directory`).
    Directory,
    /// PIM for Groups (`/identityGovernance/privilegedAccess/group`).
    Group,
    /// Azure resource roles (ARM `Microsoft.Authorization`).
    Azure,
}

/// Eligible (may activate) or active (in force).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Level {
    Eligibility,
    Assignment,
}

/// What a schedule grants.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    pub kind: Kind,
    /// Directory: `directoryScopeId` (`/` or `/administrativeUnits/{id}`); Group: the group id;
    /// Azure: the ARM scope (`/subscriptions/{id}` …).
    pub scope: String,
    /// Directory: role definition id; Group: `member` or `owner`; Azure: role definition GUID.
    pub role: String,
}

/// How an active assignment came to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AssignmentType {
    /// Assigned by an administrator.
    Assigned,
    /// Activated from an eligibility.
    Activated,
}

/// An eligibility or assignment schedule. Its instance is in force while `start <= now < end`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Schedule {
    pub id: String,
    pub level: Level,
    pub target: Target,
    pub principal_id: String,
    pub start: DateTime<Utc>,
    /// `None` = permanent.
    pub end: Option<DateTime<Utc>>,
    pub assignment_type: AssignmentType,
    pub created: DateTime<Utc>,
    pub modified: DateTime<Utc>,
    /// The request that created it.
    pub created_using: Option<String>,
    /// The eligibility schedule an activation came from.
    pub activated_from: Option<String>,
    /// Set once removed, deactivated or expired; the schedule is then history only.
    pub ended: Option<DateTime<Utc>>,
}

impl Schedule {
    /// True while in force at `now`.
    pub fn is_active(&self, now: DateTime<Utc>) -> bool {
        self.ended.is_none() && self.start <= now && self.end.is_none_or(|e| now < e)
    }

    /// True while not ended (in force now or scheduled for later).
    pub fn is_live(&self) -> bool {
        self.ended.is_none()
    }
}

/// A schedule request's action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    AdminAssign,
    AdminUpdate,
    AdminRemove,
    AdminExtend,
    AdminRenew,
    SelfActivate,
    SelfDeactivate,
    SelfExtend,
    SelfRenew,
}

const ACTIONS: [(Action, &str); 9] = [
    (Action::AdminAssign, "adminAssign"),
    (Action::AdminUpdate, "adminUpdate"),
    (Action::AdminRemove, "adminRemove"),
    (Action::AdminExtend, "adminExtend"),
    (Action::AdminRenew, "adminRenew"),
    (Action::SelfActivate, "selfActivate"),
    (Action::SelfDeactivate, "selfDeactivate"),
    (Action::SelfExtend, "selfExtend"),
    (Action::SelfRenew, "selfRenew"),
];

impl Action {
    /// Graph spelling (`selfActivate`).
    pub fn graph_name(self) -> &'static str {
        ACTIONS.iter().find(|(a, _)| *a == self).map(|(_, n)| *n).unwrap_or("unknownFutureValue")
    }

    /// ARM spelling (`SelfActivate`).
    pub fn arm_name(self) -> String {
        let n = self.graph_name();
        n[..1].to_ascii_uppercase() + &n[1..]
    }

    /// Parses either spelling, case-insensitively (the service accepts `SelfActivate` too).
    pub fn parse(s: &str) -> Option<Action> {
        ACTIONS.iter().find(|(_, n)| n.eq_ignore_ascii_case(s)).map(|(a, _)| *a)
    }

    /// True for the administrator actions.
    pub fn is_admin(self) -> bool {
        matches!(
            self,
            Action::AdminAssign
                | Action::AdminUpdate
                | Action::AdminRemove
                | Action::AdminExtend
                | Action::AdminRenew
        )
    }
}

/// A request's status (Graph's `request.status`; ARM uses the same words).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    Granted,
    Provisioned,
    PendingApproval,
    PendingAdminDecision,
    Denied,
    Canceled,
    Revoked,
    Failed,
}

impl Status {
    /// The wire value.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Granted => "Granted",
            Status::Provisioned => "Provisioned",
            Status::PendingApproval => "PendingApproval",
            Status::PendingAdminDecision => "PendingAdminDecision",
            Status::Denied => "Denied",
            Status::Canceled => "Canceled",
            Status::Revoked => "Revoked",
            Status::Failed => "Failed",
        }
    }
}

/// `expirationPatternType` (variant names are the wire names).
#[allow(clippy::enum_variant_names)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Expiration {
    NotSpecified,
    NoExpiration,
    AfterDateTime,
    AfterDuration,
}

impl Expiration {
    /// Parses any casing (`AfterDuration`, `afterDuration`).
    pub fn parse(s: &str) -> Option<Expiration> {
        Some(match s.to_ascii_lowercase().as_str() {
            "notspecified" => Expiration::NotSpecified,
            "noexpiration" => Expiration::NoExpiration,
            "afterdatetime" => Expiration::AfterDateTime,
            "afterduration" => Expiration::AfterDuration,
            _ => return None,
        })
    }

    /// Graph spelling (camelCase).
    pub fn graph_name(self) -> &'static str {
        match self {
            Expiration::NotSpecified => "notSpecified",
            Expiration::NoExpiration => "noExpiration",
            Expiration::AfterDateTime => "afterDateTime",
            Expiration::AfterDuration => "afterDuration",
        }
    }

    /// ARM spelling (PascalCase).
    pub fn arm_name(self) -> &'static str {
        match self {
            Expiration::NotSpecified => "NotSpecified",
            Expiration::NoExpiration => "NoExpiration",
            Expiration::AfterDateTime => "AfterDateTime",
            Expiration::AfterDuration => "AfterDuration",
        }
    }
}

/// A request's `scheduleInfo`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RequestSchedule {
    pub start: Option<DateTime<Utc>>,
    pub expiration: Expiration,
    pub end: Option<DateTime<Utc>>,
    pub duration: Option<IsoDuration>,
}

impl RequestSchedule {
    /// The end time this schedule asks for, from `start`.
    pub fn end_from(&self, start: DateTime<Utc>) -> Option<DateTime<Utc>> {
        match self.expiration {
            Expiration::AfterDuration => self.duration.map(|d| start + d.to_chrono()),
            Expiration::AfterDateTime => self.end,
            _ => None,
        }
    }
}

/// `ticketInfo`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Ticket {
    pub number: Option<String>,
    pub system: Option<String>,
}

/// An approval step's decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReviewResult {
    NotReviewed,
    Approve,
    Deny,
}

/// The single approval stage of a request (multi-stage approval is not supported by PIM's API).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Approval {
    pub stage_id: String,
    /// Object ids of users who may decide (never the requester).
    pub approvers: Vec<String>,
    pub result: ReviewResult,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub justification: String,
    pub justification_required: bool,
    /// Days the stage waits before the request is automatically denied.
    #[serde(default = "one_day")]
    pub timeout_days: i64,
}

fn one_day() -> i64 {
    1
}

/// A schedule request: the write model and the history.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Request {
    pub id: String,
    pub level: Level,
    pub target: Target,
    pub principal_id: String,
    pub action: Action,
    pub status: Status,
    pub created: DateTime<Utc>,
    pub completed: Option<DateTime<Utc>>,
    pub created_by: String,
    pub justification: Option<String>,
    pub ticket: Option<Ticket>,
    pub schedule: Option<RequestSchedule>,
    pub target_schedule_id: Option<String>,
    pub approval: Option<Approval>,
    pub validation_only: bool,
}

/// A user.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct User {
    pub id: String,
    pub upn: String,
    pub display_name: String,
    pub job_title: String,
}

/// A security group; `pim_enabled` groups have PIM for Groups policies.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Group {
    pub id: String,
    pub display_name: String,
    pub description: String,
    pub role_assignable: bool,
    pub pim_enabled: bool,
    /// Permanent members outside PIM.
    pub members: Vec<String>,
}

/// An administrative unit (a directory scope `/administrativeUnits/{id}`).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AdminUnit {
    pub id: String,
    pub display_name: String,
    pub description: String,
}

/// The level of an Azure scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ScopeLevel {
    ManagementGroup,
    Subscription,
    ResourceGroup,
}

impl ScopeLevel {
    /// The `expandedProperties.scope.type` value.
    pub fn arm_type(self) -> &'static str {
        match self {
            ScopeLevel::ManagementGroup => "managementgroup",
            ScopeLevel::Subscription => "subscription",
            ScopeLevel::ResourceGroup => "resourcegroup",
        }
    }
}

/// An Azure management group, subscription or resource group.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AzureScope {
    /// Full ARM scope, e.g. `/subscriptions/{id}/resourceGroups/rg-web`.
    pub id: String,
    pub display_name: String,
    pub level: ScopeLevel,
    pub parent: Option<String>,
}
