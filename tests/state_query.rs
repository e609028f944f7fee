//! List query: filters, search over name/class/topic/config values, sorting on every column,
//! the needs-attention view, and the URL round trip.

use std::sync::Arc;

use connect_console::protocol::model::*;
use connect_console::state::query::*;
use connect_console::state::reconcile::{ClusterRows, ConnectorRow, RowKey};
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
        .map(|r| r.key.name.to_string())
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

/// A deterministic pseudo-random sequence (no dependency, same on every run).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

const STATES: [&str; 5] = ["RUNNING", "PAUSED", "FAILED", "STOPPED", "UNASSIGNED"];

fn listing(rng: &mut Lcg, names: &[String]) -> Vec<ConnectorSummary> {
    names
        .iter()
        .map(|n| {
            let st = STATES[rng.next(STATES.len() as u64) as usize];
            let task = STATES[rng.next(STATES.len() as u64) as usize];
            let kind = if n.len() % 2 == 0 {
                ConnectorType::Source
            } else {
                ConnectorType::Sink
            };
            summary(
                n,
                "org.example.FileStreamSinkConnector",
                kind,
                st,
                &[task, "RUNNING"],
                &[("topics", &format!("t-{}", n.len()))],
            )
        })
        .collect()
}

fn expected(q: &ListQuery, clusters: &[&ClusterRows]) -> Vec<RowKey> {
    q.compile()
        .apply(clusters.iter().flat_map(|c| c.rows()))
        .into_iter()
        .map(|r| r.key.clone())
        .collect()
}

/// Queries over every kind of order and filter, for the incremental-query tests.
fn live_queries() -> [ListQuery; 5] {
    [
        ListQuery::default(),
        ListQuery {
            sort: SortColumn::State,
            ..Default::default()
        },
        ListQuery {
            attention: true,
            sort: SortColumn::Tasks,
            dir: SortDir::Desc,
            ..Default::default()
        },
        ListQuery {
            search: "c-1".into(),
            states: vec![Health::Unhealthy, Health::Healthy],
            ..Default::default()
        },
        ListQuery {
            clusters: vec!["beta".into()],
            sort: SortColumn::Type,
            ..Default::default()
        },
    ]
}

fn live_update(live: &mut LiveQuery, q: &ListQuery, clusters: &[&ClusterRows]) -> LiveUpdate {
    live.update(q, clusters.iter().map(|c| (c.cluster(), c.rows())))
}

#[test]
fn live_query_matches_a_full_recompute_through_changes_additions_and_removals() {
    let mut rng = Lcg(7);
    for q in &live_queries() {
        let mut names_a: Vec<String> = (0..60).map(|i| format!("c-{i}")).collect();
        let names_b: Vec<String> = (0..40).map(|i| format!("c-{i}")).collect();
        let mut alpha = ClusterRows::new("alpha");
        let mut beta = ClusterRows::new("beta");
        let mut live = LiveQuery::default();
        for step in 0..40u64 {
            if step % 7 == 3 {
                names_a.push(format!("new-{step}"));
            }
            if step % 5 == 4 && names_a.len() > 10 {
                let i = rng.next(names_a.len() as u64) as usize;
                names_a.remove(i);
            }
            alpha.apply_listing(listing(&mut rng, &names_a), step);
            beta.apply_listing(listing(&mut rng, &names_b), step);
            let clusters: Vec<&ClusterRows> = if step % 11 == 10 {
                vec![&alpha] // a cluster removed from the registry
            } else {
                vec![&alpha, &beta]
            };
            let before = live.keys().to_vec();
            let up = live_update(&mut live, q, &clusters);
            let want = expected(q, &clusters);
            assert_eq!(live.keys(), want.as_slice(), "query {q:?}, step {step}");
            assert_eq!(up.changed, before != want, "query {q:?}, step {step}");
        }
        // The same query with nothing new: no work, no change.
        let clusters = [&alpha, &beta];
        live_update(&mut live, q, &clusters);
        let up = live_update(&mut live, q, &clusters);
        assert_eq!(up, LiveUpdate::default());
    }
}

