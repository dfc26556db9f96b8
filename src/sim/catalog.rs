//! Built-in role definitions: Microsoft Entra roles (real template ids and names, from the
//! Microsoft Entra "built-in roles" permissions reference) and common Azure built-in roles
//! (real ARM role definition GUIDs).

/// A built-in Microsoft Entra role.
#[derive(Clone, Copy, Debug)]
pub struct EntraRole {
    pub id: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub privileged: bool,
}

const fn r(id: &'static str, name: &'static str, description: &'static str, privileged: bool) -> EntraRole {
    EntraRole { id, name, description, privileged }
}

/// Global Administrator.
pub const GLOBAL_ADMIN: &str = "62e90394-69f5-4237-9190-012177145e10";
/// Privileged Role Administrator.
pub const PRIVILEGED_ROLE_ADMIN: &str = "e8611ab8-c189-46e8-94e1-60213ab1f814";
/// User Administrator.
pub const USER_ADMIN: &str = "fe930be7-5e62-47db-91af-98c3a49a38b1";
/// Exchange Administrator.
pub const EXCHANGE_ADMIN: &str = "29232cdf-9323-42fd-ade2-1d097af3e4de";
/// Security Administrator.
pub const SECURITY_ADMIN: &str = "194ae4cb-b126-40b2-bd5b-6091b380977d";
/// Intune Administrator.
pub const INTUNE_ADMIN: &str = "3a2c62db-5318-420d-8d74-23affee5d9d5";
/// Helpdesk Administrator.
pub const HELPDESK_ADMIN: &str = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
/// Global Reader.
pub const GLOBAL_READER: &str = "f2ef992c-3afb-46b9-b7cf-a126ee74c451";
/// Reports Reader.
pub const REPORTS_READER: &str = "4a5d8f65-41da-4de4-8968-e035b65339cf";
/// Groups Administrator.
pub const GROUPS_ADMIN: &str = "fdd7a751-b60b-444a-984c-02652fe8fa1c";

/// The Entra roles the sim knows (the most used built-in roles).
pub const ENTRA_ROLES: &[EntraRole] = &[
    r(GLOBAL_ADMIN, "Global Administrator", "Can manage all aspects of Microsoft Entra ID and Microsoft services that use Microsoft Entra identities.", true),
    r(PRIVILEGED_ROLE_ADMIN, "Privileged Role Administrator", "Can manage role assignments in Microsoft Entra ID, and all aspects of Privileged Identity Management.", true),
    r(USER_ADMIN, "User Administrator", "Can manage all aspects of users and groups, including resetting passwords for limited admins.", true),
    r(EXCHANGE_ADMIN, "Exchange Administrator", "Can manage all aspects of the Exchange product.", false),
    r(SECURITY_ADMIN, "Security Administrator", "Can read security information and reports, and manage configuration in Microsoft Entra ID and Office 365.", true),
    r(INTUNE_ADMIN, "Intune Administrator", "Can manage all aspects of the Intune product.", true),
    r(HELPDESK_ADMIN, "Helpdesk Administrator", "Can reset passwords for non-administrators and Helpdesk Administrators.", true),
    r(GLOBAL_READER, "Global Reader", "Can read everything that a Global Administrator can, but not update anything.", true),
    r(REPORTS_READER, "Reports Reader", "Can read sign-in and audit reports.", false),
    r(GROUPS_ADMIN, "Groups Administrator", "Members of this role can create/manage groups, create/manage groups settings like naming and expiration policies, and view groups activity and audit reports.", false),
    r("9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3", "Application Administrator", "Can create and manage all aspects of app registrations and enterprise apps.", true),
    r("cf1c38e5-3621-4004-a7cb-879624dced7c", "Application Developer", "Can create application registrations independent of the 'Users can register applications' setting.", true),
    r("158c047a-c907-4556-b7ef-446551a6b5f7", "Cloud Application Administrator", "Can create and manage all aspects of app registrations and enterprise apps except App Proxy.", true),
    r("c4e39bd9-1100-46d3-8c65-fb160da0071f", "Authentication Administrator", "Can access to view, set and reset authentication method information for any non-admin user.", true),
    r("7be44c8a-adaf-4e2a-84d6-ab2649e08a13", "Privileged Authentication Administrator", "Can access to view, set and reset authentication method information for any user (admin or non-admin).", true),
    r("0526716b-113d-4c15-b2c8-68e3c22b9f80", "Authentication Policy Administrator", "Can create and manage the authentication methods policy, tenant-wide MFA settings, password protection policy, and verifiable credentials.", false),
    r("b1be1c3e-b65d-4f19-8427-f6fa0d97feb9", "Conditional Access Administrator", "Can manage Conditional Access capabilities.", true),
    r("b0f54661-2d74-4c50-afa3-1ec803f12efe", "Billing Administrator", "Can perform common billing related tasks like updating payment information.", false),
    r("7698a772-787b-4ac8-901f-60d6b08affd2", "Cloud Device Administrator", "Limited access to manage devices in Microsoft Entra ID.", true),
    r("17315797-102d-40b4-93e0-432062caca18", "Compliance Administrator", "Can read and manage compliance configuration and reports in Microsoft Entra ID and Microsoft 365.", false),
    r("e6d1a23a-da11-4be4-9570-befc86d067a7", "Compliance Data Administrator", "Creates and manages compliance content.", false),
    r("88d8e3e3-8f55-4a1e-953a-9b9898b8876b", "Directory Readers", "Can read basic directory information. Commonly used to grant directory read access to applications and guests.", false),
    r("9360feb5-f418-4baa-8175-e2a00bac4301", "Directory Writers", "Can read and write basic directory information. For granting access to applications, not intended for users.", true),
    r("8329153b-31d0-4727-b945-745eb3bc5f31", "Domain Name Administrator", "Can manage domain names in cloud and on-premises.", true),
    r("44367163-eba1-44c3-98af-f5787879f96a", "Dynamics 365 Administrator", "Can manage all aspects of the Dynamics 365 product.", false),
    r("be2f45a1-457d-42af-a067-6ec1fa63bc45", "External Identity Provider Administrator", "Can configure identity providers for use in direct federation.", true),
    r("a9ea8996-122f-4c74-9520-8edcd192826c", "Fabric Administrator", "Can manage all aspects of the Fabric and Power BI products.", false),
    r("95e79109-95c0-4d8e-aee3-d01accf2d47b", "Guest Inviter", "Can invite guest users independent of the 'members can invite guests' setting.", false),
    r("8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2", "Hybrid Identity Administrator", "Manage Active Directory to Microsoft Entra cloud provisioning, Microsoft Entra Connect, pass-through authentication (PTA), password hash synchronization (PHS), seamless single sign-on (seamless SSO), and federation settings.", true),
    r("45d8d3c5-c802-45c6-b32a-1d70b5e1e86e", "Identity Governance Administrator", "Manage access using Microsoft Entra ID for identity governance scenarios.", false),
    r("4d6ac14f-3453-41d0-bef9-a3e0c569773a", "License Administrator", "Can manage product licenses on users and groups.", false),
    r("966707d0-3269-4727-9be2-8c3a10f19b9d", "Password Administrator", "Can reset passwords for non-administrators and Password Administrators.", true),
    r("11648597-926c-4cf3-9c36-bcebb0ba8dcc", "Power Platform Administrator", "Can create and manage all aspects of Microsoft Dynamics 365, Power Apps and Power Automate.", false),
    r("5f2222b1-57c3-48ba-8ad5-d4759f1fde6f", "Security Operator", "Creates and manages security events.", true),
    r("5d6b6bb7-de71-4623-b4af-96380a352509", "Security Reader", "Can read security information and reports in Microsoft Entra ID and Office 365.", true),
    r("f023fd81-a637-4b56-95fd-791ac0226033", "Service Support Administrator", "Can read service health information and manage support tickets.", false),
    r("f28a1f50-f6e7-4571-818b-6a12f2af6b6c", "SharePoint Administrator", "Can manage all aspects of the SharePoint service.", false),
    r("69091246-20e8-4a56-aa4d-066075b2a7a8", "Teams Administrator", "Can manage the Microsoft Teams service.", false),
    r("baf37b3a-610e-45da-9e62-d9d1e5e8914b", "Teams Communications Administrator", "Can manage calling and meetings features within the Microsoft Teams service.", false),
    r("11451d60-acb2-45eb-a7d6-43d0f0125c13", "Windows 365 Administrator", "Can provision and manage all aspects of Cloud PCs.", false),
];

