//! Assignments: for a directory role, a PIM group or an Azure role at a scope, who is eligible and who is active (from
//! when, until when, directly or through a group); add, remove, update, extend and renew within
//! the role's rules; bulk import from CSV. People without an administrator role see which role
//! they need; in a tenant the write permissions are asked for only here.

mod access_notice;
mod add_panel;
mod assignment_row;
mod azure_picker;
mod import_panel;
mod import_state;
mod list;
mod principal_picker;
mod search_field;
mod state;
mod target_picker;

use leptos::prelude::*;

use access_notice::AccessNotice;
use add_panel::AddPanel;
use import_panel::ImportPanel;
use list::AssignmentList;
use state::AssignmentsState;
use target_picker::TargetPicker;

use crate::auth::Feature;
use crate::ui::services::use_services;
use crate::ui::session::ConsentGate;
use crate::ui::widgets::{PageHeader, ResultList};
use crate::ui::Page;

/// The page: the role or group, its assignments, the add form and bulk import.
#[component]
pub fn AssignmentsPage() -> impl IntoView {
    let Some(services) = use_services() else {
        return view! { <PageHeader page=Page::Assignments /> }.into_any();
    };
    let state = AssignmentsState::new(services);
    state.start();
    let may_change = move || state.may_change();
    view! {
        <PageHeader page=Page::Assignments />
        <AccessNotice state />
        <TargetPicker state />
        <ResultList results=state.results />
        {move || state.load_error.get().map(|e| view! { <p class="app-alert" role="alert">{e}</p> })}
        <AssignmentList state />
        // In a tenant, the write permissions are asked for here, and only from administrators.
        {move || {
            may_change()
                .then(|| {
                    view! {
                        <ConsentGate feature=Feature::Assignments>
                            <AddPanel state />
                            <ImportPanel state />
                        </ConsentGate>
                    }
                })
        }}
    }
    .into_any()
}
