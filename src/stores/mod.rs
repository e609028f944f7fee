//! Reactive stores: clusters, connectors and tasks. They own state, polling and actions; views
//! read them and call their actions, and never build a URL or parse JSON.
pub mod form;
