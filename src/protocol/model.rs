//! The console's one model of Kafka Connect, shared by every flavor.
//!
//! Each flavor module parses its own wire shapes and normalizes them into these types, so
//! stores, the form model and views never see a flavor-specific body. Field names follow the
//! Apache Kafka Connect REST API (`connect/runtime/.../rest/entities`), which is the canonical
//! shape; serde attributes accept exactly what Apache sends and nothing is invented.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A connector's flat configuration: every value is a string on the wire.
pub type ConfigMap = BTreeMap<String, String>;

/// Which API family a cluster speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Flavor {
    /// Apache Kafka Connect REST: self-managed, Confluent Platform, Strimzi, Aiven.
    #[default]
    Apache,
    /// Confluent Cloud Connect v1.
    ConfluentCloud,
    /// Redpanda Data Plane v1.
    Redpanda,
    /// Lenses HQ v6 (through its environment proxy).
    Lenses,
}

impl Flavor {
    pub const ALL: [Flavor; 4] = [
        Flavor::Apache,
        Flavor::ConfluentCloud,
        Flavor::Redpanda,
        Flavor::Lenses,
    ];

    /// A short human label for badges and selects.
    pub fn label(self) -> &'static str {
        match self {
            Flavor::Apache => "Apache Kafka Connect",
            Flavor::ConfluentCloud => "Confluent Cloud",
            Flavor::Redpanda => "Redpanda",
            Flavor::Lenses => "Lenses HQ",
        }
    }
}

/// How requests to a cluster authenticate. `Debug` never prints a secret.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Auth {
    #[default]
    None,
    Basic {
        username: String,
        password: String,
    },
    Bearer {
        token: String,
    },
}

impl Auth {
    /// The `Authorization` header value, if any. Only the transport may call this.
    pub fn header_value(&self) -> Option<String> {
        match self {
            Auth::None => None,
            Auth::Basic { username, password } => Some(format!(
                "Basic {}",
                base64_encode(format!("{username}:{password}").as_bytes())
            )),
            Auth::Bearer { token } => Some(format!("Bearer {token}")),
        }
    }

    pub fn has_secret(&self) -> bool {
        !matches!(self, Auth::None)
    }
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Auth::None => f.write_str("Auth::None"),
            Auth::Basic { username, .. } => write!(f, "Auth::Basic({username}, ***)"),
            Auth::Bearer { .. } => f.write_str("Auth::Bearer(***)"),
        }
    }
}

/// Standard base64 (RFC 4648, with padding), for the Basic auth header.
pub fn base64_encode(input: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        out.push(ALPHABET[(n >> 18) as usize & 63] as char);
        out.push(ALPHABET[(n >> 12) as usize & 63] as char);
        out.push(if chunk.len() > 1 {
            ALPHABET[(n >> 6) as usize & 63] as char
        } else {
            '='
        });
        out.push(if chunk.len() > 2 {
            ALPHABET[n as usize & 63] as char
        } else {
            '='
        });
    }
    out
}

/// Everything needed to reach one Connect cluster.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ClusterTarget {
    pub flavor: Flavor,
    /// Base URL without a trailing slash, e.g. `http://127.0.0.1:18083` or `/connect/alpha`.
    pub base_url: String,
    pub auth: Auth,
    /// Confluent Cloud environment id (`env-…`) or Lenses environment name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<String>,
    /// Confluent Cloud Kafka cluster id (`lkc-…`), Redpanda Connect cluster name, or Lenses
    /// Connect cluster name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster: Option<String>,
}

/// `GET /`: the worker's version, commit and Kafka cluster id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ServerInfo {
    pub version: String,
    #[serde(default)]
    pub commit: Option<String>,
    #[serde(default)]
    pub kafka_cluster_id: Option<String>,
}

/// `GET /health` (3.9+): `healthy`, `starting` or `unhealthy` with a message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct WorkerHealth {
    pub status: String,
    #[serde(default)]
    pub message: String,
}

/// A connector's or task's reported state. Unknown strings are kept, never dropped.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum State {
    Unassigned,
    Running,
    Paused,
    Failed,
    Restarting,
    Stopped,
    /// Confluent Cloud: the connector is being provisioned.
    Provisioning,
    /// Confluent Cloud reports it; elsewhere it is derived (RUNNING with a FAILED task).
    Degraded,
    Other(String),
}

