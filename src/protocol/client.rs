//! [`ConnectClient`]: one typed client for every Connect-compatible API flavor.
//!
//! The client owns what is common to all flavors: read-only mode (refused before anything is
//! sent), capability checks (an operation the flavor or version lacks fails as
//! `Unsupported` without a request), input checks, headers and auth (only in
//! `Authorization`), per-class timeouts, the retry loop, turning non-2xx answers into
//! [`ApiError`]s, and copy-as-curl. Each flavor module plans the request for an
//! [`Operation`] and parses its answer into the model.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use super::capabilities::Capabilities;
use super::error::{ApiError, ErrorKind};
use super::model::{
    Auth, ClusterTarget, ConfigInfos, ConfigKeyInfo, ConfigMap, ConnectorInfo, ConnectorListing,
    ConnectorOffsets, ConnectorStatus, ConnectorSummary, Flavor, InitialState, ListingDelta,
    LoggerLevel, LoggerScope, OffsetsRequestStatus, PluginInfo, RawEntries, RestartOptions,
    ServerInfo, TaskInfo, WorkerHealth,
};
use super::path;
use super::request::{Operation, PlannedRequest};
use super::retry::{Decision, Outcome, RequestClass, RetryPolicy};
use super::transport::{HttpRequest, HttpResponse, Transport};
use super::{apache, confluent_cloud, lenses, redpanda};

/// A client for one Connect cluster. Cheap to clone (the transport is cloned, the detected
/// server info is shared between clones).
#[derive(Clone)]
pub struct ConnectClient<T: Transport> {
    target: ClusterTarget,
    transport: T,
    read_only: bool,
    policy: RetryPolicy,
    /// The last `GET /` answer, used for capabilities when the caller passes none.
    detected: Arc<Mutex<Option<ServerInfo>>>,
}

impl<T: Transport> std::fmt::Debug for ConnectClient<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // `ClusterTarget`'s Debug goes through `Auth`'s, which never prints a secret.
        f.debug_struct("ConnectClient")
            .field("target", &self.target)
            .field("read_only", &self.read_only)
            .finish_non_exhaustive()
    }
}

impl<T: Transport> ConnectClient<T> {
    pub fn new(target: ClusterTarget, transport: T) -> Self {
        ConnectClient {
            target,
            transport,
            read_only: false,
            policy: RetryPolicy::default(),
            detected: Arc::new(Mutex::new(None)),
        }
    }

    /// In read-only mode every mutating operation fails with `ErrorKind::ReadOnly` without
    /// sending anything. Reads and validate still work.
    pub fn with_read_only(mut self, read_only: bool) -> Self {
        self.read_only = read_only;
        self
    }

    /// Replaces the retry policy (tests use [`RetryPolicy::never`]).
    pub fn with_retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// Seeds the detected server info (e.g. from a cache) without a request.
    pub fn with_server_info(self, info: ServerInfo) -> Self {
        self.remember(Some(info));
        self
    }

    pub fn target(&self) -> &ClusterTarget {
        &self.target
    }

    pub fn read_only(&self) -> bool {
        self.read_only
    }

    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// The server info from the last successful [`ConnectClient::server_info`].
    pub fn detected_server_info(&self) -> Option<ServerInfo> {
        self.detected.lock().ok().and_then(|g| g.clone())
    }

    fn remember(&self, info: Option<ServerInfo>) {
        if let Ok(mut g) = self.detected.lock() {
            *g = info;
        }
    }

    /// What this cluster can do: per flavor, and for Apache per the version in `server` (or
    /// the detected one; the newest known version when neither is known).
    pub fn capabilities(&self, server: Option<&ServerInfo>) -> Capabilities {
        match server {
            Some(s) => Capabilities::for_flavor(self.target.flavor, Some(s)),
            None => {
                let detected = self.detected_server_info();
                Capabilities::for_flavor(self.target.flavor, detected.as_ref())
            }
        }
    }

    // ---- reads ---------------------------------------------------------------------------

    /// `GET /` (Apache), the Connect cluster's `info` (Redpanda). Remembers the answer for
    /// [`ConnectClient::capabilities`].
    pub async fn server_info(&self) -> Result<ServerInfo, ApiError> {
        let op = Operation::ServerInfo;
        let resp = self.execute(&op).await?;
        let info = match self.target.flavor {
            Flavor::Redpanda => redpanda::parse_server_info(resp.status, &resp.body),
            _ => apache::parse_server_info(resp.status, &resp.body),
        }?;
        self.remember(Some(info.clone()));
        Ok(info)
    }

