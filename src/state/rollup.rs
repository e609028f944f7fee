//! Roll-ups: one health verdict per connector, per cluster and across clusters.
//!
//! Kafka Connect reports a connector state and task states separately, so a connector can say
//! RUNNING while half its tasks have FAILED. Every list, badge and count in the console uses
//! the verdict computed here instead, following Redpanda's holistic rules
//! (`connect-api.md` C.3): a RUNNING connector with some FAILED tasks is DEGRADED, never
//! healthy; all tasks failed (or a RUNNING connector without tasks) is UNHEALTHY.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::protocol::error::ApiError;
use crate::protocol::model::{State, WorkerHealth};

/// A connector's roll-up state. Declared worst-first, so sorting ascending puts the
/// connectors that need attention on top.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Health {
    /// The connector failed, or it runs but all its tasks failed (or it has none).
    Unhealthy,
    /// Running, but some (not all) tasks failed.
    Degraded,
    /// The connector or one of its tasks has no worker.
    Unassigned,
    /// A restart is under way.
    Restarting,
    /// Confluent Cloud is still provisioning it.
    Provisioning,
    /// No status yet (just created) or a state this console does not know.
    Unknown,
    Paused,
    Stopped,
    /// Running with at least one task, every task running.
    Healthy,
}

impl Health {
    pub const ALL: [Health; 9] = [
        Health::Unhealthy,
        Health::Degraded,
        Health::Unassigned,
        Health::Restarting,
        Health::Provisioning,
        Health::Unknown,
        Health::Paused,
        Health::Stopped,
        Health::Healthy,
    ];

    /// The stable token used in URLs and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Health::Unhealthy => "failed",
            Health::Degraded => "degraded",
            Health::Unassigned => "unassigned",
            Health::Restarting => "restarting",
            Health::Provisioning => "provisioning",
            Health::Unknown => "unknown",
            Health::Paused => "paused",
            Health::Stopped => "stopped",
            Health::Healthy => "running",
        }
    }

    /// A human label for badges.
    pub fn label(self) -> &'static str {
        match self {
            Health::Unhealthy => "Failed",
            Health::Degraded => "Degraded",
            Health::Unassigned => "Unassigned",
            Health::Restarting => "Restarting",
            Health::Provisioning => "Provisioning",
            Health::Unknown => "Unknown",
            Health::Paused => "Paused",
            Health::Stopped => "Stopped",
            Health::Healthy => "Running",
        }
    }

    /// Parses [`Health::as_str`] (and a few synonyms) back.
    pub fn parse(s: &str) -> Option<Health> {
        let s = s.trim().to_ascii_lowercase();
        Some(match s.as_str() {
            "failed" | "unhealthy" => Health::Unhealthy,
            "degraded" => Health::Degraded,
            "unassigned" => Health::Unassigned,
            "restarting" => Health::Restarting,
            "provisioning" => Health::Provisioning,
            "unknown" => Health::Unknown,
            "paused" => Health::Paused,
            "stopped" => Health::Stopped,
            "running" | "healthy" => Health::Healthy,
            _ => return None,
        })
    }

    /// Failed or degraded: what the "needs attention" view and the alert count show.
    pub fn needs_attention(self) -> bool {
        matches!(self, Health::Unhealthy | Health::Degraded)
    }
}

impl fmt::Display for Health {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The roll-up of a connector state (`None` = no status yet) and its task states.
pub fn connector_health<'a>(
    connector: Option<&State>,
    tasks: impl IntoIterator<Item = &'a State>,
) -> Health {
    let Some(connector) = connector else {
        return Health::Unknown;
    };
    match connector {
        State::Failed => Health::Unhealthy,
        State::Paused => Health::Paused,
        State::Stopped => Health::Stopped,
        State::Restarting => Health::Restarting,
        State::Unassigned => Health::Unassigned,
        State::Provisioning => Health::Provisioning,
        State::Other(_) => Health::Unknown,
        // Confluent Cloud computes it server-side; trust it, but a task roll-up may be worse.
        State::Degraded | State::Running => {
            let (mut total, mut failed, mut unassigned, mut restarting, mut other) =
                (0usize, 0usize, 0usize, 0usize, 0usize);
            for t in tasks {
                total += 1;
                match t {
                    State::Failed => failed += 1,
                    State::Unassigned => unassigned += 1,
                    State::Restarting => restarting += 1,
                    State::Running => {}
                    _ => other += 1,
                }
            }
            if total == 0 {
                // Confluent Cloud lists no tasks for a degraded managed connector sometimes;
                // its own verdict wins then.
                return if *connector == State::Degraded {
                    Health::Degraded
                } else {
                    Health::Unhealthy
                };
            }
            if failed == total {
                Health::Unhealthy
            } else if failed > 0 || *connector == State::Degraded {
                Health::Degraded
            } else if unassigned > 0 {
                Health::Unassigned
            } else if restarting > 0 {
                Health::Restarting
            } else if other > 0 {
                // Tasks PAUSED under a RUNNING connector: a transition in progress.
                Health::Restarting
            } else {
                Health::Healthy
            }
        }
    }
}

