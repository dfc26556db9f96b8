//! Optional parts of the activation form: a scheduled start, and recent justifications offered
//! as chips (remembered in this browser when a batch is sent).

use leptos::prelude::*;

use super::state::MyRolesState;
use super::stored::save_recent;
use crate::domain::form::Field;
use crate::domain::plan::PlanAction;
use crate::platform::local_time::{format_local, parse_local};

/// The plan's message for one field of the form, if any item refuses it.
fn plan_field_error(state: MyRolesState, field: Field) -> Option<String> {
    state.plan()?.entries.iter().find_map(|e| match &e.action {
        PlanAction::Invalid { errors } => errors.get(field).map(str::to_owned),
        _ => None,
    })
}

/// "Start later…" opens a date and time in the browser's zone; closed or blank starts now.
/// Closed by default so the panel stays short on a phone.
#[component]
pub fn StartField(state: MyRolesState) -> impl IntoView {
    let open = RwSignal::new(state.form.with_untracked(|f| f.start.is_some()));
    // What the user typed stays as typed even while it is incomplete.
    let typed = RwSignal::new(state.form.with_untracked(|f| f.start.map(format_local).unwrap_or_default()));
    let close = move |_| {
        open.set(false);
        typed.set(String::new());
        state.form.update(|f| f.start = None);
    };
    move || {
        if !open.get() {
            return view! {
                <p class="app-start-later">
                    <button type="button" class="app-link-button" data-testid="start-later" on:click=move |_| open.set(true)>
                        "Start later…"
                    </button>
                </p>
            }
            .into_any();
        }
        view! {
            <label class="app-field">
                <span>"Start"</span>
                <input
                    type="datetime-local"
                    data-testid="start"
                    prop:value=move || typed.get()
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        state.form.update(|f| f.start = parse_local(&value));
                        typed.set(value);
                    }
                />
                {move || plan_field_error(state, Field::Start).map(|e| view! { <span class="app-field__error">{e}</span> })}
                <button type="button" class="app-link-button" on:click=close>"Start now instead"</button>
            </label>
        }
        .into_any()
    }
}

/// Recent justifications as chips: one tap fills the justification.
#[component]
pub fn RecentChips(state: MyRolesState) -> impl IntoView {
    let offered = move || {
        let current = state.form.with(|f| f.justification.trim().to_owned());
        state.recent.with(|r| {
            r.items()
                .iter()
                .filter(|s| !s.eq_ignore_ascii_case(&current))
                .take(4)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    move || {
        let chips = offered();
        (!chips.is_empty()).then(|| {
            view! {
                <div class="app-chips app-recent" role="group" aria-label="Recent justifications" data-testid="recent">
                    {chips
                        .into_iter()
                        .map(|text| {
                            let fill = text.clone();
                            view! {
                                <button
                                    type="button"
                                    class="app-chip"
                                    data-testid="recent-justification"
                                    on:click=move |_| state.form.update(|f| f.justification = fill.clone())
                                >
                                    {text}
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
            }
        })
    }
}

/// Remembers the justification each time a batch is sent.
pub fn remember_on_submit(state: MyRolesState) {
    Effect::new(move |was: Option<bool>| {
        let now = state.submitting.get();
        if now && was != Some(true) {
            let text = state.form.with_untracked(|f| f.justification.clone());
            state.recent.update(|r| {
                r.remember(&text);
                save_recent(r);
            });
        }
        now
    });
}
