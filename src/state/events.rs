//! Change detection between refreshes: a connector or task that became FAILED is an event.
//!
//! Events drive the toast, the failure count in the document title and the optional browser
//! notification. Only transitions count: the first listing of a cluster is the baseline, so
//! opening the console on a cluster with 50 failed connectors does not fire 50 toasts.

use std::collections::VecDeque;

use crate::protocol::model::State;
use crate::state::reconcile::{ConnectorRow, RowKey};

/// What failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FailureKind {
    Connector,
    Task(u32),
}

/// A new failure seen by a refresh.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FailureEvent {
    pub key: RowKey,
    pub kind: FailureKind,
    /// The first line of the trace, if the server sent one.
    pub summary: Option<String>,
    pub at_ms: u64,
}

impl FailureEvent {
    /// One line for a toast or notification title.
    pub fn title(&self) -> String {
        match self.kind {
            FailureKind::Connector => format!("Connector {} failed", self.key.name),
            FailureKind::Task(t) => format!("Task {t} of {} failed", self.key.name),
        }
    }
}

/// The first non-empty line of a stack trace, trimmed to 200 characters.
pub fn trace_summary(trace: Option<&str>) -> Option<String> {
    let line = trace?.lines().map(str::trim).find(|l| !l.is_empty())?;
    Some(if line.chars().count() > 200 {
        let mut s: String = line.chars().take(199).collect();
        s.push('…');
        s
    } else {
        line.to_string()
    })
}

/// The failures `new` shows that `old` did not. `old == None` means the connector is new
/// since the last refresh (not the first listing: callers skip the baseline).
pub fn new_failures(
    old: Option<&ConnectorRow>,
    new: &ConnectorRow,
    at_ms: u64,
) -> Vec<FailureEvent> {
    let mut out = Vec::new();
    let was_failed = old.is_some_and(|o| o.state == Some(State::Failed));
    if new.state == Some(State::Failed) && !was_failed {
        out.push(FailureEvent {
            key: new.key.clone(),
            kind: FailureKind::Connector,
            summary: trace_summary(new.trace.as_deref()),
            at_ms,
        });
    }
    for t in &new.tasks {
        if t.state != State::Failed {
            continue;
        }
        let task_was_failed = old
            .and_then(|o| o.tasks.iter().find(|ot| ot.id == t.id))
            .is_some_and(|ot| ot.state == State::Failed);
        if !task_was_failed {
            out.push(FailureEvent {
                key: new.key.clone(),
                kind: FailureKind::Task(t.id),
                summary: trace_summary(t.trace.as_deref()),
                at_ms,
            });
        }
    }
    out
}

/// Recent failure events plus how many the user has not looked at yet.
#[derive(Clone, Debug, Default)]
pub struct EventLog {
    events: VecDeque<FailureEvent>,
    unseen: usize,
}

/// How many events the log keeps.
pub const EVENT_LOG_CAPACITY: usize = 200;

impl EventLog {
    pub fn push(&mut self, events: impl IntoIterator<Item = FailureEvent>) {
        for e in events {
            if self.events.len() == EVENT_LOG_CAPACITY {
                self.events.pop_front();
            }
            self.events.push_back(e);
            self.unseen += 1;
        }
    }

    pub fn unseen(&self) -> usize {
        self.unseen
    }

    pub fn mark_seen(&mut self) {
        self.unseen = 0;
    }

    /// Newest first.
    pub fn recent(&self) -> impl Iterator<Item = &FailureEvent> {
        self.events.iter().rev()
    }

    pub fn len(&self) -> usize {
        self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }
}

/// At most one failure toast (and browser notification) per this many milliseconds. A storm
/// (say 1 % of 10,000 connectors failing on every refresh) would otherwise raise one toast per
/// cluster per refresh; its later failures wait for the window to end and are then raised as one
/// message. Each failure is in the event log and the title count at once either way.
pub const FAILURE_TOAST_INTERVAL_MS: u64 = 10_000;

/// Paces the failure toasts: the first failure is raised at once, the ones after it within
/// [`FAILURE_TOAST_INTERVAL_MS`] are held and raised together when the window ends.
#[derive(Clone, Debug, Default)]
pub struct FailureToasts {
    last_raised_ms: Option<u64>,
    pending: Vec<FailureEvent>,
}

impl FailureToasts {
    /// Adds a refresh's new failures (possibly none) at `now_ms`; returns the failures to raise
    /// now as one message: everything held, once the window since the last raise has ended.
    pub fn offer(&mut self, now_ms: u64, events: &[FailureEvent]) -> Option<Vec<FailureEvent>> {
        self.pending.extend_from_slice(events);
        if self.pending.is_empty() {
            return None;
        }
        if self
            .last_raised_ms
            .is_some_and(|last| now_ms < last.saturating_add(FAILURE_TOAST_INTERVAL_MS))
        {
            return None;
        }
        self.last_raised_ms = Some(now_ms);
        Some(std::mem::take(&mut self.pending))
    }

    /// Failures held for the next raise.
    pub fn pending(&self) -> usize {
        self.pending.len()
    }
}

/// The document title: `(N) base` while N failures are unseen, else `base`.
pub fn document_title(base: &str, unseen: usize) -> String {
    if unseen == 0 {
        base.to_string()
    } else {
        format!("({unseen}) {base}")
    }
}

/// Collapses a refresh's events into one toast/notification text, so a storm is one message.
pub fn batch_message(events: &[FailureEvent]) -> Option<(String, String)> {
    match events {
        [] => None,
        [one] => Some((
            one.title(),
            one.summary
                .clone()
                .unwrap_or_else(|| format!("on cluster {}", one.key.cluster)),
        )),
        many => {
            let mut names: Vec<&str> = many.iter().map(|e| &*e.key.name).collect();
            names.dedup();
            let shown = names.iter().take(5).copied().collect::<Vec<_>>().join(", ");
            let more = names.len().saturating_sub(5);
            let body = if more > 0 {
                format!("{shown} and {more} more")
            } else {
                shown
            };
            Some((format!("{} new failures", many.len()), body))
        }
    }
}
