//! One component per route. Pages read the URL and context and compose sections.

mod access_reviews;
mod activate;
mod approvals;
mod assignments;
mod audit;
mod callback;
mod config_error;
mod load_full_build;
mod my_requests;
mod my_roles;
mod not_found;
mod role_settings;

pub use access_reviews::AccessReviewsPage;
pub use activate::ActivatePage;
pub use approvals::ApprovalsPage;
pub use assignments::AssignmentsPage;
pub use audit::AuditPage;
pub use callback::SignInCallbackPage;
pub use config_error::ConfigErrorPage;
pub use load_full_build::LoadFullBuildPage;
pub use my_requests::MyRequestsPage;
pub use my_roles::MyRolesPage;
pub use not_found::NotFoundPage;
pub use role_settings::RoleSettingsPage;
