//! Apache Kafka Connect REST (self-managed, Confluent Platform, Strimzi, Aiven).
//!
//! Owns the Apache request paths and the parsers for Apache's bodies. The Apache shapes are
//! also the console's model, so parsing is mostly serde into [`super::model`]; the parsers
//! here add what the wire needs beyond that (the expanded list map, the single-key topics
//! map, the 204-or-202 restart). Confluent Cloud reuses most of these parsers.
//!
//! Paths follow `connect-api.md` A.3. Query flags are sent explicitly (`includeTasks=true`),
//! `expand` as repeated parameters, and nothing ever sends the hidden `forward` parameter.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Deserialize;
use serde_json::Value;

use super::error::ApiError;
use super::model::{
    ConfigInfos, ConfigKeyInfo, ConfigMap, ConnectorInfo, ConnectorListing, ConnectorOffsets,
    ConnectorStatus, ConnectorSummary, InitialState, ListingDelta, LoggerLevel, LoggerScope,
    PluginInfo, RawEntries, ServerInfo, TaskInfo, WorkerHealth,
};
use super::parse::{self, Member};
use super::path::{encode_query_value, encode_segment};
use super::request::{Operation, PlannedRequest};
use super::transport::Method;

fn connector_path(name: &str) -> String {
    format!("/connectors/{}", encode_segment(name))
}

/// The request for `op` on an Apache worker. Version gating happens in the client (from
/// [`super::Capabilities`]); every operation has an Apache request.
pub fn plan(op: &Operation<'_>) -> Result<PlannedRequest, ApiError> {
    use Operation as O;
    Ok(match op {
        O::ServerInfo => PlannedRequest::get("/"),
        O::Health => PlannedRequest {
            probe: true,
            ..PlannedRequest::get("/health")
        },
        O::ListClusters => {
            return Err(ApiError::unsupported(
                "listing clusters",
                "Apache Kafka Connect",
            ))
        }
        O::ListConnectors => PlannedRequest::get("/connectors?expand=status&expand=info"),
        O::ListConnectorStatuses => PlannedRequest::get("/connectors?expand=status"),
        O::OffsetsRequestStatus(_) => {
            return Err(ApiError::unsupported(
                "offsets requests",
                "Apache Kafka Connect",
            ))
        }
        O::ConnectorNames => PlannedRequest::get("/connectors"),
        O::Connector(n) => PlannedRequest::get(connector_path(n)),
        O::Status(n) => PlannedRequest::get(format!("{}/status", connector_path(n))),
        O::Config(n) => PlannedRequest::get(format!("{}/config", connector_path(n))),
        O::Tasks(n) => PlannedRequest::get(format!("{}/tasks", connector_path(n))),
        O::Create {
            name,
            config,
            initial_state,
        } => PlannedRequest::new(Method::Post, "/connectors").with_json(&CreateBody {
            name,
            config,
            initial_state: *initial_state,
        }),
        O::PutConfig { name, config } => {
            PlannedRequest::new(Method::Put, format!("{}/config", connector_path(name)))
                .with_json(config)
        }
        O::PatchConfig { name, changes } => {
            PlannedRequest::new(Method::Patch, format!("{}/config", connector_path(name)))
                .with_json(changes)
        }
        O::Delete(n) => PlannedRequest::new(Method::Delete, connector_path(n)),
        O::Pause(n) => PlannedRequest::new(Method::Put, format!("{}/pause", connector_path(n))),
        O::Resume(n) => PlannedRequest::new(Method::Put, format!("{}/resume", connector_path(n))),
        O::Stop(n) => PlannedRequest::new(Method::Put, format!("{}/stop", connector_path(n))),
        O::Restart { name, options } => {
            let mut path = format!("{}/restart", connector_path(name));
            if options.include_tasks || options.only_failed {
                path.push_str(&format!(
                    "?includeTasks={}&onlyFailed={}",
                    options.include_tasks, options.only_failed
                ));
            }
            PlannedRequest::new(Method::Post, path)
        }
        O::RestartTask { name, task } => PlannedRequest::new(
            Method::Post,
            format!("{}/tasks/{task}/restart", connector_path(name)),
        ),
        O::Validate { plugin, config } => PlannedRequest::new(
            Method::Put,
            format!(
                "/connector-plugins/{}/config/validate",
                encode_segment(plugin)
            ),
        )
        .with_json(config),
        O::Plugins { connectors_only } => PlannedRequest::get(format!(
            "/connector-plugins?connectorsOnly={connectors_only}"
        )),
        O::PluginConfig(p) => {
            PlannedRequest::get(format!("/connector-plugins/{}/config", encode_segment(p)))
        }
        O::Offsets(n) => PlannedRequest::get(format!("{}/offsets", connector_path(n))),
        O::AlterOffsets { name, offsets } => {
            PlannedRequest::new(Method::Patch, format!("{}/offsets", connector_path(name)))
                .with_json(offsets)
        }
        O::ResetOffsets(n) => {
            PlannedRequest::new(Method::Delete, format!("{}/offsets", connector_path(n)))
        }
        O::Topics(n) => PlannedRequest::get(format!("{}/topics", connector_path(n))),
        O::ResetTopics(n) => {
            PlannedRequest::new(Method::Put, format!("{}/topics/reset", connector_path(n)))
        }
        O::Loggers => PlannedRequest::get("/admin/loggers"),
        O::SetLogger {
            logger,
            level,
            scope,
        } => {
            let mut path = format!("/admin/loggers/{}", encode_segment(logger));
            if *scope == LoggerScope::Cluster {
                path.push_str(&format!("?scope={}", encode_query_value("cluster")));
            }
            PlannedRequest::new(Method::Put, path).with_json(&serde_json::json!({ "level": level }))
        }
    })
}

