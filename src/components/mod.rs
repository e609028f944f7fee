//! Shared widgets, one component per file.

pub mod build_info;
pub mod confirm_dialog;
pub mod copy_button;
pub mod empty_state;
pub mod error_notice;
pub mod nav;
pub mod shortcuts_help;
pub mod state_badge;
pub mod theme_switch;
