//! Pure logic behind the connector detail, plugins and log-level screens: the detail tabs,
//! trace summaries, config masking (view and copy as JSON), the offsets table and its edits,
//! the guided stop → change → resume plan for offsets, logger rows and levels, the plugin
//! list filter, worker URLs for per-worker calls and time formatting. No Leptos, no DOM.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::form::secret::{SecretPolicy, HIDDEN};
use crate::protocol::model::{
    ConfigMap, ConnectorOffset, ConnectorOffsets, ConnectorType, LoggerLevel, PluginInfo,
    PluginType, State,
};

// ---- tabs ---------------------------------------------------------------------------------

/// The connector detail's tabs, kept in the URL as `?tab=`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum DetailTab {
    #[default]
    Status,
    Config,
    Tasks,
    Offsets,
    Topics,
}

impl DetailTab {
    pub const ALL: [DetailTab; 5] = [
        DetailTab::Status,
        DetailTab::Config,
        DetailTab::Tasks,
        DetailTab::Offsets,
        DetailTab::Topics,
    ];

    /// Unknown or missing values fall back to the status tab.
    pub fn parse(s: Option<&str>) -> DetailTab {
        match s.map(str::to_ascii_lowercase).as_deref() {
            Some("config") => DetailTab::Config,
            Some("tasks") => DetailTab::Tasks,
            Some("offsets") => DetailTab::Offsets,
            Some("topics") => DetailTab::Topics,
            _ => DetailTab::Status,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DetailTab::Status => "status",
            DetailTab::Config => "config",
            DetailTab::Tasks => "tasks",
            DetailTab::Offsets => "offsets",
            DetailTab::Topics => "topics",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DetailTab::Status => "Status",
            DetailTab::Config => "Config",
            DetailTab::Tasks => "Task configs",
            DetailTab::Offsets => "Offsets",
            DetailTab::Topics => "Active topics",
        }
    }
}

// ---- paths --------------------------------------------------------------------------------

/// Percent-encodes one path segment (RFC 3986 unreserved characters stay), so connector and
/// plugin names with spaces, `/`, `%` or non-ASCII characters survive a route.
pub fn encode_segment(s: &str) -> String {
    crate::state::query::encode_component(s)
}

/// The in-app path of a connector's detail (without the router base), with an optional tab.
pub fn connector_path(cluster: &str, name: &str, tab: Option<DetailTab>) -> String {
    let mut p = format!(
        "/clusters/{}/connectors/{}",
        encode_segment(cluster),
        encode_segment(name)
    );
    if let Some(t) = tab {
        p.push_str("?tab=");
        p.push_str(t.as_str());
    }
    p
}

/// The cluster and name in an encoded pathname `…/clusters/{cluster}/{kind}/{name}[/…]` (any
/// router base before it), each segment percent-decoded exactly once. The pages read their
/// identity from the location with this rather than from the router's parameters, which
/// leptos_router 0.8 decodes twice (a connector named `team%2Forders` came out as
/// `team/orders`). A `+` stays a `+`: paths are not form-encoded.
pub fn route_segments(pathname: &str, kind: &str) -> Option<(String, String)> {
    let segs: Vec<&str> = pathname.split('/').collect();
    let i = (0..segs.len().saturating_sub(3))
        .rev()
        .find(|&i| segs[i] == "clusters" && segs[i + 2] == kind)?;
    let decode = |s: &str| crate::state::query::decode_component(&s.replace('+', "%2B"));
    let (cluster, name) = (segs[i + 1], segs[i + 3]);
    if cluster.is_empty() || name.is_empty() {
        return None;
    }
    Some((decode(cluster)?, decode(name)?))
}

/// `/clusters/:cluster/connectors/:name/edit`.
pub fn edit_path(cluster: &str, name: &str) -> String {
    format!("{}/edit", connector_path(cluster, name, None))
}

/// `/new?from_cluster=..&from=..`: clone a connector.
pub fn clone_path(cluster: &str, name: &str) -> String {
    format!(
        "/new?from_cluster={}&from={}",
        encode_segment(cluster),
        encode_segment(name)
    )
}

/// `/clusters/:cluster/plugins/:plugin`.
pub fn plugin_path(cluster: &str, class: &str) -> String {
    format!(
        "/clusters/{}/plugins/{}",
        encode_segment(cluster),
        encode_segment(class)
    )
}

/// `/new?cluster=..&plugin=..`: create a connector of this plugin.
pub fn create_path(cluster: &str, class: &str) -> String {
    format!(
        "/new?cluster={}&plugin={}",
        encode_segment(cluster),
        encode_segment(class)
    )
}

/// `/activity?q=..`: the activity log searched for `name`.
pub fn activity_path(name: &str) -> String {
    format!("/activity?q={}", encode_segment(name))
}

/// `{page}?cluster=..`: a per-cluster page (plugins, log levels, workers) for one cluster.
pub fn picker_path(page: &str, cluster: &str) -> String {
    format!("{page}?cluster={}", encode_segment(cluster))
}

// ---- traces -------------------------------------------------------------------------------

/// The first non-blank line of a stack trace (the exception and its message), trimmed.
pub fn trace_first_line(trace: &str) -> &str {
    trace
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
}

/// How many lines follow the first one (what "expand" reveals).
pub fn trace_hidden_lines(trace: &str) -> usize {
    let total = trace.lines().filter(|l| !l.trim().is_empty()).count();
    total.saturating_sub(1)
}

// ---- config -------------------------------------------------------------------------------

/// What the config view shows for one key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigLine {
    pub key: String,
    /// The value, or [`HIDDEN`] when it is secret.
    pub shown: String,
    pub secret: bool,
    /// The value is a `${provider:...}` reference (masked as well).
    pub reference: bool,
}

