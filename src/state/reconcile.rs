//! Keyed connector rows and the reconciliation of one cluster's listing into them.
//!
//! A row is everything the connector list shows and searches for one connector, keyed by
//! cluster id + connector name. [`ClusterRows::apply_listing`] turns a fresh listing into
//! added, changed and removed rows; an unchanged connector keeps its `Arc` (the same
//! allocation), so the store does not notify its view and the haystack for search is only
//! rebuilt for rows that changed. A failed refresh marks the cluster stale and keeps its rows;
//! a connector listed without a status (just created) keeps the last status it had, or an
//! unknown one; a rename is a removal plus an addition.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::BuildHasher;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::protocol::model::{
    ConfigMap, ConnectorSummary, ConnectorType, ListingDelta, RawEntries, State,
};
use crate::state::actions::{ConnectorAction, Pending};
use crate::state::events::{new_failures, FailureEvent};
use crate::state::rollup::{connector_health, Health, HealthCounts};

/// A row's identity: which cluster (the registry's stable id) and which connector.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
///
/// Both parts are shared strings: the list's query result, its selection and its keyed rows
/// hold 10,000 keys and copy them on every change, which is then a reference count, not two
/// allocations (and two frees) per key.
pub struct RowKey {
    pub cluster: Arc<str>,
    pub name: Arc<str>,
}

impl RowKey {
    pub fn new(cluster: impl AsRef<str>, name: impl AsRef<str>) -> Self {
        RowKey {
            cluster: Arc::from(cluster.as_ref()),
            name: Arc::from(name.as_ref()),
        }
    }
}

/// One task as the list shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskRow {
    pub id: u32,
    pub state: State,
    pub worker_id: Option<String>,
    pub trace: Option<String>,
}

/// One connector as the list shows, filters, sorts and searches it.
#[derive(Clone, Debug)]
pub struct ConnectorRow {
    pub key: RowKey,
    pub kind: ConnectorType,
    /// `connector.class`, if the listing carried the config.
    pub class: Option<String>,
    /// The class without its package (`JdbcSinkConnector`).
    pub class_short: String,
    /// The connector state, `None` while no status was ever seen (just created).
    pub state: Option<State>,
    /// False when the last listing lacked this connector's status and the row carries the
    /// previous one (or none).
    pub status_fresh: bool,
    pub health: Health,
    pub worker_id: Option<String>,
    pub trace: Option<String>,
    pub tasks: Vec<TaskRow>,
    pub tasks_running: usize,
    pub tasks_failed: usize,
    /// Distinct worker ids running the connector or one of its tasks, sorted.
    pub workers: Vec<String>,
    /// Topics named in the config (`topics`, `topic`, `kafka.topic`); empty if unknown.
    pub topics: Vec<String>,
    /// `topics.regex` of a sink, if set.
    pub topics_regex: Option<String>,
    pub config: Arc<ConfigMap>,
    /// An action sent or awaiting confirmation ("Pausing…").
    pub pending: Option<ConnectorAction>,
    haystack: String,
}

impl PartialEq for ConnectorRow {
    /// The haystack is derived from the other fields, so it is not compared.
    fn eq(&self, o: &Self) -> bool {
        self.key == o.key
            && self.kind == o.kind
            && self.class == o.class
            && self.state == o.state
            && self.status_fresh == o.status_fresh
            && self.health == o.health
            && self.worker_id == o.worker_id
            && self.trace == o.trace
            && self.tasks == o.tasks
            && self.topics == o.topics
            && self.topics_regex == o.topics_regex
            && self.pending == o.pending
            && (Arc::ptr_eq(&self.config, &o.config) || self.config == o.config)
    }
}

/// The class name after its last `.`.
pub fn short_class(class: &str) -> &str {
    class.rsplit('.').next().unwrap_or(class)
}

fn split_list(v: &str) -> impl Iterator<Item = String> + '_ {
    v.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
}

