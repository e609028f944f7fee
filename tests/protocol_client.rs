//! The client's common machinery against a scripted transport: read-only mode, capability
//! gating, auth headers, retries and backoff, error mapping, curl, listing fallback.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::BTreeMap;

use connect_console::protocol::*;
use pollster::block_on;
use support::ScriptedTransport;

fn apache(t: &ScriptedTransport) -> ConnectClient<ScriptedTransport> {
    ConnectClient::new(
        ClusterTarget {
            flavor: Flavor::Apache,
            base_url: "http://w:8083/".into(),
            ..ClusterTarget::default()
        },
        t.clone(),
    )
}

fn cfg(pairs: &[(&str, &str)]) -> ConfigMap {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

const RUNNING: &str = r#"{"name":"c","connector":{"state":"RUNNING","worker_id":"w:8083"},"tasks":[],"type":"source"}"#;

#[test]
fn read_only_refuses_every_mutation_without_sending() {
    let t = ScriptedTransport::new();
    let c = apache(&t).with_read_only(true);
    let config = cfg(&[("connector.class", "X")]);
    let offsets = ConnectorOffsets {
        offsets: vec![ConnectorOffset {
            partition: serde_json::Map::new(),
            offset: None,
        }],
    };
    let changes: BTreeMap<String, Option<String>> = BTreeMap::new();
    let results: Vec<ApiError> = vec![
        block_on(c.create("c", &config, None)).unwrap_err(),
        block_on(c.create("c", &config, Some(InitialState::Paused))).unwrap_err(),
        block_on(c.put_config("c", &config)).unwrap_err(),
        block_on(c.patch_config("c", &changes)).unwrap_err(),
        block_on(c.delete("c")).unwrap_err(),
        block_on(c.pause("c")).unwrap_err(),
        block_on(c.resume("c")).unwrap_err(),
        block_on(c.stop("c")).unwrap_err(),
        block_on(c.restart("c", RestartOptions::default())).unwrap_err(),
        block_on(c.restart(
            "c",
            RestartOptions {
                include_tasks: true,
                only_failed: true,
            },
        ))
        .unwrap_err(),
        block_on(c.restart_task("c", 0)).unwrap_err(),
        block_on(c.alter_offsets("c", &offsets)).unwrap_err(),
        block_on(c.reset_offsets("c")).unwrap_err(),
        block_on(c.reset_topics("c")).unwrap_err(),
        block_on(c.set_logger("root", "INFO", LoggerScope::Worker)).unwrap_err(),
        block_on(c.set_logger("root", "INFO", LoggerScope::Cluster)).unwrap_err(),
    ];
    for e in &results {
        assert_eq!(e.kind, ErrorKind::ReadOnly, "{e:?}");
        assert!(e.hint.is_some());
    }
    assert_eq!(t.request_count(), 0);
    // Reads and validate still go out.
    t.push(200, RUNNING);
    block_on(c.status("c")).unwrap();
    t.push(
        200,
        r#"{"name":"X","error_count":0,"groups":[],"configs":[]}"#,
    );
    block_on(c.validate("X", &config)).unwrap();
    assert_eq!(t.request_count(), 2);
}

#[test]
fn requests_carry_auth_only_in_the_header_and_json_headers() {
    let t = ScriptedTransport::new();
    let c = ConnectClient::new(
        ClusterTarget {
            flavor: Flavor::Apache,
            base_url: "https://w:8083".into(),
            auth: Auth::Basic {
                username: "admin".into(),
                password: "admin-secret".into(),
            },
            ..ClusterTarget::default()
        },
        t.clone(),
    );
    t.push(
        201,
        r#"{"name":"c","config":{},"tasks":[],"type":"source"}"#,
    );
    block_on(c.create("c", &cfg(&[("a", "b")]), None)).unwrap();
    let req = t.last();
    assert_eq!(req.url, "https://w:8083/connectors");
    assert!(!req.url.contains("admin"));
    let h: BTreeMap<_, _> = req.headers.iter().cloned().collect();
    assert_eq!(h["Authorization"], "Basic YWRtaW46YWRtaW4tc2VjcmV0");
    assert_eq!(h["Content-Type"], "application/json");
    assert_eq!(h["Accept"], "application/json");
    assert!(
        req.timeout_ms > 90_000,
        "create must outlast Connect's 90 s"
    );
    assert!(!format!("{c:?}").contains("admin-secret"));
    assert!(
        !format!("{req:?}").contains("admin-secret")
            || req.headers.iter().any(|(k, _)| k == "Authorization")
    );
}

#[test]
fn bearer_auth_header() {
    let t = ScriptedTransport::new();
    let c = ConnectClient::new(
        ClusterTarget {
            flavor: Flavor::Apache,
            base_url: "http://w".into(),
            auth: Auth::Bearer {
                token: "tok".into(),
            },
            ..ClusterTarget::default()
        },
        t.clone(),
    );
    t.push(200, "[]");
    block_on(c.connector_names()).unwrap();
    assert!(t
        .last()
        .headers
        .contains(&("Authorization".into(), "Bearer tok".into())));
    assert_eq!(t.last().timeout_ms, retry::READ_TIMEOUT_MS);
}

#[test]
fn rebalance_409_is_retried_with_backoff_then_succeeds() {
    let t = ScriptedTransport::new();
    let c = apache(&t);
    let rebalance = r#"{"error_code":409,"message":"Cannot complete request momentarily due to no known leader URL, likely because a rebalance was underway."}"#;
    t.push(409, rebalance).push(409, rebalance).push(204, "");
    block_on(c.stop("c")).unwrap();
    assert_eq!(t.request_count(), 3);
    assert_eq!(t.sleeps(), vec![250, 500]);
}

#[test]
fn rebalance_on_post_create_is_retried_but_already_exists_is_final() {
    let t = ScriptedTransport::new();
    let c = apache(&t);
    t.push(
        409,
        r#"{"error_code":409,"message":"Cannot complete request because of a conflicting operation (e.g. worker rebalance)"}"#,
    )
    .push(409, r#"{"error_code":409,"message":"Connector c already exists"}"#);
    let e = block_on(c.create("c", &cfg(&[("a", "b")]), None)).unwrap_err();
    assert_eq!(e.kind, ErrorKind::AlreadyExists);
    assert_eq!(e.status, Some(409));
    assert_eq!(t.request_count(), 2);
    assert_eq!(t.sleeps(), vec![250]);
}

#[test]
fn persistent_rebalance_gives_up_after_max_attempts() {
    let t = ScriptedTransport::new();
    let c = apache(&t);
    let body = r#"{"error_code":409,"message":"Cannot complete request momentarily due to stale configuration (typically caused by a concurrent config change)"}"#;
    for _ in 0..10 {
        t.push(409, body);
    }
    let e = block_on(c.delete("c")).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Conflict);
    assert_eq!(
        t.request_count(),
        RetryPolicy::default().max_attempts as usize
    );
    assert!(e.hint.unwrap().contains("attempts"));
}

#[test]
fn read_500_rebalance_expected_is_retried() {
    let t = ScriptedTransport::new();
    let c = apache(&t);
    t.push(
        500,
        r#"{"error_code":500,"message":"Request cannot be completed because a rebalance is expected"}"#,
    )
    .push(200, r#"{"a":"b"}"#);
    // (The name asked for is added to an answer that leaves it out.)
    assert_eq!(
        block_on(c.config("c")).unwrap(),
        cfg(&[("a", "b"), ("name", "c")])
    );
    assert_eq!(t.request_count(), 2);
}

#[test]
fn post_is_not_retried_on_5xx_or_network_but_get_is() {
    let t = ScriptedTransport::new();
    let c = apache(&t);
    t.push(503, "<html><body>Service Unavailable</body></html>");
    let e = block_on(c.restart("c", RestartOptions::default())).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Unavailable);
    assert!(!e.message.contains("<html"));
    assert!(e.message.contains("HTML page"));
    assert_eq!(t.request_count(), 1);

    let t = ScriptedTransport::new();
    let c = apache(&t);
    t.push_err(TransportError::Network("Failed to fetch".into()));
    let e = block_on(c.create("c", &cfg(&[]), None)).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Network);
    assert_eq!(t.request_count(), 1);

    let t = ScriptedTransport::new();
    let c = apache(&t);
    t.push_err(TransportError::Network("Failed to fetch".into()))
        .push(502, "")
        .push(200, "[]");
    assert!(block_on(c.connector_names()).unwrap().is_empty());
    assert_eq!(t.request_count(), 3);
}

