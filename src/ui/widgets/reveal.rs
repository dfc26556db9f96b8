//! A long list rendered in steps (`domain::reveal`): the count of every match, said to screen
//! readers as it changes, and "Show N more" while some matches are not rendered.

use leptos::prelude::*;

use crate::domain::reveal::{Noun, Reveal};

/// The count above the list ("2,013 roles; the first 50 shown"), a polite live region.
#[component]
pub fn MatchCount(
    reveal: RwSignal<Reveal>,
    /// How many rows match the search and filters.
    #[prop(into)]
    matches: Signal<usize>,
    /// How many rows are loaded.
    #[prop(into)]
    all: Signal<usize>,
    noun: Noun,
    testid: &'static str,
) -> impl IntoView {
    view! {
        <p class="app-muted app-match-count" role="status" data-testid=testid>
            {move || reveal.get().count_label(matches.get(), all.get(), noun)}
        </p>
    }
}

/// The button under the list that renders the next step of matches; nothing once all are.
#[component]
pub fn ShowMore(
    reveal: RwSignal<Reveal>,
    #[prop(into)] matches: Signal<usize>,
    testid: &'static str,
) -> impl IntoView {
    let more = move || reveal.get().more(matches.get());
    move || {
        (more() > 0).then(|| {
            view! {
                <button
                    type="button"
                    class="app-button app-show-more"
                    data-testid=testid
                    on:click=move |_| reveal.update(|r| *r = r.grown())
                >
                    {move || format!("Show {} more", more())}
                </button>
            }
        })
    }
}

/// A fresh [`Reveal`] that starts again at the first step whenever `source` changes (a new search
/// or filter), so a keystroke never renders more than one step.
pub fn reveal_per(source: impl Fn() + 'static) -> RwSignal<Reveal> {
    let reveal = RwSignal::new(Reveal::default());
    Effect::new(move |first: Option<()>| {
        source();
        // Only when it grew: setting it again would make the list and its count run twice per key.
        if first.is_some() && reveal.get_untracked() != Reveal::default() {
            reveal.set(Reveal::default());
        }
    });
    reveal
}
