//! Confluent Cloud Connect API v1 (`/connect/v1/environments/{env}/clusters/{lkc}`).
//!
//! Owns the Confluent Cloud paths and what differs from Apache (`connect-api.md` Part B,
//! `shared/specs/confluent-cloud-connect-v1.openapi.yaml`): the listing adds `expand=id`
//! (the `lcc-` id goes to [`ConnectorExtra::id`]) and its `info` has no `tasks`/`type`;
//! states include PROVISIONING and DEGRADED; task status carries `msg` instead of `trace`;
//! DELETE answers 200 `{"error": null}`; offsets change through the asynchronous
//! `POST …/offsets/request` with `{"type": "PATCH"|"DELETE"}`. No stop, no task restart, no
//! restart options, no PATCH config, no plugin definitions, no topics, no loggers: those are
//! refused by [`super::Capabilities`] before anything is sent.

use serde::Deserialize;
use serde_json::Value;

use super::apache;
use super::error::ApiError;
use super::model::{
    ClusterTarget, ConfigInfos, ConnectorExtra, ConnectorInfo, ConnectorListing, ConnectorStatus,
    ConnectorSummary, ConnectorType, OffsetsRequestStatus, TaskState,
};
use super::parse;
use super::path::encode_segment;
use super::request::{Operation, PlannedRequest};
use super::transport::Method;

fn prefix(target: &ClusterTarget) -> Result<String, ApiError> {
    let env = target
        .environment
        .as_deref()
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| {
            ApiError::invalid_input("Confluent Cloud needs an environment id (env-…)")
                .with_hint("Set the environment id in this cluster's settings.")
        })?;
    let cluster = target
        .cluster
        .as_deref()
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| {
            ApiError::invalid_input("Confluent Cloud needs a Kafka cluster id (lkc-…)")
                .with_hint("Set the Kafka cluster id in this cluster's settings.")
        })?;
    Ok(format!(
        "/connect/v1/environments/{}/clusters/{}",
        encode_segment(env),
        encode_segment(cluster)
    ))
}

/// The request for `op`, or `Unsupported` for what connect/v1 does not offer.
pub fn plan(target: &ClusterTarget, op: &Operation<'_>) -> Result<PlannedRequest, ApiError> {
    use Operation as O;
    let p = prefix(target)?;
    let c = |name: &str| format!("{p}/connectors/{}", encode_segment(name));
    Ok(match op {
        O::ListConnectors => PlannedRequest::get(format!(
            "{p}/connectors?expand=info&expand=status&expand=id"
        )),
        O::ConnectorNames => PlannedRequest::get(format!("{p}/connectors")),
        O::Connector(n) => PlannedRequest::get(c(n)),
        O::Status(n) => PlannedRequest::get(format!("{}/status", c(n))),
        O::Config(n) => PlannedRequest::get(format!("{}/config", c(n))),
        O::Tasks(n) => PlannedRequest::get(format!("{}/tasks", c(n))),
        O::Create { name, config, .. } => {
            PlannedRequest::new(Method::Post, format!("{p}/connectors"))
                .with_json(&serde_json::json!({ "name": name, "config": config }))
        }
        O::PutConfig { name, config } => {
            PlannedRequest::new(Method::Put, format!("{}/config", c(name))).with_json(config)
        }
        O::Delete(n) => PlannedRequest::new(Method::Delete, c(n)),
        O::Pause(n) => PlannedRequest::new(Method::Put, format!("{}/pause", c(n))),
        O::Resume(n) => PlannedRequest::new(Method::Put, format!("{}/resume", c(n))),
        O::Restart { name, .. } => {
            PlannedRequest::new(Method::Post, format!("{}/restart", c(name)))
        }
        O::Validate { plugin, config } => PlannedRequest::new(
            Method::Put,
            format!(
                "{p}/connector-plugins/{}/config/validate",
                encode_segment(plugin)
            ),
        )
        .with_json(config),
        O::Plugins { .. } => PlannedRequest::get(format!("{p}/connector-plugins")),
        O::Offsets(n) => PlannedRequest::get(format!("{}/offsets", c(n))),
        O::OffsetsRequestStatus(n) => {
            PlannedRequest::get(format!("{}/offsets/request/status", c(n)))
        }
        O::AlterOffsets { name, offsets } => {
            PlannedRequest::new(Method::Post, format!("{}/offsets/request", c(name)))
                .with_json(&serde_json::json!({ "type": "PATCH", "offsets": offsets.offsets }))
        }
        O::ResetOffsets(n) => {
            PlannedRequest::new(Method::Post, format!("{}/offsets/request", c(n)))
                .with_json(&serde_json::json!({ "type": "DELETE" }))
        }
        other => {
            return Err(ApiError::unsupported(
                &other.describe().replace(['“', '”'], ""),
                "Confluent Cloud",
            ))
        }
    })
}

