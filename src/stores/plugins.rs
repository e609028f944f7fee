//! [`PluginsStore`]: a cluster's installed plugins (connectors only, or every type) and one
//! plugin's config definitions, fetched on demand through the cluster registry's client.
//! Definitions come from `GET /connector-plugins/{p}/config` where the cluster offers it, and
//! otherwise from a validate call with only `connector.class` set.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::form::layout::FormLayout;
use crate::protocol::{
    ApiError, Capabilities, ConfigInfo, ConfigInfos, ConfigKeyInfo, ConfigMap, PluginInfo,
};
use crate::stores::clusters::ClusterRegistry;
use crate::stores::connectors::ConnectorsStore;
use crate::stores::detail::Load;

/// Plugins of one cluster at a time. Cheap to copy; create one per screen.
#[derive(Clone, Copy)]
pub struct PluginsStore {
    registry: ClusterRegistry,
    connectors: ConnectorsStore,
    list: RwSignal<Load<Vec<PluginInfo>>>,
    layout: RwSignal<Load<FormLayout>>,
    generation: StoredValue<u64>,
}

/// `ConfigKeyInfo`s as a validate response without values, so the form layout groups them.
pub fn infos_from_definitions(class: &str, defs: Vec<ConfigKeyInfo>) -> ConfigInfos {
    let mut groups: Vec<String> = Vec::new();
    for d in &defs {
        if let Some(g) = d.group.as_ref().filter(|g| !g.is_empty()) {
            if !groups.contains(g) {
                groups.push(g.clone());
            }
        }
    }
    ConfigInfos {
        name: class.to_string(),
        error_count: 0,
        groups,
        configs: defs
            .into_iter()
            .map(|d| ConfigInfo {
                definition: Some(d),
                value: None,
            })
            .collect(),
    }
}

impl PluginsStore {
    pub fn new(registry: ClusterRegistry, connectors: ConnectorsStore) -> Self {
        PluginsStore {
            registry,
            connectors,
            list: RwSignal::new(Load::Idle),
            layout: RwSignal::new(Load::Idle),
            generation: StoredValue::new(0),
        }
    }

    /// What `cluster` can do (tracked on its server info).
    pub fn capabilities(&self, cluster: &str) -> Capabilities {
        let info = self.connectors.server_info(cluster);
        self.registry
            .client(cluster)
            .map(|c| c.capabilities(info.as_ref()))
            .unwrap_or_default()
    }

    pub fn list(&self) -> ReadSignal<Load<Vec<PluginInfo>>> {
        self.list.read_only()
    }

    /// Loads the plugin list of `cluster`; a newer call wins over an older answer.
    pub fn load(&self, cluster: &str, connectors_only: bool) {
        let Some(client) = self.registry.client(cluster) else {
            self.list.set(Load::Failed(ApiError::invalid_input(format!(
                "Unknown cluster “{cluster}”."
            ))));
            return;
        };
        self.generation.update_value(|g| *g += 1);
        let mine = self.generation.get_value();
        let store = *self;
        self.list.set(Load::Loading);
        spawn_local(async move {
            let r = client.plugins(connectors_only).await;
            if store.generation.try_get_value() != Some(mine) {
                return;
            }
            store.list.try_set(match r {
                Ok(v) => Load::Ready(v),
                Err(e) => Load::Failed(e),
            });
        });
    }

    /// The config definition of `class` on `cluster`, laid out in groups like the form.
    pub fn layout(&self) -> ReadSignal<Load<FormLayout>> {
        self.layout.read_only()
    }

    pub fn load_definition(&self, cluster: &str, class: &str) {
        let Some(client) = self.registry.client(cluster) else {
            self.layout
                .set(Load::Failed(ApiError::invalid_input(format!(
                    "Unknown cluster “{cluster}”."
                ))));
            return;
        };
        let info = self.connectors.server_info_untracked(cluster);
        let caps = client.capabilities(info.as_ref());
        if !caps.plugin_config && !caps.validate {
            // Redpanda: neither a definition nor a validate endpoint, so nothing to ask.
            self.layout.set(Load::Failed(
                ApiError::unsupported("describing a plugin's configuration", caps.flavor.label())
                    .with_hint(
                        "The plugin's documentation lists its settings; a connector is created \
                     with them as key/value pairs or in the JSON / .properties tab.",
                    ),
            ));
            return;
        }
        let class = class.to_string();
        let store = *self;
        self.layout.set(Load::Loading);
        spawn_local(async move {
            let infos = if caps.plugin_config {
                client
                    .plugin_config(&class)
                    .await
                    .map(|defs| infos_from_definitions(&class, defs))
            } else {
                let mut config = ConfigMap::new();
                config.insert("connector.class".into(), class.clone());
                client.validate(&class, &config).await.map(|mut infos| {
                    // Only the definitions matter here, not the validation of an empty config.
                    for c in &mut infos.configs {
                        c.value = None;
                    }
                    infos.error_count = 0;
                    infos
                })
            };
            store.layout.try_set(match infos {
                Ok(i) => Load::Ready(FormLayout::from_infos(&i)),
                Err(e) => Load::Failed(e),
            });
        });
    }
}
