//! Reconciliation of listings into keyed rows: added, removed, renamed, changed tasks, an
//! unreachable cluster, connectors missing from the expanded map, identity of unchanged rows,
//! pending action markers and failure events.

use std::sync::Arc;

use connect_console::protocol::model::*;
use connect_console::state::actions::{ConnectorAction, Pending};
use connect_console::state::events::FailureKind;
use connect_console::state::reconcile::{ClusterRows, RowKey};
use connect_console::state::rollup::Health;

fn summary(name: &str, state: &str, tasks: &[&str]) -> ConnectorSummary {
    let mut config = ConfigMap::new();
    config.insert(
        "connector.class".into(),
        "org.apache.kafka.connect.file.FileStreamSinkConnector".into(),
    );
    config.insert("topics".into(), format!("{name}-in, shared"));
    config.insert("file".into(), format!("/tmp/{name}.TXT"));
    ConnectorSummary {
        name: name.into(),
        info: Some(ConnectorInfo {
            name: name.into(),
            config,
            tasks: (0..tasks.len() as u32)
                .map(|t| TaskId {
                    connector: name.into(),
                    task: t,
                })
                .collect(),
            kind: ConnectorType::Sink,
        }),
        status: Some(ConnectorStatus {
            name: name.into(),
            connector: ConnectorInstanceState {
                state: State::parse(state),
                worker_id: Some("w1:8083".into()),
                trace: None,
                version: None,
            },
            tasks: tasks
                .iter()
                .enumerate()
                .map(|(i, s)| TaskState {
                    id: i as u32,
                    state: State::parse(s),
                    worker_id: Some(format!("w{}:8083", i % 2 + 1)),
                    trace: (*s == "FAILED")
                        .then(|| format!("java.lang.RuntimeException: boom {i}\n\tat x")),
                    version: None,
                })
                .collect(),
            kind: ConnectorType::Sink,
        }),
    }
}

fn names(keys: &[RowKey]) -> Vec<&str> {
    keys.iter().map(|k| &*k.name).collect()
}

#[test]
fn first_listing_adds_every_row_without_events() {
    let mut rows = ClusterRows::new("alpha");
    let out = rows.apply_listing(
        vec![
            summary("a", "RUNNING", &["RUNNING"]),
            summary("b", "FAILED", &["FAILED"]),
        ],
        1_000,
    );
    assert_eq!(out.added.len(), 2);
    assert!(out.changed.is_empty() && out.removed.is_empty());
    assert!(out.events.is_empty(), "the first listing is the baseline");
    let a = rows.get("a").unwrap();
    assert_eq!(a.key, RowKey::new("alpha", "a"));
    assert_eq!(a.class_short, "FileStreamSinkConnector");
    assert_eq!(a.topics, vec!["a-in".to_string(), "shared".to_string()]);
    assert_eq!(a.health, Health::Healthy);
    assert_eq!((a.tasks_running, a.tasks_total()), (1, 1));
    assert_eq!(rows.get("b").unwrap().health, Health::Unhealthy);
    assert!(rows.get("b").unwrap().has_trace());
    assert!(rows.loaded() && !rows.stale());
}

#[test]
fn unchanged_rows_keep_identity_and_only_the_changed_one_is_reported() {
    let mut rows = ClusterRows::new("alpha");
    let listing = |b_task: &str| {
        vec![
            summary("a", "RUNNING", &["RUNNING"]),
            summary("b", "RUNNING", &["RUNNING", b_task]),
            summary("c", "PAUSED", &["PAUSED"]),
        ]
    };
    rows.apply_listing(listing("RUNNING"), 1);
    let a_before = rows.get("a").unwrap().clone();
    let b_before = rows.get("b").unwrap().clone();
    let out = rows.apply_listing(listing("FAILED"), 2);
    assert_eq!(out.unchanged, 2);
    assert!(out.added.is_empty() && out.removed.is_empty());
    assert_eq!(out.changed.len(), 1);
    assert_eq!(&*out.changed[0].key.name, "b");
    assert!(
        Arc::ptr_eq(rows.get("a").unwrap(), &a_before),
        "unchanged row keeps its Arc"
    );
    assert!(!Arc::ptr_eq(rows.get("b").unwrap(), &b_before));
    let b = rows.get("b").unwrap();
    assert_eq!(
        b.health,
        Health::Degraded,
        "RUNNING with a FAILED task is degraded"
    );
    assert_eq!((b.tasks_running, b.tasks_failed), (1, 1));
    // The task failure is an event.
    assert_eq!(out.events.len(), 1);
    assert_eq!(out.events[0].kind, FailureKind::Task(1));
    assert_eq!(
        out.events[0].summary.as_deref(),
        Some("java.lang.RuntimeException: boom 1")
    );
    // A third identical listing changes nothing and fires nothing.
    let out = rows.apply_listing(listing("FAILED"), 3);
    assert!(out.is_noop() && out.events.is_empty());
    assert_eq!(out.unchanged, 3);
}

