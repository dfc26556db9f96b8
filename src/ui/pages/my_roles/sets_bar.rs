//! Saved sets: one tap prefills the selection, duration and justification of a set, a second
//! tap on Activate sends it. Sets are managed (removed, exported, imported) behind a disclosure.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::state::MyRolesState;
use super::stored::save_library;
use crate::domain::sets::{Library, SavedSet};
use crate::platform::files::{data_url, read_picked_file};

/// Selects a set's items and prefills the form; returns a sentence about items it could not use.
pub fn apply_set(state: MyRolesState, set: &SavedSet) -> Option<String> {
    let (usable, unusable, missing) = state.items.with(|items| {
        let (found, missing) = set.resolve(items);
        let (usable, unusable): (Vec<_>, Vec<_>) = found.into_iter().partition(|i| i.eligible);
        (
            usable.iter().map(|i| i.key.clone()).collect::<Vec<_>>(),
            unusable.iter().map(|i| i.name.clone()).collect::<Vec<_>>(),
            missing.len(),
        )
    });
    state.selected.set(usable);
    state.form.update(|f| *f = set.prefill(f.clone()));
    // The panel appears with the selection, unfolded: bring it (and its Activate button) into view.
    state.panel_folded.set(false);
    request_animation_frame(|| crate::platform::dom::scroll_to("[data-testid=activation-panel]"));
    let mut problems = Vec::new();
    if missing > 0 {
        problems.push(format!(
            "{missing} item{} of \"{}\" {} no longer among your roles.",
            if missing == 1 { "" } else { "s" },
            set.name,
            if missing == 1 { "is" } else { "are" }
        ));
    }
    if !unusable.is_empty() {
        problems.push(format!("{} cannot be activated: you are not eligible.", unusable.join(", ")));
    }
    (!problems.is_empty()).then(|| format!("{} The rest is selected.", problems.join(" ")))
}

fn import_summary(library: &Library, unreadable: usize, newer: Option<u64>) -> String {
    let mut text = format!(
        "Imported {} set{} and {} favourite{}.",
        library.sets.len(),
        if library.sets.len() == 1 { "" } else { "s" },
        library.favourites.len(),
        if library.favourites.len() == 1 { "" } else { "s" }
    );
    if unreadable > 0 {
        text.push_str(&format!(
            " {unreadable} entr{} could not be read and {} skipped.",
            if unreadable == 1 { "y" } else { "ies" },
            if unreadable == 1 { "was" } else { "were" }
        ));
    }
    if newer.is_some() {
        text.push_str(" The file comes from a newer version of the app; what this version knows was read.");
    }
    text
}

/// The saved sets as one-tap buttons, and their management.
#[component]
pub fn SetsBar(state: MyRolesState) -> impl IntoView {
    let notice = RwSignal::new(None::<String>);
    let export_href = move || data_url("application/json", &state.library.with(Library::to_json));
    let on_import = move |ev: web_sys::Event| {
        spawn_local(async move {
            let Some(text) = read_picked_file(&ev).await else {
                notice.set(Some("The file could not be read. Pick the file again.".into()));
                return;
            };
            match Library::import(&text) {
                Ok(report) => {
                    notice.set(Some(import_summary(
                        &report.library,
                        report.unreadable.len(),
                        report.newer_version,
                    )));
                    state.library.update(|l| {
                        l.merge(report.library);
                        save_library(l);
                    });
                }
                Err(e) => notice.set(Some(format!("{e} Choose a file exported from Sets › Export."))),
            }
        });
    };
    view! {
        <section class="app-sets" aria-label="Saved sets" data-testid="sets">
            <div class="app-chips" role="group" aria-label="Activate a saved set">
                {move || {
                    state
                        .library
                        .get()
                        .sets
                        .into_iter()
                        .map(|set| {
                            let name = set.name.clone();
                            view! {
                                <button
                                    type="button"
                                    class="app-chip app-chip--set"
                                    data-testid="set"
                                    title="Select this set's roles and fill in its duration and justification"
                                    on:click=move |_| notice.set(apply_set(state, &set))
                                >
                                    {name}
                                </button>
                            }
                        })
                        .collect_view()
                }}
            </div>
            {move || notice.get().map(|n| view! { <p class="app-muted" role="status" data-testid="sets-notice">{n}</p> })}
            <details class="app-sets__manage">
                <summary>"Sets and favourites"</summary>
                <ul class="app-sets__list">
                    {move || {
                        state
                            .library
                            .get()
                            .sets
                            .into_iter()
                            .map(|set| {
                                let name = set.name.clone();
                                let about = format!(
                                    "{} item{}{}",
                                    set.items.len(),
                                    if set.items.len() == 1 { "" } else { "s" },
                                    set.duration.map(|d| format!(" · {}", crate::domain::format::human_duration(d))).unwrap_or_default()
                                );
                                view! {
                                    <li>
                                        <span><strong>{set.name.clone()}</strong>" "<span class="app-muted">{about}</span></span>
                                        <button
                                            type="button"
                                            class="app-button app-button--quiet"
                                            on:click=move |_| state.library.update(|l| {
                                                l.remove_set(&name);
                                                save_library(l);
                                            })
                                        >
                                            "Remove"
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
                <p class="app-muted">"Select roles below and use “Save as set” to add one. Sets stay in this browser; export them to move them to another."</p>
                <div class="app-panel__actions">
                    <a class="app-button app-button--quiet" download="pim-sets.json" href=export_href data-testid="sets-export">
                        "Export"
                    </a>
                    <label class="app-button app-button--quiet app-file">
                        "Import…"
                        <input type="file" accept=".json,application/json" data-testid="sets-import" on:change=on_import />
                    </label>
                </div>
            </details>
        </section>
    }
}
