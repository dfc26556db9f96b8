//! One assignment: who, eligible or active, from when until when, direct or through a group; and
//! for an administrator Remove (refused with the reason for the last Global Administrator) and a
//! change of its end (update, extend, renew) within the role's rules.

use leptos::prelude::*;

use super::state::AssignmentsState;
use crate::domain::assignments::import::parse_when;
use crate::domain::assignments::{removal_block, AssignmentRow, NewAssignment};
use crate::domain::deactivate::AssignmentLevel;
use crate::domain::format::utc_stamp;
use crate::graph::assignments::{AdminAction, AdminChange};

fn status_line(row: &AssignmentRow) -> String {
    let level = match (row.level, row.activation) {
        (AssignmentLevel::Eligibility, _) => "Eligible",
        (AssignmentLevel::Assignment, true) => "Active (activated)",
        (AssignmentLevel::Assignment, false) => "Active",
    };
    let end = match row.end {
        None => "permanent".to_owned(),
        Some(end) => format!("time-bound, until {}", utc_stamp(end)),
    };
    let start = row.start.map(|s| format!(" · from {}", utc_stamp(s))).unwrap_or_default();
    format!("{level} · {end}{start} · {}", row.held_text())
}

/// A row of the list.
#[component]
pub fn AssignmentItem(row: AssignmentRow, state: AssignmentsState) -> impl IntoView {
    let key = row.key();
    let blocked = state.rows.with_untracked(|all| removal_block(&row, all));
    let manageable = row.is_managed_here();
    let who = row.principal.name.clone();
    let meta = match &row.principal.upn {
        Some(upn) => format!("{} · {upn}", row.principal.kind.label()),
        None => row.principal.kind.label().to_owned(),
    };
    let open_key = key.clone();
    let is_open = move || state.open_row.get().as_deref() == Some(open_key.as_str());
    let remove = {
        let (row, who) = (row.clone(), who.clone());
        move |_| state.send(AdminChange::on_row(AdminAction::Remove, &row, None, ""), who.clone(), |_| {})
    };
    let toggle_key = key.clone();
    let change_row = row.clone();
    view! {
        <li class="app-item" data-testid="assignment-item" data-key=key>
            <div class="app-item__body">
                <div class="app-item__title" data-testid="principal">{who.clone()}</div>
                <div class="app-item__meta">{meta}</div>
                <div class="app-item__status" data-testid="assignment-status">{status_line(&row)}</div>
                {move || {
                    (state.may_change() && manageable)
                        .then(|| {
                            let blocked = blocked.clone();
                            let is_blocked = blocked.is_some();
                            let remove = remove.clone();
                            let toggle_key = toggle_key.clone();
                            view! {
                                <div class="app-panel__actions">
                                    <button
                                        type="button"
                                        class="app-button"
                                        data-testid="remove"
                                        disabled=move || is_blocked || state.busy.get()
                                        on:click=remove
                                    >
                                        "Remove"
                                    </button>
                                    <button
                                        type="button"
                                        class="app-button app-button--quiet"
                                        data-testid="change-end"
                                        on:click=move |_| {
                                            let k = toggle_key.clone();
                                            state.open_row.update(|o| *o = if o.as_deref() == Some(k.as_str()) { None } else { Some(k) })
                                        }
                                    >
                                        "Change end"
                                    </button>
                                </div>
                                {blocked.map(|why| view! {
                                    <p class="app-alert" data-testid="removal-blocked">{why.reason} " " <span class="app-muted">{why.next_step}</span></p>
                                })}
                            }
                        })
                }}
                {move || is_open().then(|| view! { <ChangeEnd row=change_row.clone() state /> })}
            </div>
        </li>
    }
}

/// The new end of an assignment (or permanent, where allowed): Update, Extend, or Renew.
#[component]
fn ChangeEnd(row: AssignmentRow, state: AssignmentsState) -> impl IntoView {
    let end_text = RwSignal::new(String::new());
    let permanent = RwSignal::new(false);
    let justification = RwSignal::new(String::new());
    let check_row = row.clone();
    let problems = move || {
        let end = match (permanent.get(), parse_when(&end_text.get())) {
            (true, _) => None,
            (false, Ok(Some(end))) => Some(end),
            (false, Ok(None)) => return vec!["Choose the new end date, or permanent.".to_owned()],
            (false, Err(())) => return vec!["The end is not a date.".to_owned()],
        };
        let new = NewAssignment {
            principal: check_row.principal.id.clone(),
            target: check_row.target.clone(),
            level: check_row.level,
            start: check_row.start,
            end,
            justification: justification.get(),
        };
        state.rules.get().check(&new, &[], state.now.get()).iter().map(|p| p.explain()).collect::<Vec<_>>()
    };
    let ended = row.end.is_some_and(|e| e <= state.now.get_untracked());
    let actions: Vec<(AdminAction, &str)> = if ended {
        vec![(AdminAction::Renew, "Renew")]
    } else if row.end.is_some() {
        vec![(AdminAction::Extend, "Extend"), (AdminAction::Update, "Update")]
    } else {
        vec![(AdminAction::Update, "Update")]
    };
    let problems_view = problems.clone();
    view! {
        <div class="app-assign-change" data-testid="change-form">
            <label class="app-field">
                <span>"New end (UTC date)"</span>
                <input type="date" data-testid="new-end" prop:value=move || end_text.get() on:input=move |ev| end_text.set(event_target_value(&ev)) />
            </label>
            <label class="app-assign-check">
                <input type="checkbox" prop:checked=move || permanent.get() on:change=move |ev| permanent.set(event_target_checked(&ev)) />
                " Permanent"
            </label>
            <label class="app-field">
                <span>"Justification"</span>
                <input type="text" prop:value=move || justification.get() on:input=move |ev| justification.set(event_target_value(&ev)) />
            </label>
            <ul class="app-assign-problems">
                {move || problems_view().into_iter().map(|p| view! { <li class="app-field__error">{p}</li> }).collect_view()}
            </ul>
            <div class="app-panel__actions">
                {actions
                    .into_iter()
                    .map(|(action, label)| {
                        let row = row.clone();
                        let problems = problems.clone();
                        let blocked = move || state.busy.get() || !problems().is_empty();
                        view! {
                            <button
                                type="button"
                                class="app-button app-button--primary"
                                data-testid=format!("do-{}", label.to_lowercase())
                                disabled=blocked
                                on:click=move |_| {
                                    let end = if permanent.get_untracked() { None } else { parse_when(&end_text.get_untracked()).ok().flatten() };
                                    let change = AdminChange::on_row(action, &row, end, &justification.get_untracked());
                                    state.send(change, row.principal.name.clone(), |_| {});
                                }
                            >
                                {label}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
        </div>
    }
}
