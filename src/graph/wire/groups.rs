//! PIM for Groups (v1.0 `identityGovernance/privilegedAccess/group`): membership and
//! ownership schedule requests, schedules and instances.

use serde::{Deserialize, Serialize};

use super::principal::{DirectoryObject, Group};
use super::schedule::{IdentitySet, RequestSchedule, TicketInfo};
use super::time::Timestamp;
use super::values::{AccessId, AssignmentType, MemberType, RequestStatus, ScheduleAction};
use crate::domain::{GroupId, PrincipalId};

/// Body of `POST assignmentScheduleRequests` / `POST eligibilityScheduleRequests` for every
/// action. Only what is set is written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupScheduleRequestBody {
    pub access_id: AccessId,
    pub principal_id: PrincipalId,
    pub group_id: GroupId,
    pub action: ScheduleAction,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule_info: Option<RequestSchedule>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub justification: Option<String>,
    /// The CSDL has `ticketInfo` on group requests; a third-party note doubts it `[S:csdl]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket_info: Option<TicketInfo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_validation_only: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_schedule_id: Option<String>,
}

/// A group assignment or eligibility schedule request as returned.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupScheduleRequest {
    pub id: Option<String>,
    pub status: Option<RequestStatus>,
    pub created_date_time: Option<Timestamp>,
    pub completed_date_time: Option<Timestamp>,
    pub approval_id: Option<String>,
    pub custom_data: Option<String>,
    pub created_by: Option<IdentitySet>,
    pub action: Option<ScheduleAction>,
    pub is_validation_only: Option<bool>,
    pub justification: Option<String>,
    pub schedule_info: Option<RequestSchedule>,
    pub ticket_info: Option<TicketInfo>,
    pub access_id: Option<AccessId>,
    pub principal_id: Option<PrincipalId>,
    pub group_id: Option<GroupId>,
    pub target_schedule_id: Option<String>,
    /// `$expand=group`.
    pub group: Option<Group>,
    /// `$expand=principal`.
    pub principal: Option<DirectoryObject>,
}

/// A group assignment or eligibility schedule.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupSchedule {
    pub id: Option<String>,
    pub created_date_time: Option<Timestamp>,
    pub modified_date_time: Option<Timestamp>,
    pub created_using: Option<String>,
    pub status: Option<RequestStatus>,
    pub schedule_info: Option<RequestSchedule>,
    pub access_id: Option<AccessId>,
    pub principal_id: Option<PrincipalId>,
    pub group_id: Option<GroupId>,
    pub member_type: Option<MemberType>,
    pub assignment_type: Option<AssignmentType>,
    pub group: Option<Group>,
    pub principal: Option<DirectoryObject>,
}

/// A group membership or ownership in force now (assignment or eligibility instance).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupScheduleInstance {
    pub id: Option<String>,
    pub start_date_time: Option<Timestamp>,
    pub end_date_time: Option<Timestamp>,
    pub access_id: Option<AccessId>,
    pub principal_id: Option<PrincipalId>,
    pub group_id: Option<GroupId>,
    pub member_type: Option<MemberType>,
    pub assignment_type: Option<AssignmentType>,
    /// Eligibility instances.
    pub eligibility_schedule_id: Option<String>,
    /// Assignment instances.
    pub assignment_schedule_id: Option<String>,
    pub group: Option<Group>,
    pub principal: Option<DirectoryObject>,
}
