//! [`ConnectorsStore`]: every connector of every cluster as keyed rows, kept fresh by polling,
//! with lifecycle and bulk actions.
//!
//! Each row lives in its own signal, so a refresh that changes one connector notifies only that
//! row's view; the list of keys changes only when connectors appear or disappear, and a single
//! `revision` counter tells filtered lists to re-run once per refresh. One expanded listing
//! request per cluster per refresh; each cluster polls on its own schedule (a slow or failing
//! cluster never delays another), backs off on errors, pauses while the tab is hidden and
//! refreshes on return. The worker's own health (`GET /health`) is probed at a slower
//! cadence and the server version re-read on reconnect (see `state::poll`), so a worker that
//! lost its broker shows as unhealthy and capabilities follow an upgrade. A network failure's
//! error carries the CORS/proxy help for that cluster's URL and this page's origin.
//! Actions go through here so read-only mode is enforced in one place
//! (and again by the client), pending markers show until a read confirms the action, and
//! results surface as notices.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::protocol::capabilities::Capabilities;
use crate::protocol::client::ConnectClient;
use crate::protocol::error::{cors_help, ApiError, ErrorKind};
use crate::protocol::model::{ClusterTarget, ConnectorListing, Flavor, ListingDelta, ServerInfo};
use crate::protocol::retry::RetryPolicy;
use crate::state::actions::{ConnectorAction, Pending};
use crate::state::activity::Subject;
use crate::state::bulk::{BulkRun, DEFAULT_BULK_CONCURRENCY};
use crate::state::events::{batch_message, document_title, EventLog, FailureEvent, FailureToasts};
use crate::state::poll::{listing_scope, Decision, ListingScope, PollState, RefreshReason};
use crate::state::query::{ListQuery, LiveQuery};
use crate::state::reconcile::{ClusterRows, ConnectorRow, ReconcileOutcome, RowKey};
use crate::state::rollup::{
    global_health, ClusterHealth, GlobalHealth, Reachability, WorkerCondition,
};
use crate::state::settings::ClusterEntry;
use crate::state::workers::{workers_of, ClusterWorkers};
use crate::stores::activity::ActivityStore;
use crate::stores::cancel::{cancellable, CancelHandle};
use crate::stores::clusters::ClusterRegistry;
use crate::web::page::{
    document_title as page_title, is_visible, notify, now_ms, origin, set_document_title, Interval,
    VisibilityListener,
};
use crate::web::transport::BrowserTransport;

/// How often the scheduler looks at the clusters' poll states.
const TICK_MS: u32 = 500;
/// How soon a cluster is read again while an accepted action waits for its outcome.
const CONFIRM_READ_MS: u64 = 1_000;

/// How long a connector just created here is shown as loading while its cluster does not
/// list it yet (Apache lists it once a worker reported its status, usually within a second).
pub const EXPECT_WINDOW_MS: u64 = 20_000;

/// A row's reactive handle: read it in a row view to re-render only when that row changes.
pub type RowSignal = ArcReadSignal<Arc<ConnectorRow>>;

/// Severity of a notice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeLevel {
    Success,
    Info,
    Warning,
    Error,
}

/// A message for the toaster (action results, new failures).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub id: u64,
    pub level: NoticeLevel,
    pub title: String,
    pub body: Option<String>,
}

struct Slot {
    entry: ClusterEntry,
    target: ClusterTarget,
    read_only: bool,
    /// Basic or bearer auth without a stored secret: polling reports it instead of sending.
    needs_secret: bool,
    client: ConnectClient<BrowserTransport>,
    /// The same cluster without the client's retry loop: a failed refresh is retried by the
    /// scheduler's backoff, so a down cluster costs one request per attempt.
    poll_client: ConnectClient<BrowserTransport>,
    rows: ClusterRows,
    poll: PollState,
    server: Option<ServerInfo>,
    in_flight: Option<(u64, CancelHandle)>,
    /// The worker's last health report.
    worker: WorkerCondition,
    health_probe: Option<CancelHandle>,
    /// When the last listing with configs (`expand=info`) was applied; see [`ListingScope`].
    last_full_ms: Option<u64>,
    /// The next listing must carry configs: a status-only one named a connector whose config
    /// is not known yet.
    full_due: bool,
    /// When a refresh that lists configs was last asked for (manual, tab shown again, new
    /// settings), until a full listing started after it is applied: the request may have
    /// been queued behind a listing in flight (it then starts from the timer), or the full
    /// listing cancelled and replaced by the read after an action.
    full_wanted: Option<u64>,
}

/// A refresh's answer: whether the version was read, the version if it was, the listing's
/// scope and when it started, and the listing.
type RefreshAnswer = (bool, Option<ServerInfo>, (ListingScope, u64), ListingDelta);

#[derive(Default)]
struct Inner {
    slots: BTreeMap<String, Slot>,
    signals: HashMap<RowKey, ArcRwSignal<Arc<ConnectorRow>>>,
    log: EventLog,
    /// Paces the failure toasts and notifications (one message per window in a storm).
    toasts: FailureToasts,
    /// The document title without the failure count, read when polling starts.
    base_title: String,
    /// The failure count the title shows (`None` until the first tick writes it).
    title_unseen: Option<usize>,
    next_notice: u64,
    bulk_cancel: Option<CancelHandle>,
    /// Connectors this page just created, awaited in their cluster's listing:
    /// (since, last refresh asked) in ms. Apache lists a new connector only once it has a
    /// status, so the first listing after a create often lacks it.
    expected: HashMap<RowKey, (u64, u64)>,
    // Keeps the timer and the visibility listener alive while polling runs.
    _interval: Option<Interval>,
    _visibility: Option<VisibilityListener>,
}

/// Connectors of every cluster. Cheap to copy; provided by `provide_stores`.
#[derive(Clone, Copy)]
pub struct ConnectorsStore {
    inner: StoredValue<Inner, LocalStorage>,
    keys: RwSignal<Vec<RowKey>>,
    revision: RwSignal<u64>,
    /// Bumped when the set of connector classes may have changed (not on every refresh).
    class_revision: RwSignal<u64>,
    health: RwSignal<BTreeMap<String, ClusterHealth>>,
    unseen: RwSignal<usize>,
    notices: RwSignal<Vec<Notice>>,
    bulk: RwSignal<Option<BulkRun>>,
    visible: RwSignal<bool>,
    registry: ClusterRegistry,
    activity: ActivityStore,
}

