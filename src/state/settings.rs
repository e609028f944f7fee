//! Cluster entries and settings: the deployer's `config.json`, the user's own settings in
//! localStorage, secrets kept apart from both, and the export format.
//!
//! A [`ClusterEntry`] never holds a password or token; those live in [`Secrets`], stored in
//! sessionStorage unless the user ticks "remember on this device" (then localStorage). Because
//! entries carry no secret, nothing built from them (user settings, exports) can leak one.
//! Deployer clusters come from `config.json`: the user cannot delete them and can edit them
//! only where the deployer marked them `editable`. A missing or malformed `config.json` is a
//! [`ConfigError`] the app shows in a banner while starting with defaults.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::protocol::model::{Auth, ClusterTarget, Flavor};
use crate::state::poll::{DEFAULT_INTERVAL_MS, MIN_INTERVAL_MS};

/// localStorage key of [`UserSettings`].
pub const SETTINGS_KEY: &str = "connect-console.settings.v1";
/// local- or sessionStorage key of [`Secrets`].
pub const SECRETS_KEY: &str = "connect-console.secrets.v1";
/// The `format` tag of an export file.
pub const EXPORT_FORMAT: &str = "connect-console/clusters";

/// How requests to a cluster authenticate; the secret itself is in [`Secrets`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum AuthKind {
    #[default]
    None,
    Basic,
    Bearer,
}

impl AuthKind {
    pub fn parse(s: &str) -> Option<AuthKind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "" | "none" => Some(AuthKind::None),
            "basic" => Some(AuthKind::Basic),
            "bearer" | "token" => Some(AuthKind::Bearer),
            _ => None,
        }
    }
}

/// Where an entry came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ClusterOrigin {
    /// `config.json`: not deletable, editable only if the deployer allows it.
    Deployer,
    /// Added in this browser.
    #[default]
    User,
}

/// The app theme preference.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ThemeSetting {
    #[default]
    System,
    Light,
    Dark,
}

/// One Connect cluster the console talks to. Holds no secret.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct ClusterEntry {
    /// Stable id: row keys, URLs and secrets refer to it.
    pub id: String,
    /// Display label.
    pub name: String,
    #[serde(default)]
    pub flavor: Flavor,
    /// Without a trailing slash: `http://127.0.0.1:18083` or `/connect/alpha` behind a proxy.
    pub base_url: String,
    #[serde(default)]
    pub auth: AuthKind,
    /// Basic-auth user name (not a secret).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// A colour label for badges (a CSS colour name or `#rrggbb`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// Confluent Cloud environment id (`env-…`) or Lenses environment name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<String>,
    /// Confluent Cloud Kafka cluster id (`lkc-…`), Redpanda or Lenses Connect cluster name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster: Option<String>,
    #[serde(default)]
    pub origin: ClusterOrigin,
    /// For deployer entries: whether the user may change it.
    #[serde(default)]
    pub editable: bool,
}

/// A problem with one field of a cluster entry, for the form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

impl ClusterEntry {
    /// The user may delete it.
    pub fn deletable(&self) -> bool {
        self.origin == ClusterOrigin::User
    }

    /// The user may change it.
    pub fn can_edit(&self) -> bool {
        self.origin == ClusterOrigin::User || self.editable
    }

    /// Basic or bearer auth needs a secret this entry does not have in `secrets`.
    pub fn needs_secret(&self, secrets: &Secrets) -> bool {
        self.auth != AuthKind::None && secrets.get(&self.id).is_none_or(str::is_empty)
    }

    /// What the protocol layer needs to reach it, with the secret from `secrets`.
    pub fn target(&self, secrets: &Secrets) -> ClusterTarget {
        let secret = secrets.get(&self.id).unwrap_or_default().to_string();
        let auth = match self.auth {
            AuthKind::None => Auth::None,
            AuthKind::Basic => Auth::Basic {
                username: self.username.clone().unwrap_or_default(),
                password: secret,
            },
            AuthKind::Bearer => Auth::Bearer { token: secret },
        };
        ClusterTarget {
            flavor: self.flavor,
            base_url: normalize_base_url(&self.base_url),
            auth,
            environment: self.environment.clone().filter(|s| !s.is_empty()),
            cluster: self.cluster.clone().filter(|s| !s.is_empty()),
        }
    }

