//! Extend or renew a time-bound eligibility or assignment that ends soon (or ended lately): the
//! request goes to an administrator, with the user's reason.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::state::MyRolesState;
use crate::domain::deactivate::{renewal_offers, RenewalOffer, SelfAction};
use crate::domain::error_kind::Explanation;
use crate::domain::item::RoleItem;
use crate::domain::outcome::Outcome;
use crate::graph::adapt::error_kind;
use crate::graph::renew::request_renewal;
use crate::ui::widgets::ResultLine;

/// The offers of one row, each opening a reason field and a send button.
#[component]
pub fn RenewOffers(item: RoleItem, state: MyRolesState) -> impl IntoView {
    let offers = {
        let item = item.clone();
        Memo::new(move |_| renewal_offers(&item, state.now.get()))
    };
    let open = RwSignal::new(None::<RenewalOffer>);
    let reason = RwSignal::new(String::new());
    let sending = RwSignal::new(false);
    let item = StoredValue::new(item);
    let send = move |_| {
        let Some(offer) = open.get_untracked() else { return };
        let services = state.services.get_value();
        let item = item.get_value();
        let why = reason.get_untracked();
        sending.set(true);
        spawn_local(async move {
            let now = state.now.get_untracked();
            let what = if offer.action == SelfAction::Extend { "extension" } else { "renewal" };
            let line = match request_renewal(&services.client, &item, &offer, &why).await {
                Ok(_) => ResultLine {
                    name: item.name.clone(),
                    ok: true,
                    text: Explanation {
                        reason: format!("The {what} was requested; an administrator decides."),
                        next_step: "You can follow it in My requests.".into(),
                    },
                },
                Err(e) => ResultLine {
                    name: item.name.clone(),
                    ok: false,
                    text: Outcome::from_error(error_kind(&e)).describe(now),
                },
            };
            sending.set(false);
            if line.ok {
                open.set(None);
                reason.set(String::new());
            }
            state.results.set(vec![line]);
            crate::platform::dom::scroll_into_view("results");
        });
    };
    move || {
        let now = state.now.get_untracked();
        let list = offers.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="app-renew" data-testid="renew">
                    {list
                        .into_iter()
                        .map(|offer| {
                            let label = offer.label(now);
                            let title = offer.explanation();
                            view! {
                                <button
                                    type="button"
                                    class="app-button app-button--quiet"
                                    data-testid="renew-offer"
                                    title=title
                                    on:click=move |_| open.set(Some(offer.clone()))
                                >
                                    {label}
                                </button>
                            }
                        })
                        .collect_view()}
                    {move || {
                        open.get()
                            .map(|offer| {
                                view! {
                                    <div class="app-renew__form">
                                        <p class="app-muted">{offer.explanation()}</p>
                                        <label class="app-field">
                                            <span>"Reason"</span>
                                            <textarea
                                                rows="2"
                                                data-testid="renew-reason"
                                                prop:value=move || reason.get()
                                                on:input=move |ev| reason.set(event_target_value(&ev))
                                            ></textarea>
                                        </label>
                                        <div class="app-panel__actions">
                                            <button
                                                type="button"
                                                class="app-button app-button--primary"
                                                data-testid="renew-send"
                                                disabled=move || sending.get() || reason.with(|r| r.trim().is_empty())
                                                on:click=send
                                            >
                                                {move || if sending.get() { "Sending…" } else { "Send request" }}
                                            </button>
                                            <button type="button" class="app-button app-button--quiet" on:click=move |_| open.set(None)>
                                                "Cancel"
                                            </button>
                                        </div>
                                    </div>
                                }
                            })
                    }}
                </div>
            }
        })
    }
}
