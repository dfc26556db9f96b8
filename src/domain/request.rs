//! [`SelfRequest`]: a self-service request in neutral form, ready for the Graph/ARM adapter.
//!
//! Activation carries the validated form; deactivation only the ids (API.md §3: no
//! `scheduleInfo`); extend/renew carry a justification and go to the eligibility or assignment
//! request collection depending on what ends. For Azure, a narrower scope replaces the eligible
//! scope in the request (and its URL) while `linkedRoleEligibilityScheduleId` still names the
//! eligibility.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::deactivate::{AssignmentLevel, RenewalOffer, SelfAction};
use super::duration::IsoDuration;
use super::form::{Ticket, ValidForm};
use super::ids::PrincipalId;
use super::item::{RequestTarget, RoleItem};
use super::item_key::ItemKey;

/// One request to send.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelfRequest {
    /// The item it is about (to match the result to its row).
    pub key: ItemKey,
    /// `selfActivate` / `selfDeactivate` / `selfExtend` / `selfRenew`.
    pub action: SelfAction,
    /// Which collection: `…AssignmentScheduleRequests` or `…EligibilityScheduleRequests`.
    pub level: AssignmentLevel,
    /// `principalId`.
    pub principal: PrincipalId,
    /// Role/group ids and scope (the narrower ARM scope when one was chosen).
    pub target: RequestTarget,
    /// `justification`.
    pub justification: Option<String>,
    /// `ticketInfo`.
    pub ticket: Option<Ticket>,
    /// `scheduleInfo.startDateTime`; `None` = now.
    pub start: Option<DateTime<Utc>>,
    /// `scheduleInfo.expiration.duration` (`afterDuration`); `None` = no schedule in the body.
    pub duration: Option<IsoDuration>,
}

impl RoleItem {
    /// The activation request for this item with a validated form.
    pub fn activation_request(&self, form: &ValidForm) -> SelfRequest {
        let target = match (&self.target, &form.scope) {
            (RequestTarget::Azure { role, eligibility_schedule, .. }, Some(narrower)) => {
                RequestTarget::Azure {
                    role: role.clone(),
                    scope: narrower.clone(),
                    eligibility_schedule: eligibility_schedule.clone(),
                }
            }
            (target, _) => target.clone(),
        };
        SelfRequest {
            key: self.key.clone(),
            action: SelfAction::Activate,
            level: AssignmentLevel::Assignment,
            principal: self.principal.clone(),
            target,
            justification: form.justification.clone(),
            ticket: form.ticket.clone(),
            start: form.start,
            duration: Some(form.duration),
        }
    }

    /// The request ending an activation early.
    pub fn deactivation_request(&self) -> SelfRequest {
        SelfRequest {
            key: self.key.clone(),
            action: SelfAction::Deactivate,
            level: AssignmentLevel::Assignment,
            principal: self.principal.clone(),
            target: self.target.clone(),
            justification: None,
            ticket: None,
            start: None,
            duration: None,
        }
    }

    /// The extend/renew request for an offer; the administrator decides the new end.
    /// `[I]` the body carries no `scheduleInfo`: the documented examples are admin-side only.
    pub fn renewal_request(&self, offer: &RenewalOffer, justification: &str) -> SelfRequest {
        let justification = justification.trim();
        SelfRequest {
            key: self.key.clone(),
            action: offer.action,
            level: offer.level,
            principal: self.principal.clone(),
            target: self.target.clone(),
            justification: (!justification.is_empty()).then(|| justification.to_owned()),
            ticket: None,
            start: None,
            duration: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::ArmScope;
    use crate::domain::test_items::{at, azure, group};

    fn valid(scope: Option<&str>) -> ValidForm {
        ValidForm {
            duration: IsoDuration::from_hours(1),
            justification: Some("Deploy".into()),
            ticket: Some(Ticket { system: "Jira".into(), number: "OPS-1".into() }),
            start: Some(at("2026-03-01T12:00:00Z")),
            scope: scope.map(|s| ArmScope::parse(s).unwrap()),
        }
    }

    #[test]
    fn activation_carries_the_form_and_a_narrower_scope() {
        let item = azure("Contributor", "c1", "s1");
        let req = item.activation_request(&valid(Some("/subscriptions/s1/resourceGroups/rg")));
        assert_eq!((req.action.graph(), req.level), ("selfActivate", AssignmentLevel::Assignment));
        assert_eq!(req.duration, Some(IsoDuration::from_hours(1)));
        assert_eq!(req.start, Some(at("2026-03-01T12:00:00Z")));
        match &req.target {
            RequestTarget::Azure { scope, role, .. } => {
                assert_eq!(scope.as_str(), "/subscriptions/s1/resourceGroups/rg");
                assert!(role.as_str().ends_with("/roleDefinitions/c1"));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(req.key, item.key, "the row stays the eligible item");
        let plain = group("Ops", "g1").activation_request(&valid(None));
        assert_eq!(plain.target, group("Ops", "g1").target);
    }

    #[test]
    fn deactivation_and_renewal_carry_no_schedule() {
        let item = group("Ops", "g1");
        let off = item.deactivation_request();
        assert_eq!((off.action, off.duration, off.justification), (SelfAction::Deactivate, None, None));
        let offer = RenewalOffer {
            action: SelfAction::Extend,
            level: AssignmentLevel::Eligibility,
            end: at("2026-03-05T00:00:00Z"),
        };
        let ext = item.renewal_request(&offer, "  Still on the team ");
        assert_eq!((ext.action, ext.level), (SelfAction::Extend, AssignmentLevel::Eligibility));
        assert_eq!(ext.justification.as_deref(), Some("Still on the team"));
    }
}
