//! [`DetailStore`]: one connector's detail screen. The connector's status comes from the
//! polling [`ConnectorsStore`] row (no second poll loop); everything else is fetched on demand
//! through the cluster registry's client: the plugin's config definitions (to mask PASSWORD
//! values), task configs, offsets, active topics. It also runs the lifecycle actions, the
//! restart with options (whose 202 answer shows RESTARTING at once), delete, topic reset and
//! the guided offsets flow (stop → wait until STOPPED → alter/reset → resume), each with the
//! server's message or error.

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::form::secret::SecretPolicy;
use crate::form::types::ConfigType;
use crate::protocol::transport::Transport;
use crate::protocol::{
    ApiError, Capabilities, ConnectClient, ConnectorOffsets, ConnectorStatus, ErrorKind,
    OffsetsRequestStatus, Operation, RestartOptions, State, TaskInfo,
};
use crate::state::actions::ConnectorAction;
use crate::state::activity::Subject;
use crate::state::detail::{OffsetsAfter, OffsetsPlan, StepStatus};
use crate::state::reconcile::{ConnectorRow, RowKey};
use crate::state::rollup::Reachability;
use crate::stores::clusters::ClusterRegistry;
use crate::stores::connectors::ConnectorsStore;
use crate::web::transport::BrowserTransport;

/// Something fetched on demand.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Load<T> {
    #[default]
    Idle,
    Loading,
    Ready(T),
    Failed(ApiError),
}

impl<T> Load<T> {
    pub fn is_loading(&self) -> bool {
        matches!(self, Load::Loading)
    }

    pub fn ready(&self) -> Option<&T> {
        match self {
            Load::Ready(t) => Some(t),
            _ => None,
        }
    }
}

/// The result of an action for the toaster: a title and the server's message or error.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Done {
        title: String,
        message: Option<String>,
    },
    Failed {
        title: String,
        error: ApiError,
    },
}

/// Whether the connector exists, as far as the screen can tell.
#[derive(Clone, Debug, PartialEq)]
pub enum Presence {
    /// The cluster id is not configured.
    UnknownCluster,
    /// Waiting for the cluster's first listing.
    Loading,
    /// The cluster could not be reached and no row is known.
    Unreachable(Option<String>),
    /// The listing does not have it (never existed, or deleted).
    Missing,
    Present(Arc<ConnectorRow>),
}

/// One step of the guided offsets flow as shown.
#[derive(Clone, Debug, PartialEq)]
pub struct FlowStep {
    pub label: String,
    pub status: StepStatus,
}

/// How long the flow waits for the connector to report STOPPED.
const STOP_WAIT_MS: u32 = 30_000;
const STOP_POLL_MS: u32 = 700;
/// How long the flow follows a Confluent Cloud offsets request, and how often it asks.
const REQUEST_WAIT_MS: u32 = 120_000;
const REQUEST_POLL_MS: u32 = 2_000;

/// The detail screen's store. Cheap to copy; create one per screen with [`DetailStore::new`].
#[derive(Clone, Copy)]
pub struct DetailStore {
    key: StoredValue<RowKey>,
    registry: ClusterRegistry,
    connectors: ConnectorsStore,
    secret_policy: RwSignal<Load<SecretPolicy>>,
    policy_class: StoredValue<Option<String>>,
    task_configs: RwSignal<Load<Vec<TaskInfo>>>,
    offsets: RwSignal<Load<ConnectorOffsets>>,
    topics: RwSignal<Load<Vec<String>>>,
    restart_snapshot: RwSignal<Option<ConnectorStatus>>,
    /// When the restart answer arrived (epoch ms): the first listing after it ends the snapshot.
    restart_at: StoredValue<u64>,
    busy: RwSignal<Option<String>>,
    flow: RwSignal<Vec<FlowStep>>,
    flow_running: RwSignal<bool>,
    outcomes: RwSignal<Vec<Outcome>>,
    deleted: RwSignal<bool>,
}

