//! Requests as the lists show them: Graph role and group schedule requests and ARM schedule
//! requests turned into [`RequestRow`]s, an approval's decided step into an [`ApproverNote`],
//! and a policy's approval rule into [`ApprovalRules`].

use super::arm_names::arm_names;
use crate::domain::ids::ArmScope;
use crate::domain::ids::{AccessId as DomainAccess, DirectoryScopeId, RequestId};
use crate::domain::item::{ScopeKind, ScopeLabel};
use crate::graph::requests::{ApprovalRules, ApproverNote, RequestRef, RequestRow};
use crate::graph::wire::arm::{ArmResource, ArmScheduleRequest};
use crate::graph::wire::groups::GroupScheduleRequest;
use crate::graph::wire::roles::RoleScheduleRequest;
use crate::graph::wire::rules::{PolicyRule, RuleKind};
use crate::graph::wire::schedule::{RequestSchedule, TicketInfo};
use crate::graph::wire::values::ReviewResult;
use crate::graph::wire::Approval;

fn ticket(t: &Option<TicketInfo>) -> Option<String> {
    let t = t.as_ref()?;
    let text = [t.ticket_system.as_deref(), t.ticket_number.as_deref()]
        .into_iter()
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    (!text.is_empty()).then_some(text)
}

fn schedule(row: &mut RequestRow, s: &Option<RequestSchedule>) {
    if let Some(s) = s {
        row.start = s.start_date_time.map(|t| t.0);
        if let Some(e) = &s.expiration {
            row.end = e.end_date_time.map(|t| t.0);
            row.duration = e.duration;
        }
    }
}

fn blank(reference: RequestRef, role: String, scope: ScopeLabel) -> RequestRow {
    RequestRow {
        reference,
        role,
        scope,
        principal: None,
        requester: None,
        action: None,
        status: String::new(),
        created: None,
        completed: None,
        start: None,
        end: None,
        duration: None,
        justification: None,
        ticket: None,
        approval_id: None,
        note: None,
        rules: None,
    }
}

fn directory_scope(r: &RoleScheduleRequest) -> ScopeLabel {
    let scope = r.directory_scope_id.clone().unwrap_or_else(|| DirectoryScopeId::new("/"));
    let named = r.directory_scope.as_ref().and_then(|d| d.display_name()).map(str::to_owned);
    if scope.as_str() == "/" {
        ScopeLabel { kind: ScopeKind::Tenant, name: "Directory".into() }
    } else if let Some(au) = scope.as_str().strip_prefix("/administrativeUnits/") {
        ScopeLabel { kind: ScopeKind::AdministrativeUnit, name: named.unwrap_or_else(|| au.to_owned()) }
    } else {
        ScopeLabel {
            kind: ScopeKind::DirectoryObject,
            name: named.unwrap_or_else(|| scope.as_str().to_owned()),
        }
    }
}

/// A directory-role request; `None` without an id or role.
pub fn role_request_row(r: &RoleScheduleRequest) -> Option<RequestRow> {
    let id = RequestId::new(r.id.clone()?);
    let role = r.role_definition_id.clone()?;
    let name = r
        .role_definition
        .as_ref()
        .and_then(|d| d.display_name.clone())
        .unwrap_or_else(|| role.as_str().to_owned());
    let mut row = blank(RequestRef::EntraRole { id, role }, name, directory_scope(r));
    row.principal = r.principal_id.clone();
    row.requester = r.principal.as_ref().and_then(|p| p.display_name()).map(str::to_owned);
    row.action = r.action.clone();
    row.status = r.status.as_ref().map(|s| s.as_str().to_owned()).unwrap_or_default();
    row.created = r.created_date_time.map(|t| t.0);
    row.completed = r.completed_date_time.map(|t| t.0);
    row.approval_id = r.approval_id.clone();
    row.justification = r.justification.clone();
    row.ticket = ticket(&r.ticket_info);
    schedule(&mut row, &r.schedule_info);
    Some(row)
}