impl State {
    pub fn parse(s: &str) -> State {
        match s.to_ascii_uppercase().as_str() {
            "UNASSIGNED" => State::Unassigned,
            "RUNNING" => State::Running,
            "PAUSED" => State::Paused,
            "FAILED" => State::Failed,
            "RESTARTING" => State::Restarting,
            "STOPPED" => State::Stopped,
            "PROVISIONING" => State::Provisioning,
            "DEGRADED" => State::Degraded,
            _ => State::Other(s.to_string()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            State::Unassigned => "UNASSIGNED",
            State::Running => "RUNNING",
            State::Paused => "PAUSED",
            State::Failed => "FAILED",
            State::Restarting => "RESTARTING",
            State::Stopped => "STOPPED",
            State::Provisioning => "PROVISIONING",
            State::Degraded => "DEGRADED",
            State::Other(s) => s,
        }
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for State {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for State {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(State::parse(&s))
    }
}

/// `source`, `sink` or `unknown` (the plugin class could not be loaded).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum ConnectorType {
    Source,
    Sink,
    #[default]
    Unknown,
}

impl ConnectorType {
    pub fn parse(s: &str) -> ConnectorType {
        match s.to_ascii_lowercase().as_str() {
            "source" => ConnectorType::Source,
            "sink" => ConnectorType::Sink,
            _ => ConnectorType::Unknown,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ConnectorType::Source => "source",
            ConnectorType::Sink => "sink",
            ConnectorType::Unknown => "unknown",
        }
    }
}

impl Serialize for ConnectorType {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ConnectorType {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(ConnectorType::parse(&s))
    }
}

/// `{connector, task}`: a task's identity.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TaskId {
    pub connector: String,
    pub task: u32,
}

/// The connector instance inside a status: state, worker and trace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectorInstanceState {
    pub state: State,
    #[serde(default)]
    pub worker_id: Option<String>,
    /// Stack trace; Apache omits it when empty, Confluent Cloud sends `""`.
    #[serde(default, deserialize_with = "empty_string_as_none")]
    pub trace: Option<String>,
    /// Plugin version in use (4.1+).
    #[serde(default)]
    pub version: Option<String>,
}

/// One task inside a status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskState {
    pub id: u32,
    pub state: State,
    #[serde(default)]
    pub worker_id: Option<String>,
    #[serde(default, deserialize_with = "empty_string_as_none")]
    pub trace: Option<String>,
    #[serde(default)]
    pub version: Option<String>,
}

/// `GET /connectors/{c}/status` (`ConnectorStateInfo`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectorStatus {
    pub name: String,
    pub connector: ConnectorInstanceState,
    #[serde(default)]
    pub tasks: Vec<TaskState>,
    #[serde(default, rename = "type")]
    pub kind: ConnectorType,
}

/// `GET /connectors/{c}` (`ConnectorInfo`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectorInfo {
    pub name: String,
    #[serde(default)]
    pub config: ConfigMap,
    #[serde(default)]
    pub tasks: Vec<TaskId>,
    #[serde(default, rename = "type")]
    pub kind: ConnectorType,
}

/// One connector as listed: what the expanded list gave for it. Either half may be missing
/// (a just-created connector has no status yet).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectorSummary {
    pub name: String,
    #[serde(default)]
    pub info: Option<ConnectorInfo>,
    #[serde(default)]
    pub status: Option<ConnectorStatus>,
}

/// `GET /connectors/{c}/tasks` item (`TaskInfo`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskInfo {
    pub id: TaskId,
    #[serde(default)]
    pub config: ConfigMap,
}

/// Plugin kinds as Apache lower-cases them.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PluginType {
    Source,
    Sink,
    Transformation,
    Predicate,
    Converter,
    HeaderConverter,
    Other(String),
}