impl DetailStore {
    pub fn new(registry: ClusterRegistry, connectors: ConnectorsStore, key: RowKey) -> Self {
        let store = DetailStore {
            key: StoredValue::new(key),
            registry,
            connectors,
            secret_policy: RwSignal::new(Load::Idle),
            policy_class: StoredValue::new(None),
            task_configs: RwSignal::new(Load::Idle),
            offsets: RwSignal::new(Load::Idle),
            topics: RwSignal::new(Load::Idle),
            restart_snapshot: RwSignal::new(None),
            restart_at: StoredValue::new(0),
            busy: RwSignal::new(None),
            flow: RwSignal::new(Vec::new()),
            flow_running: RwSignal::new(false),
            outcomes: RwSignal::new(Vec::new()),
            deleted: RwSignal::new(false),
        };
        // The first listing that succeeds after a restart's answer ends its RESTARTING snapshot
        // (even when the row is unchanged: a task that failed again reads as before).
        Effect::new(move |_| {
            let cluster = store.key.with_value(|k| k.cluster.clone());
            let last = store
                .connectors
                .cluster_health(&cluster)
                .and_then(|h| h.last_success_ms);
            if store.restart_snapshot.with(Option::is_some)
                && last.is_some_and(|t| t > store.restart_at.get_value())
            {
                store.restart_snapshot.set(None);
            }
        });
        store
    }

    pub fn key(&self) -> RowKey {
        self.key.get_value()
    }

    fn client(&self) -> Result<ConnectClient<BrowserTransport>, ApiError> {
        let cluster = self.key.with_value(|k| k.cluster.clone());
        let client = self
            .registry
            .client(&cluster)
            .ok_or_else(|| ApiError::invalid_input(format!("Unknown cluster “{cluster}”.")))?;
        Ok(match self.connectors.server_info_untracked(&cluster) {
            Some(info) => client.with_server_info(info),
            None => client,
        })
    }

    // ---- reads ---------------------------------------------------------------------------

    /// The connector's row from the polling store (tracked; follows rows appearing later).
    pub fn row_memo(&self) -> Memo<Option<Arc<ConnectorRow>>> {
        let connectors = self.connectors;
        let key = self.key;
        Memo::new(move |_| {
            connectors.keys().track();
            key.with_value(|k| connectors.row(k)).map(|s| s.get())
        })
    }

    /// Whether the connector is there, loading, missing, or its cluster unknown (tracked).
    pub fn presence(&self) -> Signal<Presence> {
        let row = self.row_memo();
        let store = *self;
        Signal::derive(move || {
            let cluster = store.key.with_value(|k| k.cluster.clone());
            if store.registry.cluster(&cluster).is_none() {
                return if store.registry.config_loaded().get() {
                    Presence::UnknownCluster
                } else {
                    Presence::Loading
                };
            }
            if let Some(r) = row.get() {
                return Presence::Present(r);
            }
            match store.connectors.cluster_health(&cluster) {
                // Just created here: the cluster lists it once it has a status.
                Some(h)
                    if h.last_success_ms.is_some()
                        && store.key.with_value(|k| store.connectors.is_expected(k)) =>
                {
                    Presence::Loading
                }
                Some(h) if h.last_success_ms.is_some() => Presence::Missing,
                Some(h) if h.reachability == Reachability::Unreachable => {
                    Presence::Unreachable(h.last_error_text())
                }
                _ => Presence::Loading,
            }
        })
    }

    /// What the cluster can do (tracked on the cluster's server info).
    pub fn capabilities(&self) -> Signal<Capabilities> {
        let store = *self;
        Signal::derive(move || {
            let cluster = store.key.with_value(|k| k.cluster.clone());
            let info = store.connectors.server_info(&cluster);
            match store.registry.client(&cluster) {
                Some(c) => c.capabilities(info.as_ref()),
                None => Capabilities::default(),
            }
        })
    }

    pub fn read_only(&self) -> Signal<bool> {
        self.registry.read_only()
    }

    /// The cluster's display name (its id when unknown).
    pub fn cluster_label(&self) -> Signal<String> {
        let store = *self;
        Signal::derive(move || {
            let id = store.key.with_value(|k| k.cluster.to_string());
            store.registry.cluster(&id).map(|c| c.name).unwrap_or(id)
        })
    }

    /// The statuses a restart answered with (RESTARTING), until the next read.
    pub fn restart_snapshot(&self) -> ReadSignal<Option<ConnectorStatus>> {
        self.restart_snapshot.read_only()
    }

    /// The action in progress ("Pausing…"), if any.
    pub fn busy(&self) -> ReadSignal<Option<String>> {
        self.busy.read_only()
    }

