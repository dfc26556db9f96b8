//! Display names of an ARM schedule object, from its `expandedProperties` (no extra calls).

use crate::domain::arm_scope::ArmScopeKind;
use crate::domain::ids::{ArmScope, RoleDefinitionId};
use crate::domain::item::{ScopeKind, ScopeLabel};
use crate::graph::wire::arm::ArmExpandedProperties;

/// The role's name (else its GUID) and the scope's label (else the last segment of its id).
pub(crate) fn arm_names(
    expanded: Option<&ArmExpandedProperties>,
    role: &RoleDefinitionId,
    scope: &ArmScope,
) -> (String, ScopeLabel) {
    let role_name = expanded
        .and_then(|e| e.role_definition.as_ref())
        .and_then(|d| d.display_name.clone())
        .unwrap_or_else(|| role.guid());
    let scope_name = expanded
        .and_then(|e| e.scope.as_ref())
        .and_then(|s| s.display_name.clone())
        .unwrap_or_else(|| scope.short_name().to_owned());
    let kind = match scope.kind() {
        ArmScopeKind::Root | ArmScopeKind::ManagementGroup => ScopeKind::ManagementGroup,
        ArmScopeKind::Subscription => ScopeKind::Subscription,
        ArmScopeKind::ResourceGroup => ScopeKind::ResourceGroup,
        _ => ScopeKind::Resource,
    };
    (role_name, ScopeLabel { kind, name: scope_name })
}