impl ConnectorRow {
    /// A row from one listed connector. Missing halves are carried over from `previous`.
    pub fn from_summary(
        cluster: &str,
        summary: ConnectorSummary,
        previous: Option<&ConnectorRow>,
    ) -> ConnectorRow {
        let ConnectorSummary { name, info, status } = summary;
        let (config, mut kind) = match info {
            Some(info) => (Arc::new(info.config), info.kind),
            None => match previous {
                Some(p) => (p.config.clone(), p.kind),
                None => (Arc::new(ConfigMap::new()), ConnectorType::Unknown),
            },
        };
        let status_fresh = status.is_some();
        let (state, worker_id, trace, tasks) = match status {
            Some(s) => {
                if kind == ConnectorType::Unknown {
                    kind = s.kind;
                }
                let tasks = s
                    .tasks
                    .into_iter()
                    .map(|t| TaskRow {
                        id: t.id,
                        state: t.state,
                        worker_id: t.worker_id,
                        trace: t.trace,
                    })
                    .collect::<Vec<_>>();
                (
                    Some(s.connector.state),
                    s.connector.worker_id,
                    s.connector.trace,
                    tasks,
                )
            }
            None => match previous {
                Some(p) => (
                    p.state.clone(),
                    p.worker_id.clone(),
                    p.trace.clone(),
                    p.tasks.clone(),
                ),
                None => (None, None, None, Vec::new()),
            },
        };
        Self::build(
            RowKey::new(cluster, name),
            kind,
            config,
            state,
            status_fresh,
            worker_id,
            trace,
            tasks,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn build(
        key: RowKey,
        kind: ConnectorType,
        config: Arc<ConfigMap>,
        state: Option<State>,
        status_fresh: bool,
        worker_id: Option<String>,
        trace: Option<String>,
        mut tasks: Vec<TaskRow>,
    ) -> ConnectorRow {
        tasks.sort_by_key(|t| t.id);
        let health = connector_health(state.as_ref(), tasks.iter().map(|t| &t.state));
        let class = config.get("connector.class").cloned();
        let class_short = class
            .as_deref()
            .map(short_class)
            .unwrap_or_default()
            .to_string();
        let mut topics: Vec<String> = Vec::new();
        for k in ["topics", "topic", "kafka.topic"] {
            if let Some(v) = config.get(k) {
                topics.extend(split_list(v));
            }
        }
        topics.sort();
        topics.dedup();
        let topics_regex = config
            .get("topics.regex")
            .filter(|s| !s.trim().is_empty())
            .cloned();
        let mut workers: Vec<String> = worker_id
            .iter()
            .chain(tasks.iter().filter_map(|t| t.worker_id.as_ref()))
            .cloned()
            .collect();
        workers.sort();
        workers.dedup();
        let tasks_running = tasks.iter().filter(|t| t.state == State::Running).count();
        let tasks_failed = tasks.iter().filter(|t| t.state == State::Failed).count();
        ConnectorRow {
            key,
            kind,
            class,
            class_short,
            state,
            status_fresh,
            health,
            worker_id,
            trace,
            tasks,
            tasks_running,
            tasks_failed,
            workers,
            topics,
            topics_regex,
            config,
            pending: None,
            haystack: String::new(),
        }
    }

    /// A row for a connector the console only knows by name (no status, no config).
    pub fn placeholder(key: RowKey) -> ConnectorRow {
        let mut r = Self::build(
            key,
            ConnectorType::Unknown,
            Arc::new(ConfigMap::new()),
            None,
            false,
            None,
            None,
            Vec::new(),
        );
        r.index();
        r
    }

    pub fn name(&self) -> &str {
        &self.key.name
    }

    pub fn cluster(&self) -> &str {
        &self.key.cluster
    }

    pub fn tasks_total(&self) -> usize {
        self.tasks.len()
    }

    /// The connector or one of its tasks carries a stack trace.
    pub fn has_trace(&self) -> bool {
        self.trace.is_some() || self.tasks.iter().any(|t| t.trace.is_some())
    }

    /// The lower-cased text search matches against: name, class, topics and config values.
    pub fn haystack(&self) -> &str {
        &self.haystack
    }

    /// Builds the haystack. Called once per added or changed row, never per keystroke.
    fn index(&mut self) {
        let mut h = String::with_capacity(
            self.key.name.len() + self.config.values().map(|v| v.len() + 1).sum::<usize>() + 16,
        );
        // Fields are separated by a control character so a term never spans two fields.
        h.push_str(&self.key.name);
        h.push('\u{1}');
        if let Some(c) = &self.class {
            h.push_str(c);
            h.push('\u{1}');
        }
        for t in &self.topics {
            h.push_str(t);
            h.push('\u{1}');
        }
        for v in self.config.values() {
            h.push_str(v);
            h.push('\u{1}');
        }
        self.haystack = h.to_lowercase();
    }

    fn with_pending(&self, pending: Option<ConnectorAction>) -> ConnectorRow {
        let mut r = self.clone();
        r.pending = pending;
        r
    }
}

/// What one listing did to a cluster's rows.
#[derive(Debug, Default)]
pub struct ReconcileOutcome {
    pub added: Vec<Arc<ConnectorRow>>,
    pub changed: Vec<Arc<ConnectorRow>>,
    pub removed: Vec<RowKey>,
    pub unchanged: usize,
    /// New failures since the previous listing (none for the first listing).
    pub events: Vec<FailureEvent>,
    /// A changed row's connector class differs from its old one.
    pub class_changed: bool,
}

impl ReconcileOutcome {
    /// Whether the set of keys changed (views keyed by row need a new key list).
    pub fn membership_changed(&self) -> bool {
        !self.added.is_empty() || !self.removed.is_empty()
    }

    /// Whether the set of connector classes may differ: rows appeared or vanished, or one
    /// changed its class. A refresh that only changed states leaves it as it was.
    pub fn classes_may_change(&self) -> bool {
        self.membership_changed() || self.class_changed
    }

    pub fn is_noop(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }
}

/// One cluster's rows, by connector name.
#[derive(Debug, Default)]
pub struct ClusterRows {
    cluster: String,
    rows: BTreeMap<String, Arc<ConnectorRow>>,
    pending: HashMap<String, Pending>,
    /// The entry text each row was last built from ([`ListingDelta`]); shared with the
    /// refresh in flight, so handing it out copies nothing.
    raw: Arc<RawEntries>,
    /// Every row has its entry in `raw` and every entry its row (names only): then a listing
    /// read against `raw` tells which rows stayed and went without a lookup per row.
    rows_match_raw: bool,
    loaded: bool,
    stale: bool,
    /// The names of rows added, replaced or removed since revision `log_base`, in order: a
    /// consumer that read the rows at a later revision catches up by these names alone
    /// ([`ClusterRows::changes_since`]) instead of walking every row.
    changed: Vec<Arc<str>>,
    log_base: u64,
    /// Tells this `ClusterRows` from another of the same cluster (a cluster edited in the
    /// registry gets new rows, whose revisions start again).
    epoch: u64,
}

/// The change log keeps at most this many names; past it, readers behind start over.
const CHANGE_LOG_CAP: usize = 4096;

/// Where a reader of [`ClusterRows`] is: its epoch and revision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RowsRevision {
    epoch: u64,
    revision: u64,
}

impl ClusterRows {
    pub fn new(cluster: impl Into<String>) -> Self {
        static EPOCH: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        ClusterRows {
            cluster: cluster.into(),
            epoch: EPOCH.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            ..Default::default()
        }
    }