    /// `GET /health` (Apache 3.9+). A 503 `starting` or 500 `unhealthy` answer with a
    /// `WorkerStatus` body is a successful probe: the worker said how it is.
    pub async fn health(&self) -> Result<WorkerHealth, ApiError> {
        let op = Operation::Health;
        let resp = self.execute_allowing(&op, &[500, 503]).await?;
        match apache::parse_health(resp.status, &resp.body) {
            Ok(h) => Ok(h),
            Err(e) if resp.status >= 400 => {
                Err(
                    ApiError::from_response_for(&resp, &op.describe(), self.target.flavor)
                        .with_detail(e.detail.unwrap_or_default()),
                )
            }
            Err(e) => Err(e),
        }
    }

    /// Connect clusters reachable through this target: Redpanda and Lenses list theirs;
    /// Apache and Confluent Cloud give their one cluster (the configured cluster name, else
    /// the base URL) without a request.
    pub async fn list_clusters(&self) -> Result<Vec<String>, ApiError> {
        match self.target.flavor {
            Flavor::Redpanda => {
                let resp = self.execute(&Operation::ListClusters).await?;
                redpanda::parse_clusters(resp.status, &resp.body)
            }
            Flavor::Lenses => {
                let resp = self.execute(&Operation::ListClusters).await?;
                lenses::parse_clusters(resp.status, &resp.body)
            }
            Flavor::Apache | Flavor::ConfluentCloud => Ok(vec![self
                .target
                .cluster
                .clone()
                .filter(|c| !c.is_empty())
                .unwrap_or_else(|| self.target.base_url.clone())]),
        }
    }

    /// All connectors with status and info, in ONE request (`?expand=status&expand=info`,
    /// repeated parameters). Only an Apache worker older than 2.3 (no `expand`) is listed
    /// name by name (1 + 2N requests). See [`ConnectorListing`] for how connectors the server
    /// listed without a status are marked.
    pub async fn list_connectors(
        &self,
        server: Option<&ServerInfo>,
    ) -> Result<ConnectorListing, ApiError> {
        self.list_connectors_since(server, &RawEntries::default())
            .await
            .map(|d| d.listing)
    }

    /// [`Self::list_connectors`] against the raw entries of the previous listing: the same
    /// one request, but an Apache entry whose text did not change is not parsed again
    /// ([`ListingDelta`]). Other flavors answer a complete listing.
    pub async fn list_connectors_since(
        &self,
        server: Option<&ServerInfo>,
        previous: &RawEntries,
    ) -> Result<ListingDelta, ApiError> {
        self.list_since(server, previous, false).await
    }

    /// The refresh between full listings: on Apache, statuses only (`?expand=status`, about a
    /// quarter of the bytes at 10,000 connectors), read against `previous` so that each
    /// connector keeps the config of its last full entry
    /// ([`apache::parse_status_listing_since`]). Other flavors answer their one complete
    /// listing, as [`Self::list_connectors_since`].
    pub async fn list_connector_statuses_since(
        &self,
        server: Option<&ServerInfo>,
        previous: &RawEntries,
    ) -> Result<ListingDelta, ApiError> {
        self.list_since(server, previous, true).await
    }

    async fn list_since(
        &self,
        server: Option<&ServerInfo>,
        previous: &RawEntries,
        status_only: bool,
    ) -> Result<ListingDelta, ApiError> {
        let caps = self.capabilities(server);
        if self.target.flavor == Flavor::Apache && !caps.list_expanded {
            return self
                .list_connectors_one_by_one()
                .await
                .map(ListingDelta::full);
        }
        if self.target.flavor == Flavor::Apache && status_only {
            let resp = self.execute(&Operation::ListConnectorStatuses).await?;
            return apache::parse_status_listing_since(resp.status, &resp.body, previous);
        }
        let resp = self.execute(&Operation::ListConnectors).await?;
        let listing = match self.target.flavor {
            Flavor::Apache => {
                return apache::parse_listing_since(resp.status, &resp.body, previous)
            }
            Flavor::ConfluentCloud => confluent_cloud::parse_listing(resp.status, &resp.body),
            Flavor::Redpanda => redpanda::parse_listing(resp.status, &resp.body),
            Flavor::Lenses => lenses::parse_listing(resp.status, &resp.body),
        };
        listing.map(ListingDelta::full)
    }

