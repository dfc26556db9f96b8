//! Role settings as an administrator edits them: one neutral [`RoleSettings`] per policy, read
//! from the policy's neutral rules ([`PolicyRule`]), described in plain language per rule, and
//! compared rule by rule ([`diff`]) so a save sends exactly the rules that change.
//!
//! Six rules are editable (see [`SettingRule`]); notification rules are read and shown only.
//! The graph layer turns a changed [`SettingRule`] back into the wire rule to PATCH.

mod access;
mod describe;
mod file;
mod form;

pub use access::{SettingsAccess, GLOBAL_ADMINISTRATOR, PRIVILEGED_ROLE_ADMINISTRATOR};
pub use describe::describe_notification;
pub use file::{
    drift, export, import, DriftReport, ImportError, ImportedFile, ImportedRole, RoleDrift, SettingsFile,
    SettingsKey, FORMAT, VERSION,
};
pub use form::{SettingsForm, SignInChoice};

use serde::{Deserialize, Serialize};

use super::duration::IsoDuration;
use super::policy::{AdminExpiry, Approver, Enablement, PolicyRule, RuleFacts, DEFAULT_MAX_ACTIVATION};

/// What a sign-in must prove to activate: nothing extra, MFA, or a Conditional Access
/// authentication context (`c1`…`c99`). The portal offers them as exclusive choices.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SignInRequirement {
    #[default]
    None,
    Mfa,
    /// The authentication context's claim value, `c1`.
    Context(String),
}

impl SignInRequirement {
    fn context(&self) -> Option<&str> {
        match self {
            SignInRequirement::Context(c) => Some(c),
            _ => None,
        }
    }
}

/// One notification rule, read only: who is e-mailed about what, and at which level.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Notification {
    /// `Notification_Admin_EndUser_Assignment`, …
    pub rule_id: String,
    /// `None`, `Critical` or `All`.
    pub level: String,
    /// The default recipients (admins, the requester, the approvers) are e-mailed.
    pub default_recipients: bool,
    /// Extra e-mail addresses.
    #[serde(default)]
    pub recipients: Vec<String>,
}

/// The editable settings of one role's policy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleSettings {
    /// `Expiration_EndUser_Assignment.maximumDuration`.
    pub activation_max: IsoDuration,
    /// MFA (`Enablement_EndUser_Assignment`) or an authentication context
    /// (`AuthenticationContext_EndUser_Assignment`).
    pub sign_in: SignInRequirement,
    /// `Justification` in `Enablement_EndUser_Assignment`.
    pub justification: bool,
    /// `Ticketing` in `Enablement_EndUser_Assignment`.
    pub ticket: bool,
    /// `Approval_EndUser_Assignment.setting.isApprovalRequired`.
    pub approval: bool,
    /// The first stage's primary approvers.
    #[serde(default)]
    pub approvers: Vec<Approver>,
    /// `Expiration_Admin_Eligibility`.
    pub eligible_expiry: AdminExpiry,
    /// `Expiration_Admin_Assignment`.
    pub active_expiry: AdminExpiry,
    /// Notification rules (shown, not edited; ignored on import).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notifications: Vec<Notification>,
}

impl Default for RoleSettings {
    /// The documented defaults of a rule that is missing: 8 h, nothing asked, permanent allowed.
    fn default() -> Self {
        let open = AdminExpiry { permanent_allowed: true, max_duration: None };
        RoleSettings {
            activation_max: DEFAULT_MAX_ACTIVATION,
            sign_in: SignInRequirement::None,
            justification: false,
            ticket: false,
            approval: false,
            approvers: Vec::new(),
            eligible_expiry: open,
            active_expiry: open,
            notifications: Vec::new(),
        }
    }
}

/// An editable rule of a policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SettingRule {
    ActivationDuration,
    ActivationRequirements,
    AuthenticationContext,
    Approval,
    EligibleExpiry,
    ActiveExpiry,
}

