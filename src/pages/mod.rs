//! One module per route.

pub mod connectors;
pub mod not_found;
pub mod overview;
pub mod settings;
pub mod workers;
