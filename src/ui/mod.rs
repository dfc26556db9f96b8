//! Leptos components and pages.
