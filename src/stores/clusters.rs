//! [`ClusterRegistry`]: the clusters the console talks to, the settings in effect, and the
//! credentials for them.
//!
//! It merges the deployer's `config.json` with the user's settings (localStorage) and keeps
//! secrets apart (sessionStorage, or localStorage when "remember on this device" is on). It
//! hands out protocol clients with read-only mode applied, so no view ever builds a URL, and
//! it tests a cluster (server info + capabilities) before it is saved.

use leptos::prelude::*;

use crate::protocol::capabilities::Capabilities;
use crate::protocol::client::ConnectClient;
use crate::protocol::error::ApiError;
use crate::protocol::model::ServerInfo;
use crate::protocol::transport::{HttpRequest, Method, Transport};
use crate::state::settings::{
    export_clusters, import_clusters, merge, new_cluster_id, parse_deployer_config, plan_import,
    remove_cluster, save_cluster, ClusterEntry, ConfigError, DeployerConfig, EffectiveSettings,
    FieldError, ImportError, Secrets, UserSettings,
};
use crate::web::storage;
use crate::web::transport::BrowserTransport;

/// What "Test connection" found.
#[derive(Clone, Debug, PartialEq)]
pub struct TestReport {
    /// The version the cluster reported (a flavor with a version endpoint).
    pub server: Option<ServerInfo>,
    /// How many connectors were listed (a flavor without one: Confluent Cloud, Lenses).
    pub connectors: Option<usize>,
    /// Something the test could not confirm (a Lenses Connect cluster no connector runs on).
    pub warning: Option<String>,
    pub capabilities: Capabilities,
}

/// Clusters, settings and credentials. Cheap to copy; provided by `provide_stores`.
/// What an import did: how many clusters it added, and the names of the entries it left out
/// because the console already had them.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportResult {
    pub added: usize,
    pub already_present: Vec<crate::state::settings::LeftOut>,
    /// Entries added under another name ("old → new").
    pub renamed: Vec<String>,
}

#[derive(Clone, Copy)]
pub struct ClusterRegistry {
    deployer: RwSignal<DeployerConfig>,
    config_error: RwSignal<Option<ConfigError>>,
    config_loaded: RwSignal<bool>,
    user: RwSignal<UserSettings>,
    user_warning: RwSignal<Option<String>>,
    secrets: RwSignal<Secrets>,
    effective: Memo<EffectiveSettings>,
    persist: bool,
}

impl ClusterRegistry {
    /// Reads user settings and secrets from browser storage; the deployer config starts at
    /// its defaults until [`ClusterRegistry::load_deployer_config`] finishes.
    pub fn from_storage() -> Self {
        let (user, warning) = storage::load_user_settings();
        let secrets = storage::load_secrets();
        let reg = Self::with(DeployerConfig::default(), user, secrets, true);
        reg.user_warning.set(warning);
        reg
    }

    /// A registry from given parts. `persist = false` never touches browser storage (tests).
    pub fn with(
        deployer: DeployerConfig,
        user: UserSettings,
        secrets: Secrets,
        persist: bool,
    ) -> Self {
        let deployer = RwSignal::new(deployer);
        let user = RwSignal::new(user);
        let effective = Memo::new(move |_| deployer.with(|d| user.with(|u| merge(d, u))));
        ClusterRegistry {
            deployer,
            config_error: RwSignal::new(None),
            config_loaded: RwSignal::new(!persist),
            user,
            user_warning: RwSignal::new(None),
            secrets: RwSignal::new(secrets),
            effective,
            persist,
        }
    }

