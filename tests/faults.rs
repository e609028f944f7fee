//! Faults on the real Kafka Connect stack (issue 10): a worker killed during a bulk action,
//! the broker stopped and started again, config writes while a worker is killed and rejoins
//! (two rebalances; every write retried as needed and applied in order). Each test injects its fault
//! with `tests/stack/stack.sh stop|kill|start <process>` and **restores the stack fully** at
//! the end (worker and broker restarted, health awaited, `stack.sh seed` re-run), so the
//! tests that run after it see the seeded stack. Still, run them after everything else, one at a
//! time: `make test-faults` (the last step of `make test`).
//!
//! Which stack: `ALPHA_URL`, `ALPHA_URL_2`, `BETA_URL`, `BETA_USER`, `BETA_PASSWORD`,
//! `KAFKA_BOOTSTRAP` from the environment, else from `$CC_STACK_RUN/stack.env`, else from
//! `tests/stack/run/stack.env`. The ports handed to `stack.sh` are derived from those URLs
//! (`CC_CONTROLLER_PORT` from the environment, else the broker port + 1), so the tests can be
//! pointed at a second stack started with other `CC_*_PORT` values and `CC_STACK_RUN`.
#![cfg(all(feature = "stack-tests", not(target_arch = "wasm32")))]

#[path = "support/http.rs"]
mod http;
#[path = "hostile/native.rs"]
mod native;
#[path = "support/stack_env.rs"]
mod stack_env;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use connect_console::protocol::{
    Auth, ClusterTarget, ConfigMap, ConnectClient, ErrorKind, Flavor, InitialState, RetryPolicy,
};
use connect_console::state::actions::ConnectorAction;
use connect_console::state::bulk::{BulkRun, ItemStatus};
use connect_console::state::reconcile::RowKey;
use http::HttpTransport;
use native::block_on;

struct Stack {
    env: BTreeMap<String, String>,
    run_dir: PathBuf,
}

fn port_of(url: &str) -> String {
    url.rsplit(':')
        .next()
        .unwrap()
        .trim_end_matches('/')
        .to_string()
}

impl Stack {
    fn load() -> Stack {
        let run_dir = stack_env::run_dir();
        let mut env = stack_env::file();
        for k in [
            "ALPHA_URL",
            "ALPHA_URL_2",
            "BETA_URL",
            "BETA_USER",
            "BETA_PASSWORD",
            "KAFKA_BOOTSTRAP",
        ] {
            if let Ok(v) = std::env::var(k) {
                env.insert(k.to_string(), v);
            }
        }
        for k in ["ALPHA_URL", "ALPHA_URL_2", "BETA_URL", "KAFKA_BOOTSTRAP"] {
            assert!(
                env.contains_key(k),
                "{k} unknown: start the stack (make stack-up) or set it ({})",
                run_dir.display()
            );
        }
        Stack { env, run_dir }
    }

    fn get(&self, k: &str) -> &str {
        &self.env[k]
    }

    /// `tests/stack/stack.sh <args>` with this stack's ports and run dir; panics on failure.
    fn sh(&self, args: &[&str]) {
        let broker = port_of(self.get("KAFKA_BOOTSTRAP"));
        let controller = std::env::var("CC_CONTROLLER_PORT")
            .unwrap_or_else(|_| (broker.parse::<u32>().unwrap() + 1).to_string());
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/stack/stack.sh");
        let t0 = Instant::now();
        let out = Command::new(&script)
            .args(args)
            .env("CC_BROKER_PORT", &broker)
            .env("CC_CONTROLLER_PORT", controller)
            .env("CC_ALPHA_PORT", port_of(self.get("ALPHA_URL")))
            .env("CC_ALPHA_PORT_2", port_of(self.get("ALPHA_URL_2")))
            .env("CC_BETA_PORT", port_of(self.get("BETA_URL")))
            .env("CC_STACK_RUN", &self.run_dir)
            .envs(
                self.env
                    .get("STACK_DATA_DIR")
                    .map(|d| ("CC_STACK_DATA", d.clone())),
            )
            .output()
            .expect("run stack.sh");
        eprintln!(
            "stack.sh {} ({:.1} s): {}",
            args.join(" "),
            t0.elapsed().as_secs_f32(),
            String::from_utf8_lossy(&out.stderr)
                .trim()
                .replace('\n', " | ")
        );
        assert!(out.status.success(), "stack.sh {args:?} failed");
    }