    /// True once the connector was deleted from this screen.
    pub fn deleted(&self) -> ReadSignal<bool> {
        self.deleted.read_only()
    }

    /// Results to toast; the view takes them with [`DetailStore::take_outcomes`].
    pub fn outcomes(&self) -> ReadSignal<Vec<Outcome>> {
        self.outcomes.read_only()
    }

    pub fn take_outcomes(&self) -> Vec<Outcome> {
        let mut out = Vec::new();
        self.outcomes.try_update(|o| out = std::mem::take(o));
        out
    }

    fn report(&self, outcome: Outcome) {
        self.outcomes.try_update(|o| o.push(outcome));
    }

    /// Records a change sent for `key`'s connector in the activity log.
    fn log_activity(
        &self,
        key: &RowKey,
        action: impl Into<String>,
        result: Result<Option<String>, &ApiError>,
    ) {
        self.connectors.activity().record(
            &key.cluster,
            Subject::Connector(key.name.to_string()),
            action,
            result.map_err(ApiError::to_string),
        );
    }

    // ---- config --------------------------------------------------------------------------

    /// The secret policy for the connector's class (PASSWORD types from the plugin's config
    /// definitions); names and references only until it loads or when the cluster cannot say.
    pub fn secret_policy(&self) -> Signal<SecretPolicy> {
        let p = self.secret_policy;
        Signal::derive(move || {
            p.with(|l| l.ready().cloned())
                .unwrap_or_else(SecretPolicy::names_only)
        })
    }

    pub fn secret_policy_state(&self) -> ReadSignal<Load<SecretPolicy>> {
        self.secret_policy.read_only()
    }

    /// Loads the config definitions of `class` once (again only if the class changes).
    pub fn load_secret_policy(&self, class: &str) {
        if self
            .policy_class
            .with_value(|c| c.as_deref() == Some(class))
            && !matches!(self.secret_policy.get_untracked(), Load::Failed(_))
        {
            return;
        }
        self.policy_class.set_value(Some(class.to_string()));
        let store = *self;
        let class = class.to_string();
        let client = match self.client() {
            Ok(c) => c,
            Err(e) => {
                self.secret_policy.set(Load::Failed(e));
                return;
            }
        };
        if !client.capabilities(None).plugin_config {
            self.secret_policy
                .set(Load::Ready(SecretPolicy::names_only()));
            return;
        }
        self.secret_policy.set(Load::Loading);
        spawn_local(async move {
            let result = client.plugin_config(&class).await.map(|defs| {
                SecretPolicy::from_types(
                    defs.into_iter()
                        .map(|d| (d.name, ConfigType::parse(&d.kind))),
                )
            });
            store.secret_policy.try_set(match result {
                Ok(p) => Load::Ready(p),
                Err(e) => Load::Failed(e),
            });
        });
    }

    /// `curl` for re-creating the connector with its masked config (credentials and secret
    /// values as shell variables).
    /// A curl command that applies `config` to this connector; the values under
    /// `secret_keys` become shell variables (references are kept as they are).
    pub fn curl_for_config(
        &self,
        config: &crate::protocol::ConfigMap,
        secret_keys: &[String],
    ) -> Result<String, ApiError> {
        let client = self.client()?;
        let name = self.key.with_value(|k| k.name.clone());
        client.curl_command_with_secrets(
            &Operation::PutConfig {
                name: &name,
                config,
            },
            secret_keys,
        )
    }

    // ---- task configs, offsets, topics ----------------------------------------------------

    pub fn task_configs(&self) -> ReadSignal<Load<Vec<TaskInfo>>> {
        self.task_configs.read_only()
    }

    pub fn load_task_configs(&self) {
        self.fetch(
            self.task_configs,
            |c, name| async move { c.tasks(&name).await },
        );
    }

    pub fn offsets(&self) -> ReadSignal<Load<ConnectorOffsets>> {
        self.offsets.read_only()
    }

    pub fn load_offsets(&self) {
        self.fetch(
            self.offsets,
            |c, name| async move { c.offsets(&name).await },
        );
    }

    pub fn topics(&self) -> ReadSignal<Load<Vec<String>>> {
        self.topics.read_only()
    }