    /// Loads the deployer's runtime config and applies it: the config a host page passed to
    /// `ConnectConsole.mount` when embedded, else `config_url` (`config.json` next to the app's
    /// assets). Errors become [`ClusterRegistry::config_error`]; the app keeps running on
    /// defaults.
    pub async fn load_deployer_config(&self, config_url: String) {
        if let Some(injected) = crate::embed::injected_config() {
            self.apply_deployer_config(parse_deployer_config(&injected.to_string()));
            return;
        }
        let transport = BrowserTransport::new().with_max_body_bytes(1024 * 1024);
        let req = HttpRequest {
            method: Method::Get,
            url: config_url,
            headers: vec![("accept".into(), "application/json".into())],
            body: None,
            timeout_ms: 10_000,
        };
        let result = match transport.send(req).await {
            Err(e) => Err(ConfigError::Unreachable(format!("{e:?}"))),
            Ok(r) if r.status == 404 => Err(ConfigError::NotFound),
            Ok(r) if !(200..300).contains(&r.status) => Err(ConfigError::Http(r.status)),
            // A dev server's SPA fallback answers index.html for a missing file.
            Ok(r) if r.body.trim_start().starts_with('<') => Err(ConfigError::NotFound),
            Ok(r) => parse_deployer_config(&r.body),
        };
        self.apply_deployer_config(result);
    }

    /// Applies a parsed (or failed) `config.json`.
    pub fn apply_deployer_config(&self, result: Result<DeployerConfig, ConfigError>) {
        match result {
            Ok(cfg) => {
                self.deployer.try_set(cfg);
                self.config_error.try_set(None);
            }
            Err(e) => {
                self.config_error.try_set(Some(e));
            }
        }
        self.config_loaded.try_set(true);
    }

    // ---- reads ---------------------------------------------------------------------------

    /// Every cluster, deployer ones first.
    pub fn clusters(&self) -> Signal<Vec<ClusterEntry>> {
        let eff = self.effective;
        Signal::derive(move || eff.with(|e| e.clusters.clone()))
    }

    /// One cluster by id (tracked).
    pub fn cluster(&self, id: &str) -> Option<ClusterEntry> {
        self.effective
            .with(|e| e.clusters.iter().find(|c| c.id == id).cloned())
    }

    /// The merged settings (tracked).
    pub fn effective(&self) -> Memo<EffectiveSettings> {
        self.effective
    }

    /// Read-only mode: the deployer's, or switched on by the user.
    pub fn read_only(&self) -> Signal<bool> {
        let eff = self.effective;
        Signal::derive(move || eff.with(|e| e.read_only))
    }

    pub fn poll_interval_ms(&self) -> Signal<u32> {
        let eff = self.effective;
        Signal::derive(move || eff.with(|e| e.poll_interval_ms))
    }

    pub fn allow_user_clusters(&self) -> Signal<bool> {
        let eff = self.effective;
        Signal::derive(move || eff.with(|e| e.allow_user_clusters))
    }

    /// `config.json` could not be used: the banner text source.
    pub fn config_error(&self) -> ReadSignal<Option<ConfigError>> {
        self.config_error.read_only()
    }

    /// `config.json` has been fetched (or failed).
    pub fn config_loaded(&self) -> ReadSignal<bool> {
        self.config_loaded.read_only()
    }

    /// Non-fatal settings problems for a banner (config.json warnings, merge conflicts,
    /// unreadable saved settings).
    pub fn warnings(&self) -> Signal<Vec<String>> {
        let (d, e, w) = (self.deployer, self.effective, self.user_warning);
        Signal::derive(move || {
            let mut out = d.with(|d| d.warnings.clone());
            out.extend(e.with(|e| e.warnings.clone()));
            out.extend(w.get());
            out
        })
    }

    pub fn user_settings(&self) -> ReadSignal<UserSettings> {
        self.user.read_only()
    }

    pub fn remember_secrets(&self) -> Signal<bool> {
        let u = self.user;
        Signal::derive(move || u.with(|u| u.remember_secrets))
    }

    pub fn notifications_enabled(&self) -> Signal<bool> {
        let u = self.user;
        Signal::derive(move || u.with(|u| u.notifications))
    }

    /// Whether a secret is stored for the cluster (never the secret itself).
    pub fn has_secret(&self, id: &str) -> bool {
        self.secrets
            .with(|s| s.get(id).is_some_and(|v| !v.is_empty()))
    }

    /// The cluster uses basic or bearer auth and no secret is stored.
    pub fn needs_secret(&self, id: &str) -> bool {
        match self.cluster(id) {
            Some(c) => self.secrets.with(|s| c.needs_secret(s)),
            None => false,
        }
    }