/// A PIM for Groups request; `None` without an id, group or known access.
pub fn group_request_row(r: &GroupScheduleRequest) -> Option<RequestRow> {
    let id = RequestId::new(r.id.clone()?);
    let group = r.group_id.clone()?;
    let access = r.access_id.as_ref()?.to_domain()?;
    let group_name =
        r.group.as_ref().and_then(|g| g.display_name.clone()).unwrap_or_else(|| group.as_str().to_owned());
    let what = match access {
        DomainAccess::Member => "Member",
        DomainAccess::Owner => "Owner",
    };
    let scope = ScopeLabel { kind: ScopeKind::Group, name: group_name.clone() };
    let mut row = blank(RequestRef::Group { id, group, access }, format!("{group_name} ({what})"), scope);
    row.principal = r.principal_id.clone();
    row.requester = r.principal.as_ref().and_then(|p| p.display_name()).map(str::to_owned);
    row.action = r.action.clone();
    row.status = r.status.as_ref().map(|s| s.as_str().to_owned()).unwrap_or_default();
    row.created = r.created_date_time.map(|t| t.0);
    row.completed = r.completed_date_time.map(|t| t.0);
    row.approval_id = r.approval_id.clone();
    row.justification = r.justification.clone();
    row.ticket = ticket(&r.ticket_info);
    schedule(&mut row, &r.schedule_info);
    Some(row)
}

/// An Azure role request; `None` without a name, role or valid scope.
pub fn arm_request_row(r: &ArmResource<ArmScheduleRequest>) -> Option<RequestRow> {
    let p = &r.properties;
    let name = r.name.clone()?;
    let role = p.role_definition_id.clone()?;
    let scope = ArmScope::parse(p.scope.as_deref()?).ok()?;
    let expanded = p.expanded_properties.as_ref();
    let (role_name, label) = arm_names(expanded, &role, &scope);
    let reference = RequestRef::Azure { scope, name, role };
    let mut row = blank(reference, role_name, label);
    row.principal = p.principal_id.clone();
    row.requester = expanded.and_then(|e| e.principal.as_ref()).and_then(|x| x.display_name.clone());
    row.action = p.request_type.clone();
    row.status = p.status.as_ref().map(|s| s.as_str().to_owned()).unwrap_or_default();
    row.created = p.created_on.map(|t| t.0);
    row.approval_id = p.approval_id.clone();
    row.justification = p.justification.clone();
    row.ticket = ticket(&p.ticket_info);
    if let Some(s) = &p.schedule_info {
        row.start = s.start_date_time.map(|t| t.0);
        if let Some(e) = &s.expiration {
            row.end = e.end_date_time.map(|t| t.0);
            row.duration = e.duration;
        }
    }
    Some(row)
}

/// Who decided an approval and what they wrote; `None` while nobody has.
pub fn approver_note(approval: &Approval) -> Option<ApproverNote> {
    let step = approval
        .all_steps()
        .find(|s| matches!(s.review_result, Some(ReviewResult::Approve) | Some(ReviewResult::Deny)))?;
    Some(ApproverNote {
        approver: step
            .reviewed_by
            .as_ref()
            .and_then(|b| b.display_name.clone().or(b.user_principal_name.clone())),
        justification: step.justification.clone().filter(|j| !j.trim().is_empty()),
    })
}

/// What the end-user approval rule asks of approvers; defaults when the policy has none.
pub fn approval_rules(rules: &[PolicyRule]) -> ApprovalRules {
    let stage = rules
        .iter()
        .filter(|r| r.id.as_str().eq_ignore_ascii_case("Approval_EndUser_Assignment"))
        .find_map(|r| match &r.kind {
            RuleKind::Approval(a) => a.setting.as_ref()?.approval_stages.as_ref()?.first().cloned(),
            _ => None,
        });
    let defaults = ApprovalRules::default();
    match stage {
        None => defaults,
        Some(s) => ApprovalRules {
            justification_required: s.is_approver_justification_required.unwrap_or(false),
            timeout_days: s.approval_stage_time_out_in_days.map(i64::from).unwrap_or(defaults.timeout_days),
        },
    }
}
