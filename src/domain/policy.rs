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
mod tests {
    use super::*;

    fn rule(id: &str, facts: RuleFacts) -> PolicyRule {
        PolicyRule { id: id.to_owned(), facts }
    }

    /// The non-notification rules of the official ARM policy example
    /// (fixtures/arm_roleManagementPolicyAssignments_list_response.json), transcribed.
    fn arm_example() -> Vec<PolicyRule> {
        let exp = |req, d: &str| RuleFacts::Expiration {
            is_expiration_required: req,
            maximum_duration: Some(IsoDuration::parse(d).unwrap()),
        };
        let group = |id: &str, name: &str| Approver {
            id: id.into(),
            name: Some(name.into()),
            kind: ApproverKind::Group,
        };
        vec![
            rule("Enablement_Admin_Eligibility", RuleFacts::Enablement { enabled: vec![] }),
            rule("Expiration_Admin_Eligibility", exp(true, "P90D")),
            rule("Notification_Admin_Admin_Eligibility", RuleFacts::Other),
            rule("Expiration_Admin_Assignment", exp(false, "P90D")),
            rule(
                "Approval_EndUser_Assignment",
                RuleFacts::Approval {
                    is_approval_required: true,
                    is_requestor_justification_required: true,
                    approvers: vec![group("2385b0f3", "amansw_new_group"), group("2f4913c9", "amansw_group")],
                },
            ),
            rule(
                "AuthenticationContext_EndUser_Assignment",
                RuleFacts::AuthenticationContext { is_enabled: false, claim_value: Some(String::new()) },
            ),
            rule(
                "Enablement_EndUser_Assignment",
                RuleFacts::Enablement {
                    enabled: ["MultiFactorAuthentication", "Justification", "Ticketing"]
                        .map(Enablement::parse)
                        .to_vec(),
                },
            ),
            rule("Expiration_EndUser_Assignment", exp(true, "PT7H")),
        ]
    }

    #[test]
    fn reads_the_official_arm_example() {
        let p = ActivationPolicy::from_rules(&arm_example());
        assert_eq!(p.max_duration, IsoDuration::from_hours(7));
        assert!(p.require_mfa && p.require_justification && p.require_ticket);
        assert!(p.approval_required);
        assert_eq!(p.approver_names(), ["amansw_new_group", "amansw_group"]);
        assert_eq!(p.auth_context, None);
        assert_eq!(
            p.eligible_expiry,
            AdminExpiry { permanent_allowed: false, max_duration: Some(IsoDuration::from_days(90)) }
        );
        assert!(p.active_expiry.permanent_allowed);
    }

    #[test]
    fn missing_rules_mean_service_defaults() {
        let p = ActivationPolicy::from_rules(&[]);
        assert_eq!(p, ActivationPolicy::default());
        assert_eq!(p.max_duration, IsoDuration::from_hours(8));
    }

    #[test]
    fn auth_context_needs_enabled_and_a_claim() {
        let on = |enabled, claim: Option<&str>| {
            ActivationPolicy::from_rules(&[rule(
                "authenticationContext_EndUser_Assignment",
                RuleFacts::AuthenticationContext {
                    is_enabled: enabled,
                    claim_value: claim.map(str::to_owned),
                },
            )])
            .auth_context
        };
        assert_eq!(on(true, Some("c1")), Some(AuthContext("c1".into())));
        assert_eq!(on(true, None), None);
        assert_eq!(on(false, Some("c1")), None);
        assert_eq!(
            AuthContext("c1".into()).claims_json(),
            r#"{"access_token":{"acrs":{"essential":true,"value":"c1"}}}"#
        );
    }

    #[test]
    fn approvers_are_dropped_when_approval_is_off_and_rules_of_other_kinds_ignored() {
        let p = ActivationPolicy::from_rules(&[
            rule(
                "Approval_EndUser_Assignment",
                RuleFacts::Approval {
                    is_approval_required: false,
                    is_requestor_justification_required: true,
                    approvers: vec![Approver { id: "u1".into(), name: None, kind: ApproverKind::User }],
                },
            ),
            rule("Expiration_EndUser_Assignment", RuleFacts::Enablement { enabled: vec![Enablement::Mfa] }),
        ]);
        assert!(!p.approval_required && p.approvers.is_empty());
        assert!(!p.require_justification, "requestor justification only counts with approval");
        assert!(!p.require_mfa, "an enablement payload under an expiration id is ignored");
    }
}
