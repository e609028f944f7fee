//! Every Apache operation of [`ConnectClient`] against the real Kafka Connect stack
//! (`tests/stack/stack.sh up`; alpha = two workers without auth, beta = basic auth).
//!
//! Run: `cargo test --features stack-tests --test stack_protocol -- --test-threads=1`.
//! Connectors created here are prefixed `it-proto-` and deleted at the end of each test.
#![cfg(all(feature = "stack-tests", not(target_arch = "wasm32")))]

#[path = "support/stack_env.rs"]
mod stack_env;
mod support;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use connect_console::protocol::*;
use pollster::block_on;
use support::HttpTransport;

fn env(key: &str, default: &str) -> String {
    stack_env::get(key, default)
}

fn alpha_url() -> String {
    env("ALPHA_URL", "http://127.0.0.1:18083")
}

fn client(url: &str, auth: Auth) -> ConnectClient<HttpTransport> {
    ConnectClient::new(
        ClusterTarget {
            flavor: Flavor::Apache,
            base_url: url.to_string(),
            auth,
            ..ClusterTarget::default()
        },
        HttpTransport::default(),
    )
}

fn alpha() -> ConnectClient<HttpTransport> {
    client(&alpha_url(), Auth::None)
}

fn data_dir() -> String {
    env("STACK_DATA_DIR", "/tmp")
}

fn source_config(topic: &str) -> ConfigMap {
    [
        (
            "connector.class",
            "org.apache.kafka.connect.file.FileStreamSourceConnector",
        ),
        ("tasks.max", "1"),
        ("topic", topic),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .chain([("file".to_string(), format!("{}/sample.txt", data_dir()))])
    .collect()
}

/// Polls the status until `pred` holds (pause/resume/stop are asynchronous).
fn wait_for(
    c: &ConnectClient<HttpTransport>,
    name: &str,
    pred: impl Fn(&ConnectorStatus) -> bool,
) -> ConnectorStatus {
    let start = Instant::now();
    loop {
        if let Ok(s) = block_on(c.status(name)) {
            if pred(&s) {
                return s;
            }
            if start.elapsed() > Duration::from_secs(40) {
                panic!("{name}: condition not reached; last status {s:?}");
            }
        } else if start.elapsed() > Duration::from_secs(40) {
            panic!("{name}: no status within 40 s");
        }
        std::thread::sleep(Duration::from_millis(300));
    }
}

fn state_is(s: State) -> impl Fn(&ConnectorStatus) -> bool {
    move |st| st.connector.state == s
}

/// Deletes on drop, so a failing assertion still cleans up.
struct Cleanup(Vec<String>);

impl Drop for Cleanup {
    fn drop(&mut self) {
        let c = alpha();
        for name in &self.0 {
            let _ = block_on(c.delete(name));
        }
    }
}

#[test]
fn server_info_health_listing_and_reads() {
    let c = alpha();
    let info = block_on(c.server_info()).unwrap();
    assert!(info.version.starts_with('4'), "{info:?}");
    let caps = c.capabilities(None);
    assert!(caps.notes.is_empty(), "{:?}", caps.notes);
    assert!(caps.health && caps.patch_config && caps.logger_cluster_scope);
    assert_eq!(block_on(c.health()).unwrap().status, "healthy");

    let before = c.transport().count();
    let listing = block_on(c.list_connectors(Some(&info))).unwrap();
    assert_eq!(
        c.transport().count() - before,
        1,
        "the listing is ONE request"
    );
    assert!(c
        .transport()
        .log()
        .last()
        .unwrap()
        .ends_with("/connectors?expand=status&expand=info"));
    let names = block_on(c.connector_names()).unwrap();
    for seeded in [
        "file-source",
        "failing-task-sink",
        "failing-connector",
        "stopped-source",
    ] {
        assert!(names.iter().any(|n| n == seeded), "{seeded} seeded");
    }
    let by: BTreeMap<_, _> = listing
        .connectors
        .iter()
        .map(|s| (s.name.as_str(), s))
        .collect();
    let st = |n: &str| by[n].status.as_ref().unwrap().clone();
    assert_eq!(st("failing-connector").connector.state, State::Failed);
    assert_eq!(st("failing-task-sink").tasks[0].state, State::Failed);
    assert_eq!(st("stopped-source").connector.state, State::Stopped);

    let info = block_on(c.connector("file-source")).unwrap();
    assert_eq!(info.kind, ConnectorType::Source);
    let cfg = block_on(c.config("file-source")).unwrap();
    assert_eq!(cfg.get("name").map(String::as_str), Some("file-source"));
    let tasks = block_on(c.tasks("file-source")).unwrap();
    assert_eq!(tasks[0].id.connector, "file-source");
    let s = block_on(c.status("failing-task-sink")).unwrap();
    assert!(s.tasks[0].trace.is_some());
    let e = block_on(c.status("it-proto-does-not-exist")).unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotFound);
    assert_eq!(e.status, Some(404));
}

