//! Role settings to and from wire rules: read a policy's rules (Graph or ARM) into the neutral
//! [`RoleSettings`], and write one changed [`SettingRule`] back onto the rule the service sent,
//! so everything the editor does not show (targets, escalation, timeouts, unknown members) is
//! sent back unchanged.

use super::policy::rule as domain_rule;
use crate::domain::ids::RuleId;
use crate::domain::policy::{Approver as DomainApprover, ApproverKind};
use crate::domain::settings::{Notification, RoleSettings, SettingRule, SignInRequirement};
use crate::graph::wire::rules::{
    ApprovalRule, AuthenticationContextRule, EnablementRule, ExpirationRule, PolicyRule, RuleDialect,
    RuleKind, RuleTarget,
};
use crate::graph::wire::{
    ApprovalSettings, ApprovalStageSettings, Approver, ApproverType, EnablementRequirement, RuleCaller,
    RuleLevel, RuleOperation,
};

/// The settings a policy's rules say.
pub fn role_settings(rules: &[PolicyRule]) -> RoleSettings {
    let domain: Vec<_> = rules.iter().map(domain_rule).collect();
    let notifications = rules
        .iter()
        .filter_map(|r| match &r.kind {
            RuleKind::Notification(n) => Some(Notification {
                rule_id: r.id.as_str().to_owned(),
                level: n.notification_level.as_ref().map(|l| l.as_str().to_owned()).unwrap_or_default(),
                default_recipients: n.is_default_recipients_enabled.unwrap_or(true),
                recipients: n.notification_recipients.clone().unwrap_or_default(),
            }),
            _ => None,
        })
        .collect();
    RoleSettings::from_rules(&domain, notifications)
}

/// A rule the policy did not send, with the target its id implies.
fn fresh_rule(which: SettingRule, dialect: RuleDialect) -> PolicyRule {
    let id = which.rule_id();
    let caller = if id.contains("EndUser") { RuleCaller::EndUser } else { RuleCaller::Admin };
    let level = if id.ends_with("Eligibility") { RuleLevel::Eligibility } else { RuleLevel::Assignment };
    let kind = match which {
        SettingRule::ActivationDuration | SettingRule::EligibleExpiry | SettingRule::ActiveExpiry => {
            RuleKind::Expiration(ExpirationRule::default())
        }
        SettingRule::ActivationRequirements => RuleKind::Enablement(EnablementRule::default()),
        SettingRule::AuthenticationContext => {
            RuleKind::AuthenticationContext(AuthenticationContextRule::default())
        }
        SettingRule::Approval => RuleKind::Approval(ApprovalRule::default()),
    };
    PolicyRule {
        id: RuleId::new(id),
        target: Some(RuleTarget {
            caller: Some(caller),
            operations: vec![RuleOperation::All],
            level: Some(level),
            ..RuleTarget::default()
        }),
        kind,
        dialect,
    }
}

fn wire_approver(a: &DomainApprover, dialect: RuleDialect) -> Approver {
    let (id, description) = (a.id.clone(), a.name.clone());
    match (dialect, a.kind) {
        (RuleDialect::Graph, ApproverKind::User) => Approver::SingleUser { user_id: id, description },
        (RuleDialect::Graph, ApproverKind::Group) => Approver::GroupMembers { group_id: id, description },
        (RuleDialect::Arm, kind) => Approver::Arm {
            id,
            description,
            is_backup: Some(false),
            user_type: Some(if kind == ApproverKind::Group {
                ApproverType::Group
            } else {
                ApproverType::User
            }),
        },
    }
}