    /// Checks what a form must fix before saving.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errs = Vec::new();
        let mut err = |field, message: &str| {
            errs.push(FieldError {
                field,
                message: message.to_string(),
            })
        };
        if self.name.trim().is_empty() {
            err("name", "Give the cluster a name.");
        }
        if let Err(m) = check_base_url(&self.base_url) {
            err("baseUrl", &m);
        }
        if self.auth == AuthKind::Basic
            && self.username.as_deref().is_none_or(|u| u.trim().is_empty())
        {
            err("username", "Basic auth needs a user name.");
        }
        let blank = |o: &Option<String>| o.as_deref().is_none_or(|s| s.trim().is_empty());
        match self.flavor {
            Flavor::Apache => {}
            Flavor::ConfluentCloud => {
                if blank(&self.environment) {
                    err(
                        "environment",
                        "Confluent Cloud needs the environment id (env-…).",
                    );
                }
                if blank(&self.cluster) {
                    err(
                        "cluster",
                        "Confluent Cloud needs the Kafka cluster id (lkc-…).",
                    );
                }
            }
            Flavor::Redpanda => {
                if blank(&self.cluster) {
                    err("cluster", "Redpanda needs the Connect cluster name.");
                }
            }
            Flavor::Lenses => {
                if blank(&self.environment) {
                    err("environment", "Lenses needs the environment name.");
                }
                if blank(&self.cluster) {
                    err("cluster", "Lenses needs the Connect cluster name.");
                }
            }
        }
        if errs.is_empty() {
            Ok(())
        } else {
            Err(errs)
        }
    }
}

/// Trims spaces and trailing slashes.
pub fn normalize_base_url(url: &str) -> String {
    url.trim().trim_end_matches('/').to_string()
}

fn check_base_url(url: &str) -> Result<(), String> {
    let u = url.trim();
    if u.is_empty() {
        return Err("Enter the cluster's base URL.".into());
    }
    let rest = if let Some(r) = u.strip_prefix("http://") {
        r
    } else if let Some(r) = u.strip_prefix("https://") {
        r
    } else if u.starts_with('/') {
        return Ok(()); // origin-relative, behind a proxy
    } else {
        return Err("Start the URL with http://, https:// or / (a path behind a proxy).".into());
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() {
        return Err("The URL has no host.".into());
    }
    if host.contains('@') {
        return Err("Don't put credentials in the URL; choose an auth kind instead.".into());
    }
    if u.contains('?') || u.contains('#') {
        return Err("The base URL can't have a query or fragment.".into());
    }
    Ok(())
}

/// A stable id from a name, unique among `existing`: `prod-eu`, `prod-eu-2`, …
pub fn new_cluster_id<'a>(name: &str, existing: impl IntoIterator<Item = &'a str>) -> String {
    let taken: BTreeSet<&str> = existing.into_iter().collect();
    let mut slug = String::new();
    for c in name.trim().chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let base = if slug.is_empty() { "cluster" } else { slug };
    let base: String = base.chars().take(40).collect();
    if !taken.contains(base.as_str()) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|c| !taken.contains(c.as_str()))
        .expect("an unused suffix exists")
}

fn parse_flavor(s: &str) -> Option<Flavor> {
    let k: String = s
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    Some(match k.as_str() {
        "apache" | "kafka" | "kafkaconnect" | "confluentplatform" | "strimzi" | "aiven" => {
            Flavor::Apache
        }
        "confluentcloud" | "ccloud" | "confluent" => Flavor::ConfluentCloud,
        "redpanda" => Flavor::Redpanda,
        "lenses" | "lenseshq" => Flavor::Lenses,
        _ => return None,
    })
}

