//! Integration tests against the real Kafka Connect stack (`tests/stack/stack.sh up`).
//!
//! They prove that the seeded connectors really show each state the console must render, that
//! cluster beta enforces HTTP basic auth, that cluster alpha answers CORS preflights from the
//! app's loopback origins, and that both alpha workers see the same cluster.
//!
//! URLs come from environment variables (`ALPHA_URL`, `ALPHA_URL_2`, `BETA_URL`, `BETA_USER`,
//! `BETA_PASSWORD`), else from `$CC_STACK_RUN/stack.env` or `tests/stack/run/stack.env` (written by `stack.sh up`/`seed`),
//! else from the stack's default ports.
#![cfg(feature = "stack-tests")]

#[path = "support/stack_env.rs"]
mod stack_env;

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

const SEEDED_ALPHA: [&str; 7] = [
    "file-source",
    "file-sink",
    "failing-task-sink",
    "failing-connector",
    "paused-source",
    "stopped-source",
    "rich-source",
];
const SEEDED_BETA: [&str; 2] = ["beta-source", "beta-paused"];

struct Stack {
    alpha: String,
    alpha2: String,
    beta: String,
    user: String,
    password: String,
}

fn stack() -> Stack {
    let get = stack_env::get;
    Stack {
        alpha: get("ALPHA_URL", "http://127.0.0.1:18083"),
        alpha2: get("ALPHA_URL_2", "http://127.0.0.1:18085"),
        beta: get("BETA_URL", "http://127.0.0.1:18084"),
        user: get("BETA_USER", "admin"),
        password: get("BETA_PASSWORD", "admin-secret"),
    }
}

fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(30))
        .build()
}

/// Sends a request and returns the status and response, whatever the status.
fn send(req: ureq::Request) -> (u16, ureq::Response) {
    let url = req.url().to_string();
    match req.call() {
        Ok(resp) => (resp.status(), resp),
        Err(ureq::Error::Status(code, resp)) => (code, resp),
        Err(e) => {
            panic!("{url}: transport error: {e} (is the stack running? tests/stack/stack.sh up)")
        }
    }
}

fn get_json(req: ureq::Request) -> Value {
    let url = req.url().to_string();
    let (status, resp) = send(req);
    let body = resp.into_string().expect("readable body");
    assert_eq!(status, 200, "GET {url} answered {status}: {body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("GET {url}: invalid JSON ({e}): {body}"))
}

fn basic_auth(user: &str, password: &str) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let input = format!("{user}:{password}");
    let bytes = input.as_bytes();
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    format!("Basic {out}")
}

/// Summary of one connector in an expanded listing, for assertions and failure messages.
#[derive(Debug)]
struct Seen {
    state: String,
    trace: String,
    tasks: Vec<(String, String)>, // (state, trace)
    info_type: String,
    info_tasks: usize,
    class: String,
}