impl PluginType {
    pub fn parse(s: &str) -> PluginType {
        match s.to_ascii_lowercase().as_str() {
            "source" => PluginType::Source,
            "sink" => PluginType::Sink,
            "transformation" => PluginType::Transformation,
            "predicate" => PluginType::Predicate,
            "converter" => PluginType::Converter,
            "header_converter" => PluginType::HeaderConverter,
            _ => PluginType::Other(s.to_string()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            PluginType::Source => "source",
            PluginType::Sink => "sink",
            PluginType::Transformation => "transformation",
            PluginType::Predicate => "predicate",
            PluginType::Converter => "converter",
            PluginType::HeaderConverter => "header_converter",
            PluginType::Other(s) => s,
        }
    }

    pub fn is_connector(&self) -> bool {
        matches!(self, PluginType::Source | PluginType::Sink)
    }
}

impl Serialize for PluginType {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for PluginType {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(PluginType::parse(&s))
    }
}

/// `GET /connector-plugins` item (`PluginInfo`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PluginInfo {
    pub class: String,
    #[serde(rename = "type")]
    pub kind: PluginType,
    #[serde(default)]
    pub version: Option<String>,
}

/// A config key's definition (`ConfigKeyInfo`). `type`, `importance` and `width` are kept as
/// the server's strings so an unknown value (Confluent Cloud's `ENUM`, `NONE`) is never lost.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfigKeyInfo {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub default_value: Option<String>,
    #[serde(default)]
    pub importance: Option<String>,
    #[serde(default)]
    pub documentation: Option<String>,
    #[serde(default)]
    pub group: Option<String>,
    /// Apache sends `order`; `-1` means no order within the group.
    #[serde(default = "minus_one", alias = "order_in_group")]
    pub order: i32,
    #[serde(default)]
    pub width: Option<String>,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub dependents: Vec<String>,
}

/// A config key's current value and validation result (`ConfigValueInfo`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfigValueInfo {
    pub name: String,
    #[serde(default)]
    pub value: Option<String>,
    #[serde(default)]
    pub recommended_values: Vec<String>,
    #[serde(default)]
    pub errors: Vec<String>,
    #[serde(default = "yes")]
    pub visible: bool,
}

/// One key of a validate response: its definition (absent for keys no definition knows)
/// and its value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfigInfo {
    #[serde(default)]
    pub definition: Option<ConfigKeyInfo>,
    #[serde(default)]
    pub value: Option<ConfigValueInfo>,
}

/// `PUT /connector-plugins/{p}/config/validate` (`ConfigInfos`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfigInfos {
    pub name: String,
    #[serde(default)]
    pub error_count: u32,
    #[serde(default)]
    pub groups: Vec<String>,
    #[serde(default)]
    pub configs: Vec<ConfigInfo>,
}

/// One partition's offset. Partition and offset maps are connector-defined JSON.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConnectorOffset {
    pub partition: serde_json::Map<String, serde_json::Value>,
    /// `None` (JSON null) resets the partition in an alter request.
    pub offset: Option<serde_json::Map<String, serde_json::Value>>,
}

/// How a Confluent Cloud offsets request went (`GET …/offsets/request/status`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OffsetsRequestStatus {
    /// `PATCH` (alter) or `DELETE` (reset).
    pub kind: Option<String>,
    /// `PENDING`, `PENDING_VALIDATION`, `APPLIED` or `FAILED` (an extensible enum).
    pub phase: String,
    pub message: Option<String>,
    pub applied_at: Option<String>,
    /// When the request this status is about was placed, as the cluster wrote it.
    pub requested_at: Option<String>,
}

impl OffsetsRequestStatus {
    /// Applied: the new offsets are in place.
    pub fn applied(&self) -> bool {
        self.phase.eq_ignore_ascii_case("APPLIED")
    }

    /// Refused or failed: nothing more will happen.
    pub fn failed(&self) -> bool {
        self.phase.eq_ignore_ascii_case("FAILED")
    }

    /// Whether this status is about the request placed at `placed_at` (the endpoint reports
    /// the latest request, which may still be an earlier one). Without both times, it is
    /// taken to be.
    pub fn is_for(&self, placed_at: Option<&str>) -> bool {
        match (placed_at, self.requested_at.as_deref()) {
            (Some(placed), Some(this)) => placed == this,
            _ => true,
        }
    }
}

/// `GET /connectors/{c}/offsets` (`ConnectorOffsets`), also the alter request body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct ConnectorOffsets {
    pub offsets: Vec<ConnectorOffset>,
}

/// `GET /admin/loggers` value (`LoggerLevel`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoggerLevel {
    pub level: String,
    /// Epoch milliseconds of the last REST change on this worker (3.7+), or null.
    #[serde(default)]
    pub last_modified: Option<i64>,
}

/// Where a log-level change applies (`?scope=`, 3.7+).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum LoggerScope {
    #[default]
    Worker,
    Cluster,
}