// ---------------------------------------------------------------------------------------
// config.json

/// The deployer's runtime configuration (`config.json` next to `index.html`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeployerConfig {
    pub clusters: Vec<ClusterEntry>,
    pub poll_interval_ms: u32,
    /// Every mutating request is refused in the store layer.
    pub read_only: bool,
    pub theme: ThemeSetting,
    /// Whether users may add their own clusters.
    pub allow_user_clusters: bool,
    /// Non-fatal problems (an invalid cluster skipped, a password ignored, an unknown key).
    pub warnings: Vec<String>,
}

impl Default for DeployerConfig {
    fn default() -> Self {
        DeployerConfig {
            clusters: Vec::new(),
            poll_interval_ms: DEFAULT_INTERVAL_MS,
            read_only: false,
            theme: ThemeSetting::System,
            allow_user_clusters: true,
            warnings: Vec::new(),
        }
    }
}

/// Why `config.json` could not be used. The app starts with defaults and shows
/// [`ConfigError::banner`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    /// 404: the deployment ships no config.json.
    NotFound,
    /// Another HTTP status.
    Http(u16),
    /// The request failed (offline, blocked).
    Unreachable(String),
    /// Not JSON.
    Malformed {
        line: usize,
        column: usize,
        message: String,
    },
    /// JSON, but not the expected shape (for example an array at the top).
    Invalid(String),
}

impl ConfigError {
    /// The banner text.
    pub fn banner(&self) -> String {
        match self {
            ConfigError::NotFound => "No config.json was found next to the app, so no clusters \
                are preconfigured. Add clusters in Settings, or ask the deployer to provide \
                config.json."
                .into(),
            ConfigError::Http(s) => format!(
                "config.json could not be loaded (HTTP {s}); starting with default settings."
            ),
            ConfigError::Unreachable(m) => {
                format!("config.json could not be loaded ({m}); starting with default settings.")
            }
            ConfigError::Malformed {
                line,
                column,
                message,
            } => format!(
                "config.json is not valid JSON (line {line}, column {column}: {message}); \
                 starting with default settings."
            ),
            ConfigError::Invalid(m) => {
                format!("config.json has an unexpected shape: {m}; starting with default settings.")
            }
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.banner())
    }
}

const CONFIG_KEYS: &[&str] = &[
    "clusters",
    "pollIntervalMs",
    "readOnly",
    "theme",
    "allowUserClusters",
    "$schema",
    "_comment",
];