    async fn list_connectors_one_by_one(&self) -> Result<ConnectorListing, ApiError> {
        // Apache only: the plain name list (not `connector_names`, which may list).
        let resp = self.execute(&Operation::ConnectorNames).await?;
        let names = apache::parse_names(resp.status, &resp.body)?;
        let mut listing = ConnectorListing::default();
        for name in names {
            // A connector deleted (or without status) meanwhile stays listed without status.
            let status = match self.status(&name).await {
                Ok(s) => Some(s),
                Err(e) if e.kind == ErrorKind::NotFound => None,
                Err(e) => return Err(e),
            };
            let info = match self.connector(&name).await {
                Ok(i) => Some(i),
                Err(e) if e.kind == ErrorKind::NotFound => None,
                Err(e) => return Err(e),
            };
            listing
                .connectors
                .push(ConnectorSummary { name, info, status });
        }
        listing.normalize();
        Ok(listing)
    }

    /// Connector names only (`GET /connectors`; for Redpanda and Lenses taken from their
    /// list). Use it to reconcile a listing ([`ConnectorListing::reconcile_names`]).
    pub async fn connector_names(&self) -> Result<Vec<String>, ApiError> {
        match self.target.flavor {
            Flavor::Apache | Flavor::ConfluentCloud => {
                let resp = self.execute(&Operation::ConnectorNames).await?;
                apache::parse_names(resp.status, &resp.body)
            }
            Flavor::Redpanda | Flavor::Lenses => Ok(self.list_connectors(None).await?.names()),
        }
    }

    pub async fn connector(&self, name: &str) -> Result<ConnectorInfo, ApiError> {
        let resp = self.execute(&Operation::Connector(name)).await?;
        match self.target.flavor {
            Flavor::Redpanda => redpanda::parse_connector_info(resp.status, &resp.body),
            Flavor::ConfluentCloud => {
                confluent_cloud::parse_connector_info(resp.status, &resp.body)
            }
            _ => apache::parse_connector_info(resp.status, &resp.body),
        }
    }

    pub async fn status(&self, name: &str) -> Result<ConnectorStatus, ApiError> {
        let op = Operation::Status(name);
        let resp = self.execute(&op).await?;
        match self.target.flavor {
            Flavor::Apache => apache::parse_status(resp.status, &resp.body),
            Flavor::ConfluentCloud => confluent_cloud::parse_status(resp.status, &resp.body),
            Flavor::Redpanda => redpanda::parse_status(resp.status, &resp.body),
            Flavor::Lenses => lenses::status_from_listing(name, resp.status, &resp.body)
                .and_then(|s| s.ok_or_else(|| not_listed(&op, name))),
        }
    }

    /// A connector's config. It always carries `name` (the one asked for when the answer
    /// leaves it out, as the Redpanda fixture's does): the form reads the connector's name
    /// from it, and every read compares equal to the last.
    pub async fn config(&self, name: &str) -> Result<ConfigMap, ApiError> {
        let resp = self.execute(&Operation::Config(name)).await?;
        let mut config = match self.target.flavor {
            Flavor::Redpanda => redpanda::parse_config(resp.status, &resp.body),
            _ => apache::parse_config(resp.status, &resp.body),
        }?;
        config
            .entry("name".to_string())
            .or_insert_with(|| name.to_string());
        Ok(config)
    }

    pub async fn tasks(&self, name: &str) -> Result<Vec<TaskInfo>, ApiError> {
        let resp = self.execute(&Operation::Tasks(name)).await?;
        apache::parse_tasks(resp.status, &resp.body)
    }

    // ---- changes -------------------------------------------------------------------------

    /// Creates a connector. `initial_state` needs Apache 3.7+; elsewhere asking for anything
    /// but `None` is `Unsupported` (nothing is sent).
    pub async fn create(
        &self,
        name: &str,
        config: &ConfigMap,
        initial_state: Option<InitialState>,
    ) -> Result<ConnectorInfo, ApiError> {
        let op = Operation::Create {
            name,
            config,
            initial_state,
        };
        if initial_state.is_some() && !self.capabilities(None).initial_state {
            self.refuse_if_read_only(&op)?;
            return Err(self.unsupported("an initial state on create"));
        }
        let resp = self.execute(&op).await?;
        match self.target.flavor {
            Flavor::Apache => apache::parse_connector_info(resp.status, &resp.body),
            Flavor::ConfluentCloud => {
                confluent_cloud::parse_connector_info(resp.status, &resp.body)
            }
            Flavor::Redpanda => redpanda::parse_connector_info(resp.status, &resp.body),
            Flavor::Lenses => Ok(lenses::created_info(name, config, resp.status, &resp.body)),
        }
    }