#[test]
fn live_query_follows_query_changes_and_sorts_again_only_for_a_new_order() {
    let mut rng = Lcg(11);
    let names: Vec<String> = (0..200).map(|i| format!("c-{i}")).collect();
    let mut alpha = ClusterRows::new("alpha");
    alpha.apply_listing(listing(&mut rng, &names), 0);
    let clusters = [&alpha];
    let mut live = LiveQuery::default();
    let mut q = ListQuery::default();
    assert!(live_update(&mut live, &q, &clusters).full_sort);
    q.search = "c-1".into();
    let up = live_update(&mut live, &q, &clusters);
    assert!(
        up.changed && !up.full_sort,
        "a search filters the sorted rows: {up:?}"
    );
    assert_eq!(live.keys(), expected(&q, &clusters).as_slice());
    q.search.clear();
    live_update(&mut live, &q, &clusters);
    assert_eq!(live.keys().len(), 200);
    q.sort_by(SortColumn::State);
    let up = live_update(&mut live, &q, &clusters);
    assert!(up.full_sort && up.changed);
    assert_eq!(live.keys(), expected(&q, &clusters).as_slice());
    q.sort_by(SortColumn::State); // descending
    live_update(&mut live, &q, &clusters);
    assert_eq!(live.keys(), expected(&q, &clusters).as_slice());
}

#[test]
fn live_query_refresh_of_one_percent_of_ten_thousand_rows() {
    let mut rng = Lcg(3);
    let names: Vec<String> = (0..10_000).map(|i| format!("conn-{i:05}")).collect();
    let mut alpha = ClusterRows::new("alpha");
    let mut current = listing(&mut rng, &names);
    alpha.apply_listing(current.clone(), 0);
    for sort in [SortColumn::Name, SortColumn::State] {
        let q = ListQuery {
            sort,
            ..Default::default()
        };
        let mut live = LiveQuery::default();
        live_update(&mut live, &q, &[&alpha]);
        // 1 % of the connectors change state.
        for k in 0..100 {
            let i = (k * 97 + rng.next(97) as usize) % current.len();
            let st = current[i].status.as_mut().unwrap();
            st.connector.state = State::parse(if st.connector.state == State::parse("FAILED") {
                "RUNNING"
            } else {
                "FAILED"
            });
        }
        let outcome = alpha.apply_listing(current.clone(), 1);
        assert_eq!(outcome.changed.len(), 100);
        let start = std::time::Instant::now();
        let up = live_update(&mut live, &q, &[&alpha]);
        let took = start.elapsed();
        eprintln!("live query, 1 % of 10k rows changed, sort by {sort:?}: {took:?} ({up:?})");
        assert_eq!(up.rows_moved, 100);
        assert!(!up.full_sort, "{up:?}");
        assert_eq!(up.changed, sort == SortColumn::State);
        assert_eq!(live.keys(), expected(&q, &[&alpha]).as_slice());
    }
}

#[test]
fn live_query_narrowed_search_filters_only_the_previous_result_and_stays_exact() {
    let mut rng = Lcg(19);
    let names: Vec<String> = (0..600).map(|i| format!("conn-{i:03}")).collect();
    let mut alpha = ClusterRows::new("alpha");
    let mut beta = ClusterRows::new("beta");
    alpha.apply_listing(listing(&mut rng, &names), 0);
    beta.apply_listing(listing(&mut rng, &names[..300]), 0);
    let mut live = LiveQuery::default();
    let mut q = ListQuery {
        sort: SortColumn::State,
        ..Default::default()
    };
    live_update(&mut live, &q, &[&alpha, &beta]);
    // Typing on narrows; a backspace, a new filter or a refresh in between does not.
    let steps: [(&str, bool); 10] = [
        ("c", true),
        ("co", true),
        ("conn-1", true),
        ("conn-12", true),
        ("conn-1", false),  // backspace widens
        ("conn-1 5", true), // a second term
        ("5 conn-1", true), // the same terms in another order
        ("conn-15", true),  // "conn-1" and "5" are both inside "conn-15"
        ("onn-15", false),  // a shorter term widens
        ("", false),
    ];
    for (step, (search, narrows)) in steps.iter().enumerate() {
        let before = live.keys().to_vec();
        q.search = search.to_string();
        let up = live_update(&mut live, &q, &[&alpha, &beta]);
        let want = expected(&q, &[&alpha, &beta]);
        assert_eq!(live.keys(), want.as_slice(), "search {search:?}");
        assert_eq!(up.narrowed, *narrows, "search {search:?}: {up:?}");
        assert_eq!(up.changed, before != want, "search {search:?}");
        if step == 3 {
            // A narrowed search after rows changed filters everything again, and is still exact.
            alpha.apply_listing(listing(&mut rng, &names), 1);
            q.search = "conn-120".into();
            let up = live_update(&mut live, &q, &[&alpha, &beta]);
            assert!(!up.narrowed && up.rows_moved > 0, "{up:?}");
            assert_eq!(live.keys(), expected(&q, &[&alpha, &beta]).as_slice());
            q.search = search.to_string();
            live_update(&mut live, &q, &[&alpha, &beta]);
        }
    }
    // Another filter with a narrowed search is not a narrowing.
    q.search = "c".into();
    live_update(&mut live, &q, &[&alpha, &beta]);
    q.search = "co".into();
    q.states = vec![Health::Unhealthy];
    let up = live_update(&mut live, &q, &[&alpha, &beta]);
    assert!(!up.narrowed, "{up:?}");
    assert_eq!(live.keys(), expected(&q, &[&alpha, &beta]).as_slice());
}

