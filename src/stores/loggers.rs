//! [`LoggersStore`]: log levels of one Connect worker (`GET /admin/loggers`) and changing them
//! at worker or cluster scope. The endpoint answers for the worker it is sent to, so the store
//! can address one worker directly (its `host:port` from the statuses, with the cluster's
//! scheme and credentials) or go through the cluster's URL, where whichever worker (or the
//! proxy's choice) answers.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::protocol::model::Flavor;
use crate::protocol::transport::Transport;
use crate::protocol::{ApiError, Capabilities, ConnectClient, LoggerLevel, LoggerScope};
use crate::state::activity::Subject;
use crate::state::detail::worker_base_url;
use crate::stores::clusters::ClusterRegistry;
use crate::stores::connectors::ConnectorsStore;
use crate::stores::detail::{Load, Outcome};
use crate::web::transport::BrowserTransport;

/// Log levels of one cluster/worker at a time. Cheap to copy; create one per screen.
#[derive(Clone, Copy)]
pub struct LoggersStore {
    registry: ClusterRegistry,
    connectors: ConnectorsStore,
    loggers: RwSignal<Load<BTreeMap<String, LoggerLevel>>>,
    outcomes: RwSignal<Vec<Outcome>>,
    busy: RwSignal<Option<String>>,
    generation: StoredValue<u64>,
}

impl LoggersStore {
    pub fn new(registry: ClusterRegistry, connectors: ConnectorsStore) -> Self {
        LoggersStore {
            registry,
            connectors,
            loggers: RwSignal::new(Load::Idle),
            outcomes: RwSignal::new(Vec::new()),
            busy: RwSignal::new(None),
            generation: StoredValue::new(0),
        }
    }

    pub fn capabilities(&self, cluster: &str) -> Capabilities {
        let info = self.connectors.server_info(cluster);
        self.registry
            .client(cluster)
            .map(|c| c.capabilities(info.as_ref()))
            .unwrap_or_default()
    }

    /// Worker ids seen in the cluster's statuses (tracked).
    pub fn workers(&self, cluster: &str) -> Vec<String> {
        self.connectors
            .workers(cluster)
            .workers
            .into_iter()
            .map(|w| w.worker_id)
            .collect()
    }

    /// Whether `cluster` can address workers one by one (an absolute base URL; a proxied
    /// origin-relative path reaches whichever worker the proxy picks).
    pub fn can_address_workers(&self, cluster: &str) -> bool {
        // Only Kafka Connect workers serve /admin/loggers; the worker ids other flavors
        // report (Redpanda's internal addresses, Confluent Cloud's connector names) are not.
        self.registry.cluster(cluster).is_some_and(|c| {
            c.flavor == Flavor::Apache && worker_base_url(&c.base_url, "w:1").is_some()
        })
    }

    /// The cluster's base URL as configured (for the "answered by" note).
    pub fn cluster_url(&self, cluster: &str) -> Option<String> {
        self.registry.cluster(cluster).map(|c| c.base_url)
    }

    /// Starts a read of `worker`'s loggers: its client and the read's generation (a newer
    /// read supersedes it). A client that cannot be made is shown in place of the loggers.
    fn begin_read(
        &self,
        cluster: &str,
        worker: Option<&str>,
    ) -> Option<(ConnectClient<BrowserTransport>, u64)> {
        // `try_`: a change's follow-up read may start after its page was left.
        match self.client(cluster, worker) {
            Ok(client) => {
                let mine = self.generation.try_update_value(|g| {
                    *g += 1;
                    *g
                })?;
                Some((client, mine))
            }
            Err(e) => {
                self.loggers.try_set(Load::Failed(e));
                None
            }
        }
    }

    fn client(
        &self,
        cluster: &str,
        worker: Option<&str>,
    ) -> Result<ConnectClient<BrowserTransport>, ApiError> {
        let client = self
            .registry
            .client(cluster)
            .ok_or_else(|| ApiError::invalid_input(format!("Unknown cluster “{cluster}”.")))?;
        let client = match self.connectors.server_info_untracked(cluster) {
            Some(info) => client.with_server_info(info),
            None => client,
        };
        let Some(worker) = worker else {
            return Ok(client);
        };
        let mut target = client.target().clone();
        target.base_url = worker_base_url(&target.base_url, worker).ok_or_else(|| {
            ApiError::invalid_input(format!(
                "Worker “{worker}” cannot be addressed directly through this cluster's URL."
            ))
        })?;
        let mut direct = ConnectClient::new(target, client.transport().clone())
            .with_read_only(client.read_only());
        if let Some(info) = client.detected_server_info() {
            direct = direct.with_server_info(info);
        }
        Ok(direct)
    }

    pub fn loggers(&self) -> ReadSignal<Load<BTreeMap<String, LoggerLevel>>> {
        self.loggers.read_only()
    }

    pub fn busy(&self) -> ReadSignal<Option<String>> {
        self.busy.read_only()
    }

    pub fn take_outcomes(&self) -> Vec<Outcome> {
        let mut out = Vec::new();
        self.outcomes.try_update(|o| out = std::mem::take(o));
        out
    }

    pub fn outcomes(&self) -> ReadSignal<Vec<Outcome>> {
        self.outcomes.read_only()
    }

