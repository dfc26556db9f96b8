//! Add an eligible or active assignment of the chosen role or group for a user or group found
//! by the picker: permanent or time-bound within the role's `Expiration_Admin_*` rules, checked
//! before sending. What was typed stays after a refusal.

use leptos::prelude::*;

use super::principal_picker::PrincipalPicker;
use super::state::AssignmentsState;
use crate::domain::assignments::import::parse_when;
use crate::domain::assignments::{NewAssignment, Principal};
use crate::domain::deactivate::AssignmentLevel;
use crate::domain::format::human_duration;

/// The add form.
#[component]
pub fn AddPanel(state: AssignmentsState) -> impl IntoView {
    let chosen = RwSignal::new(None::<Principal>);
    let level = RwSignal::new(AssignmentLevel::Eligibility);
    let permanent = RwSignal::new(false);
    let start = RwSignal::new(String::new());
    let end = RwSignal::new(String::new());
    let justification = RwSignal::new(String::new());
    let ticket = RwSignal::new(String::new());
    let limit = move || state.rules.get().expiry(level.get());
    let is_permanent = move || permanent.get() && limit().permanent_allowed;
    // The form as a new assignment, or what keeps it from being one.
    let draft = move || -> Result<NewAssignment, Vec<String>> {
        let mut problems = Vec::new();
        let principal = chosen.get();
        if principal.is_none() {
            problems.push("Choose a user or group.".to_owned());
        }
        let start = parse_when(&start.get()).unwrap_or_else(|()| {
            problems.push("The start is not a date.".into());
            None
        });
        let end = if is_permanent() {
            None
        } else {
            match parse_when(&end.get()) {
                Ok(Some(e)) => Some(e),
                Ok(None) => {
                    problems.push("Choose an end date, or permanent.".into());
                    None
                }
                Err(()) => {
                    problems.push("The end is not a date.".into());
                    None
                }
            }
        };
        let target = state.chosen.get().map(|c| c.target);
        let (Some(principal), Some(target)) = (principal, target) else { return Err(problems) };
        let new = NewAssignment {
            principal: principal.id,
            target,
            level: level.get(),
            start,
            end,
            justification: justification.get(),
        };
        problems.extend(
            state
                .rows
                .with(|rows| state.rules.get().check(&new, rows, state.now.get()))
                .iter()
                .map(|p| p.explain()),
        );
        if problems.is_empty() {
            Ok(new)
        } else {
            Err(problems)
        }
    };
    let problems = move || draft().err().unwrap_or_default();
    let submit = move |_| {
        let Ok(new) = draft() else { return };
        let who = chosen.get_untracked().map(|p| p.name).unwrap_or_default();
        let t = ticket.get_untracked();
        state.assign(new, who, (!t.trim().is_empty()).then_some(t), move |ok| {
            if ok {
                chosen.set(None);
                justification.set(String::new());
                ticket.set(String::new());
            }
        });
    };
    let rule_note = move || {
        let l = limit();
        let max = l.max_duration.map(|m| format!("at most {}", human_duration(m)));
        match (l.permanent_allowed, max) {
            (true, Some(max)) => format!("Permanent allowed; time-bound {max}."),
            (true, None) => "Permanent or time-bound.".to_owned(),
            (false, Some(max)) => format!("Must end: {max}."),
            (false, None) => "Must end.".to_owned(),
        }
    };
    view! {
        <section class="app-panel app-assign-section" aria-label="Add assignment" data-testid="add-panel">
            <h2 class="app-section-title">{move || format!("Add to {}", state.chosen.get().map(|c| c.name).unwrap_or_default())}</h2>
            <PrincipalPicker state chosen />
            <div class="app-chips" role="group" aria-label="Eligible or active">
                {[(AssignmentLevel::Eligibility, "Eligible"), (AssignmentLevel::Assignment, "Active")]
                    .into_iter()
                    .map(|(l, label)| view! {
                        <button type="button" class="app-chip" data-testid=format!("add-{}", label.to_lowercase())
                            aria-pressed=move || (level.get() == l).to_string() on:click=move |_| level.set(l)>{label}</button>
                    })
                    .collect_view()}
            </div>
            <p class="app-muted" data-testid="add-rule">{rule_note}</p>
            <label class="app-assign-check">
                <input type="checkbox" data-testid="add-permanent" prop:disabled=move || !limit().permanent_allowed
                    prop:checked=is_permanent
                    on:change=move |ev| permanent.set(event_target_checked(&ev)) />
                " Permanent"
            </label>
            <div class="app-field-row">
                <label class="app-field">
                    <span>"Start (UTC date, empty: now)"</span>
                    <input type="date" data-testid="add-start" prop:value=move || start.get() on:input=move |ev| start.set(event_target_value(&ev)) />
                </label>
                <label class="app-field">
                    <span>"End (UTC date)"</span>
                    <input type="date" data-testid="add-end" prop:disabled=is_permanent prop:value=move || end.get()
                        on:input=move |ev| end.set(event_target_value(&ev)) />
                </label>
            </div>
            <label class="app-field">
                <span>"Justification"</span>
                <input type="text" data-testid="add-justification" prop:value=move || justification.get()
                    on:input=move |ev| justification.set(event_target_value(&ev)) />
            </label>
            <label class="app-field">
                <span>"Ticket (optional)"</span>
                <input type="text" data-testid="add-ticket" prop:value=move || ticket.get() on:input=move |ev| ticket.set(event_target_value(&ev)) />
            </label>
            <ul class="app-assign-problems" data-testid="add-problems">
                {move || problems().into_iter().map(|p| view! { <li class="app-field__error">{p}</li> }).collect_view()}
            </ul>
            <div class="app-panel__actions">
                <button type="button" class="app-button app-button--primary" data-testid="add-submit"
                    disabled=move || state.busy.get() || draft().is_err() on:click=submit>
                    "Add assignment"
                </button>
            </div>
        </section>
    }
}
