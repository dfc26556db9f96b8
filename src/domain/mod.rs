//! Pure PIM logic: ids, durations, policy requirements, plans, validation.

pub mod duration;
pub mod ids;

pub use duration::IsoDuration;
pub use ids::{
    ArmScope, DirectoryScopeId, GroupId, PolicyId, PrincipalId, RequestId, RoleDefinitionId, RuleId,
};
