//! Reactive stores: clusters, connectors and their actions. They own state, polling and
//! actions; views read them through [`use_clusters`] and [`use_connectors`] and call their
//! actions, and never build a URL or parse JSON.

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
    spawn_local(async move { registry.load_deployer_config().await });
    connectors.start();
    (registry, connectors)
}

/// The cluster registry. Panics outside `provide_stores`.
pub fn use_clusters() -> ClusterRegistry {
    expect_context::<ClusterRegistry>()
}

/// The connectors store. Panics outside `provide_stores`.
pub fn use_connectors() -> ConnectorsStore {
    expect_context::<ConnectorsStore>()
}
