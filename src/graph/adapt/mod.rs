//! From wire types to the domain's view: what the service says, turned into what the app shows.

mod arm_names;
mod audit;
mod my_items;
mod outcome;
mod policy;
mod requests;

pub use audit::audit_entry;
pub use my_items::{my_items, ArmAccess};
pub use outcome::{activation_outcome, error_kind};
pub use policy::{activation_policy, rule};
pub use requests::{approval_rules, approver_note, arm_request_row, group_request_row, role_request_row};
