//! The Connect protocol layer: pure Rust, no Leptos and no DOM.
//!
//! It builds each flavor's requests, normalizes their responses into [`model`], turns every
//! failure into an [`error`] with a message and a hint, and owns the retry policy. HTTP goes
//! through the small [`transport`] trait so the same code runs in the browser and natively.
//!
//! # Public API
//!
//! [`ConnectClient<T: Transport>`](ConnectClient) is the one entry point:
//!
//! ```text
//! ConnectClient::new(target: ClusterTarget, transport: T) -> Self
//! .with_read_only(bool) -> Self           // mutating ops fail with ErrorKind::ReadOnly, nothing sent
//! .with_retry_policy(RetryPolicy) -> Self // default: RetryPolicy::default()
//! .with_server_info(ServerInfo) -> Self   // seed the detected version without a request
//! .target() -> &ClusterTarget
//! .capabilities(Option<&ServerInfo>) -> Capabilities  // falls back to the detected version
//! async server_info() -> Result<ServerInfo, ApiError>  // also remembered for capabilities
//! async health() -> Result<WorkerHealth, ApiError>     // 503 starting / 500 unhealthy are Ok
//! async list_clusters() -> Result<Vec<String>, ApiError>
//! async list_connectors(Option<&ServerInfo>) -> Result<ConnectorListing, ApiError>
//! async connector_names() -> Result<Vec<String>, ApiError>
//! async connector(&str) -> Result<ConnectorInfo, ApiError>
//! async status(&str) -> Result<ConnectorStatus, ApiError>
//! async config(&str) -> Result<ConfigMap, ApiError>
//! async tasks(&str) -> Result<Vec<TaskInfo>, ApiError>
//! async create(&str, &ConfigMap, Option<InitialState>) -> Result<ConnectorInfo, ApiError>
//! async put_config(&str, &ConfigMap) -> Result<ConnectorInfo, ApiError>
//! async patch_config(&str, &BTreeMap<String, Option<String>>) -> Result<ConnectorInfo, ApiError>
//! async delete / pause / resume / stop(&str) -> Result<(), ApiError>
//! async restart(&str, RestartOptions) -> Result<Option<ConnectorStatus>, ApiError>
//! async restart_task(&str, u32) -> Result<(), ApiError>
//! async validate(plugin: &str, &ConfigMap) -> Result<ConfigInfos, ApiError>
//! async plugins(connectors_only: bool) -> Result<Vec<PluginInfo>, ApiError>
//! async plugin_config(&str) -> Result<Vec<ConfigKeyInfo>, ApiError>
//! async offsets(&str) -> Result<ConnectorOffsets, ApiError>
//! async alter_offsets(&str, &ConnectorOffsets) -> Result<String, ApiError>
//! async reset_offsets(&str) -> Result<String, ApiError>
//! async topics(&str) -> Result<Vec<String>, ApiError>
//! async reset_topics(&str) -> Result<(), ApiError>
//! async loggers() -> Result<BTreeMap<String, LoggerLevel>, ApiError>
//! async set_logger(logger: &str, level: &str, LoggerScope) -> Result<Vec<String>, ApiError>
//! curl_command(&Operation) -> Result<String, ApiError>  // credentials as $CONNECT_USER etc.
//! ```
//!
//! Listing: one request per refresh (`?expand=status&expand=info`); connectors the server
//! listed without a status keep `status: None` and are named in
//! [`ConnectorListing::missing_status`] (see there).
//!
//! Errors: [`ApiError`] `{kind, status, message, hint, detail}`; [`cors_help`] builds the
//! worker settings / proxy text for the browser's opaque network failure.

pub mod apache;
pub mod capabilities;
pub mod client;
pub mod confluent_cloud;
pub mod error;
pub mod lenses;
pub mod model;
pub mod parse;
pub mod path;
pub mod redpanda;
pub mod request;
pub mod retry;
pub mod transport;

pub use capabilities::{parse_version, Capabilities, DetectedVersion, KafkaVersion};
pub use client::ConnectClient;
pub use error::{cors_help, with_endpoint_in_url_hint, ApiError, ErrorKind};
pub use model::*;
pub use request::{Operation, PlannedRequest};
pub use retry::{Decision, RequestClass, RetryPolicy};
pub use transport::{HttpRequest, HttpResponse, Method, Transport, TransportError};
