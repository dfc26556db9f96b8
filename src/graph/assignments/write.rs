//! An administrator's change of one assignment as a PIM schedule request (`adminAssign`,
//! `adminUpdate`, `adminRemove`, `adminExtend`, `adminRenew`; API.md §4 and §7), posted to the
//! eligibility or assignment collection of roles or groups, and its errors in plain words.

use chrono::{DateTime, Utc};

use crate::domain::assignments::azure::azure_forbidden;
use crate::domain::assignments::{AssignmentRow, AssignmentTarget, NewAssignment};
use crate::domain::deactivate::AssignmentLevel;
use crate::domain::error_kind::Explanation;
use crate::domain::ids::ArmScope;
use crate::graph::client::GraphClient;
use crate::graph::error::GraphError;
use crate::graph::wire::{
    ArmExpiration, ArmScheduleInfo, ArmScheduleRequestFields, ExpirationPattern, ExpirationType,
    GroupScheduleRequestBody, RequestSchedule, RoleScheduleRequestBody, ScheduleAction, TicketInfo,
    Timestamp,
};

/// What the administrator does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AdminAction {
    Assign,
    Update,
    Remove,
    Extend,
    Renew,
}

impl AdminAction {
    fn wire(self) -> ScheduleAction {
        match self {
            AdminAction::Assign => ScheduleAction::AdminAssign,
            AdminAction::Update => ScheduleAction::AdminUpdate,
            AdminAction::Remove => ScheduleAction::AdminRemove,
            AdminAction::Extend => ScheduleAction::AdminExtend,
            AdminAction::Renew => ScheduleAction::AdminRenew,
        }
    }
}

/// One change to send: the action and the assignment as it should be afterwards.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AdminChange {
    pub action: AdminAction,
    /// Who, what, which level, from and until when (the end is ignored by Remove), and why.
    pub assignment: NewAssignment,
    pub ticket: Option<String>,
}

impl AdminChange {
    /// A new assignment.
    pub fn assign(new: &NewAssignment, ticket: Option<String>) -> Self {
        AdminChange { action: AdminAction::Assign, assignment: new.clone(), ticket }
    }

    /// Remove, update, extend or renew an assignment in the list; `end` is the new end.
    pub fn on_row(
        action: AdminAction,
        row: &AssignmentRow,
        end: Option<DateTime<Utc>>,
        justification: &str,
    ) -> Self {
        let assignment = NewAssignment {
            principal: row.principal.id.clone(),
            target: row.target.clone(),
            level: row.level,
            // An update keeps the start; extend and renew count from it too (the service's rule).
            start: if action == AdminAction::Update { row.start } else { None },
            end,
            justification: justification.to_owned(),
        };
        AdminChange { action, assignment, ticket: None }
    }

    fn schedule(&self) -> Option<RequestSchedule> {
        (self.action != AdminAction::Remove).then(|| RequestSchedule {
            start_date_time: self.assignment.start.map(Timestamp::from),
            expiration: Some(match self.assignment.end {
                Some(end) => ExpirationPattern::after_date_time(Timestamp::from(end)),
                None => ExpirationPattern::no_expiration(),
            }),
            recurrence: None,
        })
    }

    fn text(&self) -> Option<String> {
        let j = self.assignment.justification.trim();
        (!j.is_empty()).then(|| j.to_owned())
    }

    fn ticket_info(&self) -> Option<TicketInfo> {
        self.ticket
            .as_ref()
            .filter(|t| !t.trim().is_empty())
            .map(|t| TicketInfo { ticket_number: Some(t.trim().to_owned()), ticket_system: None })
    }

    /// The body for a directory role (`None` for a group change).
    pub fn role_body(&self) -> Option<RoleScheduleRequestBody> {
        let AssignmentTarget::Role { role, scope } = &self.assignment.target else { return None };
        Some(RoleScheduleRequestBody {
            justification: self.text(),
            schedule_info: self.schedule(),
            ticket_info: self.ticket_info(),
            ..RoleScheduleRequestBody::new(
                self.action.wire(),
                self.assignment.principal.clone(),
                role.clone(),
                scope.clone(),
            )
        })
    }

