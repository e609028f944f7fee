//! [`HttpTransport`]: the one real HTTP transport of the native tests (ureq, blocking inside
//! the future; drive it with `pollster::block_on`). It follows the browser transport's rules:
//! the request's own timeout, a body size limit, lower-cased header names, a body decoded as
//! UTF-8 with replacement characters (what `Response.text()` does). It records every request
//! (so read-only mode and "nothing sent" can be checked) and the statuses it received.
#![allow(dead_code)]

use std::io::Read;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use connect_console::protocol::{HttpRequest, HttpResponse, Method, Transport, TransportError};

/// The browser transport's body limit (`web::transport::DEFAULT_MAX_BODY_BYTES`): 16 MiB.
pub const BROWSER_MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

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

    /// How many requests were sent.
    pub fn count(&self) -> usize {
        self.sent.lock().unwrap().len()
    }

    /// "METHOD url" of every request sent, in order.
    pub fn log(&self) -> Vec<String> {
        self.sent
            .lock()
            .unwrap()
            .iter()
            .map(|s| format!("{} {}", s.method.as_str(), s.url))
            .collect()
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
