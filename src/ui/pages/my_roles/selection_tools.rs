//! What can be done with the current selection besides activating it: save it as a set, or
//! copy a link that opens it prefilled (for a runbook, a ticket or a colleague), or show that
//! link as a QR code for a phone.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::state::MyRolesState;
use super::stored::save_library;
use crate::domain::deeplink::DeepLink;
use crate::domain::duration_input::parse_duration_input;
use crate::domain::qr::qr_svg;
use crate::domain::sets::SavedSet;
use crate::platform::files::{app_base, copy_text};

/// The set the selection and form make, under `name`.
fn set_from_selection(state: MyRolesState, name: &str) -> SavedSet {
    let form = state.form.get_untracked();
    let justification = form.justification.trim();
    SavedSet {
        name: name.trim().to_owned(),
        items: state.selected.get_untracked(),
        duration: parse_duration_input(&form.duration).ok(),
        justification: (!justification.is_empty()).then(|| justification.to_owned()),
    }
}

/// Shown under the activation panel while items are selected.
#[component]
pub fn SelectionTools(state: MyRolesState) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let saved = RwSignal::new(None::<String>);
    let link = RwSignal::new(None::<String>);
    let copied = RwSignal::new(None::<bool>);
    let save = move || {
        let set = set_from_selection(state, &name.get_untracked());
        if set.name.is_empty() || set.items.is_empty() {
            return;
        }
        saved.set(Some(format!("Saved “{}”: one tap on it above selects these roles again.", set.name)));
        state.library.update(|l| {
            l.save_set(set);
            save_library(l);
        });
        name.set(String::new());
    };
    let show_qr = RwSignal::new(false);
    let current_link = move || {
        let path =
            DeepLink::from_selection(&state.selected.get_untracked(), &state.form.get_untracked()).to_path();
        format!("{}{path}", app_base())
    };
    let copy_link = move |_| {
        let url = current_link();
        link.set(Some(url.clone()));
        spawn_local(async move { copied.set(Some(copy_text(&url).await)) });
    };
    let qr_code = move |_| {
        link.set(Some(current_link()));
        show_qr.set(true);
    };
    move || {
        (!state.selected.with(Vec::is_empty)).then(|| {
            view! {
                <section class="app-selection-tools" aria-label="Save or share the selection">
                    <form
                        class="app-field-row"
                        on:submit=move |ev| {
                            ev.prevent_default();
                            save();
                        }
                    >
                        <label class="app-field">
                            <span>"Save the selection as a set"</span>
                            <input
                                data-testid="set-name"
                                placeholder="Name, e.g. Morning on-call"
                                prop:value=move || name.get()
                                on:input=move |ev| name.set(event_target_value(&ev))
                            />
                        </label>
                        <button
                            type="submit"
                            class="app-button"
                            data-testid="save-set"
                            disabled=move || name.with(|n| n.trim().is_empty())
                        >
                            "Save as set"
                        </button>
                    </form>
                    <p class="app-muted">"The set keeps the duration and the justification as typed above."</p>
                    {move || saved.get().map(|s| view! { <p role="status" data-testid="set-saved">{s}</p> })}
                    <div class="app-panel__actions">
                        <button type="button" class="app-button app-button--quiet" data-testid="copy-link" on:click=copy_link>
                            "Copy link"
                        </button>
                        <button type="button" class="app-button app-button--quiet" data-testid="show-qr" on:click=qr_code>
                            "QR code"
                        </button>
                    </div>
                    {move || {
                        link.get()
                            .map(|url| {
                                view! {
                                    <label class="app-field">
                                        <span>
                                            {move || match copied.get() {
                                                Some(true) => "Link copied. It opens these roles prefilled; nothing is sent without a tap.",
                                                _ => "Copy this link. It opens these roles prefilled; nothing is sent without a tap.",
                                            }}
                                        </span>
                                        <input readonly data-testid="link" prop:value=url.clone() on:focus=move |ev| {
                                            use wasm_bindgen::JsCast;
                                            if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                                input.select();
                                            }
                                        } />
                                    </label>
                                    {show_qr.get().then(|| qr_svg(&url)).flatten().map(|qr| {
                                        let view_box = format!("0 0 {0} {0}", qr.size);
                                        view! {
                                            <svg class="app-qr" viewBox=view_box role="img" aria-label="QR code of the link" data-testid="qr" shape-rendering="crispEdges">
                                                <rect width="100%" height="100%" fill="#fff" />
                                                <path d=qr.path fill="#000" />
                                            </svg>
                                        }
                                    })}
                                }
                            })
                    }}
                </section>
            }
        })
    }
}
