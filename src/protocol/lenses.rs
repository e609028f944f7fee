//! Lenses 6 (HQ) Kafka Connect, through the environment proxy
//! (`/api/v1/environments/{env}/proxy/api/kafka-connect/…`).
//!
//! Owns the Lenses paths and the normalization of its camelCase shapes (`connect-api.md`
//! Part D, `shared/seeds/000_…txt`). What is published: the list `{data: [{name, lrn,
//! cluster, state, tasks: [{id, state}], className, type, …}]}` (optionally filtered with
//! repeated `cluster=`), create `{name, cluster, configuration}`, action PUTs
//! `…/clusters/{cluster}/connectors/{connector}/{start|stop|restart|pause|resume}`, task
//! restart, delete, and `POST …/validate` with `{name, cluster, configuration}`.
//!
//! **UNVERIFIED** (no published schema): the validate response (normalized here from
//! `{class|className, configuration|configs: [{name, required, order, documentation,
//! errors, visible, value, defaultValue, type, group, importance, displayName}]}`, and an
//! Apache `ConfigInfos` body is accepted as-is), and the create response (a
//! [`ConnectorInfo`] is built from the request when the body has none). Connector detail,
//! config, plugins, offsets, topics and loggers have no Lenses 6 endpoint; the status of one
//! connector is read from the list.

use serde::Deserialize;
use serde_json::Value;

use super::apache;
use super::error::ApiError;
use super::model::{
    ClusterTarget, ConfigInfo, ConfigInfos, ConfigKeyInfo, ConfigMap, ConfigValueInfo,
    ConnectorExtra, ConnectorInfo, ConnectorInstanceState, ConnectorListing, ConnectorStatus,
    ConnectorSummary, ConnectorType, State, TaskState,
};
use super::parse;
use super::path::{encode_query_value, encode_segment};
use super::request::{Operation, PlannedRequest};
use super::transport::Method;

fn prefix(target: &ClusterTarget) -> Result<String, ApiError> {
    let env = target
        .environment
        .as_deref()
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| {
            ApiError::invalid_input("Lenses needs an environment name")
                .with_hint("Set the Lenses environment in this cluster's settings.")
        })?;
    Ok(format!(
        "/api/v1/environments/{}/proxy/api/kafka-connect",
        encode_segment(env)
    ))
}

fn cluster(target: &ClusterTarget) -> Result<&str, ApiError> {
    target
        .cluster
        .as_deref()
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| {
            ApiError::invalid_input("Lenses needs the Connect cluster's name for this operation")
                .with_hint("Set the Connect cluster name in this cluster's settings.")
        })
}

fn list_path(p: &str, target: &ClusterTarget) -> String {
    match target.cluster.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(cl) => format!("{p}/connectors?cluster={}", encode_query_value(cl)),
        None => format!("{p}/connectors"),
    }
}

/// The request for `op`, or `Unsupported` for what Lenses 6 does not offer.
pub fn plan(target: &ClusterTarget, op: &Operation<'_>) -> Result<PlannedRequest, ApiError> {
    use Operation as O;
    let p = prefix(target)?;
    let action = |name: &str, action: &str| -> Result<PlannedRequest, ApiError> {
        Ok(PlannedRequest::new(
            Method::Put,
            format!(
                "{p}/clusters/{}/connectors/{}/{action}",
                encode_segment(cluster(target)?),
                encode_segment(name)
            ),
        ))
    };
    Ok(match op {
        O::ListClusters => PlannedRequest::get(format!("{p}/connectors")),
        O::ListConnectors | O::ConnectorNames | O::Status(_) => {
            PlannedRequest::get(list_path(&p, target))
        }
        O::Create { name, config, .. } => {
            PlannedRequest::new(Method::Post, format!("{p}/connectors")).with_json(
                &serde_json::json!({
                    "name": name,
                    "cluster": cluster(target)?,
                    "configuration": config,
                }),
            )
        }
        O::Delete(n) => PlannedRequest::new(
            Method::Delete,
            format!(
                "{p}/clusters/{}/connectors/{}",
                encode_segment(cluster(target)?),
                encode_segment(n)
            ),
        ),
        O::Pause(n) => action(n, "pause")?,
        O::Resume(n) => action(n, "resume")?,
        O::Stop(n) => action(n, "stop")?,
        O::Restart { name, .. } => action(name, "restart")?,
        O::RestartTask { name, task } => action(name, &format!("tasks/{task}/restart"))?,
        O::Validate { plugin, config } => {
            let name = config.get("name").map(String::as_str).unwrap_or(plugin);
            let mut configuration = (*config).clone();
            configuration
                .entry("connector.class".to_string())
                .or_insert_with(|| plugin.to_string());
            PlannedRequest::new(Method::Post, format!("{p}/validate")).with_json(
                &serde_json::json!({
                    "name": name,
                    "cluster": cluster(target)?,
                    "configuration": configuration,
                }),
            )
        }
        other => {
            return Err(ApiError::unsupported(
                &other.describe().replace(['“', '”'], ""),
                "Lenses HQ",
            ))
        }
    })
}

