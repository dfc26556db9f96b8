//! Pure PIM logic: ids, durations, policy requirements, plans, validation.

pub mod duration;

pub use duration::IsoDuration;