#[test]
fn removed_and_renamed_connectors() {
    let mut rows = ClusterRows::new("alpha");
    rows.apply_listing(
        vec![
            summary("a", "RUNNING", &["RUNNING"]),
            summary("old-name", "RUNNING", &["RUNNING"]),
            summary("gone", "RUNNING", &[]),
        ],
        1,
    );
    let out = rows.apply_listing(
        vec![
            summary("a", "RUNNING", &["RUNNING"]),
            summary("new-name", "RUNNING", &["RUNNING"]),
        ],
        2,
    );
    let mut removed = names(&out.removed);
    removed.sort();
    assert_eq!(removed, vec!["gone", "old-name"]);
    assert_eq!(out.added.len(), 1);
    assert_eq!(&*out.added[0].key.name, "new-name");
    assert!(out.membership_changed());
    assert_eq!(rows.len(), 2);
    assert!(rows.get("old-name").is_none());
}

#[test]
fn unreachable_cluster_keeps_rows_marked_stale_until_the_next_success() {
    let mut rows = ClusterRows::new("beta");
    rows.apply_listing(vec![summary("a", "RUNNING", &["RUNNING"])], 1);
    let before = rows.get("a").unwrap().clone();
    rows.mark_unreachable();
    assert!(rows.stale());
    assert_eq!(rows.len(), 1, "rows are not deleted when a refresh fails");
    assert!(
        Arc::ptr_eq(rows.get("a").unwrap(), &before),
        "and not re-rendered"
    );
    let out = rows.apply_listing(vec![summary("a", "RUNNING", &["RUNNING"])], 2);
    assert!(!rows.stale());
    assert!(out.is_noop());
}

#[test]
fn connector_without_status_is_kept_with_unknown_or_last_known_status() {
    let mut rows = ClusterRows::new("alpha");
    rows.apply_listing(vec![summary("a", "RUNNING", &["RUNNING"])], 1);
    // A just-created connector appears by name only; `a` lost its status for one listing.
    let out = rows.apply_listing(
        vec![
            ConnectorSummary {
                name: "a".into(),
                info: None,
                status: None,
            },
            ConnectorSummary {
                name: "fresh".into(),
                info: None,
                status: None,
            },
        ],
        2,
    );
    assert_eq!(out.added.len(), 1);
    let fresh = rows.get("fresh").unwrap();
    assert_eq!(fresh.state, None);
    assert_eq!(fresh.health, Health::Unknown);
    assert!(!fresh.status_fresh);
    let a = rows.get("a").unwrap();
    assert_eq!(
        a.state,
        Some(State::Running),
        "last known status carried over"
    );
    assert_eq!(a.class_short, "FileStreamSinkConnector", "and its config");
    assert!(!a.status_fresh);
    assert_eq!(out.changed.len(), 1, "only the freshness flag changed");
    // Its status comes back: fresh again.
    let out = rows.apply_listing(
        vec![
            summary("a", "RUNNING", &["RUNNING"]),
            summary("fresh", "RUNNING", &["RUNNING"]),
        ],
        3,
    );
    assert_eq!(out.changed.len(), 2);
    assert!(rows.get("a").unwrap().status_fresh);
    assert_eq!(rows.get("fresh").unwrap().health, Health::Healthy);
}

#[test]
fn connector_that_fails_and_new_failed_connector_are_events_but_old_failures_are_not() {
    let mut rows = ClusterRows::new("alpha");
    rows.apply_listing(
        vec![
            summary("a", "RUNNING", &["RUNNING"]),
            summary("b", "FAILED", &[]),
        ],
        1,
    );
    let out = rows.apply_listing(
        vec![
            summary("a", "FAILED", &["RUNNING"]),
            summary("b", "FAILED", &[]),
            summary("c", "FAILED", &[]),
        ],
        2,
    );
    let mut evs: Vec<(&str, FailureKind)> = out
        .events
        .iter()
        .map(|e| (&*e.key.name, e.kind.clone()))
        .collect();
    evs.sort_by_key(|e| e.0);
    assert_eq!(
        evs,
        vec![("a", FailureKind::Connector), ("c", FailureKind::Connector)]
    );
}

