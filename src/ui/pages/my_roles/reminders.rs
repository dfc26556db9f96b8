//! Reminders that an activation is ending: a banner in the app, a browser notification when the
//! user allows it (once per activation), and an `.ics` calendar entry for the end time.

use std::collections::HashSet;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::state::MyRolesState;
use crate::domain::countdown::ending_warning;
use crate::domain::ics::{activation_end_ics, ics_file_name};
use crate::domain::item::RoleItem;
use crate::platform::files::{app_base, data_url};
use crate::platform::notify::{self, Permission};

/// The banner above the list while activations end within ten minutes; it also sends each
/// warning once as a browser notification when allowed.
#[component]
pub fn EndingBanner(state: MyRolesState) -> impl IntoView {
    let warnings = Memo::new(move |_| {
        let now = state.now.get();
        state.items.with(|items| {
            items
                .iter()
                .filter_map(|i| {
                    let end = i.state.end();
                    let id = format!("{}|{}", i.key.to_compact(), end.map_or(0, |e| e.timestamp()));
                    Some((id, ending_warning(&i.title(), end, now)?))
                })
                .collect::<Vec<_>>()
        })
    });
    let notified = StoredValue::new(HashSet::<String>::new());
    Effect::new(move |_| {
        for (id, text) in warnings.get() {
            if notified.with_value(|n| !n.contains(&id)) {
                notified.update_value(|n| {
                    n.insert(id.clone());
                });
                notify::show(
                    "Access ending soon",
                    &format!("{text}. Activate it again if you still need it."),
                    &id,
                );
            }
        }
    });
    let permission = RwSignal::new(notify::permission());
    let has_ends = move || state.items.with(|items| items.iter().any(|i| i.state.end().is_some()));
    let ask = move |_| spawn_local(async move { permission.set(notify::request().await) });
    view! {
        {move || {
            let list = warnings.get();
            (!list.is_empty()).then(|| {
                view! {
                    <div class="app-alert app-alert--warning" role="status" data-testid="ending-banner">
                        {list
                            .into_iter()
                            .map(|(_, text)| view! { <p>{format!("{text}. Activate it again if you still need it.")}</p> })
                            .collect_view()}
                    </div>
                }
            })
        }}
        {move || {
            (permission.get() == Permission::Ask && has_ends()).then(|| {
                view! {
                    <p class="app-muted app-notify-offer">
                        <button type="button" class="app-link-button" data-testid="allow-notifications" on:click=ask>
                            "Notify me before my roles end"
                        </button>
                    </p>
                }
            })
        }}
    }
}

/// "Add to calendar": an `.ics` entry for the end of an active item.
#[component]
pub fn IcsLink(item: RoleItem, state: MyRolesState) -> impl IntoView {
    let Some(end) = item.state.end() else { return None };
    // The entry is made once: its DTSTAMP need not tick with the clock.
    let now = state.now.get_untracked();
    let text = activation_end_ics(&item, end, now, Some(&format!("{}/", app_base())));
    Some(view! {
        <a
            class="app-button app-button--quiet"
            data-testid="ics"
            download=ics_file_name(&item, end)
            href=data_url("text/calendar", &text)
        >
            "Add end to calendar"
        </a>
    })
}