#[test]
fn rate_limit_honours_retry_after_seconds() {
    let t = ScriptedTransport::new();
    let c = apache(&t);
    t.push_with_headers(
        429,
        r#"{"error":{"code":429,"message":"Too Many Requests"}}"#,
        &[("Retry-After", "3")],
    )
    .push(202, "");
    block_on(c.pause("c")).unwrap();
    assert_eq!(t.sleeps(), vec![3000]);

    // A wait longer than the policy allows is handed to the user with the wait in the hint.
    let t = ScriptedTransport::new();
    let c = apache(&t);
    t.push_with_headers(429, "", &[("Retry-After", "600")]);
    let e = block_on(c.pause("c")).unwrap_err();
    assert_eq!(e.kind, ErrorKind::RateLimited);
    assert!(e.hint.unwrap().contains("600 s"));
    assert_eq!(t.request_count(), 1);
}

#[test]
fn timeouts_count_against_the_read_budget() {
    let t = ScriptedTransport::new();
    let c = apache(&t);
    for _ in 0..6 {
        t.push_err(TransportError::Timeout { after_ms: 20_000 });
    }
    let e = block_on(c.status("c")).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Timeout);
    // 20 s + 0.25 s + 20 s + 0.5 s = 40.75 s before the third attempt; after it, 60 s
    // exceed the 45 s read budget, so three attempts in all.
    assert_eq!(t.request_count(), 3);
    assert_eq!(t.sleeps(), vec![250, 500]);
}

