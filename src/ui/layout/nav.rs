//! Primary navigation: a sidebar on wide screens, a scrollable strip on phones.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::ui::Page;

/// Links to every page; the router marks the current one with `aria-current`.
#[component]
pub fn Nav() -> impl IntoView {
    view! {
        <nav class="app-nav" aria-label="Main">
            <ul class="app-nav__list">
                {Page::ALL
                    .into_iter()
                    .map(|page| {
                        view! {
                            <li>
                                <A href=page.path() attr:class="app-nav__link">
                                    {page.title()}
                                </A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}