#[test]
fn duplicate_names_in_a_listing_are_kept_once() {
    let mut rows = ClusterRows::new("alpha");
    let out = rows.apply_listing(
        vec![summary("a", "RUNNING", &[]), summary("a", "FAILED", &[])],
        1,
    );
    assert_eq!(out.added.len(), 1);
    assert_eq!(rows.len(), 1);
}

#[test]
fn pending_marker_lives_until_a_read_confirms_the_action() {
    let mut rows = ClusterRows::new("alpha");
    rows.apply_listing(vec![summary("a", "RUNNING", &["RUNNING"])], 1_000);
    let row = rows
        .set_pending("a", Pending::sent(ConnectorAction::Pause, 1_000))
        .expect("row updated");
    assert_eq!(row.pending, Some(ConnectorAction::Pause));
    // A listing before the acknowledgement keeps the marker.
    rows.apply_listing(vec![summary("a", "RUNNING", &["RUNNING"])], 1_100);
    assert_eq!(rows.get("a").unwrap().pending, Some(ConnectorAction::Pause));
    rows.acknowledge_pending("a", 1_200);
    // Acknowledged, but the worker has not paused yet: still pending.
    rows.apply_listing(vec![summary("a", "RUNNING", &["RUNNING"])], 1_300);
    assert_eq!(rows.get("a").unwrap().pending, Some(ConnectorAction::Pause));
    // The read shows PAUSED: confirmed.
    let out = rows.apply_listing(vec![summary("a", "PAUSED", &["PAUSED"])], 1_400);
    assert_eq!(out.changed.len(), 1);
    assert_eq!(rows.get("a").unwrap().pending, None);
    assert_eq!(rows.get("a").unwrap().health, Health::Paused);
}

#[test]
fn pending_marker_expires_and_failed_action_clears_it() {
    let mut rows = ClusterRows::new("alpha");
    rows.apply_listing(vec![summary("a", "RUNNING", &["RUNNING"])], 0);
    rows.set_pending("a", Pending::sent(ConnectorAction::Stop, 0));
    rows.acknowledge_pending("a", 10);
    rows.apply_listing(vec![summary("a", "RUNNING", &["RUNNING"])], 60_000);
    assert_eq!(rows.get("a").unwrap().pending, None, "deadline passed");

    rows.set_pending("a", Pending::sent(ConnectorAction::Resume, 60_000));
    let cleared = rows.clear_pending("a").expect("row republished");
    assert_eq!(cleared.pending, None);
    // A restart has no certain outcome: the first read after the acknowledgement ends it.
    rows.set_pending(
        "a",
        Pending::sent(ConnectorAction::Restart(RestartOptions::default()), 61_000),
    );
    rows.acknowledge_pending("a", 61_100);
    rows.apply_listing(vec![summary("a", "RUNNING", &["RUNNING"])], 61_200);
    assert_eq!(rows.get("a").unwrap().pending, None);
}

#[test]
fn optimistic_delete_and_placeholder() {
    let mut rows = ClusterRows::new("alpha");
    rows.apply_listing(vec![summary("a", "RUNNING", &[])], 0);
    assert_eq!(rows.remove("a"), Some(RowKey::new("alpha", "a")));
    assert!(rows.is_empty());
    let p = rows.insert_placeholder("new").unwrap();
    assert_eq!(p.health, Health::Unknown);
    assert!(rows.insert_placeholder("new").is_none());
    let out = rows.apply_listing(vec![summary("new", "RUNNING", &["RUNNING"])], 1);
    assert_eq!(out.changed.len(), 1);
}

#[test]
fn haystack_is_lowercase_and_covers_name_class_topics_and_config_values() {
    let mut rows = ClusterRows::new("alpha");
    rows.apply_listing(vec![summary("Orders-Sink", "RUNNING", &[])], 0);
    let h = rows.get("Orders-Sink").unwrap().haystack().to_string();
    assert!(h.contains("orders-sink"));
    assert!(h.contains("org.apache.kafka.connect.file.filestreamsinkconnector"));
    assert!(h.contains("orders-sink-in"));
    assert!(
        h.contains("/tmp/orders-sink.txt"),
        "config values, lower-cased"
    );
}

