//! One component per route. Pages read the URL and context and compose sections.

mod activate;
mod approvals;
mod callback;
mod config_error;
mod my_requests;
mod my_roles;
mod not_built;
mod not_found;

pub use activate::ActivatePage;
pub use approvals::ApprovalsPage;
pub use callback::SignInCallbackPage;
pub use config_error::ConfigErrorPage;
pub use my_requests::MyRequestsPage;
pub use my_roles::MyRolesPage;
pub use not_built::{AccessReviewsPage, AssignmentsPage, AuditPage, RoleSettingsPage};
pub use not_found::NotFoundPage;
