//! The reads and writes behind "Assignments": who holds a directory role or a PIM group
//! (eligible and active, as [`AssignmentRow`](crate::domain::assignments::AssignmentRow)s),
//! the administrator's requests (assign, update, remove, extend, renew), the directory look-ups
//! of bulk import, and the errors of those writes in an administrator's words.

mod azure;
mod load;
mod resolve;
mod write;

pub use azure::{
    azure_assignments, azure_read_error, azure_roles, azure_row, azure_rules, azure_scope_choices,
};
pub use load::{group_assignments, group_rules, my_admin_standing, role_assignments, role_rules};
pub use resolve::{principals_from_search, resolve_principals, role_refs};
pub use write::{admin_request, AdminAction, AdminChange, AdminError};
