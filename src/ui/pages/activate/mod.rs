//! `/activate?items=…`: a deep link opened on a confirmation screen. The link prefills the
//! selection and the form; every entry it cannot use is reported; nothing is sent until the
//! user taps Activate. The sign-in gate keeps this address (query included) across sign-in.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use super::my_roles::activation_panel::ActivationPanel;
use super::my_roles::problems::{LoadProblems, OfflineBanner};
use super::my_roles::state::MyRolesState;
use super::my_roles::{clock, form_extras};
use crate::domain::deeplink::{DeepLink, LinkProblemKind, Resolution};
use crate::ui::services::use_services;
use crate::ui::widgets::{EmptyState, ResultList};
use crate::ui::Page;

/// The confirmation screen of a deep link.
#[component]
pub fn ActivatePage() -> impl IntoView {
    let Some(services) = use_services() else { return ().into_any() };
    let location = use_location();
    let link = DeepLink::parse(&location.search.get_untracked());
    let state = MyRolesState::new(services);
    state.reload();
    clock::tick(state);
    form_extras::remember_on_submit(state);

    // Resolved once, against the first load: later reloads (after activating) keep the screen.
    let resolution = RwSignal::new(None::<Resolution>);
    Effect::new(move |_| {
        if !state.loaded.get() || resolution.with_untracked(Option::is_some) {
            return;
        }
        let res = state.items.with_untracked(|items| link.resolve(items));
        state.selected.set(res.found.clone());
        state.form.update(|f| *f = link.prefill(f.clone()));
        resolution.set(Some(res));
    });
    let name_of = move |key: &crate::domain::item_key::ItemKey| {
        state.items.with_untracked(|items| {
            items
                .iter()
                .find(|i| &i.key == key)
                .map(|i| format!("{} · {}: {}", i.name, i.scope.kind.label(), i.scope.name))
                .unwrap_or_else(|| key.to_compact())
        })
    };

    view! {
        <div class="app-activate">
        <header class="app-page-header">
            <h1>"Activate from a link"</h1>
        </header>
        <p class="app-muted">"This link fills in an activation for you. Check it, then tap Activate: nothing is sent before."</p>
        <OfflineBanner />
        <LoadProblems state />
        {move || match resolution.get() {
            None => view! { <p class="app-muted" data-testid="loading">"Loading your roles…"</p> }.into_any(),
            Some(res) => {
                let nothing = res.found.is_empty();
                view! {
                    {(!res.problems.is_empty()).then(|| view! {
                        <section class="app-alert" role="alert" data-testid="link-problems">
                            <p>"Some entries of this link cannot be used:"</p>
                            <ul>
                                {res.problems.iter().map(|p| {
                                    let choices = match &p.kind {
                                        LinkProblemKind::Ambiguous { candidates } => candidates.clone(),
                                        _ => Vec::new(),
                                    };
                                    view! {
                                        <li>
                                            {p.message()}
                                            {choices.into_iter().map(|key| {
                                                let label = name_of(&key);
                                                view! {
                                                    " "
                                                    <button type="button" class="app-chip" on:click=move |_| state.toggle(&key)>
                                                        {label}
                                                    </button>
                                                }
                                            }).collect_view()}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </section>
                    })}
                    {nothing.then(|| view! {
                        <EmptyState title="Nothing to activate from this link">
                            <p>"None of the roles in this link is one you can activate. Ask whoever sent it to check the roles, or pick them yourself."</p>
                        </EmptyState>
                    })}
                }
                .into_any()
            }
        }}
        <ResultList results=state.results />
        <ActivationPanel state />
        <p><A href=Page::MyRoles.path()>"Back to My roles"</A></p>
        </div>
    }
    .into_any()
}