/// `initial_state` on create (3.7+).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum InitialState {
    #[default]
    Running,
    Paused,
    Stopped,
}

/// Options of a connector restart (`includeTasks`, `onlyFailed`; 3.0+).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RestartOptions {
    pub include_tasks: bool,
    pub only_failed: bool,
}

/// Flavor-specific facts about one listed connector that the Apache model has no place for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ConnectorExtra {
    /// Confluent Cloud connector id (`lcc-…`, from `expand=id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Lenses: the Connect cluster the connector runs on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster: Option<String>,
    /// Redpanda's roll-up (`HEALTHY`, `DEGRADED`, `UNHEALTHY`, …, prefix stripped).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holistic_state: Option<String>,
    /// Redpanda's parsed error hints (`errors[].title: content`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<String>,
    /// Lenses: the connector class from the list item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<String>,
}

/// The result of one connector listing.
///
/// Every connector the server named appears exactly once in `connectors`, sorted by name.
/// Apache's expanded listing silently leaves out connectors it has no status for (just
/// created, or deleted mid-listing), and some entries may come back without `status` or
/// `info`. Such connectors keep `status: None` (or `info: None`); the names without a status
/// are in `missing_status`, so a store can keep its previous row and fetch the connector on
/// its own. (Lenses lists carry no config: their `info` holds only `connector.class`, from
/// the item's `className`, and the type.)
/// Names the server left out entirely can be merged with [`ConnectorListing::reconcile_names`]
/// from a plain name list or from names the store already knows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ConnectorListing {
    pub connectors: Vec<ConnectorSummary>,
    /// Connectors listed without a status (sorted, no duplicates).
    #[serde(default)]
    pub missing_status: Vec<String>,
    /// Flavor-specific facts by connector name (empty for Apache).
    #[serde(default)]
    pub extras: BTreeMap<String, ConnectorExtra>,
}

impl ConnectorListing {
    /// Adds every name of `names` that the listing lacks, as a summary without status or
    /// info, and records it in `missing_status`. Keeps `connectors` sorted.
    pub fn reconcile_names<S: AsRef<str>>(&mut self, names: &[S]) {
        let mut changed = false;
        let mut listed: HashSet<String> = self.connectors.iter().map(|c| c.name.clone()).collect();
        for name in names {
            let name = name.as_ref();
            if listed.insert(name.to_string()) {
                self.connectors.push(ConnectorSummary {
                    name: name.to_string(),
                    info: None,
                    status: None,
                });
                self.missing_status.push(name.to_string());
                changed = true;
            }
        }
        if changed {
            self.normalize();
        }
    }

    /// Sorts by name, drops duplicate names (first wins) and rebuilds `missing_status`.
    pub fn normalize(&mut self) {
        self.connectors.sort_by(|a, b| a.name.cmp(&b.name));
        self.connectors.dedup_by(|b, a| a.name == b.name);
        self.missing_status = self
            .connectors
            .iter()
            .filter(|c| c.status.is_none())
            .map(|c| c.name.clone())
            .collect();
    }

    /// Connector names in listing order.
    pub fn names(&self) -> Vec<String> {
        self.connectors.iter().map(|c| c.name.clone()).collect()
    }
}

/// The JSON text of each connector's entry in the last expanded listing, in body order. A
/// refresh parses only the entries whose text changed since ([`ListingDelta`]): at 10,000
/// connectors with 1 % changing, that skips almost all of the parsing and row building.
///
/// Kept in body order rather than hashed: Connect lists a cluster's connectors in the same
/// order from one refresh to the next, so the next listing is matched entry by entry against
/// this one, and names are looked up ([`RawEntries::index`]) only where the order moved. A
/// hash map here cost one hashed lookup and one insert per connector per refresh.
///
/// Each entry also records its *status head*: the length of `{"status":{…}` at the start of
/// its text (0 when the text does not start that way). A status-only listing
/// (`?expand=status`, entries `{"status":{…}}`) is matched against that head alone, and the
/// rest of the text (`,"info":{…}}`) is kept as it was.
///
/// A name JSON must escape (one with `"` or `\`) is flagged ([`RawEntries::name_is_plain`]):
/// its body text differs from the name, so it is never compared with the body in place.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawEntries {
    entries: Vec<(Arc<str>, Arc<str>)>,
    /// The status head, with [`NAME_ESCAPED`] set for a name JSON escapes.
    heads: Vec<u32>,
}

