//! Rendering put off by one task, so that a long start is split in two.

use leptos::prelude::*;

/// Renders its children in the task after the one that mounts it: the full build's shell first,
/// then the page, two shorter tasks instead of one long one (the core build, small, renders both
/// at once).
#[component]
pub fn NextTask(children: ChildrenFn) -> impl IntoView {
    let ready = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        crate::platform::time::sleep(std::time::Duration::ZERO).await;
        let _ = ready.try_set(true);
    });
    move || ready.get().then(|| children())
}
