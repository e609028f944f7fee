//! Failure events (transitions only, document title, batching) and the worker view.

use connect_console::protocol::model::*;
use connect_console::state::events::*;
use connect_console::state::reconcile::{ClusterRows, RowKey};
use connect_console::state::rollup::{
    connector_health, global_health, ClusterHealth, Health, Reachability,
};
use connect_console::state::workers::workers_of;

fn summary(
    name: &str,
    state: &str,
    worker: Option<&str>,
    tasks: &[(&str, Option<&str>)],
) -> ConnectorSummary {
    ConnectorSummary {
        name: name.into(),
        info: None,
        status: Some(ConnectorStatus {
            name: name.into(),
            connector: ConnectorInstanceState {
                state: State::parse(state),
                worker_id: worker.map(String::from),
                trace: (state == "FAILED")
                    .then(|| "\n  org.x.Boom: bad config\n\tat y".to_string()),
                version: None,
            },
            tasks: tasks
                .iter()
                .enumerate()
                .map(|(i, (s, w))| TaskState {
                    id: i as u32,
                    state: State::parse(s),
                    worker_id: w.map(String::from),
                    trace: None,
                    version: None,
                })
                .collect(),
            kind: ConnectorType::Source,
        }),
    }
}

#[test]
fn events_fire_on_transitions_and_title_counts_unseen() {
    let mut rows = ClusterRows::new("a");
    let mut log = EventLog::default();
    log.push(
        rows.apply_listing(
            vec![summary(
                "x",
                "RUNNING",
                Some("w1"),
                &[("RUNNING", Some("w1"))],
            )],
            0,
        )
        .events,
    );
    assert_eq!(log.unseen(), 0);
    let out = rows.apply_listing(
        vec![summary(
            "x",
            "FAILED",
            Some("w1"),
            &[("FAILED", Some("w1"))],
        )],
        1,
    );
    assert_eq!(out.events.len(), 2, "connector and task");
    assert_eq!(
        out.events[0].summary.as_deref(),
        Some("org.x.Boom: bad config")
    );
    assert_eq!(out.events[0].title(), "Connector x failed");
    assert_eq!(out.events[1].title(), "Task 0 of x failed");
    log.push(out.events.clone());
    assert_eq!(
        document_title("connect-console", log.unseen()),
        "(2) connect-console"
    );
    // Still failed: no new event.
    let out2 = rows.apply_listing(
        vec![summary(
            "x",
            "FAILED",
            Some("w1"),
            &[("FAILED", Some("w1"))],
        )],
        2,
    );
    assert!(out2.events.is_empty());
    log.mark_seen();
    assert_eq!(
        document_title("connect-console", log.unseen()),
        "connect-console"
    );
    assert_eq!(log.recent().count(), 2);
    let (t, b) = batch_message(&out.events).unwrap();
    assert_eq!(t, "2 new failures");
    assert_eq!(b, "x");
    assert!(batch_message(&[]).is_none());
}

#[test]
fn event_log_is_bounded() {
    let mut log = EventLog::default();
    let ev = FailureEvent {
        key: RowKey::new("a", "b"),
        kind: FailureKind::Connector,
        summary: None,
        at_ms: 0,
    };
    log.push(std::iter::repeat_n(ev, EVENT_LOG_CAPACITY + 10));
    assert_eq!(log.len(), EVENT_LOG_CAPACITY);
    assert_eq!(log.unseen(), EVENT_LOG_CAPACITY + 10);
}

#[test]
fn failure_toasts_raise_the_first_at_once_and_hold_a_storm_for_one_message() {
    let ev = |name: &str, at_ms: u64| FailureEvent {
        key: RowKey::new("c1", name),
        kind: FailureKind::Connector,
        summary: None,
        at_ms,
    };
    let mut toasts = FailureToasts::default();
    // Refreshes without failures raise nothing.
    assert_eq!(toasts.offer(0, &[]), None);
    // The first failure is raised at once.
    assert_eq!(
        toasts.offer(1_000, &[ev("a", 1_000)]),
        Some(vec![ev("a", 1_000)])
    );
    // Within the window: held, nothing is raised, nothing is lost.
    assert_eq!(toasts.offer(2_000, &[ev("b", 2_000), ev("c", 2_000)]), None);
    assert_eq!(toasts.offer(5_000, &[]), None);
    assert_eq!(toasts.offer(9_000, &[ev("d", 9_000)]), None);
    assert_eq!(toasts.pending(), 3);
    // The window ends: one raise with every held failure, in order, even on a quiet refresh.
    let held = toasts
        .offer(1_000 + FAILURE_TOAST_INTERVAL_MS, &[])
        .expect("the held failures are raised when the window ends");
    assert_eq!(held, vec![ev("b", 2_000), ev("c", 2_000), ev("d", 9_000)]);
    let (title, body) = batch_message(&held).unwrap();
    assert_eq!(title, "3 new failures");
    assert_eq!(body, "b, c, d");
    assert_eq!(toasts.pending(), 0);
    // That raise opened a new window.
    assert_eq!(
        toasts.offer(1_000 + FAILURE_TOAST_INTERVAL_MS + 1, &[ev("e", 0)]),
        None
    );
    assert_eq!(toasts.pending(), 1);
}

#[test]
fn trace_summary_trims() {
    assert_eq!(trace_summary(None), None);
    assert_eq!(trace_summary(Some("\n\n")), None);
    let long = "x".repeat(500);
    assert_eq!(trace_summary(Some(&long)).unwrap().chars().count(), 200);
}