    pub fn load_topics(&self) {
        self.fetch(self.topics, |c, name| async move { c.topics(&name).await });
    }

    fn fetch<T, F, Fut>(&self, target: RwSignal<Load<T>>, f: F)
    where
        T: Send + Sync + 'static,
        F: FnOnce(ConnectClient<BrowserTransport>, String) -> Fut + 'static,
        Fut: std::future::Future<Output = Result<T, ApiError>> + 'static,
    {
        let client = match self.client() {
            Ok(c) => c,
            Err(e) => {
                target.set(Load::Failed(e));
                return;
            }
        };
        let name = self.key.with_value(|k| k.name.to_string());
        target.set(Load::Loading);
        spawn_local(async move {
            let r = f(client, name).await;
            target.try_set(match r {
                Ok(v) => Load::Ready(v),
                Err(e) => Load::Failed(e),
            });
        });
    }

    // ---- lifecycle -----------------------------------------------------------------------

    /// Pause, resume, stop, restart a task, or delete, through the connectors store (pending
    /// marker on the row, read-only enforced, refresh after). The outcome is toasted.
    pub fn act(&self, action: ConnectorAction) {
        if let ConnectorAction::Restart(opts) = action {
            self.restart(opts);
            return;
        }
        let store = *self;
        let key = self.key();
        self.busy.set(Some(action.progress_label()));
        spawn_local(async move {
            let name = key.name.clone();
            let result = store.connectors.run(key, action).await;
            store.busy.try_set(None);
            match result {
                // The page leaves: the app's notice (not this page's outcome line) says it.
                Ok(note) if action == ConnectorAction::Delete => {
                    store.connectors.notify_done(action, &name, note);
                    store.deleted.try_set(true);
                }
                Ok(note) => store.report(Outcome::Done {
                    title: format!("{}: {name}", action.label()),
                    message: note,
                }),
                Err(error) => store.report(Outcome::Failed {
                    title: format!("{} failed: {name}", action.label()),
                    error,
                }),
            }
        });
    }

    /// Restarts the connector with options. Apache answers 202 with every restarted
    /// instance in RESTARTING; that snapshot is shown until the next read.
    pub fn restart(&self, opts: RestartOptions) {
        let store = *self;
        let action = ConnectorAction::Restart(opts);
        let client = match self.client() {
            Ok(c) => c,
            Err(error) => {
                self.report(Outcome::Failed {
                    title: format!("{} failed", action.label()),
                    error,
                });
                return;
            }
        };
        if self.registry.read_only().get_untracked() {
            self.report(Outcome::Failed {
                title: format!("{} refused", action.label()),
                error: ApiError::read_only("restart"),
            });
            return;
        }
        let key = self.key();
        self.busy.set(Some(action.progress_label()));
        spawn_local(async move {
            let result = client.restart(&key.name, opts).await;
            store.busy.try_set(None);
            store.log_activity(&key, action.label(), result.as_ref().map(|_| None));
            match result {
                Ok(snapshot) => {
                    let restarting = snapshot.as_ref().map(|s| {
                        let tasks = s
                            .tasks
                            .iter()
                            .filter(|t| t.state == State::Restarting)
                            .count();
                        let conn = s.connector.state == State::Restarting;
                        match (conn, tasks) {
                            (true, 0) => "The connector is restarting.".to_string(),
                            (true, n) => format!("The connector and {n} task(s) are restarting."),
                            (false, 0) => "Nothing needed a restart.".to_string(),
                            (false, n) => format!("{n} task(s) are restarting."),
                        }
                    });
                    store.restart_at.set_value(crate::web::page::now_ms());
                    store.restart_snapshot.try_set(snapshot);
                    store.report(Outcome::Done {
                        title: format!("{}: {}", action.label(), key.name),
                        message: restarting,
                    });
                }
                Err(error) => store.report(Outcome::Failed {
                    title: format!("{} failed: {}", action.label(), key.name),
                    error,
                }),
            }
            store.connectors.refresh(Some(&key.cluster));
        });
    }