/// Confluent Cloud's task status carries `msg` where Apache has `trace`.
#[derive(Deserialize)]
struct CloudTask {
    id: u32,
    state: super::model::State,
    #[serde(default)]
    worker_id: Option<String>,
    #[serde(default)]
    trace: Option<String>,
    #[serde(default)]
    msg: Option<String>,
}

#[derive(Deserialize)]
struct CloudStatus {
    name: String,
    connector: super::model::ConnectorInstanceState,
    #[serde(default)]
    tasks: Vec<CloudTask>,
    #[serde(default, rename = "type")]
    kind: ConnectorType,
}

impl From<CloudStatus> for ConnectorStatus {
    fn from(s: CloudStatus) -> Self {
        // Confluent Cloud runs connectors on workers it does not name: its statuses give the
        // connector's own name as the worker id (spec examples). That is no worker, so it is
        // dropped rather than shown as one.
        let name = s.name;
        let real = |w: Option<String>| w.filter(|w| !w.is_empty() && *w != name);
        let mut connector = s.connector;
        connector.worker_id = real(connector.worker_id.take());
        ConnectorStatus {
            connector,
            tasks: s
                .tasks
                .into_iter()
                .map(|t| TaskState {
                    id: t.id,
                    state: t.state,
                    worker_id: real(t.worker_id),
                    trace: t
                        .trace
                        .filter(|s| !s.is_empty())
                        .or(t.msg.filter(|s| !s.is_empty())),
                    version: None,
                })
                .collect(),
            kind: s.kind,
            name,
        }
    }
}

/// `GET …/status` → [`ConnectorStatus`] (`msg` becomes the task's trace; a worker id that is
/// the connector's own name is dropped).
pub fn parse_status(status: u16, body: &str) -> Result<ConnectorStatus, ApiError> {
    parse::json::<CloudStatus>("read the connector status", status, body).map(Into::into)
}

/// `GET …/connectors/{c}`, create, PUT config → [`ConnectorInfo`]. When `type` is absent
/// (the `expand=info` shape), it is taken from the config's `type` key if present.
pub fn parse_connector_info(status: u16, body: &str) -> Result<ConnectorInfo, ApiError> {
    let what = "read the connector";
    let v = parse::value(what, status, body)?;
    info_from_value(what, status, v, body)
}

fn info_from_value(
    what: &str,
    status: u16,
    v: Value,
    body: &str,
) -> Result<ConnectorInfo, ApiError> {
    let has_type = v.get("type").is_some();
    let mut info: ConnectorInfo = parse::from_value(what, status, v, body)?;
    if !has_type {
        if let Some(t) = info.config.get("type") {
            info.kind = ConnectorType::parse(t);
        }
    }
    Ok(info)
}

#[derive(Deserialize)]
struct CloudId {
    #[serde(default)]
    id: Option<String>,
}

/// `GET …/connectors?expand=info&expand=status&expand=id` → [`ConnectorListing`] with the
/// `lcc-` ids in `extras`.
pub fn parse_listing(status: u16, body: &str) -> Result<ConnectorListing, ApiError> {
    let what = "list connectors";
    let v = parse::value(what, status, body)?;
    let mut listing = ConnectorListing::default();
    let map = match v {
        Value::Object(map) => map,
        Value::Array(_) => {
            let names: Vec<String> = parse::from_value(what, status, v, body)?;
            listing.reconcile_names(&names);
            return Ok(listing);
        }
        _ => {
            return Err(ApiError::bad_response(
                what,
                status,
                body,
                "expected an object keyed by connector name",
            ))
        }
    };
    for (name, entry) in map {
        let Value::Object(mut entry) = entry else {
            return Err(ApiError::bad_response(
                what,
                status,
                body,
                &format!("the entry for “{name}” is not an object"),
            ));
        };
        let status_v = entry.remove("status").filter(|v| !v.is_null());
        let info_v = entry.remove("info").filter(|v| !v.is_null());
        let id_v = entry.remove("id").filter(|v| !v.is_null());
        let conn_status: Option<ConnectorStatus> = match status_v {
            Some(v) => Some(parse::from_value::<CloudStatus>(what, status, v, body)?.into()),
            None => None,
        };
        let mut info = match info_v {
            Some(v) => Some(info_from_value(what, status, v, body)?),
            None => None,
        };
        if let (Some(info), Some(st)) = (info.as_mut(), conn_status.as_ref()) {
            if info.kind == ConnectorType::Unknown {
                info.kind = st.kind;
            }
        }
        if let Some(id) = id_v {
            let id: CloudId = parse::from_value(what, status, id, body)?;
            if let Some(id) = id.id {
                listing.extras.insert(
                    name.clone(),
                    ConnectorExtra {
                        id: Some(id),
                        ..ConnectorExtra::default()
                    },
                );
            }
        }
        listing.connectors.push(ConnectorSummary {
            name,
            info,
            status: conn_status,
        });
    }
    listing.normalize();
    Ok(listing)
}