#[test]
fn a_row_changed_in_place_is_searched_in_its_new_version_after_a_narrowing() {
    let sink = |name: &str, state: &str, topic: &str| {
        summary(
            name,
            "org.example.FileStreamSinkConnector",
            ConnectorType::Sink,
            state,
            &["RUNNING"],
            &[("topics", topic)],
        )
    };
    let names: Vec<String> = (0..50).map(|i| format!("conn-{i:02}")).collect();
    let mut current: Vec<ConnectorSummary> =
        names.iter().map(|n| sink(n, "RUNNING", "old")).collect();
    let mut alpha = ClusterRows::new("alpha");
    alpha.apply_listing(current.clone(), 0);
    for sort in [SortColumn::Name, SortColumn::Cluster, SortColumn::State] {
        let mut q = ListQuery {
            search: "conn".into(),
            sort,
            ..Default::default()
        };
        let mut live = LiveQuery::default();
        live_update(&mut live, &q, &[&alpha]);
        // Two rows change in place: one's topic (its haystack), one's state.
        current[10] = sink("conn-10", "RUNNING", format!("fresh-{sort:?}").as_str());
        current[20] = sink("conn-20", "FAILED", "old");
        alpha.apply_listing(current.clone(), 1);
        let up = live_update(&mut live, &q, &[&alpha]);
        assert_eq!(up.rows_moved, 2, "{sort:?}");
        assert_eq!(live.keys(), expected(&q, &[&alpha]).as_slice(), "{sort:?}");
        // Searching on filters only the previous result: it must hold the new versions.
        q.search = format!("conn fresh-{sort:?}").to_lowercase();
        let up = live_update(&mut live, &q, &[&alpha]);
        assert!(up.narrowed, "{sort:?}: {up:?}");
        assert_eq!(live.keys(), expected(&q, &[&alpha]).as_slice(), "{sort:?}");
        assert_eq!(live.keys().len(), 1, "{sort:?}");
        assert_eq!(&*live.keys()[0].name, "conn-10");
        // And the state filter sees conn-20's new state after another in-place refresh.
        q.search = "conn".into();
        live_update(&mut live, &q, &[&alpha]);
        current[20] = sink("conn-20", "PAUSED", "old");
        alpha.apply_listing(current.clone(), 2);
        live_update(&mut live, &q, &[&alpha]);
        q.states = vec![Health::Paused];
        live_update(&mut live, &q, &[&alpha]);
        assert_eq!(live.keys(), expected(&q, &[&alpha]).as_slice(), "{sort:?}");
        current[20] = sink("conn-20", "RUNNING", "old");
        current[10] = sink("conn-10", "RUNNING", "old");
        alpha.apply_listing(current.clone(), 3);
    }
}

#[test]
fn row_text_is_what_a_list_row_shows() {
    use connect_console::state::list_view::RowText;
    let rows = fixture();
    let orders = rows.iter().find(|r| &*r.key.name == "orders-sink").unwrap();
    let t = RowText::of(orders);
    assert_eq!(t.kind, "sink");
    assert_eq!(t.class_full, "io.confluent.connect.jdbc.JdbcSinkConnector");
    assert_eq!(t.class_short, "JdbcSinkConnector");
    assert_eq!(t.topics, "orders");
    assert_eq!(t.tasks, "1 / 2 (1 failed)");
    assert!(t.tasks_bad);
    assert!(!t.stale);
    assert_eq!(t.health, orders.health);
    assert_eq!(
        t.state_title,
        "Connector RUNNING, 1 of 2 tasks running, 1 failed"
    );
    assert_eq!(t.workers, orders.workers.join(", "));
    assert_eq!(t.pending, None);
    let billing = rows
        .iter()
        .find(|r| &*r.key.name == "Billing-source")
        .unwrap();
    assert_ne!(RowText::of(billing), t);
}