fn summarize(entry: &Value) -> Option<Seen> {
    let status = entry.get("status")?;
    let info = entry.get("info")?;
    Some(Seen {
        state: status["connector"]["state"].as_str()?.to_string(),
        trace: status["connector"]["trace"]
            .as_str()
            .unwrap_or("")
            .to_string(),
        tasks: status["tasks"]
            .as_array()?
            .iter()
            .map(|t| {
                (
                    t["state"].as_str().unwrap_or("").to_string(),
                    t["trace"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect(),
        info_type: info["type"].as_str().unwrap_or("").to_string(),
        info_tasks: info["tasks"].as_array().map_or(0, Vec::len),
        class: info["config"]["connector.class"]
            .as_str()
            .unwrap_or("")
            .to_string(),
    })
}

/// Problems with the expanded listing of alpha; empty when every seeded state is as intended.
fn alpha_state_problems(listing: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let mut seen = BTreeMap::new();
    for name in SEEDED_ALPHA {
        match listing.get(name).and_then(summarize) {
            Some(s) => {
                seen.insert(name, s);
            }
            None => problems.push(format!("{name}: missing or without status/info")),
        }
    }
    let all_tasks =
        |s: &Seen, state: &str| !s.tasks.is_empty() && s.tasks.iter().all(|t| t.0 == state);
    let mut check = |name: &str, ok: bool, what: &str| {
        if !ok {
            problems.push(format!("{name}: expected {what}, saw {:?}", seen.get(name)));
        }
    };
    if let Some(s) = seen.get("file-source") {
        check(
            "file-source",
            s.state == "RUNNING"
                && all_tasks(s, "RUNNING")
                && s.info_type == "source"
                && s.class.ends_with("FileStreamSourceConnector"),
            "RUNNING source with RUNNING tasks",
        );
    }
    if let Some(s) = seen.get("file-sink") {
        check(
            "file-sink",
            s.state == "RUNNING" && all_tasks(s, "RUNNING") && s.info_type == "sink",
            "RUNNING sink with RUNNING tasks",
        );
    }
    if let Some(s) = seen.get("failing-task-sink") {
        let failed_with_trace = s.tasks.first().is_some_and(|t| {
            t.0 == "FAILED"
                && t.1
                    .starts_with("org.apache.kafka.connect.errors.ConnectException")
                && t.1.contains("\n\tat ")
                && t.1.contains("Caused by: java.nio.file.NoSuchFileException")
        });
        check(
            "failing-task-sink",
            s.state == "RUNNING" && failed_with_trace,
            "connector RUNNING, task 0 FAILED with a Java stack trace",
        );
    }
    if let Some(s) = seen.get("failing-connector") {
        check(
            "failing-connector",
            s.state == "FAILED" && s.trace.contains("\n\tat ") && s.tasks.is_empty(),
            "connector FAILED with a stack trace and no tasks",
        );
    }
    if let Some(s) = seen.get("paused-source") {
        check(
            "paused-source",
            s.state == "PAUSED" && all_tasks(s, "PAUSED"),
            "PAUSED with PAUSED tasks",
        );
    }
    if let Some(s) = seen.get("stopped-source") {
        check(
            "stopped-source",
            s.state == "STOPPED" && s.tasks.is_empty() && s.info_tasks == 0,
            "STOPPED with no tasks in status and info",
        );
    }
    if let Some(s) = seen.get("rich-source") {
        check(
            "rich-source",
            s.state == "RUNNING"
                && s.tasks.len() == 2
                && all_tasks(s, "RUNNING")
                && s.class == "io.connectconsole.test.RichSourceConnector",
            "RUNNING test-plugin connector with 2 RUNNING tasks",
        );
    }
    problems
}

/// Polls until `check` returns no problems (states settle asynchronously), at most `secs`.
fn eventually(secs: u64, mut check: impl FnMut() -> Vec<String>) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let problems = check();
        if problems.is_empty() {
            return;
        }
        if Instant::now() >= deadline {
            panic!("after {secs}s:\n  {}", problems.join("\n  "));
        }
        std::thread::sleep(Duration::from_millis(500));
    }
}

#[test]
fn alpha_expanded_listing_shows_every_seeded_state() {
    let s = stack();
    let agent = agent();
    let url = format!("{}/connectors?expand=status&expand=info", s.alpha);
    eventually(60, || alpha_state_problems(&get_json(agent.get(&url))));

    // The states are distinct: the listing really covers RUNNING, FAILED, PAUSED and STOPPED.
    let listing = get_json(agent.get(&url));
    let states: BTreeSet<String> = SEEDED_ALPHA
        .iter()
        .map(|n| {
            listing[n]["status"]["connector"]["state"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let want: BTreeSet<String> = ["RUNNING", "FAILED", "PAUSED", "STOPPED"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(states, want);
}

#[test]
fn alpha_status_endpoint_agrees_with_listing_for_failed_task() {
    let s = stack();
    let agent = agent();
    let url = format!("{}/connectors/failing-task-sink/tasks/0/status", s.alpha);
    eventually(60, || {
        let t = get_json(agent.get(&url));
        if t["state"] == "FAILED"
            && t["id"] == 0
            && t["trace"]
                .as_str()
                .is_some_and(|x| x.contains("FileStreamSinkTask"))
        {
            vec![]
        } else {
            vec![format!("task 0 of failing-task-sink: {t}")]
        }
    });
}

#[test]
fn stopped_source_has_committed_offsets() {
    let s = stack();
    let offsets = get_json(agent().get(&format!("{}/connectors/stopped-source/offsets", s.alpha)));
    let list = offsets["offsets"].as_array().expect("offsets array");
    assert!(
        !list.is_empty(),
        "stopped-source should have committed offsets: {offsets}"
    );
    let first = &list[0];
    assert!(
        first["partition"]["filename"]
            .as_str()
            .is_some_and(|f| f.ends_with("sample.txt")),
        "{first}"
    );
    assert!(
        first["offset"]["position"].as_u64().is_some_and(|p| p > 0),
        "{first}"
    );
}

#[test]
fn beta_requires_basic_auth() {
    let s = stack();
    let agent = agent();
    let url = format!("{}/connectors", s.beta);

    let (status, resp) = send(agent.get(&url));
    assert_eq!(status, 401, "no credentials");
    assert_eq!(
        resp.into_string().unwrap(),
        "User cannot access the resource."
    );

    let (status, _) = send(
        agent
            .get(&url)
            .set("Authorization", &basic_auth(&s.user, "wrong-password")),
    );
    assert_eq!(status, 401, "wrong password");

    let (status, _) = send(agent.get(&format!("{}/", s.beta)));
    assert_eq!(status, 401, "GET / is protected too");

    let auth = basic_auth(&s.user, &s.password);
    let names = get_json(agent.get(&url).set("Authorization", &auth));
    let names: BTreeSet<&str> = names
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for n in SEEDED_BETA {
        assert!(names.contains(n), "beta lists {n}: {names:?}");
    }
    let expand = format!("{url}?expand=status");
    eventually(60, || {
        let l = get_json(agent.get(&expand).set("Authorization", &auth));
        let state = |n: &str| {
            l[n]["status"]["connector"]["state"]
                .as_str()
                .unwrap_or("?")
                .to_string()
        };
        let mut p = vec![];
        if state("beta-source") != "RUNNING" {
            p.push(format!("beta-source is {}", state("beta-source")));
        }
        if state("beta-paused") != "PAUSED" {
            p.push(format!("beta-paused is {}", state("beta-paused")));
        }
        p
    });
}

fn preflight(
    agent: &ureq::Agent,
    url: &str,
    origin: &str,
    method: &str,
) -> (u16, Option<String>, Option<String>) {
    let (status, resp) = send(
        agent
            .request("OPTIONS", url)
            .set("Origin", origin)
            .set("Access-Control-Request-Method", method)
            .set("Access-Control-Request-Headers", "content-type"),
    );
    (
        status,
        resp.header("Access-Control-Allow-Origin")
            .map(str::to_string),
        resp.header("Access-Control-Allow-Methods")
            .map(str::to_string),
    )
}

#[test]
fn alpha_cors_preflight_allows_app_origins_for_put_and_delete() {
    let s = stack();
    let agent = agent();
    let url = format!("{}/connectors/file-source/config", s.alpha);
    for (origin, method) in [
        ("http://127.0.0.1:8080", "PUT"),
        ("http://localhost:3000", "DELETE"),
        ("http://127.0.0.1:47123", "PATCH"),
        ("http://localhost:1", "POST"),
    ] {
        let (status, allow_origin, allow_methods) = preflight(&agent, &url, origin, method);
        assert!(
            (200..300).contains(&status),
            "{origin}: preflight status {status}"
        );
        assert_eq!(
            allow_origin.as_deref(),
            Some(origin),
            "{origin}: Access-Control-Allow-Origin"
        );
        let methods: BTreeSet<String> = allow_methods
            .unwrap_or_default()
            .split(',')
            .map(|m| m.trim().to_string())
            .collect();
        for m in ["GET", "POST", "PUT", "PATCH", "DELETE"] {
            assert!(
                methods.contains(m),
                "{origin}: {m} missing from {methods:?}"
            );
        }
    }
    // Foreign origins, and look-alikes that only start like a loopback origin, get no CORS grant.
    for origin in [
        "http://evil.example",
        "http://127.0.0.1:8080.evil.example",
        "https://localhost:8080",
        "http://127.0.0.1",
    ] {
        let (_, allow_origin, _) = preflight(&agent, &url, origin, "PUT");
        assert_eq!(allow_origin, None, "{origin} must not be allowed");
    }
    // A simple cross-origin GET carries the grant too.
    let (status, resp) = send(
        agent
            .get(&format!("{}/connectors", s.alpha))
            .set("Origin", "http://localhost:5173"),
    );
    assert_eq!(status, 200);
    assert_eq!(
        resp.header("Access-Control-Allow-Origin"),
        Some("http://localhost:5173")
    );
}

#[test]
fn both_alpha_workers_report_the_same_cluster() {
    let s = stack();
    let agent = agent();
    let root1 = get_json(agent.get(&format!("{}/", s.alpha)));
    let root2 = get_json(agent.get(&format!("{}/", s.alpha2)));
    assert_eq!(root1["kafka_cluster_id"], root2["kafka_cluster_id"]);
    assert_eq!(root1["version"], root2["version"]);
    for base in [&s.alpha, &s.alpha2] {
        let h = get_json(agent.get(&format!("{base}/health")));
        assert_eq!(h["status"], "healthy", "{base}/health: {h}");
    }
    let names = |base: &str| -> BTreeSet<String> {
        get_json(agent.get(&format!("{base}/connectors")))
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    eventually(30, || {
        let (a, b) = (names(&s.alpha), names(&s.alpha2));
        let mut p = vec![];
        if a != b {
            p.push(format!("worker 1 {a:?} != worker 2 {b:?}"));
        }
        for n in SEEDED_ALPHA {
            if !a.contains(n) {
                p.push(format!("{n} missing"));
            }
        }
        p
    });
    // Tasks of rich-source are spread over the group: every worker id is one of the two workers.
    let status = get_json(agent.get(&format!("{}/connectors/rich-source/status", s.alpha2)));
    let workers: BTreeSet<&str> = status["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["worker_id"].as_str())
        .collect();
    let known: BTreeSet<&str> = [
        s.alpha.trim_start_matches("http://"),
        s.alpha2.trim_start_matches("http://"),
    ]
    .into();
    assert!(
        !workers.is_empty() && workers.is_subset(&known),
        "{workers:?} not within {known:?}"
    );
}
