//! The core build's fallback: a page it does not hold is in the full build, which a reload at the
//! same address loads (the boot script in index.html picks the build from the path).

use leptos::prelude::*;

use crate::platform::bundle;

/// Says the page is on its way and reloads into the full build.
#[component]
pub fn LoadFullBuildPage() -> impl IntoView {
    Effect::new(|_| bundle::load_full_build());
    view! {
        <p class="app-muted" role="status" data-testid="loading-full-build">
            "Loading this page…"
        </p>
    }
}
