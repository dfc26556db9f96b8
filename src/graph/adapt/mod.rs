//! From wire types to the domain's view: what the service says, turned into what the app shows.

mod my_items;

pub use my_items::{my_items, ArmAccess};