    /// The rows' current revision.
    pub fn revision(&self) -> RowsRevision {
        RowsRevision {
            epoch: self.epoch,
            revision: self.log_base + self.changed.len() as u64,
        }
    }

    /// The names of the rows added, replaced or removed since `at` (a name may repeat), or
    /// `None` when the log no longer reaches back that far (or `at` is another epoch's): then
    /// every row must be compared.
    pub fn changes_since(&self, at: RowsRevision) -> Option<&[Arc<str>]> {
        if at.epoch != self.epoch || at.revision < self.log_base {
            return None;
        }
        self.changed.get((at.revision - self.log_base) as usize..)
    }

    /// Logs a row added, replaced or removed.
    fn note(&mut self, name: &Arc<str>) {
        if self.changed.len() >= CHANGE_LOG_CAP {
            self.log_base += self.changed.len() as u64;
            self.changed.clear();
        }
        self.changed.push(name.clone());
    }

    /// Every row may have changed: readers compare them all.
    fn note_all(&mut self) {
        self.log_base += self.changed.len() as u64 + 1;
        self.changed.clear();
    }

    pub fn cluster(&self) -> &str {
        &self.cluster
    }

    /// A listing has been applied at least once.
    pub fn loaded(&self) -> bool {
        self.loaded
    }

