//! Who may change role settings: an active Privileged Role Administrator or Global
//! Administrator at the tenant scope (API.md §1). Others are told which role they need.

/// Global Administrator (role template id).
pub const GLOBAL_ADMINISTRATOR: &str = "62e90394-69f5-4237-9190-012177145e10";
/// Privileged Role Administrator (role template id).
pub const PRIVILEGED_ROLE_ADMINISTRATOR: &str = "e8611ab8-c189-46e8-94e1-60213ab1f814";

/// What the signed-in user may do on the Role settings page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SettingsAccess {
    /// Holds one of the two roles, active, tenant-wide.
    Admin,
    /// Eligible for one of them but not active now.
    EligibleOnly,
    /// Holds neither.
    None,
}

impl SettingsAccess {
    /// From the role ids the user holds at the tenant scope (`active`) and is eligible for.
    pub fn from_roles<'a>(
        active: impl IntoIterator<Item = &'a str>,
        eligible: impl IntoIterator<Item = &'a str>,
    ) -> SettingsAccess {
        let admin = |id: &str| {
            id.eq_ignore_ascii_case(GLOBAL_ADMINISTRATOR)
                || id.eq_ignore_ascii_case(PRIVILEGED_ROLE_ADMINISTRATOR)
        };
        if active.into_iter().any(admin) {
            SettingsAccess::Admin
        } else if eligible.into_iter().any(admin) {
            SettingsAccess::EligibleOnly
        } else {
            SettingsAccess::None
        }
    }

    /// The explanation shown instead of the page, with the next step; `None` for admins.
    pub fn explanation(self) -> Option<(&'static str, &'static str)> {
        match self {
            SettingsAccess::Admin => None,
            SettingsAccess::EligibleOnly => Some((
                "Role settings need the Privileged Role Administrator or Global Administrator role, active \
                 now. You are eligible for one of them but it is not active.",
                "Activate Privileged Role Administrator on My roles, then come back to this page.",
            )),
            SettingsAccess::None => Some((
                "Role settings need the Privileged Role Administrator or Global Administrator role. You hold \
                 neither, so this page cannot show or change them for you.",
                "Ask a Privileged Role Administrator to change the setting, or to make you eligible for the role.",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_active_admin_roles_open_the_page() {
        assert_eq!(SettingsAccess::from_roles([PRIVILEGED_ROLE_ADMINISTRATOR], []), SettingsAccess::Admin);
        assert_eq!(
            SettingsAccess::from_roles(["x", &GLOBAL_ADMINISTRATOR.to_uppercase()], []),
            SettingsAccess::Admin
        );
        assert_eq!(SettingsAccess::from_roles(["x"], [GLOBAL_ADMINISTRATOR]), SettingsAccess::EligibleOnly);
        assert_eq!(SettingsAccess::from_roles(["x"], ["y"]), SettingsAccess::None);
        assert!(SettingsAccess::None.explanation().unwrap().0.contains("Privileged Role Administrator"));
        assert!(SettingsAccess::Admin.explanation().is_none());
    }
}
