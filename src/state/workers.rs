//! Which connectors and tasks run on which worker, per cluster, derived from the statuses the
//! listing already carries (no extra request).

use std::collections::BTreeMap;

use crate::protocol::model::State;
use crate::state::reconcile::ConnectorRow;

/// One task placed on a worker.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct PlacedTask {
    pub connector: String,
    pub task: u32,
    pub state: State,
}

/// One worker's load.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WorkerLoad {
    pub worker_id: String,
    /// Connectors whose connector instance runs here.
    pub connectors: Vec<String>,
    pub tasks: Vec<PlacedTask>,
    pub tasks_failed: usize,
}

/// The worker view of one cluster.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClusterWorkers {
    /// Sorted by worker id.
    pub workers: Vec<WorkerLoad>,
    /// Connectors that are UNASSIGNED or report no worker.
    pub unassigned_connectors: Vec<String>,
    /// Tasks that are UNASSIGNED or report no worker.
    pub unassigned_tasks: Vec<PlacedTask>,
}

/// Groups connectors and tasks by worker. An UNASSIGNED entry's `worker_id` names whichever
/// worker last wrote its status (`connect-api.md` A.4.7), so it counts as unassigned.
pub fn workers_of<'a>(rows: impl IntoIterator<Item = &'a ConnectorRow>) -> ClusterWorkers {
    let mut by: BTreeMap<String, WorkerLoad> = BTreeMap::new();
    let mut out = ClusterWorkers::default();
    for r in rows {
        let connector_worker = match (&r.state, &r.worker_id) {
            (Some(State::Unassigned), _) | (_, None) => None,
            (_, Some(w)) => Some(w),
        };
        match connector_worker {
            Some(w) if r.state.is_some() => by
                .entry(w.clone())
                .or_insert_with(|| WorkerLoad {
                    worker_id: w.clone(),
                    ..Default::default()
                })
                .connectors
                .push(r.key.name.to_string()),
            _ => {
                if r.state.is_some() && !matches!(r.state, Some(State::Stopped)) {
                    out.unassigned_connectors.push(r.key.name.to_string());
                }
            }
        }
        for t in &r.tasks {
            let placed = PlacedTask {
                connector: r.key.name.to_string(),
                task: t.id,
                state: t.state.clone(),
            };
            match (&t.state, &t.worker_id) {
                (State::Unassigned, _) | (_, None) => out.unassigned_tasks.push(placed),
                (_, Some(w)) => {
                    let load = by.entry(w.clone()).or_insert_with(|| WorkerLoad {
                        worker_id: w.clone(),
                        ..Default::default()
                    });
                    if t.state == State::Failed {
                        load.tasks_failed += 1;
                    }
                    load.tasks.push(placed);
                }
            }
        }
    }
    out.workers = by
        .into_values()
        .map(|mut w| {
            w.connectors.sort();
            w.tasks.sort();
            w
        })
        .collect();
    out.unassigned_connectors.sort();
    out.unassigned_tasks.sort();
    out
}
