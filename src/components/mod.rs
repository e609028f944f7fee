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
pub mod config_diff;
pub mod config_field;
pub mod connector_form;
pub mod extra_properties;
pub mod list_editor;
pub mod plugin_picker;
pub mod raw_editor;
pub mod validation_summary;
pub mod draft_notice;
pub mod validate_status;
