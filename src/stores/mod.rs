//! Reactive stores: clusters, connectors and their actions. They own state, polling and
//! actions; views read them through [`use_clusters`] and [`use_connectors`] and call their
//! actions, and never build a URL or parse JSON.

pub mod activity;
pub(crate) mod cancel;
pub mod clusters;
pub mod connectors;
pub mod detail;
pub mod form;
pub mod loggers;
pub mod notices;
pub mod plugins;

use leptos::prelude::*;
use leptos::task::spawn_local;

pub use clusters::{ClusterRegistry, TestReport};
pub use connectors::{ConnectorsStore, Notice, NoticeLevel, RowSignal};
pub use notices::StoreNotices;

/// Creates the stores, provides them as context, loads `config.json` and starts polling.
/// Call once at the app root.
pub fn provide_stores() -> (ClusterRegistry, ConnectorsStore) {
    let registry = ClusterRegistry::from_storage();
    let connectors = ConnectorsStore::new(registry);
    provide_context(registry);
    provide_context(connectors);
    provide_context(connectors.activity());
    // Resolved here, where the embed context exists: in element mode the document base is the
    // host page's, so config.json is looked up next to the app's own assets.
    let config_url = use_context::<crate::embed::Embed>()
        .map(|e| format!("{}config.json", e.asset_base()))
        .unwrap_or_else(|| "config.json".into());
    spawn_local(async move { registry.load_deployer_config(config_url).await });
    connectors.start();
    (registry, connectors)
}

/// The cluster registry. Panics outside `provide_stores`.
pub fn use_clusters() -> ClusterRegistry {
    expect_context::<ClusterRegistry>()
}

/// The activity log. Panics outside `provide_stores`.
pub fn use_activity() -> activity::ActivityStore {
    expect_context::<activity::ActivityStore>()
}

/// The connectors store. Panics outside `provide_stores`.
pub fn use_connectors() -> ConnectorsStore {
    expect_context::<ConnectorsStore>()
}