#[derive(serde::Serialize)]
struct CreateBody<'a> {
    name: &'a str,
    config: &'a ConfigMap,
    #[serde(skip_serializing_if = "Option::is_none")]
    initial_state: Option<InitialState>,
}

/// `GET /` → [`ServerInfo`]. Only an object is one: serde would also take an array
/// positionally, so a URL ending in `/connectors` (whose `GET /` is the connector list) read
/// the first connector's name as the version.
pub fn parse_server_info(status: u16, body: &str) -> Result<ServerInfo, ApiError> {
    let what = "read the worker's version";
    if !body
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{')
    {
        return Err(ApiError::bad_response(
            what,
            status,
            body,
            "the body is not a JSON object with the worker's version",
        ));
    }
    parse::json(what, status, body)
}

/// `GET /health` → [`WorkerHealth`] (200 healthy, 503 starting, 500 unhealthy: all carry it).
pub fn parse_health(status: u16, body: &str) -> Result<WorkerHealth, ApiError> {
    parse::json("check the worker's health", status, body)
}

/// `GET /connectors` → names.
pub fn parse_names(status: u16, body: &str) -> Result<Vec<String>, ApiError> {
    parse::json("list connectors", status, body)
}

#[derive(Deserialize)]
struct ExpandedEntry {
    #[serde(default)]
    status: Option<ConnectorStatus>,
    #[serde(default)]
    info: Option<ConnectorInfo>,
}

/// `GET /connectors?expand=status&expand=info` → [`ConnectorListing`]. Entries without a
/// status (or an empty `{}`) are kept with `status: None` and listed in `missing_status`.
pub fn parse_listing(status: u16, body: &str) -> Result<ConnectorListing, ApiError> {
    parse_listing_since(status, body, &RawEntries::default()).map(|d| d.listing)
}

/// The expanded listing read against `previous`, the raw entries of the last one: an entry
/// whose JSON text is byte for byte the same is neither scanned nor parsed again
/// ([`ListingDelta`], [`parse::split_object`]). Anything this cannot read (escaped names, a
/// malformed entry, a name listed twice, a name list) goes down the full parse, which names
/// the offending connector in its error.
pub fn parse_listing_since(
    status: u16,
    body: &str,
    previous: &RawEntries,
) -> Result<ListingDelta, ApiError> {
    listing_since(status, body, previous, false)
}

/// `GET /connectors?expand=status` read against `previous` (the raw entries of earlier full
/// or status-only listings). An entry is the same when its status is the status head of its
/// previous text (see [`RawEntries`]); a changed one is parsed with the config its previous
/// text carried, and its new text keeps that config (`{"status":<new>,"info":<old>}`), so a
/// row is always built from the text it is matched against. A connector with no previous
/// config (new since the last full listing) is listed without one and
/// [`ListingDelta::lacks_info`] asks for a full listing next.
pub fn parse_status_listing_since(
    status: u16,
    body: &str,
    previous: &RawEntries,
) -> Result<ListingDelta, ApiError> {
    listing_since(status, body, previous, true)
}

fn listing_since(
    status: u16,
    body: &str,
    previous: &RawEntries,
    status_only: bool,
) -> Result<ListingDelta, ApiError> {
    let trimmed = body.trim_start_matches('\u{feff}');
    if let Some(split) = parse::split_object(trimmed, previous, status_only) {
        if let Some(delta) = delta_of(split, status_only) {
            return Ok(delta);
        }
    }
    full_listing(status, body).map(|listing| {
        let mut d = ListingDelta::full(listing);
        // Read whole without configs: rows keep the config they had, and new ones get theirs
        // from the next (full) listing.
        d.lacks_info = status_only;
        d
    })
}

/// Parses the new members and keeps the unchanged ones, in body order; `None` when an entry
/// does not parse (the full parse then reports it).
fn delta_of(split: parse::Split<'_, '_>, status_only: bool) -> Option<ListingDelta> {
    let mut delta = ListingDelta {
        raw: RawEntries::with_capacity(split.members.len()),
        keeps_every_previous: Some(split.keeps_every_previous),
        ..ListingDelta::default()
    };
    for (name, member) in split.members {
        match member {
            Member::Same(key, text, word) => {
                delta.unchanged.push((key.clone(), text.clone()));
                delta.raw.push_with_head(key.clone(), text.clone(), word);
            }
            Member::New(value, before) => {
                // A status-only entry takes the rest of its previous text (its config) when
                // that text has a status head: `{"status":<new>` + `,"info":{…}}`.
                let kept = match before {
                    Some((old, head)) if status_only && head > 0 && value.ends_with('}') => {
                        let rest = &old[head as usize..];
                        let mut t = String::with_capacity(value.len() - 1 + rest.len());
                        t.push_str(&value[..value.len() - 1]);
                        t.push_str(rest);
                        Some(t)
                    }
                    _ => None,
                };
                let text = kept.as_deref().unwrap_or(value);
                let entry: ExpandedEntry = serde_json::from_str(text).ok()?;
                delta.lacks_info |= status_only && entry.info.is_none();
                delta.listing.connectors.push(ConnectorSummary {
                    name: name.to_string(),
                    info: entry.info,
                    status: entry.status,
                });
                delta.raw.push(Arc::from(name), Arc::from(text));
            }
        }
    }
    delta.listing.normalize();
    Some(delta)
}

/// The expanded map (or a plain name list) parsed whole, through a `Value` tree so an error
/// can name the connector whose entry is wrong.
fn full_listing(status: u16, body: &str) -> Result<ConnectorListing, ApiError> {
    let what = "list connectors";
    let v = parse::value(what, status, body)?;
    let mut listing = ConnectorListing::default();
    match v {
        Value::Object(map) => {
            for (name, entry) in map {
                let entry: ExpandedEntry =
                    parse::from_value(what, status, entry, body).map_err(|e| ApiError {
                        message: format!("{} (connector “{name}”)", e.message),
                        ..e
                    })?;
                listing.connectors.push(ConnectorSummary {
                    name,
                    info: entry.info,
                    status: entry.status,
                });
            }
        }
        Value::Array(_) => {
            let names: Vec<String> = parse::from_value(what, status, v, body)?;
            listing.reconcile_names(&names);
        }
        _ => {
            return Err(ApiError::bad_response(
                what,
                status,
                body,
                "expected an object keyed by connector name",
            ))
        }
    }
    listing.normalize();
    Ok(listing)
}

/// `GET /connectors/{c}`, `POST /connectors`, `PUT|PATCH …/config` → [`ConnectorInfo`].
pub fn parse_connector_info(status: u16, body: &str) -> Result<ConnectorInfo, ApiError> {
    parse::json("read the connector", status, body)
}

/// `GET …/status` (and a restart's 202 body) → [`ConnectorStatus`].
pub fn parse_status(status: u16, body: &str) -> Result<ConnectorStatus, ApiError> {
    parse::json("read the connector status", status, body)
}

/// `GET …/config` → [`ConfigMap`].
pub fn parse_config(status: u16, body: &str) -> Result<ConfigMap, ApiError> {
    let what = "read the connector config";
    let v = parse::value(what, status, body)?;
    parse::config_map(what, status, &v, body)
}

/// `GET …/tasks` → [`TaskInfo`]s.
pub fn parse_tasks(status: u16, body: &str) -> Result<Vec<TaskInfo>, ApiError> {
    parse::json("read the connector's tasks", status, body)
}

/// `POST …/restart`: 204 (no body) → `None`; 202 → the `RESTARTING` status.
pub fn parse_restart(status: u16, body: &str) -> Result<Option<ConnectorStatus>, ApiError> {
    if status == 204 || body.trim().is_empty() {
        return Ok(None);
    }
    parse_status(status, body).map(Some)
}

/// `PUT /connector-plugins/{p}/config/validate` → [`ConfigInfos`].
pub fn parse_config_infos(status: u16, body: &str) -> Result<ConfigInfos, ApiError> {
    parse::json("validate the config", status, body)
}

/// `GET /connector-plugins` → [`PluginInfo`]s.
pub fn parse_plugins(status: u16, body: &str) -> Result<Vec<PluginInfo>, ApiError> {
    parse::json("list plugins", status, body)
}

/// `GET /connector-plugins/{p}/config` → [`ConfigKeyInfo`]s.
pub fn parse_plugin_config(status: u16, body: &str) -> Result<Vec<ConfigKeyInfo>, ApiError> {
    parse::json("read the plugin's config definitions", status, body)
}

/// `GET …/offsets` → [`ConnectorOffsets`].
pub fn parse_offsets(status: u16, body: &str) -> Result<ConnectorOffsets, ApiError> {
    parse::json("read the connector offsets", status, body)
}

#[derive(Deserialize)]
struct Message {
    message: String,
}

/// `PATCH|DELETE …/offsets` → the server's `{"message": …}` text.
pub fn parse_message(status: u16, body: &str) -> Result<String, ApiError> {
    parse::json::<Message>("change the connector offsets", status, body).map(|m| m.message)
}

#[derive(Deserialize)]
struct ActiveTopics {
    #[serde(default)]
    topics: Vec<String>,
}

/// `GET …/topics` → topic names. The body is `{"<connector>": {"topics": […]}}`; the entry
/// for `name` is used, or the only entry when the key differs (a server that normalized the
/// name).
pub fn parse_topics(name: &str, status: u16, body: &str) -> Result<Vec<String>, ApiError> {
    let what = "read the active topics";
    let map: BTreeMap<String, ActiveTopics> = parse::json(what, status, body)?;
    if map.len() == 1 || map.contains_key(name) {
        let mut map = map;
        let entry = match map.remove(name) {
            Some(e) => e,
            None => map
                .into_values()
                .next()
                .unwrap_or(ActiveTopics { topics: vec![] }),
        };
        Ok(entry.topics)
    } else if map.is_empty() {
        Ok(vec![])
    } else {
        Err(ApiError::bad_response(
            what,
            status,
            body,
            "no entry for this connector",
        ))
    }
}

/// `GET /admin/loggers` → levels by logger name.
pub fn parse_loggers(status: u16, body: &str) -> Result<BTreeMap<String, LoggerLevel>, ApiError> {
    parse::json("list loggers", status, body)
}

/// `PUT /admin/loggers/{l}`: worker scope answers 200 with the changed loggers; cluster scope
/// answers 204 (the change is applied by every worker asynchronously) → empty list.
pub fn parse_set_logger(status: u16, body: &str) -> Result<Vec<String>, ApiError> {
    if status == 204 || body.trim().is_empty() {
        return Ok(vec![]);
    }
    parse::json("set the logger level", status, body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::model::RestartOptions;

    #[test]
    fn paths_encode_names_and_send_flags_explicitly() {
        let p = plan(&Operation::Pause("my conn/é")).unwrap();
        assert_eq!(p.method, Method::Put);
        assert_eq!(p.path, "/connectors/my%20conn%2F%C3%A9/pause");
        let p = plan(&Operation::Restart {
            name: "c",
            options: RestartOptions {
                include_tasks: true,
                only_failed: false,
            },
        })
        .unwrap();
        assert_eq!(
            p.path,
            "/connectors/c/restart?includeTasks=true&onlyFailed=false"
        );
        let p = plan(&Operation::Restart {
            name: "c",
            options: RestartOptions::default(),
        })
        .unwrap();
        assert_eq!(p.path, "/connectors/c/restart");
        assert_eq!(
            plan(&Operation::ListConnectors).unwrap().path,
            "/connectors?expand=status&expand=info"
        );
    }

    #[test]
    fn create_body_has_initial_state_only_when_given() {
        let mut cfg = ConfigMap::new();
        cfg.insert("connector.class".into(), "FileStreamSource".into());
        let p = plan(&Operation::Create {
            name: "a",
            config: &cfg,
            initial_state: Some(InitialState::Stopped),
        })
        .unwrap();
        let v: Value = serde_json::from_str(p.body.as_deref().unwrap()).unwrap();
        assert_eq!(v["initial_state"], "STOPPED");
        assert_eq!(v["config"]["connector.class"], "FileStreamSource");
        let p = plan(&Operation::Create {
            name: "a",
            config: &cfg,
            initial_state: None,
        })
        .unwrap();
        assert!(!p.body.unwrap().contains("initial_state"));
    }

    #[test]
    fn listing_keeps_entries_without_status() {
        let body = r#"{"b":{},"a":{"status":{"name":"a","connector":{"state":"RUNNING","worker_id":"w"},"tasks":[],"type":"source"},
                       "info":{"name":"a","config":{},"tasks":[],"type":"source"}}}"#;
        let l = parse_listing(200, body).unwrap();
        assert_eq!(l.names(), vec!["a", "b"]);
        assert_eq!(l.missing_status, vec!["b"]);
    }
}
