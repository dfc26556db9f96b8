//! One audit event: what happened, to what, by whom, when, and why.

use leptos::prelude::*;

use crate::domain::audit::AuditEntry;
use crate::domain::format::utc_stamp;

#[component]
pub fn EntryRow(entry: AuditEntry) -> impl IntoView {
    let when = entry.at.map(utc_stamp).unwrap_or_default();
    let about = entry.subject.clone().map(|s| format!(" · for {s}"));
    let why = match (&entry.justification, &entry.ticket) {
        (Some(j), Some(t)) => Some(format!("\u{201c}{j}\u{201d} · ticket {t}")),
        (Some(j), None) => Some(format!("\u{201c}{j}\u{201d}")),
        (None, Some(t)) => Some(format!("ticket {t}")),
        (None, None) => None,
    };
    let failed = (!entry.succeeded).then(|| format!("Failed: {}", entry.reason.clone().unwrap_or_default()));
    view! {
        <li class="app-item" data-testid="audit-entry">
            <div class="app-item__body">
                <div class="app-item__title">{entry.activity.clone()}</div>
                <div class="app-item__meta">
                    <span>{entry.target.clone()}</span>
                    " · "
                    <span>{entry.plane.label()}</span>
                    {about}
                </div>
                <div class="app-item__meta">{format!("{when} · by {}", entry.actor)}</div>
                {why.map(|w| view! { <div class="app-item__meta">{w}</div> })}
                {failed.map(|f| view! { <div class="app-field__error">{f}</div> })}
            </div>
        </li>
    }
}