    /// The scope and `properties` of an ARM request for an Azure role (`None` otherwise), shaped
    /// like fx:arm_roleEligibilityScheduleRequests_adminAssign_request.json; the end is written as
    /// `AfterDateTime` (an expiration type API.md §8 lists) or `NoExpiration`.
    pub fn arm_fields(&self) -> Option<(ArmScope, ArmScheduleRequestFields)> {
        let AssignmentTarget::Azure { role, scope } = &self.assignment.target else { return None };
        let schedule_info = (self.action != AdminAction::Remove).then(|| ArmScheduleInfo {
            start_date_time: self.assignment.start.map(Timestamp::from),
            expiration: Some(match self.assignment.end {
                Some(end) => ArmExpiration {
                    kind: Some(ExpirationType::AfterDateTime),
                    end_date_time: Some(Timestamp::from(end)),
                    duration: None,
                },
                None => ArmExpiration {
                    kind: Some(ExpirationType::NoExpiration),
                    end_date_time: None,
                    duration: None,
                },
            }),
        });
        let fields = ArmScheduleRequestFields {
            justification: self.text(),
            schedule_info,
            ticket_info: self.ticket_info(),
            ..ArmScheduleRequestFields::new(
                self.action.wire(),
                self.assignment.principal.clone(),
                role.clone(),
            )
        };
        Some((scope.clone(), fields))
    }

    /// The body for a PIM group (`None` for a role change).
    pub fn group_body(&self) -> Option<GroupScheduleRequestBody> {
        let AssignmentTarget::Group { group, access } = &self.assignment.target else { return None };
        Some(GroupScheduleRequestBody {
            justification: self.text(),
            schedule_info: self.schedule(),
            ticket_info: self.ticket_info(),
            ..GroupScheduleRequestBody::new(
                self.action.wire(),
                (*access).into(),
                self.assignment.principal.clone(),
                group.clone(),
            )
        })
    }
}

/// Sends one change to the right collection; the service's status (`Provisioned`, `Granted`,
/// `Revoked`, …) on success.
pub async fn admin_request(client: &GraphClient, change: &AdminChange) -> Result<String, GraphError> {
    let eligible = change.assignment.level == AssignmentLevel::Eligibility;
    let status = if let Some(body) = change.role_body() {
        let r = if eligible {
            client.create_role_eligibility_request(&body).await?
        } else {
            client.create_role_assignment_request(&body).await?
        };
        r.status
    } else if let Some(body) = change.group_body() {
        let r = if eligible {
            client.create_group_eligibility_request(&body).await?
        } else {
            client.create_group_assignment_request(&body).await?
        };
        r.status
    } else if let Some((scope, mut fields)) = change.arm_fields() {
        // ARM's admin-assign example always carries a start (fx:…adminAssign_request.json): "now"
        // by the service's clock when none was chosen [I: whether it may be left out is not known].
        if change.action == AdminAction::Assign {
            if let Some(info) = fields.schedule_info.as_mut() {
                info.start_date_time.get_or_insert_with(|| Timestamp::from(client.service_now()));
            }
        }
        let r = if eligible {
            client.arm_create_eligibility_request(&scope, &fields).await?
        } else {
            client.arm_create_assignment_request(&scope, &fields).await?
        };
        r.properties.status
    } else {
        None
    };
    Ok(status.map(|s| s.as_str().to_owned()).unwrap_or_else(|| "Accepted".into()))
}

/// An administrator's write error in plain words, with the next step.
#[derive(Clone, Debug, PartialEq)]
pub struct AdminError(pub GraphError);

impl AdminError {
    pub fn explain(&self) -> Explanation {
        let e = &self.0;
        let (reason, next_step) = match e {
            GraphError::RoleAssignmentExists { .. } => (
                "Already assigned: this principal holds it at this level already.".to_owned(),
                "Use Extend or Update on the existing assignment.".to_owned(),
            ),
            GraphError::Http { status: 400, message, .. }
                if message.contains("last Global Administrator") =>
            {
                (
                    "The last Global Administrator cannot be removed.".to_owned(),
                    "Assign Global Administrator (active) to someone else first.".to_owned(),
                )
            }
            // ARM's CloudError for a caller without write access at the scope.
            GraphError::Http { status: 403, code, .. }
                if code.eq_ignore_ascii_case("AuthorizationFailed") =>
            {
                let e = azure_forbidden(true);
                (e.reason, e.next_step)
            }
            GraphError::PermissionMissing { needed, .. } if needed.is_empty() => (
                "Only a Privileged Role Administrator or Global Administrator can change assignments."
                    .to_owned(),
                "Ask one of them to make this change, or to assign you Privileged Role Administrator."
                    .to_owned(),
            ),
            _ => (e.explain(), e.next_step()),
        };
        Explanation { reason, next_step }
    }
}
