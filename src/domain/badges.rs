//! Compact requirement badges for an item ("max 8 h", "MFA", "Approval: Bailey"), each with a
//! longer explanation for a tooltip or an expanded row.

use serde::{Deserialize, Serialize};

use super::format::human_duration;
use super::policy::ActivationPolicy;

/// What a badge is about (lets the UI pick an icon or colour).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BadgeKind {
    /// Maximum activation duration.
    MaxDuration,
    /// Multi-factor authentication.
    Mfa,
    /// Conditional Access authentication context.
    AuthContext,
    /// Approval by someone else.
    Approval,
    /// Ticket number.
    Ticket,
    /// Justification text.
    Justification,
}

/// One requirement badge.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Badge {
    /// What it is about.
    pub kind: BadgeKind,
    /// A few characters for the row: "max 8 h".
    pub label: String,
    /// One plain sentence.
    pub explanation: String,
}

fn badge(kind: BadgeKind, label: String, explanation: String) -> Badge {
    Badge { kind, label, explanation }
}

impl ActivationPolicy {
    /// The badges, in a fixed order: duration, sign-in requirements, approval, form fields.
    pub fn badges(&self) -> Vec<Badge> {
        let max = human_duration(self.max_duration);
        let mut out = vec![badge(
            BadgeKind::MaxDuration,
            format!("max {max}"),
            format!("You can activate this for at most {max} at a time."),
        )];
        if let Some(ctx) = &self.auth_context {
            out.push(badge(
                BadgeKind::AuthContext,
                format!("Auth context {}", ctx.0),
                format!(
                    "Activation needs the Conditional Access authentication context {}: you will be asked \
                     to sign in again to satisfy it.",
                    ctx.0
                ),
            ));
        }
        if self.require_mfa {
            out.push(badge(
                BadgeKind::Mfa,
                "MFA".to_owned(),
                "Activation needs multi-factor authentication; you may be asked to verify your identity."
                    .to_owned(),
            ));
        }
        if self.approval_required {
            let names = self.approver_names();
            let (label, who) = match names.as_slice() {
                [] => ("Approval".to_owned(), "an approver".to_owned()),
                [one] => (format!("Approval: {one}"), one.clone()),
                [first, rest @ ..] => (format!("Approval: {first} +{}", rest.len()), names.join(", ")),
            };
            out.push(badge(
                BadgeKind::Approval,
                label,
                format!("Activation waits until {who} approves it; you are told when it is decided."),
            ));
        }
        if self.require_ticket {
            out.push(badge(
                BadgeKind::Ticket,
                "Ticket".to_owned(),
                "Activation needs a ticket system and ticket number.".to_owned(),
            ));
        }
        if self.require_justification {
            out.push(badge(
                BadgeKind::Justification,
                "Justification".to_owned(),
                "Activation needs a short reason, kept in the audit log.".to_owned(),
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::duration::IsoDuration;
    use crate::domain::policy::{Approver, ApproverKind, AuthContext};

    fn labels(p: &ActivationPolicy) -> Vec<String> {
        p.badges().into_iter().map(|b| b.label).collect()
    }

    #[test]
    fn an_open_policy_shows_only_its_maximum() {
        assert_eq!(labels(&ActivationPolicy::default()), ["max 8 h"]);
    }

    #[test]
    fn every_requirement_has_a_badge_in_order() {
        let p = ActivationPolicy {
            max_duration: IsoDuration::from_minutes(90),
            require_mfa: true,
            require_justification: true,
            require_ticket: true,
            auth_context: Some(AuthContext("c1".into())),
            approval_required: true,
            approvers: vec![Approver {
                id: "u1".into(),
                name: Some("Bailey".into()),
                kind: ApproverKind::User,
            }],
            ..ActivationPolicy::default()
        };
        assert_eq!(
            labels(&p),
            ["max 1 h 30 min", "Auth context c1", "MFA", "Approval: Bailey", "Ticket", "Justification"]
        );
        assert!(p.badges()[3].explanation.contains("Bailey approves"));
    }

    #[test]
    fn several_approvers_are_counted_and_unnamed_ones_shown_by_id() {
        let approver = |id: &str, name: Option<&str>| Approver {
            id: id.into(),
            name: name.map(Into::into),
            kind: ApproverKind::Group,
        };
        let p = ActivationPolicy {
            approval_required: true,
            approvers: vec![approver("g1", Some("Ops")), approver("g2", None)],
            ..ActivationPolicy::default()
        };
        let b = p.badges().pop().unwrap();
        assert_eq!(b.label, "Approval: Ops +1");
        assert!(b.explanation.contains("Ops, g2"));
        let nobody = ActivationPolicy { approval_required: true, ..ActivationPolicy::default() };
        assert_eq!(nobody.badges().pop().unwrap().label, "Approval");
    }
}
