//! The activation form and plan for the selected items: one shared form, a line per item saying
//! what will happen, the step-up sign-ins needed first, then one tap that makes those sign-ins
//! and submits them all (`batch.rs`).

use leptos::prelude::*;

use super::form_extras::{RecentChips, StartField};
use super::narrower_scope::NarrowerScope;
use super::state::MyRolesState;
use crate::domain::duration_input::duration_choices;
use crate::domain::form::Field;
use crate::domain::plan::{PlanAction, PlanEntry, StepUp};
use crate::domain::IsoDuration;

fn action_text(entry: &PlanEntry) -> String {
    let start = entry.request.as_ref().and_then(|r| r.start);
    match &entry.action {
        PlanAction::ActivateNow => match start {
            Some(at) => format!("activates at {}", crate::domain::format::utc_stamp(at)),
            None => "activates now".into(),
        },
        PlanAction::NeedsApproval { approvers } if approvers.is_empty() => "needs approval".into(),
        PlanAction::NeedsApproval { approvers } => format!("needs approval from {}", approvers.join(", ")),
        PlanAction::NeedsStepUp { context } => {
            format!("needs a sign-in with authentication context {}", context.0)
        }
        PlanAction::NeedsMfa => "needs a sign-in with multi-factor authentication".into(),
        PlanAction::AlreadyActive => "already active: skipped".into(),
        PlanAction::AlreadyRequested { .. } => "already requested: skipped".into(),
        PlanAction::NotEligible => "nothing to activate: skipped".into(),
        PlanAction::Invalid { errors } => {
            errors.iter().map(|(_, m)| m.to_owned()).collect::<Vec<_>>().join(" ")
        }
    }
}