    /// Resets the connector's active topics.
    pub fn reset_topics(&self) {
        let store = *self;
        let client = match self.client() {
            Ok(c) => c,
            Err(error) => {
                self.report(Outcome::Failed {
                    title: "Topic reset failed".into(),
                    error,
                });
                return;
            }
        };
        let key = self.key();
        let name = key.name.clone();
        self.busy.set(Some("Resetting topics…".into()));
        spawn_local(async move {
            let r = client.reset_topics(&name).await;
            store.busy.try_set(None);
            store.log_activity(&key, "Reset active topics", r.as_ref().map(|_| None));
            match r {
                Ok(()) => {
                    store.report(Outcome::Done {
                        title: format!("Active topics reset: {name}"),
                        message: None,
                    });
                    store.load_topics();
                }
                Err(error) => store.report(Outcome::Failed {
                    title: format!("Topic reset failed: {name}"),
                    error,
                }),
            }
        });
    }

    // ---- guided offsets flow -------------------------------------------------------------

    /// The steps of the running or last flow.
    pub fn flow(&self) -> ReadSignal<Vec<FlowStep>> {
        self.flow.read_only()
    }

    pub fn flow_running(&self) -> ReadSignal<bool> {
        self.flow_running.read_only()
    }

    pub fn clear_flow(&self) {
        if !self.flow_running.get_untracked() {
            self.flow.set(Vec::new());
        }
    }

    fn set_step(&self, i: usize, status: StepStatus) {
        self.flow.try_update(|f| {
            if let Some(s) = f.get_mut(i) {
                s.status = status;
            }
        });
    }

    /// Runs the guided flow: stop (if needed) → wait until STOPPED → alter (`Some`) or reset
    /// (`None`) → back to the state it had (resumed if it was running, paused if it was
    /// paused, left alone if it was stopped). Each step shows its server message;
    /// a failed step ends the flow (and says the connector is left stopped).
    pub fn change_offsets(
        &self,
        alter: Option<ConnectorOffsets>,
        plan: OffsetsPlan,
        change_label: String,
    ) {
        if self.flow_running.get_untracked() {
            return;
        }
        let client = match self.client() {
            Ok(c) => c,
            Err(error) => {
                self.report(Outcome::Failed {
                    title: "Offsets unchanged".into(),
                    error,
                });
                return;
            }
        };
        let store = *self;
        let key = self.key();
        let activity_label = change_label.clone();
        let steps: Vec<FlowStep> = plan
            .steps(&change_label)
            .into_iter()
            .map(|label| FlowStep {
                label,
                status: StepStatus::Waiting,
            })
            .collect();
        self.flow.set(steps);
        self.flow_running.set(true);
        spawn_local(async move {
            let mut i = 0;
            let result: Result<String, (usize, ApiError)> = async {
                if plan.stop_first {
                    store.set_step(i, StepStatus::Running);
                    client.stop(&key.name).await.map_err(|e| (i, e))?;
                    store.set_step(i, StepStatus::Done(Some("Stop request accepted.".into())));
                    i += 1;
                    store.set_step(i, StepStatus::Running);
                    let mut waited = 0;
                    loop {
                        let s = client.status(&key.name).await.map_err(|e| (i, e))?;
                        let tasks_gone = s.tasks.is_empty();
                        if s.connector.state == State::Stopped && tasks_gone {
                            break;
                        }
                        if waited >= STOP_WAIT_MS {
                            return Err((
                                i,
                                ApiError::new(
                                    ErrorKind::Timeout,
                                    format!(
                                        "The connector is still {} after {} s",
                                        s.connector.state,
                                        STOP_WAIT_MS / 1000
                                    ),
                                )
                                .with_hint("Check the worker logs, then retry."),
                            ));
                        }
                        client.transport().sleep(STOP_POLL_MS).await;
                        waited += STOP_POLL_MS;
                    }
                    store.set_step(
                        i,
                        StepStatus::Done(Some("The connector is STOPPED.".into())),
                    );
                    store.connectors.refresh(Some(&key.cluster));
                    i += 1;
                }
                store.set_step(i, StepStatus::Running);
                let (message, placed_at) = if plan.await_request {
                    client
                        .place_offsets_request(&key.name, alter.as_ref())
                        .await
                } else {
                    match &alter {
                        Some(o) => client.alter_offsets(&key.name, o).await,
                        None => client.reset_offsets(&key.name).await,
                    }
                    .map(|m| (m, None))
                }
                .map_err(|e| (i, e))?;
                store.set_step(i, StepStatus::Done(Some(message.clone())));
                i += 1;
                // A request the cluster applies later: followed until applied or failed.
                let message = if plan.await_request {
                    store.set_step(i, StepStatus::Running);
                    let applied = follow_offsets_request(&client, &key.name, placed_at.as_deref())
                        .await
                        .map_err(|e| (i, e))?;
                    let text = applied
                        .message
                        .unwrap_or_else(|| "The cluster has applied the request.".into());
                    store.set_step(i, StepStatus::Done(Some(text.clone())));
                    i += 1;
                    text
                } else {
                    message
                };
                // Back to the state it had (resumed or paused again), or left as it is.
                if plan.then != OffsetsAfter::Nothing {
                    store.set_step(i, StepStatus::Running);
                    let pause = plan.then == OffsetsAfter::Pause;
                    let (sent, done) = if pause {
                        (client.pause(&key.name).await, "Pause request accepted.")
                    } else {
                        (client.resume(&key.name).await, "Resume request accepted.")
                    };
                    sent.map_err(|e| (i, e))?;
                    store.set_step(i, StepStatus::Done(Some(done.into())));
                }
                Ok(message)
            }
            .await;
            store.log_activity(
                &key,
                &activity_label,
                result.as_ref().map(|m| Some(m.clone())).map_err(|(_, e)| e),
            );
            match result {
                Ok(message) => store.report(Outcome::Done {
                    title: format!("Offsets changed: {}", key.name),
                    message: Some(message),
                }),
                Err((at, error)) => {
                    let mut text = error.message.clone();
                    if plan.stop_first && at >= 2 {
                        text.push_str(match plan.then {
                            OffsetsAfter::Pause => {
                                " The connector was left STOPPED; pause it again when ready."
                            }
                            _ => " The connector was left STOPPED; resume it when ready.",
                        });
                    }
                    store.set_step(at, StepStatus::Failed(text));
                    store.flow.try_update(|f| {
                        for s in f.iter_mut().skip(at + 1) {
                            s.status = StepStatus::Skipped;
                        }
                    });
                    store.report(Outcome::Failed {
                        title: format!("Offsets change failed: {}", key.name),
                        error,
                    });
                }
            }
            store.flow_running.try_set(false);
            store.connectors.refresh(Some(&key.cluster));
            store.load_offsets();
        });
    }
}

