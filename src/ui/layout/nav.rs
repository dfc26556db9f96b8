//! Primary navigation: a sidebar on wide screens, a scrollable strip on phones.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::ui::{Bundle, Page};

/// Links to every page; the router marks the current one with `aria-current`. A page the running
/// build does not hold is a plain link (`rel="external"` keeps the router's hands off it): the
/// browser loads it, and the boot script in index.html the build that has it.
#[component]
pub fn Nav() -> impl IntoView {
    let bundle = use_context::<Bundle>().unwrap_or(Bundle::Full);
    view! {
        <nav class="app-nav" aria-label="Main">
            <ul class="app-nav__list">
                {Page::ALL
                    .into_iter()
                    .map(|page| {
                        let link = if bundle.serves(page) {
                            view! {
                                <A href=page.path() attr:class="app-nav__link">
                                    {page.title()}
                                </A>
                            }
                            .into_any()
                        } else {
                            view! {
                                <a href=page.path() rel="external" class="app-nav__link">
                                    {page.title()}
                                </a>
                            }
                            .into_any()
                        };
                        view! { <li>{link}</li> }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}
