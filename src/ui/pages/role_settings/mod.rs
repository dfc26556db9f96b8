//! Role settings: each role's policy in plain language, an editor whose save first shows the
//! before/after of exactly the rules that change, copy to many, export, import and drift.
//! Only Privileged Role Administrators and Global Administrators get the page; others are told
//! which role they need.

mod approver_picker;
mod consent_notice;
mod copy_panel;
mod editor;
mod file_panel;
mod group_finder;
mod review_panel;
mod role_card;
mod state;

use leptos::prelude::*;

use consent_notice::ConsentNotice;
use copy_panel::CopyPanel;
use editor::Editor;
use file_panel::FilePanel;
use group_finder::GroupFinder;
use review_panel::ReviewPanel;
use role_card::RoleCard;
use state::SettingsState;

use crate::ui::services::use_services;
use crate::ui::widgets::{EmptyState, PageHeader, ResultList};
use crate::ui::Page;

/// The page: an access check first, then the list, the editor and the file tools.
#[component]
pub fn RoleSettingsPage() -> impl IntoView {
    let Some(services) = use_services() else {
        return view! { <PageHeader page=Page::RoleSettings /> }.into_any();
    };
    let state = SettingsState::new(services);
    state.start();
    view! {
        <PageHeader page=Page::RoleSettings />
        {move || match state.access.get() {
            None => view! { <p class="app-muted" data-testid="loading">"Checking your access…"</p> }.into_any(),
            Some(Err(e)) => view! { <p class="app-alert" role="alert">{e}</p> }.into_any(),
            Some(Ok(access)) => match access.explanation() {
                Some((reason, next)) => view! {
                    <EmptyState title="You need an administrator role">
                        <p data-testid="access-needed">{reason}</p>
                        <p>{next}</p>
                        <p><a href=Page::MyRoles.path()>"Go to My roles"</a></p>
                    </EmptyState>
                }
                .into_any(),
                None => view! { <Settings state /> }.into_any(),
            },
        }}
    }
    .into_any()
}

#[component]
fn Settings(state: SettingsState) -> impl IntoView {
    view! {
        <ConsentNotice />
        <div class="app-toolbar">
            <input
                class="app-search"
                type="search"
                placeholder="Search roles"
                aria-label="Search roles"
                data-testid="settings-search"
                prop:value=move || state.search.get()
                on:input=move |ev| state.search.set(event_target_value(&ev))
            />
        </div>
        <GroupFinder state />
        <FilePanel state />
        {move || state.load_errors.get().into_iter().map(|e| view! { <p class="app-alert" role="alert">{e}</p> }).collect_view()}
        <ResultList results=state.results />
        <ReviewPanel state />
        <Editor state />
        <CopyPanel state />
        {move || {
            if !state.loaded.get() {
                view! { <p class="app-muted" data-testid="loading">"Loading role settings…"</p> }.into_any()
            } else {
                let visible = state.visible();
                if visible.is_empty() {
                    view! {
                        <EmptyState title="No role matches">
                            <p>"No role's name or scope contains what you searched for."</p>
                        </EmptyState>
                    }
                    .into_any()
                } else {
                    view! {
                        <ul class="app-items" data-testid="settings-list">
                            {visible.into_iter().map(|policy| view! { <RoleCard policy state /> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }
            }
        }}
    }
}
