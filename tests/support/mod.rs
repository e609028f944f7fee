//! Test transports for the protocol layer.
//!
//! - [`ScriptedTransport`]: returns queued responses in order and records every request and
//!   every sleep, so unit tests can assert what was sent (or that nothing was) and how the
//!   retry loop waited.
//! - [`UreqTransport`]: a real blocking HTTP client (ureq) for the stack tests; the blocking
//!   call happens inside the async fn, and tests drive futures with `pollster::block_on`.
//!   It counts requests so read-only mode can be checked against the real stack.
#![allow(dead_code)]

use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use connect_console::protocol::{HttpRequest, HttpResponse, Transport, TransportError};

/// One scripted answer.
pub type Scripted = Result<HttpResponse, TransportError>;

/// A fake transport: pops queued answers, records requests and sleeps.
#[derive(Clone, Default)]
pub struct ScriptedTransport {
    queue: Arc<Mutex<VecDeque<Scripted>>>,
    pub requests: Arc<Mutex<Vec<HttpRequest>>>,
    pub sleeps: Arc<Mutex<Vec<u32>>>,
}

impl ScriptedTransport {
    pub fn new() -> Self {
        Self::default()
    }

    /// Queues a response with `status` and `body` (and optional headers).
    pub fn push(&self, status: u16, body: &str) -> &Self {
        self.push_with_headers(status, body, &[])
    }

    pub fn push_with_headers(&self, status: u16, body: &str, headers: &[(&str, &str)]) -> &Self {
        self.queue.lock().unwrap().push_back(Ok(HttpResponse {
            status,
            headers: headers
                .iter()
                .map(|(k, v)| (k.to_ascii_lowercase(), v.to_string()))
                .collect(),
            body: body.to_string(),
        }));
        self
    }

    pub fn push_err(&self, err: TransportError) -> &Self {
        self.queue.lock().unwrap().push_back(Err(err));
        self
    }

    pub fn requests(&self) -> Vec<HttpRequest> {
        self.requests.lock().unwrap().clone()
    }

    pub fn request_count(&self) -> usize {
        self.requests.lock().unwrap().len()
    }

    pub fn last(&self) -> HttpRequest {
        self.requests()
            .last()
            .cloned()
            .expect("no request was sent")
    }

    pub fn sleeps(&self) -> Vec<u32> {
        self.sleeps.lock().unwrap().clone()
    }

    pub fn remaining(&self) -> usize {
        self.queue.lock().unwrap().len()
    }
}

impl Transport for ScriptedTransport {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        self.requests.lock().unwrap().push(request);
        self.queue
            .lock()
            .unwrap()
            .pop_front()
            .unwrap_or_else(|| Err(TransportError::Network("script exhausted".into())))
    }

    async fn sleep(&self, ms: u32) {
        self.sleeps.lock().unwrap().push(ms);
    }
}

/// A blocking ureq transport for tests against a real worker. Counts requests sent.
#[derive(Clone)]
pub struct UreqTransport {
    agent: ureq::Agent,
    pub sent: Arc<AtomicUsize>,
    pub log: Arc<Mutex<Vec<String>>>,
}

impl Default for UreqTransport {
    fn default() -> Self {
        Self::new()
    }
}

impl UreqTransport {
    pub fn new() -> Self {
        UreqTransport {
            agent: ureq::AgentBuilder::new().redirects(0).build(),
            sent: Arc::new(AtomicUsize::new(0)),
            log: Arc::new(Mutex::new(Vec::new())),
        }
    }

    pub fn sent(&self) -> usize {
        self.sent.load(Ordering::SeqCst)
    }

    /// "METHOD url" of every request sent, in order.
    pub fn log(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }
}

impl Transport for UreqTransport {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        self.sent.fetch_add(1, Ordering::SeqCst);
        self.log
            .lock()
            .unwrap()
            .push(format!("{} {}", request.method.as_str(), request.url));
        let mut req = self
            .agent
            .request(request.method.as_str(), &request.url)
            .timeout(Duration::from_millis(u64::from(request.timeout_ms)));
        for (k, v) in &request.headers {
            req = req.set(k, v);
        }
        let result = match &request.body {
            Some(body) => req.send_string(body),
            None => req.call(),
        };
        let resp = match result {
            Ok(resp) => resp,
            Err(ureq::Error::Status(_, resp)) => resp,
            Err(ureq::Error::Transport(t)) => {
                let text = t.to_string();
                if text.contains("timed out") || text.contains("Timeout") {
                    return Err(TransportError::Timeout {
                        after_ms: request.timeout_ms,
                    });
                }
                return Err(TransportError::Network(text));
            }
        };
        let status = resp.status();
        let headers = resp
            .headers_names()
            .into_iter()
            .filter_map(|name| {
                let value = resp.header(&name)?.to_string();
                Some((name.to_ascii_lowercase(), value))
            })
            .collect();
        let body = resp
            .into_string()
            .map_err(|e| TransportError::Network(e.to_string()))?;
        Ok(HttpResponse {
            status,
            headers,
            body,
        })
    }

    async fn sleep(&self, ms: u32) {
        std::thread::sleep(Duration::from_millis(u64::from(ms)));
    }
}
