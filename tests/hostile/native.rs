//! Shared by the native reliability tests (`#[path = "hostile/native.rs"] mod native;`):
//! the hostile fixture server as a child process, a real blocking HTTP transport with the
//! browser transport's limits, and a transport that records and refuses everything.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use connect_console::protocol::{
    Auth, ClusterTarget, Flavor, HttpRequest, HttpResponse, Method, Transport, TransportError,
};

/// The browser transport's body limit (`web::transport::DEFAULT_MAX_BODY_BYTES`): 16 MiB.
pub const BROWSER_MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

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

/// One request as the transport sent it.
#[derive(Clone, Debug)]
pub struct Sent {
    pub method: Method,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
    pub timeout_ms: u32,
}

/// A real HTTP transport (ureq, blocking inside the future) with the browser transport's
/// rules: the request's own timeout, a body size limit, lower-cased header names, a body
/// decoded as UTF-8 with replacement characters (what `Response.text()` does). Records every
/// request; `sleep` really sleeps.
#[derive(Clone)]
pub struct HttpTransport {
    agent: ureq::Agent,
    max_body_bytes: usize,
    pub sent: Arc<Mutex<Vec<Sent>>>,
    pub statuses: Arc<Mutex<Vec<u16>>>,
}

impl Default for HttpTransport {
    fn default() -> Self {
        HttpTransport::new(BROWSER_MAX_BODY_BYTES)
    }
}

impl HttpTransport {
    pub fn new(max_body_bytes: usize) -> Self {
        HttpTransport {
            agent: ureq::AgentBuilder::new().redirects(0).build(),
            max_body_bytes,
            sent: Arc::new(Mutex::new(Vec::new())),
            statuses: Arc::new(Mutex::new(Vec::new())),
        }
    }

    pub fn sent(&self) -> Vec<Sent> {
        self.sent.lock().unwrap().clone()
    }

    /// Status codes received, in order (transport failures are not listed).
    pub fn statuses(&self) -> Vec<u16> {
        self.statuses.lock().unwrap().clone()
    }
}

impl Transport for HttpTransport {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        self.sent.lock().unwrap().push(Sent {
            method: request.method,
            url: request.url.clone(),
            headers: request.headers.clone(),
            body: request.body.clone(),
            timeout_ms: request.timeout_ms,
        });
        let timeout = Duration::from_millis(u64::from(request.timeout_ms.max(1)));
        let started = Instant::now();
        let mut req = self
            .agent
            .request(request.method.as_str(), &request.url)
            .timeout(timeout);
        for (k, v) in &request.headers {
            req = req.set(k, v);
        }
        let result = match &request.body {
            Some(body) => req.send_string(body),
            None => req.call(),
        };
        let resp = match result {
            Ok(r) | Err(ureq::Error::Status(_, r)) => r,
            Err(ureq::Error::Transport(t)) => {
                return Err(transport_error(&t.to_string(), started, request.timeout_ms))
            }
        };
        let status = resp.status();
        let headers = resp
            .headers_names()
            .iter()
            .filter_map(|n| {
                resp.header(n)
                    .map(|v| (n.to_ascii_lowercase(), v.to_string()))
            })
            .collect();
        let mut bytes = Vec::new();
        let limit = self.max_body_bytes as u64;
        match resp.into_reader().take(limit + 1).read_to_end(&mut bytes) {
            Ok(_) if bytes.len() as u64 > limit => {
                return Err(TransportError::TooLarge {
                    limit_bytes: self.max_body_bytes,
                })
            }
            Ok(_) => {}
            Err(e) => return Err(transport_error(&e.to_string(), started, request.timeout_ms)),
        }
        self.statuses.lock().unwrap().push(status);
        Ok(HttpResponse {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        })
    }

    async fn sleep(&self, ms: u32) {
        std::thread::sleep(Duration::from_millis(u64::from(ms)));
    }
}

fn transport_error(text: &str, started: Instant, timeout_ms: u32) -> TransportError {
    let lower = text.to_ascii_lowercase();
    if lower.contains("timed out")
        || lower.contains("timeout")
        || started.elapsed() >= Duration::from_millis(u64::from(timeout_ms))
    {
        TransportError::Timeout {
            after_ms: timeout_ms,
        }
    } else {
        TransportError::Network(text.to_string())
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