    /// Replaces the whole config (creates the connector when absent, on Apache and Redpanda).
    pub async fn put_config(
        &self,
        name: &str,
        config: &ConfigMap,
    ) -> Result<ConnectorInfo, ApiError> {
        let resp = self.execute(&Operation::PutConfig { name, config }).await?;
        match self.target.flavor {
            Flavor::Redpanda => redpanda::parse_connector_info(resp.status, &resp.body),
            Flavor::ConfluentCloud => {
                confluent_cloud::parse_connector_info(resp.status, &resp.body)
            }
            _ => apache::parse_connector_info(resp.status, &resp.body),
        }
    }

    /// Upserts the keys with `Some` value and removes the keys with `None` (Apache 3.8+).
    pub async fn patch_config(
        &self,
        name: &str,
        changes: &BTreeMap<String, Option<String>>,
    ) -> Result<ConnectorInfo, ApiError> {
        let resp = self
            .execute(&Operation::PatchConfig { name, changes })
            .await?;
        apache::parse_connector_info(resp.status, &resp.body)
    }

    pub async fn delete(&self, name: &str) -> Result<(), ApiError> {
        let op = Operation::Delete(name);
        let resp = self.execute(&op).await?;
        if self.target.flavor == Flavor::ConfluentCloud {
            confluent_cloud::check_delete(resp.status, &resp.body, &op.describe())?;
        }
        Ok(())
    }

    pub async fn pause(&self, name: &str) -> Result<(), ApiError> {
        self.execute(&Operation::Pause(name)).await.map(drop)
    }

    /// Resumes a PAUSED or STOPPED connector.
    pub async fn resume(&self, name: &str) -> Result<(), ApiError> {
        self.execute(&Operation::Resume(name)).await.map(drop)
    }

    /// Stops a connector and shuts its tasks down (Apache 3.5+, Redpanda, Lenses).
    pub async fn stop(&self, name: &str) -> Result<(), ApiError> {
        self.execute(&Operation::Stop(name)).await.map(drop)
    }

    /// Restarts a connector. Apache: with both options false the worker answers 204 (→
    /// `None`); otherwise 202 with the instances set to RESTARTING (→ `Some`). Other flavors
    /// answer without a status (→ `None`). Options on a flavor that ignores them are
    /// `Unsupported` (nothing is sent) rather than silently dropped.
    pub async fn restart(
        &self,
        name: &str,
        opts: RestartOptions,
    ) -> Result<Option<ConnectorStatus>, ApiError> {
        let op = Operation::Restart {
            name,
            options: opts,
        };
        if (opts.include_tasks || opts.only_failed) && !self.capabilities(None).restart_options {
            self.refuse_if_read_only(&op)?;
            return Err(self.unsupported("restart options (includeTasks/onlyFailed)"));
        }
        let resp = self.execute(&op).await?;
        match self.target.flavor {
            Flavor::Apache => apache::parse_restart(resp.status, &resp.body),
            _ => Ok(None),
        }
    }

    pub async fn restart_task(&self, name: &str, task: u32) -> Result<(), ApiError> {
        self.execute(&Operation::RestartTask { name, task })
            .await
            .map(drop)
    }

    /// Validates `config` for `plugin` (a class name or alias). Not a change: allowed in
    /// read-only mode.
    pub async fn validate(
        &self,
        plugin: &str,
        config: &ConfigMap,
    ) -> Result<ConfigInfos, ApiError> {
        let resp = self
            .execute(&Operation::Validate { plugin, config })
            .await?;
        match self.target.flavor {
            Flavor::Lenses => lenses::parse_validate(resp.status, &resp.body),
            Flavor::ConfluentCloud => confluent_cloud::parse_config_infos(resp.status, &resp.body),
            _ => apache::parse_config_infos(resp.status, &resp.body),
        }
    }

    /// Installed plugins. `connectors_only = false` also lists transformations, predicates
    /// and converters where the flavor can (Apache 3.2+); elsewhere the flag is ignored.
    pub async fn plugins(&self, connectors_only: bool) -> Result<Vec<PluginInfo>, ApiError> {
        let resp = self
            .execute(&Operation::Plugins { connectors_only })
            .await?;
        match self.target.flavor {
            Flavor::Redpanda => redpanda::parse_plugins(resp.status, &resp.body),
            _ => apache::parse_plugins(resp.status, &resp.body),
        }
    }

    /// Config definitions of one plugin (Apache 3.2+).
    pub async fn plugin_config(&self, plugin: &str) -> Result<Vec<ConfigKeyInfo>, ApiError> {
        let resp = self.execute(&Operation::PluginConfig(plugin)).await?;
        apache::parse_plugin_config(resp.status, &resp.body)
    }

