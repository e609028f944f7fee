//! List query: filters, search over name/class/topic/config values, sorting on every column,
//! the needs-attention view, and the URL round trip.

use std::sync::Arc;

use connect_console::protocol::model::*;
use connect_console::state::query::*;
use connect_console::state::reconcile::{ClusterRows, ConnectorRow};
use connect_console::state::rollup::Health;

fn summary(
    name: &str,
    class: &str,
    kind: ConnectorType,
    state: &str,
    tasks: &[&str],
    extra: &[(&str, &str)],
) -> ConnectorSummary {
    let mut config = ConfigMap::new();
    config.insert("connector.class".into(), class.into());
    for (k, v) in extra {
        config.insert((*k).into(), (*v).into());
    }
    ConnectorSummary {
        name: name.into(),
        info: Some(ConnectorInfo {
            name: name.into(),
            config,
            tasks: vec![],
            kind,
        }),
        status: Some(ConnectorStatus {
            name: name.into(),
            connector: ConnectorInstanceState {
                state: State::parse(state),
                worker_id: Some(format!("worker-{}", name.len() % 3)),
                trace: None,
                version: None,
            },
            tasks: tasks
                .iter()
                .enumerate()
                .map(|(i, s)| TaskState {
                    id: i as u32,
                    state: State::parse(s),
                    worker_id: Some("worker-0".into()),
                    trace: None,
                    version: None,
                })
                .collect(),
            kind,
        }),
    }
}

fn fixture() -> Vec<Arc<ConnectorRow>> {
    let mut alpha = ClusterRows::new("alpha");
    alpha.apply_listing(
        vec![
            summary(
                "orders-sink",
                "io.confluent.connect.jdbc.JdbcSinkConnector",
                ConnectorType::Sink,
                "RUNNING",
                &["RUNNING", "FAILED"],
                &[
                    ("topics", "orders"),
                    ("connection.url", "jdbc:postgresql://DB-Prod:5432/shop"),
                ],
            ),
            summary(
                "Billing-source",
                "io.debezium.connector.postgresql.PostgresConnector",
                ConnectorType::Source,
                "RUNNING",
                &["RUNNING"],
                &[("topic.prefix", "billing")],
            ),
            summary(
                "audit-sink",
                "org.apache.kafka.connect.file.FileStreamSinkConnector",
                ConnectorType::Sink,
                "FAILED",
                &[],
                &[("topics", "audit")],
            ),
        ],
        0,
    );
    let mut beta = ClusterRows::new("beta");
    beta.apply_listing(
        vec![
            summary(
                "clicks",
                "org.apache.kafka.connect.file.FileStreamSourceConnector",
                ConnectorType::Source,
                "PAUSED",
                &["PAUSED"],
                &[("topic", "clicks-raw")],
            ),
            summary(
                "zeta-sink",
                "io.confluent.connect.jdbc.JdbcSinkConnector",
                ConnectorType::Sink,
                "RUNNING",
                &["RUNNING", "RUNNING"],
                &[("topics", "orders,refunds")],
            ),
        ],
        0,
    );
    alpha.rows().chain(beta.rows()).cloned().collect()
}

fn names(q: &ListQuery, rows: &[Arc<ConnectorRow>]) -> Vec<String> {
    q.compile()
        .apply(rows)
        .into_iter()
        .map(|r| r.key.name.clone())
        .collect()
}

#[test]
fn search_covers_name_class_topic_and_config_values_case_insensitively() {
    let rows = fixture();
    let q = |s: &str| ListQuery {
        search: s.into(),
        ..Default::default()
    };
    assert_eq!(names(&q("BILLING"), &rows), vec!["Billing-source"]);
    assert_eq!(
        names(&q("postgres"), &rows),
        vec!["Billing-source", "orders-sink"],
        "class and config value"
    );
    assert_eq!(
        names(&q("db-prod"), &rows),
        vec!["orders-sink"],
        "config value"
    );
    assert_eq!(names(&q("refunds"), &rows), vec!["zeta-sink"], "topic");
    assert_eq!(
        names(&q("jdbc orders"), &rows),
        vec!["orders-sink", "zeta-sink"],
        "all terms must match"
    );
    assert_eq!(
        names(&q("jdbc nothing-like-this"), &rows),
        Vec::<String>::new()
    );
    assert_eq!(
        names(&q("   "), &rows).len(),
        5,
        "blank search matches everything"
    );
}

