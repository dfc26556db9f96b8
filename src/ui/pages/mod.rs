//! One component per route. Pages read the URL and context and compose sections.

mod callback;
mod config_error;
mod my_roles;
mod not_built;
mod not_found;

pub use callback::SignInCallbackPage;
pub use config_error::ConfigErrorPage;
pub use my_roles::MyRolesPage;
pub use not_built::{
    AccessReviewsPage, ApprovalsPage, AssignmentsPage, AuditPage, MyRequestsPage, RoleSettingsPage,
};
pub use not_found::NotFoundPage;