/// Counts of connectors per roll-up state, plus task totals.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct HealthCounts {
    pub by_health: BTreeMap<Health, usize>,
    pub connectors: usize,
    pub tasks: usize,
    pub tasks_running: usize,
    pub tasks_failed: usize,
}

impl HealthCounts {
    pub fn count(&self, h: Health) -> usize {
        self.by_health.get(&h).copied().unwrap_or(0)
    }

    /// Failed plus degraded connectors.
    pub fn attention(&self) -> usize {
        self.count(Health::Unhealthy) + self.count(Health::Degraded)
    }

    pub fn add_connector(&mut self, h: Health, tasks: usize, running: usize, failed: usize) {
        *self.by_health.entry(h).or_insert(0) += 1;
        self.connectors += 1;
        self.tasks += tasks;
        self.tasks_running += running;
        self.tasks_failed += failed;
    }

    pub fn merge(&mut self, other: &HealthCounts) {
        for (h, n) in &other.by_health {
            *self.by_health.entry(*h).or_insert(0) += n;
        }
        self.connectors += other.connectors;
        self.tasks += other.tasks;
        self.tasks_running += other.tasks_running;
        self.tasks_failed += other.tasks_failed;
    }
}

/// Whether the last request to a cluster got through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Reachability {
    /// Nothing has been asked yet.
    #[default]
    Unknown,
    Reachable,
    Unreachable,
}

/// What the worker itself says about its health (`GET /health`, Apache 3.9+). A worker
/// whose broker is gone keeps answering listings with stale data, so only this tells.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(tag = "status", content = "message", rename_all = "snake_case")]
pub enum WorkerCondition {
    /// Not asked yet, or the flavor/version has no health endpoint.
    #[default]
    Unknown,
    Healthy,
    /// The worker is still starting up (503 `starting`), with its message.
    Starting(String),
    /// The worker reports itself unhealthy (500 `unhealthy`), with its message.
    Unhealthy(String),
}

impl WorkerCondition {
    /// Reads a `GET /health` answer. Unknown status words count as unhealthy: the worker did
    /// not say it is fine.
    pub fn from_health(h: &WorkerHealth) -> Self {
        let message = h.message.trim().to_string();
        match h.status.trim().to_ascii_lowercase().as_str() {
            "healthy" => WorkerCondition::Healthy,
            "starting" => WorkerCondition::Starting(message),
            _ => WorkerCondition::Unhealthy(if message.is_empty() {
                format!("The worker reports \"{}\".", h.status.trim())
            } else {
                message
            }),
        }
    }

    /// The worker's own message when it is not healthy.
    pub fn message(&self) -> Option<&str> {
        match self {
            WorkerCondition::Starting(m) | WorkerCondition::Unhealthy(m) => Some(m),
            _ => None,
        }
    }
}

/// The cluster-level verdict shown on its card, worst first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClusterVerdict {
    /// The last request got no usable answer.
    Unreachable,
    /// Listings answer but the worker says it is unhealthy (e.g. its Kafka broker is gone):
    /// what is shown may be out of date.
    Unhealthy,
    /// Reachable, but the rows are stale or the worker is still starting.
    Degraded,
    /// Nothing asked yet.
    Unknown,
    Healthy,
}

impl ClusterVerdict {
    pub fn as_str(self) -> &'static str {
        match self {
            ClusterVerdict::Unreachable => "unreachable",
            ClusterVerdict::Unhealthy => "unhealthy",
            ClusterVerdict::Degraded => "degraded",
            ClusterVerdict::Unknown => "unknown",
            ClusterVerdict::Healthy => "healthy",
        }
    }
}

