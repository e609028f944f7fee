//! Per-cluster refresh scheduling: when to ask, when to back off, when to wait.
//!
//! Each cluster has its own [`PollState`], so a slow or failing cluster never delays another.
//! Rules:
//! - one request in flight per cluster: a timer tick or manual refresh while one is in flight
//!   starts nothing (a manual one is queued and runs as soon as the current one ends);
//! - a refresh whose answer could predate a change the user just made (after an action, after
//!   editing the cluster) supersedes the request in flight: the old one is cancelled (its future
//!   dropped, which aborts the fetch) and its answer, should it still arrive, is ignored by
//!   sequence number;
//! - after errors the delay doubles from the interval up to a cap; a success resets it;
//! - while the tab is hidden timers start nothing; on return a cluster whose data is older
//!   than one interval refreshes at once.
//!
//! Besides the one listing per refresh, two slower reads keep the card honest:
//! - the worker's own health (`GET /health`, where the flavor has it) every
//!   [`health_interval_ms`] (six refresh intervals, at least 30 s), only while the tab is
//!   visible, the cluster answers listings and no probe is in flight: a worker that lost its
//!   Kafka broker still answers listings (stale) and only `/health` says so;
//! - the server version (`GET /`) when the cluster comes back after failed refreshes (a
//!   rolling upgrade restarts workers) and every [`SERVER_INFO_INTERVAL_MS`] otherwise, as part
//!   of that refresh, so capabilities follow an upgrade.
//!
//! And each Apache listing has a scope ([`listing_scope`]): a poll lists statuses only,
//! with the configs every [`FULL_LISTING_EVERY_MS`].

use crate::protocol::model::Flavor;

/// Default refresh interval.
pub const DEFAULT_INTERVAL_MS: u32 = 5_000;
/// The smallest interval settings may choose.
pub const MIN_INTERVAL_MS: u32 = 1_000;
/// Backoff never waits longer than this.
pub const DEFAULT_MAX_BACKOFF_MS: u32 = 60_000;
/// The health probe never runs more often than this.
pub const MIN_HEALTH_INTERVAL_MS: u32 = 30_000;
/// Health probes come once per this many refresh intervals (when longer than the minimum).
pub const HEALTH_EVERY_REFRESHES: u32 = 6;
/// The server version is re-read this often even without a reconnect.
pub const SERVER_INFO_INTERVAL_MS: u32 = 300_000;

/// The health probe's period for a refresh interval.
pub fn health_interval_ms(interval_ms: u32) -> u32 {
    interval_ms
        .max(MIN_INTERVAL_MS)
        .saturating_mul(HEALTH_EVERY_REFRESHES)
        .max(MIN_HEALTH_INTERVAL_MS)
}

/// Why a refresh is asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefreshReason {
    /// The polling timer.
    Timer,
    /// The user pressed refresh.
    Manual,
    /// The tab became visible again.
    Visible,
    /// An action was acknowledged: the next read must come after it.
    AfterAction,
    /// The cluster's URL or credentials changed.
    SettingsChanged,
}

impl RefreshReason {
    fn supersedes(self) -> bool {
        matches!(
            self,
            RefreshReason::AfterAction | RefreshReason::SettingsChanged
        )
    }
}

/// What the scheduler should do now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Send request number `seq`.
    Start { seq: u64 },
    /// Cancel request `cancel`, then send request `seq`.
    Supersede { cancel: u64, seq: u64 },
    /// Do nothing now.
    Skip(SkipReason),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SkipReason {
    InFlight,
    NotDue,
    Hidden,
    /// A manual refresh came while a request was in flight; it runs when that one ends.
    Queued,
}

/// One cluster's polling state.
#[derive(Clone, Debug, PartialEq)]
pub struct PollState {
    interval_ms: u32,
    max_backoff_ms: u32,
    consecutive_errors: u32,
    in_flight: Option<u64>,
    seq: u64,
    next_due_ms: u64,
    last_success_ms: Option<u64>,
    queued: bool,
    health_in_flight: bool,
    next_health_ms: u64,
    /// When the server version was last read (`None`: never, read it with the next refresh).
    server_info_ms: Option<u64>,
}