#[derive(Deserialize)]
struct LensesTask {
    #[serde(default)]
    id: u32,
    #[serde(default)]
    state: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct LensesItem {
    name: String,
    #[serde(default)]
    cluster: Option<String>,
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    tasks: Vec<LensesTask>,
    #[serde(default)]
    class_name: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
}

#[derive(Deserialize)]
struct LensesList {
    #[serde(default)]
    data: Vec<LensesItem>,
}

fn item_status(item: &LensesItem) -> Option<ConnectorStatus> {
    let state = item.state.as_deref().filter(|s| !s.is_empty())?;
    Some(ConnectorStatus {
        name: item.name.clone(),
        connector: ConnectorInstanceState {
            state: State::parse(state),
            worker_id: None,
            trace: None,
            version: None,
        },
        tasks: item
            .tasks
            .iter()
            .map(|t| TaskState {
                id: t.id,
                state: State::parse(&t.state),
                worker_id: None,
                trace: None,
                version: None,
            })
            .collect(),
        kind: item
            .kind
            .as_deref()
            .map(ConnectorType::parse)
            .unwrap_or_default(),
    })
}

fn parse_list(status: u16, body: &str) -> Result<LensesList, ApiError> {
    parse::json("list connectors", status, body)
}

/// `GET …/kafka-connect/connectors` → [`ConnectorListing`]. Lenses lists carry no config:
/// `info` holds only `connector.class` (from `className`, so the list's Class column and
/// filter work) and the type; the cluster and class also go to `extras`.
pub fn parse_listing(status: u16, body: &str) -> Result<ConnectorListing, ApiError> {
    let list = parse_list(status, body)?;
    let mut listing = ConnectorListing::default();
    for item in list.data {
        if item.name.is_empty() {
            continue;
        }
        listing.extras.insert(
            item.name.clone(),
            ConnectorExtra {
                cluster: item.cluster.clone(),
                class: item.class_name.clone(),
                ..ConnectorExtra::default()
            },
        );
        let status = item_status(&item);
        let info = item
            .class_name
            .as_ref()
            .filter(|c| !c.is_empty())
            .map(|class| ConnectorInfo {
                name: item.name.clone(),
                config: [("connector.class".to_string(), class.clone())].into(),
                tasks: Vec::new(),
                kind: item
                    .kind
                    .as_deref()
                    .map(ConnectorType::parse)
                    .unwrap_or_default(),
            });
        listing.connectors.push(ConnectorSummary {
            name: item.name,
            info,
            status,
        });
    }
    listing.normalize();
    Ok(listing)
}

/// The status of `name` taken from a list body; `Ok(None)` when it is not listed.
pub fn status_from_listing(
    name: &str,
    status: u16,
    body: &str,
) -> Result<Option<ConnectorStatus>, ApiError> {
    let list = parse_list(status, body)?;
    Ok(list
        .data
        .iter()
        .find(|i| i.name == name)
        .and_then(item_status))
}

/// Distinct Connect cluster names from an unfiltered list, sorted.
pub fn parse_clusters(status: u16, body: &str) -> Result<Vec<String>, ApiError> {
    let list = parse_list(status, body)?;
    let mut clusters: Vec<String> = list
        .data
        .into_iter()
        .filter_map(|i| i.cluster)
        .filter(|c| !c.is_empty())
        .collect();
    clusters.sort();
    clusters.dedup();
    Ok(clusters)
}

/// Create's 200 body has no published schema (UNVERIFIED): use it when it is a connector
/// (`name` + `config`/`configuration`), otherwise describe what was sent.
pub fn created_info(name: &str, config: &ConfigMap, status: u16, body: &str) -> ConnectorInfo {
    let fallback = || ConnectorInfo {
        name: name.to_string(),
        config: config.clone(),
        tasks: vec![],
        kind: ConnectorType::Unknown,
    };
    let Ok(v) = serde_json::from_str::<Value>(body) else {
        return fallback();
    };
    let v = parse::unwrap_field(&v, "data");
    let cfg = v.get("config").or_else(|| v.get("configuration"));
    match (v.get("name").and_then(Value::as_str), cfg) {
        (Some(n), Some(c)) => match parse::config_map("create the connector", status, c, body) {
            Ok(config) => ConnectorInfo {
                name: n.to_string(),
                config,
                tasks: vec![],
                kind: v
                    .get("type")
                    .and_then(Value::as_str)
                    .map(ConnectorType::parse)
                    .unwrap_or_default(),
            },
            Err(_) => fallback(),
        },
        _ => fallback(),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct LensesConfigEntry {
    name: String,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    order: Option<i32>,
    #[serde(default)]
    documentation: Option<String>,
    #[serde(default)]
    errors: Vec<String>,
    #[serde(default = "yes")]
    visible: bool,
    #[serde(default)]
    value: Option<Value>,
    #[serde(default)]
    default_value: Option<Value>,
    #[serde(default)]
    group: Option<String>,
    #[serde(default)]
    importance: Option<String>,
    #[serde(default)]
    display_name: Option<String>,
    #[serde(default)]
    recommended_values: Vec<String>,
}

fn yes() -> bool {
    true
}

fn scalar_string(v: Option<Value>) -> Option<String> {
    match v? {
        Value::Null => None,
        Value::String(s) => Some(s),
        other => Some(other.to_string()),
    }
}

/// `POST …/validate` → [`ConfigInfos`]. UNVERIFIED shape; see the module doc. An Apache
/// `ConfigInfos` body (with `configs`) is parsed as Apache.
pub fn parse_validate(status: u16, body: &str) -> Result<ConfigInfos, ApiError> {
    let what = "validate the config";
    let v = parse::value(what, status, body)?;
    let v = parse::unwrap_field(&v, "data").clone();
    if v.get("configs").is_some() {
        return apache::parse_config_infos(status, &v.to_string());
    }
    let class = v
        .get("class")
        .or_else(|| v.get("className"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let entries = v
        .get("configuration")
        .cloned()
        .unwrap_or(Value::Array(vec![]));
    let entries: Vec<LensesConfigEntry> = parse::from_value(what, status, entries, body)?;
    let mut groups: Vec<String> = Vec::new();
    let mut error_count = 0u32;
    let configs = entries
        .into_iter()
        .map(|e| {
            if let Some(g) = e.group.as_ref().filter(|g| !g.is_empty()) {
                if !groups.contains(g) {
                    groups.push(g.clone());
                }
            }
            error_count = error_count.saturating_add(e.errors.len() as u32);
            ConfigInfo {
                definition: Some(ConfigKeyInfo {
                    name: e.name.clone(),
                    kind: e.kind.unwrap_or_else(|| "STRING".to_string()),
                    required: e.required,
                    default_value: scalar_string(e.default_value),
                    importance: e.importance,
                    documentation: e.documentation,
                    group: e.group,
                    order: e.order.unwrap_or(-1),
                    width: None,
                    display_name: e.display_name.or_else(|| Some(e.name.clone())),
                    dependents: vec![],
                }),
                value: Some(ConfigValueInfo {
                    name: e.name,
                    value: scalar_string(e.value),
                    recommended_values: e.recommended_values,
                    errors: e.errors,
                    visible: e.visible,
                }),
            }
        })
        .collect();
    Ok(ConfigInfos {
        name: class,
        error_count,
        groups,
        configs,
    })
}
