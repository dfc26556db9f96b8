//! Settings as a file: export every role as JSON, import a file, and compare it with the tenant
//! (drift), with the differences listed per role and rule.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::state::SettingsState;

/// Export, import and the drift report.
#[component]
pub fn FilePanel(state: SettingsState) -> impl IntoView {
    let on_file = move |ev: leptos::ev::Event| {
        if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
            state.import_file(input);
        }
    };
    view! {
        <section class="app-panel app-file-tools" aria-label="Export and compare">
            <div class="app-panel__actions">
                <button type="button" class="app-button" data-testid="export-settings"
                    disabled=move || !state.loaded.get()
                    on:click=move |_| state.export_all()>
                    "Export all as JSON"
                </button>
                <label class="app-button app-file-button">
                    "Import a file…"
                    <input type="file" accept="application/json,.json" data-testid="import-settings" on:change=on_file />
                </label>
            </div>
            {move || state.export_url.get().map(|url| view! {
                <p class="app-muted">
                    "Exported. "
                    <a href=url download="role-settings.json" data-testid="export-link">"Download again"</a>
                </p>
            })}
            {move || state.file_error.get().map(|e| view! { <p class="app-alert" role="alert" data-testid="import-error">{e}</p> })}
            <DriftView state />
        </section>
    }
}

#[component]
fn DriftView(state: SettingsState) -> impl IntoView {
    move || {
        let (name, file) = state.imported.get()?;
        let report = state.drift()?;
        let clean = report.is_clean();
        Some(view! {
            <div class="app-drift" data-testid="drift">
                <h2>{format!("{name} compared with the tenant")}</h2>
                {file.notes.into_iter().map(|n| view! { <p class="app-muted">{n}</p> }).collect_view()}
                {if clean {
                    view! {
                        <p data-testid="no-drift">
                            {format!("No drift: the {} role{} in the file match the tenant.", report.same, if report.same == 1 { "" } else { "s" })}
                        </p>
                    }.into_any()
                } else {
                    view! {
                        <p data-testid="drift-summary">
                            {format!("{} role{} differ from the tenant.", report.changed.len(), if report.changed.len() == 1 { "" } else { "s" })}
                        </p>
                    }.into_any()
                }}
                <ul class="app-rules">
                    {report.changed.into_iter().map(|r| view! {
                        <li data-testid="drift-role">
                            <strong>{r.name}</strong>
                            <ul>
                                {r.changes.into_iter().map(|c| view! {
                                    <li>
                                        {c.rule.title()}": "
                                        <div class="app-diff__before">"Tenant: "{c.before}</div>
                                        <div class="app-diff__after">"File: "{c.after}</div>
                                    </li>
                                }).collect_view()}
                            </ul>
                        </li>
                    }).collect_view()}
                    {report.missing_in_tenant.into_iter().map(|n| view! { <li>{format!("{n}: in the file, not in the tenant (or not visible to you).")}</li> }).collect_view()}
                    {report.unreadable.into_iter().map(|n| view! { <li>{format!("Could not be read: {n}")}</li> }).collect_view()}
                </ul>
                {(!report.not_in_file.is_empty()).then(|| view! {
                    <p class="app-muted">{format!("{} role{} of the tenant are not in the file and were not compared.", report.not_in_file.len(), if report.not_in_file.len() == 1 { "" } else { "s" })}</p>
                })}
                <div class="app-panel__actions">
                    <button type="button" class="app-button" data-testid="compare-tenant" on:click=move |_| state.reload()>
                        "Compare with tenant again"
                    </button>
                    {(!clean).then(|| view! {
                        <button type="button" class="app-button app-button--primary" data-testid="review-file" on:click=move |_| state.review_file()>
                            "Review applying the file"
                        </button>
                    })}
                    <button type="button" class="app-button app-button--quiet" on:click=move |_| state.imported.set(None)>"Close"</button>
                </div>
            </div>
        })
    }
}