#[test]
fn unsupported_by_version_sends_nothing() {
    let t = ScriptedTransport::new();
    let c = apache(&t).with_server_info(ServerInfo {
        version: "3.4.1".into(),
        commit: None,
        kafka_cluster_id: None,
    });
    assert_eq!(
        block_on(c.stop("c")).unwrap_err().kind,
        ErrorKind::Unsupported
    );
    assert_eq!(
        block_on(c.offsets("c")).unwrap_err().kind,
        ErrorKind::Unsupported
    );
    assert_eq!(
        block_on(c.health()).unwrap_err().kind,
        ErrorKind::Unsupported
    );
    let e = block_on(c.create("c", &cfg(&[]), Some(InitialState::Stopped))).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Unsupported);
    assert!(e.message.contains("3.4.1"), "{}", e.message);
    assert_eq!(
        block_on(c.set_logger("root", "INFO", LoggerScope::Cluster))
            .unwrap_err()
            .kind,
        ErrorKind::Unsupported
    );
    assert_eq!(
        block_on(c.patch_config("c", &BTreeMap::new()))
            .unwrap_err()
            .kind,
        ErrorKind::Unsupported
    );
    assert_eq!(t.request_count(), 0);
    // Worker scope and create without initial state are fine on 3.4.
    t.push(200, r#"["root"]"#);
    assert_eq!(
        block_on(c.set_logger("root", "INFO", LoggerScope::Worker)).unwrap(),
        vec!["root"]
    );
}

