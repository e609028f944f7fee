//! Shared by the native reliability tests (`#[path = "hostile/native.rs"] mod native;`):
//! the hostile fixture server as a child process and a transport that records and refuses
//! everything. The real HTTP transport is tests/support/http.rs.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

use connect_console::protocol::{
    Auth, ClusterTarget, Flavor, HttpRequest, HttpResponse, Transport, TransportError,
};

/// `node tests/hostile/server.mjs` on a free port; killed when dropped.
pub struct FixtureServer {
    child: Child,
    pub url: String,
}

impl FixtureServer {
    pub fn start() -> FixtureServer {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/hostile/server.mjs");
        let mut child = Command::new("node")
            .arg("--max-http-header-size=65536") // 10k-char names, percent-encoded
            .arg(script)
            .args(["--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("node is needed for the hostile fixture server (make setup installs it)");
        let stdout = child.stdout.take().unwrap();
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("fixture server output");
        let port = line
            .trim()
            .strip_prefix("listening ")
            .unwrap_or_else(|| panic!("fixture server said {line:?}"))
            .to_string();
        FixtureServer {
            child,
            url: format!("http://127.0.0.1:{port}"),
        }
    }

    /// Base URL of one fixture cluster ("hostile", "truncated", ...).
    pub fn cluster(&self, mode: &str) -> String {
        format!("{}/{mode}", self.url)
    }

    /// The requests the server has seen, as (method, path, authorization header).
    pub fn log(&self) -> Vec<(String, String, Option<String>)> {
        let body = ureq::get(&format!("{}/__log", self.url))
            .call()
            .unwrap()
            .into_string()
            .unwrap();
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["method"].as_str().unwrap().to_string(),
                    r["path"].as_str().unwrap().to_string(),
                    r["authorization"].as_str().map(str::to_string),
                )
            })
            .collect()
    }
}

impl Drop for FixtureServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Records every request and answers none (network failure): for proving that nothing is sent.
#[derive(Clone, Default)]
pub struct RecordingTransport {
    pub sent: Arc<Mutex<Vec<HttpRequest>>>,
}

impl RecordingTransport {
    pub fn count(&self) -> usize {
        self.sent.lock().unwrap().len()
    }
}

impl Transport for RecordingTransport {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        self.sent.lock().unwrap().push(request);
        Err(TransportError::Network(
            "recording transport sends nothing".into(),
        ))
    }

    async fn sleep(&self, _ms: u32) {}
}

/// Runs a future to completion on this thread.
/// An Apache Kafka Connect cluster at `base_url`, without credentials.
pub fn apache_target(base_url: &str) -> ClusterTarget {
    ClusterTarget {
        flavor: Flavor::Apache,
        base_url: base_url.to_string(),
        auth: Auth::None,
        environment: None,
        cluster: None,
    }
}

pub fn block_on<F: std::future::Future>(f: F) -> F::Output {
    pollster::block_on(f)
}

/// The hostile corpus (tests/hostile/payloads.json), expanded: (id, stack, text).
pub fn corpus() -> Vec<(String, String, Option<String>)> {
    let raw = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/hostile/payloads.json"
    ))
    .unwrap();
    let doc: serde_json::Value = serde_json::from_str(&raw).unwrap();
    doc["payloads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let text = match p["value"].as_str() {
                Some(v) => Some(v.to_string()),
                None => p.get("repeat").map(|r| {
                    r["unit"]
                        .as_str()
                        .unwrap()
                        .repeat(r["times"].as_u64().unwrap() as usize)
                }),
            };
            (
                p["id"].as_str().unwrap().to_string(),
                p["stack"].as_str().unwrap().to_string(),
                text,
            )
        })
        .collect()
}