fn str_field<'a>(obj: &'a serde_json::Map<String, Value>, keys: &[&str]) -> Option<&'a str> {
    keys.iter()
        .find_map(|k| obj.get(*k).and_then(Value::as_str))
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// Parses `config.json`. Malformed JSON or a non-object top level is an error; problems inside
/// (one bad cluster, a bad interval) are warnings and the rest is used.
pub fn parse_deployer_config(body: &str) -> Result<DeployerConfig, ConfigError> {
    let value: Value = serde_json::from_str(body).map_err(|e| ConfigError::Malformed {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    let Value::Object(obj) = value else {
        return Err(ConfigError::Invalid(
            "the top level must be an object".into(),
        ));
    };
    let mut cfg = DeployerConfig::default();
    for k in obj.keys() {
        if !CONFIG_KEYS.contains(&k.as_str()) {
            cfg.warnings.push(format!("Unknown key \"{k}\" ignored."));
        }
    }
    match obj.get("pollIntervalMs") {
        None | Some(Value::Null) => {}
        Some(v) => match v.as_u64() {
            Some(ms) if ms >= u64::from(MIN_INTERVAL_MS) => {
                cfg.poll_interval_ms = ms.min(3_600_000) as u32
            }
            _ => cfg.warnings.push(format!(
                "pollIntervalMs must be a whole number of at least {MIN_INTERVAL_MS}; using {DEFAULT_INTERVAL_MS}."
            )),
        },
    }
    match obj.get("readOnly") {
        None | Some(Value::Null) => {}
        Some(Value::Bool(b)) => cfg.read_only = *b,
        Some(_) => {
            // Fail safe: a deployer who wrote something for readOnly most likely wants it.
            cfg.read_only = true;
            cfg.warnings
                .push("readOnly must be true or false; read-only mode is on.".into());
        }
    }
    match obj.get("allowUserClusters") {
        None | Some(Value::Null) => {}
        Some(Value::Bool(b)) => cfg.allow_user_clusters = *b,
        Some(_) => cfg
            .warnings
            .push("allowUserClusters must be true or false; ignored.".into()),
    }
    match obj.get("theme").and_then(Value::as_str) {
        None => {}
        Some("system") => cfg.theme = ThemeSetting::System,
        Some("light") => cfg.theme = ThemeSetting::Light,
        Some("dark") => cfg.theme = ThemeSetting::Dark,
        Some(other) => cfg.warnings.push(format!(
            "theme \"{other}\" is not system, light or dark; using system."
        )),
    }
    match obj.get("clusters") {
        None | Some(Value::Null) => {}
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let taken: Vec<&str> = cfg.clusters.iter().map(|c| c.id.as_str()).collect();
                match parse_deployer_cluster(item, &taken, &mut cfg.warnings) {
                    Ok(c) => cfg.clusters.push(c),
                    Err(m) => cfg.warnings.push(format!("clusters[{i}] skipped: {m}")),
                }
            }
        }
        Some(_) => {
            return Err(ConfigError::Invalid("\"clusters\" must be an array".into()));
        }
    }
    Ok(cfg)
}

fn parse_deployer_cluster(
    item: &Value,
    taken: &[&str],
    warnings: &mut Vec<String>,
) -> Result<ClusterEntry, String> {
    let Value::Object(o) = item else {
        return Err("each cluster must be an object".into());
    };
    let name = str_field(o, &["name", "label"]);
    let id = str_field(o, &["id"]);
    let label = name.or(id).ok_or("it needs a name or an id")?;
    let base_url = str_field(o, &["url", "baseUrl", "base_url"]).ok_or("it needs a url")?;
    let flavor = match str_field(o, &["flavor", "type"]) {
        None => Flavor::Apache,
        Some(f) => parse_flavor(f).ok_or_else(|| {
            format!("flavor \"{f}\" is not apache, confluent_cloud, redpanda or lenses")
        })?,
    };
    // `auth` may be a string ("basic") or an object ({"kind": "basic", "username": …}).
    let (auth, mut username, auth_obj) = match o.get("auth") {
        None | Some(Value::Null) => (AuthKind::None, None, None),
        Some(Value::String(s)) => (
            AuthKind::parse(s)
                .ok_or_else(|| format!("auth \"{s}\" is not none, basic or bearer"))?,
            None,
            None,
        ),
        Some(Value::Object(a)) => {
            let kind = str_field(a, &["kind", "type"]).unwrap_or("none");
            (
                AuthKind::parse(kind)
                    .ok_or_else(|| format!("auth kind \"{kind}\" is not none, basic or bearer"))?,
                str_field(a, &["username", "user"]).map(String::from),
                Some(a),
            )
        }
        Some(_) => return Err("auth must be a string or an object".into()),
    };
    if username.is_none() {
        username = str_field(o, &["username"]).map(String::from);
    }
    let secret_keys = ["password", "token", "secret", "apiSecret"];
    let has_secret = secret_keys.iter().any(|k| {
        o.contains_key(*k)
            || auth_obj.is_some_and(|a: &serde_json::Map<String, Value>| a.contains_key(*k))
    });
    if has_secret {
        warnings.push(format!(
            "Cluster \"{label}\": config.json is public, so the password or token in it was \
             ignored. Users enter credentials in the browser, or a proxy adds them."
        ));
    }
    let id = match id {
        Some(id) if !taken.contains(&id) => id.to_string(),
        Some(id) => return Err(format!("the id \"{id}\" is used twice")),
        None => new_cluster_id(label, taken.iter().copied()),
    };
    let entry = ClusterEntry {
        id,
        name: label.to_string(),
        flavor,
        base_url: normalize_base_url(base_url),
        auth,
        username,
        color: str_field(o, &["color", "colour"]).map(String::from),
        environment: str_field(o, &["environment", "environmentId", "env"]).map(String::from),
        cluster: str_field(
            o,
            &["cluster", "clusterId", "clusterName", "connectCluster"],
        )
        .map(String::from),
        origin: ClusterOrigin::Deployer,
        editable: o.get("editable").and_then(Value::as_bool).unwrap_or(false),
    };
    if let Err(errs) = entry.validate() {
        return Err(errs
            .into_iter()
            .map(|e| e.message)
            .collect::<Vec<_>>()
            .join(" "));
    }
    Ok(entry)
}