impl Default for PollState {
    fn default() -> Self {
        PollState::new(DEFAULT_INTERVAL_MS)
    }
}

/// The delay after `errors` consecutive failures: the interval doubled per error, capped.
pub fn backoff_ms(interval_ms: u32, errors: u32, cap_ms: u32) -> u32 {
    if errors == 0 {
        return interval_ms;
    }
    let factor = 1u64 << errors.min(20);
    (u64::from(interval_ms) * factor).min(u64::from(cap_ms.max(interval_ms))) as u32
}

impl PollState {
    /// A new cluster: due at once.
    pub fn new(interval_ms: u32) -> Self {
        PollState {
            interval_ms: interval_ms.max(MIN_INTERVAL_MS),
            max_backoff_ms: DEFAULT_MAX_BACKOFF_MS,
            consecutive_errors: 0,
            in_flight: None,
            seq: 0,
            next_due_ms: 0,
            last_success_ms: None,
            queued: false,
            health_in_flight: false,
            next_health_ms: 0,
            server_info_ms: None,
        }
    }

    pub fn with_max_backoff(mut self, ms: u32) -> Self {
        self.max_backoff_ms = ms;
        self
    }

    pub fn set_interval(&mut self, interval_ms: u32) {
        self.interval_ms = interval_ms.max(MIN_INTERVAL_MS);
    }

    pub fn interval_ms(&self) -> u32 {
        self.interval_ms
    }

    pub fn in_flight(&self) -> Option<u64> {
        self.in_flight
    }

    pub fn consecutive_errors(&self) -> u32 {
        self.consecutive_errors
    }

    pub fn next_due_ms(&self) -> u64 {
        self.next_due_ms
    }

    pub fn last_success_ms(&self) -> Option<u64> {
        self.last_success_ms
    }

    /// The wait before the next timer refresh, given the errors so far.
    pub fn current_delay_ms(&self) -> u32 {
        backoff_ms(
            self.interval_ms,
            self.consecutive_errors,
            self.max_backoff_ms,
        )
    }

    fn start(&mut self) -> u64 {
        self.seq += 1;
        self.in_flight = Some(self.seq);
        self.queued = false;
        self.seq
    }

    /// Decides on a refresh request.
    pub fn request(&mut self, reason: RefreshReason, now_ms: u64, visible: bool) -> Decision {
        match (self.in_flight, reason) {
            (Some(old), r) if r.supersedes() => {
                let seq = self.start();
                Decision::Supersede { cancel: old, seq }
            }
            (Some(_), RefreshReason::Manual) => {
                self.queued = true;
                Decision::Skip(SkipReason::Queued)
            }
            (Some(_), _) => Decision::Skip(SkipReason::InFlight),
            (None, RefreshReason::Timer) => {
                if !visible {
                    Decision::Skip(SkipReason::Hidden)
                } else if now_ms < self.next_due_ms {
                    Decision::Skip(SkipReason::NotDue)
                } else {
                    Decision::Start { seq: self.start() }
                }
            }
            (None, RefreshReason::Visible) => {
                let fresh = self
                    .last_success_ms
                    .is_some_and(|t| now_ms.saturating_sub(t) < u64::from(self.interval_ms));
                if fresh && now_ms < self.next_due_ms {
                    Decision::Skip(SkipReason::NotDue)
                } else {
                    Decision::Start { seq: self.start() }
                }
            }
            (None, _) => Decision::Start { seq: self.start() },
        }
    }

    /// The timer's question: [`PollState::request`] with [`RefreshReason::Timer`].
    pub fn tick(&mut self, now_ms: u64, visible: bool) -> Decision {
        self.request(RefreshReason::Timer, now_ms, visible)
    }

    /// Whether the refresh about to start should (re-)read the server version first: never
    /// read, reconnecting after failed refreshes, or the last read is older than
    /// [`SERVER_INFO_INTERVAL_MS`].
    pub fn server_info_due(&self, now_ms: u64) -> bool {
        match self.server_info_ms {
            None => true,
            Some(_) if self.consecutive_errors > 0 => true,
            Some(t) => now_ms.saturating_sub(t) >= u64::from(SERVER_INFO_INTERVAL_MS),
        }
    }

