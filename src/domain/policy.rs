//! [`ActivationPolicy`]: what an item's role management policy demands of an activation.
//!
//! Built from the policy's rules in a neutral form ([`PolicyRule`]: rule id + [`RuleFacts`]), so
//! the adapter can feed Graph rules (`@odata.type`) and ARM rules (`ruleType`) alike; both use
//! the same 17 rule ids. Rules that are missing fall back to the documented service defaults
//! (8 h maximum, nothing required) rather than failing: a policy is advice for the form, and the
//! service enforces the real one when the request is sent.

use serde::{Deserialize, Serialize};

use super::duration::IsoDuration;

/// The activation limit for Entra roles and groups when a policy does not say (documented maximum).
pub const DEFAULT_MAX_ACTIVATION: IsoDuration = IsoDuration::from_hours(8);

/// One requirement named in an enablement rule's `enabledRules`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Enablement {
    /// `MultiFactorAuthentication`.
    Mfa,
    /// `Justification`.
    Justification,
    /// `Ticketing`.
    Ticketing,
    /// Any other value (kept, ignored).
    Other(String),
}

impl Enablement {
    /// Reads an `enabledRules` entry, case-insensitively.
    pub fn parse(s: &str) -> Self {
        match s.to_ascii_lowercase().as_str() {
            "multifactorauthentication" => Enablement::Mfa,
            "justification" => Enablement::Justification,
            "ticketing" => Enablement::Ticketing,
            _ => Enablement::Other(s.to_owned()),
        }
    }
}

/// Whether an approver is a person or a group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ApproverKind {
    /// Graph `singleUser`, ARM `userType: User`.
    User,
    /// Graph `groupMembers`, ARM `userType: Group`.
    Group,
}

/// One primary approver of an activation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approver {
    /// User or group object id.
    pub id: String,
    /// Display name (Graph `description`, ARM `description`), when known.
    pub name: Option<String>,
    /// Person or group.
    pub kind: ApproverKind,
}

impl Approver {
    /// The name to show: the display name, else the id.
    pub fn label(&self) -> &str {
        self.name.as_deref().filter(|n| !n.trim().is_empty()).unwrap_or(&self.id)
    }
}

/// The content of one rule, whatever the wire shape.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RuleFacts {
    /// `…ExpirationRule`: `isExpirationRequired`, `maximumDuration`.
    Expiration { is_expiration_required: bool, maximum_duration: Option<IsoDuration> },
    /// `…EnablementRule`: `enabledRules`.
    Enablement { enabled: Vec<Enablement> },
    /// `…ApprovalRule`: `setting.isApprovalRequired`, `setting.isRequestorJustificationRequired`
    /// and the first stage's primary approvers.
    Approval {
        is_approval_required: bool,
        is_requestor_justification_required: bool,
        approvers: Vec<Approver>,
    },
    /// `…AuthenticationContextRule`: `isEnabled`, `claimValue` (`c1`…).
    AuthenticationContext { is_enabled: bool, claim_value: Option<String> },
    /// Notification rules and anything else: no effect on activation.
    Other,
}

/// One rule: its id (`Expiration_EndUser_Assignment`, …) and facts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyRule {
    /// The rule id, matched case-insensitively.
    pub id: String,
    /// What it says.
    pub facts: RuleFacts,
}

/// A Conditional Access authentication context (`c1`…`c99`) that activation requires.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct AuthContext(pub String);

impl AuthContext {
    /// The claims challenge to send to the authorize endpoint (`claims=` parameter), the same
    /// JSON the service returns in `RoleAssignmentRequestAcrsValidationFailed`.
    pub fn claims_json(&self) -> String {
        format!(r#"{{"access_token":{{"acrs":{{"essential":true,"value":"{}"}}}}}}"#, self.0)
    }
}

/// An administrator's limit for one kind of assignment (`Expiration_Admin_*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminExpiry {
    /// Permanent assignments allowed (`isExpirationRequired == false`).
    pub permanent_allowed: bool,
    /// Longest time-bound assignment.
    pub max_duration: Option<IsoDuration>,
}

