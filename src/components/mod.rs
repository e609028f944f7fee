//! Shared widgets, one component per file.

pub mod build_info;
pub mod nav;
pub mod theme_switch;