    fn client(&self, key: &str) -> ConnectClient<HttpTransport> {
        let auth = if key == "BETA_URL" {
            Auth::Basic {
                username: self.get("BETA_USER").into(),
                password: self.get("BETA_PASSWORD").into(),
            }
        } else {
            Auth::None
        };
        ConnectClient::new(
            ClusterTarget {
                flavor: Flavor::Apache,
                base_url: self.get(key).to_string(),
                auth,
                environment: None,
                cluster: None,
            },
            HttpTransport::default(),
        )
    }

    /// Restores everything a fault test may have broken: broker, all workers, seeded state.
    fn restore(&self) {
        self.sh(&["start", "broker"]);
        for w in ["alpha-1", "alpha-2", "beta"] {
            self.sh(&["start", w]);
        }
        self.sh(&["seed"]);
    }
}

/// Restores the stack when a test ends, even by a failed assertion.
struct Restore<'a>(&'a Stack);

impl Drop for Restore<'_> {
    fn drop(&mut self) {
        self.0.restore();
    }
}

fn until<T>(what: &str, secs: u64, mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(Instant::now() < deadline, "{what}: not within {secs} s");
        std::thread::sleep(Duration::from_millis(500));
    }
}

fn file_source(topic: &str) -> ConfigMap {
    [
        (
            "connector.class",
            "org.apache.kafka.connect.file.FileStreamSourceConnector",
        ),
        ("tasks.max", "1"),
        ("topic", topic),
        ("file", "/nonexistent/cc-fault.txt"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

fn state_of(c: &ConnectClient<HttpTransport>, name: &str) -> Option<String> {
    block_on(c.status(name))
        .ok()
        .map(|s| format!("{:?}", s.connector.state).to_uppercase())
}

fn delete_all(c: &ConnectClient<HttpTransport>, names: &[String]) {
    for n in names {
        let _ = block_on(c.delete(n));
    }
}

#[test]
fn fault_a_worker_killed_during_a_bulk_action_keeps_results_truthful_and_the_cluster_recovers() {
    let stack = Stack::load();
    let _restore = Restore(&stack);
    let survivor = stack.client("ALPHA_URL");
    let names: Vec<String> = (0..10).map(|i| format!("cc-fault-bulk-{i}")).collect();
    delete_all(&survivor, &names);
    for n in &names {
        block_on(survivor.create(n, &file_source("cc-fault"), Some(InitialState::Paused)))
            .unwrap_or_else(|e| panic!("create {n}: {e:?}"));
    }
    until("every bulk connector PAUSED", 60, || {
        names
            .iter()
            .all(|n| state_of(&survivor, n).as_deref() == Some("PAUSED"))
            .then_some(())
    });

    // Bulk "stop" over the 10 connectors, sent alternately to both workers (like the proxy's
    // round robin); alpha-2 is killed (SIGKILL) after the third item.
    let victim = stack.client("ALPHA_URL_2");
    let keys: Vec<RowKey> = names.iter().map(|n| RowKey::new("alpha", n)).collect();
    let mut run = BulkRun::new(ConnectorAction::Stop, keys, 4);
    let t0 = Instant::now();
    let mut sent = 0;
    while let Some((i, key)) = run.next_item() {
        if sent == 3 {
            stack.sh(&["kill", "alpha-2"]);
        }
        let via = if sent % 2 == 0 { &survivor } else { &victim };
        let result = block_on(via.stop(&key.name));
        sent += 1;
        run.finish(i, result.map(|()| None).map_err(|e| e.message));
    }
    let took = t0.elapsed();
    let summary = run.summary();
    eprintln!("bulk stop with a killed worker: {summary:?} in {took:?}");
    assert_eq!(
        summary.finished(),
        names.len(),
        "every item has a final result"
    );
    assert_eq!(summary.pending + summary.running, 0);
    assert!(
        summary.failed >= 1,
        "requests to the killed worker fail: {summary:?}"
    );
    assert!(
        summary.ok >= 5,
        "requests to the survivor succeed: {summary:?}"
    );

    // Truthful: every item reported done is STOPPED on the cluster; the cluster recovers on its
    // own (alpha-2 stays dead), every connector is assigned again, no item is lost.
    let items: Vec<(String, ItemStatus)> = run
        .items()
        .iter()
        .map(|it| (it.key.name.to_string(), it.status.clone()))
        .collect();
    until("every item reported done is STOPPED", 90, || {
        items
            .iter()
            .filter(|(_, s)| *s == ItemStatus::Ok)
            .all(|(n, _)| state_of(&survivor, n).as_deref() == Some("STOPPED"))
            .then_some(())
    });
    let recovered = until("the survivor serves every connector again", 120, || {
        let listing = block_on(survivor.list_connectors(None)).ok()?;
        let ok = names.iter().all(|n| {
            listing.connectors.iter().any(|c| {
                &c.name == n
                    && c.status.as_ref().is_some_and(|s| {
                        let st = format!("{:?}", s.connector.state).to_uppercase();
                        (st == "STOPPED" || st == "PAUSED")
                            && s.connector
                                .worker_id
                                .as_deref()
                                .is_some_and(|w| w.contains(&port_of(stack.get("ALPHA_URL"))))
                    })
            })
        });
        ok.then_some(t0.elapsed())
    });
    eprintln!("the cluster recovered without the killed worker after {recovered:?}");
    // the failed items can be retried as a new run and now succeed
    let mut retry = run.retry_failed().expect("failed items form a new run");
    while let Some((i, key)) = retry.next_item() {
        let r = block_on(survivor.stop(&key.name));
        retry.finish(i, r.map(|()| None).map_err(|e| e.message));
    }
    assert_eq!(retry.summary().ok, summary.failed, "{:?}", retry.items());
    delete_all(&survivor, &names);
}

#[test]
fn fault_the_broker_stops_reads_go_stale_writes_fail_clearly_and_all_recover() {
    let stack = Stack::load();
    let _restore = Restore(&stack);
    let alpha = stack.client("ALPHA_URL");
    let beta = stack.client("BETA_URL");
    assert_eq!(block_on(alpha.health()).unwrap().status, "healthy");
    stack.sh(&["stop", "broker"]);
    let down_at = Instant::now();

    // Kafka 4.3.1: the REST API keeps answering reads from memory with the last known state.
    let listing = block_on(alpha.list_connectors(None)).expect("reads still answer");
    assert!(listing.connectors.iter().any(|c| c.name == "file-source"));
    // Only /health tells: 500 "unhealthy" (after its own 10 s timeout), for every cluster.
    for (name, c) in [("alpha", &alpha), ("beta", &beta)] {
        let h = block_on(c.health()).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(h.status, "unhealthy", "{name}: {h:?}");
        assert!(!h.message.is_empty(), "{name}: a message");
    }
    // A write fails with a clear message (once, without retries: 60 s per attempt).
    let once = stack
        .client("ALPHA_URL")
        .with_retry_policy(RetryPolicy::never());
    let t0 = Instant::now();
    let err = block_on(once.pause("file-source")).expect_err("no broker, no write");
    eprintln!(
        "write with the broker down: {:?} after {:?}: {}",
        err.kind,
        t0.elapsed(),
        err.message
    );
    assert!(
        matches!(err.kind, ErrorKind::Server | ErrorKind::Timeout),
        "{err:?}"
    );
    assert!(
        err.message.contains("Kafka") || err.kind == ErrorKind::Timeout,
        "{}",
        err.message
    );
    assert!(err.hint.is_some());

    stack.sh(&["start", "broker"]);
    let back = until("alpha and beta healthy again", 180, || {
        let a = block_on(alpha.health()).ok()?;
        let b = block_on(beta.health()).ok()?;
        (a.status == "healthy" && b.status == "healthy").then_some(down_at.elapsed())
    });
    eprintln!("healthy again {back:?} after the broker stopped");
    // writes work again, on both clusters
    block_on(alpha.pause("file-source")).expect("pause after recovery");
    until("file-source PAUSED", 60, || {
        (state_of(&alpha, "file-source").as_deref() == Some("PAUSED")).then_some(())
    });
    block_on(alpha.resume("file-source")).expect("resume after recovery");
    block_on(beta.pause("beta-source")).expect("beta writes after recovery");
    block_on(beta.resume("beta-source")).expect("beta resume after recovery");
}

#[test]
fn fault_config_writes_while_a_worker_is_killed_and_rejoins_all_succeed_in_order() {
    let stack = Stack::load();
    let _restore = Restore(&stack);
    // Writes go through alpha-2 while alpha-1 (the first worker up, so usually the leader)
    // leaves and rejoins: the group rebalances and elects a leader twice.
    let alpha = stack.client("ALPHA_URL_2");
    let name = "cc-fault-rebalance".to_string();
    delete_all(&alpha, std::slice::from_ref(&name));
    block_on(alpha.create(&name, &file_source("cc-fault"), Some(InitialState::Paused)))
        .expect("create");
    // alpha-1 is killed (SIGKILL: the group notices only when its session times out) 3 s into
    // the writes and started again at once; both rebalances happen while writes go on.
    let chaos = {
        let env = stack.env.clone();
        let run_dir = stack.run_dir.clone();
        std::thread::spawn(move || {
            let s = Stack { env, run_dir };
            std::thread::sleep(Duration::from_secs(3));
            s.sh(&["kill", "alpha-1"]);
            s.sh(&["start", "alpha-1"]);
        })
    };
    let t0 = Instant::now();
    let mut writes = 0;
    let mut failures = Vec::new();
    // Config writes go to the leader, which refuses them with 409 while the group rebalances.
    while t0.elapsed() < Duration::from_secs(40) {
        let mut config = file_source("cc-fault");
        config.insert("cc.fault.write".into(), writes.to_string());
        if let Err(e) = block_on(alpha.put_config(&name, &config)) {
            failures.push(format!("{:?}: {}", e.kind, e.message));
        }
        writes += 1;
        std::thread::sleep(Duration::from_millis(200));
    }
    chaos.join().expect("alpha-1 killed and restarted");
    let statuses = alpha.transport().statuses();
    let retried: Vec<&u16> = statuses
        .iter()
        .filter(|s| !(200..300).contains(*s))
        .collect();
    // Kafka 4.3.1's cooperative rebalancing rarely answers 409 here (none in our runs); the
    // deterministic 409 retry is tests/reliability_protocol.rs.
    eprintln!("{writes} config writes while a worker was killed and rejoined; non-2xx answers retried: {retried:?}");
    assert!(
        failures.is_empty(),
        "every write succeeded after retries: {failures:?}"
    );
    assert!(writes >= 5);
    // the last write is what the cluster has
    let config = block_on(alpha.config(&name)).expect("config");
    assert_eq!(
        config.get("cc.fault.write"),
        Some(&(writes - 1).to_string()),
        "no write lost or reordered"
    );
    delete_all(&alpha, &[name]);
}