/// The Entra role with this id (case-insensitive).
pub fn entra_role(id: &str) -> Option<&'static EntraRole> {
    ENTRA_ROLES.iter().find(|r| r.id.eq_ignore_ascii_case(id))
}

/// An Azure built-in role.
#[derive(Clone, Copy, Debug)]
pub struct AzureRole {
    pub id: &'static str,
    pub name: &'static str,
}

/// Owner.
pub const OWNER: &str = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
/// Contributor.
pub const CONTRIBUTOR: &str = "b24988ac-6180-42a0-ab88-20f7382dd24c";
/// Reader.
pub const READER: &str = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
/// User Access Administrator.
pub const USER_ACCESS_ADMIN: &str = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";

/// The Azure roles the sim knows.
pub const AZURE_ROLES: &[AzureRole] = &[
    AzureRole { id: OWNER, name: "Owner" },
    AzureRole { id: CONTRIBUTOR, name: "Contributor" },
    AzureRole { id: READER, name: "Reader" },
    AzureRole { id: USER_ACCESS_ADMIN, name: "User Access Administrator" },
];

/// The Azure role with this GUID, or with a full role definition id ending in it.
pub fn azure_role(id: &str) -> Option<&'static AzureRole> {
    let guid = id.rsplit('/').next().unwrap_or(id);
    AZURE_ROLES.iter().find(|r| r.id.eq_ignore_ascii_case(guid))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_least_thirty_distinct_entra_roles_with_guid_ids() {
        assert!(ENTRA_ROLES.len() >= 30);
        for role in ENTRA_ROLES {
            assert!(crate::config::is_guid(role.id), "{}", role.name);
            assert_eq!(ENTRA_ROLES.iter().filter(|o| o.id == role.id).count(), 1, "{}", role.name);
        }
        assert_eq!(entra_role(GLOBAL_ADMIN).unwrap().name, "Global Administrator");
        assert_eq!(
            azure_role(&format!(
                "/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/{READER}"
            ))
            .unwrap()
            .name,
            "Reader"
        );
    }
}