#[test]
fn server_info_is_remembered_for_capabilities() {
    let t = ScriptedTransport::new();
    let c = apache(&t);
    assert!(c.capabilities(None).stop);
    assert!(!c.capabilities(None).notes.is_empty());
    t.push(
        200,
        r#"{"version":"7.5.0-ccs","commit":"abc","kafka_cluster_id":"k"}"#,
    );
    let info = block_on(c.server_info()).unwrap();
    assert_eq!(info.version, "7.5.0-ccs");
    let caps = c.capabilities(None);
    assert!(caps.stop && !caps.offsets_alter && !caps.initial_state);
    // A clone shares what was detected.
    assert!(!c.clone().capabilities(None).patch_config);
    assert!(t.last().url.ends_with("w:8083/"));
}

#[test]
fn health_reports_starting_and_unhealthy_as_answers() {
    let t = ScriptedTransport::new();
    let c = apache(&t);
    t.push(
        503,
        r#"{"status":"starting","message":"Worker is still starting up."}"#,
    );
    let h = block_on(c.health()).unwrap();
    assert_eq!(h.status, "starting");
    assert_eq!(t.request_count(), 1, "probes are never retried");
    t.push(
        500,
        r#"{"status":"unhealthy","message":"Worker was unable to handle this request"}"#,
    );
    assert_eq!(block_on(c.health()).unwrap().status, "unhealthy");
    t.push(500, "<html>oops</html>");
    let e = block_on(c.health()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Server);
    t.push(200, r#"{"status":"healthy","message":"ok"}"#);
    assert_eq!(block_on(c.health()).unwrap().status, "healthy");
    assert_eq!(t.last().timeout_ms, retry::PROBE_TIMEOUT_MS);
}

#[test]
fn old_worker_lists_name_by_name() {
    let t = ScriptedTransport::new();
    let c = apache(&t);
    let old = ServerInfo {
        version: "2.2.0".into(),
        commit: None,
        kafka_cluster_id: None,
    };
    t.push(200, r#"["a","gone"]"#)
        .push(200, &RUNNING.replace("\"c\"", "\"a\""))
        .push(
            200,
            r#"{"name":"a","config":{},"tasks":[],"type":"source"}"#,
        )
        .push(
            404,
            r#"{"error_code":404,"message":"No status found for connector gone"}"#,
        )
        .push(
            404,
            r#"{"error_code":404,"message":"Connector gone not found"}"#,
        );
    let l = block_on(c.list_connectors(Some(&old))).unwrap();
    assert_eq!(l.names(), vec!["a", "gone"]);
    assert_eq!(l.missing_status, vec!["gone"]);
    assert_eq!(t.request_count(), 5);
    let urls: Vec<String> = t.requests().iter().map(|r| r.url.clone()).collect();
    assert_eq!(urls[0], "http://w:8083/connectors");
}

#[test]
fn listing_is_one_expanded_request() {
    let t = ScriptedTransport::new();
    let c = apache(&t);
    t.push(200, "{}");
    let l = block_on(c.list_connectors(None)).unwrap();
    assert!(l.connectors.is_empty());
    assert_eq!(t.request_count(), 1);
    assert_eq!(
        t.last().url,
        "http://w:8083/connectors?expand=status&expand=info"
    );
}

#[test]
fn empty_connector_name_is_refused() {
    let t = ScriptedTransport::new();
    let c = apache(&t);
    assert_eq!(
        block_on(c.pause("  ")).unwrap_err().kind,
        ErrorKind::InvalidInput
    );
    assert_eq!(
        block_on(c.alter_offsets("c", &ConnectorOffsets::default()))
            .unwrap_err()
            .kind,
        ErrorKind::InvalidInput
    );
    assert_eq!(t.request_count(), 0);
}

#[test]
fn restart_returns_status_only_for_202() {
    let t = ScriptedTransport::new();
    let c = apache(&t);
    t.push(204, "");
    assert_eq!(
        block_on(c.restart("c", RestartOptions::default())).unwrap(),
        None
    );
    t.push(202, &RUNNING.replace("RUNNING", "RESTARTING"));
    let s = block_on(c.restart(
        "c",
        RestartOptions {
            include_tasks: true,
            only_failed: true,
        },
    ))
    .unwrap()
    .unwrap();
    assert_eq!(s.connector.state, State::Restarting);
    assert!(t
        .last()
        .url
        .ends_with("/connectors/c/restart?includeTasks=true&onlyFailed=true"));
}

#[test]
fn curl_never_contains_credentials_or_config_secrets() {
    let t = ScriptedTransport::new();
    let c = ConnectClient::new(
        ClusterTarget {
            flavor: Flavor::Apache,
            base_url: "http://w:8083".into(),
            auth: Auth::Basic {
                username: "admin".into(),
                password: "admin-secret".into(),
            },
            ..ClusterTarget::default()
        },
        t.clone(),
    );
    let config = cfg(&[
        (
            "connector.class",
            "io.debezium.connector.postgresql.PostgresConnector",
        ),
        ("database.password", "hunter2"),
        ("database.user", "o'brien"),
        ("sasl.jaas.config", "${file:/secrets.properties:jaas}"),
    ]);
    let curl = c
        .curl_command(&Operation::PutConfig {
            name: "my conn",
            config: &config,
        })
        .unwrap();
    assert!(
        !curl.contains("admin-secret") && !curl.contains("admin:"),
        "{curl}"
    );
    assert!(!curl.contains("hunter2"), "{curl}");
    assert!(curl.contains("$CONNECT_USER:$CONNECT_PASSWORD"));
    assert!(curl.contains("\"$DATABASE_PASSWORD\""));
    assert!(
        curl.contains("${file:/secrets.properties:jaas}"),
        "provider references are kept"
    );
    assert!(curl.contains("'http://w:8083/connectors/my%20conn/config'"));
    assert!(curl.contains("o'\\''brien"));
    assert_eq!(t.request_count(), 0);

    // The command really is valid shell producing the expected JSON (when bash is present).
    if let Ok(out) = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "curl() {{ while [ $# -gt 0 ]; do if [ \"$1\" = --data-binary ]; then printf '%s' \"$2\"; fi; shift; done; }}; DATABASE_PASSWORD=pw; {curl}"
        ))
        .output()
    {
        let body: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(body["database.password"], "pw");
        assert_eq!(body["database.user"], "o'brien");
        assert_eq!(body["sasl.jaas.config"], "${file:/secrets.properties:jaas}");
    }

    // Keys the caller knows are secret (PASSWORD by definition) become variables whatever
    // their name; a reference under such a key is kept as it is.
    let config = cfg(&[
        ("rich.pin", "1234"),
        ("rich.password", "${file:/opt/s.properties:pw}"),
        ("rich.username", "${file:/opt/s.properties:user}"),
    ]);
    let curl = c
        .curl_command_with_secrets(
            &Operation::PutConfig {
                name: "rich",
                config: &config,
            },
            &["rich.pin".to_string(), "rich.password".to_string()],
        )
        .unwrap();
    assert!(!curl.contains("1234"), "{curl}");
    assert!(curl.contains("\"$RICH_PIN\""), "{curl}");
    assert!(curl.contains("${file:/opt/s.properties:pw}"), "{curl}");
    assert!(curl.contains("${file:/opt/s.properties:user}"), "{curl}");

    // Proxied base URLs get an origin placeholder; bearer tokens a variable.
    let c = ConnectClient::new(
        ClusterTarget {
            flavor: Flavor::Apache,
            base_url: "/connect/alpha".into(),
            auth: Auth::Bearer {
                token: "tok-xyz".into(),
            },
            ..ClusterTarget::default()
        },
        t.clone(),
    );
    let curl = c.curl_command(&Operation::Pause("x")).unwrap();
    assert!(
        curl.starts_with("curl -sS -X PUT \"$CONNECT_ORIGIN\"'/connect/alpha/connectors/x/pause'"),
        "{curl}"
    );
    assert!(curl.contains("Bearer $CONNECT_TOKEN") && !curl.contains("tok-xyz"));
}
