//! Pure PIM logic: ids, durations, policy requirements, plans, validation.
//!
//! Nothing here reads the clock or the network: time comes in as `DateTime<Utc>` parameters.

pub mod arm_scope;
pub mod duration;
pub mod encode;
pub mod ids;
pub mod item;
pub mod item_key;

pub use arm_scope::{ArmScopeKind, ScopeRelation};
pub use duration::IsoDuration;
pub use ids::{
    AccessId, ArmScope, DirectoryScopeId, DirectoryScopeKind, EligibilityScheduleId, GroupId, PolicyId,
    PrincipalId, RequestId, RoleDefinitionId, RuleId,
};
pub use item::{ActiveKind, HeldVia, ItemState, RequestTarget, RoleItem, ScopeKind, ScopeLabel};
pub use item_key::{ItemKey, Plane};