    /// A protocol client for a cluster, read-only mode applied. Untracked.
    pub fn client(&self, id: &str) -> Option<ConnectClient<BrowserTransport>> {
        let entry = self
            .effective
            .with_untracked(|e| e.clusters.iter().find(|c| c.id == id).cloned())?;
        let read_only = self.effective.with_untracked(|e| e.read_only);
        Some(self.client_for(&entry, None).with_read_only(read_only))
    }

    fn client_for(
        &self,
        entry: &ClusterEntry,
        secret: Option<String>,
    ) -> ConnectClient<BrowserTransport> {
        let target = match secret {
            Some(s) => {
                let mut one = Secrets::default();
                one.set(&entry.id, s);
                entry.target(&one)
            }
            None => self.secrets.with_untracked(|s| entry.target(s)),
        };
        ConnectClient::new(target, BrowserTransport::new())
    }

    /// The secrets (for the connectors store's clients). Tracked.
    pub(crate) fn secrets_signal(&self) -> ReadSignal<Secrets> {
        self.secrets.read_only()
    }

    // ---- writes --------------------------------------------------------------------------

    fn persist_user(&self) -> Result<(), String> {
        if !self.persist {
            return Ok(());
        }
        self.user.with_untracked(storage::save_user_settings)
    }

    fn persist_secrets(&self) -> Result<(), String> {
        if !self.persist {
            return Ok(());
        }
        let remember = self.user.with_untracked(|u| u.remember_secrets);
        self.secrets
            .with_untracked(|s| storage::save_secrets(s, remember))
    }

    /// A fresh id for a new cluster named `name`.
    pub fn new_id(&self, name: &str) -> String {
        self.effective
            .with_untracked(|e| new_cluster_id(name, e.clusters.iter().map(|c| c.id.as_str())))
    }

    /// Adds or updates a cluster. `secret`: `Some("")` clears the stored secret, `None`
    /// keeps it. Deployer clusters can be saved only if the deployer marked them editable.
    pub fn save(&self, entry: ClusterEntry, secret: Option<String>) -> Result<(), Vec<FieldError>> {
        entry.validate()?;
        let clashes = self.effective.with_untracked(|e| {
            let before = e.clusters.iter().find(|c| c.id == entry.id);
            crate::state::settings::clashes(&entry, before, &e.clusters)
        });
        if !clashes.is_empty() {
            return Err(clashes);
        }
        let deployer = self.deployer.get_untracked();
        let mut ok = false;
        self.user
            .update(|u| ok = save_cluster(u, &deployer, entry.clone()));
        if !ok {
            return Err(vec![FieldError {
                field: "id",
                message: "This cluster is managed by the deployer and cannot be changed here."
                    .into(),
            }]);
        }
        if let Some(s) = secret {
            self.secrets.update(|all| all.set(&entry.id, s));
        }
        let saved = self.persist_user().and_then(|_| self.persist_secrets());
        saved.map_err(|m| {
            vec![FieldError {
                field: "storage",
                message: m,
            }]
        })
    }

    /// Removes a user cluster and its secret. Deployer clusters cannot be removed.
    pub fn remove(&self, id: &str) -> Result<(), String> {
        let is_deployer = self
            .deployer
            .with_untracked(|d| d.clusters.iter().any(|c| c.id == id));
        if is_deployer {
            return Err(
                "This cluster comes from the deployment's config.json and cannot be removed."
                    .into(),
            );
        }
        let mut removed = false;
        self.user.update(|u| removed = remove_cluster(u, id));
        if !removed {
            return Err(format!("No cluster \"{id}\"."));
        }
        self.secrets.update(|s| s.remove(id));
        self.persist_user()?;
        self.persist_secrets()
    }

    /// Stores a password or token for a cluster ("" removes it).
    pub fn set_secret(&self, id: &str, secret: String) -> Result<(), String> {
        self.secrets.update(|s| s.set(id, secret));
        self.persist_secrets()
    }

    /// "Remember on this device": moves the secrets between session and local storage.
    pub fn set_remember_secrets(&self, remember: bool) -> Result<(), String> {
        self.user.update(|u| u.remember_secrets = remember);
        self.persist_user()?;
        self.persist_secrets()
    }

