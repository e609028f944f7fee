//! Pure state logic behind the reactive stores: settings, reconciling listings into keyed
//! rows, roll-ups, list queries, failure events, poll scheduling, bulk runs and the worker
//! view. No Leptos and no DOM: the stores in `crate::stores` apply it and native tests cover
//! it.

pub mod actions;
pub mod activity;
pub mod bulk;
pub mod detail;
pub mod events;
pub mod list_view;
pub mod poll;
pub mod query;
pub mod reconcile;
pub mod rollup;
pub mod settings;
pub mod shortcuts;
pub mod workers;
