//! Shown instead of the app when `config.json` is present but wrong.

use leptos::prelude::*;

use crate::config::ConfigError;

/// Names the bad field, says what is wrong and how to fix it.
#[component]
pub fn ConfigErrorPage(error: ConfigError) -> impl IntoView {
    let field = error.field.clone();
    view! {
        <main class="app-config-error" data-testid="config-error">
            <h1>"The app's configuration needs fixing"</h1>
            {field.map(|f| view! { <p>"Field: " <code data-testid="config-error-field">{f}</code></p> })}
            <p>{error.problem.clone()}</p>
            <p><strong>"To fix: "</strong>{error.fix.clone()}</p>
            <p>"config.json sits next to index.html on the web server. After fixing it, reload this page."</p>
        </main>
    }
}
