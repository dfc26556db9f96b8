//! Access reviews: the people whose privileged access waits for my decision, grouped by review,
//! with the service's recommendation; keep, remove or "don't know" for one or several at once.

mod review_row;

use leptos::prelude::*;
use leptos::task::spawn_local;

use review_row::ReviewRowView;

use crate::domain::reviews::{decision_problem, ReviewChoice, ReviewRow};
use crate::graph::reviews::{decide, my_review_work};
use crate::ui::services::{use_services, Services};
use crate::ui::widgets::{EmptyState, PageHeader, ResultLine, ResultList};
use crate::ui::Page;

/// The reviewer's page.
#[component]
pub fn AccessReviewsPage() -> impl IntoView {
    let Some(services) = use_services() else {
        return view! { <PageHeader page=Page::AccessReviews /> }.into_any();
    };
    let services = StoredValue::new_local(services);
    let rows = RwSignal::new(None::<Vec<ReviewRow>>);
    let errors = RwSignal::new(Vec::<String>::new());
    let selected = RwSignal::new(Vec::<String>::new());
    let justification = RwSignal::new(String::new());
    let results = RwSignal::new(Vec::<ResultLine>::new());
    let busy = RwSignal::new(false);
    let load = move || {
        let services: Services = services.get_value();
        spawn_local(async move {
            let now = services.now();
            match my_review_work(&services.client, now).await {
                Ok((found, failed)) => {
                    let _ = errors.try_set(
                        failed.iter().map(|e| format!("{} {}", e.explain(), e.next_step())).collect(),
                    );
                    let _ = rows.try_set(Some(found));
                }
                Err(e) => {
                    let _ = errors.try_set(vec![format!("{} {}", e.explain(), e.next_step())]);
                    let _ = rows.try_set(Some(Vec::new()));
                }
            }
        });
    };
    load();
    let chosen = move || {
        let ids = selected.get();
        rows.with(|r| {
            r.as_ref().map(|r| r.iter().filter(|x| ids.contains(&x.decision_id)).cloned().collect::<Vec<_>>())
        })
        .unwrap_or_default()
    };
    let problem = Memo::new(move |_| {
        let picked = chosen();
        decision_problem(&picked.iter().collect::<Vec<_>>(), &justification.get())
    });
    let record = move |choice: ReviewChoice| {
        let picked = chosen();
        let why = justification.get_untracked();
        let services: Services = services.get_value();
        busy.set(true);
        spawn_local(async move {
            let answers =
                futures::future::join_all(picked.iter().map(|r| decide(&services.client, r, choice, &why)))
                    .await;
            let lines = picked
                .iter()
                .zip(answers)
                .map(|(r, answer)| match answer {
                    Ok(()) => ResultLine {
                        name: format!("{} ({})", r.principal, r.review),
                        ok: true,
                        text: crate::domain::Explanation {
                            reason: choice.done().to_owned(),
                            next_step: String::new(),
                        },
                    },
                    Err(e) => ResultLine {
                        name: format!("{} ({})", r.principal, r.review),
                        ok: false,
                        text: crate::domain::Explanation { reason: e.explain(), next_step: e.next_step() },
                    },
                })
                .collect();
            let _ = results.try_set(lines);
            let _ = busy.try_set(false);
            let _ = selected.try_set(Vec::new());
            let _ = justification.try_set(String::new());
            load();
        });
    };

    view! {
        <PageHeader page=Page::AccessReviews />
        {move || errors.get().into_iter().map(|e| view! { <p class="app-alert" role="alert">{e}</p> }).collect_view()}
        <ResultList results />
        {move || match rows.get() {
            None => view! { <p class="app-muted" data-testid="loading">"Loading your reviews…"</p> }.into_any(),
            Some(list) if list.is_empty() => view! {
                <EmptyState title="No review waits for you">
                    <p>"When an administrator asks you to review who holds a privileged role, the people to review appear here."</p>
                </EmptyState>
            }
            .into_any(),
            Some(list) => {
                let now = services.with_value(|s| s.now());
                view! {
                    <ul class="app-items" data-testid="review-list">
                        {list.into_iter().map(|row| view! { <ReviewRowView row selected now /> }).collect_view()}
                    </ul>
                }
                .into_any()
            }
        }}
        {move || {
            (!selected.with(Vec::is_empty))
                .then(|| {
                    view! {
                        <section class="app-panel" aria-label="Decide" data-testid="review-panel">
                            <h2>{move || format!("Decide on {} selected", selected.with(Vec::len))}</h2>
                            <label class="app-field">
                                <span>"Justification"</span>
                                <textarea
                                    data-testid="review-justification"
                                    rows="2"
                                    prop:value=move || justification.get()
                                    on:input=move |ev| justification.set(event_target_value(&ev))
                                ></textarea>
                                {move || problem.get().map(|p| view! { <span class="app-field__error">{p}</span> })}
                            </label>
                            <div class="app-panel__actions">
                                {[ReviewChoice::Approve, ReviewChoice::Deny, ReviewChoice::DontKnow]
                                    .into_iter()
                                    .map(|choice| {
                                        view! {
                                            <button
                                                type="button"
                                                class="app-button"
                                                class:app-button--primary=choice == ReviewChoice::Approve
                                                data-testid=format!("review-{}", choice.as_str().to_ascii_lowercase())
                                                disabled=move || problem.get().is_some() || busy.get()
                                                on:click=move |_| record(choice)
                                            >
                                                {choice.label()}
                                            </button>
                                        }
                                    })
                                    .collect_view()}
                            </div>
                        </section>
                    }
                })
        }}
    }
    .into_any()
}
