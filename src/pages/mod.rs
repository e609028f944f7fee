//! One module per route.

pub mod activity;
pub mod connector;
pub mod connectors;
pub mod create;
pub mod edit;
pub mod loggers;
pub mod not_found;
pub mod overview;
pub mod plugin;
pub mod plugins;
pub mod settings;
pub mod workers;
