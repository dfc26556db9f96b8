//! Pure PIM logic: ids, durations, policy requirements, plans, validation.
//!
//! Nothing here reads the clock or the network: time comes in as `DateTime<Utc>` parameters.

pub mod arm_scope;
pub mod badges;
pub mod countdown;
pub mod duration;
pub mod encode;
pub mod format;
pub mod ids;
pub mod item;
pub mod item_key;
pub mod policy;
pub mod policy_cache;

pub use arm_scope::{ArmScopeKind, ScopeRelation};
pub use badges::{Badge, BadgeKind};
pub use countdown::Countdown;
pub use duration::IsoDuration;
pub use ids::{
    AccessId, ArmScope, DirectoryScopeId, DirectoryScopeKind, EligibilityScheduleId, GroupId, PolicyId,
    PrincipalId, RequestId, RoleDefinitionId, RuleId,
};
pub use item::{ActiveKind, HeldVia, ItemState, RequestTarget, RoleItem, ScopeKind, ScopeLabel};
pub use item_key::{ItemKey, Plane};
pub use policy::{
    ActivationPolicy, AdminExpiry, Approver, ApproverKind, AuthContext, Enablement, PolicyRule, RuleFacts,
};
pub use policy_cache::PolicyCache;
