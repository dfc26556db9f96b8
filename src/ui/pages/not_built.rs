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

/// Eligible and active assignments of a role, group or Azure scope.
#[component]
pub fn AssignmentsPage() -> impl IntoView {
    view! { <NotBuilt page=Page::Assignments will="This page will list, add, remove, extend and bulk-import assignments." /> }
}
