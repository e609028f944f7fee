//! Redpanda Data Plane API v1 (`/v1/kafka-connect/clusters/{cluster}/…`).
//!
//! Owns the Redpanda paths and the unwrapping of its gateway responses
//! (`shared/specs/redpanda-dataplane-kafka_connect.proto`, `connect-api.md` Part C):
//! `{connector: ConnectorSpec}`, `{status: ConnectorStatus}`, `{config: {…}}`,
//! `{topics: […]}`, `{cluster: ConnectCluster}`, and the list `{connectors: [{name, info,
//! status}], next_page_token}` (requested with `page_size=-1`, one page). Wrappers are
//! unwrapped defensively (`body.connector ?? body`) because the published OpenAPI shows
//! bare objects. Zero values are emitted (`trace: ""`, `type: ""`), and `holistic_state` /
//! `errors` go to [`ConnectorExtra`]. Restart options travel in a JSON body that is always
//! sent. Not offered: tasks, task restart, validate, plugin definitions, offsets, loggers,
//! PATCH, `initial_state`.

use serde::Deserialize;
use serde_json::Value;

use super::error::ApiError;
use super::model::{
    ClusterTarget, ConfigMap, ConnectorExtra, ConnectorInfo, ConnectorInstanceState,
    ConnectorListing, ConnectorStatus, ConnectorSummary, ConnectorType, PluginInfo, PluginType,
    ServerInfo, State, TaskId, TaskState,
};
use super::parse;
use super::path::encode_segment;
use super::request::{Operation, PlannedRequest};
use super::transport::Method;

fn cluster_name(target: &ClusterTarget) -> &str {
    target
        .cluster
        .as_deref()
        .filter(|c| !c.trim().is_empty())
        .unwrap_or("redpanda")
}

/// The request for `op`. The cluster defaults to `redpanda` (Redpanda Cloud's name).
pub fn plan(target: &ClusterTarget, op: &Operation<'_>) -> Result<PlannedRequest, ApiError> {
    use Operation as O;
    let cl = format!(
        "/v1/kafka-connect/clusters/{}",
        encode_segment(cluster_name(target))
    );
    let c = |name: &str| format!("{cl}/connectors/{}", encode_segment(name));
    Ok(match op {
        O::ServerInfo | O::Plugins { .. } => PlannedRequest::get(cl.clone()),
        O::ListClusters => PlannedRequest::get("/v1/kafka-connect/clusters"),
        O::ListConnectors | O::ConnectorNames => {
            PlannedRequest::get(format!("{cl}/connectors?page_size=-1"))
        }
        O::Connector(n) => PlannedRequest::get(c(n)),
        O::Status(n) => PlannedRequest::get(format!("{}/status", c(n))),
        O::Config(n) => PlannedRequest::get(format!("{}/config", c(n))),
        O::Create { name, config, .. } => {
            PlannedRequest::new(Method::Post, format!("{cl}/connectors"))
                .with_json(&serde_json::json!({ "name": name, "config": config }))
        }
        O::PutConfig { name, config } => {
            PlannedRequest::new(Method::Put, format!("{}/config", c(name))).with_json(config)
        }
        O::Delete(n) => PlannedRequest::new(Method::Delete, c(n)),
        O::Pause(n) => PlannedRequest::new(Method::Put, format!("{}/pause", c(n))),
        O::Resume(n) => PlannedRequest::new(Method::Put, format!("{}/resume", c(n))),
        O::Stop(n) => PlannedRequest::new(Method::Put, format!("{}/stop", c(n))),
        O::Restart { name, options } => {
            PlannedRequest::new(Method::Post, format!("{}/restart", c(name))).with_json(
                &serde_json::json!({
                    "include_tasks": options.include_tasks,
                    "only_failed": options.only_failed,
                }),
            )
        }
        O::Topics(n) => PlannedRequest::get(format!("{}/topics", c(n))),
        O::ResetTopics(n) => PlannedRequest::new(Method::Put, format!("{}/topics/reset", c(n))),
        other => {
            return Err(ApiError::unsupported(
                &other.describe().replace(['“', '”'], ""),
                "the Redpanda Data Plane API",
            ))
        }
    })
}

#[derive(Deserialize)]
struct RpInfo {
    #[serde(default)]
    version: String,
    #[serde(default)]
    commit: Option<String>,
    #[serde(default)]
    kafka_cluster_id: Option<String>,
}

