//! Bulk import from CSV: choose a file or paste, preview every row (OK or what is wrong), write
//! the good ones with a progress bar and a result per row, then download the result file.

use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::import_state::ImportState;
use super::state::AssignmentsState;
use crate::domain::assignments::import::{PreviewRow, WriteOutcome, COLUMNS};
use crate::platform::files::chosen_file_text;

fn outcome_text(line: usize, written: &[(usize, WriteOutcome)]) -> Option<(bool, String)> {
    written.iter().find(|(l, _)| *l == line).map(|(_, o)| match o {
        WriteOutcome::Written(status) => (true, format!("Written ({status}).")),
        WriteOutcome::Failed(why) => (false, format!("Failed: {why}")),
    })
}

/// The import section.
#[component]
pub fn ImportPanel(state: AssignmentsState) -> impl IntoView {
    let import = ImportState::new(state);
    let file = NodeRef::<Input>::new();
    let on_file = move |_| {
        let Some(input) = file.get_untracked() else { return };
        spawn_local(async move {
            match chosen_file_text(&input).await {
                Some(text) => {
                    import.text.set(text);
                    import.check();
                }
                None => import
                    .error
                    .set(Some("The file could not be read; save it as CSV (UTF-8) and try again.".into())),
            }
        });
    };
    let valid = move || import.valid_count();
    let total = move || import.preview.with(Vec::len);
    view! {
        <section class="app-panel app-assign-section" aria-label="Bulk import" data-testid="import-panel">
            <h2 class="app-section-title">"Bulk import from CSV"</h2>
            <p class="app-muted">
                {format!("Columns: {}. Principal: user principal name or object id; role: name or id; type: eligible or active; \
                          start and end: 2026-12-31 (UTC) or empty (now, permanent).", COLUMNS.join(", "))}
            </p>
            <label class="app-field">
                <span>"CSV file"</span>
                <input type="file" accept=".csv,text/csv" data-testid="import-file" node_ref=file on:change=on_file />
            </label>
            <label class="app-field">
                <span>"Or paste the rows"</span>
                <textarea data-testid="import-text" rows="5" prop:value=move || import.text.get()
                    on:input=move |ev| import.text.set(event_target_value(&ev))></textarea>
            </label>
            <div class="app-panel__actions">
                <button type="button" class="app-button" data-testid="import-check"
                    disabled=move || import.checking.get() || import.writing.get() on:click=move |_| import.check()>
                    {move || if import.checking.get() { "Checking…" } else { "Preview" }}
                </button>
            </div>
            {move || import.error.get().map(|e| view! { <p class="app-alert" role="alert" data-testid="import-error">{e}</p> })}
            {move || (total() > 0).then(|| view! {
                <p data-testid="preview-summary">
                    {format!("{} rows: {} ready, {} flagged (flagged rows are never written).", total(), valid(), total() - valid())}
                </p>
                <ol class="app-items app-assign-preview" data-testid="preview">
                    {move || {
                        let written = import.written.get();
                        import.preview.get().into_iter().map(|r| view! { <PreviewItem row=r written=written.clone() /> }).collect_view()
                    }}
                </ol>
                <div class="app-panel__actions">
                    <button type="button" class="app-button app-button--primary" data-testid="import-write"
                        disabled=move || valid() == 0 || import.writing.get() || import.result.with(Option::is_some)
                        on:click=move |_| import.write()>
                        {move || format!("Write {} valid rows", valid())}
                    </button>
                </div>
            })}
            {move || {
                let (done, of) = import.progress.get();
                (of > 0).then(|| view! {
                    <label class="app-field">
                        <span data-testid="import-progress-text">{format!("Written {done} of {of}")}</span>
                        <progress data-testid="import-progress" max=of.to_string() value=done.to_string()></progress>
                    </label>
                })
            }}
            {move || import.result.get().map(|csv| {
                let failed = import.written.with(|w| w.iter().filter(|(_, o)| matches!(o, WriteOutcome::Failed(_))).count());
                let ok = import.written.with(Vec::len) - failed;
                view! {
                    <p data-testid="import-done">{format!("Done: {ok} written, {failed} failed.")}</p>
                    <button type="button" class="app-button" data-testid="download-result"
                        on:click=move |_| {
                            crate::platform::files::download("assignments-import-result.csv", "text/csv", &csv);
                        }>
                        "Download result CSV"
                    </button>
                }
            })}
        </section>
    }
}

#[component]
fn PreviewItem(row: PreviewRow, written: Vec<(usize, WriteOutcome)>) -> impl IntoView {
    let ok = row.is_ok();
    let what = format!(
        "{} · {} · {}",
        if row.row.principal.is_empty() { "(no principal)" } else { row.row.principal.as_str() },
        if row.row.role.is_empty() { "(no role)" } else { row.row.role.as_str() },
        if row.row.kind.is_empty() { "(no type)" } else { row.row.kind.as_str() },
    );
    let status = if ok { "OK".to_owned() } else { row.summary() };
    let result = outcome_text(row.row.line, &written);
    view! {
        <li class="app-item" class:app-assign-bad=!ok data-testid="preview-row" data-ok=ok.to_string() data-line=row.row.line.to_string()>
            <div class="app-item__body">
                <div class="app-item__title">{format!("Line {}", row.row.line)}</div>
                <div class="app-item__meta">{what}</div>
                <div class="app-item__status" data-testid="preview-status">{status}</div>
                {result.map(|(good, text)| view! { <div class="app-result" class:app-result--ok=good data-testid="row-result">{text}</div> })}
            </div>
        </li>
    }
}