    /// The server version was read at `now_ms`.
    pub fn server_info_read(&mut self, now_ms: u64) {
        self.server_info_ms = Some(now_ms);
    }

    /// Forget the server version (the cluster's URL changed): the next refresh reads it.
    pub fn forget_server_info(&mut self) {
        self.server_info_ms = None;
        self.next_health_ms = 0;
    }

    /// Whether to send a health probe now (`supported`: the flavor and version have
    /// `/health`). Starts it when true: call [`PollState::finish_health`] when it ends.
    /// Only while visible, only once the cluster answered a listing and its last refresh
    /// succeeded (an unreachable cluster is already shown as such), one at a time, at
    /// [`health_interval_ms`].
    pub fn start_health(&mut self, now_ms: u64, visible: bool, supported: bool) -> bool {
        if !supported
            || !visible
            || self.health_in_flight
            || self.last_success_ms.is_none()
            || self.consecutive_errors > 0
            || now_ms < self.next_health_ms
        {
            return false;
        }
        self.health_in_flight = true;
        true
    }

    /// The health probe ended (answered, failed or cancelled): the next one is one health
    /// period later.
    pub fn finish_health(&mut self, now_ms: u64) {
        self.health_in_flight = false;
        self.next_health_ms = now_ms + u64::from(health_interval_ms(self.interval_ms));
    }

    pub fn health_in_flight(&self) -> bool {
        self.health_in_flight
    }

    /// Brings the next timer refresh forward to `due_ms` at the latest (never later than it
    /// already was). Used to confirm an accepted action soon instead of a whole interval on.
    pub fn hurry(&mut self, due_ms: u64) {
        self.next_due_ms = self.next_due_ms.min(due_ms);
    }

    /// Request `seq` was cancelled (the cluster was removed, or the store shut down).
    pub fn cancel(&mut self, seq: u64) {
        if self.in_flight == Some(seq) {
            self.in_flight = None;
        }
    }

    /// Request `seq` ended. Returns false when it was superseded: drop its answer.
    pub fn finish(&mut self, seq: u64, ok: bool, now_ms: u64) -> bool {
        if self.in_flight != Some(seq) {
            return false;
        }
        self.in_flight = None;
        if ok {
            self.consecutive_errors = 0;
            self.last_success_ms = Some(now_ms);
        } else {
            self.consecutive_errors = self.consecutive_errors.saturating_add(1);
            // The health verdict is stale after an outage: probe as soon as listings answer.
            self.next_health_ms = 0;
        }
        self.next_due_ms = if self.queued {
            now_ms
        } else {
            now_ms + u64::from(self.current_delay_ms())
        };
        self.queued = false;
        true
    }
}

/// How often a polled Apache listing carries the configs (`?expand=status&expand=info`):
/// between those, a poll lists statuses only (`?expand=status`, about a quarter of the bytes
/// and of the per-refresh work at 10,000 connectors). A config changed outside this console
/// shows in the list within this long; a connector's own page reads its config itself.
pub const FULL_LISTING_EVERY_MS: u64 = 30_000;

/// Whether a refresh lists configs too, and why: decided per request by [`listing_scope`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListingScope {
    /// Statuses and configs.
    Full,
    /// Statuses only; each row keeps the config of its last full listing.
    StatusOnly,
}

/// The scope of a refresh of `flavor` for `reason`: statuses only for the polling timer and
/// the read after an action (state changes), once a full listing less than
/// [`FULL_LISTING_EVERY_MS`] old has been applied and none is due; everything else (the first
/// listing, a manual refresh, the tab shown again, new settings, a connector created) lists
/// configs. Other flavors have one listing shape.
pub fn listing_scope(
    flavor: Flavor,
    reason: RefreshReason,
    last_full_ms: Option<u64>,
    full_due: bool,
    now_ms: u64,
) -> ListingScope {
    let polled = matches!(reason, RefreshReason::Timer | RefreshReason::AfterAction);
    let recent = last_full_ms.is_some_and(|t| now_ms.saturating_sub(t) < FULL_LISTING_EVERY_MS);
    if flavor == Flavor::Apache && polled && recent && !full_due {
        ListingScope::StatusOnly
    } else {
        ListingScope::Full
    }
}
