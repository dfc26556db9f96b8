//! Wire types for Graph, ARM and the identity platform: tolerant reading (unknown fields
//! ignored, unknown enum members kept, any enum letter case, 0-7 fraction digits), exact
//! writing (camelCase, only what is set).

pub mod approval;
pub mod approvers;
pub mod arm;
pub mod audit;
pub mod batch;
pub mod builders;
pub mod enums;
pub mod error_body;
pub mod groups;
pub mod policy;
pub mod principal;
pub mod review;
pub mod roles;
pub mod rules;
pub mod schedule;
pub mod time;
pub mod values;

pub use approval::{Approval, ApprovalDecisionBody, ApprovalStep};
pub use approvers::{ApprovalSettings, ApprovalStageSettings, Approver};
pub use arm::*;
pub use audit::DirectoryAudit;
pub use batch::{BatchRequestBody, BatchRequestItem, BatchResponseBody, BatchResponseItem};
pub use enums::WireEnum;
pub use error_body::{ErrorBody, ErrorDetail, IdentityErrorBody, InnerError};
pub use groups::{GroupSchedule, GroupScheduleInstance, GroupScheduleRequest, GroupScheduleRequestBody};
pub use policy::{RoleManagementPolicy, RoleManagementPolicyAssignment, RoleManagementPolicyPatch};
pub use principal::{AdministrativeUnit, DirectoryObject, Group, ServicePrincipal, User};
pub use review::{
    AccessReviewDecisionItem, AccessReviewDefinition, AccessReviewInstance, AccessReviewScope,
    RecordAllDecisionsBody, ReviewDecisionBody,
};
pub use roles::{
    RoleAssignment, RoleDefinition, RoleSchedule, RoleScheduleInstance, RoleScheduleRequest,
    RoleScheduleRequestBody,
};
pub use rules::{PolicyRule, RuleDialect, RuleKind, RuleTarget};
pub use schedule::{ExpirationPattern, Identity, IdentitySet, ODataPage, RequestSchedule, TicketInfo};
pub use time::Timestamp;
pub use values::*;
