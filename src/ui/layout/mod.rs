//! The app shell: header, navigation, main region.

mod nav;
mod shell;
mod tenant_badge;

pub use shell::Shell;
