//! One plain sentence per rule, for the cards and the before/after of a diff.

use super::{Notification, RoleSettings, SettingRule, SignInRequirement};
use crate::domain::format::human_duration;
use crate::domain::policy::AdminExpiry;

fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn expiry(kind: &str, e: &AdminExpiry) -> String {
    match (e.permanent_allowed, e.max_duration) {
        (true, _) => format!("{kind} assignments may be permanent."),
        (false, Some(d)) => format!("{kind} assignments must end, after {} at most.", human_duration(d)),
        (false, None) => format!("{kind} assignments must end (no longest time given)."),
    }
}

impl RoleSettings {
    /// The rule in one sentence: "Activation lasts at most 8 h."
    pub fn describe(&self, rule: SettingRule) -> String {
        match rule {
            SettingRule::ActivationDuration => {
                format!("Activation lasts at most {}.", human_duration(self.activation_max))
            }
            SettingRule::ActivationRequirements => {
                let mut asked = Vec::new();
                if self.sign_in == SignInRequirement::Mfa {
                    asked.push("multi-factor authentication".to_owned());
                }
                if self.justification {
                    asked.push("a justification".to_owned());
                }
                if self.ticket {
                    asked.push("a ticket number".to_owned());
                }
                if asked.is_empty() {
                    "Activation asks for no MFA, justification or ticket.".to_owned()
                } else {
                    format!("Activation asks for {}.", list(&asked))
                }
            }
            SettingRule::AuthenticationContext => match &self.sign_in {
                SignInRequirement::Context(c) => {
                    format!("Activation needs the Conditional Access authentication context {c}.")
                }
                _ => "Activation needs no authentication context.".to_owned(),
            },
            SettingRule::Approval => {
                let names: Vec<String> = self.approvers.iter().map(|a| a.label().to_owned()).collect();
                match (self.approval, names.is_empty()) {
                    (false, _) => "Activation needs no approval.".to_owned(),
                    (true, true) => "Activation needs approval by a Privileged Role Administrator or Global \
                                     Administrator (no approver named)."
                        .to_owned(),
                    (true, false) => format!("Activation needs approval by {}.", list(&names)),
                }
            }
            SettingRule::EligibleExpiry => expiry("Eligible", &self.eligible_expiry),
            SettingRule::ActiveExpiry => expiry("Active", &self.active_expiry),
        }
    }

    /// Every editable rule's sentence, in order, for a card.
    pub fn summary(&self) -> Vec<(SettingRule, String)> {
        SettingRule::ALL.into_iter().map(|r| (r, self.describe(r))).collect()
    }
}

/// A notification rule in one sentence: "When members activate, the approvers get all e-mails."
pub fn describe_notification(n: &Notification) -> String {
    let parts: Vec<&str> = n.rule_id.split('_').collect();
    let who = match parts.get(1).map(|s| s.to_ascii_lowercase()).as_deref() {
        Some("admin") => "administrators",
        Some("requestor") => "the assignee or requester",
        Some("approver") => "the approvers",
        _ => "the recipients",
    };
    let when =
        match (parts.get(2).map(|s| s.to_ascii_lowercase()), parts.get(3).map(|s| s.to_ascii_lowercase())) {
            (Some(c), Some(l)) if c == "enduser" && l == "assignment" => "When members activate",
            (Some(_), Some(l)) if l == "eligibility" => "When members are assigned as eligible",
            (Some(_), Some(l)) if l == "assignment" => "When members are assigned as active",
            _ => "On changes",
        };
    let level = match n.level.to_ascii_lowercase().as_str() {
        "none" => "no e-mails",
        "critical" => "critical e-mails only",
        _ => "all e-mails",
    };
    let mut s = if n.default_recipients {
        format!("{when}, {who} get {level}")
    } else {
        format!("{when}, {who} get no e-mails by default")
    };
    if !n.recipients.is_empty() {
        s.push_str(&format!("; also sent to {}", n.recipients.join(", ")));
    }
    s.push('.');
    s
}