/// Shown while items are selected.
#[component]
pub fn ActivationPanel(state: MyRolesState) -> impl IntoView {
    let plan = Memo::new(move |_| state.plan());
    let max = Memo::new(move |_| {
        let selected = state.selected.get();
        state.policies.with(|p| {
            selected
                .iter()
                .filter_map(|k| p.get(k))
                .map(|p| p.max_duration)
                .max()
                .unwrap_or(IsoDuration::from_hours(8))
        })
    });
    let needs_ticket = Memo::new(move |_| {
        let selected = state.selected.get();
        state.policies.with(|p| selected.iter().filter_map(|k| p.get(k)).any(|p| p.require_ticket))
    });
    let field_error = move |field: Field| {
        plan.get().and_then(|p| {
            p.entries.iter().find_map(|e| match &e.action {
                PlanAction::Invalid { errors } => errors.get(field).map(str::to_owned),
                _ => None,
            })
        })
    };
    let name_of = move |key: &crate::domain::item_key::ItemKey| {
        state
            .items
            .with(|items| items.iter().find(|i| &i.key == key).map(|i| i.name.clone()).unwrap_or_default())
    };

    // What one tap sends: the ready items and those waiting only for a step-up sign-in.
    let sendable = Memo::new(move |_| {
        plan.with(|p| {
            p.as_ref()
                .map_or(0, |p| p.ready().count() + p.step_ups.iter().map(|g| g.items.len()).sum::<usize>())
        })
    });
    let signs_in = Memo::new(move |_| plan.with(|p| p.as_ref().is_some_and(|p| !p.step_ups.is_empty())));
    // Only opening and closing the panel rebuilds it: the fields stay put (and keep focus) while
    // the plan below them follows every keystroke.
    let open = Memo::new(move |_| state.selected.with(|s| !s.is_empty()));

    move || {
        open.get().then(|| view! {
            <section class="app-panel" aria-label="Activate" data-testid="activation-panel">
                <div class="app-panel__head">
                    <h2>{move || format!("Activate {} selected", state.selected.with(Vec::len))}</h2>
                    // On a phone the panel covers much of the list: folded, it keeps only this
                    // line and the buttons, and the list behind it can be read and picked from.
                    <button
                        type="button"
                        class="app-button app-button--quiet"
                        data-testid="panel-fold"
                        aria-controls="activation-form"
                        aria-expanded=move || (!state.panel_folded.get()).to_string()
                        on:click=move |_| state.panel_folded.update(|f| *f = !*f)
                    >
                        {move || if state.panel_folded.get() { "Show form" } else { "Hide form" }}
                    </button>
                </div>
                <div id="activation-form" hidden=move || state.panel_folded.get()>
                    <label class="app-field">
                        <span>"Duration"</span>
                        <select
                            data-testid="duration"
                            on:change=move |ev| state.form.update(|f| f.duration = event_target_value(&ev))
                            prop:value=move || state.form.get().duration
                        >
                            {move || {
                                duration_choices(max.get())
                                    .into_iter()
                                    .map(|c| view! { <option value=c.value.to_string()>{c.label}</option> })
                                    .collect_view()
                            }}
                        </select>
                        {move || field_error(Field::Duration).map(|e| view! { <span class="app-field__error">{e}</span> })}
                    </label>
                    <StartField state />
                    <label class="app-field">
                        <span>"Justification"</span>
                        <textarea
                            data-testid="justification"
                            rows="2"
                            prop:value=move || state.form.get().justification
                            on:input=move |ev| state.form.update(|f| f.justification = event_target_value(&ev))
                        ></textarea>
                        {move || field_error(Field::Justification).map(|e| view! { <span class="app-field__error">{e}</span> })}
                    </label>
                    <RecentChips state />
                    {move || {
                        needs_ticket
                            .get()
                            .then(|| {
                                view! {
                                    <div class="app-field-row">
                                        <label class="app-field">
                                            <span>"Ticket system"</span>
                                            <input
                                                data-testid="ticket-system"
                                                prop:value=move || state.form.get().ticket_system
                                                on:input=move |ev| state.form.update(|f| f.ticket_system = event_target_value(&ev))
                                            />
                                        </label>
                                        <label class="app-field">
                                            <span>"Ticket number"</span>
                                            <input
                                                data-testid="ticket-number"
                                                prop:value=move || state.form.get().ticket_number
                                                on:input=move |ev| state.form.update(|f| f.ticket_number = event_target_value(&ev))
                                            />
                                            {move || field_error(Field::TicketNumber).map(|e| view! { <span class="app-field__error">{e}</span> })}
                                        </label>
                                    </div>
                                }
                            })
                    }}
                    <NarrowerScope state error=Signal::derive(move || field_error(Field::Scope)) />
                    {move || {
                        let waiting = state
                            .selected
                            .with(Vec::len)
                            .saturating_sub(plan.with(|p| p.as_ref().map_or(0, |p| p.entries.len())));
                        (waiting > 0).then(|| match state.policy_problem.get() {
                            // A failed read is said, with the way out; the form stays as typed.
                            Some(why) if !state.refreshing.get() => view! {
                                <div class="app-alert" role="alert" data-testid="settings-unread">
                                    <p>{format!("The settings of {waiting} selected could not be read. {why}")}</p>
                                    <button type="button" class="app-button" data-testid="settings-retry" on:click=move |_| state.reload()>
                                        "Try again"
                                    </button>
                                </div>
                            }
                            .into_any(),
                            _ => view! { <p class="app-muted" data-testid="reading-settings">{format!("Reading the settings of {waiting} selected…")}</p> }
                                .into_any(),
                        })
                    }}
                    <ul class="app-plan" data-testid="plan">
                        {move || {
                            plan.get()
                                .map(|plan| {
                                    plan.entries
                                        .iter()
                                        .map(|e| view! { <li><strong>{name_of(&e.key)}</strong>": " {action_text(e)}</li> })
                                        .collect_view()
                                })
                        }}
                    </ul>
                    {move || {
                        let step_ups = plan.get().map(|p| p.step_ups).unwrap_or_default();
                        (!step_ups.is_empty())
                            .then(|| {
                                view! {
                                    <p class="app-muted">"First, a sign-in for:"</p>
                                    <ul class="app-plan">
                                        {step_ups
                                            .iter()
                                            .map(|g| {
                                                let label = match &g.step_up {
                                                    StepUp::Mfa => "multi-factor authentication".to_owned(),
                                                    StepUp::AuthContext(c) => format!("authentication context {}", c.0),
                                                };
                                                let n = g.items.len();
                                                view! {
                                                    <li data-testid="step-up">
                                                        {format!("{label} ({n} item{})", if n == 1 { "" } else { "s" })}
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                }
                            })
                    }}
                </div>
                <div class="app-panel__actions">
                    <button
                        type="button"
                        class="app-button app-button--primary"
                        data-testid="submit"
                        disabled=move || sendable.get() == 0 || state.submitting.get()
                        on:click=move |_| state.go()
                    >
                        {move || {
                            if state.submitting.get() {
                                "Activating…".to_owned()
                            } else if signs_in.get() {
                                format!("Sign in and activate {}", sendable.get())
                            } else {
                                format!("Activate {}", sendable.get())
                            }
                        }}
                    </button>
                    <button type="button" class="app-button app-button--quiet" on:click=move |_| state.selected.set(Vec::new())>
                        "Clear"
                    </button>
                </div>
            </section>
        })
    }
}