impl SettingRule {
    /// The editable rules, in the order cards and diffs list them.
    pub const ALL: [SettingRule; 6] = [
        SettingRule::ActivationDuration,
        SettingRule::ActivationRequirements,
        SettingRule::AuthenticationContext,
        SettingRule::Approval,
        SettingRule::EligibleExpiry,
        SettingRule::ActiveExpiry,
    ];

    /// The rule id shared by Graph and ARM.
    pub fn rule_id(self) -> &'static str {
        match self {
            SettingRule::ActivationDuration => "Expiration_EndUser_Assignment",
            SettingRule::ActivationRequirements => "Enablement_EndUser_Assignment",
            SettingRule::AuthenticationContext => "AuthenticationContext_EndUser_Assignment",
            SettingRule::Approval => "Approval_EndUser_Assignment",
            SettingRule::EligibleExpiry => "Expiration_Admin_Eligibility",
            SettingRule::ActiveExpiry => "Expiration_Admin_Assignment",
        }
    }

    /// The rule for a rule id (any case).
    pub fn from_rule_id(id: &str) -> Option<SettingRule> {
        SettingRule::ALL.into_iter().find(|r| r.rule_id().eq_ignore_ascii_case(id))
    }

    /// A short title: "Activation maximum".
    pub fn title(self) -> &'static str {
        match self {
            SettingRule::ActivationDuration => "Activation maximum",
            SettingRule::ActivationRequirements => "On activation",
            SettingRule::AuthenticationContext => "Authentication context",
            SettingRule::Approval => "Approval",
            SettingRule::EligibleExpiry => "Eligible assignments",
            SettingRule::ActiveExpiry => "Active assignments",
        }
    }
}

/// One rule that a change would rewrite, with the sentence before and after.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleChange {
    pub rule: SettingRule,
    pub before: String,
    pub after: String,
}

/// Why a draft cannot be saved, per field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingsProblem {
    pub rule: SettingRule,
    pub message: String,
}

/// Entra accepts activation between 30 minutes and 24 hours.
pub const MIN_ACTIVATION: IsoDuration = IsoDuration::from_minutes(30);
/// See [`MIN_ACTIVATION`].
pub const MAX_ACTIVATION: IsoDuration = IsoDuration::from_hours(24);

fn expiry(is_expiration_required: bool, maximum_duration: Option<IsoDuration>) -> AdminExpiry {
    AdminExpiry { permanent_allowed: !is_expiration_required, max_duration: maximum_duration }
}

impl RoleSettings {
    /// Reads the editable settings from a policy's rules (ids matched in any case; a missing
    /// rule keeps its documented default) and the notification rules as read.
    pub fn from_rules(rules: &[PolicyRule], notifications: Vec<Notification>) -> RoleSettings {
        let mut s = RoleSettings { notifications, ..RoleSettings::default() };
        let mut mfa = false;
        let mut context = None;
        for rule in rules {
            match (SettingRule::from_rule_id(&rule.id), &rule.facts) {
                (Some(SettingRule::ActivationDuration), RuleFacts::Expiration { maximum_duration, .. }) => {
                    if let Some(max) = maximum_duration.filter(|m| m.as_seconds() > 0) {
                        s.activation_max = max;
                    }
                }
                (Some(SettingRule::ActivationRequirements), RuleFacts::Enablement { enabled }) => {
                    mfa = enabled.contains(&Enablement::Mfa);
                    s.justification = enabled.contains(&Enablement::Justification);
                    s.ticket = enabled.contains(&Enablement::Ticketing);
                }
                (
                    Some(SettingRule::AuthenticationContext),
                    RuleFacts::AuthenticationContext { is_enabled: true, claim_value: Some(c) },
                ) if !c.trim().is_empty() => context = Some(c.trim().to_owned()),
                (
                    Some(SettingRule::Approval),
                    RuleFacts::Approval { is_approval_required, approvers, .. },
                ) => {
                    s.approval = *is_approval_required;
                    s.approvers = approvers.clone();
                }
                (
                    Some(SettingRule::EligibleExpiry),
                    RuleFacts::Expiration { is_expiration_required, maximum_duration },
                ) => s.eligible_expiry = expiry(*is_expiration_required, *maximum_duration),
                (
                    Some(SettingRule::ActiveExpiry),
                    RuleFacts::Expiration { is_expiration_required, maximum_duration },
                ) => s.active_expiry = expiry(*is_expiration_required, *maximum_duration),
                _ => {}
            }
        }
        // An authentication context replaces MFA (the portal offers one or the other).
        s.sign_in = match (context, mfa) {
            (Some(c), _) => SignInRequirement::Context(c),
            (None, true) => SignInRequirement::Mfa,
            (None, false) => SignInRequirement::None,
        };
        s
    }

