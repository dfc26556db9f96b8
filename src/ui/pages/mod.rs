//! One component per route. Pages read the URL and context and compose sections.

mod callback;
mod config_error;
mod not_built;
mod not_found;

pub use callback::SignInCallbackPage;
pub use config_error::ConfigErrorPage;
pub use not_built::{
    AccessReviewsPage, ApprovalsPage, AssignmentsPage, AuditPage, MyRequestsPage, MyRolesPage,
    RoleSettingsPage,
};
pub use not_found::NotFoundPage;