/// One cluster's health card: reachability, worker health, version, counts, last success and
/// last error.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ClusterHealth {
    pub cluster_id: String,
    pub reachability: Reachability,
    /// The worker's own health report (slower cadence than listings; see `state::poll`).
    pub worker: WorkerCondition,
    pub version: Option<String>,
    pub kafka_cluster_id: Option<String>,
    pub counts: HealthCounts,
    /// Epoch ms of the last successful listing.
    pub last_success_ms: Option<u64>,
    /// The last error, whole (message, hint, detail) for the error notice; cleared by the
    /// next success.
    #[serde(skip)]
    pub last_error: Option<ApiError>,
    /// True while the rows shown are from an older successful listing (the last refresh
    /// failed), so views can grey them out.
    pub stale: bool,
    /// True while a refresh request is in flight.
    pub refreshing: bool,
}

impl ClusterHealth {
    pub fn new(cluster_id: impl Into<String>) -> Self {
        ClusterHealth {
            cluster_id: cluster_id.into(),
            ..Default::default()
        }
    }

    /// The worst connector roll-up on this cluster.
    pub fn worst(&self) -> Option<Health> {
        self.counts.by_health.keys().next().copied()
    }

    /// The last error as one line (message, then hint), for short notes.
    pub fn last_error_text(&self) -> Option<String> {
        self.last_error.as_ref().map(|e| match &e.hint {
            Some(h) => format!("{} {}", e.message, h.lines().next().unwrap_or_default()),
            None => e.message.clone(),
        })
    }

    /// The cluster-level verdict: unreachable beats an unhealthy worker, which beats stale
    /// rows or a starting worker.
    pub fn verdict(&self) -> ClusterVerdict {
        match self.reachability {
            Reachability::Unreachable => ClusterVerdict::Unreachable,
            Reachability::Unknown => ClusterVerdict::Unknown,
            Reachability::Reachable => match self.worker {
                WorkerCondition::Unhealthy(_) => ClusterVerdict::Unhealthy,
                WorkerCondition::Starting(_) => ClusterVerdict::Degraded,
                _ if self.stale => ClusterVerdict::Degraded,
                _ => ClusterVerdict::Healthy,
            },
        }
    }
}

/// The roll-up across clusters for the overview header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct GlobalHealth {
    pub clusters: usize,
    pub reachable: usize,
    pub unreachable: usize,
    /// Reachable clusters whose worker reports itself unhealthy or starting.
    pub unhealthy: usize,
    pub counts: HealthCounts,
}

pub fn global_health<'a>(clusters: impl IntoIterator<Item = &'a ClusterHealth>) -> GlobalHealth {
    let mut g = GlobalHealth::default();
    for c in clusters {
        g.clusters += 1;
        match c.reachability {
            Reachability::Reachable => g.reachable += 1,
            Reachability::Unreachable => g.unreachable += 1,
            Reachability::Unknown => {}
        }
        if matches!(c.verdict(), ClusterVerdict::Unhealthy)
            || matches!(
                (c.reachability, &c.worker),
                (Reachability::Reachable, WorkerCondition::Starting(_))
            )
        {
            g.unhealthy += 1;
        }
        g.counts.merge(&c.counts);
    }
    g
}

#[cfg(test)]
mod tests {
    use super::*;
    use State::*;

    #[test]
    fn running_with_a_failed_task_is_degraded_never_healthy() {
        assert_eq!(
            connector_health(Some(&Running), &[Running, Failed]),
            Health::Degraded
        );
        assert_eq!(
            connector_health(Some(&Running), &[Failed, Failed]),
            Health::Unhealthy
        );
        assert_eq!(
            connector_health(Some(&Running), &[Running]),
            Health::Healthy
        );
        assert_eq!(connector_health(Some(&Running), &[]), Health::Unhealthy);
        assert_eq!(connector_health(None, &[]), Health::Unknown);
    }

    #[test]
    fn worst_first_order() {
        let mut v = Health::ALL.to_vec();
        v.reverse();
        v.sort();
        assert_eq!(v[0], Health::Unhealthy);
        assert_eq!(v[1], Health::Degraded);
        for h in Health::ALL {
            assert_eq!(Health::parse(h.as_str()), Some(h));
        }
    }
}
