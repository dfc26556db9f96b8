//! Requests about one "My roles" row, whatever its plane: the UI asks to activate or deactivate
//! an item and gets one answer shape back, and never builds a Graph or ARM body itself.

use chrono::{DateTime, Utc};

use crate::domain::item::{RequestTarget, RoleItem};
use crate::domain::ArmScope;
use crate::domain::IsoDuration;
use crate::graph::client::GraphClient;
use crate::graph::wire::arm::ArmScheduleRequestFields;
use crate::graph::wire::groups::GroupScheduleRequestBody;
use crate::graph::wire::roles::RoleScheduleRequestBody;
use crate::graph::wire::schedule::{RequestSchedule, TicketInfo};
use crate::graph::wire::values::{AccessId, RequestStatus, ScheduleAction};
use crate::graph::GraphError;

/// What the user filled in for an activation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActivationInput {
    pub duration: IsoDuration,
    pub justification: Option<String>,
    /// Ticket system and number, when the policy asks for one.
    pub ticket: Option<(String, String)>,
    /// A later start; `None` starts now.
    pub start: Option<DateTime<Utc>>,
    /// Azure: a scope below the eligible one to activate at; `None` = the eligible scope.
    pub scope: Option<ArmScope>,
}

/// The service's answer to a request, the same for every plane.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Submitted {
    /// The request id (Graph `id`, ARM `name`).
    pub request_id: Option<String>,
    /// `Provisioned`, `Granted`, `PendingApproval`, `Revoked`, … (HTTP 201 alone means nothing).
    pub status: Option<RequestStatus>,
}

fn ticket_info(ticket: &Option<(String, String)>) -> Option<TicketInfo> {
    ticket.as_ref().map(|(system, number)| TicketInfo {
        ticket_system: Some(system.clone()).filter(|s| !s.is_empty()),
        ticket_number: Some(number.clone()),
    })
}

fn with_start(schedule: Option<RequestSchedule>, start: Option<DateTime<Utc>>) -> Option<RequestSchedule> {
    schedule.map(|mut s| {
        s.start_date_time = start.map(crate::graph::wire::time::Timestamp);
        s
    })
}

/// Activates an eligible item (`selfActivate`).
pub async fn activate(
    client: &GraphClient,
    item: &RoleItem,
    input: &ActivationInput,
) -> Result<Submitted, GraphError> {
    let me = item.principal.clone();
    match &item.target {
        RequestTarget::EntraRole { role, scope } => {
            let mut body = RoleScheduleRequestBody::self_activate(
                me,
                role.clone(),
                scope.clone(),
                input.duration,
                input.justification.clone(),
                ticket_info(&input.ticket),
            );
            body.schedule_info = with_start(body.schedule_info, input.start);
            let r = client.create_role_assignment_request(&body).await?;
            Ok(Submitted { request_id: r.id, status: r.status })
        }
        RequestTarget::Group { group, access } => {
            let mut body = GroupScheduleRequestBody::self_activate(
                AccessId::from(*access),
                me,
                group.clone(),
                input.duration,
                input.justification.clone(),
            );
            body.ticket_info = ticket_info(&input.ticket);
            body.schedule_info = with_start(body.schedule_info, input.start);
            let r = client.create_group_assignment_request(&body).await?;
            Ok(Submitted { request_id: r.id, status: r.status })
        }
        RequestTarget::Azure { role, scope, eligibility_schedule } => {
            let mut fields = ArmScheduleRequestFields::self_activate(
                me,
                role.clone(),
                input.duration,
                input.justification.clone(),
            );
            fields.linked_role_eligibility_schedule_id =
                eligibility_schedule.as_ref().map(|s| s.as_str().to_owned());
            fields.ticket_info = ticket_info(&input.ticket);
            if let (Some(info), Some(start)) = (fields.schedule_info.as_mut(), input.start) {
                info.start_date_time = Some(crate::graph::wire::time::Timestamp(start));
            }
            // A narrower scope keeps the eligibility link: the request is made at that scope.
            let at = input.scope.as_ref().unwrap_or(scope);
            let r = client.arm_create_assignment_request(at, &fields).await?;
            Ok(Submitted { request_id: r.name, status: r.properties.status })
        }
    }
}

/// Ends an activation early (`selfDeactivate`).
pub async fn deactivate(client: &GraphClient, item: &RoleItem) -> Result<Submitted, GraphError> {
    let me = item.principal.clone();
    match &item.target {
        RequestTarget::EntraRole { role, scope } => {
            let body =
                RoleScheduleRequestBody::new(ScheduleAction::SelfDeactivate, me, role.clone(), scope.clone());
            let r = client.create_role_assignment_request(&body).await?;
            Ok(Submitted { request_id: r.id, status: r.status })
        }
        RequestTarget::Group { group, access } => {
            let body = GroupScheduleRequestBody::new(
                ScheduleAction::SelfDeactivate,
                AccessId::from(*access),
                me,
                group.clone(),
            );
            let r = client.create_group_assignment_request(&body).await?;
            Ok(Submitted { request_id: r.id, status: r.status })
        }
        RequestTarget::Azure { role, scope, .. } => {
            let fields = ArmScheduleRequestFields::new(ScheduleAction::SelfDeactivate, me, role.clone());
            let r = client.arm_create_assignment_request(scope, &fields).await?;
            Ok(Submitted { request_id: r.name, status: r.properties.status })
        }
    }
}