/// Adds the CORS/proxy help for `base_url` and this page's origin to a network failure (the
/// browser reports a CORS refusal and a down worker alike): a short actionable hint, and the
/// settings and proxy example in the detail, the browser's own words last.
fn with_connection_help(e: ApiError, base_url: &str) -> ApiError {
    if e.kind != ErrorKind::Network {
        return e;
    }
    let origin = origin();
    let hint = if base_url.starts_with('/') {
        "This cluster goes through a same-origin proxy: check that the proxy runs and its \
         upstream worker is up."
            .to_string()
    } else {
        format!(
            "If the worker is up, it refuses this page's origin: set \
             access.control.allow.origin={origin} and \
             access.control.allow.methods=GET,POST,PUT,PATCH,DELETE,HEAD,OPTIONS on every worker, \
             or reach it through a same-origin reverse proxy (details below)."
        )
    };
    let mut detail = cors_help(base_url, &origin);
    if let Some(raw) = e.detail.as_deref().filter(|d| !d.trim().is_empty()) {
        detail.push_str(&format!("\nThe browser said: {raw}"));
    }
    ApiError {
        hint: Some(hint),
        detail: Some(detail),
        ..e
    }
}

/// The client the scheduler polls with: `client` (sharing what it learnt of the server's
/// version) without a retry loop of its own (see `Slot::poll_client`).
fn polling_client(client: &ConnectClient<BrowserTransport>) -> ConnectClient<BrowserTransport> {
    client.clone().with_retry_policy(RetryPolicy::never())
}

fn error_text(e: &ApiError) -> String {
    match &e.hint {
        Some(h) => format!("{} {h}", e.message),
        None => e.message.clone(),
    }
}

impl ConnectorsStore {
    /// A store over `registry`'s clusters. Nothing is requested until
    /// [`ConnectorsStore::start`] (tests feed listings with [`ConnectorsStore::ingest`]).
    pub fn new(registry: ClusterRegistry) -> Self {
        ConnectorsStore {
            inner: StoredValue::new_local(Inner::default()),
            keys: RwSignal::new(Vec::new()),
            revision: RwSignal::new(0),
            class_revision: RwSignal::new(0),
            health: RwSignal::new(BTreeMap::new()),
            unseen: RwSignal::new(0),
            notices: RwSignal::new(Vec::new()),
            bulk: RwSignal::new(None),
            visible: RwSignal::new(true),
            registry,
            activity: ActivityStore::load(),
        }
    }

    /// The activity log every store records the changes it sends in.
    pub fn activity(&self) -> ActivityStore {
        self.activity
    }

    /// Starts polling: follows the registry's clusters, ticks the schedulers, pauses while
    /// hidden, and keeps the document title's failure count current.
    pub fn start(&self) {
        let store = *self;
        let registry = self.registry;
        Effect::new(move |_| {
            let clusters = registry.clusters().get();
            let read_only = registry.read_only().get();
            let interval = registry.poll_interval_ms().get();
            let secrets = registry.secrets_signal().get();
            store.sync_clusters(&clusters, read_only, interval, &secrets);
        });
        let base_title = match page_title() {
            t if t.is_empty() => "Connect Console".to_string(),
            t => t,
        };
        self.inner.update_value(|i| {
            i.base_title = base_title;
            i.title_unseen = None;
        });
        self.visible.set(is_visible());
        let interval = Interval::new(TICK_MS, move || store.tick());
        let visibility = VisibilityListener::new(move |visible| {
            store.visible.try_set(visible);
            if visible {
                store.request_all(RefreshReason::Visible);
            }
        });
        self.inner.update_value(|i| {
            i._interval = Some(interval);
            i._visibility = Some(visibility);
        });
        on_cleanup(move || {
            store.inner.try_update_value(|i| {
                i._interval = None;
                i._visibility = None;
                // Cancelled requests are also ended in the schedule, so a store started again
                // (an embedding host remounts the app) polls instead of waiting on them.
                for slot in i.slots.values_mut() {
                    if let Some((seq, h)) = slot.in_flight.take() {
                        h.cancel();
                        slot.poll.cancel(seq);
                    }
                    if let Some(h) = slot.health_probe.take() {
                        h.cancel();
                        slot.poll.finish_health(0);
                    }
                }
            });
        });
    }

    // ---- reads for views -----------------------------------------------------------------

    /// Every row key, sorted by cluster then name. Changes only when rows appear or vanish.
    pub fn keys(&self) -> ReadSignal<Vec<RowKey>> {
        self.keys.read_only()
    }

    /// Bumped once per refresh that changed any row: track it to recompute derived data.
    pub fn revision(&self) -> ReadSignal<u64> {
        self.revision.read_only()
    }

    /// A row's own signal (looked up untracked). Read it inside the row's view.
    pub fn row(&self, key: &RowKey) -> Option<RowSignal> {
        self.inner
            .with_value(|i| i.signals.get(key).map(|s| s.read_only()))
    }

    /// A row's current value, untracked.
    pub fn row_untracked(&self, key: &RowKey) -> Option<Arc<ConnectorRow>> {
        self.inner
            .with_value(|i| i.signals.get(key).map(|s| s.get_untracked()))
    }

    /// Filtered and sorted keys for a list view. Re-runs when the query changes or a refresh
    /// changed rows; returns an equal `Vec` (no notification) when nothing visible moved.
    pub fn query(&self, query: Signal<ListQuery>) -> Memo<Vec<RowKey>> {
        let inner = self.inner;
        let revision = self.revision;
        let keys = self.keys;
        // Incremental: a refresh that changed a few rows re-sorts only those (`LiveQuery`).
        let live = StoredValue::new_local(LiveQuery::default());
        Memo::new_owning(move |prev: Option<Vec<RowKey>>| {
            revision.track();
            keys.track();
            let changed = query.with(|q| {
                inner.with_value(|i| {
                    live.try_update_value(|l| {
                        l.update_rows(q, i.slots.iter().map(|(id, s)| (id.as_str(), &s.rows)))
                            .changed
                    })
                    .unwrap_or(true)
                })
            });
            match prev {
                Some(prev) if !changed => (prev, false),
                _ => (live.with_value(|l| l.keys().to_vec()), true),
            }
        })
    }

