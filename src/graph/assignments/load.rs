//! Instances in force as assignment rows, and each role's or group's admin rules.

use futures::future::join;

use crate::domain::assignments::{
    admin_standing, AdminStanding, AssignmentRow, AssignmentRules, AssignmentTarget, Principal,
    PrincipalKind, Via,
};
use crate::domain::deactivate::AssignmentLevel;
use crate::domain::ids::{AccessId, DirectoryScopeId, GroupId, PrincipalId, RoleDefinitionId};
use crate::graph::adapt::rule;
use crate::graph::client::{GraphClient, InstanceFilter};
use crate::graph::error::GraphError;
use crate::graph::wire::{
    AssignmentType, DirectoryObject, GroupScheduleInstance, MemberType, RoleManagementPolicyAssignment,
    RoleScheduleInstance,
};

/// The principal of an instance: `$expand=principal` when present, else only the id.
pub(crate) fn principal_of(id: Option<&PrincipalId>, expanded: Option<&DirectoryObject>) -> Principal {
    let id = id
        .cloned()
        .or_else(|| expanded.and_then(|p| p.id()).map(PrincipalId::new))
        .unwrap_or_else(|| PrincipalId::new(""));
    let (kind, upn) = match expanded {
        Some(DirectoryObject::User(u)) => (PrincipalKind::User, u.user_principal_name.clone()),
        Some(DirectoryObject::Group(_)) => (PrincipalKind::Group, None),
        Some(DirectoryObject::ServicePrincipal(_)) => (PrincipalKind::ServicePrincipal, None),
        _ => (PrincipalKind::Other, None),
    };
    let name = expanded
        .and_then(DirectoryObject::display_name)
        .filter(|n| !n.trim().is_empty())
        .map_or_else(|| id.as_str().to_owned(), str::to_owned);
    Principal { id, kind, name, upn }
}

fn via(m: Option<&MemberType>) -> Via {
    Via::parse(m.map(|m| m.as_str()))
}

fn role_row(i: &RoleScheduleInstance, level: AssignmentLevel) -> Option<AssignmentRow> {
    let role = i.role_definition_id.clone()?;
    Some(AssignmentRow {
        principal: principal_of(i.principal_id.as_ref(), i.principal.as_ref()),
        target: AssignmentTarget::Role {
            role,
            scope: i.directory_scope_id.clone().unwrap_or_else(DirectoryScopeId::tenant),
        },
        level,
        start: i.start_date_time.map(|t| t.0),
        end: i.end_date_time.map(|t| t.0),
        via: via(i.member_type.as_ref()),
        activation: i.assignment_type == Some(AssignmentType::Activated),
        source: None,
    })
}

fn group_row(i: &GroupScheduleInstance, level: AssignmentLevel) -> Option<AssignmentRow> {
    Some(AssignmentRow {
        principal: principal_of(i.principal_id.as_ref(), i.principal.as_ref()),
        target: AssignmentTarget::Group {
            group: i.group_id.clone()?,
            access: i.access_id.as_ref()?.to_domain()?,
        },
        level,
        start: i.start_date_time.map(|t| t.0),
        end: i.end_date_time.map(|t| t.0),
        via: via(i.member_type.as_ref()),
        activation: i.assignment_type == Some(AssignmentType::Activated),
        source: None,
    })
}

/// Every eligible and active assignment of a directory role (all scopes).
/// Both lists are read at once; either failing fails the whole (a half list would mislead).
pub async fn role_assignments(
    client: &GraphClient,
    role: &RoleDefinitionId,
) -> Result<Vec<AssignmentRow>, GraphError> {
    let filter = InstanceFilter { principal_id: None, role_definition_id: Some(role.clone()) };
    let (eligible, active) =
        join(client.list_role_eligibility_instances(&filter), client.list_role_assignment_instances(&filter))
            .await;
    let mut rows: Vec<AssignmentRow> =
        eligible?.iter().filter_map(|i| role_row(i, AssignmentLevel::Eligibility)).collect();
    rows.extend(active?.iter().filter_map(|i| role_row(i, AssignmentLevel::Assignment)));
    Ok(rows)
}

/// Every eligible and active membership and ownership of a PIM group.
pub async fn group_assignments(
    client: &GraphClient,
    group: &GroupId,
) -> Result<Vec<AssignmentRow>, GraphError> {
    let (eligible, active) =
        join(client.list_group_eligibility_instances(group), client.list_group_assignment_instances(group))
            .await;
    let mut rows: Vec<AssignmentRow> =
        eligible?.iter().filter_map(|i| group_row(i, AssignmentLevel::Eligibility)).collect();
    rows.extend(active?.iter().filter_map(|i| group_row(i, AssignmentLevel::Assignment)));
    Ok(rows)
}

/// The admin rules among wire policy rules.
pub(crate) fn rules_from<'a>(
    rules: impl Iterator<Item = &'a crate::graph::wire::PolicyRule>,
) -> AssignmentRules {
    AssignmentRules::from_rules(&rules.map(rule).collect::<Vec<_>>())
}

fn rules_of(assignments: &[RoleManagementPolicyAssignment]) -> AssignmentRules {
    rules_from(assignments.iter().filter_map(|a| a.policy.as_ref()).flat_map(|p| p.rules.iter()))
}

/// A directory role's admin rules (`Expiration_Admin_*`, `Enablement_Admin_Assignment`).
pub async fn role_rules(
    client: &GraphClient,
    role: &RoleDefinitionId,
) -> Result<AssignmentRules, GraphError> {
    Ok(rules_of(&client.role_policy(role).await?))
}

/// A PIM group's admin rules for membership or ownership.
pub async fn group_rules(
    client: &GraphClient,
    group: &GroupId,
    access: AccessId,
) -> Result<AssignmentRules, GraphError> {
    Ok(rules_of(&client.group_policy(group, &access.into()).await?))
}

/// Whether I may change assignments: from my active and eligible directory roles.
pub async fn my_admin_standing(client: &GraphClient) -> Result<AdminStanding, GraphError> {
    let (active, eligible) = join(client.my_active_roles(), client.my_eligible_roles()).await;
    let ids = |list: Vec<RoleScheduleInstance>| -> Vec<String> {
        list.into_iter().filter_map(|i| i.role_definition_id.map(|r| r.0)).collect()
    };
    Ok(admin_standing(&ids(active?), &ids(eligible?)))
}