/// Every key of `config`, sorted, with secrets (PASSWORD by definition, `${provider:...}`
/// references, secret-looking names) replaced by [`HIDDEN`].
pub fn masked_config(config: &ConfigMap, policy: &SecretPolicy) -> Vec<ConfigLine> {
    config
        .iter()
        .map(|(k, v)| {
            let reference = crate::form::secret::has_reference(v);
            let secret = policy.is_secret(k, Some(v));
            ConfigLine {
                key: k.clone(),
                shown: if secret {
                    HIDDEN.to_string()
                } else {
                    v.clone()
                },
                secret,
                reference,
            }
        })
        .collect()
}

/// The config with secrets masked, as a map (for copy as JSON / curl).
pub fn masked_config_map(config: &ConfigMap, policy: &SecretPolicy) -> ConfigMap {
    masked_config(config, policy)
        .into_iter()
        .map(|l| (l.key, l.shown))
        .collect()
}

/// The keys whose values a command that applies `config` must not spell out: secrets by
/// definition or name, and values the server sent masked. A value that is wholly a
/// `${provider:…}` reference is not among them: it is no secret in itself, and a command that
/// replaced it would overwrite the connector's reference. (A secret that only embeds one, such
/// as a connection URI with a password and a `${env:…}` part, is still a secret.)
pub fn curl_secret_keys(config: &ConfigMap, policy: &SecretPolicy) -> Vec<String> {
    config
        .iter()
        .filter(|(k, v)| {
            !v.trim_start().starts_with("${")
                && (policy.is_secret_key(k) || crate::form::secret::is_mask(v))
        })
        .map(|(k, _)| k.clone())
        .collect()
}

/// Pretty JSON of the masked config (`{"name": .., "config": {..}}` as the create API takes).
pub fn masked_config_json(name: &str, config: &ConfigMap, policy: &SecretPolicy) -> String {
    let masked = masked_config_map(config, policy);
    let body = serde_json::json!({ "name": name, "config": masked });
    serde_json::to_string_pretty(&body).unwrap_or_default()
}

/// True when any key would be masked (the view says that copies are masked too).
pub fn has_secrets(config: &ConfigMap, policy: &SecretPolicy) -> bool {
    config.iter().any(|(k, v)| policy.is_secret(k, Some(v)))
}

// ---- offsets ------------------------------------------------------------------------------

/// Sink offsets use these partition and offset keys.
pub const KAFKA_TOPIC: &str = "kafka_topic";
pub const KAFKA_PARTITION: &str = "kafka_partition";
pub const KAFKA_OFFSET: &str = "kafka_offset";

/// One partition's row: its partition and offset values, rendered as text per column.
#[derive(Clone, Debug, PartialEq)]
pub struct OffsetRow {
    /// Stable index into the server's list (edits refer to it).
    pub index: usize,
    pub partition: Map<String, Value>,
    pub offset: Option<Map<String, Value>>,
    /// One cell per [`OffsetsTable::partition_columns`].
    pub partition_cells: Vec<String>,
    /// One cell per [`OffsetsTable::offset_columns`].
    pub offset_cells: Vec<String>,
}

/// The offsets as a table: partition-key columns, then offset-key columns.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct OffsetsTable {
    pub partition_columns: Vec<String>,
    pub offset_columns: Vec<String>,
    pub rows: Vec<OffsetRow>,
}

/// A JSON value as a table cell: strings bare, everything else as compact JSON, absent as "".
pub fn cell_text(v: Option<&Value>) -> String {
    match v {
        None => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

fn columns<'a>(maps: impl Iterator<Item = &'a Map<String, Value>>, first: &[&str]) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for m in maps {
        for k in m.keys() {
            if !seen.contains(k) {
                seen.push(k.clone());
            }
        }
    }
    let mut cols: Vec<String> = first
        .iter()
        .filter(|f| seen.iter().any(|s| s == *f))
        .map(|s| s.to_string())
        .collect();
    let mut rest: Vec<String> = seen.into_iter().filter(|s| !cols.contains(s)).collect();
    rest.sort();
    cols.extend(rest);
    cols
}

