//! Directory audit records (PIM history) as the domain's [`AuditEntry`].
//!
//! Where the justification and ticket live is not documented (API.md §9 `[I]`): they are read
//! from `additionalDetails` by key (`Justification`, `TicketNumber`, any case) when present.

use crate::domain::audit::{AuditEntry, AuditPlane};
use crate::graph::wire::audit::DirectoryAudit;

fn detail(record: &DirectoryAudit, key: &str) -> Option<String> {
    record
        .additional_details
        .iter()
        .find(|d| d.key.as_deref().is_some_and(|k| k.eq_ignore_ascii_case(key)))
        .and_then(|d| d.value.clone())
        .filter(|v| !v.trim().is_empty())
}

/// One record as an entry; `None` when it carries no activity at all.
pub fn audit_entry(record: &DirectoryAudit) -> Option<AuditEntry> {
    let activity = record.activity_display_name.clone().filter(|a| !a.is_empty())?;
    let initiator = record.initiated_by.as_ref();
    let actor = initiator
        .and_then(|i| i.user.as_ref())
        .and_then(|u| u.display_name.clone().or_else(|| u.user_principal_name.clone()))
        .or_else(|| initiator.and_then(|i| i.app.as_ref()).and_then(|a| a.display_name.clone()))
        .unwrap_or_else(|| "the service".to_owned());
    let name = |t: &crate::graph::wire::audit::TargetResource| {
        t.display_name.clone().or_else(|| t.user_principal_name.clone()).or_else(|| t.id.clone())
    };
    let is_user = |t: &&crate::graph::wire::audit::TargetResource| {
        t.kind.as_deref().is_some_and(|k| k.eq_ignore_ascii_case("user"))
    };
    let target = record.target_resources.iter().find(|t| !is_user(t)).and_then(name).unwrap_or_default();
    let subject = record.target_resources.iter().find(is_user).and_then(name).filter(|s| *s != actor);
    let succeeded = record.result.as_deref().is_none_or(|r| r.eq_ignore_ascii_case("success"));
    Some(AuditEntry {
        id: record.id.clone().unwrap_or_default(),
        at: record.activity_date_time.as_ref().map(|t| t.0),
        activity,
        actor,
        target,
        subject,
        plane: AuditPlane::from_category(record.category.as_deref().unwrap_or_default()),
        succeeded,
        reason: record.result_reason.clone().filter(|r| !r.is_empty() && !succeeded),
        justification: detail(record, "Justification"),
        ticket: detail(record, "TicketNumber"),
    })
}
