//! From wire types to the domain's view: what the service says, turned into what the app shows.

mod my_items;
mod policy;

pub use my_items::{my_items, ArmAccess};
pub use policy::{activation_policy, rule};