#[test]
fn plugins_definitions_validate_and_loggers() {
    let c = alpha();
    let only = block_on(c.plugins(true)).unwrap();
    let all = block_on(c.plugins(false)).unwrap();
    assert!(only.iter().all(|p| p.kind.is_connector()));
    assert!(all.len() > only.len());
    assert!(all.iter().any(|p| p.kind == PluginType::Transformation));
    let defs = block_on(c.plugin_config("FileStreamSourceConnector")).unwrap();
    assert!(defs.iter().any(|d| d.name == "topic"));
    let e = block_on(c.plugin_config("com.example.NoSuch")).unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotFound);

    let mut cfg = source_config("it-proto-t");
    cfg.remove("topic");
    cfg.insert("name".into(), "it-proto-validate".into());
    let v = block_on(c.validate("FileStreamSourceConnector", &cfg)).unwrap();
    assert!(v.error_count >= 1);
    let topic = v
        .configs
        .iter()
        .find(|ci| ci.value.as_ref().is_some_and(|v| v.name == "topic"))
        .unwrap();
    assert!(!topic.value.as_ref().unwrap().errors.is_empty());
    let mut valid = source_config("t");
    valid.insert("name".into(), "it-proto-validate".into());
    let ok = block_on(c.validate("FileStreamSourceConnector", &valid)).unwrap();
    assert_eq!(ok.error_count, 0);

    let loggers = block_on(c.loggers()).unwrap();
    assert!(loggers.contains_key("root"));
    let e = block_on(c.set_logger("org.apache.kafka.connect.file", "LOUD", LoggerScope::Worker))
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotFound);
    assert!(e.hint.unwrap().contains("DEBUG"));
}

#[test]
fn logger_worker_and_cluster_scope_then_restore() {
    let logger = "org.apache.kafka.connect.file";
    let c = alpha();
    let c2 = client(&env("ALPHA_URL_2", "http://127.0.0.1:18085"), Auth::None);
    let original = block_on(c.loggers())
        .unwrap()
        .get(logger)
        .map(|l| l.level.clone())
        .unwrap_or_else(|| "INFO".to_string());

    let changed = block_on(c.set_logger(logger, "DEBUG", LoggerScope::Worker)).unwrap();
    assert!(changed.iter().any(|l| l == logger));
    assert_eq!(block_on(c.loggers()).unwrap()[logger].level, "DEBUG");

    // Cluster scope: 204, applied by every worker (also the second one) asynchronously.
    let changed = block_on(c.set_logger(logger, "TRACE", LoggerScope::Cluster)).unwrap();
    assert!(changed.is_empty());
    let start = Instant::now();
    loop {
        let l1 = block_on(c.loggers())
            .unwrap()
            .get(logger)
            .map(|l| l.level.clone());
        let l2 = block_on(c2.loggers())
            .unwrap()
            .get(logger)
            .map(|l| l.level.clone());
        if l1.as_deref() == Some("TRACE") && l2.as_deref() == Some("TRACE") {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "cluster scope not applied: {l1:?} {l2:?}"
        );
        std::thread::sleep(Duration::from_millis(300));
    }
    block_on(c.set_logger(logger, &original, LoggerScope::Cluster)).unwrap();
    let start = Instant::now();
    while block_on(c2.loggers())
        .unwrap()
        .get(logger)
        .map(|l| l.level.clone())
        .as_deref()
        != Some(original.as_str())
    {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "restore not applied"
        );
        std::thread::sleep(Duration::from_millis(300));
    }
}

