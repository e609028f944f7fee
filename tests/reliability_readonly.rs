//! Read-only mode is enforced where requests are built, not only hidden in the UI: a
//! read-only client refuses every mutating operation with `ErrorKind::ReadOnly` and a hint,
//! and sends nothing, neither to a recording transport nor to a real server (the fixture
//! server's own request log shows only reads).
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/http.rs"]
mod http;
#[path = "hostile/native.rs"]
mod native;

use std::collections::BTreeMap;

use connect_console::protocol::{
    ApiError, ConfigMap, ConnectClient, ConnectorOffsets, ErrorKind, InitialState, LoggerScope,
    RestartOptions, Transport,
};
use http::HttpTransport;
use native::{apache_target, block_on, FixtureServer, RecordingTransport};

/// Every mutating operation the client offers, each with its label.
fn every_write<T: Transport>(c: &ConnectClient<T>) -> Vec<(&'static str, Result<(), ApiError>)> {
    let config: ConfigMap = [("connector.class", "x"), ("tasks.max", "1")]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let patch: BTreeMap<String, Option<String>> =
        [("tasks.max".to_string(), Some("2".to_string()))].into();
    let offsets: ConnectorOffsets = serde_json::from_str(
        r#"{"offsets":[{"partition":{"filename":"f"},"offset":{"position":1}}]}"#,
    )
    .unwrap();
    let n = "file-source";
    vec![
        ("create", block_on(c.create(n, &config, None)).map(drop)),
        (
            "create stopped",
            block_on(c.create(n, &config, Some(InitialState::Stopped))).map(drop),
        ),
        ("put config", block_on(c.put_config(n, &config)).map(drop)),
        (
            "patch config",
            block_on(c.patch_config(n, &patch)).map(drop),
        ),
        ("delete", block_on(c.delete(n))),
        ("pause", block_on(c.pause(n))),
        ("resume", block_on(c.resume(n))),
        ("stop", block_on(c.stop(n))),
        (
            "restart",
            block_on(c.restart(n, RestartOptions::default())).map(drop),
        ),
        (
            "restart failed tasks",
            block_on(c.restart(
                n,
                RestartOptions {
                    include_tasks: true,
                    only_failed: true,
                },
            ))
            .map(drop),
        ),
        ("restart task", block_on(c.restart_task(n, 0))),
        (
            "alter offsets",
            block_on(c.alter_offsets(n, &offsets)).map(drop),
        ),
        ("reset offsets", block_on(c.reset_offsets(n)).map(drop)),
        ("reset topics", block_on(c.reset_topics(n))),
        (
            "set logger",
            block_on(c.set_logger("root", "DEBUG", LoggerScope::Worker)).map(drop),
        ),
        (
            "set logger cluster",
            block_on(c.set_logger("root", "DEBUG", LoggerScope::Cluster)).map(drop),
        ),
    ]
}

#[test]
fn a_read_only_client_sends_no_mutating_request() {
    let t = RecordingTransport::default();
    let c = ConnectClient::new(apache_target("http://127.0.0.1:1"), t.clone()).with_read_only(true);
    let writes = every_write(&c);
    assert_eq!(writes.len(), 16);
    for (what, result) in writes {
        let err = result.expect_err(what);
        assert_eq!(err.kind, ErrorKind::ReadOnly, "{what}: {err:?}");
        assert!(err.message.contains("read-only"), "{what}: {}", err.message);
        assert!(err.hint.is_some(), "{what}");
    }
    assert_eq!(t.count(), 0, "not one request left the client");

    // reads still go out
    let _ = block_on(c.list_connectors(None));
    let _ = block_on(c.status("file-source"));
    assert!(
        t.count() >= 2,
        "reads are sent (and retried: the recording transport fails them)"
    );
    assert!(t
        .sent
        .lock()
        .unwrap()
        .iter()
        .all(|r| !r.method.is_mutating()));
}

#[test]
fn a_read_only_client_against_a_real_server_leaves_only_reads_in_its_log() {
    let server = FixtureServer::start();
    let c = ConnectClient::new(
        apache_target(&server.cluster("hostile")),
        HttpTransport::default(),
    )
    .with_read_only(true);
    let listing = block_on(c.list_connectors(None)).expect("reads work in read-only mode");
    assert!(!listing.connectors.is_empty());
    for (what, r) in every_write(&c) {
        assert_eq!(r.expect_err(what).kind, ErrorKind::ReadOnly, "{what}");
    }
    let _ = block_on(c.loggers());
    let _ = block_on(c.plugins(true));
    let log = server.log();
    assert!(log.len() >= 3, "{log:?}");
    let writes: Vec<_> = log.iter().filter(|(m, _, _)| m != "GET").collect();
    assert!(writes.is_empty(), "the server saw writes: {writes:?}");
    // validate is a PUT on Apache but changes nothing: read-only mode allows it
    let _ = block_on(c.validate(
        "org.apache.kafka.connect.file.FileStreamSourceConnector",
        &ConfigMap::new(),
    ));
    let after = server.log();
    assert_eq!(after.last().unwrap().0, "PUT");
    assert!(after.last().unwrap().1.ends_with("/config/validate"));
}