/// Groups a status's tasks by id for quick lookup (the restart snapshot overlay).
pub fn snapshot_states(s: &ConnectorStatus) -> (State, BTreeMap<u32, State>) {
    (
        s.connector.state.clone(),
        s.tasks.iter().map(|t| (t.id, t.state.clone())).collect(),
    )
}

/// Follows a Confluent Cloud offsets request placed at `placed_at` (its status every
/// [`REQUEST_POLL_MS`], at most [`REQUEST_WAIT_MS`]) until the cluster reports it applied;
/// a FAILED request, a failed read or the time running out is the error shown at the step.
/// The status of an earlier request is no answer yet.
async fn follow_offsets_request(
    client: &ConnectClient<BrowserTransport>,
    name: &str,
    placed_at: Option<&str>,
) -> Result<OffsetsRequestStatus, ApiError> {
    let mut waited = 0;
    loop {
        client.transport().sleep(REQUEST_POLL_MS).await;
        waited += REQUEST_POLL_MS;
        let s = client.offsets_request_status(name).await.map_err(|e| {
            e.with_hint(
                "The request was accepted: the cluster may still apply it. Reload the offsets later.",
            )
        })?;
        let ours = s.is_for(placed_at);
        if ours && s.applied() {
            return Ok(s);
        }
        if ours && s.failed() {
            return Err(ApiError::new(
                ErrorKind::Server,
                s.message
                    .unwrap_or_else(|| "The cluster reports the offsets request FAILED.".into()),
            )
            .with_hint("The offsets are unchanged; check them and retry."));
        }
        if waited >= REQUEST_WAIT_MS {
            let phase = if ours {
                s.phase.as_str()
            } else {
                "not reported"
            };
            return Err(ApiError::new(
                ErrorKind::Timeout,
                format!(
                    "The offsets request is still {phase} after {} s",
                    REQUEST_WAIT_MS / 1000
                ),
            )
            .with_hint("The cluster may still apply it: reload the offsets later."));
        }
    }
}