impl OffsetsTable {
    /// Builds the table. Sink columns come first in `kafka_topic`, `kafka_partition`,
    /// `kafka_offset` order; other keys follow alphabetically. Rows are sorted by their
    /// partition cells (topic, then partition numerically where the cells are numbers).
    pub fn new(offsets: &ConnectorOffsets) -> OffsetsTable {
        let partition_columns = columns(
            offsets.offsets.iter().map(|o| &o.partition),
            &[KAFKA_TOPIC, KAFKA_PARTITION],
        );
        let offset_columns = columns(
            offsets.offsets.iter().filter_map(|o| o.offset.as_ref()),
            &[KAFKA_OFFSET],
        );
        let mut rows: Vec<OffsetRow> = offsets
            .offsets
            .iter()
            .enumerate()
            .map(|(index, o)| OffsetRow {
                index,
                partition: o.partition.clone(),
                offset: o.offset.clone(),
                partition_cells: partition_columns
                    .iter()
                    .map(|c| cell_text(o.partition.get(c)))
                    .collect(),
                offset_cells: offset_columns
                    .iter()
                    .map(|c| cell_text(o.offset.as_ref().and_then(|m| m.get(c))))
                    .collect(),
            })
            .collect();
        rows.sort_by(|a, b| {
            for (x, y) in a.partition_cells.iter().zip(&b.partition_cells) {
                let ord = match (x.parse::<i64>(), y.parse::<i64>()) {
                    (Ok(p), Ok(q)) => p.cmp(&q),
                    _ => x.cmp(y),
                };
                if ord != std::cmp::Ordering::Equal {
                    return ord;
                }
            }
            a.index.cmp(&b.index)
        });
        OffsetsTable {
            partition_columns,
            offset_columns,
            rows,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn row(&self, index: usize) -> Option<&OffsetRow> {
        self.rows.iter().find(|r| r.index == index)
    }
}

/// Parses what the user typed for an offset field, keeping the JSON type of the value it
/// replaces: a number stays a number (sink `kafka_offset` must be a non-negative integer),
/// a string stays a string, a boolean a boolean; anything else is parsed as JSON.
pub fn parse_offset_value(
    key: &str,
    original: Option<&Value>,
    text: &str,
) -> Result<Value, String> {
    let t = text.trim();
    match original {
        Some(Value::Number(_)) | None if key == KAFKA_OFFSET => match t.parse::<u64>() {
            Ok(n) => Ok(Value::from(n)),
            Err(_) => Err(format!("{key} must be a whole number ≥ 0")),
        },
        Some(Value::Number(n)) => {
            if n.is_f64() {
                t.parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64)
                    .map(Value::Number)
                    .ok_or_else(|| format!("{key} must be a number"))
            } else {
                t.parse::<i64>()
                    .map(Value::from)
                    .map_err(|_| format!("{key} must be a whole number"))
            }
        }
        Some(Value::String(_)) => Ok(Value::String(text.to_string())),
        Some(Value::Bool(_)) => match t {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err(format!("{key} must be true or false")),
        },
        _ => serde_json::from_str::<Value>(t).map_err(|e| format!("{key}: not valid JSON ({e})")),
    }
}

/// One change the user staged for a partition.
#[derive(Clone, Debug, PartialEq)]
pub enum OffsetEdit {
    /// New offset values per offset key (text as typed).
    Set(BTreeMap<String, String>),
    /// Reset this partition (offset `null`).
    Reset,
}

/// Whether a staged edit of row `index` asks for anything: a reset of an offset that is not
/// null yet, or a value typed for some key. "Edit" pressed and nothing typed (or what was
/// typed cleared again) asks for nothing. A value typed equal to the one listed still counts:
/// offsets read while the connector runs move on, and typing the listed value pins it.
pub fn edit_changes(table: &OffsetsTable, index: usize, edit: &OffsetEdit) -> bool {
    let Some(row) = table.row(index) else {
        return true; // reported by alter_request
    };
    match edit {
        OffsetEdit::Reset => row.offset.is_some(),
        OffsetEdit::Set(values) => values.values().any(|text| !text.trim().is_empty()),
    }
}

/// How many partitions the staged edits change (see [`edit_changes`]).
pub fn staged_changes(table: &OffsetsTable, edits: &BTreeMap<usize, OffsetEdit>) -> usize {
    edits
        .iter()
        .filter(|(i, e)| edit_changes(table, **i, e))
        .count()
}

/// Builds the alter request from staged edits, keyed by row index. Unchanged keys of an
/// edited offset keep their values; an edit that changes nothing is left out (nothing is
/// stopped, altered and resumed for it). Errors name the partition and the key.
pub fn alter_request(
    table: &OffsetsTable,
    edits: &BTreeMap<usize, OffsetEdit>,
) -> Result<ConnectorOffsets, String> {
    let mut out = Vec::new();
    for (index, edit) in edits {
        if !edit_changes(table, *index, edit) {
            continue;
        }
        let row = table
            .row(*index)
            .ok_or_else(|| format!("Partition #{index} is no longer listed; reload offsets"))?;
        match edit {
            OffsetEdit::Reset => out.push(ConnectorOffset {
                partition: row.partition.clone(),
                offset: None,
            }),
            OffsetEdit::Set(values) => {
                let mut offset = row.offset.clone().unwrap_or_default();
                // A cleared cell keeps its value.
                for (k, text) in values.iter().filter(|(_, t)| !t.trim().is_empty()) {
                    let v = parse_offset_value(k, offset.get(k), text)
                        .map_err(|e| format!("{}: {e}", partition_label(table, row)))?;
                    offset.insert(k.clone(), v);
                }
                out.push(ConnectorOffset {
                    partition: row.partition.clone(),
                    offset: Some(offset),
                });
            }
        }
    }
    if out.is_empty() {
        return Err("No partition changed: type a new offset, or reset the partition.".into());
    }
    Ok(ConnectorOffsets { offsets: out })
}

/// A short readable name for a partition row (`cc-lines/0`, `filename=/tmp/in.txt`).
pub fn partition_label(table: &OffsetsTable, row: &OffsetRow) -> String {
    let topic = row.partition.get(KAFKA_TOPIC).map(|v| cell_text(Some(v)));
    let part = row
        .partition
        .get(KAFKA_PARTITION)
        .map(|v| cell_text(Some(v)));
    if let (Some(t), Some(p)) = (topic, part) {
        return format!("{t}/{p}");
    }
    table
        .partition_columns
        .iter()
        .zip(&row.partition_cells)
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What the guided offsets flow must do around a change, from the connector's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OffsetsPlan {
    /// Stop first (Apache requires STOPPED for alter and reset).
    pub stop_first: bool,
    /// What comes after the change: the connector is put back in the state it had.
    pub then: OffsetsAfter,
    /// The change is a request the cluster applies later (Confluent Cloud): wait for its
    /// status to say applied or failed.
    pub await_request: bool,
}

/// The last step of the guided offsets flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OffsetsAfter {
    /// Nothing: it was STOPPED, or the cluster changes offsets without a stop, or its state
    /// does not tell what it was meant to do (FAILED, UNASSIGNED or unknown: a paused
    /// connector can show either), so it stays STOPPED for the operator to resume.
    Nothing,
    /// It was RUNNING or RESTARTING.
    Resume,
    /// It was PAUSED: paused again, not resumed (a connector paused for maintenance must not
    /// start processing because its offsets were changed).
    Pause,
}