/// `current` (the rule as the service sent it, or `None`) rewritten to say what `settings` says
/// for `which`: the body of that rule's PATCH.
pub fn write_rule(
    current: Option<&PolicyRule>,
    which: SettingRule,
    settings: &RoleSettings,
    dialect: RuleDialect,
) -> PolicyRule {
    let mut rule = match current {
        Some(r) if kind_fits(r, which) => r.clone(),
        _ => fresh_rule(which, current.map_or(dialect, |r| r.dialect)),
    };
    let dialect = rule.dialect;
    match (&mut rule.kind, which) {
        (RuleKind::Expiration(e), SettingRule::ActivationDuration) => {
            e.is_expiration_required = Some(true);
            e.maximum_duration = Some(settings.activation_max);
        }
        (RuleKind::Expiration(e), SettingRule::EligibleExpiry | SettingRule::ActiveExpiry) => {
            let x = if which == SettingRule::EligibleExpiry {
                settings.eligible_expiry
            } else {
                settings.active_expiry
            };
            e.is_expiration_required = Some(!x.permanent_allowed);
            if let Some(max) = x.max_duration {
                e.maximum_duration = Some(max);
            }
        }
        (RuleKind::Enablement(e), _) => {
            // Requirements this client does not know are kept.
            let mut out: Vec<EnablementRequirement> = e
                .enabled_rules
                .iter()
                .filter(|r| matches!(r, EnablementRequirement::Other(_)))
                .cloned()
                .collect();
            if settings.sign_in == SignInRequirement::Mfa {
                out.push(EnablementRequirement::MultiFactorAuthentication);
            }
            if settings.justification {
                out.push(EnablementRequirement::Justification);
            }
            if settings.ticket {
                out.push(EnablementRequirement::Ticketing);
            }
            e.enabled_rules = out;
        }
        (RuleKind::AuthenticationContext(c), _) => match &settings.sign_in {
            SignInRequirement::Context(v) => {
                c.is_enabled = Some(true);
                c.claim_value = Some(v.clone());
            }
            _ => c.is_enabled = Some(false),
        },
        (RuleKind::Approval(a), _) => {
            let setting = a.setting.get_or_insert_with(ApprovalSettings::default);
            setting.is_approval_required = Some(settings.approval);
            let stages = setting.approval_stages.get_or_insert_with(Vec::new);
            if stages.is_empty() {
                stages.push(ApprovalStageSettings::default());
            }
            // Approvers the editor does not show (a manager, an attribute rule) are kept.
            let mut list: Vec<Approver> = stages[0]
                .primary_approvers
                .iter()
                .flatten()
                .filter(|w| matches!(w, Approver::Other(_)))
                .cloned()
                .collect();
            for a in &settings.approvers {
                let kept = stages[0]
                    .primary_approvers
                    .iter()
                    .flatten()
                    .find(|w| w.object_id().is_some_and(|id| id.eq_ignore_ascii_case(&a.id)));
                list.push(kept.cloned().unwrap_or_else(|| wire_approver(a, dialect)));
            }
            stages[0].primary_approvers = Some(list);
        }
        _ => {}
    }
    rule
}

fn kind_fits(rule: &PolicyRule, which: SettingRule) -> bool {
    matches!(
        (&rule.kind, which),
        (
            RuleKind::Expiration(_),
            SettingRule::ActivationDuration | SettingRule::EligibleExpiry | SettingRule::ActiveExpiry
        ) | (RuleKind::Enablement(_), SettingRule::ActivationRequirements)
            | (RuleKind::AuthenticationContext(_), SettingRule::AuthenticationContext)
            | (RuleKind::Approval(_), SettingRule::Approval)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::IsoDuration;

    fn rule(json: &str) -> PolicyRule {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn a_rewritten_rule_keeps_what_the_editor_does_not_show() {
        let enablement = rule(
            r##"{"@odata.type":"#microsoft.graph.unifiedRoleManagementPolicyEnablementRule","id":"Enablement_EndUser_Assignment","enabledRules":["Justification","FutureThing"],"target":{"caller":"EndUser","operations":["all"],"level":"Assignment"}}"##,
        );
        let approval = rule(
            r##"{"@odata.type":"#microsoft.graph.unifiedRoleManagementPolicyApprovalRule","id":"Approval_EndUser_Assignment","setting":{"isApprovalRequired":false,"approvalStages":[{"approvalStageTimeOutInDays":1,"primaryApprovers":[{"@odata.type":"#microsoft.graph.requestorManager","managerLevel":1}]}]}}"##,
        );
        let mut s = role_settings(&[enablement.clone(), approval.clone()]);
        assert!(s.justification && !s.ticket);
        s.ticket = true;
        s.sign_in = SignInRequirement::Mfa;
        s.approval = true;
        s.approvers =
            vec![DomainApprover { id: "u1".into(), name: Some("Bailey".into()), kind: ApproverKind::User }];
        let e = serde_json::to_value(write_rule(
            Some(&enablement),
            SettingRule::ActivationRequirements,
            &s,
            RuleDialect::Graph,
        ))
        .unwrap();
        assert_eq!(
            e["enabledRules"],
            serde_json::json!(["FutureThing", "MultiFactorAuthentication", "Justification", "Ticketing"])
        );
        assert_eq!(e["target"]["caller"], "EndUser");
        let a =
            serde_json::to_value(write_rule(Some(&approval), SettingRule::Approval, &s, RuleDialect::Graph))
                .unwrap();
        let stage = &a["setting"]["approvalStages"][0];
        assert_eq!(stage["approvalStageTimeOutInDays"], 1);
        assert_eq!(stage["primaryApprovers"][0]["@odata.type"], "#microsoft.graph.requestorManager");
        assert_eq!(stage["primaryApprovers"][1]["userId"], "u1");
        assert_eq!(a["setting"]["isApprovalRequired"], true);
    }

    #[test]
    fn a_missing_rule_is_written_whole_in_the_policys_dialect() {
        let mut s = RoleSettings::default();
        s.activation_max = IsoDuration::from_hours(3);
        let r = serde_json::to_value(write_rule(None, SettingRule::ActivationDuration, &s, RuleDialect::Arm))
            .unwrap();
        assert_eq!(r["ruleType"], "RoleManagementPolicyExpirationRule");
        assert_eq!(r["id"], "Expiration_EndUser_Assignment");
        assert_eq!(r["maximumDuration"], "PT3H");
        assert_eq!(r["target"]["operations"][0], "All");
        assert_eq!(r["target"]["level"], "Assignment");
    }
}