#[test]
fn counts_per_health() {
    let mut rows = ClusterRows::new("alpha");
    rows.apply_listing(
        vec![
            summary("a", "RUNNING", &["RUNNING", "RUNNING"]),
            summary("b", "RUNNING", &["RUNNING", "FAILED"]),
            summary("c", "RUNNING", &["FAILED", "FAILED"]),
            summary("d", "PAUSED", &["PAUSED"]),
        ],
        0,
    );
    let c = rows.counts();
    assert_eq!(c.connectors, 4);
    assert_eq!(c.count(Health::Healthy), 1);
    assert_eq!(c.count(Health::Degraded), 1);
    assert_eq!(c.count(Health::Unhealthy), 1);
    assert_eq!(c.count(Health::Paused), 1);
    assert_eq!(c.attention(), 2);
    assert_eq!((c.tasks, c.tasks_running, c.tasks_failed), (7, 3, 3));
}

#[test]
fn ten_thousand_rows_one_percent_changing_reports_exactly_those() {
    let mut rows = ClusterRows::new("alpha");
    let listing = |gen: usize| -> Vec<ConnectorSummary> {
        (0..10_000)
            .map(|i| {
                let failed = gen > 0 && i % 100 == 0;
                summary(
                    &format!("conn-{i:05}"),
                    "RUNNING",
                    &[if failed { "FAILED" } else { "RUNNING" }, "RUNNING"],
                )
            })
            .collect()
    };
    rows.apply_listing(listing(0), 0);
    let start = std::time::Instant::now();
    let out = rows.apply_listing(listing(1), 1);
    let took = start.elapsed();
    assert_eq!(out.changed.len(), 100);
    assert_eq!(out.unchanged, 9_900);
    assert_eq!(out.events.len(), 100);
    eprintln!("reconciled 10k rows in {took:?}");
}

#[test]
fn classes_are_the_distinct_short_classes_of_the_rows() {
    let with_class = |name: &str, class: Option<&str>| {
        let mut s = summary(name, "RUNNING", &[]);
        let config = &mut s.info.as_mut().unwrap().config;
        match class {
            Some(c) => config.insert("connector.class".into(), c.into()),
            None => config.remove("connector.class"),
        };
        s
    };
    let mut rows = ClusterRows::new("alpha");
    rows.apply_listing(
        vec![
            with_class("a", Some("org.example.MirrorSourceConnector")),
            with_class("b", None),
            with_class(
                "c",
                Some("org.apache.kafka.connect.file.FileStreamSinkConnector"),
            ),
            with_class("d", Some("org.example.MirrorSourceConnector")),
            with_class("e", Some("org.example.MirrorSourceConnector")),
        ],
        0,
    );
    let mut beta = ClusterRows::new("beta");
    beta.apply_listing(vec![with_class("x", Some("FileStreamSinkConnector"))], 0);
    let mut set = std::collections::HashSet::new();
    rows.classes(&mut set);
    let mut got: Vec<&str> = set.iter().copied().collect();
    got.sort();
    assert_eq!(
        got,
        vec!["FileStreamSinkConnector", "MirrorSourceConnector"]
    );
    beta.classes(&mut set);
    assert_eq!(set.len(), 2, "the same class from another cluster once");
}

#[test]
fn only_a_new_row_or_a_new_class_may_change_the_class_choices() {
    let mut rows = ClusterRows::new("alpha");
    let first = rows.apply_listing(vec![summary("a", "RUNNING", &["RUNNING"])], 0);
    assert!(first.classes_may_change(), "a row appeared");
    // A state change keeps the class.
    let out = rows.apply_listing(vec![summary("a", "FAILED", &["FAILED"])], 1_000);
    assert_eq!(out.changed.len(), 1);
    assert!(!out.class_changed && !out.classes_may_change());
    // The same connector reconfigured to another class.
    let mut other = summary("a", "FAILED", &["FAILED"]);
    if let Some(info) = other.info.as_mut() {
        info.config.insert(
            "connector.class".into(),
            "org.apache.kafka.connect.mirror.MirrorSourceConnector".into(),
        );
    }
    let out = rows.apply_listing(vec![other], 2_000);
    assert!(out.class_changed && out.classes_may_change());
    // A row gone.
    let out = rows.apply_listing(vec![], 3_000);
    assert!(!out.class_changed && out.classes_may_change());
}