/// The bit of a [`RawEntries`] head word that flags a name with `"` or `\`.
const NAME_ESCAPED: u32 = 1 << 31;

impl RawEntries {
    pub fn with_capacity(n: usize) -> Self {
        RawEntries {
            entries: Vec::with_capacity(n),
            heads: Vec::with_capacity(n),
        }
    }

    /// Appends `name`'s entry text; names are distinct (the listing parser checks). Its
    /// status head is found in the text ([`status_head`]).
    pub fn push(&mut self, name: Arc<str>, text: Arc<str>) {
        let mut word = status_head(&text);
        if name.bytes().any(|c| c == b'"' || c == b'\\') {
            word |= NAME_ESCAPED;
        }
        self.push_with_head(name, text, word);
    }

    /// [`RawEntries::push`] with the head word already known: an unchanged entry's
    /// [`RawEntries::head_word`] from the previous listing.
    pub fn push_with_head(&mut self, name: Arc<str>, text: Arc<str>, word: u32) {
        self.entries.push((name, text));
        self.heads.push(word);
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// (name, entry text) in body order.
    pub fn entries(&self) -> &[(Arc<str>, Arc<str>)] {
        &self.entries
    }

    /// The status head of the entry at `i` (see [`RawEntries`]); 0 when it has none.
    pub fn head(&self, i: usize) -> u32 {
        self.head_word(i) & !NAME_ESCAPED
    }

    /// The status head and flags of the entry at `i`, for [`RawEntries::push_with_head`].
    pub fn head_word(&self, i: usize) -> u32 {
        self.heads.get(i).copied().unwrap_or(0)
    }

    /// Whether the name at `i` is written in JSON exactly as it is (no `"` or `\`), so a
    /// body's key can be compared with it byte for byte.
    pub fn name_is_plain(&self, i: usize) -> bool {
        self.head_word(i) & NAME_ESCAPED == 0
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(n, _)| &**n)
    }

    /// Each name's position, for lookups off the positional path.
    pub fn index(&self) -> rustc_hash::FxHashMap<&str, usize> {
        self.entries
            .iter()
            .enumerate()
            .map(|(i, (n, _))| (&**n, i))
            .collect()
    }

    /// The text listed for `name`. A linear scan: for one-off lookups, not per connector.
    pub fn get(&self, name: &str) -> Option<&Arc<str>> {
        self.entries
            .iter()
            .find(|(n, _)| &**n == name)
            .map(|(_, t)| t)
    }

    /// Whether `name` is listed. A linear scan, as [`RawEntries::get`].
    pub fn contains_key(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Forgets `name`'s entry; whether it was there.
    pub fn remove(&mut self, name: &str) -> bool {
        let before = self.entries.len();
        self.retain(|n| n != name);
        self.entries.len() != before
    }

    /// Keeps the entries `keep` accepts.
    pub fn retain(&mut self, mut keep: impl FnMut(&str) -> bool) {
        let mut i = 0;
        let heads = &mut self.heads;
        self.entries.retain(|(n, _)| {
            let k = keep(n);
            if !k {
                heads.remove(i);
            } else {
                i += 1;
            }
            k
        });
    }
}

/// The length of the `{"status":{…}` an expanded entry's text starts with (its first member,
/// up to the `,` before the next one), or 0 when it does not start with a status member
/// followed by another (a status-only entry, a pretty-printed body, another member order).
pub fn status_head(text: &str) -> u32 {
    const KEY: &str = "{\"status\":";
    let Some(rest) = text.strip_prefix(KEY) else {
        return 0;
    };
    let mut de = serde_json::Deserializer::from_str(rest);
    let Ok(raw) = <&serde_json::value::RawValue>::deserialize(&mut de) else {
        return 0;
    };
    let end = KEY.len() + raw.get().len();
    if !raw.get().starts_with('{') || text.as_bytes().get(end) != Some(&b',') {
        return 0;
    }
    u32::try_from(end).unwrap_or(0)
}

/// `raw["name"]`: the text listed for a name (a linear scan; panics when it is not listed).
impl std::ops::Index<&str> for RawEntries {
    type Output = Arc<str>;

