//! Shared widgets, one component per file.

pub mod nav;
pub mod theme_switch;