impl OffsetsPlan {
    /// `via_request`: Confluent Cloud changes offsets asynchronously without a stop.
    pub fn for_state(state: Option<&State>, via_request: bool) -> OffsetsPlan {
        if via_request {
            return OffsetsPlan {
                stop_first: false,
                then: OffsetsAfter::Nothing,
                await_request: true,
            };
        }
        let (stop_first, then) = match state {
            Some(State::Stopped) => (false, OffsetsAfter::Nothing),
            Some(State::Paused) => (true, OffsetsAfter::Pause),
            Some(State::Running | State::Restarting) => (true, OffsetsAfter::Resume),
            _ => (true, OffsetsAfter::Nothing),
        };
        OffsetsPlan {
            stop_first,
            then,
            await_request: false,
        }
    }

    /// What the confirmation says above the steps.
    pub fn confirm_message(&self) -> String {
        match (self.stop_first, self.then) {
            (true, OffsetsAfter::Nothing) => {
                "Offsets can only change while the connector is STOPPED. Its state does not \
                 tell whether it should run afterwards, so it stays STOPPED: resume it when \
                 ready. These steps run in order; each shows the server's answer:"
                    .to_string()
            }
            (true, _) => "Offsets can only change while the connector is STOPPED. These steps \
                          run in order; each shows the server's answer:"
                .to_string(),
            (false, _) => "These steps run in order; each shows the server's answer:".to_string(),
        }
    }

    /// The offsets tab's line about how a change is made.
    pub fn state_note(&self) -> &'static str {
        match (self.stop_first, self.then) {
            (false, _) => "Offset changes apply directly (the connector is STOPPED, or the cluster changes them itself).",
            (true, OffsetsAfter::Resume) => "Offsets can only change while the connector is STOPPED: a change runs a guided flow (stop → change → resume).",
            (true, OffsetsAfter::Pause) => "Offsets can only change while the connector is STOPPED: a change runs a guided flow (stop → change → pause again, as it is now).",
            (true, OffsetsAfter::Nothing) => "Offsets can only change while the connector is STOPPED: a change stops it and leaves it STOPPED (its state does not tell whether it should run).",
        }
    }

    /// The steps in order, as labels for the confirmation and the progress list.
    pub fn steps(&self, change: &str) -> Vec<String> {
        let mut s = Vec::new();
        if self.stop_first {
            s.push("Stop the connector".to_string());
            s.push("Wait until it is STOPPED".to_string());
        }
        s.push(change.to_string());
        if self.await_request {
            s.push("Wait until the cluster has applied it".to_string());
        }
        match self.then {
            OffsetsAfter::Nothing => {}
            OffsetsAfter::Resume => s.push("Resume the connector".to_string()),
            OffsetsAfter::Pause => s.push("Pause the connector again (it was PAUSED)".to_string()),
        }
        s
    }
}

/// The status of one step of a running guided flow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepStatus {
    Waiting,
    Running,
    /// Done, with the server's message if it sent one.
    Done(Option<String>),
    Failed(String),
    Skipped,
}

/// The label of the offsets change for the flow's steps.
pub fn offsets_change_label(reset_all: bool, partitions: usize) -> String {
    if reset_all {
        "Reset all offsets".into()
    } else if partitions == 1 {
        "Alter the offsets of 1 partition".into()
    } else {
        format!("Alter the offsets of {partitions} partitions")
    }
}

/// The text the "offsets as JSON" editor starts from: the current offsets, pretty-printed,
/// or (none yet: a connector created STOPPED to be given its starting offsets) one example
/// partition in the shape of the connector's kind.
pub fn offsets_json_template(current: &ConnectorOffsets, kind: ConnectorType) -> String {
    if !current.offsets.is_empty() {
        return serde_json::to_string_pretty(current).unwrap_or_default();
    }
    let example = match kind {
        ConnectorType::Sink => serde_json::json!({"offsets": [{
            "partition": {"kafka_topic": "my-topic", "kafka_partition": 0},
            "offset": {"kafka_offset": 0}
        }]}),
        _ => serde_json::json!({"offsets": [{
            "partition": {"filename": "/path/to/input.txt"},
            "offset": {"position": 0}
        }]}),
    };
    serde_json::to_string_pretty(&example).unwrap_or_default()
}

/// Reads the "offsets as JSON" editor's text as an alter request (`PATCH …/offsets`):
/// `{"offsets": [{"partition": {…}, "offset": {…} | null}, …]}`, at least one partition,
/// each partition a non-empty object. The message says what is wrong and where.
pub fn parse_offsets_json(text: &str) -> Result<ConnectorOffsets, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        format!(
            "Not valid JSON (line {}, column {}): {e}",
            e.line(),
            e.column()
        )
    })?;
    let Some(list) = value.get("offsets").and_then(Value::as_array) else {
        return Err(
            "Expected an object with an \"offsets\" array, as GET …/offsets returns it.".into(),
        );
    };
    if list.is_empty() {
        return Err("The \"offsets\" array is empty: list at least one partition (use \"Reset all offsets\" to clear them).".into());
    }
    let mut out = Vec::with_capacity(list.len());
    for (i, entry) in list.iter().enumerate() {
        let n = i + 1;
        let partition = match entry.get("partition") {
            Some(Value::Object(m)) if !m.is_empty() => m.clone(),
            _ => {
                return Err(format!(
                    "Entry {n}: \"partition\" must be a non-empty object."
                ))
            }
        };
        let offset = match entry.get("offset") {
            Some(Value::Object(m)) => Some(m.clone()),
            Some(Value::Null) => None,
            _ => {
                return Err(format!(
                    "Entry {n}: \"offset\" must be an object, or null to reset that partition."
                ))
            }
        };
        out.push(ConnectorOffset { partition, offset });
    }
    Ok(ConnectorOffsets { offsets: out })
}