#[test]
fn filters_by_cluster_state_type_and_class() {
    let rows = fixture();
    let q = ListQuery {
        clusters: vec!["beta".into()],
        ..Default::default()
    };
    assert_eq!(names(&q, &rows), vec!["clicks", "zeta-sink"]);
    let q = ListQuery {
        states: vec![Health::Degraded],
        ..Default::default()
    };
    assert_eq!(
        names(&q, &rows),
        vec!["orders-sink"],
        "degraded is a filterable state"
    );
    let q = ListQuery {
        states: vec![Health::Unhealthy, Health::Paused],
        ..Default::default()
    };
    assert_eq!(names(&q, &rows), vec!["audit-sink", "clicks"]);
    let q = ListQuery {
        types: vec![ConnectorType::Source],
        ..Default::default()
    };
    assert_eq!(names(&q, &rows), vec!["Billing-source", "clicks"]);
    let q = ListQuery {
        classes: vec!["JdbcSinkConnector".into()],
        ..Default::default()
    };
    assert_eq!(
        names(&q, &rows),
        vec!["orders-sink", "zeta-sink"],
        "short class name"
    );
    let q = ListQuery {
        classes: vec!["org.apache.kafka.connect.file.FileStreamSinkConnector".into()],
        clusters: vec!["alpha".into()],
        ..Default::default()
    };
    assert_eq!(
        names(&q, &rows),
        vec!["audit-sink"],
        "full class name, combined with cluster"
    );
}

#[test]
fn sorts_on_every_column_both_directions() {
    let rows = fixture();
    for col in SortColumn::ALL {
        let asc = ListQuery {
            sort: col,
            ..Default::default()
        };
        let desc = ListQuery {
            sort: col,
            dir: SortDir::Desc,
            ..Default::default()
        };
        let a = asc.compile().apply(&rows);
        let d = desc.compile().apply(&rows);
        assert_eq!(a.len(), 5, "{col:?}");
        let ca = asc.compile();
        for w in a.windows(2) {
            assert_ne!(
                ca.compare(w[0], w[1]),
                std::cmp::Ordering::Greater,
                "{col:?} ascending"
            );
        }
        let cd = desc.compile();
        for w in d.windows(2) {
            assert_ne!(
                cd.compare(w[0], w[1]),
                std::cmp::Ordering::Greater,
                "{col:?} descending"
            );
        }
    }
    let by = |col, dir| {
        names(
            &ListQuery {
                sort: col,
                dir,
                ..Default::default()
            },
            &rows,
        )
    };
    assert_eq!(
        by(SortColumn::Name, SortDir::Asc),
        vec![
            "audit-sink",
            "Billing-source",
            "clicks",
            "orders-sink",
            "zeta-sink"
        ],
        "case-insensitive"
    );
    assert_eq!(
        by(SortColumn::Name, SortDir::Desc),
        vec![
            "zeta-sink",
            "orders-sink",
            "clicks",
            "Billing-source",
            "audit-sink"
        ]
    );
    assert_eq!(
        by(SortColumn::State, SortDir::Asc)[..2],
        ["audit-sink".to_string(), "orders-sink".to_string()],
        "worst first"
    );
    assert_eq!(
        by(SortColumn::Cluster, SortDir::Desc)[..2],
        ["clicks".to_string(), "zeta-sink".to_string()]
    );
    assert_eq!(
        by(SortColumn::Tasks, SortDir::Desc)[0],
        "orders-sink",
        "failed tasks weigh most"
    );
    assert_eq!(
        by(SortColumn::Topics, SortDir::Asc)[0],
        "Billing-source",
        "no topics sorts first"
    );
    assert_eq!(
        by(SortColumn::Class, SortDir::Asc)[0],
        "audit-sink",
        "FileStreamSinkConnector < FileStreamSourceConnector < JdbcSink…"
    );
}