    pub async fn offsets(&self, name: &str) -> Result<ConnectorOffsets, ApiError> {
        let resp = self.execute(&Operation::Offsets(name)).await?;
        match self.target.flavor {
            Flavor::ConfluentCloud => confluent_cloud::parse_offsets(resp.status, &resp.body),
            _ => apache::parse_offsets(resp.status, &resp.body),
        }
    }

    /// Alters offsets (Apache: connector must be STOPPED; Confluent Cloud: an asynchronous
    /// offsets request). Returns the server's message.
    pub async fn alter_offsets(
        &self,
        name: &str,
        offsets: &ConnectorOffsets,
    ) -> Result<String, ApiError> {
        if offsets.offsets.is_empty() {
            return Err(ApiError::invalid_input(
                "Give at least one partition to alter; use reset to clear every offset",
            ));
        }
        let resp = self
            .execute(&Operation::AlterOffsets { name, offsets })
            .await?;
        match self.target.flavor {
            Flavor::ConfluentCloud => {
                confluent_cloud::parse_offsets_request(resp.status, &resp.body)
            }
            _ => apache::parse_message(resp.status, &resp.body),
        }
    }

    /// Confluent Cloud: places an offsets request, an alter (`Some`) or a reset (`None`).
    /// Returns the message and when the cluster recorded the request, which
    /// [`OffsetsRequestStatus::is_for`] matches against the status.
    pub async fn place_offsets_request(
        &self,
        name: &str,
        alter: Option<&ConnectorOffsets>,
    ) -> Result<(String, Option<String>), ApiError> {
        let resp = match alter {
            Some(offsets) if offsets.offsets.is_empty() => {
                return Err(ApiError::invalid_input(
                    "Give at least one partition to alter; use reset to clear every offset",
                ))
            }
            Some(offsets) => {
                self.execute(&Operation::AlterOffsets { name, offsets })
                    .await?
            }
            None => self.execute(&Operation::ResetOffsets(name)).await?,
        };
        confluent_cloud::parse_offsets_request_placed(resp.status, &resp.body)
    }

    /// How the connector's last offsets request went (Confluent Cloud, whose offsets change
    /// asynchronously: [`Self::alter_offsets`] only places the request).
    pub async fn offsets_request_status(
        &self,
        name: &str,
    ) -> Result<OffsetsRequestStatus, ApiError> {
        let resp = self.execute(&Operation::OffsetsRequestStatus(name)).await?;
        confluent_cloud::parse_offsets_request_status(resp.status, &resp.body)
    }

    /// Resets all offsets (Apache: connector must be STOPPED). Returns the server's message.
    pub async fn reset_offsets(&self, name: &str) -> Result<String, ApiError> {
        let resp = self.execute(&Operation::ResetOffsets(name)).await?;
        match self.target.flavor {
            Flavor::ConfluentCloud => {
                confluent_cloud::parse_offsets_request(resp.status, &resp.body)
            }
            _ => apache::parse_message(resp.status, &resp.body),
        }
    }

    /// Topics the connector has used since its topics were last reset.
    pub async fn topics(&self, name: &str) -> Result<Vec<String>, ApiError> {
        let resp = self.execute(&Operation::Topics(name)).await?;
        match self.target.flavor {
            Flavor::Redpanda => redpanda::parse_topics(resp.status, &resp.body),
            _ => apache::parse_topics(name, resp.status, &resp.body),
        }
    }

    pub async fn reset_topics(&self, name: &str) -> Result<(), ApiError> {
        self.execute(&Operation::ResetTopics(name)).await.map(drop)
    }

    /// Loggers with an explicitly set level (Apache 2.4+).
    pub async fn loggers(&self) -> Result<BTreeMap<String, LoggerLevel>, ApiError> {
        let resp = self.execute(&Operation::Loggers).await?;
        apache::parse_loggers(resp.status, &resp.body)
    }

    /// Sets a logger's level. Worker scope returns the loggers changed on the worker that
    /// answered; cluster scope (3.7+) is applied by every worker asynchronously and returns
    /// an empty list.
    pub async fn set_logger(
        &self,
        logger: &str,
        level: &str,
        scope: LoggerScope,
    ) -> Result<Vec<String>, ApiError> {
        let op = Operation::SetLogger {
            logger,
            level,
            scope,
        };
        if scope == LoggerScope::Cluster && !self.capabilities(None).logger_cluster_scope {
            self.refuse_if_read_only(&op)?;
            return Err(self.unsupported("the cluster logger scope"));
        }
        let resp = self.execute(&op).await?;
        apache::parse_set_logger(resp.status, &resp.body)
    }

    // ---- copy as curl ---------------------------------------------------------------------