/// What activation of one item requires.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivationPolicy {
    /// Longest activation (`Expiration_EndUser_Assignment.maximumDuration`).
    pub max_duration: IsoDuration,
    /// MFA on activation.
    pub require_mfa: bool,
    /// Justification on activation (enablement rule, or the approval rule's requestor justification).
    pub require_justification: bool,
    /// Ticket on activation.
    pub require_ticket: bool,
    /// Authentication context on activation.
    pub auth_context: Option<AuthContext>,
    /// Approval on activation.
    pub approval_required: bool,
    /// Primary approvers when approval is required.
    pub approvers: Vec<Approver>,
    /// Eligible assignments (`Expiration_Admin_Eligibility`).
    pub eligible_expiry: AdminExpiry,
    /// Active assignments (`Expiration_Admin_Assignment`).
    pub active_expiry: AdminExpiry,
}

impl Default for ActivationPolicy {
    /// The documented defaults: 8 h, nothing required, permanent assignments allowed.
    fn default() -> Self {
        let open = AdminExpiry { permanent_allowed: true, max_duration: None };
        ActivationPolicy {
            max_duration: DEFAULT_MAX_ACTIVATION,
            require_mfa: false,
            require_justification: false,
            require_ticket: false,
            auth_context: None,
            approval_required: false,
            approvers: Vec::new(),
            eligible_expiry: open,
            active_expiry: open,
        }
    }
}

impl ActivationPolicy {
    /// Reads the rules that matter for activation; unknown and notification rules are ignored.
    pub fn from_rules(rules: &[PolicyRule]) -> Self {
        let mut p = ActivationPolicy::default();
        for rule in rules {
            let id = rule.id.to_ascii_lowercase();
            match (id.as_str(), &rule.facts) {
                ("expiration_enduser_assignment", RuleFacts::Expiration { maximum_duration, .. }) => {
                    if let Some(max) = maximum_duration.filter(|m| m.as_seconds() > 0) {
                        p.max_duration = max;
                    }
                }
                ("enablement_enduser_assignment", RuleFacts::Enablement { enabled }) => {
                    p.require_mfa |= enabled.contains(&Enablement::Mfa);
                    p.require_justification |= enabled.contains(&Enablement::Justification);
                    p.require_ticket |= enabled.contains(&Enablement::Ticketing);
                }
                (
                    "approval_enduser_assignment",
                    RuleFacts::Approval {
                        is_approval_required,
                        is_requestor_justification_required,
                        approvers,
                    },
                ) => {
                    p.approval_required = *is_approval_required;
                    // The requestor's justification only matters when an approver reads it.
                    p.require_justification |= *is_approval_required && *is_requestor_justification_required;
                    p.approvers = if *is_approval_required { approvers.clone() } else { Vec::new() };
                }
                (
                    "authenticationcontext_enduser_assignment",
                    RuleFacts::AuthenticationContext { is_enabled: true, claim_value: Some(c) },
                ) if !c.trim().is_empty() => p.auth_context = Some(AuthContext(c.trim().to_owned())),
                (
                    "expiration_admin_eligibility",
                    RuleFacts::Expiration { is_expiration_required, maximum_duration },
                ) => {
                    p.eligible_expiry = AdminExpiry {
                        permanent_allowed: !is_expiration_required,
                        max_duration: *maximum_duration,
                    }
                }
                (
                    "expiration_admin_assignment",
                    RuleFacts::Expiration { is_expiration_required, maximum_duration },
                ) => {
                    p.active_expiry = AdminExpiry {
                        permanent_allowed: !is_expiration_required,
                        max_duration: *maximum_duration,
                    }
                }
                _ => {}
            }
        }
        p
    }

    /// Names of the approvers, for "Approval: Bailey, Ops team".
    pub fn approver_names(&self) -> Vec<String> {
        self.approvers.iter().map(|a| a.label().to_owned()).collect()
    }
}

#[cfg(test)]
#[path = "policy_tests.rs"]
mod tests;
