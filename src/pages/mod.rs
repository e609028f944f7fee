//! One module per route.

pub mod create;
pub mod edit;
pub mod not_found;
pub mod overview;