    /// The last refresh failed: the rows are the last known ones.
    pub fn stale(&self) -> bool {
        self.stale
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn get(&self, name: &str) -> Option<&Arc<ConnectorRow>> {
        self.rows.get(name)
    }

    /// Rows in name order.
    pub fn rows(&self) -> impl Iterator<Item = &Arc<ConnectorRow>> {
        self.rows.values()
    }

    /// Adds the distinct short connector classes of these rows to `into` (a row with the class
    /// of the row before it, the common case, costs one comparison).
    pub fn classes<'a, S: BuildHasher>(&'a self, into: &mut HashSet<&'a str, S>) {
        let mut last = "";
        for row in self.rows.values() {
            let class = row.class_short.as_str();
            if class.is_empty() || class == last {
                continue;
            }
            last = class;
            into.insert(class);
        }
    }

    /// The entry text of the last listing, to read the next one against.
    pub fn raw_entries(&self) -> Arc<RawEntries> {
        self.raw.clone()
    }

    /// Whether the rows' names are exactly the names in [`ClusterRows::raw_entries`]: a
    /// listing read against those entries then tells by itself whether a row's connector is
    /// no longer listed ([`ListingDelta::lacks_any_of`]).
    pub fn rows_match_raw(&self) -> bool {
        self.rows_match_raw
    }

    /// Applies a complete listing of this cluster.
    pub fn apply_listing(
        &mut self,
        listing: Vec<ConnectorSummary>,
        now_ms: u64,
    ) -> ReconcileOutcome {
        // Rows no longer match any entry text: the next listing is parsed whole.
        self.raw = Arc::default();
        let first = !self.loaded;
        let mut out = ReconcileOutcome::default();
        let mut next: BTreeMap<String, Arc<ConnectorRow>> = BTreeMap::new();
        for summary in listing {
            if next.contains_key(&summary.name) {
                continue; // a duplicate name: the first one wins
            }
            let name = summary.name.clone();
            let row = self.reconcile_one(summary, now_ms, first, &mut out);
            next.insert(name, row);
        }
        for (name, old) in std::mem::take(&mut self.rows) {
            self.pending.remove(&name);
            out.removed.push(old.key.clone());
        }
        self.pending.retain(|name, _| next.contains_key(name));
        self.rows = next;
        self.note_all();
        self.rows_match_raw = self.rows.is_empty();
        self.loaded = true;
        self.stale = false;
        out
    }

