//! A labelled "starts with" search box that searches on Enter (the pickers of this page).

use leptos::prelude::*;

/// The box; `on_search` runs on Enter.
#[component]
pub fn SearchField(
    label: &'static str,
    testid: &'static str,
    text: RwSignal<String>,
    on_search: Callback<()>,
) -> impl IntoView {
    view! {
        <label class="app-field">
            <span>{label}</span>
            <input
                type="search"
                data-testid=testid
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
                on:keydown=move |ev| {
                    if ev.key() == "Enter" {
                        on_search.run(());
                    }
                }
            />
        </label>
    }
}