#[derive(Deserialize)]
struct RpPlugin {
    #[serde(default, rename = "type")]
    kind: String,
    #[serde(default)]
    version: Option<String>,
    #[serde(default)]
    class: String,
}

#[derive(Deserialize)]
struct RpCluster {
    #[serde(default)]
    name: String,
    #[serde(default)]
    info: Option<RpInfo>,
    #[serde(default)]
    plugins: Vec<RpPlugin>,
}

fn parse_cluster(what: &str, status: u16, body: &str) -> Result<RpCluster, ApiError> {
    let v = parse::value(what, status, body)?;
    let inner = parse::unwrap_field(&v, "cluster").clone();
    parse::from_value(what, status, inner, body)
}

/// `GET /v1/kafka-connect/clusters/{cl}` → the Connect cluster's [`ServerInfo`].
pub fn parse_server_info(status: u16, body: &str) -> Result<ServerInfo, ApiError> {
    let what = "read the Connect cluster's version";
    let cluster = parse_cluster(what, status, body)?;
    let info = cluster
        .info
        .ok_or_else(|| ApiError::bad_response(what, status, body, "the cluster has no `info`"))?;
    Ok(ServerInfo {
        version: info.version,
        commit: info.commit.filter(|s| !s.is_empty()),
        kafka_cluster_id: info.kafka_cluster_id.filter(|s| !s.is_empty()),
    })
}

/// `GET /v1/kafka-connect/clusters/{cl}` → its `plugins[]` (connector plugins only).
pub fn parse_plugins(status: u16, body: &str) -> Result<Vec<PluginInfo>, ApiError> {
    let cluster = parse_cluster("list plugins", status, body)?;
    Ok(cluster
        .plugins
        .into_iter()
        .map(|p| PluginInfo {
            class: p.class,
            kind: PluginType::parse(&p.kind),
            version: p.version.filter(|v| !v.is_empty()),
        })
        .collect())
}

#[derive(Deserialize)]
struct RpClusters {
    #[serde(default)]
    clusters: Vec<RpCluster>,
}

/// `GET /v1/kafka-connect/clusters` → cluster names.
pub fn parse_clusters(status: u16, body: &str) -> Result<Vec<String>, ApiError> {
    let list: RpClusters = parse::json("list Connect clusters", status, body)?;
    Ok(list.clusters.into_iter().map(|c| c.name).collect())
}

#[derive(Deserialize)]
struct RpSpec {
    #[serde(default)]
    name: String,
    #[serde(default)]
    config: Value,
    #[serde(default)]
    tasks: Vec<TaskId>,
    #[serde(default, rename = "type")]
    kind: ConnectorType,
}

fn spec_to_info(
    what: &str,
    status: u16,
    spec: RpSpec,
    body: &str,
) -> Result<ConnectorInfo, ApiError> {
    let config = if spec.config.is_null() {
        ConfigMap::new()
    } else {
        parse::config_map(what, status, &spec.config, body)?
    };
    Ok(ConnectorInfo {
        name: spec.name,
        config,
        tasks: spec.tasks,
        kind: spec.kind,
    })
}

/// Get, create and upsert → [`ConnectorInfo`] (from `{connector: …}` or a bare spec).
pub fn parse_connector_info(status: u16, body: &str) -> Result<ConnectorInfo, ApiError> {
    let what = "read the connector";
    let v = parse::value(what, status, body)?;
    let inner = parse::unwrap_field(&v, "connector").clone();
    let spec: RpSpec = parse::from_value(what, status, inner, body)?;
    spec_to_info(what, status, spec, body)
}

#[derive(Deserialize)]
struct RpInstance {
    #[serde(default)]
    state: String,
    #[serde(default)]
    worker_id: String,
    #[serde(default)]
    trace: String,
}

#[derive(Deserialize)]
struct RpTask {
    #[serde(default)]
    id: u32,
    #[serde(default)]
    state: String,
    #[serde(default)]
    worker_id: String,
    #[serde(default)]
    trace: String,
}

#[derive(Deserialize)]
struct RpError {
    #[serde(default)]
    title: String,
    #[serde(default)]
    content: String,
}

#[derive(Deserialize)]
struct RpStatus {
    #[serde(default)]
    name: String,
    #[serde(default)]
    connector: Option<RpInstance>,
    #[serde(default)]
    tasks: Vec<RpTask>,
    #[serde(default, rename = "type")]
    kind: ConnectorType,
    #[serde(default)]
    holistic_state: Option<String>,
    #[serde(default)]
    errors: Vec<RpError>,
}

fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