    /// "Forget credentials": clears every secret from memory and both storage areas.
    pub fn forget_credentials(&self) {
        self.secrets.update(|s| s.clear());
        if self.persist {
            storage::forget_secrets();
        }
    }

    pub fn set_poll_interval(&self, ms: Option<u32>) -> Result<(), String> {
        self.user.update(|u| u.poll_interval_ms = ms);
        self.persist_user()
    }

    /// Turns read-only on for this browser (the deployer's read-only stays on regardless).
    pub fn set_user_read_only(&self, on: bool) -> Result<(), String> {
        self.user.update(|u| u.read_only = on);
        self.persist_user()
    }

    pub fn set_notifications(&self, on: bool) -> Result<(), String> {
        self.user.update(|u| u.notifications = on);
        self.persist_user()
    }

    /// Tests a cluster as entered in a form (before saving): `GET /` (or the flavor's
    /// equivalent) and what the version supports. `secret: None` uses the stored one.
    pub async fn test(
        &self,
        entry: &ClusterEntry,
        secret: Option<String>,
    ) -> Result<TestReport, ApiError> {
        self.test_entry(entry, secret)
            .await
            .map_err(|e| crate::protocol::with_endpoint_in_url_hint(e, &entry.base_url))
    }

    async fn test_entry(
        &self,
        entry: &ClusterEntry,
        secret: Option<String>,
    ) -> Result<TestReport, ApiError> {
        if let Err(errs) = entry.validate() {
            let msg = errs
                .into_iter()
                .map(|e| e.message)
                .collect::<Vec<_>>()
                .join(" ");
            return Err(ApiError::invalid_input(msg));
        }
        let client = self.client_for(entry, secret);
        let caps = Capabilities::for_flavor(entry.flavor, None);
        if !caps.server_info {
            // No version endpoint: listing the connectors proves the URL, the path and the
            // credentials. Lenses filters its list by Connect cluster (a misspelt one lists
            // nothing), so its cluster must be among those the environment names.
            let mut warning = None;
            if caps.list_clusters {
                let want = entry.cluster.clone().unwrap_or_default();
                let clusters = client.list_clusters().await?;
                if !want.is_empty() && !clusters.contains(&want) {
                    warning = Some(if clusters.is_empty() {
                        format!("No connector runs on any Connect cluster of this environment: check that \u{201c}{want}\u{201d} is spelt right.")
                    } else {
                        format!(
                            "No connector runs on \u{201c}{want}\u{201d}; Connect clusters with connectors: {}. Check the name if that is unexpected.",
                            clusters.join(", ")
                        )
                    });
                }
            }
            let names = client.connector_names().await?;
            return Ok(TestReport {
                server: None,
                connectors: Some(names.len()),
                warning,
                capabilities: client.capabilities(None),
            });
        }
        let server = client.server_info().await?;
        let capabilities = client.capabilities(Some(&server));
        Ok(TestReport {
            server: Some(server),
            connectors: None,
            warning: None,
            capabilities,
        })
    }

    /// The export file of every cluster (no passwords or tokens: entries hold none).
    pub fn export(&self) -> String {
        self.effective
            .with_untracked(|e| export_clusters(&e.clusters))
    }

    /// Imports an export file as user clusters. Entries for a cluster the console already
    /// has (same connection) are left out and named in the result, with how many were added.
    pub fn import(&self, json: &str) -> Result<ImportResult, ImportError> {
        let existing: Vec<ClusterEntry> = self.effective.with_untracked(|e| e.clusters.clone());
        let entries = import_clusters(json, existing.iter().map(|c| c.id.as_str()))?;
        let plan = plan_import(entries, &existing);
        let deployer = self.deployer.get_untracked();
        let mut added = 0;
        if !plan.add.is_empty() {
            self.user.update(|u| {
                for e in plan.add {
                    if save_cluster(u, &deployer, e) {
                        added += 1;
                    }
                }
            });
            self.persist_user().map_err(ImportError::File)?;
        }
        Ok(ImportResult {
            added,
            already_present: plan.already_present,
            renamed: plan.renamed,
        })
    }
}