/// The expanded body (status and info per connector) of `list`, as Kafka Connect writes it.
fn body_of(list: &[ConnectorSummary]) -> String {
    let parts: Vec<String> = list
        .iter()
        .map(|c| {
            format!(
                "{}:{{\"status\":{},\"info\":{}}}",
                serde_json::to_string(&c.name).unwrap(),
                serde_json::to_string(c.status.as_ref().unwrap()).unwrap(),
                serde_json::to_string(c.info.as_ref().unwrap()).unwrap()
            )
        })
        .collect();
    format!("{{{}}}", parts.join(","))
}

#[test]
fn live_query_caught_up_from_change_logs_matches_a_full_recompute() {
    use connect_console::protocol::apache;
    use connect_console::state::actions::{ConnectorAction, Pending};
    let mut rng = Lcg(23);
    for q in &live_queries() {
        let mut names: Vec<String> = (0..80).map(|i| format!("c-{i}")).collect();
        let mut current = listing(&mut rng, &names);
        let beta_list = listing(&mut rng, &names[..30]);
        let mut alpha = ClusterRows::new("alpha");
        let mut beta = ClusterRows::new("beta");
        beta.apply_listing(beta_list, 0);
        let mut live = LiveQuery::default();
        let mut seen_last: Vec<String> = Vec::new();
        for step in 0..60u64 {
            // A tenth of the connectors change; some come and go.
            let fresh = listing(&mut rng, &names);
            for (i, f) in fresh.into_iter().enumerate() {
                if rng.next(10) == 0 {
                    current[i] = f;
                }
            }
            if step % 9 == 4 {
                names.push(format!("c-new-{step}"));
                current.extend(listing(&mut rng, &names[names.len() - 1..]));
            }
            if step % 7 == 5 {
                let i = rng.next(names.len() as u64) as usize;
                names.remove(i);
                current.remove(i);
            }
            let d =
                apache::parse_listing_since(200, &body_of(&current), &alpha.raw_entries()).unwrap();
            alpha.apply_delta(d, step * 1_000);
            // Markers, a placeholder and a removal change rows between listings.
            let pick = names[rng.next(names.len() as u64) as usize].clone();
            match step % 4 {
                0 => {
                    alpha.set_pending(&pick, Pending::sent(ConnectorAction::Pause, step * 1_000));
                }
                1 => {
                    alpha.clear_pending(&pick);
                }
                2 => {
                    alpha.insert_placeholder(&format!("c-placeholder-{step}"));
                }
                _ => {
                    alpha.remove(&pick);
                }
            }
            let clusters: Vec<&ClusterRows> = if step % 13 == 12 {
                vec![&alpha] // beta removed from the registry for a moment
            } else {
                vec![&alpha, &beta]
            };
            let before = live.keys().to_vec();
            let up = live.update_rows(q, clusters.iter().map(|c| (c.cluster(), *c)));
            let want = expected(q, &clusters);
            assert_eq!(live.keys(), want.as_slice(), "query {q:?}, step {step}");
            assert_eq!(up.changed, before != want, "query {q:?}, step {step}");
            // Every cluster read at the previous step catches up from its log (alpha's
            // listings are deltas: unchanged entries keep their rows).
            let from_log = clusters
                .iter()
                .filter(|c| seen_last.contains(&c.cluster().to_string()))
                .count();
            assert_eq!(up.from_log, from_log, "step {step}: {up:?}");
            seen_last = clusters.iter().map(|c| c.cluster().to_string()).collect();
        }
        // More changes than the log keeps: compared row by row, still exact.
        for k in 0..5_000u64 {
            let name = names[(k % names.len() as u64) as usize].clone();
            if k % 2 == 0 {
                alpha.set_pending(&name, Pending::sent(ConnectorAction::Stop, 1));
            } else {
                alpha.clear_pending(&name);
            }
        }
        alpha.set_pending(&names[0], Pending::sent(ConnectorAction::Stop, 1));
        let up = live.update_rows(q, [("alpha", &alpha), ("beta", &beta)]);
        assert_eq!(
            up.from_log, 1,
            "beta from its log, alpha row by row: {up:?}"
        );
        assert_eq!(live.keys(), expected(q, &[&alpha, &beta]).as_slice());
    }
}
