//! Shared widgets, one component per file.

pub mod build_info;
pub mod bulk_actions;
pub mod bulk_results;
pub mod cluster_form;
pub mod cluster_label;
pub mod config_view;
pub mod confirm_dialog;
pub mod connector_row;
pub mod copy_button;
pub mod empty_state;
pub mod error_notice;
pub mod lifecycle_bar;
pub mod nav;
pub mod offsets_editor;
pub mod offsets_flow;
pub mod outcome_toast;
pub mod refresh_button;
pub mod shortcuts_help;
pub mod state_badge;
pub mod task_table;
pub mod theme_switch;
pub mod trace_view;
