//! Enum members of the PIM wire types (`[S:csdl]` unless noted). All are tolerant: see
//! [`super::enums`].

use super::enums::wire_enum;

wire_enum!(
    /// `unifiedRoleScheduleRequestActions` / `scheduleRequestActions` (ARM: `requestType`).
    ScheduleAction {
        AdminAssign = "adminAssign",
        AdminUpdate = "adminUpdate",
        AdminRemove = "adminRemove",
        SelfActivate = "selfActivate",
        SelfDeactivate = "selfDeactivate",
        AdminExtend = "adminExtend",
        AdminRenew = "adminRenew",
        SelfExtend = "selfExtend",
        SelfRenew = "selfRenew",
    }
);

wire_enum!(
    /// `request.status` (a plain string in Graph; ARM documents a longer list, all kept here).
    RequestStatus {
        Accepted = "Accepted",
        PendingEvaluation = "PendingEvaluation",
        Granted = "Granted",
        Denied = "Denied",
        PendingProvisioning = "PendingProvisioning",
        Provisioned = "Provisioned",
        PendingRevocation = "PendingRevocation",
        Revoked = "Revoked",
        Canceled = "Canceled",
        Failed = "Failed",
        PendingApprovalProvisioning = "PendingApprovalProvisioning",
        PendingApproval = "PendingApproval",
        FailedAsResourceIsLocked = "FailedAsResourceIsLocked",
        PendingAdminDecision = "PendingAdminDecision",
        AdminApproved = "AdminApproved",
        AdminDenied = "AdminDenied",
        TimedOut = "TimedOut",
        ProvisioningStarted = "ProvisioningStarted",
        Invalid = "Invalid",
        PendingScheduleCreation = "PendingScheduleCreation",
        ScheduleCreated = "ScheduleCreated",
        PendingExternalProvisioning = "PendingExternalProvisioning",
    }
);

wire_enum!(
    /// `expirationPatternType`.
    ExpirationType {
        NotSpecified = "notSpecified",
        NoExpiration = "noExpiration",
        AfterDateTime = "afterDateTime",
        AfterDuration = "afterDuration",
    }
);

wire_enum!(
    /// How a principal holds an instance: roles `Direct|Group|Inherited` (string), groups
    /// `direct|group` (enum; the examples write `Direct`).
    MemberType {
        Direct = "Direct",
        Group = "Group",
        Inherited = "Inherited",
    }
);

wire_enum!(
    /// Assignment instance kind: `Assigned` (permanent or time-bound active) or `Activated`.
    AssignmentType {
        Assigned = "Assigned",
        Activated = "Activated",
    }
);

wire_enum!(
    /// PIM for Groups access: membership or ownership.
    AccessId {
        Member = "member",
        Owner = "owner",
    }
);

impl AccessId {
    /// The domain's access kind; `None` for a member this client does not know.
    pub fn to_domain(&self) -> Option<crate::domain::ids::AccessId> {
        match self {
            AccessId::Member => Some(crate::domain::ids::AccessId::Member),
            AccessId::Owner => Some(crate::domain::ids::AccessId::Owner),
            AccessId::Other(_) => None,
        }
    }
}

impl From<crate::domain::ids::AccessId> for AccessId {
    fn from(access: crate::domain::ids::AccessId) -> Self {
        match access {
            crate::domain::ids::AccessId::Member => AccessId::Member,
            crate::domain::ids::AccessId::Owner => AccessId::Owner,
        }
    }
}

wire_enum!(
    /// ARM `principalType`.
    PrincipalType {
        User = "User",
        Group = "Group",
        ServicePrincipal = "ServicePrincipal",
        ForeignGroup = "ForeignGroup",
        Device = "Device",
    }
);

wire_enum!(
    /// Policy rule target caller.
    RuleCaller {
        Admin = "Admin",
        EndUser = "EndUser",
    }
);

wire_enum!(
    /// Policy rule target level.
    RuleLevel {
        Eligibility = "Eligibility",
        Assignment = "Assignment",
    }
);

wire_enum!(
    /// `unifiedRoleManagementPolicyRuleTargetOperations` (requests send `All`, responses `all`).
    RuleOperation {
        All = "all",
        Activate = "activate",
        Deactivate = "deactivate",
        Assign = "assign",
        Update = "update",
        Remove = "remove",
        Extend = "extend",
        Renew = "renew",
    }
);

wire_enum!(
    /// What an enablement rule demands.
    EnablementRequirement {
        MultiFactorAuthentication = "MultiFactorAuthentication",
        Justification = "Justification",
        Ticketing = "Ticketing",
    }
);

wire_enum!(
    /// `approvalSettings.approvalMode`.
    ApprovalMode {
        SingleStage = "SingleStage",
        Serial = "Serial",
        Parallel = "Parallel",
        NoApproval = "NoApproval",
    }
);

wire_enum!(
    /// Notification channel (only `Email` exists today).
    NotificationType {
        Email = "Email",
    }
);

wire_enum!(
    /// Who a notification rule addresses.
    RecipientType {
        Requestor = "Requestor",
        Approver = "Approver",
        Admin = "Admin",
    }
);

wire_enum!(
    /// Which notifications are sent.
    NotificationLevel {
        None = "None",
        Critical = "Critical",
        All = "All",
    }
);

wire_enum!(
    /// An approval step's verdict. The docs also list `Approved`/`Denied`; the live service
    /// reads back `Approve` `[O:evidence]`, and anything else is kept in `Other`.
    ReviewResult {
        NotReviewed = "NotReviewed",
        Approve = "Approve",
        Deny = "Deny",
    }
);

wire_enum!(
    /// An approval step's state.
    ApprovalStepStatus {
        NotStarted = "NotStarted",
        InProgress = "InProgress",
        Completed = "Completed",
        Escalated = "Escalated",
    }
);

wire_enum!(
    /// An access review decision.
    ReviewDecision {
        Approve = "Approve",
        Deny = "Deny",
        DontKnow = "DontKnow",
        NotReviewed = "NotReviewed",
        NotNotified = "NotNotified",
    }
);

wire_enum!(
    /// ARM approver kind.
    ApproverType {
        User = "User",
        Group = "Group",
    }
);