impl RpStatus {
    fn split(self) -> (ConnectorStatus, ConnectorExtra) {
        let connector = self.connector.map_or(
            ConnectorInstanceState {
                state: State::Unassigned,
                worker_id: None,
                trace: None,
                version: None,
            },
            |c| ConnectorInstanceState {
                state: if c.state.is_empty() {
                    State::Unassigned
                } else {
                    State::parse(&c.state)
                },
                worker_id: non_empty(c.worker_id),
                trace: non_empty(c.trace),
                version: None,
            },
        );
        let status = ConnectorStatus {
            name: self.name,
            connector,
            tasks: self
                .tasks
                .into_iter()
                .map(|t| TaskState {
                    id: t.id,
                    state: State::parse(&t.state),
                    worker_id: non_empty(t.worker_id),
                    trace: non_empty(t.trace),
                    version: None,
                })
                .collect(),
            kind: self.kind,
        };
        let extra = ConnectorExtra {
            holistic_state: self
                .holistic_state
                .map(|h| {
                    h.trim_start_matches("CONNECTOR_HOLISTIC_STATE_")
                        .to_string()
                })
                .filter(|h| !h.is_empty() && h != "UNSPECIFIED"),
            errors: self
                .errors
                .into_iter()
                .map(|e| match (e.title.is_empty(), e.content.is_empty()) {
                    (false, false) => format!("{}: {}", e.title, e.content),
                    (false, true) => e.title,
                    _ => e.content,
                })
                .filter(|s| !s.is_empty())
                .collect(),
            ..ConnectorExtra::default()
        };
        (status, extra)
    }
}

/// `GET …/status` → [`ConnectorStatus`] (from `{status: …}` or a bare status).
pub fn parse_status(status: u16, body: &str) -> Result<ConnectorStatus, ApiError> {
    parse_status_with_extra(status, body).map(|(s, _)| s)
}

/// `GET …/status` → status plus Redpanda's holistic state and error hints.
pub fn parse_status_with_extra(
    status: u16,
    body: &str,
) -> Result<(ConnectorStatus, ConnectorExtra), ApiError> {
    let what = "read the connector status";
    let v = parse::value(what, status, body)?;
    let inner = parse::unwrap_field(&v, "status").clone();
    let st: RpStatus = parse::from_value(what, status, inner, body)?;
    Ok(st.split())
}

/// `GET …/config` → [`ConfigMap`] (from `{config: …}` or a bare map).
pub fn parse_config(status: u16, body: &str) -> Result<ConfigMap, ApiError> {
    let what = "read the connector config";
    let v = parse::value(what, status, body)?;
    let inner = match v.get("config") {
        Some(c @ Value::Object(_)) => c,
        _ => &v,
    };
    parse::config_map(what, status, inner, body)
}

#[derive(Deserialize)]
struct RpTopics {
    #[serde(default)]
    topics: Vec<String>,
}

/// `GET …/topics` → topic names (`{topics: […]}`).
pub fn parse_topics(status: u16, body: &str) -> Result<Vec<String>, ApiError> {
    parse::json::<RpTopics>("read the active topics", status, body).map(|t| t.topics)
}

#[derive(Deserialize)]
struct RpListItem {
    #[serde(default)]
    name: String,
    #[serde(default)]
    info: Option<RpSpec>,
    #[serde(default)]
    status: Option<RpStatus>,
}

#[derive(Deserialize)]
struct RpList {
    #[serde(default)]
    connectors: Vec<RpListItem>,
}

/// `GET …/connectors?page_size=-1` → [`ConnectorListing`] with holistic states in `extras`.
pub fn parse_listing(status: u16, body: &str) -> Result<ConnectorListing, ApiError> {
    let what = "list connectors";
    let list: RpList = parse::json(what, status, body)?;
    let mut listing = ConnectorListing::default();
    for item in list.connectors {
        let info = match item.info {
            Some(spec) => Some(spec_to_info(what, status, spec, body)?),
            None => None,
        };
        let name = if item.name.is_empty() {
            info.as_ref().map(|i| i.name.clone()).unwrap_or_default()
        } else {
            item.name
        };
        if name.is_empty() {
            continue;
        }
        let status = item.status.map(|st| {
            let (s, extra) = st.split();
            if extra != ConnectorExtra::default() {
                listing.extras.insert(name.clone(), extra);
            }
            s
        });
        listing
            .connectors
            .push(ConnectorSummary { name, info, status });
    }
    listing.normalize();
    Ok(listing)
}