// ---------------------------------------------------------------------------------------
// User settings

/// What the user changed in this browser, saved in localStorage under [`SETTINGS_KEY`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserSettings {
    #[serde(default = "one")]
    pub version: u32,
    /// User clusters, and overrides of editable deployer clusters (same id).
    #[serde(default)]
    pub clusters: Vec<ClusterEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub poll_interval_ms: Option<u32>,
    /// Turn read-only on for this browser (the deployer's read-only cannot be turned off).
    #[serde(default)]
    pub read_only: bool,
    /// Keep secrets in localStorage instead of sessionStorage.
    #[serde(default)]
    pub remember_secrets: bool,
    /// Browser notifications for new failures.
    #[serde(default)]
    pub notifications: bool,
}

fn one() -> u32 {
    1
}

impl Default for UserSettings {
    fn default() -> Self {
        UserSettings {
            version: 1,
            clusters: Vec::new(),
            poll_interval_ms: None,
            read_only: false,
            remember_secrets: false,
            notifications: false,
        }
    }
}

impl UserSettings {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("settings serialize")
    }

    /// Reads saved settings. Unreadable ones give the defaults and a message for a banner.
    pub fn from_json(s: &str) -> (UserSettings, Option<String>) {
        match serde_json::from_str::<UserSettings>(s) {
            Ok(mut u) => {
                for c in &mut u.clusters {
                    c.base_url = normalize_base_url(&c.base_url);
                }
                (u, None)
            }
            Err(e) => (
                UserSettings::default(),
                Some(format!(
                    "Saved settings could not be read ({e}); they were reset."
                )),
            ),
        }
    }
}

/// The settings in effect: deployer's and user's, merged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EffectiveSettings {
    pub clusters: Vec<ClusterEntry>,
    pub poll_interval_ms: u32,
    pub read_only: bool,
    pub allow_user_clusters: bool,
    pub warnings: Vec<String>,
}

/// Deployer clusters first (with the user's overrides where editable), then user clusters.
pub fn merge(deployer: &DeployerConfig, user: &UserSettings) -> EffectiveSettings {
    let mut warnings = Vec::new();
    let mut clusters: Vec<ClusterEntry> = Vec::new();
    let user_by_id: BTreeMap<&str, &ClusterEntry> =
        user.clusters.iter().map(|c| (c.id.as_str(), c)).collect();
    for d in &deployer.clusters {
        let mut entry = d.clone();
        entry.origin = ClusterOrigin::Deployer;
        if let Some(u) = user_by_id.get(d.id.as_str()) {
            if d.editable {
                entry = ClusterEntry {
                    origin: ClusterOrigin::Deployer,
                    editable: true,
                    id: d.id.clone(),
                    ..(*u).clone()
                };
            } else {
                warnings.push(format!(
                    "Your saved cluster \"{}\" has the id of a cluster the deployer manages; \
                     the deployer's settings are used.",
                    u.name
                ));
            }
        }
        clusters.push(entry);
    }
    let deployer_ids: BTreeSet<&str> = deployer.clusters.iter().map(|c| c.id.as_str()).collect();
    for u in &user.clusters {
        if deployer_ids.contains(u.id.as_str()) {
            continue;
        }
        if !deployer.allow_user_clusters {
            warnings.push(format!(
                "The deployer does not allow your own clusters; \"{}\" is hidden.",
                u.name
            ));
            continue;
        }
        let mut entry = u.clone();
        entry.origin = ClusterOrigin::User;
        entry.editable = true;
        clusters.push(entry);
    }
    EffectiveSettings {
        clusters,
        poll_interval_ms: user
            .poll_interval_ms
            .map(|ms| ms.max(MIN_INTERVAL_MS))
            .unwrap_or(deployer.poll_interval_ms),
        read_only: deployer.read_only || user.read_only,
        allow_user_clusters: deployer.allow_user_clusters,
        warnings,
    }
}

