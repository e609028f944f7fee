//! The operations the client offers, as data, and the request a flavor plans for each.
//!
//! [`Operation`] names what the user wants ("pause connector x"); each flavor module turns it
//! into a [`PlannedRequest`] (method, path relative to the cluster's base URL, body) or an
//! `Unsupported` error. Keeping operations as data lets the client apply read-only mode,
//! timeouts and retries in one place, and lets `curl_command` print exactly what would be sent.

use std::collections::BTreeMap;

use super::model::{ConfigMap, ConnectorOffsets, InitialState, LoggerScope, RestartOptions};
use super::transport::Method;

/// One protocol operation with its arguments.
#[derive(Clone, Debug, PartialEq)]
pub enum Operation<'a> {
    ServerInfo,
    Health,
    ListClusters,
    /// The expanded listing (status and info) in one request.
    ListConnectors,
    /// The listing with statuses only (Apache `?expand=status`): the refreshes between full
    /// listings.
    ListConnectorStatuses,
    /// Confluent Cloud: how the last offsets request of a connector went.
    OffsetsRequestStatus(&'a str),
    /// Names only (`GET /connectors` without `expand`).
    ConnectorNames,
    Connector(&'a str),
    Status(&'a str),
    Config(&'a str),
    Tasks(&'a str),
    Create {
        name: &'a str,
        config: &'a ConfigMap,
        initial_state: Option<InitialState>,
    },
    PutConfig {
        name: &'a str,
        config: &'a ConfigMap,
    },
    PatchConfig {
        name: &'a str,
        changes: &'a BTreeMap<String, Option<String>>,
    },
    Delete(&'a str),
    Pause(&'a str),
    Resume(&'a str),
    Stop(&'a str),
    Restart {
        name: &'a str,
        options: RestartOptions,
    },
    RestartTask {
        name: &'a str,
        task: u32,
    },
    Validate {
        plugin: &'a str,
        config: &'a ConfigMap,
    },
    Plugins {
        connectors_only: bool,
    },
    PluginConfig(&'a str),
    Offsets(&'a str),
    AlterOffsets {
        name: &'a str,
        offsets: &'a ConnectorOffsets,
    },
    ResetOffsets(&'a str),
    Topics(&'a str),
    ResetTopics(&'a str),
    Loggers,
    SetLogger {
        logger: &'a str,
        level: &'a str,
        scope: LoggerScope,
    },
}

impl Operation<'_> {
    /// Whether the operation changes the cluster. Read-only mode refuses these. Validate is
    /// not mutating even though Apache sends it as a PUT.
    pub fn is_mutating(&self) -> bool {
        !matches!(
            self,
            Operation::ServerInfo
                | Operation::Health
                | Operation::ListClusters
                | Operation::ListConnectors
                | Operation::ListConnectorStatuses
                | Operation::OffsetsRequestStatus(_)
                | Operation::ConnectorNames
                | Operation::Connector(_)
                | Operation::Status(_)
                | Operation::Config(_)
                | Operation::Tasks(_)
                | Operation::Validate { .. }
                | Operation::Plugins { .. }
                | Operation::PluginConfig(_)
                | Operation::Offsets(_)
                | Operation::Topics(_)
                | Operation::Loggers
        )
    }

    /// The connector the operation is about, if any.
    pub fn connector_name(&self) -> Option<&str> {
        match self {
            Operation::Connector(n)
            | Operation::Status(n)
            | Operation::Config(n)
            | Operation::Tasks(n)
            | Operation::Delete(n)
            | Operation::Pause(n)
            | Operation::Resume(n)
            | Operation::Stop(n)
            | Operation::Offsets(n)
            | Operation::ResetOffsets(n)
            | Operation::Topics(n)
            | Operation::ResetTopics(n) => Some(n),
            Operation::Create { name, .. }
            | Operation::PutConfig { name, .. }
            | Operation::PatchConfig { name, .. }
            | Operation::Restart { name, .. }
            | Operation::RestartTask { name, .. }
            | Operation::AlterOffsets { name, .. } => Some(name),
            _ => None,
        }
    }

    /// A lower-case verb phrase for messages: "Could not {describe()}: …".
    pub fn describe(&self) -> String {
        match self {
            Operation::ServerInfo => "read the worker's version".into(),
            Operation::Health => "check the worker's health".into(),
            Operation::ListClusters => "list Connect clusters".into(),
            Operation::ListConnectors
            | Operation::ListConnectorStatuses
            | Operation::ConnectorNames => "list connectors".into(),
            Operation::OffsetsRequestStatus(n) => {
                format!("read the offsets request status of connector “{n}”")
            }
            Operation::Connector(n) => format!("read connector “{n}”"),
            Operation::Status(n) => format!("read the status of connector “{n}”"),
            Operation::Config(n) => format!("read the config of connector “{n}”"),
            Operation::Tasks(n) => format!("read the tasks of connector “{n}”"),
            Operation::Create { name, .. } => format!("create connector “{name}”"),
            Operation::PutConfig { name, .. } => format!("update the config of connector “{name}”"),
            Operation::PatchConfig { name, .. } => {
                format!("patch the config of connector “{name}”")
            }
            Operation::Delete(n) => format!("delete connector “{n}”"),
            Operation::Pause(n) => format!("pause connector “{n}”"),
            Operation::Resume(n) => format!("resume connector “{n}”"),
            Operation::Stop(n) => format!("stop connector “{n}”"),
            Operation::Restart { name, .. } => format!("restart connector “{name}”"),
            Operation::RestartTask { name, task } => {
                format!("restart task {task} of connector “{name}”")
            }
            Operation::Validate { plugin, .. } => format!("validate a config for “{plugin}”"),
            Operation::Plugins { .. } => "list plugins".into(),
            Operation::PluginConfig(p) => format!("read the config definitions of “{p}”"),
            Operation::Offsets(n) => format!("read the offsets of connector “{n}”"),
            Operation::AlterOffsets { name, .. } => {
                format!("alter the offsets of connector “{name}”")
            }
            Operation::ResetOffsets(n) => format!("reset the offsets of connector “{n}”"),
            Operation::Topics(n) => format!("read the active topics of connector “{n}”"),
            Operation::ResetTopics(n) => format!("reset the active topics of connector “{n}”"),
            Operation::Loggers => "list loggers".into(),
            Operation::SetLogger { logger, .. } => format!("set the level of logger “{logger}”"),
        }
    }
}

/// A request as a flavor plans it, before the client adds the base URL, headers and timeout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedRequest {
    pub method: Method,
    /// Path and query relative to the cluster's base URL, starting with `/`, already encoded.
    pub path: String,
    /// JSON body, if any.
    pub body: Option<String>,
    /// A health probe: answered as-is, never retried.
    pub probe: bool,
}

impl PlannedRequest {
    pub fn get(path: impl Into<String>) -> Self {
        PlannedRequest {
            method: Method::Get,
            path: path.into(),
            body: None,
            probe: false,
        }
    }

    pub fn new(method: Method, path: impl Into<String>) -> Self {
        PlannedRequest {
            method,
            path: path.into(),
            body: None,
            probe: false,
        }
    }

    pub fn with_json(mut self, body: &impl serde::Serialize) -> Self {
        // Serializing maps of strings and the model types cannot fail.
        self.body = Some(serde_json::to_string(body).unwrap_or_else(|_| "{}".to_string()));
        self
    }
}