    /// Applies a listing read against [`ClusterRows::raw_entries`]: unchanged entries keep
    /// their rows untouched (only a pending marker may end), changed ones are rebuilt, rows
    /// listed in neither part go. Returns false as the second value when an unchanged entry's
    /// row is no longer the one built from that text (it was removed, or replaced by a
    /// placeholder or a full listing, since the listing was asked for): its text is
    /// forgotten, and the caller should refresh again to read it whole.
    pub fn apply_delta(&mut self, delta: ListingDelta, now_ms: u64) -> (ReconcileOutcome, bool) {
        let ListingDelta {
            listing,
            unchanged,
            mut raw,
            ..
        } = delta;
        if unchanged.is_empty() {
            let out = self.apply_listing(listing.connectors, now_ms);
            // Every listed name has its entry in `raw`, or `raw` is empty (read whole).
            self.rows_match_raw = raw.len() == self.rows.len();
            self.raw = Arc::new(raw);
            return (out, true);
        }
        let first = !self.loaded;
        let mut out = ReconcileOutcome::default();
        // An unchanged entry keeps its row only if that row is still the one built from this
        // very text: the same shared text in our entries (a row removed, replaced by a
        // placeholder or by `apply_listing` since the listing was asked for lost its text).
        // Rows whose name is in neither part of the listing go.
        let in_order = if self.rows_match_raw {
            self.unchanged_in_order(&unchanged)
        } else {
            None
        };
        let (gone, dropped) = match in_order {
            // The common case: our rows are our entries, and the unchanged ones come in our
            // order, so only the few entries between them (changed or gone) are looked at.
            Some(skipped) => {
                let changed: FxHashSet<&str> =
                    listing.connectors.iter().map(|c| c.name.as_str()).collect();
                let gone: Vec<String> = skipped
                    .into_iter()
                    .filter(|n| !changed.contains(n))
                    .map(str::to_string)
                    .collect();
                (gone, FxHashSet::default())
            }
            _ => {
                // Listed: in the body, or added back by the name list (no entry text).
                let listed: FxHashSet<&str> = raw
                    .names()
                    .chain(listing.connectors.iter().map(|c| c.name.as_str()))
                    .collect();
                let gone: Vec<String> = self
                    .rows
                    .keys()
                    .filter(|n| !listed.contains(n.as_str()))
                    .cloned()
                    .collect();
                let ours: FxHashMap<&str, &Arc<str>> =
                    self.raw.entries().iter().map(|(n, t)| (&**n, t)).collect();
                let dropped: FxHashSet<Arc<str>> = unchanged
                    .iter()
                    .filter(|(name, text)| {
                        let same_text = ours.get(&**name).is_some_and(|o| Arc::ptr_eq(o, text));
                        !(same_text && self.rows.contains_key(&**name))
                    })
                    .map(|(name, _)| name.clone())
                    .collect();
                (gone, dropped)
            }
        };
        for name in gone {
            self.pending.remove(&name);
            if let Some(old) = self.rows.remove(&name) {
                self.note(&old.key.name);
                out.removed.push(old.key.clone());
            }
        }
        let complete = dropped.is_empty();
        if !complete {
            raw.retain(|n| !dropped.contains(n));
        }
        let kept_count = unchanged.len() - dropped.len();
        // The kept names are collected only when a pending marker may need them.
        let kept: HashSet<&str> = if self.pending.is_empty() {
            HashSet::new()
        } else {
            unchanged
                .iter()
                .map(|(n, _)| &**n)
                .filter(|n| !dropped.contains(*n))
                .collect()
        };
        out.unchanged = kept_count;
        for summary in listing.connectors {
            let name = summary.name.clone();
            let row = self.reconcile_one(summary, now_ms, first, &mut out);
            self.rows.insert(name, row);
        }
        // A pending marker on an unchanged row ends by time, or (for the first read after the
        // server acknowledged it) by the state the row already has.
        let unchanged_pending: Vec<String> = self
            .pending
            .keys()
            .filter(|n| kept.contains(n.as_str()))
            .cloned()
            .collect();
        for name in unchanged_pending {
            let Some(old) = self.rows.get(&name) else {
                continue;
            };
            let resolved = self
                .pending
                .get(&name)
                .is_some_and(|p| p.resolved_by(old.state.as_ref(), now_ms));
            if resolved {
                self.pending.remove(&name);
                if let Some(row) = self.replace_pending(&name, None) {
                    out.unchanged -= 1;
                    out.changed.push(row);
                }
            }
        }
        // As in `apply_listing`: no marker outlives its row.
        let rows = &self.rows;
        self.pending.retain(|name, _| rows.contains_key(name));
        self.raw = Arc::new(raw);
        // Every entry now has its row. A row has no entry when an unchanged entry's text was
        // dropped above, or when the name list added a connector the expanded map left out
        // (`ListingDelta::reconcile_names`): then there are more rows than entries.
        self.rows_match_raw = complete && self.rows.len() == self.raw.len();
        self.loaded = true;
        self.stale = false;
        (out, complete)
    }

    /// When the unchanged entries are ours (the same shared name and text) and come in our
    /// order, the names of our entries between and after them: the entries that changed or
    /// went. `None` otherwise (an entry forgotten or replaced, or the listing's order moved).
    fn unchanged_in_order(&self, unchanged: &[(Arc<str>, Arc<str>)]) -> Option<Vec<&str>> {
        let ours = self.raw.entries();
        let mut skipped = Vec::new();
        let mut k = 0;
        for (name, text) in unchanged {
            loop {
                let (n, t) = ours.get(k)?;
                k += 1;
                if Arc::ptr_eq(t, text) && Arc::ptr_eq(n, name) {
                    break;
                }
                skipped.push(&**n);
            }
        }
        skipped.extend(ours[k..].iter().map(|(n, _)| &**n));
        Some(skipped)
    }