/// Records an edit of the effective cluster list into the user settings: user clusters are
/// saved whole, deployer clusters only if editable. Returns false if the edit is not allowed.
pub fn save_cluster(
    user: &mut UserSettings,
    deployer: &DeployerConfig,
    entry: ClusterEntry,
) -> bool {
    if let Some(d) = deployer.clusters.iter().find(|d| d.id == entry.id) {
        if !d.editable {
            return false;
        }
    } else if !deployer.allow_user_clusters {
        return false;
    }
    let mut entry = entry;
    entry.base_url = normalize_base_url(&entry.base_url);
    match user.clusters.iter_mut().find(|c| c.id == entry.id) {
        Some(slot) => *slot = entry,
        None => user.clusters.push(entry),
    }
    true
}

/// Removes a user cluster. Deployer clusters cannot be removed (an override of an editable
/// one is reset instead). Returns whether the list changed.
pub fn remove_cluster(user: &mut UserSettings, id: &str) -> bool {
    let before = user.clusters.len();
    user.clusters.retain(|c| c.id != id);
    user.clusters.len() != before
}

// ---------------------------------------------------------------------------------------
// Secrets

/// Passwords and tokens by cluster id. `Debug` prints only the ids.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Secrets {
    #[serde(default)]
    by_cluster: BTreeMap<String, String>,
}

impl fmt::Debug for Secrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.by_cluster.keys()).finish()
    }
}

impl Secrets {
    pub fn get(&self, cluster_id: &str) -> Option<&str> {
        self.by_cluster.get(cluster_id).map(String::as_str)
    }

    pub fn set(&mut self, cluster_id: &str, secret: String) {
        if secret.is_empty() {
            self.by_cluster.remove(cluster_id);
        } else {
            self.by_cluster.insert(cluster_id.to_string(), secret);
        }
    }

    pub fn remove(&mut self, cluster_id: &str) {
        self.by_cluster.remove(cluster_id);
    }

    pub fn clear(&mut self) {
        self.by_cluster.clear();
    }

    pub fn is_empty(&self) -> bool {
        self.by_cluster.is_empty()
    }

    /// Drops secrets of clusters that no longer exist.
    pub fn retain_clusters<'a>(&mut self, ids: impl IntoIterator<Item = &'a str>) {
        let keep: BTreeSet<&str> = ids.into_iter().collect();
        self.by_cluster.retain(|k, _| keep.contains(k.as_str()));
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("secrets serialize")
    }

    /// Unreadable stored secrets are dropped (the user is asked again).
    pub fn from_json(s: &str) -> Secrets {
        serde_json::from_str(s).unwrap_or_default()
    }
}

/// Browser storage areas.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageArea {
    Local,
    Session,
}

/// Where secrets are written and which area is cleared, given "remember on this device".
pub fn secret_areas(remember: bool) -> (StorageArea, StorageArea) {
    if remember {
        (StorageArea::Local, StorageArea::Session)
    } else {
        (StorageArea::Session, StorageArea::Local)
    }
}

// ---------------------------------------------------------------------------------------
// Export / import

