//! Policy rules as the service sends them (Graph `@odata.type` or ARM `ruleType`) turned into
//! the domain's neutral rules, from which `ActivationPolicy` reads what activation requires.

use crate::domain::policy::{
    ActivationPolicy, Approver as DomainApprover, ApproverKind, Enablement, PolicyRule as DomainRule,
    RuleFacts,
};
use crate::graph::wire::rules::{PolicyRule, RuleKind};
use crate::graph::wire::Approver;

/// One wire rule as a domain rule.
pub fn rule(rule: &PolicyRule) -> DomainRule {
    let facts = match &rule.kind {
        RuleKind::Expiration(e) => RuleFacts::Expiration {
            is_expiration_required: e.is_expiration_required.unwrap_or(true),
            maximum_duration: e.maximum_duration,
        },
        RuleKind::Enablement(e) => RuleFacts::Enablement {
            enabled: e.enabled_rules.iter().map(|r| Enablement::parse(r.as_str())).collect(),
        },
        RuleKind::Approval(a) => {
            let setting = a.setting.as_ref();
            let approvers = setting
                .and_then(|s| s.approval_stages.as_ref())
                .and_then(|stages| stages.first())
                .and_then(|stage| stage.primary_approvers.as_ref())
                .map(|list| list.iter().filter_map(approver).collect())
                .unwrap_or_default();
            RuleFacts::Approval {
                is_approval_required: setting.and_then(|s| s.is_approval_required).unwrap_or(false),
                is_requestor_justification_required: setting
                    .and_then(|s| s.is_requestor_justification_required)
                    .unwrap_or(false),
                approvers,
            }
        }
        RuleKind::AuthenticationContext(c) => RuleFacts::AuthenticationContext {
            is_enabled: c.is_enabled.unwrap_or(false),
            claim_value: c.claim_value.clone(),
        },
        RuleKind::Notification(_) | RuleKind::Unknown { .. } => RuleFacts::Other,
    };
    DomainRule { id: rule.id.as_str().to_owned(), facts }
}

fn approver(a: &Approver) -> Option<DomainApprover> {
    Some(match a {
        Approver::SingleUser { user_id, description } => {
            DomainApprover { id: user_id.clone(), name: description.clone(), kind: ApproverKind::User }
        }
        Approver::GroupMembers { group_id, description } => {
            DomainApprover { id: group_id.clone(), name: description.clone(), kind: ApproverKind::Group }
        }
        Approver::Arm { id, description, user_type, .. } => {
            let group = user_type.as_ref().is_some_and(|t| t.as_str().eq_ignore_ascii_case("group"));
            let kind = if group { ApproverKind::Group } else { ApproverKind::User };
            DomainApprover { id: id.clone(), name: description.clone(), kind }
        }
        Approver::Other(_) => return None,
    })
}

/// The activation policy of a rule set.
pub fn activation_policy(rules: &[PolicyRule]) -> ActivationPolicy {
    let domain: Vec<DomainRule> = rules.iter().map(rule).collect();
    ActivationPolicy::from_rules(&domain)
}