/// `PUT …/config/validate` → [`ConfigInfos`]. The extra `metadata` and `alias` fields are
/// ignored; `ENUM`/`NONE` types and `NONE` importance are kept as strings.
pub fn parse_config_infos(status: u16, body: &str) -> Result<ConfigInfos, ApiError> {
    apache::parse_config_infos(status, body)
}

/// `GET …/offsets` → [`super::model::ConnectorOffsets`] (`id`, `name`, `metadata` ignored).
pub fn parse_offsets(status: u16, body: &str) -> Result<super::model::ConnectorOffsets, ApiError> {
    apache::parse_offsets(status, body)
}

#[derive(Deserialize)]
struct OffsetRequestInfo {
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    requested_at: Option<String>,
}

/// `POST …/offsets/request` (202) → a message saying the request was accepted.
pub fn parse_offsets_request(status: u16, body: &str) -> Result<String, ApiError> {
    parse_offsets_request_placed(status, body).map(|(message, _)| message)
}

/// `POST …/offsets/request` (202) → the message, and when the cluster recorded the request
/// (to tell its status from an earlier request's).
pub fn parse_offsets_request_placed(
    status: u16,
    body: &str,
) -> Result<(String, Option<String>), ApiError> {
    let info: OffsetRequestInfo = parse::json("change the connector offsets", status, body)?;
    let requested_at = info.requested_at.clone();
    let verb = match info.kind.as_deref() {
        Some("DELETE") => "reset",
        _ => "alter",
    };
    let when = info
        .requested_at
        .map(|t| format!(" at {t}"))
        .unwrap_or_default();
    Ok((
        format!(
            "Confluent Cloud accepted the request to {verb} the offsets{when}. The connector \
             is stopped briefly while it is applied."
        ),
        requested_at,
    ))
}

#[derive(Deserialize)]
struct OffsetsRequestStatusBody {
    #[serde(default)]
    request: Option<OffsetRequestInfo>,
    status: OffsetsPhase,
    #[serde(default)]
    applied_at: Option<String>,
}

#[derive(Deserialize)]
struct OffsetsPhase {
    phase: String,
    #[serde(default)]
    message: Option<String>,
}

/// `GET …/offsets/request/status` → [`OffsetsRequestStatus`].
pub fn parse_offsets_request_status(
    status: u16,
    body: &str,
) -> Result<OffsetsRequestStatus, ApiError> {
    let b: OffsetsRequestStatusBody = parse::json("read the offsets request status", status, body)?;
    let (kind, requested_at) = b.request.map_or((None, None), |r| (r.kind, r.requested_at));
    Ok(OffsetsRequestStatus {
        kind,
        requested_at,
        phase: b.status.phase,
        message: b.status.message.filter(|m| !m.trim().is_empty()),
        applied_at: b.applied_at,
    })
}

/// `DELETE …` answers 200 `{"error": null}`; a non-null `error` is a failure.
pub fn check_delete(status: u16, body: &str, what: &str) -> Result<(), ApiError> {
    if body.trim().is_empty() || status == 204 {
        return Ok(());
    }
    match serde_json::from_str::<Value>(body) {
        Ok(Value::Object(map)) => match map.get("error") {
            None | Some(Value::Null) => Ok(()),
            Some(_) => {
                let resp = super::transport::HttpResponse {
                    status: 500,
                    headers: vec![],
                    body: body.to_string(),
                };
                Err(
                    ApiError::from_response_for(&resp, what, super::model::Flavor::ConfluentCloud)
                        .with_status(status),
                )
            }
        },
        _ => Ok(()),
    }
}
