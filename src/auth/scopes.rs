//! Which delegated permissions each feature needs (API.md §1 scope table), for incremental
//! consent: read scopes at sign-in, write and admin scopes when a feature is first used.

use std::fmt;

use super::authorize::AuthConfig;
use crate::graph::Api;

/// OpenID Connect scopes sent with every authorize and token request (ID token, refresh token).
pub const OIDC_SCOPES: [&str; 3] = ["openid", "profile", "offline_access"];

/// A group of operations that needs its own permissions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Feature {
    /// My eligible and active roles and groups, role settings, role definitions (sign-in).
    Read,
    /// Activate, deactivate, extend my directory roles and group memberships.
    ActivationWrites,
    /// Approve or deny others' requests.
    Approvals,
    /// Assign and remove eligible and active assignments (administrators).
    Assignments,
    /// Edit role settings (policies).
    PolicyWrites,
    /// Read the audit history.
    Audit,
    /// Access reviews of privileged roles.
    AccessReviews,
    /// Azure resource roles (a separate ARM token).
    AzureResources,
}

impl Feature {
    /// Every feature, in the order the UI lists them.
    pub const ALL: [Feature; 8] = [
        Feature::Read,
        Feature::ActivationWrites,
        Feature::Approvals,
        Feature::Assignments,
        Feature::PolicyWrites,
        Feature::Audit,
        Feature::AccessReviews,
        Feature::AzureResources,
    ];

    /// The resource the feature's scopes belong to.
    pub fn api(self) -> Api {
        match self {
            Feature::AzureResources => Api::Arm,
            _ => Api::Graph,
        }
    }

    /// Permission names, least privilege first (API.md §1). Graph names are unqualified here.
    pub fn permissions(self) -> &'static [&'static str] {
        match self {
            Feature::Read => &[
                "RoleEligibilitySchedule.Read.Directory",
                "RoleAssignmentSchedule.Read.Directory",
                "RoleManagementPolicy.Read.Directory",
                // [I] not re-checked in API.md: role definitions.
                "RoleManagement.Read.Directory",
                "PrivilegedEligibilitySchedule.Read.AzureADGroup",
                "PrivilegedAssignmentSchedule.Read.AzureADGroup",
                "RoleManagementPolicy.Read.AzureADGroup",
            ],
            Feature::ActivationWrites => &[
                "RoleAssignmentSchedule.ReadWrite.Directory",
                "PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup",
            ],
            // [O] the beta approvals error names exactly PrivilegedAccess.*.AzureAD.
            Feature::Approvals => &[
                "PrivilegedAccess.ReadWrite.AzureAD",
                "RoleAssignmentSchedule.ReadWrite.Directory",
                "PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup",
            ],
            Feature::Assignments => &[
                "RoleEligibilitySchedule.ReadWrite.Directory",
                "RoleAssignmentSchedule.ReadWrite.Directory",
                "PrivilegedEligibilitySchedule.ReadWrite.AzureADGroup",
                "PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup",
                // The people and group pickers and the CSV look-ups (`/users`, `/groups`).
                "User.ReadBasic.All",
                "GroupMember.Read.All",
            ],
            Feature::PolicyWrites => {
                &["RoleManagementPolicy.ReadWrite.Directory", "RoleManagementPolicy.ReadWrite.AzureADGroup"]
            }
            Feature::Audit => &["AuditLog.Read.All", "Directory.Read.All"],
            // [I] names standard, not re-checked in API.md.
            Feature::AccessReviews => &["AccessReview.ReadWrite.All"],
            Feature::AzureResources => &["user_impersonation"],
        }
    }

    /// The scopes to request, qualified with the resource id of the configured cloud
    /// (`https://graph.microsoft.com/RoleAssignmentSchedule.ReadWrite.Directory`).
    pub fn scopes(self, cfg: &AuthConfig) -> Vec<String> {
        let resource = match self.api() {
            Api::Graph => &cfg.graph_resource,
            Api::Arm => &cfg.arm_resource,
        };
        self.permissions().iter().map(|p| format!("{}/{p}", resource.trim_end_matches('/'))).collect()
    }

    /// What the feature does, for sentences shown to the user.
    pub fn describe(self) -> &'static str {
        match self {
            Feature::Read => "read your roles and their settings",
            Feature::ActivationWrites => "activate, extend and deactivate roles",
            Feature::Approvals => "approve or deny requests",
            Feature::Assignments => "assign and remove roles",
            Feature::PolicyWrites => "change role settings",
            Feature::Audit => "read the audit history",
            Feature::AccessReviews => "run access reviews",
            Feature::AzureResources => "manage Azure resource roles",
        }
    }

    /// The sentence shown after a 403 or `consent_required`: which permission an administrator
    /// must grant, and where.
    pub fn consent_explanation(self) -> String {
        let api = match self.api() {
            Api::Graph => "Microsoft Graph",
            Api::Arm => "Azure Service Management",
        };
        format!(
            "To {}, this app needs the delegated {api} permission {}. An administrator must grant it: \
             Entra admin center > App registrations > this app > API permissions > Add a permission > {api} > \
             Delegated > {}, then \"Grant admin consent\".",
            self.describe(),
            join_names(self.permissions()),
            self.permissions()[0],
        )
    }
}

impl fmt::Display for Feature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

fn join_names(names: &[&str]) -> String {
    match names {
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
        [] => String::new(),
    }
}

/// The scopes the sign-in asks for: reading only, on Graph. Writes come later, when needed.
pub fn sign_in_scopes(cfg: &AuthConfig) -> Vec<String> {
    Feature::Read.scopes(cfg)
}

/// The features whose scopes are not all in `granted` (the `scope` of the last token response,
/// space-separated and qualified): what still needs consent.
pub fn missing_features(cfg: &AuthConfig, granted: &str) -> Vec<Feature> {
    let granted: Vec<String> = granted.split_whitespace().map(str::to_ascii_lowercase).collect();
    let has = |scope: &str| {
        let scope = scope.to_ascii_lowercase();
        let bare = scope.rsplit('/').next().unwrap_or(&scope).to_owned();
        granted.iter().any(|g| *g == scope || *g == bare)
    };
    Feature::ALL.into_iter().filter(|f| !f.scopes(cfg).iter().all(|s| has(s))).collect()
}
