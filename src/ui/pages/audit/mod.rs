//! Audit: the PIM history of the tenant (activations, approvals, assignments, setting changes),
//! for a chosen period; searched, filtered by plane or failures, and downloaded as CSV.

mod entry_row;

use chrono::Duration;
use leptos::prelude::*;
use leptos::task::spawn_local;

use entry_row::EntryRow;

use crate::domain::audit::{audit_csv, filter_entries, AuditEntry, AuditPlane, AuditQuery};
use crate::graph::adapt::audit_entry;
use crate::graph::wire::time::Timestamp;
use crate::platform::download;
use crate::ui::services::{use_services, Services};
use crate::ui::widgets::{EmptyState, PageHeader};
use crate::ui::Page;

/// Periods offered, in days.
const PERIODS: [i64; 4] = [1, 7, 30, 90];

/// The history page.
#[component]
pub fn AuditPage() -> impl IntoView {
    let Some(services) = use_services() else {
        return view! { <PageHeader page=Page::Audit /> }.into_any();
    };
    let services = StoredValue::new_local(services);
    let days = RwSignal::new(7i64);
    let entries = RwSignal::new(None::<Vec<AuditEntry>>);
    let error = RwSignal::new(None::<String>);
    let query = RwSignal::new(AuditQuery::default());
    let load = move || {
        let services: Services = services.get_value();
        let since = Timestamp(services.now() - Duration::days(days.get_untracked()));
        entries.set(None);
        error.set(None);
        spawn_local(async move {
            match services.client.pim_audits(since).await {
                Ok(records) => {
                    let _ = entries.try_set(Some(records.iter().filter_map(audit_entry).collect()));
                }
                Err(e) => {
                    let _ = error.try_set(Some(format!("{} {}", e.explain(), e.next_step())));
                    let _ = entries.try_set(Some(Vec::new()));
                }
            }
        });
    };
    load();
    let shown = Memo::new(move |_| {
        entries.with(|e| e.as_ref().map(|e| filter_entries(e, &query.get())).unwrap_or_default())
    });
    let download_csv = move |_| {
        let csv = audit_csv(&shown.get_untracked());
        download::save_text(&format!("pim-audit-last-{}-days.csv", days.get_untracked()), "text/csv", &csv);
    };

    view! {
        <PageHeader page=Page::Audit />
        <div class="app-toolbar">
            <input
                class="app-search"
                type="search"
                placeholder="Search activity, people, roles, justification"
                aria-label="Search the history"
                data-testid="audit-search"
                prop:value=move || query.with(|q| q.text.clone())
                on:input=move |ev| query.update(|q| q.text = event_target_value(&ev))
            />
            <label class="app-field app-field--inline">
                <span>"Period"</span>
                <select
                    data-testid="audit-period"
                    prop:value=move || days.get().to_string()
                    on:change=move |ev| {
                        days.set(event_target_value(&ev).parse().unwrap_or(7));
                        load();
                    }
                >
                    {PERIODS
                        .into_iter()
                        .map(|d| {
                            let label = if d == 1 { "Last 24 hours".to_owned() } else { format!("Last {d} days") };
                            view! { <option value=d.to_string()>{label}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
            <div class="app-chips" role="group" aria-label="Show">
                {AuditPlane::ALL
                    .into_iter()
                    .map(|plane| {
                        let on = move || query.with(|q| q.plane == Some(plane));
                        view! {
                            <button
                                type="button"
                                class="app-chip"
                                aria-pressed=move || on().to_string()
                                on:click=move |_| query.update(|q| q.plane = if q.plane == Some(plane) { None } else { Some(plane) })
                            >
                                {plane.label()}
                            </button>
                        }
                    })
                    .collect_view()}
                <button
                    type="button"
                    class="app-chip"
                    aria-pressed=move || query.with(|q| q.failures_only).to_string()
                    on:click=move |_| query.update(|q| q.failures_only = !q.failures_only)
                >
                    "Failures"
                </button>
            </div>
            <button
                type="button"
                class="app-button app-button--quiet"
                data-testid="audit-download"
                disabled=move || shown.with(Vec::is_empty)
                on:click=download_csv
            >
                "Download CSV"
            </button>
        </div>
        {move || error.get().map(|e| view! { <p class="app-alert" role="alert">{e}</p> })}
        {move || match entries.with(Option::is_some) {
            false => view! { <p class="app-muted" data-testid="loading">"Loading the history…"</p> }.into_any(),
            true if shown.with(Vec::is_empty) => view! {
                <EmptyState title="Nothing in this period">
                    <p>"No PIM activity matches. Choose a longer period or clear the search and filters."</p>
                </EmptyState>
            }
            .into_any(),
            true => view! {
                <p class="app-muted" data-testid="audit-count">
                    {move || format!("{} events", shown.with(Vec::len))}
                </p>
                <ul class="app-items" data-testid="audit-list">
                    <For each=move || shown.get() key=|e| e.id.clone() children=move |entry| view! { <EntryRow entry /> } />
                </ul>
            }
            .into_any(),
        }}
    }
    .into_any()
}