    /// True when `rule` says the same in both.
    pub fn same_rule(&self, other: &RoleSettings, rule: SettingRule) -> bool {
        let ids = |s: &RoleSettings| {
            let mut v: Vec<String> = s.approvers.iter().map(|a| a.id.to_ascii_lowercase()).collect();
            v.sort();
            v
        };
        let same_expiry = |a: &AdminExpiry, b: &AdminExpiry| {
            a.permanent_allowed == b.permanent_allowed
                && (a.permanent_allowed || a.max_duration == b.max_duration)
        };
        match rule {
            SettingRule::ActivationDuration => self.activation_max == other.activation_max,
            SettingRule::ActivationRequirements => {
                (self.sign_in == SignInRequirement::Mfa, self.justification, self.ticket)
                    == (other.sign_in == SignInRequirement::Mfa, other.justification, other.ticket)
            }
            SettingRule::AuthenticationContext => self.sign_in.context() == other.sign_in.context(),
            SettingRule::Approval => {
                self.approval == other.approval && (!self.approval || ids(self) == ids(other))
            }
            SettingRule::EligibleExpiry => same_expiry(&self.eligible_expiry, &other.eligible_expiry),
            SettingRule::ActiveExpiry => same_expiry(&self.active_expiry, &other.active_expiry),
        }
    }

    /// What is wrong with a draft before it is saved.
    pub fn problems(&self) -> Vec<SettingsProblem> {
        let mut out = Vec::new();
        let mut add = |rule, message: &str| out.push(SettingsProblem { rule, message: message.to_owned() });
        if self.activation_max < MIN_ACTIVATION || self.activation_max > MAX_ACTIVATION {
            add(SettingRule::ActivationDuration, "Choose between 30 minutes and 24 hours.");
        }
        if let SignInRequirement::Context(c) = &self.sign_in {
            let ok = c
                .strip_prefix('c')
                .and_then(|n| n.parse::<u8>().ok())
                .is_some_and(|n| (1..=99).contains(&n) && !c[1..].starts_with('0'));
            if !ok {
                add(SettingRule::AuthenticationContext, "An authentication context is c1 to c99.");
            }
        }
        for (rule, e) in [
            (SettingRule::EligibleExpiry, &self.eligible_expiry),
            (SettingRule::ActiveExpiry, &self.active_expiry),
        ] {
            if !e.permanent_allowed && e.max_duration.is_none_or(|d| d.as_seconds() <= 0) {
                add(rule, "Give the longest an assignment may last, or allow permanent assignments.");
            }
        }
        out
    }

    /// These settings with the editable rules of `source` (copying one role's settings to
    /// another); the notifications stay this role's own.
    pub fn with_rules_of(&self, source: &RoleSettings) -> RoleSettings {
        RoleSettings { notifications: self.notifications.clone(), ..source.clone() }
    }
}

/// The rules whose meaning differs between `before` and `after`, in [`SettingRule::ALL`] order.
pub fn diff(before: &RoleSettings, after: &RoleSettings) -> Vec<RuleChange> {
    SettingRule::ALL
        .into_iter()
        .filter(|r| !before.same_rule(after, *r))
        .map(|rule| RuleChange { rule, before: before.describe(rule), after: after.describe(rule) })
        .collect()
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