    /// Builds the row for one listed connector against the one it replaces (taken out of
    /// `rows`), records what changed in `out`, and returns the row to keep.
    fn reconcile_one(
        &mut self,
        summary: ConnectorSummary,
        now_ms: u64,
        first: bool,
        out: &mut ReconcileOutcome,
    ) -> Arc<ConnectorRow> {
        let name = summary.name.clone();
        let old = self.rows.remove(&name);
        let mut row = ConnectorRow::from_summary(&self.cluster, summary, old.as_deref());
        if let Some(p) = self.pending.get(&name) {
            if p.resolved_by(row.state.as_ref(), now_ms) {
                self.pending.remove(&name);
            } else {
                row.pending = Some(p.action);
            }
        }
        match old {
            Some(old) if *old == row => {
                out.unchanged += 1;
                old
            }
            Some(old) => {
                row.index();
                out.class_changed |= old.class != row.class;
                out.events.extend(new_failures(Some(&old), &row, now_ms));
                let row = Arc::new(row);
                self.note(&row.key.name);
                out.changed.push(row.clone());
                row
            }
            None => {
                row.index();
                if !first {
                    out.events.extend(new_failures(None, &row, now_ms));
                }
                let row = Arc::new(row);
                self.note(&row.key.name);
                out.added.push(row.clone());
                row
            }
        }
    }

    /// A refresh failed: keep every row, mark the cluster stale.
    pub fn mark_unreachable(&mut self) {
        self.stale = true;
    }

    /// Puts a pending marker on a row; returns the row to publish, if it exists.
    pub fn set_pending(&mut self, name: &str, pending: Pending) -> Option<Arc<ConnectorRow>> {
        let action = pending.action;
        self.pending.insert(name.to_string(), pending);
        self.replace_pending(name, Some(action))
    }

    /// Whether an action the server accepted still waits for a read to show its outcome
    /// (Kafka Connect applies a pause or a resume a moment after answering 202).
    pub fn awaits_confirmation(&self) -> bool {
        self.pending.values().any(|p| p.acknowledged)
    }

    /// The server accepted the action: a later read confirms it.
    pub fn acknowledge_pending(&mut self, name: &str, now_ms: u64) {
        if let Some(p) = self.pending.get_mut(name) {
            p.acknowledge(now_ms);
        }
    }

    /// Removes a row's pending marker (the action failed); returns the row to publish.
    pub fn clear_pending(&mut self, name: &str) -> Option<Arc<ConnectorRow>> {
        self.pending.remove(name);
        self.replace_pending(name, None)
    }

    fn replace_pending(
        &mut self,
        name: &str,
        pending: Option<ConnectorAction>,
    ) -> Option<Arc<ConnectorRow>> {
        let slot = self.rows.get_mut(name)?;
        if slot.pending == pending {
            return None;
        }
        *slot = Arc::new(slot.with_pending(pending));
        let row = slot.clone();
        self.note(&row.key.name);
        Some(row)
    }

    /// Removes a row at once (a delete the server confirmed).
    pub fn remove(&mut self, name: &str) -> Option<RowKey> {
        self.pending.remove(name);
        self.forget_raw(name);
        let row = self.rows.remove(name)?;
        self.note(&row.key.name);
        Some(row.key.clone())
    }

    /// Adds a just-created connector before the next listing shows it.
    pub fn insert_placeholder(&mut self, name: &str) -> Option<Arc<ConnectorRow>> {
        if self.rows.contains_key(name) {
            return None;
        }
        let row = Arc::new(ConnectorRow::placeholder(RowKey::new(&self.cluster, name)));
        self.rows.insert(name.to_string(), row.clone());
        self.note(&row.key.name);
        self.forget_raw(name);
        // The placeholder has no entry text.
        self.rows_match_raw = false;
        Some(row)
    }

    /// The row of `name` no longer matches its entry text: the next listing parses it.
    fn forget_raw(&mut self, name: &str) {
        if self.raw.contains_key(name) {
            Arc::make_mut(&mut self.raw).remove(name);
        }
    }

    /// Connector and task counts per roll-up state.
    pub fn counts(&self) -> HealthCounts {
        let mut c = HealthCounts::default();
        for r in self.rows.values() {
            c.add_connector(r.health, r.tasks.len(), r.tasks_running, r.tasks_failed);
        }
        c
    }
}