#[test]
fn lifecycle_create_states_config_restart_offsets_topics_delete() {
    let c = alpha();
    let names: Vec<String> = ["run", "paused", "stopped"]
        .iter()
        .map(|s| format!("it-proto-{s}"))
        .collect();
    let _cleanup = Cleanup(names.clone());
    for n in &names {
        let _ = block_on(c.delete(n));
    }
    let topic = "it-proto-topic";

    // create with initial_state RUNNING / PAUSED / STOPPED
    for (name, state, expect) in [
        (&names[0], InitialState::Running, State::Running),
        (&names[1], InitialState::Paused, State::Paused),
        (&names[2], InitialState::Stopped, State::Stopped),
    ] {
        let info = block_on(c.create(name, &source_config(topic), Some(state))).unwrap();
        assert_eq!(&info.name, name);
        wait_for(&c, name, state_is(expect));
    }

    // 409 already exists is final: exactly one request.
    let before = c.transport().count();
    let e = block_on(c.create(&names[0], &source_config(topic), None)).unwrap_err();
    assert_eq!(e.kind, ErrorKind::AlreadyExists);
    assert_eq!(c.transport().count() - before, 1);

    // put + patch config
    let mut cfg = source_config(topic);
    cfg.insert("batch.size".into(), "100".into());
    let info = block_on(c.put_config(&names[0], &cfg)).unwrap();
    assert_eq!(
        info.config.get("batch.size").map(String::as_str),
        Some("100")
    );
    let mut patch = BTreeMap::new();
    patch.insert("batch.size".to_string(), None);
    patch.insert("tasks.max".to_string(), Some("1".to_string()));
    let info = block_on(c.patch_config(&names[0], &patch)).unwrap();
    assert!(!info.config.contains_key("batch.size"));

    // pause / resume / stop / resume
    let run = &names[0];
    wait_for(&c, run, |s| {
        s.connector.state == State::Running && !s.tasks.is_empty()
    });
    block_on(c.pause(run)).unwrap();
    wait_for(&c, run, state_is(State::Paused));
    block_on(c.resume(run)).unwrap();
    wait_for(&c, run, state_is(State::Running));
    block_on(c.stop(run)).unwrap();
    wait_for(&c, run, state_is(State::Stopped));
    block_on(c.resume(run)).unwrap();
    wait_for(&c, run, |s| {
        s.connector.state == State::Running && !s.tasks.is_empty()
    });

    // restart: plain (204 → None) and with options (202 → Some)
    assert_eq!(
        block_on(c.restart(run, RestartOptions::default())).unwrap(),
        None
    );
    let s = block_on(c.restart(
        run,
        RestartOptions {
            include_tasks: true,
            only_failed: false,
        },
    ))
    .unwrap()
    .expect("202 body");
    assert_eq!(&s.name, run);
    block_on(c.restart_task(run, 0)).unwrap();
    wait_for(&c, run, |s| {
        s.tasks.first().is_some_and(|t| t.state == State::Running)
    });

    // offsets: get → stop → alter → get → reset (on a stopped connector)
    let start = Instant::now();
    let offsets = loop {
        let o = block_on(c.offsets(run)).unwrap();
        if !o.offsets.is_empty() || start.elapsed() > Duration::from_secs(20) {
            break o;
        }
        std::thread::sleep(Duration::from_millis(500));
    };
    let e = block_on(c.reset_offsets(run)).unwrap_err();
    assert_eq!(e.kind, ErrorKind::BadRequest);
    assert!(e.hint.unwrap().contains("Stop the connector"));
    block_on(c.stop(run)).unwrap();
    // STOPPED is recorded before the task has shut down; a source task commits its offsets as
    // it stops, and that commit would overwrite an alter sent earlier. Its status entry goes
    // once it has stopped.
    wait_for(&c, run, |s| {
        s.connector.state == State::Stopped && s.tasks.is_empty()
    });
    let partition: serde_json::Map<String, serde_json::Value> = offsets
        .offsets
        .first()
        .map(|o| o.partition.clone())
        .unwrap_or_else(|| {
            serde_json::json!({"filename": format!("{}/sample.txt", data_dir())})
                .as_object()
                .unwrap()
                .clone()
        });
    let new = ConnectorOffsets {
        offsets: vec![ConnectorOffset {
            partition: partition.clone(),
            offset: Some(
                serde_json::json!({"position": 7})
                    .as_object()
                    .unwrap()
                    .clone(),
            ),
        }],
    };
    let msg = block_on(c.alter_offsets(run, &new)).unwrap();
    assert!(msg.contains("altered"), "{msg}");
    let after = block_on(c.offsets(run)).unwrap();
    assert!(
        after
            .offsets
            .iter()
            .any(|o| o.partition == partition && o.offset.as_ref().unwrap()["position"] == 7),
        "altered offset not read back: wrote {partition:?} position 7, read {after:?}"
    );
    let msg = block_on(c.reset_offsets(run)).unwrap();
    assert!(msg.contains("reset"), "{msg}");
    assert!(block_on(c.offsets(run)).unwrap().offsets.is_empty());

    // topics get / reset (on the stopped connector, so it cannot record topics again)
    let topics = block_on(c.topics(run)).unwrap();
    assert!(topics.iter().any(|t| t == topic), "{topics:?}");
    block_on(c.reset_topics(run)).unwrap();
    let start = Instant::now();
    while !block_on(c.topics(run)).unwrap().is_empty() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "topics reset not applied"
        );
        std::thread::sleep(Duration::from_millis(300));
    }

    // delete
    for n in &names {
        block_on(c.delete(n)).unwrap();
    }
    let e = block_on(c.delete(&names[0])).unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotFound);
}