    fn index(&self, name: &str) -> &Arc<str> {
        self.get(name)
            .unwrap_or_else(|| panic!("no raw entry for {name:?}"))
    }
}

/// A listing read against the raw entries of the previous one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ListingDelta {
    /// The connectors whose entry is new or changed, parsed (every connector when `unchanged`
    /// is empty: then this is a complete listing).
    pub listing: ConnectorListing,
    /// Connectors listed with exactly the entry text they had last time, not parsed again:
    /// (name, text), both shared with the entries read against, in body order.
    pub unchanged: Vec<(Arc<str>, Arc<str>)>,
    /// Every entry's text in this listing, for the next one (empty when the flavor or the
    /// body gives none).
    pub raw: RawEntries,
    /// Whether every name of the entries read against is listed again; `None` when the
    /// listing was read whole, without comparing.
    pub keeps_every_previous: Option<bool>,
    /// A status-only listing named a connector whose config is not known yet (new since the
    /// last full listing): the next listing should carry `info`.
    pub lacks_info: bool,
}

impl ListingDelta {
    /// A complete listing, without raw entries.
    pub fn full(listing: ConnectorListing) -> Self {
        ListingDelta {
            listing,
            ..ListingDelta::default()
        }
    }

    /// Every listed name, changed or not.
    pub fn names(&self) -> HashSet<&str> {
        self.unchanged
            .iter()
            .map(|(n, _)| &**n)
            .chain(self.listing.connectors.iter().map(|c| c.name.as_str()))
            .collect()
    }

    /// Whether one of `known` is not in this listing.
    pub fn lacks_any<'a>(&self, mut known: impl Iterator<Item = &'a str>) -> bool {
        let listed = self.names();
        known.any(|n| !listed.contains(n))
    }

    /// Whether a name of `previous`, the entries this listing was read against, is not in it:
    /// answered by the comparison itself when there was one, so a refresh looks up no name.
    pub fn lacks_any_of(&self, previous: &RawEntries) -> bool {
        match self.keeps_every_previous {
            Some(all) => !all,
            None => self.lacks_any(previous.names()),
        }
    }

    /// [`ConnectorListing::reconcile_names`] over both parts: names listed in neither are
    /// added without status.
    pub fn reconcile_names<S: AsRef<str>>(&mut self, names: &[S]) {
        let missing: Vec<String> = {
            let listed = self.names();
            names
                .iter()
                .map(AsRef::as_ref)
                .filter(|n| !listed.contains(n))
                .map(str::to_string)
                .collect()
        };
        if !missing.is_empty() {
            self.listing.reconcile_names(&missing);
        }
    }
}

fn minus_one() -> i32 {
    -1
}

fn yes() -> bool {
    true
}

fn empty_string_as_none<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let s = Option::<String>::deserialize(d)?;
    Ok(s.filter(|s| !s.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648_vectors() {
        for (input, want) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64_encode(input.as_bytes()), want, "input {input:?}");
        }
    }

    #[test]
    fn auth_debug_never_prints_secrets() {
        let basic = Auth::Basic {
            username: "admin".into(),
            password: "admin-secret".into(),
        };
        let bearer = Auth::Bearer {
            token: "tok-123".into(),
        };
        assert!(!format!("{basic:?}").contains("admin-secret"));
        assert!(!format!("{bearer:?}").contains("tok-123"));
        assert_eq!(
            basic.header_value().as_deref(),
            Some("Basic YWRtaW46YWRtaW4tc2VjcmV0")
        );
    }

    #[test]
    fn status_parses_apache_shape_and_keeps_unknown_states() {
        let body = r#"{"name":"bad-sink","connector":{"state":"RUNNING","worker_id":"127.0.0.1:18083"},
            "tasks":[{"id":0,"state":"FAILED","worker_id":"127.0.0.1:18083","trace":"boom"},
                     {"id":1,"state":"WEIRD","worker_id":"w","trace":""}],"type":"sink"}"#;
        let s: ConnectorStatus = serde_json::from_str(body).unwrap();
        assert_eq!(s.connector.state, State::Running);
        assert_eq!(s.tasks[0].state, State::Failed);
        assert_eq!(s.tasks[0].trace.as_deref(), Some("boom"));
        assert_eq!(s.tasks[1].state, State::Other("WEIRD".into()));
        assert_eq!(s.tasks[1].trace, None);
        assert_eq!(s.kind, ConnectorType::Sink);
    }
}