/// One exported cluster: the entry's fields, which hold no secret by construction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportedCluster {
    pub id: String,
    pub name: String,
    pub flavor: Flavor,
    pub base_url: String,
    pub auth: AuthKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster: Option<String>,
}

/// The export file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportFile {
    pub format: String,
    pub version: u32,
    pub clusters: Vec<ExportedCluster>,
}

/// Exports cluster entries as pretty JSON. There is no parameter through which a secret could
/// enter: entries carry none.
pub fn export_clusters<'a>(clusters: impl IntoIterator<Item = &'a ClusterEntry>) -> String {
    let file = ExportFile {
        format: EXPORT_FORMAT.into(),
        version: 1,
        clusters: clusters
            .into_iter()
            .map(|c| ExportedCluster {
                id: c.id.clone(),
                name: c.name.clone(),
                flavor: c.flavor,
                base_url: c.base_url.clone(),
                auth: c.auth,
                username: c.username.clone(),
                color: c.color.clone(),
                environment: c.environment.clone(),
                cluster: c.cluster.clone(),
            })
            .collect(),
    };
    serde_json::to_string_pretty(&file).expect("export serializes")
}

/// Why an import took nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// The file as a whole: not an export file, an unknown format, or storage refused it.
    File(String),
    /// These entries are invalid, one message each ("Cluster 2 \"name\": what is wrong").
    Entries(Vec<String>),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::File(m) => f.write_str(m),
            ImportError::Entries(lines) => f.write_str(&lines.join("\n")),
        }
    }
}

/// True when two entries reach the same cluster the same way: flavor, URL, auth, user name
/// (with basic auth), environment and cluster id (blank and absent alike). The label and
/// colour do not count.
pub fn same_connection(a: &ClusterEntry, b: &ClusterEntry) -> bool {
    let text = |o: &Option<String>| o.as_deref().map(str::trim).unwrap_or("").to_string();
    let user = |e: &ClusterEntry| match e.auth {
        AuthKind::Basic => text(&e.username),
        _ => String::new(),
    };
    a.flavor == b.flavor
        && normalize_base_url(&a.base_url) == normalize_base_url(&b.base_url)
        && a.auth == b.auth
        && user(a) == user(b)
        && text(&a.environment) == text(&b.environment)
        && text(&a.cluster) == text(&b.cluster)
}

/// What saving `entry` next to `others` would make ambiguous, when the edit itself makes it
/// so: a name another cluster has (rows, chips and bulk confirmations could not tell them
/// apart), or the same connection as another (two entries for one cluster; an import would
/// also leave one of them out). `before` is the stored version of the entry, if any: a clash
/// it already had (two deployer entries, a cluster saved before this rule) does not block
/// an edit of its colour or password.
pub fn clashes(
    entry: &ClusterEntry,
    before: Option<&ClusterEntry>,
    others: &[ClusterEntry],
) -> Vec<FieldError> {
    let mut out = Vec::new();
    let others = || others.iter().filter(|o| o.id != entry.id);
    let same_name = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
    if let Some(o) = others().find(|o| {
        same_name(&o.name, &entry.name) && !before.is_some_and(|b| same_name(&o.name, &b.name))
    }) {
        out.push(FieldError {
            field: "name",
            message: format!(
                "Another cluster is already named \u{201c}{}\u{201d}: choose a name that tells them apart.",
                o.name.trim()
            ),
        });
    }
    if let Some(o) = others()
        .find(|o| same_connection(o, entry) && !before.is_some_and(|b| same_connection(o, b)))
    {
        out.push(FieldError {
            field: "baseUrl",
            message: format!(
                "\u{201c}{}\u{201d} already reaches this cluster with the same URL and \
                 credentials: {}",
                o.name,
                if o.can_edit() {
                    "edit that one instead."
                } else {
                    "use that one."
                }
            ),
        });
    }
    out
}