/// The confirmation's line per partition of an alter request typed as JSON: the partition
/// and its new offset as compact JSON, or its reset.
pub fn offsets_json_items(req: &ConnectorOffsets) -> Vec<String> {
    req.offsets
        .iter()
        .map(|o| {
            let partition = Value::Object(o.partition.clone());
            match &o.offset {
                Some(v) => format!("Partition {partition} → {}", Value::Object(v.clone())),
                None => format!("Partition {partition}: reset to null"),
            }
        })
        .collect()
}

/// Sink connectors show Kafka coordinates; source connectors connector-defined maps.
pub fn offsets_caption(kind: ConnectorType) -> &'static str {
    match kind {
        ConnectorType::Sink => {
            "Consumer offsets per topic partition (kafka_topic, kafka_partition, kafka_offset)."
        }
        ConnectorType::Source => "Source partitions and offsets, as the connector defines them.",
        ConnectorType::Unknown => "Partitions and offsets, as the connector reports them.",
    }
}

// ---- loggers ------------------------------------------------------------------------------

/// Levels the worker accepts, most verbose first.
pub const LOG_LEVELS: [&str; 7] = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL", "OFF"];

/// One logger as the table shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoggerRow {
    pub name: String,
    pub level: String,
    pub last_modified: Option<i64>,
}

/// Rows from `GET /admin/loggers`: `root` first, then by name; filtered by a case-insensitive
/// substring of the name or an exact level (`level:debug` or just `DEBUG`).
pub fn logger_rows(loggers: &BTreeMap<String, LoggerLevel>, search: &str) -> Vec<LoggerRow> {
    let term = search.trim().to_ascii_lowercase();
    let level_term = term.strip_prefix("level:").map(str::trim);
    let mut rows: Vec<LoggerRow> = loggers
        .iter()
        .filter(|(name, l)| {
            if term.is_empty() {
                return true;
            }
            if let Some(lv) = level_term {
                return l.level.eq_ignore_ascii_case(lv);
            }
            name.to_ascii_lowercase().contains(&term) || l.level.eq_ignore_ascii_case(&term)
        })
        .map(|(name, l)| LoggerRow {
            name: name.clone(),
            level: l.level.to_ascii_uppercase(),
            last_modified: l.last_modified,
        })
        .collect();
    rows.sort_by(|a, b| (a.name != "root", &a.name).cmp(&(b.name != "root", &b.name)));
    rows
}

/// Formats epoch milliseconds as `YYYY-MM-DD HH:MM:SS UTC`.
pub fn format_epoch_ms(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} UTC",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// The base URL that reaches one worker directly: the cluster's scheme with the worker id
/// (`host:port`, as the status reports it). `None` when the cluster is reached through an
/// origin-relative proxy path (the proxy picks the worker) or the id is not a `host:port`.
pub fn worker_base_url(cluster_base_url: &str, worker_id: &str) -> Option<String> {
    let scheme = if cluster_base_url.starts_with("https://") {
        "https"
    } else if cluster_base_url.starts_with("http://") {
        "http"
    } else {
        return None;
    };
    let id = worker_id.trim();
    let (host, port) = id.rsplit_once(':')?;
    if host.is_empty() || port.parse::<u16>().is_err() || id.contains('/') {
        return None;
    }
    Some(format!("{scheme}://{id}"))
}

// ---- plugins ------------------------------------------------------------------------------

/// Plugins matching `search` (class, type or version, case-insensitive), connectors first
/// (source, sink) and then the other types, each by class.
pub fn filter_plugins(
    plugins: &[PluginInfo],
    search: &str,
    connectors_only: bool,
) -> Vec<PluginInfo> {
    let term = search.trim().to_ascii_lowercase();
    let mut out: Vec<PluginInfo> = plugins
        .iter()
        .filter(|p| !connectors_only || p.kind.is_connector())
        .filter(|p| {
            term.is_empty()
                || p.class.to_ascii_lowercase().contains(&term)
                || p.kind.as_str().contains(&term)
                || p.version
                    .as_deref()
                    .unwrap_or("")
                    .to_ascii_lowercase()
                    .contains(&term)
        })
        .cloned()
        .collect();
    out.sort_by(|a, b| (type_rank(&a.kind), &a.class).cmp(&(type_rank(&b.kind), &b.class)));
    out
}

fn type_rank(t: &PluginType) -> u8 {
    match t {
        PluginType::Source => 0,
        PluginType::Sink => 1,
        PluginType::Transformation => 2,
        PluginType::Predicate => 3,
        PluginType::Converter => 4,
        PluginType::HeaderConverter => 5,
        PluginType::Other(_) => 6,
    }
}

