//! One row of My roles: what it is, where, how it is held, its state and requirements.

use leptos::prelude::*;

use super::favourites::StarButton;
use super::reminders::IcsLink;
use super::renewals::RenewOffers;
use super::state::MyRolesState;
use crate::domain::countdown::Countdown;
use crate::domain::deactivate::Deactivation;
use crate::domain::item::{ActiveKind, HeldVia, ItemState, RoleItem};

/// A selectable row with its badges and the action that fits its state.
#[component]
pub fn ItemRow(item: RoleItem, state: MyRolesState) -> impl IntoView {
    let key = item.key.clone();
    let selectable = item.eligible && matches!(item.state, ItemState::Eligible);
    let checked = {
        let key = key.clone();
        move || state.selected.with(|s| s.contains(&key))
    };
    let badges = {
        let key = key.clone();
        move || state.policies.with(|p| p.get(&key).map(|p| p.badges()).unwrap_or_default())
    };
    let held = match &item.held {
        HeldVia::Direct => None,
        HeldVia::Group { name, .. } => {
            Some(format!("through group {}", name.clone().unwrap_or_default()).trim().to_owned())
        }
        HeldVia::Inherited => Some("inherited".to_owned()),
    };
    let status = {
        let item_state = item.state.clone();
        move || match &item_state {
            ItemState::Eligible => "Eligible".to_owned(),
            ItemState::Active { end, .. } => {
                format!("Active · {}", Countdown::at(*end, state.now.get()).label())
            }
            ItemState::ActivationPending { .. } => "Waiting for approval".to_owned(),
            ItemState::Scheduled { start, .. } => {
                format!("Starts {}", crate::domain::format::utc_stamp(*start))
            }
        }
    };
    let active_class = item.state.is_active();
    // Only an activation (not an administrator's assignment) can be ended by its holder.
    let deactivatable = matches!(item.state, ItemState::Active { kind: ActiveKind::Activated, .. });
    let toggle_key = key.clone();
    let for_deactivate = item.clone();
    let (star_key, star_name) = (key.clone(), item.name.clone());
    let (for_ics, for_renew) = (item.clone(), item.clone());
    view! {
        <li class="app-item" class:app-item--active=active_class data-testid="role-item" data-key=key.to_string()>
            {selectable
                .then(|| {
                    view! {
                        <input
                            class="app-item__check"
                            type="checkbox"
                            aria-label=format!("Select {}", item.name)
                            prop:checked=checked
                            on:change=move |_| state.toggle(&toggle_key)
                        />
                    }
                })}
            <StarButton item_key=star_key name=star_name state />
            <div class="app-item__body">
                <div class="app-item__title">{item.name.clone()}</div>
                <div class="app-item__meta">
                    <span>{item.key.plane().label()}</span>
                    " · "
                    <span>{format!("{}: {}", item.scope.kind.label(), item.scope.name)}</span>
                    {held.map(|h| view! { " · " <span>{h}</span> })}
                </div>
                <div class="app-item__status" data-testid="item-status">{status}</div>
                <ul class="app-badges">
                    {move || {
                        badges()
                            .into_iter()
                            .map(|b| view! { <li class="app-badge-req" title=b.explanation>{b.label}</li> })
                            .collect_view()
                    }}
                </ul>
                <RenewOffers item=for_renew state />
            </div>
            <IcsLink item=for_ics state />
            {deactivatable
                .then(|| {
                    let item_state = item.state.clone();
                    let rule = Memo::new(move |_| Deactivation::at(&item_state, state.now.get()));
                    let item = for_deactivate.clone();
                    view! {
                        <button
                            type="button"
                            class="app-button app-button--quiet"
                            disabled=move || { rule.get() != Deactivation::Allowed }
                            title=move || rule.get().explanation().unwrap_or_default()
                            on:click=move |_| state.deactivate(item.clone())
                        >
                            {move || rule.get().button_label().unwrap_or_default()}
                        </button>
                    }
                })}
        </li>
    }
}