#[test]
fn basic_auth_cluster_with_and_without_credentials() {
    let url = env("BETA_URL", "http://127.0.0.1:18084");
    let ok = client(
        &url,
        Auth::Basic {
            username: env("BETA_USER", "admin"),
            password: env("BETA_PASSWORD", "admin-secret"),
        },
    );
    let names = block_on(ok.connector_names()).unwrap();
    assert!(names.iter().any(|n| n == "beta-source"));
    let l = block_on(ok.list_connectors(None)).unwrap();
    assert!(l.connectors.iter().any(|c| c.name == "beta-paused"));

    let anon = client(&url, Auth::None);
    let e = block_on(anon.connector_names()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Unauthorized);
    assert!(e.message.contains("User cannot access the resource."));
    assert!(e.hint.unwrap().contains("basic-auth"));
    assert_eq!(anon.transport().count(), 1, "401 is not retried");

    let wrong = client(
        &url,
        Auth::Basic {
            username: "admin".into(),
            password: "nope".into(),
        },
    );
    assert_eq!(
        block_on(wrong.server_info()).unwrap_err().kind,
        ErrorKind::Unauthorized
    );
}

#[test]
fn read_only_sends_nothing_to_the_real_worker() {
    let c = alpha().with_read_only(true);
    let cfg = source_config("it-proto-ro");
    assert_eq!(
        block_on(c.create("it-proto-ro", &cfg, None))
            .unwrap_err()
            .kind,
        ErrorKind::ReadOnly
    );
    assert_eq!(
        block_on(c.pause("file-source")).unwrap_err().kind,
        ErrorKind::ReadOnly
    );
    assert_eq!(
        block_on(c.delete("file-source")).unwrap_err().kind,
        ErrorKind::ReadOnly
    );
    assert_eq!(
        block_on(c.stop("file-source")).unwrap_err().kind,
        ErrorKind::ReadOnly
    );
    assert_eq!(
        block_on(c.set_logger("root", "DEBUG", LoggerScope::Cluster))
            .unwrap_err()
            .kind,
        ErrorKind::ReadOnly
    );
    assert_eq!(c.transport().count(), 0);
    block_on(c.status("file-source")).unwrap();
    assert_eq!(c.transport().count(), 1);
}

#[test]
fn names_needing_encoding() {
    let c = alpha();
    // Spaces and unicode round-trip through create, status and delete.
    let name = "it-proto space ünï 日本";
    let _cleanup = Cleanup(vec![name.to_string()]);
    let _ = block_on(c.delete(name));
    let info = block_on(c.create(
        name,
        &source_config("it-proto-enc"),
        Some(InitialState::Paused),
    ))
    .unwrap();
    assert_eq!(info.name, name);
    let s = wait_for(&c, name, state_is(State::Paused));
    assert_eq!(s.name, name);
    assert!(block_on(c.connector_names())
        .unwrap()
        .iter()
        .any(|n| n == name));
    block_on(c.delete(name)).unwrap();

    // Kafka 4.3.1 (Jetty 12, Servlet 6) rejects ambiguous path encodings: a name with `/`
    // (`%2F`) or `%` (`%25`) cannot be addressed by path. Measured: POST /connectors accepts
    // such a name (201, the name travels in the body), but every path request for it is
    // answered by Jetty's own HTML 400 page, so it can be neither read nor deleted through
    // REST (it had to be removed with a config-topic tombstone). The test therefore never
    // creates one; it checks that addressing one fails cleanly with a hint.
    for odd in ["it-proto/slash", "it-proto%pct"] {
        let e = block_on(c.status(odd)).unwrap_err();
        assert_eq!(e.kind, ErrorKind::BadRequest, "{e:?}");
        assert_eq!(e.status, Some(400));
        assert!(
            !e.message.contains('<'),
            "no HTML in the message: {}",
            e.message
        );
        assert!(e.hint.unwrap().contains('/'));
    }
}