    /// A `curl` command that performs `op` against this cluster. Credentials are never
    /// included: basic auth becomes `-u "$CONNECT_USER:$CONNECT_PASSWORD"`, a token
    /// `"Authorization: Bearer $CONNECT_TOKEN"`, and config values under secret-looking keys
    /// (password, secret, token, api key, JAAS config) become shell variables named after the
    /// key (`database.password` → `$DATABASE_PASSWORD`), unless they are `${provider:…}`
    /// references. A proxied (origin-relative) base URL is prefixed with `$CONNECT_ORIGIN`.
    pub fn curl_command(&self, op: &Operation<'_>) -> Result<String, ApiError> {
        self.curl_command_with_secrets(op, &[])
    }

    /// As [`Self::curl_command`], and the config values under `secret_keys` (keys the plugin
    /// defines as PASSWORD whatever their name, values the server masked) become shell
    /// variables too, unless they are `${provider:…}` references.
    pub fn curl_command_with_secrets(
        &self,
        op: &Operation<'_>,
        secret_keys: &[String],
    ) -> Result<String, ApiError> {
        let planned = self.plan(op)?;
        let url = self.url_for(&planned.path);
        let url = if url.starts_with('/') {
            format!("$CONNECT_ORIGIN{url}")
        } else {
            url
        };
        let mut lines = vec![format!(
            "curl -sS -X {} {}",
            planned.method.as_str(),
            shell_word_with_vars(&url)
        )];
        lines.push("  -H 'Accept: application/json'".to_string());
        match &self.target.auth {
            Auth::None => {}
            Auth::Basic { .. } => lines.push("  -u \"$CONNECT_USER:$CONNECT_PASSWORD\"".into()),
            Auth::Bearer { .. } => {
                lines.push("  -H \"Authorization: Bearer $CONNECT_TOKEN\"".into())
            }
        }
        if let Some(body) = &planned.body {
            lines.push("  -H 'Content-Type: application/json'".to_string());
            let (pretty, vars) = redact_body(body, secret_keys);
            lines.push(format!(
                "  --data-binary {}",
                shell_quote_with_vars(&pretty, &vars)
            ));
        }
        Ok(lines.join(" \\\n"))
    }

    // ---- plumbing -------------------------------------------------------------------------

    fn unsupported(&self, what: &str) -> ApiError {
        let caps = self.capabilities(None);
        let by = match (&caps.version, self.target.flavor) {
            (Some(v), Flavor::Apache) if !v.assumed => {
                format!("this worker (Kafka Connect {})", v.kafka)
            }
            _ => self.target.flavor.label().to_string(),
        };
        ApiError::unsupported(what, &by)
    }

    fn refuse_if_read_only(&self, op: &Operation<'_>) -> Result<(), ApiError> {
        if self.read_only && op.is_mutating() {
            return Err(ApiError::read_only(&op.describe()));
        }
        Ok(())
    }

    /// The flavor's request for `op`, after read-only, input and capability checks.
    fn plan(&self, op: &Operation<'_>) -> Result<PlannedRequest, ApiError> {
        self.refuse_if_read_only(op)?;
        if let Some(name) = op.connector_name() {
            if name.trim().is_empty() {
                return Err(ApiError::invalid_input("The connector name is empty"));
            }
            if let Some(err) = unaddressable(self.target.flavor, op, name) {
                return Err(err);
            }
        }
        if let Some(what) = missing_capability(op, &self.capabilities(None)) {
            return Err(self.unsupported(what));
        }
        match self.target.flavor {
            Flavor::Apache => apache::plan(op),
            Flavor::ConfluentCloud => confluent_cloud::plan(&self.target, op),
            Flavor::Redpanda => redpanda::plan(&self.target, op),
            Flavor::Lenses => lenses::plan(&self.target, op),
        }
    }

    fn url_for(&self, path_and_query: &str) -> String {
        path::join(&self.target.base_url, path_and_query)
    }

    /// Sends `op` with retries; a non-2xx final answer becomes an [`ApiError`].
    async fn execute(&self, op: &Operation<'_>) -> Result<HttpResponse, ApiError> {
        self.execute_allowing(op, &[]).await
    }

