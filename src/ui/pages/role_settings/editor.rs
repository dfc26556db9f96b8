//! The editor of one role's settings. Fields keep what was typed; "Review changes" shows the
//! diff before anything is sent.

use leptos::prelude::*;

use super::approver_picker::ApproverPicker;
use super::state::SettingsState;
use crate::domain::settings::{SettingRule, SettingsForm, SignInChoice};

fn check(
    label: &'static str,
    testid: &'static str,
    get: impl Fn(&SettingsForm) -> bool + Send + Sync + 'static,
    set: impl Fn(&mut SettingsForm, bool) + Send + Sync + 'static,
    state: SettingsState,
) -> impl IntoView {
    view! {
        <label class="app-check">
            <input
                type="checkbox"
                data-testid=testid
                prop:checked=move || state.form.with(&get)
                on:change=move |ev| state.form.update(|f| set(f, event_target_checked(&ev)))
            />
            <span>{label}</span>
        </label>
    }
}

fn text(
    label: &'static str,
    testid: &'static str,
    get: impl Fn(&SettingsForm) -> String + Send + Sync + 'static,
    set: impl Fn(&mut SettingsForm, String) + Send + Sync + 'static,
    state: SettingsState,
    rule: SettingRule,
) -> impl IntoView {
    view! {
        <label class="app-field">
            <span>{label}</span>
            <input
                data-testid=testid
                prop:value=move || state.form.with(&get)
                on:input=move |ev| state.form.update(|f| set(f, event_target_value(&ev)))
            />
            {move || {
                state.problems.with(|p| p.iter().filter(|x| x.rule == rule).map(|x| x.message.clone()).collect::<Vec<_>>())
                    .into_iter()
                    .map(|m| view! { <span class="app-field__error">{m}</span> })
                    .collect_view()
            }}
        </label>
    }
}

/// Shown while a role is being edited.
#[component]
pub fn Editor(state: SettingsState) -> impl IntoView {
    move || {
        // The review replaces the form (both are bottom sheets); Back returns to it as typed.
        if !state.review.with(Vec::is_empty) {
            return None;
        }
        let key = state.editing.get()?;
        let name = state.policy(&key).map(|p| p.name).unwrap_or_default();
        Some(view! {
            <section class="app-panel" aria-label="Edit settings" data-testid="settings-editor">
                <h2>{format!("Edit {name}")}</h2>
                {text("Activation maximum (e.g. 8 h, 90 min)", "activation-max", |f| f.activation_max.clone(), |f, v| f.activation_max = v, state, SettingRule::ActivationDuration)}
                <label class="app-field">
                    <span>"On activation, require"</span>
                    <select
                        data-testid="sign-in"
                        prop:value=move || state.form.with(|f| f.sign_in.value())
                        on:change=move |ev| state.form.update(|f| f.sign_in = SignInChoice::parse(&event_target_value(&ev)))
                    >
                        <option value="none">"No extra sign-in"</option>
                        <option value="mfa">"Multi-factor authentication"</option>
                        <option value="context">"A Conditional Access authentication context"</option>
                    </select>
                </label>
                {move || (state.form.with(|f| f.sign_in) == SignInChoice::Context).then(|| {
                    text("Authentication context (c1 to c99)", "auth-context", |f| f.context.clone(), |f, v| f.context = v, state, SettingRule::AuthenticationContext)
                })}
                {check("Justification", "require-justification", |f| f.justification, |f, v| f.justification = v, state)}
                {check("Ticket information", "require-ticket", |f| f.ticket, |f, v| f.ticket = v, state)}
                {check("Require approval to activate", "require-approval", |f| f.approval, |f, v| f.approval = v, state)}
                {move || state.form.with(|f| f.approval).then(|| view! { <ApproverPicker state /> })}
                <fieldset class="app-fieldset">
                    <legend>"Eligible assignments"</legend>
                    {check("Allow permanent eligible assignments", "eligible-permanent", |f| f.eligible_permanent, |f, v| f.eligible_permanent = v, state)}
                    {text("Otherwise end after at most (e.g. 365 d)", "eligible-max", |f| f.eligible_max.clone(), |f, v| f.eligible_max = v, state, SettingRule::EligibleExpiry)}
                </fieldset>
                <fieldset class="app-fieldset">
                    <legend>"Active assignments"</legend>
                    {check("Allow permanent active assignments", "active-permanent", |f| f.active_permanent, |f, v| f.active_permanent = v, state)}
                    {text("Otherwise end after at most (e.g. 180 d)", "active-max", |f| f.active_max.clone(), |f, v| f.active_max = v, state, SettingRule::ActiveExpiry)}
                </fieldset>
                <div class="app-panel__actions">
                    <button type="button" class="app-button app-button--primary" data-testid="review-changes" on:click=move |_| state.review_edit()>
                        "Review changes"
                    </button>
                    <button type="button" class="app-button app-button--quiet" on:click=move |_| { state.editing.set(None); state.review.set(Vec::new()); }>
                        "Cancel"
                    </button>
                </div>
            </section>
        })
    }
}
