//! Extend or renew a time-bound assignment of one "My roles" row (`selfExtend` / `selfRenew`),
//! whatever its plane. Both create a request an administrator decides (API.md §3).
//!
//! The request names the assignment only (action, principal, role, scope, justification): what
//! the new end should be is the administrator's decision. `[I]` API.md does not document
//! whether the service wants a `scheduleInfo` on a self-service extend; none is sent, and the
//! simulated tenant accepts that shape.

use crate::domain::deactivate::{AssignmentLevel, RenewalOffer, SelfAction};
use crate::domain::item::{RequestTarget, RoleItem};
use crate::graph::actions::Submitted;
use crate::graph::client::GraphClient;
use crate::graph::wire::arm::ArmScheduleRequestFields;
use crate::graph::wire::groups::GroupScheduleRequestBody;
use crate::graph::wire::roles::RoleScheduleRequestBody;
use crate::graph::wire::values::{AccessId, ScheduleAction};
use crate::graph::GraphError;

fn action(offer: &RenewalOffer) -> ScheduleAction {
    match offer.action {
        SelfAction::Renew => ScheduleAction::SelfRenew,
        _ => ScheduleAction::SelfExtend,
    }
}

/// Asks an administrator to extend (or renew) the eligibility or the active assignment `offer`
/// is about, with the user's reason.
pub async fn request_renewal(
    client: &GraphClient,
    item: &RoleItem,
    offer: &RenewalOffer,
    justification: &str,
) -> Result<Submitted, GraphError> {
    let me = item.principal.clone();
    let why = Some(justification.trim().to_owned()).filter(|j| !j.is_empty());
    let eligibility = offer.level == AssignmentLevel::Eligibility;
    match &item.target {
        RequestTarget::EntraRole { role, scope } => {
            let mut body = RoleScheduleRequestBody::new(action(offer), me, role.clone(), scope.clone());
            body.justification = why;
            let r = if eligibility {
                client.create_role_eligibility_request(&body).await?
            } else {
                client.create_role_assignment_request(&body).await?
            };
            Ok(Submitted { request_id: r.id, status: r.status })
        }
        RequestTarget::Group { group, access } => {
            let mut body =
                GroupScheduleRequestBody::new(action(offer), AccessId::from(*access), me, group.clone());
            body.justification = why;
            let r = if eligibility {
                client.create_group_eligibility_request(&body).await?
            } else {
                client.create_group_assignment_request(&body).await?
            };
            Ok(Submitted { request_id: r.id, status: r.status })
        }
        RequestTarget::Azure { role, scope, .. } => {
            let mut fields = ArmScheduleRequestFields::new(action(offer), me, role.clone());
            fields.justification = why;
            let r = if eligibility {
                client.arm_create_eligibility_request(scope, &fields).await?
            } else {
                client.arm_create_assignment_request(scope, &fields).await?
            };
            Ok(Submitted { request_id: r.name, status: r.properties.status })
        }
    }
}
