//! One person to review: who, in which review, the recommendation, and my decision so far.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::domain::reviews::ReviewRow;

#[component]
pub fn ReviewRowView(row: ReviewRow, selected: RwSignal<Vec<String>>, now: DateTime<Utc>) -> impl IntoView {
    let id = row.decision_id.clone();
    let toggle_id = id.clone();
    let checked = move || selected.with(|s| s.contains(&id));
    let decided = row.decided().then(|| match &row.justification {
        Some(j) => format!("Your decision: {} (\u{201c}{j}\u{201d})", row.decision),
        None => format!("Your decision: {}", row.decision),
    });
    let meta =
        [Some(row.review.clone()), row.due_text(now)].into_iter().flatten().collect::<Vec<_>>().join(" · ");
    view! {
        <li class="app-item" data-testid="review-item">
            <input
                class="app-item__check"
                type="checkbox"
                aria-label=format!("Select {}", row.principal)
                prop:checked=checked
                on:change=move |_| {
                    selected.update(|s| match s.iter().position(|x| *x == toggle_id) {
                        Some(i) => {
                            s.remove(i);
                        }
                        None => s.push(toggle_id.clone()),
                    })
                }
            />
            <div class="app-item__body">
                <div class="app-item__title">{row.principal.clone()}</div>
                <div class="app-item__meta">{meta}</div>
                {row.principal_upn.clone().map(|u| view! { <div class="app-item__meta">{u}</div> })}
                {row.recommendation_text().map(|r| view! { <div class="app-item__status">{r}</div> })}
                {decided.map(|d| view! { <div class="app-item__status" data-testid="review-decision">{d}</div> })}
            </div>
        </li>
    }
}