#[test]
fn workers_view_groups_connectors_and_tasks() {
    let mut rows = ClusterRows::new("a");
    rows.apply_listing(
        vec![
            summary(
                "c1",
                "RUNNING",
                Some("w1:8083"),
                &[("RUNNING", Some("w1:8083")), ("FAILED", Some("w2:8083"))],
            ),
            summary(
                "c2",
                "RUNNING",
                Some("w2:8083"),
                &[("RUNNING", Some("w2:8083"))],
            ),
            summary(
                "c3",
                "UNASSIGNED",
                Some("w1:8083"),
                &[("UNASSIGNED", Some("w1:8083"))],
            ),
        ],
        0,
    );
    let w = workers_of(rows.rows().map(|r| r.as_ref()));
    assert_eq!(w.workers.len(), 2);
    let w1 = &w.workers[0];
    assert_eq!(w1.worker_id, "w1:8083");
    assert_eq!(w1.connectors, vec!["c1"]);
    assert_eq!(w1.tasks.len(), 1);
    let w2 = &w.workers[1];
    assert_eq!(w2.connectors, vec!["c2"]);
    assert_eq!(w2.tasks.len(), 2);
    assert_eq!(w2.tasks_failed, 1);
    assert_eq!(
        w.unassigned_connectors,
        vec!["c3"],
        "an UNASSIGNED worker id is not trusted"
    );
    assert_eq!(w.unassigned_tasks.len(), 1);
}

#[test]
fn rollup_rules_and_global_health() {
    use State::*;
    assert_eq!(
        connector_health(Some(&Running), &[Running, Running]),
        Health::Healthy
    );
    assert_eq!(
        connector_health(Some(&Running), &[Running, Failed, Failed]),
        Health::Degraded
    );
    assert_eq!(
        connector_health(Some(&Running), &[Failed]),
        Health::Unhealthy
    );
    assert_eq!(
        connector_health(Some(&Running), &[Running, Unassigned]),
        Health::Unassigned
    );
    assert_eq!(
        connector_health(Some(&Running), &[Restarting]),
        Health::Restarting
    );
    assert_eq!(
        connector_health(Some(&Failed), &[Running]),
        Health::Unhealthy
    );
    assert_eq!(connector_health(Some(&Paused), &[Paused]), Health::Paused);
    assert_eq!(connector_health(Some(&Stopped), &[]), Health::Stopped);
    assert_eq!(
        connector_health(Some(&Degraded), &[]),
        Health::Degraded,
        "Confluent Cloud's own verdict"
    );
    assert_eq!(
        connector_health(Some(&Other("NONE".into())), &[]),
        Health::Unknown
    );
    assert!(Health::Degraded.needs_attention() && !Health::Paused.needs_attention());

    let mut a = ClusterRows::new("a");
    a.apply_listing(
        vec![summary(
            "x",
            "RUNNING",
            Some("w"),
            &[("RUNNING", Some("w")), ("FAILED", Some("w"))],
        )],
        0,
    );
    let mut ha = ClusterHealth::new("a");
    ha.reachability = Reachability::Reachable;
    ha.counts = a.counts();
    let mut hb = ClusterHealth::new("b");
    hb.reachability = Reachability::Unreachable;
    let g = global_health([&ha, &hb]);
    assert_eq!((g.clusters, g.reachable, g.unreachable), (2, 1, 1));
    assert_eq!(g.counts.count(Health::Degraded), 1);
    assert_eq!(g.counts.attention(), 1);
    assert_eq!(ha.worst(), Some(Health::Degraded));
}

#[test]
fn worker_health_makes_a_reachable_cluster_unhealthy_or_degraded() {
    use connect_console::protocol::model::WorkerHealth;
    use connect_console::state::rollup::{ClusterVerdict, WorkerCondition};
    let report = |status: &str, message: &str| {
        WorkerCondition::from_health(&WorkerHealth {
            status: status.into(),
            message: message.into(),
        })
    };
    assert_eq!(
        report("healthy", "Worker has completed startup"),
        WorkerCondition::Healthy
    );
    assert_eq!(
        report(
            "unhealthy",
            "Worker was unable to handle this request and may be unable to handle other requests"
        ),
        WorkerCondition::Unhealthy(
            "Worker was unable to handle this request and may be unable to handle other requests"
                .into()
        )
    );
    assert_eq!(
        report("starting", "Worker is still starting up"),
        WorkerCondition::Starting("Worker is still starting up".into())
    );
    assert!(matches!(report("weird", ""), WorkerCondition::Unhealthy(m) if m.contains("weird")));

    let mut c = ClusterHealth::new("a");
    assert_eq!(c.verdict(), ClusterVerdict::Unknown);
    c.reachability = Reachability::Reachable;
    assert_eq!(c.verdict(), ClusterVerdict::Healthy);
    c.worker = report("unhealthy", "broker gone");
    assert_eq!(
        c.verdict(),
        ClusterVerdict::Unhealthy,
        "listings answer, the worker says unhealthy"
    );
    assert_eq!(c.worker.message(), Some("broker gone"));
    let g = global_health([&c]);
    assert_eq!((g.reachable, g.unhealthy), (1, 1));
    c.worker = report("starting", "starting");
    assert_eq!(c.verdict(), ClusterVerdict::Degraded);
    c.worker = WorkerCondition::Healthy;
    c.stale = true;
    assert_eq!(c.verdict(), ClusterVerdict::Degraded);
    c.reachability = Reachability::Unreachable;
    c.worker = report("unhealthy", "x");
    assert_eq!(c.verdict(), ClusterVerdict::Unreachable, "unreachable wins");
    assert_eq!(global_health([&c]).unhealthy, 0);
}