    /// Like [`Self::execute`], but the statuses in `allowed` are handed back as answers.
    async fn execute_allowing(
        &self,
        op: &Operation<'_>,
        allowed: &[u16],
    ) -> Result<HttpResponse, ApiError> {
        let planned = self.plan(op)?;
        let class = RequestClass {
            method: planned.method,
            probe: planned.probe,
            once: matches!(
                op,
                Operation::Restart { .. } | Operation::RestartTask { .. }
            ),
        };
        let mut headers = vec![("Accept".to_string(), "application/json".to_string())];
        if planned.body.is_some() {
            headers.push(("Content-Type".to_string(), "application/json".to_string()));
        }
        if let Some(value) = self.target.auth.header_value() {
            headers.push(("Authorization".to_string(), value));
        }
        let request = HttpRequest {
            method: planned.method,
            url: self.url_for(&planned.path),
            headers,
            body: planned.body,
            timeout_ms: class.timeout_ms(),
        };
        let what = op.describe();
        let mut elapsed_ms: u32 = 0;
        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            let result = self.transport.send(request.clone()).await;
            let decision = match &result {
                Ok(resp) if (200..300).contains(&resp.status) || allowed.contains(&resp.status) => {
                    Decision::Done
                }
                Ok(resp) => self.policy.decide(
                    class,
                    attempt,
                    elapsed_ms,
                    Outcome::Response {
                        status: resp.status,
                        body: &resp.body,
                        retry_after: resp.header("retry-after"),
                    },
                ),
                Err(err) => {
                    if let super::transport::TransportError::Timeout { after_ms } = err {
                        elapsed_ms = elapsed_ms.saturating_add(*after_ms);
                    }
                    self.policy
                        .decide(class, attempt, elapsed_ms, Outcome::Failed(err))
                }
            };
            match decision {
                Decision::RetryAfter(ms) => {
                    elapsed_ms = elapsed_ms.saturating_add(ms);
                    self.transport.sleep(ms).await;
                }
                Decision::Done => {
                    return match result {
                        Ok(resp)
                            if (200..300).contains(&resp.status)
                                || allowed.contains(&resp.status) =>
                        {
                            Ok(resp)
                        }
                        Ok(resp) => {
                            let mut err =
                                ApiError::from_response_for(&resp, &what, self.target.flavor);
                            if attempt > 1 && err.kind == ErrorKind::Conflict {
                                err.hint = Some(format!(
                                    "The Connect cluster kept rebalancing or changing ({attempt} \
                                     attempts). Try again in a moment."
                                ));
                            }
                            Err(err)
                        }
                        Err(err) => {
                            Err(ApiError::from_transport(&err, &what, &self.target.base_url))
                        }
                    };
                }
            }
        }
    }
}

/// Names no request can address safely; nothing is sent for them (tests/hostile/FINDINGS.md).
///
/// - `.` and `..`: every URL parser (the browser's included) resolves them as dot segments, also
///   when written `%2E`, so the request would reach another resource.
/// - Apache, a write for a name with `;`: a follower forwards it to the leader with the name
///   decoded into the path, where Jetty cuts it at `;` (a path parameter). Kafka 4.3.1 then
///   acts on another connector: `DELETE /connectors/x%3By` on a follower deletes `x`.
fn unaddressable(flavor: Flavor, op: &Operation<'_>, name: &str) -> Option<ApiError> {
    if name == "." || name == ".." {
        return Some(
            ApiError::invalid_input(format!(
                "Did not {}: a connector named “{name}” cannot be addressed in a URL",
                op.describe()
            ))
            .with_hint("URLs resolve “.” and “..” away. Use the Connect REST API from a client that sends the path as-is, or recreate the connector under another name."),
        );
    }
    let create = matches!(op, Operation::Create { .. });
    if flavor == Flavor::Apache && op.is_mutating() && !create && name.contains(';') {
        return Some(
            ApiError::invalid_input(format!(
                "Did not {}: Kafka Connect may apply it to another connector (the name contains “;”)",
                op.describe()
            ))
            .with_hint("A worker that forwards the request to the leader cuts the name at “;”. Send it to the leader worker directly, or recreate the connector without “;”."),
        );
    }
    None
}

fn not_listed(op: &Operation<'_>, name: &str) -> ApiError {
    ApiError::new(
        ErrorKind::NotFound,
        format!(
            "Could not {}: connector “{name}” is not listed",
            op.describe()
        ),
    )
    .with_status(404)
    .with_hint("It may have been deleted or renamed meanwhile: refresh the list.")
}

