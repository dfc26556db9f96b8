//! Short constructors for the request bodies the UI builds most: a minimal body for any
//! action, and activation with its duration, justification and ticket.

use super::arm::{ArmExpiration, ArmScheduleInfo, ArmScheduleRequestFields};
use super::groups::GroupScheduleRequestBody;
use super::roles::RoleScheduleRequestBody;
use super::schedule::{ExpirationPattern, RequestSchedule, TicketInfo};
use super::values::{AccessId, ExpirationType, ScheduleAction};
use crate::domain::{DirectoryScopeId, GroupId, IsoDuration, PrincipalId, RoleDefinitionId};

/// A schedule that starts now and lasts `duration`.
pub fn for_duration(duration: IsoDuration) -> RequestSchedule {
    RequestSchedule {
        start_date_time: None,
        expiration: Some(ExpirationPattern::after_duration(duration)),
        recurrence: None,
    }
}

impl RoleScheduleRequestBody {
    /// A body with only the required parts (enough for `selfDeactivate` and `adminRemove`).
    pub fn new(
        action: ScheduleAction,
        principal: PrincipalId,
        role: RoleDefinitionId,
        scope: DirectoryScopeId,
    ) -> Self {
        RoleScheduleRequestBody {
            action,
            principal_id: principal,
            role_definition_id: role,
            directory_scope_id: Some(scope),
            app_scope_id: None,
            justification: None,
            schedule_info: None,
            ticket_info: None,
            is_validation_only: None,
            target_schedule_id: None,
        }
    }

    /// Activation of an eligible role for `duration`, starting now.
    pub fn self_activate(
        principal: PrincipalId,
        role: RoleDefinitionId,
        scope: DirectoryScopeId,
        duration: IsoDuration,
        justification: Option<String>,
        ticket: Option<TicketInfo>,
    ) -> Self {
        RoleScheduleRequestBody {
            justification,
            ticket_info: ticket,
            schedule_info: Some(for_duration(duration)),
            ..Self::new(ScheduleAction::SelfActivate, principal, role, scope)
        }
    }
}

impl GroupScheduleRequestBody {
    /// A body with only the required parts.
    pub fn new(action: ScheduleAction, access: AccessId, principal: PrincipalId, group: GroupId) -> Self {
        GroupScheduleRequestBody {
            access_id: access,
            principal_id: principal,
            group_id: group,
            action,
            schedule_info: None,
            justification: None,
            ticket_info: None,
            is_validation_only: None,
            target_schedule_id: None,
        }
    }

    /// Activation of an eligible membership or ownership for `duration`, starting now.
    pub fn self_activate(
        access: AccessId,
        principal: PrincipalId,
        group: GroupId,
        duration: IsoDuration,
        justification: Option<String>,
    ) -> Self {
        GroupScheduleRequestBody {
            justification,
            schedule_info: Some(for_duration(duration)),
            ..Self::new(ScheduleAction::SelfActivate, access, principal, group)
        }
    }
}

impl ArmScheduleRequestFields {
    /// ARM request properties with only the required parts.
    pub fn new(request_type: ScheduleAction, principal: PrincipalId, role: RoleDefinitionId) -> Self {
        ArmScheduleRequestFields {
            principal_id: principal,
            role_definition_id: role,
            request_type: Some(request_type),
            linked_role_eligibility_schedule_id: None,
            target_role_assignment_schedule_id: None,
            target_role_eligibility_schedule_id: None,
            justification: None,
            schedule_info: None,
            ticket_info: None,
            condition: None,
            condition_version: None,
        }
    }

    /// Activation of an eligible Azure role for `duration`, starting now.
    pub fn self_activate(
        principal: PrincipalId,
        role: RoleDefinitionId,
        duration: IsoDuration,
        justification: Option<String>,
    ) -> Self {
        let expiration = ArmExpiration {
            kind: Some(ExpirationType::AfterDuration),
            end_date_time: None,
            duration: Some(duration),
        };
        ArmScheduleRequestFields {
            justification,
            schedule_info: Some(ArmScheduleInfo { start_date_time: None, expiration: Some(expiration) }),
            ..Self::new(ScheduleAction::SelfActivate, principal, role)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn activation_bodies_carry_exactly_what_graph_and_arm_expect() {
        let body = RoleScheduleRequestBody::self_activate(
            "p".into(),
            "r".into(),
            DirectoryScopeId::tenant(),
            IsoDuration::from_hours(4),
            Some("incident 42".into()),
            None,
        );
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            serde_json::json!({"action": "selfActivate", "principalId": "p", "roleDefinitionId": "r",
                "directoryScopeId": "/", "justification": "incident 42",
                "scheduleInfo": {"expiration": {"type": "afterDuration", "duration": "PT4H"}}})
        );
        let group = GroupScheduleRequestBody::new(
            ScheduleAction::SelfDeactivate,
            AccessId::Owner,
            "p".into(),
            "g".into(),
        );
        assert_eq!(
            serde_json::to_value(&group).unwrap(),
            serde_json::json!({"accessId": "owner", "principalId": "p", "groupId": "g", "action": "selfDeactivate"})
        );
        let arm =
            ArmScheduleRequestFields::self_activate("p".into(), "r".into(), IsoDuration::from_hours(8), None);
        let v = serde_json::to_value(&arm).unwrap();
        assert_eq!(v["requestType"], "SelfActivate");
        assert_eq!(
            v["scheduleInfo"]["expiration"],
            serde_json::json!({"type": "AfterDuration", "duration": "PT8H"})
        );
    }
}
