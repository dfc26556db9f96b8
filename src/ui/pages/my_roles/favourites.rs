//! The star on a row: starred items are listed first and kept in this browser.

use leptos::prelude::*;

use super::state::MyRolesState;
use super::stored::save_library;
use crate::domain::item_key::ItemKey;

/// Stars or unstars one item.
#[component]
pub fn StarButton(item_key: ItemKey, name: String, state: MyRolesState) -> impl IntoView {
    let starred = {
        let key = item_key.clone();
        Memo::new(move |_| state.library.with(|l| l.is_favourite(&key)))
    };
    view! {
        <button
            type="button"
            class="app-star"
            data-testid="star"
            aria-pressed=move || starred.get().to_string()
            aria-label=move || if starred.get() { format!("Unstar {name}") } else { format!("Star {name}") }
            title=move || if starred.get() { "Starred: listed first" } else { "Star: list it first" }
            on:click=move |_| {
                state.library.update(|l| {
                    l.toggle_favourite(&item_key);
                    save_library(l);
                })
            }
        >
            {move || if starred.get() { "★" } else { "☆" }}
        </button>
    }
}

/// Puts starred items first, keeping the list's order otherwise.
pub fn starred_first(state: MyRolesState, items: &[crate::domain::item::RoleItem], order: &mut [usize]) {
    state
        .library
        .with(|l| order.sort_by_key(|&i| items.get(i).is_none_or(|item| !l.is_favourite(&item.key))));
}