/// A readable plugin type ("header converter").
pub fn plugin_type_label(t: &PluginType) -> String {
    t.as_str().replace('_', " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::types::ConfigType;

    fn offsets(json: &str) -> ConnectorOffsets {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn a_curl_spells_out_references_and_hides_secrets_by_type_name_or_mask() {
        let policy = SecretPolicy::from_types([
            ("rich.password".to_string(), ConfigType::Password),
            ("rich.pin".to_string(), ConfigType::Password),
            ("rich.username".to_string(), ConfigType::String),
            ("mongo.uri".to_string(), ConfigType::Password),
        ]);
        let config: ConfigMap = [
            ("rich.username", "${file:/opt/secrets.properties:user}"),
            ("rich.password", "hunter2"),
            ("rich.pin", "${vault:kv/rich:pin}"),
            ("db.secret", "s3cr3t"),
            ("cloud.key", "****************"),
            ("topic", "orders"),
            (
                "mongo.uri",
                "mongodb://u:hunter2@h/?authSource=${env:AUTH_DB}",
            ),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(
            curl_secret_keys(&config, &policy),
            vec!["cloud.key", "db.secret", "mongo.uri", "rich.password"],
            "PASSWORD by definition (also one that only embeds a reference), a secret-looking \
             name and a server mask; no value that is wholly a reference"
        );
        // The masked copy (JSON) still hides the references.
        let masked = masked_config_map(&config, &policy);
        assert_eq!(masked["rich.username"], HIDDEN);
        assert_eq!(masked["topic"], "orders");
    }

    #[test]
    fn route_segments_decode_each_segment_once() {
        let path = connector_path("a b", "team%2Forders", None);
        assert_eq!(
            route_segments(&format!("/console{path}"), "connectors"),
            Some(("a b".to_string(), "team%2Forders".to_string()))
        );
        assert_eq!(
            route_segments(
                &format!("{}/edit", connector_path("c", "x+y /z", None)),
                "connectors"
            ),
            Some(("c".to_string(), "x+y /z".to_string()))
        );
        assert_eq!(
            route_segments("/clusters/c1/plugins/io.Conn%24Inner", "plugins"),
            Some(("c1".to_string(), "io.Conn$Inner".to_string()))
        );
        // a base that itself says "clusters" does not confuse it
        assert_eq!(
            route_segments("/clusters/app/clusters/k/connectors/n", "connectors"),
            Some(("k".to_string(), "n".to_string()))
        );
        assert_eq!(route_segments("/connectors", "connectors"), None);
        assert_eq!(
            route_segments("/clusters/k/connectors/", "connectors"),
            None
        );
        assert_eq!(route_segments("/clusters/k/plugins/p", "connectors"), None);
    }

    #[test]
    fn tabs_round_trip_and_default() {
        for t in DetailTab::ALL {
            assert_eq!(DetailTab::parse(Some(t.as_str())), t);
        }
        assert_eq!(DetailTab::parse(None), DetailTab::Status);
        assert_eq!(DetailTab::parse(Some("nope")), DetailTab::Status);
    }

    #[test]
    fn paths_encode_awkward_names() {
        assert_eq!(
            connector_path("alpha", "my sink/v2 100%é", Some(DetailTab::Offsets)),
            "/clusters/alpha/connectors/my%20sink%2Fv2%20100%25%C3%A9?tab=offsets"
        );
        assert_eq!(edit_path("a", "x y"), "/clusters/a/connectors/x%20y/edit");
        assert_eq!(clone_path("a", "x&y"), "/new?from_cluster=a&from=x%26y");
        assert_eq!(
            create_path("beta", "io.x.Y"),
            "/new?cluster=beta&plugin=io.x.Y"
        );
        assert_eq!(plugin_path("a", "io.x.Y"), "/clusters/a/plugins/io.x.Y");
        assert_eq!(
            picker_path("/plugins", "team a&b"),
            "/plugins?cluster=team%20a%26b"
        );
    }

    #[test]
    fn trace_summary() {
        let t = "\n  org.apache.kafka.connect.errors.ConnectException: boom\n\tat a.b(C.java:1)\n\tat d\n";
        assert_eq!(
            trace_first_line(t),
            "org.apache.kafka.connect.errors.ConnectException: boom"
        );
        assert_eq!(trace_hidden_lines(t), 2);
        assert_eq!(trace_first_line(""), "");
        assert_eq!(trace_hidden_lines("one"), 0);
    }

    #[test]
    fn config_masks_passwords_references_and_secret_names() {
        let mut c = ConfigMap::new();
        c.insert("connection.password".into(), "hunter2".into());
        c.insert("db.pw".into(), "s3cret".into());
        c.insert("topic".into(), "t".into());
        c.insert("ssl.key".into(), "${file:/etc/x:key}".into());
        c.insert("batch.size".into(), "100".into());
        let policy = SecretPolicy::from_types([
            ("db.pw".to_string(), ConfigType::Password),
            ("batch.size".to_string(), ConfigType::Int),
        ]);
        let lines = masked_config(&c, &policy);
        let get = |k: &str| lines.iter().find(|l| l.key == k).unwrap().clone();
        assert_eq!(get("db.pw").shown, HIDDEN);
        assert_eq!(get("connection.password").shown, HIDDEN);
        assert!(get("ssl.key").secret && get("ssl.key").reference);
        assert_eq!(get("topic").shown, "t");
        assert_eq!(get("batch.size").shown, "100");
        let json = masked_config_json("c", &c, &policy);
        for secret in ["hunter2", "s3cret", "${file"] {
            assert!(!json.contains(secret), "{secret} leaked into {json}");
        }
        assert!(json.contains("\"topic\": \"t\""));
        assert!(has_secrets(&c, &policy));
    }

    #[test]
    fn sink_offsets_table_orders_kafka_columns_and_partitions() {
        let o = offsets(
            r#"{"offsets":[
            {"partition":{"kafka_partition":10,"kafka_topic":"t"},"offset":{"kafka_offset":5}},
            {"partition":{"kafka_partition":2,"kafka_topic":"t"},"offset":{"kafka_offset":7}}]}"#,
        );
        let t = OffsetsTable::new(&o);
        assert_eq!(t.partition_columns, vec!["kafka_topic", "kafka_partition"]);
        assert_eq!(t.offset_columns, vec!["kafka_offset"]);
        assert_eq!(t.rows[0].partition_cells, vec!["t", "2"]);
        assert_eq!(t.rows[0].offset_cells, vec!["7"]);
        assert_eq!(partition_label(&t, &t.rows[0]), "t/2");
    }

    #[test]
    fn source_offsets_table_and_alter_keep_types() {
        let o = offsets(
            r#"{"offsets":[{"partition":{"filename":"/tmp/in.txt"},"offset":{"position":269,"tag":"a"}}]}"#,
        );
        let t = OffsetsTable::new(&o);
        assert_eq!(t.partition_columns, vec!["filename"]);
        assert_eq!(t.offset_columns, vec!["position", "tag"]);
        let mut edits = BTreeMap::new();
        edits.insert(
            0,
            OffsetEdit::Set([("position".to_string(), "10".to_string())].into()),
        );
        let req = alter_request(&t, &edits).unwrap();
        let body = serde_json::to_value(&req).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"offsets":[{"partition":{"filename":"/tmp/in.txt"},
                "offset":{"position":10,"tag":"a"}}]})
        );
        edits.insert(0, OffsetEdit::Reset);
        let req = alter_request(&t, &edits).unwrap();
        assert_eq!(req.offsets[0].offset, None);
        let body = serde_json::to_string(&req).unwrap();
        assert!(body.contains("\"offset\":null"), "{body}");
    }

    /// "Edit" pressed and nothing typed (or a typed value cleared) asks for nothing: it is not
    /// counted, and no request (which would stop and resume the connector) is built. The listed
    /// value typed again counts (it pins an offset that moves while the connector runs).
    #[test]
    fn an_edit_that_asks_for_nothing_is_left_out() {
        let o = offsets(
            r#"{"offsets":[{"partition":{"filename":"/a"},"offset":{"position":269,"tag":"t"}},
                           {"partition":{"filename":"/b"},"offset":{"position":5}},
                           {"partition":{"filename":"/c"},"offset":null}]}"#,
        );
        let t = OffsetsTable::new(&o);
        let row = |f: &str| {
            t.rows
                .iter()
                .find(|r| r.partition["filename"] == f)
                .unwrap()
                .index
        };
        let (a, b, c) = (row("/a"), row("/b"), row("/c"));
        let mut edits = BTreeMap::new();
        edits.insert(a, OffsetEdit::Set(BTreeMap::new()));
        edits.insert(
            b,
            OffsetEdit::Set([("position".to_string(), "  ".to_string())].into()),
        );
        edits.insert(c, OffsetEdit::Reset);
        assert_eq!(
            staged_changes(&t, &edits),
            0,
            "nothing typed; /c is null already"
        );
        let err = alter_request(&t, &edits).unwrap_err();
        assert!(err.contains("No partition changed"), "{err}");
        // The listed value typed again pins it; a cleared key keeps its value.
        edits.insert(
            a,
            OffsetEdit::Set(
                [
                    ("position".to_string(), "269".to_string()),
                    ("tag".to_string(), String::new()),
                ]
                .into(),
            ),
        );
        assert_eq!(staged_changes(&t, &edits), 1);
        let req = alter_request(&t, &edits).unwrap();
        assert_eq!(req.offsets.len(), 1, "only the partition asked for is sent");
        assert_eq!(
            serde_json::to_value(&req.offsets[0]).unwrap(),
            serde_json::json!({"partition":{"filename":"/a"},"offset":{"position":269,"tag":"t"}})
        );
        // A value that does not parse counts: applying reports it.
        edits.insert(
            b,
            OffsetEdit::Set([("position".to_string(), "x".to_string())].into()),
        );
        assert_eq!(staged_changes(&t, &edits), 2);
        assert!(alter_request(&t, &edits).is_err());
    }

    #[test]
    fn offset_value_errors_are_readable() {
        assert!(parse_offset_value(KAFKA_OFFSET, Some(&Value::from(3)), "-1").is_err());
        assert!(parse_offset_value(KAFKA_OFFSET, None, "abc").is_err());
        assert_eq!(
            parse_offset_value("position", Some(&Value::from(3)), " 42 ").unwrap(),
            Value::from(42)
        );
        assert_eq!(
            parse_offset_value("name", Some(&Value::from("x")), "007").unwrap(),
            Value::from("007")
        );
        assert!(parse_offset_value("flag", Some(&Value::Bool(true)), "yes").is_err());
        assert!(alter_request(&OffsetsTable::default(), &BTreeMap::new()).is_err());
    }

    #[test]
    fn offsets_json_round_trip_template_and_errors() {
        // No offsets yet: an example in the kind's shape, which parses.
        let sink = offsets_json_template(&ConnectorOffsets::default(), ConnectorType::Sink);
        let parsed = parse_offsets_json(&sink).unwrap();
        assert_eq!(parsed.offsets.len(), 1);
        assert_eq!(parsed.offsets[0].partition["kafka_topic"], "my-topic");
        let source = offsets_json_template(&ConnectorOffsets::default(), ConnectorType::Source);
        assert!(parse_offsets_json(&source).unwrap().offsets[0]
            .partition
            .contains_key("filename"));
        // Current offsets come back as they are.
        let current = parse_offsets_json(
            r#"{"offsets":[{"partition":{"filename":"/a"},"offset":{"position":7}},
                           {"partition":{"filename":"/b"},"offset":null}]}"#,
        )
        .unwrap();
        assert_eq!(current.offsets[1].offset, None);
        assert_eq!(
            offsets_json_items(&current),
            vec![
                r#"Partition {"filename":"/a"} → {"position":7}"#,
                r#"Partition {"filename":"/b"}: reset to null"#
            ]
        );
        let text = offsets_json_template(&current, ConnectorType::Source);
        assert_eq!(parse_offsets_json(&text).unwrap(), current);
        // Errors name the problem and the entry.
        let e = parse_offsets_json("{\"offsets\": [").unwrap_err();
        assert!(e.starts_with("Not valid JSON (line 1"), "{e}");
        assert!(parse_offsets_json("[]")
            .unwrap_err()
            .contains("\"offsets\" array"));
        assert!(parse_offsets_json(r#"{"offsets":[]}"#)
            .unwrap_err()
            .contains("empty"));
        let e = parse_offsets_json(
            r#"{"offsets":[{"partition":{"f":1},"offset":{}},{"partition":{},"offset":{}}]}"#,
        )
        .unwrap_err();
        assert!(e.starts_with("Entry 2: \"partition\""), "{e}");
        let e =
            parse_offsets_json(r#"{"offsets":[{"partition":{"f":1},"offset":5}]}"#).unwrap_err();
        assert!(e.starts_with("Entry 1: \"offset\""), "{e}");
    }

    #[test]
    fn offsets_plan_from_state() {
        let p = OffsetsPlan::for_state(Some(&State::Running), false);
        assert!(p.stop_first);
        assert_eq!(p.then, OffsetsAfter::Resume);
        assert_eq!(p.steps("Reset all offsets").len(), 4);
        assert_eq!(p.steps("x")[3], "Resume the connector");
        // FAILED, UNASSIGNED or unknown can be a paused connector: never resumed.
        for s in [Some(&State::Failed), Some(&State::Unassigned), None] {
            let p = OffsetsPlan::for_state(s, false);
            assert_eq!(
                (p.stop_first, p.then),
                (true, OffsetsAfter::Nothing),
                "{s:?}"
            );
            assert_eq!(p.steps("x").len(), 3);
            assert!(p.confirm_message().contains("stays STOPPED"));
        }
        let p = OffsetsPlan::for_state(Some(&State::Restarting), false);
        assert_eq!(p.then, OffsetsAfter::Resume);
        // A paused connector is paused again, never resumed.
        let p = OffsetsPlan::for_state(Some(&State::Paused), false);
        assert_eq!((p.stop_first, p.then), (true, OffsetsAfter::Pause));
        assert_eq!(
            p.steps("Reset all offsets"),
            vec![
                "Stop the connector",
                "Wait until it is STOPPED",
                "Reset all offsets",
                "Pause the connector again (it was PAUSED)"
            ]
        );
        let p = OffsetsPlan::for_state(Some(&State::Stopped), false);
        assert_eq!((p.stop_first, p.then), (false, OffsetsAfter::Nothing));
        assert_eq!(p.steps("Reset all offsets"), vec!["Reset all offsets"]);
        assert!(!p.await_request);
        // Confluent Cloud: no stop, and the request is followed until applied.
        let p = OffsetsPlan::for_state(Some(&State::Running), true);
        assert_eq!((p.stop_first, p.then), (false, OffsetsAfter::Nothing));
        assert!(p.await_request);
        assert_eq!(
            p.steps("Reset all offsets"),
            vec!["Reset all offsets", "Wait until the cluster has applied it"]
        );
    }

    #[test]
    fn loggers_root_first_filter_and_time() {
        let mut l = BTreeMap::new();
        for (n, lv) in [("org.b", "WARN"), ("root", "INFO"), ("org.a", "debug")] {
            l.insert(
                n.to_string(),
                LoggerLevel {
                    level: lv.into(),
                    last_modified: None,
                },
            );
        }
        let rows = logger_rows(&l, "");
        assert_eq!(
            rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
            vec!["root", "org.a", "org.b"]
        );
        assert_eq!(rows[1].level, "DEBUG");
        assert_eq!(logger_rows(&l, "org.").len(), 2);
        assert_eq!(logger_rows(&l, "level:warn").len(), 1);
        assert_eq!(logger_rows(&l, "DEBUG").len(), 1);
        assert_eq!(format_epoch_ms(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(
            format_epoch_ms(1_795_327_812_000),
            "2026-11-22 06:10:12 UTC"
        );
    }

    #[test]
    fn worker_urls() {
        assert_eq!(
            worker_base_url("http://127.0.0.1:18083", "127.0.0.1:18085").as_deref(),
            Some("http://127.0.0.1:18085")
        );
        assert_eq!(
            worker_base_url("https://connect.example", "w1:8443").as_deref(),
            Some("https://w1:8443")
        );
        assert_eq!(worker_base_url("/connect/alpha", "127.0.0.1:18085"), None);
        assert_eq!(worker_base_url("http://x", "no-port"), None);
    }

    #[test]
    fn plugins_filter_and_order() {
        let p = |c: &str, k: &str| PluginInfo {
            class: c.into(),
            kind: PluginType::parse(k),
            version: Some("4.3.1".into()),
        };
        let all = vec![
            p("org.x.Cast", "transformation"),
            p("org.x.FileStreamSinkConnector", "sink"),
            p("org.x.FileStreamSourceConnector", "source"),
        ];
        let f = filter_plugins(&all, "", true);
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].class, "org.x.FileStreamSourceConnector");
        assert_eq!(filter_plugins(&all, "cast", false).len(), 1);
        assert_eq!(filter_plugins(&all, "SINK", false).len(), 1);
        assert_eq!(
            plugin_type_label(&PluginType::HeaderConverter),
            "header converter"
        );
    }
}
