//! The activation form and plan for the selected items: one shared form, a line per item saying
//! what will happen, the step-up sign-ins needed first, then one tap to submit them all.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::form_extras::{RecentChips, StartField};
use super::state::MyRolesState;
use crate::domain::duration_input::duration_choices;
use crate::domain::form::Field;
use crate::domain::plan::{PlanAction, StepUp};
use crate::domain::IsoDuration;
use crate::platform::signin;
use crate::ui::services::{use_services, Backend};
use crate::ui::session::use_demo_account;

fn action_text(action: &PlanAction) -> String {
    match action {
        PlanAction::ActivateNow => "activates now".into(),
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
    let account = use_demo_account();
    let location = use_location();
    let tenant_session = StoredValue::new_local(use_services().and_then(|s| match s.backend {
        Backend::Tenant(session) => Some(session),
        Backend::Demo(_) => None,
    }));
    let step_up = move |s: StepUp| {
        // With a tenant: a redirect to Microsoft sign-in with the claims request, back to this page.
        // (The selection is not yet kept across that redirect: see the issue notes.)
        let redirected = tenant_session.with_value(|session| {
            let Some(session) = session else { return false };
            let (path, search) = (location.pathname.get_untracked(), location.search.get_untracked());
            let here = if search.is_empty() { path } else { format!("{path}?{search}") };
            let context = match &s {
                StepUp::AuthContext(c) => Some(c.0.clone()),
                StepUp::Mfa => None,
            };
            signin::step_up(session, context.as_deref(), &here);
            true
        });
        if redirected {
            return;
        }
        // Demo: the simulated tenant's sign-in simply records what was proved.
        if let Some(account) = account {
            if let Some(mut signed_in) = account.0.get_untracked() {
                match s {
                    StepUp::Mfa => signed_in.mfa = true,
                    StepUp::AuthContext(c) => {
                        signed_in.mfa = true;
                        if !signed_in.contexts.contains(&c.0) {
                            signed_in.contexts.push(c.0);
                        }
                    }
                }
                account.set(Some(signed_in));
            }
        }
    };
    let name_of = move |key: &crate::domain::item_key::ItemKey| {
        state
            .items
            .with(|items| items.iter().find(|i| &i.key == key).map(|i| i.name.clone()).unwrap_or_default())
    };

    move || {
        let plan = plan.get()?;
        let ready = plan.ready().count();
        Some(view! {
            <section class="app-panel" aria-label="Activate" data-testid="activation-panel">
                <h2>{format!("Activate {} selected", plan.entries.len())}</h2>
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
                <ul class="app-plan" data-testid="plan">
                    {plan
                        .entries
                        .iter()
                        .map(|e| view! { <li><strong>{name_of(&e.key)}</strong>": " {action_text(&e.action)}</li> })
                        .collect_view()}
                </ul>
                {plan
                    .step_ups
                    .iter()
                    .map(|g| {
                        let s = g.step_up.clone();
                        let label = match &s {
                            StepUp::Mfa => "Sign in with MFA".to_owned(),
                            StepUp::AuthContext(c) => format!("Sign in for authentication context {}", c.0),
                        };
                        view! {
                            <button type="button" class="app-button" data-testid="step-up" on:click=move |_| step_up(s.clone())>
                                {format!("{label} ({} item{})", g.items.len(), if g.items.len() == 1 { "" } else { "s" })}
                            </button>
                        }
                    })
                    .collect_view()}
                <div class="app-panel__actions">
                    <button
                        type="button"
                        class="app-button app-button--primary"
                        data-testid="submit"
                        disabled=move || ready == 0 || state.submitting.get()
                        on:click={
                            let plan = plan.clone();
                            move |_| state.submit(plan.clone())
                        }
                    >
                        {move || if state.submitting.get() { "Activating…".to_owned() } else { format!("Activate {ready}") }}
                    </button>
                    <button type="button" class="app-button app-button--quiet" on:click=move |_| state.selected.set(Vec::new())>
                        "Clear"
                    </button>
                </div>
            </section>
        })
    }
}