    /// The distinct short connector classes of these clusters' rows, sorted: the class
    /// filter's choices. Re-read only when rows appear, vanish or change class, and then the
    /// rows are borrowed, not collected.
    pub fn connector_classes<'a>(&self, clusters: impl Iterator<Item = &'a str>) -> Vec<String> {
        // Not `revision`: reading 10,000 rows' classes on every refresh that only changed
        // states cost ~14 ms per refresh in the profile.
        self.class_revision.track();
        self.inner.with_value(|i| {
            let mut set = rustc_hash::FxHashSet::default();
            for c in clusters {
                if let Some(s) = i.slots.get(c) {
                    s.rows.classes(&mut set);
                }
            }
            let mut names: Vec<String> = set.into_iter().map(str::to_string).collect();
            names.sort();
            names
        })
    }

    /// Number of connectors across clusters (tracked).
    pub fn len(&self) -> usize {
        self.keys.with(Vec::len)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Health cards of every cluster, by cluster id.
    pub fn health(&self) -> ReadSignal<BTreeMap<String, ClusterHealth>> {
        self.health.read_only()
    }

    /// One cluster's health card (tracked).
    pub fn cluster_health(&self, cluster: &str) -> Option<ClusterHealth> {
        self.health.with(|h| h.get(cluster).cloned())
    }

    /// The roll-up across clusters (tracked).
    pub fn global_health(&self) -> GlobalHealth {
        self.health.with(|h| global_health(h.values()))
    }

    /// Connectors and tasks per worker of one cluster (tracked by revision).
    pub fn workers(&self, cluster: &str) -> ClusterWorkers {
        self.revision.track();
        self.keys.track();
        self.inner.with_value(|i| {
            i.slots
                .get(cluster)
                .map(|s| workers_of(s.rows.rows().map(|r| r.as_ref())))
                .unwrap_or_default()
        })
    }

    /// The server info last read from a cluster (tracked by its health card).
    pub fn server_info(&self, cluster: &str) -> Option<ServerInfo> {
        self.health.track();
        self.server_info_untracked(cluster)
    }

    /// The server info last read from a cluster, for an action or a read about to be sent.
    /// Untracked: health changes on every poll, and an effect that starts a read must not
    /// start it again each time (a failing read would then be sent again on every poll).
    pub fn server_info_untracked(&self, cluster: &str) -> Option<ServerInfo> {
        self.inner
            .with_value(|i| i.slots.get(cluster).and_then(|s| s.server.clone()))
    }

    /// New failures not yet looked at (the title count).
    pub fn unseen_failures(&self) -> ReadSignal<usize> {
        self.unseen.read_only()
    }

    /// Recent failure events, newest first (tracked by the unseen count and revision).
    pub fn recent_failures(&self) -> Vec<FailureEvent> {
        self.unseen.track();
        self.revision.track();
        self.inner.with_value(|i| i.log.recent().cloned().collect())
    }

    pub fn mark_failures_seen(&self) {
        self.inner.update_value(|i| i.log.mark_seen());
        self.unseen.set(0);
    }

    /// Messages for the toaster; views remove the ones they showed with
    /// [`ConnectorsStore::take_notices`].
    pub fn notices(&self) -> ReadSignal<Vec<Notice>> {
        self.notices.read_only()
    }

    /// Takes the pending notices (the toaster bridge calls it after showing them).
    pub fn take_notices(&self) -> Vec<Notice> {
        let mut out = Vec::new();
        self.notices.try_update(|n| out = std::mem::take(n));
        out
    }

    /// Whether the tab is visible (polling pauses while hidden).
    pub fn page_visible(&self) -> ReadSignal<bool> {
        self.visible.read_only()
    }

    /// The bulk action in progress or last finished, with per-item results.
    pub fn bulk_run(&self) -> ReadSignal<Option<BulkRun>> {
        self.bulk.read_only()
    }

    /// Read-only mode in effect (actions are refused).
    pub fn read_only(&self) -> Signal<bool> {
        self.registry.read_only()
    }

    // ---- refresh -------------------------------------------------------------------------

    /// Manual refresh of one cluster, or of all with `None`.
    pub fn refresh(&self, cluster: Option<&str>) {
        match cluster {
            Some(c) => self.request(c, RefreshReason::Manual),
            None => self.request_all(RefreshReason::Manual),
        }
    }

    fn request_all(&self, reason: RefreshReason) {
        let ids: Vec<String> = self.inner.with_value(|i| i.slots.keys().cloned().collect());
        for id in ids {
            self.request(&id, reason);
        }
    }

    fn tick(&self) {
        self.raise_failures(&[]);
        self.chase_expected();
        // The title follows the failure count here, at most once a tick, rather than on every
        // cluster's refresh (a title change costs the browser a tab-strip update), and only
        // when the count changed.
        let unseen = self.unseen.get_untracked();
        self.inner.update_value(|i| {
            if i.title_unseen != Some(unseen) {
                i.title_unseen = Some(unseen);
                set_document_title(&document_title(&i.base_title, unseen));
            }
        });
        let visible = self.visible.get_untracked();
        let now = now_ms();
        let mut starts = Vec::new();
        let mut probes = Vec::new();
        self.inner.try_update_value(|i| {
            for (id, slot) in i.slots.iter_mut() {
                if let Decision::Start { seq } = slot.poll.tick(now, visible) {
                    starts.push((id.clone(), seq));
                } else if slot.poll.in_flight().is_none() {
                    // Not started beside a listing, so a tick adds at most one request per
                    // cluster; a manual refresh may still start while a probe is out.
                    let supported = !slot.needs_secret
                        && slot
                            .server
                            .as_ref()
                            .is_some_and(|s| slot.client.capabilities(Some(s)).health);
                    if slot.poll.start_health(now, visible, supported) {
                        probes.push(id.clone());
                    }
                }
            }
        });
        for (id, seq) in starts {
            self.launch(&id, seq, RefreshReason::Timer);
        }
        for id in probes {
            self.launch_health(&id);
        }
    }

    /// A connector this page just created: its detail page shows it
    /// as loading, not as missing, until the cluster lists it or [`EXPECT_WINDOW_MS`] passed,
    /// and its cluster is listed again about once a second meanwhile.
    pub fn expect(&self, key: RowKey) {
        let now = now_ms();
        let cluster = key.cluster.clone();
        self.inner.update_value(|i| {
            i.expected.insert(key, (now, now));
        });
        self.request(&cluster, RefreshReason::Manual);
    }

    /// Whether `key` was just created here and its cluster has not listed it yet (untracked:
    /// read beside the row and the cluster's health, which change on every listing).
    pub fn is_expected(&self, key: &RowKey) -> bool {
        let now = now_ms();
        self.inner.with_value(|i| {
            !i.signals.contains_key(key)
                && i.expected
                    .get(key)
                    .is_some_and(|(since, _)| now.saturating_sub(*since) < EXPECT_WINDOW_MS)
        })
    }

    /// Forgets expected connectors that are listed or past the window; lists again, about once
    /// a second, a cluster that still lacks one (not beside a listing already out), and once
    /// more when the window closes on one still unlisted, so its page turns from loading to
    /// missing (the page reads the expectation untracked, beside the cluster's health).
    fn chase_expected(&self) {
        let now = now_ms();
        let mut again: Vec<String> = Vec::new();
        self.inner.update_value(|i| {
            if i.expected.is_empty() {
                return;
            }
            let Inner {
                expected,
                signals,
                slots,
                ..
            } = i;
            expected.retain(|key, (since, kicked)| {
                if signals.contains_key(key) {
                    return false;
                }
                let expired = now.saturating_sub(*since) >= EXPECT_WINDOW_MS;
                let idle = slots
                    .get(&*key.cluster)
                    .is_some_and(|s| s.poll.in_flight().is_none());
                if expired || (idle && now.saturating_sub(*kicked) >= 1_000) {
                    *kicked = now;
                    if !again.iter().any(|c| **c == *key.cluster) {
                        again.push(key.cluster.to_string());
                    }
                }
                !expired
            });
        });
        for cluster in again {
            self.request(&cluster, RefreshReason::Manual);
        }
    }

    /// Sends one `GET /health` and puts the worker's answer on the cluster's card.
    fn launch_health(&self, cluster: &str) {
        let Some(client) = self
            .inner
            .with_value(|i| i.slots.get(cluster).map(|s| s.poll_client.clone()))
        else {
            return;
        };
        let (fut, handle) = cancellable(async move { client.health().await });
        self.inner.update_value(|i| {
            if let Some(slot) = i.slots.get_mut(cluster) {
                slot.health_probe = Some(handle.clone());
            }
        });
        let store = *self;
        let cluster = cluster.to_string();
        spawn_local(async move {
            let result = fut.await;
            let now = now_ms();
            let mut worker = None;
            store.inner.try_update_value(|i| {
                let Some(slot) = i.slots.get_mut(&cluster) else {
                    return;
                };
                // A probe of a replaced client (URL changed) or a cancelled one: drop it.
                if !slot
                    .health_probe
                    .as_ref()
                    .is_some_and(|h| h.same_as(&handle))
                {
                    return;
                }
                slot.health_probe = None;
                slot.poll.finish_health(now);
                let Some(result) = result else { return };
                slot.worker = match result {
                    Ok(h) => WorkerCondition::from_health(&h),
                    // The worker answers listings but not its health check in time: it is
                    // stuck on something (Kafka 4.x times out /health after 10 s).
                    Err(e) if e.kind == ErrorKind::Timeout => WorkerCondition::Unhealthy(e.message),
                    // Unreachable or refused: the listings say so; no verdict from here.
                    Err(_) => WorkerCondition::Unknown,
                };
                worker = Some(slot.worker.clone());
            });
            if let Some(worker) = worker {
                store.health.try_update(|h| {
                    if let Some(c) = h.get_mut(&cluster) {
                        c.worker = worker;
                    }
                });
            }
        });
    }

    fn request(&self, cluster: &str, reason: RefreshReason) {
        let visible = self.visible.get_untracked();
        let now = now_ms();
        let mut decision = None;
        self.inner.try_update_value(|i| {
            if let Some(slot) = i.slots.get_mut(cluster) {
                if listing_scope(slot.entry.flavor, reason, slot.last_full_ms, false, now)
                    == ListingScope::Full
                {
                    slot.full_wanted = Some(now);
                }
                let d = slot.poll.request(reason, now, visible);
                if let Decision::Supersede { cancel, .. } = d {
                    if let Some((seq, h)) = slot.in_flight.take() {
                        if seq == cancel {
                            h.cancel();
                        }
                    }
                }
                decision = Some(d);
            }
        });
        match decision {
            Some(Decision::Start { seq }) | Some(Decision::Supersede { seq, .. }) => {
                self.launch(cluster, seq, reason)
            }
            _ => {}
        }
    }

    fn launch(&self, cluster: &str, seq: u64, reason: RefreshReason) {
        let now = now_ms();
        let Some((
            client,
            server,
            reread,
            known_missing_check,
            known,
            needs_secret,
            previous,
            scope,
        )) = self.inner.with_value(|i| {
            i.slots.get(cluster).map(|s| {
                (
                    s.poll_client.clone(),
                    s.server.clone(),
                    // Only a flavor with a version endpoint is asked (Confluent Cloud and
                    // Lenses have none: asking failed every refresh of theirs).
                    // Kafka Connect's is needed for its listing: asked until known. Elsewhere
                    // (Redpanda) it is for show: asked at the slow cadence, answered or not.
                    Capabilities::for_flavor(s.entry.flavor, None).server_info
                        && ((s.server.is_none() && s.entry.flavor == Flavor::Apache)
                            || s.poll.server_info_due(now)),
                    s.entry.flavor == Flavor::Apache,
                    // When the rows are the entries read against, the listing itself
                    // tells whether one went; otherwise their names are checked.
                    (!s.rows.rows_match_raw()).then(|| {
                        s.rows
                            .rows()
                            .map(|r| r.key.name.clone())
                            .collect::<Vec<_>>()
                    }),
                    s.needs_secret,
                    s.rows.raw_entries(),
                    listing_scope(
                        s.entry.flavor,
                        reason,
                        s.last_full_ms,
                        s.full_due || s.full_wanted.is_some(),
                        now,
                    ),
                )
            })
        })
        else {
            return;
        };
        // `known_missing_check` is set for Kafka Connect, whose version decides how it is listed.
        let version_shapes_listing = known_missing_check;
        self.set_refreshing(cluster, true);
        let work = async move {
            if needs_secret {
                return Err(ApiError::new(
                    ErrorKind::Unauthorized,
                    "This cluster needs a password or token.",
                )
                .with_hint("Enter the credentials in the cluster's settings."));
            }
            // Re-read on reconnect and at a slow cadence (a rolling upgrade changes it). A
            // failed re-read of a known version only matters when the worker is unreachable.
            // `reread` on success: the version was asked for and answered. With a version
            // known, a refusal also counts (a worker that refuses `GET /` is not asked again
            // on every poll); with none yet, the refusal fails the refresh. Only Kafka
            // Connect's listing depends on the version: elsewhere (Redpanda) the info is for
            // show, and a failed read of it never stops the listing.
            let (server, fresh) = match (reread, server) {
                (false, known) => (known, None),
                (true, known) => match client.server_info().await {
                    Ok(s) => (Some(s.clone()), Some(s)),
                    Err(e) if version_shapes_listing && (known.is_none() || e.is_transient()) => {
                        return Err(e)
                    }
                    Err(_) => (known, None),
                },
            };
            // Entries unchanged since the last listing are not parsed again.
            let mut listing = match scope {
                ListingScope::Full => {
                    client
                        .list_connectors_since(server.as_ref(), &previous)
                        .await?
                }
                ListingScope::StatusOnly => {
                    client
                        .list_connector_statuses_since(server.as_ref(), &previous)
                        .await?
                }
            };
            // Apache's expanded map leaves out connectors it has no status for. If a known
            // connector vanished, ask for the plain name list before deleting its row.
            let vanished = known_missing_check
                && match &known {
                    None => listing.lacks_any_of(&previous),
                    Some(names) => listing.lacks_any(names.iter().map(|n| &**n)),
                };
            drop(previous);
            if vanished {
                let names = client.connector_names().await?;
                listing.reconcile_names(&names);
            }
            Ok::<_, ApiError>((reread, fresh, (scope, now), listing))
        };
        let (fut, handle) = cancellable(work);
        self.inner.update_value(|i| {
            if let Some(slot) = i.slots.get_mut(cluster) {
                slot.in_flight = Some((seq, handle));
            }
        });
        let store = *self;
        let cluster = cluster.to_string();
        spawn_local(async move {
            if let Some(result) = fut.await {
                store.finish_refresh(&cluster, seq, result);
            }
        });
    }

    fn set_refreshing(&self, cluster: &str, on: bool) {
        self.health.try_update(|h| {
            if let Some(c) = h.get_mut(cluster) {
                c.refreshing = on;
            }
        });
    }

    fn finish_refresh(&self, cluster: &str, seq: u64, result: Result<RefreshAnswer, ApiError>) {
        let now = now_ms();
        let mut accepted = false;
        let mut again = false;
        let mut outcome = None;
        let mut health = None;
        self.inner.try_update_value(|i| {
            let Some(slot) = i.slots.get_mut(cluster) else {
                return;
            };
            if !slot.poll.finish(seq, result.is_ok(), now) {
                return;
            }
            accepted = true;
            if slot.in_flight.as_ref().is_some_and(|(s, _)| *s == seq) {
                slot.in_flight = None;
            }
            let mut card = ClusterHealth::new(cluster);
            match result {
                Ok((reread, server, (scope, started), listing)) => {
                    if scope == ListingScope::Full {
                        slot.last_full_ms = Some(now);
                        // Asked for before this listing started: answered by it.
                        if slot.full_wanted.is_some_and(|w| w <= started) {
                            slot.full_wanted = None;
                        }
                    }
                    slot.full_due = listing.lacks_info;
                    if reread {
                        slot.poll.server_info_read(now);
                    }
                    if server.is_some() {
                        slot.server = server;
                    }
                    let (applied, complete) = slot.rows.apply_delta(listing, now);
                    outcome = Some(applied);
                    // An accepted pause, resume or stop the worker has not applied yet: read
                    // again shortly rather than a whole interval later (the marker ends by
                    // itself after PENDING_CONFIRM_MS, and so do these reads).
                    if slot.rows.awaits_confirmation() {
                        slot.poll.hurry(now + CONFIRM_READ_MS);
                    }
                    // A row removed or replaced while the listing was out: read again.
                    again = !complete;
                    card.reachability = Reachability::Reachable;
                    card.last_error = None;
                }
                Err(e) => {
                    // The worker's health verdict predates the outage: the first probe after
                    // reconnecting gives a fresh one (`PollState::finish` makes it due).
                    slot.worker = WorkerCondition::Unknown;
                    // A probe still out would write its (outage) answer over that and push the
                    // next probe a whole period away: drop it, keep the probe due.
                    if let Some(h) = slot.health_probe.take() {
                        h.cancel();
                        slot.poll.finish_health(0);
                    }
                    slot.rows.mark_unreachable();
                    card.reachability = Reachability::Unreachable;
                    card.last_error = Some(crate::protocol::with_endpoint_in_url_hint(
                        with_connection_help(e, &slot.target.base_url),
                        &slot.target.base_url,
                    ));
                }
            }
            card.worker = slot.worker.clone();
            card.version = slot.server.as_ref().map(|s| s.version.clone());
            card.kafka_cluster_id = slot
                .server
                .as_ref()
                .and_then(|s| s.kafka_cluster_id.clone());
            card.counts = slot.rows.counts();
            card.last_success_ms = slot.poll.last_success_ms();
            card.stale = slot.rows.stale();
            card.refreshing = false;
            health = Some(card);
        });
        if !accepted {
            return;
        }
        if let Some(card) = health {
            self.health.try_update(|h| {
                h.insert(cluster.to_string(), card);
            });
        }
        if let Some(outcome) = outcome {
            self.publish(outcome);
        }
        if again {
            self.request(cluster, RefreshReason::AfterAction);
        }
    }

    /// Applies a listing obtained elsewhere (tests, imports) as if a refresh returned it.
    pub fn ingest(&self, cluster: &str, listing: ConnectorListing) {
        let now = now_ms();
        let mut outcome = None;
        let mut card = None;
        self.inner.update_value(|i| {
            if let Some(slot) = i.slots.get_mut(cluster) {
                outcome = Some(slot.rows.apply_listing(listing.connectors, now));
                let mut c = ClusterHealth::new(cluster);
                c.reachability = Reachability::Reachable;
                c.counts = slot.rows.counts();
                c.last_success_ms = Some(now);
                card = Some(c);
            }
        });
        if let Some(c) = card {
            self.health.update(|h| {
                h.insert(cluster.to_string(), c);
            });
        }
        if let Some(o) = outcome {
            self.publish(o);
        }
    }

    /// Pushes a reconcile outcome into the row signals, the key list and the event log.
    fn publish(&self, outcome: ReconcileOutcome) {
        if outcome.is_noop() && outcome.events.is_empty() {
            return;
        }
        let membership = outcome.membership_changed();
        let classes = outcome.classes_may_change();
        let events = outcome.events.clone();
        let mut to_set: Vec<(ArcRwSignal<Arc<ConnectorRow>>, Arc<ConnectorRow>)> = Vec::new();
        let mut new_keys = None;
        self.inner.try_update_value(|i| {
            for key in &outcome.removed {
                i.signals.remove(key);
            }
            for row in outcome.added {
                match i.signals.get(&row.key) {
                    Some(sig) => to_set.push((sig.clone(), row)),
                    None => {
                        i.signals.insert(row.key.clone(), ArcRwSignal::new(row));
                    }
                }
            }
            for row in outcome.changed {
                match i.signals.get(&row.key) {
                    Some(sig) => to_set.push((sig.clone(), row)),
                    None => {
                        i.signals.insert(row.key.clone(), ArcRwSignal::new(row));
                    }
                }
            }
            i.log.push(events.iter().cloned());
            if membership {
                let mut keys: Vec<RowKey> = i.signals.keys().cloned().collect();
                keys.sort();
                new_keys = Some(keys);
            }
        });
        for (sig, row) in to_set {
            sig.try_set(row);
        }
        if let Some(keys) = new_keys {
            self.keys.try_set(keys);
        }
        self.revision.try_update(|r| *r += 1);
        if classes {
            self.class_revision.try_update(|r| *r += 1);
        }
        if !events.is_empty() {
            self.unseen.try_update(|u| *u += events.len());
            self.raise_failures(&events);
        }
    }

    /// Raises new failures as a toast (and a browser notification when enabled), paced by
    /// [`FailureToasts`]: held ones are raised by a later call, which `tick` makes twice a second.
    fn raise_failures(&self, events: &[FailureEvent]) {
        let now = now_ms();
        let Some(batch) = self
            .inner
            .try_update_value(|i| i.toasts.offer(now, events))
            .flatten()
        else {
            return;
        };
        if let Some((title, body)) = batch_message(&batch) {
            self.notice(NoticeLevel::Error, title.clone(), Some(body.clone()));
            if self.registry.notifications_enabled().get_untracked() {
                notify(&title, &body, "connect-console-failure");
            }
        }
    }

    /// The app's success notice for `action` on `name` (outlives the page that asked).
    pub fn notify_done(&self, action: ConnectorAction, name: &str, note: Option<String>) {
        self.notice(
            NoticeLevel::Success,
            format!("{}: {name}", action.label()),
            note,
        );
    }

    fn notice(&self, level: NoticeLevel, title: String, body: Option<String>) {
        let id = self.inner.try_update_value(|i| {
            i.next_notice += 1;
            i.next_notice
        });
        let Some(id) = id else { return };
        self.notices.try_update(|n| {
            n.push(Notice {
                id,
                level,
                title,
                body,
            });
            // A toaster that is not mounted must not make this grow forever.
            if n.len() > 50 {
                n.drain(..n.len() - 50);
            }
        });
    }

    /// Follows the registry: adds, updates (new URL, credentials, read-only) and removes
    /// cluster slots. A changed cluster drops its in-flight request and refreshes at once.
    fn sync_clusters(
        &self,
        clusters: &[ClusterEntry],
        read_only: bool,
        interval_ms: u32,
        secrets: &crate::state::settings::Secrets,
    ) {
        let mut refresh = Vec::new();
        let mut removed_keys: Vec<RowKey> = Vec::new();
        let mut removed_clusters = Vec::new();
        self.inner.update_value(|i| {
            let wanted: std::collections::HashSet<&str> =
                clusters.iter().map(|c| c.id.as_str()).collect();
            let gone: Vec<String> = i
                .slots
                .keys()
                .filter(|k| !wanted.contains(k.as_str()))
                .cloned()
                .collect();
            for id in gone {
                if let Some(mut slot) = i.slots.remove(&id) {
                    if let Some((_, h)) = slot.in_flight.take() {
                        h.cancel();
                    }
                    if let Some(h) = slot.health_probe.take() {
                        h.cancel();
                    }
                    removed_keys.extend(slot.rows.rows().map(|r| r.key.clone()));
                }
                removed_clusters.push(id);
            }
            for entry in clusters {
                let target = entry.target(secrets);
                let needs_secret = entry.needs_secret(secrets);
                match i.slots.get_mut(&entry.id) {
                    Some(slot) => {
                        slot.poll.set_interval(interval_ms);
                        slot.needs_secret = needs_secret;
                        if slot.target != target || slot.read_only != read_only {
                            slot.client =
                                ConnectClient::new(target.clone(), BrowserTransport::new())
                                    .with_read_only(read_only);
                            slot.poll_client = polling_client(&slot.client);
                            let endpoint_changed = slot.target != target;
                            slot.target = target;
                            slot.read_only = read_only;
                            if endpoint_changed {
                                slot.server = None;
                                slot.poll.forget_server_info();
                                slot.worker = WorkerCondition::Unknown;
                                if let Some(h) = slot.health_probe.take() {
                                    h.cancel();
                                    slot.poll.finish_health(0);
                                }
                                refresh.push(entry.id.clone());
                            }
                        }
                        slot.entry = entry.clone();
                    }
                    None => {
                        let client = ConnectClient::new(target.clone(), BrowserTransport::new())
                            .with_read_only(read_only);
                        let poll_client = polling_client(&client);
                        i.slots.insert(
                            entry.id.clone(),
                            Slot {
                                entry: entry.clone(),
                                target,
                                read_only,
                                needs_secret,
                                client,
                                poll_client,
                                rows: ClusterRows::new(&entry.id),
                                poll: PollState::new(interval_ms),
                                server: None,
                                in_flight: None,
                                worker: WorkerCondition::Unknown,
                                health_probe: None,
                                last_full_ms: None,
                                full_due: false,
                                full_wanted: None,
                            },
                        );
                    }
                }
            }
        });
        self.health.update(|h| {
            for id in &removed_clusters {
                h.remove(id);
            }
            for c in clusters {
                h.entry(c.id.clone())
                    .or_insert_with(|| ClusterHealth::new(&c.id));
            }
        });
        if !removed_keys.is_empty() {
            self.publish(ReconcileOutcome {
                removed: removed_keys,
                ..Default::default()
            });
        }
        for id in refresh {
            self.request(&id, RefreshReason::SettingsChanged);
        }
    }

    /// Adds a cluster slot directly (tests; the app follows the registry instead).
    pub fn add_cluster(&self, entry: &ClusterEntry) {
        let read_only = self.registry.read_only().get_untracked();
        let interval = self.registry.poll_interval_ms().get_untracked();
        let secrets = self.registry.secrets_signal().get_untracked();
        let mut all: Vec<ClusterEntry> = self
            .inner
            .with_value(|i| i.slots.values().map(|s| s.entry.clone()).collect());
        all.retain(|c| c.id != entry.id);
        all.push(entry.clone());
        self.sync_clusters(&all, read_only, interval, &secrets);
    }

    // ---- actions -------------------------------------------------------------------------

    fn client_for(&self, cluster: &str) -> Option<ConnectClient<BrowserTransport>> {
        self.inner
            .with_value(|i| i.slots.get(cluster).map(|s| s.client.clone()))
    }

    fn publish_row(&self, row: Option<Arc<ConnectorRow>>) {
        let Some(row) = row else { return };
        let sig = self.inner.with_value(|i| i.signals.get(&row.key).cloned());
        if let Some(sig) = sig {
            sig.try_set(row);
        }
    }

    /// Runs one action and returns its result; the row shows a pending marker meanwhile.
    /// Read-only mode refuses it here, before any request.
    /// Sends `action`; on success, what the answer adds to "done" (a delete of a connector
    /// that was already gone says so).
    pub async fn run(
        &self,
        key: RowKey,
        action: ConnectorAction,
    ) -> Result<Option<String>, ApiError> {
        self.run_inner(key, action, true).await
    }

    async fn run_inner(
        &self,
        key: RowKey,
        action: ConnectorAction,
        refresh_after: bool,
    ) -> Result<Option<String>, ApiError> {
        if self.registry.read_only().get_untracked() {
            return Err(ApiError::read_only(&action.label().to_lowercase()));
        }
        let client = self.client_for(&key.cluster).ok_or_else(|| {
            ApiError::invalid_input(format!("Unknown cluster \"{}\".", key.cluster))
        })?;
        let now = now_ms();
        // What the connector was when the action was sent, for a note on what will not show.
        // (A keyed lookup: a bulk run over thousands of rows asks this once per item.)
        let before = self.row_untracked(&key).and_then(|r| r.state.clone());
        let flavor = self
            .inner
            .with_value(|i| i.slots.get(&*key.cluster).map(|s| s.entry.flavor))
            .unwrap_or(Flavor::Apache);
        let row = self.inner.try_update_value(|i| {
            i.slots
                .get_mut(&*key.cluster)
                .and_then(|s| s.rows.set_pending(&key.name, Pending::sent(action, now)))
        });
        self.publish_row(row.flatten());
        let name = &*key.name;
        let result = match action {
            ConnectorAction::Pause => client.pause(name).await,
            ConnectorAction::Resume => client.resume(name).await,
            ConnectorAction::Stop => client.stop(name).await,
            ConnectorAction::Restart(opts) => client.restart(name, opts).await.map(drop),
            ConnectorAction::RestartTask(t) => client.restart_task(name, t).await,
            ConnectorAction::Delete => client.delete(name).await,
        };
        // A delete answered "Connector <name> not found" by the worker: the connector is gone
        // (deleted elsewhere, or by an earlier attempt of this request), which is what was
        // asked. Another 404 (a proxy's, a wrong URL) stays a failure.
        let already_gone = action == ConnectorAction::Delete
            && result
                .as_ref()
                .is_err_and(|e| e.is_connector_not_found(name));
        let result = if already_gone { Ok(()) } else { result };
        let note = if already_gone {
            Some("It was already gone (404).".to_string())
        } else {
            action.accepted_note(before.as_ref(), flavor)
        };
        self.activity.record(
            &key.cluster,
            Subject::Connector(name.to_string()),
            action.label(),
            result.as_ref().map(|_| note.clone()).map_err(error_text),
        );
        match &result {
            Ok(()) if action == ConnectorAction::Delete => {
                // Certain: the server deleted it. Remove the row now.
                let removed = self.inner.try_update_value(|i| {
                    i.slots
                        .get_mut(&*key.cluster)
                        .and_then(|s| s.rows.remove(&key.name))
                });
                if let Some(Some(k)) = removed {
                    self.publish(ReconcileOutcome {
                        removed: vec![k],
                        ..Default::default()
                    });
                }
            }
            Ok(()) => {
                let now = now_ms();
                self.inner.try_update_value(|i| {
                    if let Some(s) = i.slots.get_mut(&*key.cluster) {
                        s.rows.acknowledge_pending(&key.name, now);
                    }
                });
            }
            Err(_) => {
                let row = self.inner.try_update_value(|i| {
                    i.slots
                        .get_mut(&*key.cluster)
                        .and_then(|s| s.rows.clear_pending(&key.name))
                });
                self.publish_row(row.flatten());
            }
        }
        // Whatever happened, the next read must come after it. (A bulk run asks once at the
        // end instead of superseding a refresh per item.)
        if refresh_after {
            self.request(&key.cluster, RefreshReason::AfterAction);
        }
        result.map(|()| note)
    }

    /// Fire-and-forget [`ConnectorsStore::run`] with a notice for the outcome.
    pub fn act(&self, key: RowKey, action: ConnectorAction) {
        let store = *self;
        spawn_local(async move {
            let name = key.name.clone();
            match store.run(key, action).await {
                Ok(note) => store.notify_done(action, &name, note),
                Err(e) => store.notice(
                    NoticeLevel::Error,
                    format!("{} failed: {name}", action.label()),
                    Some(error_text(&e)),
                ),
            }
        });
    }

    pub fn pause(&self, key: RowKey) {
        self.act(key, ConnectorAction::Pause)
    }

    pub fn resume(&self, key: RowKey) {
        self.act(key, ConnectorAction::Resume)
    }

    pub fn stop(&self, key: RowKey) {
        self.act(key, ConnectorAction::Stop)
    }

    pub fn restart(&self, key: RowKey, options: crate::protocol::model::RestartOptions) {
        self.act(key, ConnectorAction::Restart(options))
    }

    pub fn restart_task(&self, key: RowKey, task: u32) {
        self.act(key, ConnectorAction::RestartTask(task))
    }

    pub fn delete(&self, key: RowKey) {
        self.act(key, ConnectorAction::Delete)
    }

    /// Shows a just-created connector at once (the next listing fills it in).
    pub fn created(&self, cluster: &str, name: &str) {
        let row = self.inner.try_update_value(|i| {
            i.slots
                .get_mut(cluster)
                .and_then(|s| s.rows.insert_placeholder(name))
        });
        if let Some(Some(row)) = row {
            self.publish(ReconcileOutcome {
                added: vec![row],
                ..Default::default()
            });
        }
        self.request(cluster, RefreshReason::AfterAction);
    }

    /// Starts a bulk action over `keys` with bounded concurrency; progress and per-item
    /// results are in [`ConnectorsStore::bulk_run`]. Replaces a finished run; refused (an
    /// error notice) while another is running.
    pub fn bulk(&self, action: ConnectorAction, keys: Vec<RowKey>) {
        let running = self
            .bulk
            .with_untracked(|b| b.as_ref().is_some_and(|b| !b.is_done()));
        if running {
            self.notice(
                NoticeLevel::Warning,
                "A bulk action is still running".into(),
                Some("Wait for it to finish or cancel it first.".into()),
            );
            return;
        }
        let mut run = BulkRun::new(action, keys, DEFAULT_BULK_CONCURRENCY);
        if self.registry.read_only().get_untracked() {
            run.fail_all_pending("Read-only mode: nothing was sent.");
            self.bulk.set(Some(run));
            return;
        }
        self.bulk.set(Some(run));
        let cancel = CancelHandle::default();
        self.inner
            .update_value(|i| i.bulk_cancel = Some(cancel.clone()));
        for _ in 0..DEFAULT_BULK_CONCURRENCY {
            self.bulk_worker(cancel.clone());
        }
    }

    fn bulk_worker(&self, cancel: CancelHandle) {
        let store = *self;
        spawn_local(async move {
            loop {
                if cancel.is_cancelled() {
                    break;
                }
                let mut next = None;
                let mut action = None;
                store.bulk.try_update(|b| {
                    if let Some(b) = b.as_mut() {
                        next = b.next_item();
                        action = Some(b.action);
                    }
                });
                let (Some((index, key)), Some(action)) = (next, action) else {
                    break;
                };
                let result = store
                    .run_inner(key, action, false)
                    .await
                    .map_err(|e| error_text(&e));
                store.bulk.try_update(|b| {
                    if let Some(b) = b.as_mut() {
                        b.finish(index, result);
                    }
                });
            }
            let summary = store.bulk.with_untracked(|b| {
                b.as_ref().filter(|b| b.is_done()).map(|b| {
                    let mut clusters: Vec<String> = b
                        .items()
                        .iter()
                        .map(|i| i.key.cluster.to_string())
                        .collect();
                    clusters.sort();
                    clusters.dedup();
                    (b.action, b.summary(), clusters)
                })
            });
            if let Some((action, s, clusters)) = summary {
                // Several workers may see the run done; the one that takes the token reports.
                let first = store
                    .inner
                    .try_update_value(|i| i.bulk_cancel.take().is_some());
                if first == Some(true) {
                    for c in &clusters {
                        store.request(c, RefreshReason::AfterAction);
                    }
                    let level = if s.failed > 0 {
                        NoticeLevel::Warning
                    } else {
                        NoticeLevel::Success
                    };
                    store.notice(
                        level,
                        format!("{}: {} done, {} failed", action.label(), s.ok, s.failed),
                        (s.cancelled > 0).then(|| format!("{} cancelled", s.cancelled)),
                    );
                }
            }
        });
    }

    /// Cancels the running bulk action: items not yet sent become cancelled.
    pub fn cancel_bulk(&self) {
        self.bulk.update(|b| {
            if let Some(b) = b.as_mut() {
                b.cancel();
            }
        });
    }

    /// Clears a finished bulk run.
    pub fn clear_bulk(&self) {
        self.bulk.update(|b| {
            if b.as_ref().is_some_and(|b| b.is_done()) {
                *b = None;
            }
        });
    }

    /// Re-runs the failed and cancelled items of the last bulk run.
    pub fn retry_bulk(&self) {
        let retry = self.bulk.with_untracked(|b| {
            b.as_ref()
                .filter(|b| b.is_done())
                .and_then(|b| b.retry_failed())
        });
        if let Some(run) = retry {
            let keys = run.items().iter().map(|i| i.key.clone()).collect();
            self.bulk.set(None);
            self.bulk(run.action, keys);
        }
    }
}