#[test]
fn attention_view_puts_failed_then_degraded_first() {
    let rows = fixture();
    let q = ListQuery {
        attention: true,
        sort: SortColumn::Name,
        dir: SortDir::Desc,
        ..Default::default()
    };
    let n = names(&q, &rows);
    assert_eq!(
        &n[..2],
        &["audit-sink".to_string(), "orders-sink".to_string()]
    );
    assert_eq!(
        &n[2..],
        &[
            "zeta-sink".to_string(),
            "clicks".to_string(),
            "Billing-source".to_string()
        ],
        "the rest by the chosen sort"
    );
}

#[test]
fn url_round_trip() {
    let q = ListQuery {
        search: "orders & refunds=100%".into(),
        clusters: vec!["alpha".into(), "prod eu".into()],
        states: vec![Health::Degraded, Health::Unhealthy],
        types: vec![ConnectorType::Sink],
        classes: vec!["io.confluent.connect.jdbc.JdbcSinkConnector".into()],
        sort: SortColumn::Tasks,
        dir: SortDir::Desc,
        attention: true,
    };
    let qs = q.to_query_string();
    assert!(!qs.contains(' ') && !qs.contains("& "), "encoded: {qs}");
    assert_eq!(ListQuery::from_query_string(&qs), q);
    assert_eq!(ListQuery::from_query_string(&format!("?{qs}")), q);
    assert_eq!(
        ListQuery::default().to_query_string(),
        "",
        "defaults leave the URL clean"
    );
    // Comma lists, '+' for spaces, unknown keys and values are tolerated.
    let p = ListQuery::from_query_string(
        "q=a+b&state=failed,degraded,bogus&sort=nope&zzz=1&type=source",
    );
    assert_eq!(p.search, "a b");
    assert_eq!(p.states, vec![Health::Unhealthy, Health::Degraded]);
    assert_eq!(p.sort, SortColumn::Name);
    assert_eq!(p.types, vec![ConnectorType::Source]);
    // Broken escapes do not panic.
    let p = ListQuery::from_query_string("q=%zz%&cluster=%E2%82%AC");
    assert_eq!(p.search, "%zz%");
    assert_eq!(p.clusters, vec!["€".to_string()]);
}

#[test]
fn header_click_toggles_direction() {
    let mut q = ListQuery::default();
    q.sort_by(SortColumn::Name);
    assert_eq!((q.sort, q.dir), (SortColumn::Name, SortDir::Desc));
    q.sort_by(SortColumn::State);
    assert_eq!((q.sort, q.dir), (SortColumn::State, SortDir::Asc));
}

#[test]
fn search_over_ten_thousand_rows_is_fast() {
    let mut rows = ClusterRows::new("alpha");
    rows.apply_listing(
        (0..10_000)
            .map(|i| {
                summary(
                    &format!("conn-{i}"),
                    "io.confluent.connect.jdbc.JdbcSinkConnector",
                    ConnectorType::Sink,
                    "RUNNING",
                    &["RUNNING"],
                    &[
                        ("topics", &format!("topic-{i}")),
                        ("connection.url", "jdbc:postgresql://db:5432/x"),
                        ("transforms", "a,b,c"),
                    ],
                )
            })
            .collect(),
        0,
    );
    let all: Vec<Arc<ConnectorRow>> = rows.rows().cloned().collect();
    let q = ListQuery {
        search: "topic-99".into(),
        ..Default::default()
    };
    let start = std::time::Instant::now();
    let hits = q.compile().apply(&all).len();
    let took = start.elapsed();
    assert_eq!(hits, 111); // topic-99, topic-990..999, topic-9900..9999
    eprintln!("search over 10k rows: {took:?}");
    assert!(took.as_millis() < 500, "search took {took:?}");
}
