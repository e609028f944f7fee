//! Shared widgets, one component per file.

pub mod build_info;
pub mod config_diff;
pub mod config_field;
pub mod confirm_dialog;
pub mod connector_form;
pub mod copy_button;
pub mod draft_notice;
pub mod empty_state;
pub mod error_notice;
pub mod extra_properties;
pub mod list_editor;
pub mod nav;
pub mod plugin_picker;
pub mod raw_editor;
pub mod shortcuts_help;
pub mod state_badge;
pub mod theme_switch;
pub mod validate_status;
pub mod validation_summary;
