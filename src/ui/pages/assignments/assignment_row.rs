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

/// What a row's buttons do, by their `name` (the list listens for their clicks: see
/// `platform::dom::clicked_button`): Remove sends the removal; Change end opens or closes the form.
pub fn row_action(state: AssignmentsState, action: &str, row: &AssignmentRow) {
    match action {
        "remove" => state.send(
            AdminChange::on_row(AdminAction::Remove, row, None, ""),
            row.principal.name.clone(),
            |_| {},
        ),
        "change-end" => {
            let key = row.key();
            state.open_row.update(|o| *o = if o.as_deref() == Some(key.as_str()) { None } else { Some(key) })
        }
        _ => {}
    }
}

/// A row of the list: `index` is its place in `state.rows` (the value of its buttons);
/// `can_change` whether the signed-in user may change assignments here (the list renders its
/// rows again when that changes).
///
/// Lean on purpose (20,000-row lists): the texts sit in the row itself, without a body wrapper;
/// the buttons have no listener of their own; the row keeps no copy of its assignment; and it is
/// laid out and painted only near the screen (`.app-assign-row` in style/main.css).
#[component]
pub fn AssignmentItem(
    row: AssignmentRow,
    index: usize,
    can_change: bool,
    state: AssignmentsState,
) -> impl IntoView {
    let key = row.key();
    let blocked = state.rows.with_untracked(|all| removal_block(&row, all));
    let manageable = row.is_managed_here();
    let meta = match &row.principal.upn {
        Some(upn) => format!("{} · {upn}", row.principal.kind.label()),
        None => row.principal.kind.label().to_owned(),
    };
    let is_open = move || state.open_row.get().as_deref() == Some(key.as_str());
    let status = status_line(&row);
    let value = index.to_string();
    view! {
        <li class="app-item app-assign-row" data-testid="assignment-item">
            <div class="app-item__title" data-testid="principal">{row.principal.name}</div>
            <div class="app-item__meta">{meta}</div>
            <div class="app-item__status" data-testid="assignment-status">{status}</div>
            {(can_change && manageable)
                .then(|| {
                    let is_blocked = blocked.is_some();
                    view! {
                        <div class="app-panel__actions">
                            <button
                                type="button"
                                class="app-button"
                                data-testid="remove"
                                name="remove"
                                value=value.clone()
                                disabled=move || is_blocked || state.busy.get()
                            >
                                "Remove"
                            </button>
                            <button
                                type="button"
                                class="app-button app-button--quiet"
                                data-testid="change-end"
                                name="change-end"
                                value=value
                            >
                                "Change end"
                            </button>
                        </div>
                        {blocked.map(|why| view! {
                            <p class="app-alert" data-testid="removal-blocked">{why.reason} " " <span class="app-muted">{why.next_step}</span></p>
                        })}
                    }
                })}
            {move || {
                is_open()
                    .then(|| state.rows.with_untracked(|rows| rows.get(index).cloned()))
                    .flatten()
                    .map(|row| view! { <ChangeEnd row state /> })
            }}
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
