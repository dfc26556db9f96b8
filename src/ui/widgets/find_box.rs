//! A search field with a Find button (Enter finds too), for pickers that ask the directory.

use leptos::prelude::*;

/// `query` holds what is typed; `on_find` runs on Find or Enter. Test ids: `{testid}-search`
/// and `{testid}-find`.
#[component]
pub fn FindBox(
    query: RwSignal<String>,
    #[prop(into)] placeholder: String,
    #[prop(into)] label: String,
    testid: &'static str,
    on_find: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="app-toolbar">
            <input
                class="app-search"
                type="search"
                placeholder=placeholder
                aria-label=label
                data-testid=format!("{testid}-search")
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
                on:keydown=move |ev| {
                    if ev.key() == "Enter" {
                        ev.prevent_default();
                        on_find.run(());
                    }
                }
            />
            <button type="button" class="app-button" data-testid=format!("{testid}-find") on:click=move |_| on_find.run(())>
                "Find"
            </button>
        </div>
    }
}