/// `name`, or `name (2)`, `name (3)`… the first that none of `taken` has (any case).
pub fn unique_name<'a>(name: &str, taken: impl IntoIterator<Item = &'a str> + Clone) -> String {
    let free = |n: &str| {
        !taken
            .clone()
            .into_iter()
            .any(|t| t.trim().eq_ignore_ascii_case(n.trim()))
    };
    if free(name) {
        return name.to_string();
    }
    (2..)
        .map(|i| format!("{} ({i})", name.trim()))
        .find(|n| free(n))
        .expect("some suffix is free")
}

/// What an import adds, and the imported entries it leaves out because the console already
/// has them (an export imported back, or a file listing a cluster twice).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportPlan {
    pub add: Vec<ClusterEntry>,
    pub already_present: Vec<LeftOut>,
    /// Entries added under another name, as "old → new": their name was taken.
    pub renamed: Vec<String>,
}

/// An imported entry left out, and the cluster that already has its connection.
#[derive(Clone, Debug, PartialEq)]
pub struct LeftOut {
    pub name: String,
    pub same_as: String,
}

impl std::fmt::Display for LeftOut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.name.trim() == self.same_as.trim() {
            f.write_str(&self.name)
        } else {
            write!(f, "{} (the same connection as {})", self.name, self.same_as)
        }
    }
}

/// Leaves out the imported entries with the same connection as an existing one (or as an
/// earlier entry of the same file), and renames those whose name another cluster has.
pub fn plan_import(imported: Vec<ClusterEntry>, existing: &[ClusterEntry]) -> ImportPlan {
    let mut plan = ImportPlan::default();
    for e in imported {
        let known = existing
            .iter()
            .chain(&plan.add)
            .find(|x| same_connection(x, &e))
            .map(|x| x.name.clone());
        match known {
            Some(same_as) => plan.already_present.push(LeftOut {
                name: e.name,
                same_as,
            }),
            None => {
                // A name another cluster has would make the two indistinguishable.
                let mut e = e;
                let taken = existing
                    .iter()
                    .chain(&plan.add)
                    .map(|x| x.name.as_str())
                    .collect::<Vec<_>>();
                let name = unique_name(&e.name, taken.iter().copied());
                if name != e.name {
                    plan.renamed.push(format!("{} \u{2192} {name}", e.name));
                    e.name = name;
                }
                plan.add.push(e);
            }
        }
    }
    plan
}

/// Reads an export file into user cluster entries, renaming ids already in `existing`. All or
/// nothing: when entries are invalid, the error names every one of them.
pub fn import_clusters<'a>(
    json: &str,
    existing: impl IntoIterator<Item = &'a str>,
) -> Result<Vec<ClusterEntry>, ImportError> {
    let file: ExportFile = serde_json::from_str(json)
        .map_err(|e| ImportError::File(format!("This is not an export file: {e}")))?;
    if file.format != EXPORT_FORMAT {
        return Err(ImportError::File(format!(
            "Unknown format \"{}\" (expected \"{EXPORT_FORMAT}\").",
            file.format
        )));
    }
    let mut taken: Vec<String> = existing.into_iter().map(String::from).collect();
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (index, c) in file.clusters.into_iter().enumerate() {
        let id = if taken.contains(&c.id) || c.id.trim().is_empty() {
            new_cluster_id(&c.name, taken.iter().map(String::as_str))
        } else {
            c.id
        };
        taken.push(id.clone());
        let entry = ClusterEntry {
            id,
            name: c.name,
            flavor: c.flavor,
            base_url: normalize_base_url(&c.base_url),
            auth: c.auth,
            username: c.username,
            color: c.color,
            environment: c.environment,
            cluster: c.cluster,
            origin: ClusterOrigin::User,
            editable: true,
        };
        match entry.validate() {
            Ok(()) => out.push(entry),
            Err(errs) => problems.push(format!(
                "Cluster {} \"{}\": {}",
                index + 1,
                entry.name,
                errs.into_iter()
                    .map(|e| e.message)
                    .collect::<Vec<_>>()
                    .join(" ")
            )),
        }
    }
    // All or nothing, and every invalid entry is named.
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(ImportError::Entries(problems))
    }
}
