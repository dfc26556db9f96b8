//! Pages whose feature is not built yet. Each says so plainly and what it will do; none pretends
//! to work. Later issues replace them one by one.

use leptos::prelude::*;

use crate::ui::widgets::{EmptyState, PageHeader};
use crate::ui::Page;

#[component]
fn NotBuilt(page: Page, will: &'static str) -> impl IntoView {
    view! {
        <PageHeader page />
        <EmptyState title="Not built yet">
            <p>{will}</p>
            <p>"Until then, use the Privileged Identity Management blade of the Microsoft Entra admin center."</p>
        </EmptyState>
    }
}

/// Role settings (role management policies).
#[component]
pub fn RoleSettingsPage() -> impl IntoView {
    view! { <NotBuilt page=Page::RoleSettings will="This page will show each role's settings in plain language, edit them with a before/after diff, and export and compare them." /> }
}

/// Access reviews of privileged roles.
#[component]
pub fn AccessReviewsPage() -> impl IntoView {
    view! { <NotBuilt page=Page::AccessReviews will="This page will list the access reviews of privileged roles waiting for your decisions." /> }
}