    /// Loads the loggers of `worker` (or of whichever worker answers at the cluster's URL).
    pub fn load(&self, cluster: &str, worker: Option<&str>) {
        let Some((client, mine)) = self.begin_read(cluster, worker) else {
            return;
        };
        let store = *self;
        self.loggers.try_set(Load::Loading);
        spawn_local(async move {
            let r = client.loggers().await;
            if store.generation.try_get_value() != Some(mine) {
                return;
            }
            store.loggers.try_set(match r {
                Ok(v) => Load::Ready(v),
                Err(e) => Load::Failed(e),
            });
        });
    }

    /// Sets `logger` to `level` at `scope`, then reloads the same worker's loggers.
    pub fn set_level(
        &self,
        cluster: &str,
        worker: Option<&str>,
        logger: &str,
        level: &str,
        scope: LoggerScope,
    ) {
        let client = match self.client(cluster, worker) {
            Ok(c) => c,
            Err(error) => {
                self.outcomes.update(|o| {
                    o.push(Outcome::Failed {
                        title: "Log level unchanged".into(),
                        error,
                    })
                });
                return;
            }
        };
        let store = *self;
        let (cluster, worker) = (cluster.to_string(), worker.map(str::to_string));
        let (logger, level) = (logger.to_string(), level.to_string());
        self.busy.set(Some(format!("Setting {logger} to {level}…")));
        spawn_local(async move {
            let r = client.set_logger(&logger, &level, scope).await;
            store.busy.try_set(None);
            let outcome = match r {
                Ok(changed) => Outcome::Done {
                    title: format!("{logger} set to {level}"),
                    message: Some(match scope {
                        LoggerScope::Cluster => {
                            "Cluster scope: every worker applies it shortly.".to_string()
                        }
                        LoggerScope::Worker if changed.is_empty() => {
                            "Changed on the worker that answered.".to_string()
                        }
                        LoggerScope::Worker => format!(
                            "Changed on the worker that answered: {} logger(s) ({}).",
                            changed.len(),
                            changed
                                .iter()
                                .take(5)
                                .cloned()
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    }),
                },
                Err(error) => Outcome::Failed {
                    title: format!("Could not set {logger} to {level}"),
                    error,
                },
            };
            let scope_text = match (scope, worker.as_deref()) {
                (LoggerScope::Cluster, _) => "cluster scope".to_string(),
                (LoggerScope::Worker, Some(w)) => format!("worker {w}"),
                (LoggerScope::Worker, None) => "the worker that answered".to_string(),
            };
            store.connectors.activity().record(
                &cluster,
                Subject::Logger(logger.clone()),
                format!("Set level {level} ({scope_text})"),
                match &outcome {
                    Outcome::Done { message, .. } => Ok(message.clone()),
                    Outcome::Failed { error, .. } => Err(error.to_string()),
                },
            );
            let applied = matches!(outcome, Outcome::Done { .. });
            store.outcomes.try_update(|o| o.push(outcome));
            if applied && scope == LoggerScope::Cluster {
                store.await_level(&cluster, worker.as_deref(), &logger, &level);
            } else {
                store.load(&cluster, worker.as_deref());
            }
        });
    }

    /// After a cluster-scope change (204: every worker applies it from the config topic, a
    /// moment later): reads the worker's loggers until `logger` shows `level`, for up to
    /// [`SETTLE_READS`] reads half a second apart, so the table does not show the old level
    /// as if the change had been lost. The last read is shown either way, and a change still
    /// not seen after the last read is reported.
    fn await_level(&self, cluster: &str, worker: Option<&str>, logger: &str, level: &str) {
        let Some((client, mine)) = self.begin_read(cluster, worker) else {
            return;
        };
        let store = *self;
        let (logger, level) = (logger.to_string(), level.to_string());
        let note = format!("Waiting for the workers to apply {level} to {logger}…");
        store.busy.try_set(Some(note.clone()));
        // Clears the note if it is still this wait's (a newer change shows its own).
        let done_waiting = move || {
            store.busy.try_update(|b| {
                if b.as_deref() == Some(note.as_str()) {
                    *b = None;
                }
            });
        };
        spawn_local(async move {
            let mut last = None;
            let mut applied = false;
            for read in 0..SETTLE_READS {
                if read > 0 {
                    client.transport().sleep(500).await;
                }
                if store.generation.try_get_value() != Some(mine) {
                    done_waiting();
                    return; // another load or change took over
                }
                let r = client.loggers().await;
                let done = match &r {
                    Ok(v) => v
                        .get(&logger)
                        .is_some_and(|l| l.level.eq_ignore_ascii_case(&level)),
                    Err(_) => true,
                };
                let seen = done && r.is_ok();
                last = Some(r);
                if done {
                    applied = seen;
                    break;
                }
            }
            done_waiting();
            if store.generation.try_get_value() != Some(mine) {
                return;
            }
            if !applied && matches!(last, Some(Ok(_))) {
                store.outcomes.try_update(|o| {
                    o.push(Outcome::Done {
                        title: format!("{logger}: {level} not seen yet"),
                        message: Some(format!(
                            "The cluster accepted the change, but this worker still reported \
                             the old level after {} s. Reload to check again.",
                            SETTLE_READS / 2
                        )),
                    })
                });
            }
            if let Some(r) = last {
                store.loggers.try_set(match r {
                    Ok(v) => Load::Ready(v),
                    Err(e) => Load::Failed(e),
                });
            }
        });
    }
}

/// Reads of the loggers after a cluster-scope change, half a second apart (~10 s).
const SETTLE_READS: u32 = 20;