/// Which capability `op` needs that `caps` lacks, as a phrase for the error message.
fn missing_capability(op: &Operation<'_>, caps: &Capabilities) -> Option<&'static str> {
    use Operation as O;
    let (ok, what) = match op {
        O::ServerInfo => (caps.server_info, "reading the server version"),
        O::Health => (caps.health, "the health endpoint"),
        O::ListClusters => (caps.list_clusters, "listing Connect clusters"),
        O::ListConnectors | O::ListConnectorStatuses | O::ConnectorNames => (true, ""),
        O::OffsetsRequestStatus(_) => (
            caps.offsets_via_request,
            "offsets requests (Confluent Cloud only)",
        ),
        O::Connector(_) => (caps.connector_detail, "reading a connector's details"),
        O::Status(_) => (caps.connector_status, "reading a connector's status"),
        O::Config(_) => (caps.connector_config, "reading a connector's config"),
        O::Tasks(_) => (caps.tasks, "listing a connector's tasks"),
        O::Create { .. } => (caps.create, "creating connectors"),
        O::PutConfig { .. } => (caps.put_config, "updating a connector's config"),
        O::PatchConfig { .. } => (caps.patch_config, "patching a connector's config"),
        O::Delete(_) => (caps.delete, "deleting connectors"),
        O::Pause(_) | O::Resume(_) => (caps.pause_resume, "pausing and resuming"),
        O::Stop(_) => (caps.stop, "stopping connectors"),
        O::Restart { .. } => (caps.restart, "restarting connectors"),
        O::RestartTask { .. } => (caps.restart_task, "restarting a single task"),
        O::Validate { .. } => (caps.validate, "validating a config"),
        O::Plugins { .. } => (caps.plugins, "listing plugins"),
        O::PluginConfig(_) => (caps.plugin_config, "reading plugin config definitions"),
        O::Offsets(_) => (caps.offsets_read, "reading offsets"),
        O::AlterOffsets { .. } => (caps.offsets_alter, "altering offsets"),
        O::ResetOffsets(_) => (caps.offsets_reset, "resetting offsets"),
        O::Topics(_) => (caps.topics, "reading active topics"),
        O::ResetTopics(_) => (caps.topics_reset, "resetting active topics"),
        O::Loggers | O::SetLogger { .. } => (caps.loggers, "changing log levels"),
    };
    (!ok).then_some(what)
}

// ---- copy-as-curl helpers ----------------------------------------------------------------

fn is_secret_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    [
        "password",
        "secret",
        "token",
        "api.key",
        "apikey",
        "jaas.config",
        "credentials",
        "private.key",
    ]
    .iter()
    .any(|s| k.contains(s))
}

fn env_var_name(key: &str) -> String {
    let mut out: String = key
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    if out.starts_with(|c: char| c.is_ascii_digit()) || out.is_empty() {
        out.insert(0, '_');
    }
    out
}

/// Pretty-prints `body` with secret-looking config values replaced by unique markers, and
/// returns the (marker, variable) pairs.
fn redact_body(body: &str, secret_keys: &[String]) -> (String, Vec<(String, String)>) {
    let mut vars = Vec::new();
    let Ok(mut value) = serde_json::from_str::<serde_json::Value>(body) else {
        return (body.to_string(), vars);
    };
    fn walk(v: &mut serde_json::Value, secret_keys: &[String], vars: &mut Vec<(String, String)>) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, v) in map.iter_mut() {
                    match v {
                        serde_json::Value::String(s)
                            if (is_secret_key(k) || secret_keys.contains(k))
                                && !s.trim_start().starts_with("${") =>
                        {
                            let var = env_var_name(k);
                            let marker = format!("__CONNECT_CONSOLE_SECRET_{}__", vars.len());
                            vars.push((marker.clone(), var));
                            *s = marker;
                        }
                        _ => walk(v, secret_keys, vars),
                    }
                }
            }
            serde_json::Value::Array(items) => {
                items.iter_mut().for_each(|i| walk(i, secret_keys, vars))
            }
            _ => {}
        }
    }
    walk(&mut value, secret_keys, &mut vars);
    let pretty = serde_json::to_string_pretty(&value).unwrap_or_else(|_| body.to_string());
    (pretty, vars)
}

/// Single-quotes `s` for a POSIX shell, splicing `"$VAR"` in place of each marker.
fn shell_quote_with_vars(s: &str, vars: &[(String, String)]) -> String {
    let mut quoted = format!("'{}'", s.replace('\'', "'\\''"));
    for (marker, var) in vars {
        quoted = quoted.replace(marker.as_str(), &format!("'\"${var}\"'"));
    }
    quoted
}

/// Quotes a URL; a leading `$CONNECT_ORIGIN` stays expandable.
fn shell_word_with_vars(url: &str) -> String {
    match url.strip_prefix("$CONNECT_ORIGIN") {
        Some(rest) => format!("\"$CONNECT_ORIGIN\"'{}'", rest.replace('\'', "'\\''")),
        None => format!("'{}'", url.replace('\'', "'\\''")),
    }
}
