//! The page's clock: the tenant's time once a second, for countdowns, the five-minute
//! deactivation rule and the ending reminders.

use leptos::prelude::*;

use super::state::MyRolesState;

/// Ticks `state.now` while the calling component lives.
pub fn tick(state: MyRolesState) {
    let ticker = set_interval_with_handle(
        move || state.now.set(state.services.with_value(|s| s.now())),
        std::time::Duration::from_secs(1),
    );
    on_cleanup(move || {
        if let Ok(t) = ticker {
            t.clear();
        }
    });
}