#[test]
fn status_only_listing_between_full_ones_on_the_real_worker() {
    let c = alpha();
    let server = block_on(c.server_info()).unwrap();
    let name = "it-proto-status-only";
    let fresh = "it-proto-status-only-new";
    // A name JSON escapes (Kafka writes `\"`): its key is decoded, the body still split.
    let quoted = "it-proto \"quoted\" status-only";
    let _cleanup = Cleanup(vec![
        name.to_string(),
        fresh.to_string(),
        quoted.to_string(),
    ]);
    let _ = block_on(c.delete(name));
    let _ = block_on(c.delete(fresh));
    let _ = block_on(c.delete(quoted));
    block_on(c.create(name, &source_config("it-proto-status-only"), None)).unwrap();
    block_on(c.create(quoted, &source_config("it-proto-status-only-q"), None)).unwrap();
    // Running with its task: the task's config is in the entry's info from then on.
    for n in [name, quoted] {
        wait_for(&c, n, |s| {
            s.connector.state == State::Running
                && !s.tasks.is_empty()
                && s.tasks.iter().all(|t| t.state == State::Running)
        });
    }

    let full = block_on(c.list_connectors_since(Some(&server), &RawEntries::default())).unwrap();
    // Kafka Connect writes each expanded entry status first: every entry has a status head.
    for (i, (n, _)) in full.raw.entries().iter().enumerate() {
        assert!(
            full.raw.head(i) > 0,
            "{n}: no status head in {}",
            full.raw[n]
        );
    }

    // Statuses only: one request, and a stopped connector's entry is matched, not parsed.
    let before = c.transport().count();
    let same = block_on(c.list_connector_statuses_since(Some(&server), &full.raw)).unwrap();
    assert_eq!(c.transport().count() - before, 1, "one request");
    assert!(c
        .transport()
        .log()
        .last()
        .unwrap()
        .ends_with("/connectors?expand=status"));
    assert!(!same.lacks_info);
    assert!(same.keeps_every_previous.is_some(), "split, not read whole");
    assert!(
        same.unchanged.iter().any(|(n, _)| &**n == quoted),
        "{quoted} is matched unchanged"
    );
    assert!(
        same.unchanged.iter().any(|(n, _)| &**n == "stopped-source"),
        "unchanged: {:?}",
        same.unchanged.iter().map(|(n, _)| n).collect::<Vec<_>>()
    );

    // A state change shows with the config of the last full listing.
    block_on(c.pause(name)).unwrap();
    wait_for(&c, name, |s| {
        s.connector.state == State::Paused && s.tasks.iter().all(|t| t.state == State::Paused)
    });
    let changed = block_on(c.list_connector_statuses_since(Some(&server), &full.raw)).unwrap();
    let entry = changed
        .listing
        .connectors
        .iter()
        .find(|s| s.name == name)
        .expect("the paused connector is parsed again");
    assert_eq!(
        entry.status.as_ref().unwrap().connector.state,
        State::Paused
    );
    assert_eq!(
        entry
            .info
            .as_ref()
            .unwrap()
            .config
            .get("topic")
            .map(String::as_str),
        Some("it-proto-status-only"),
        "its config comes from the full listing"
    );
    // Its new text reads as the full listing now sends it: nothing to parse for it there.
    let again = block_on(c.list_connectors_since(Some(&server), &changed.raw)).unwrap();
    assert!(
        again.unchanged.iter().any(|(n, _)| &**n == name),
        "{name} is matched by the next full listing"
    );

    // A connector new since the full listing has no config yet: configs are asked for next.
    block_on(c.create(fresh, &source_config("it-proto-status-only-new"), None)).unwrap();
    wait_for(&c, fresh, state_is(State::Running));
    let with_new = block_on(c.list_connector_statuses_since(Some(&server), &full.raw)).unwrap();
    let new_entry = with_new
        .listing
        .connectors
        .iter()
        .find(|s| s.name == fresh)
        .expect("listed");
    assert!(new_entry.info.is_none());
    assert!(with_new.lacks_info);
}
