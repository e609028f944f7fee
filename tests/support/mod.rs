//! Test transports for the protocol layer.
//!
//! - [`ScriptedTransport`]: returns queued responses in order and records every request and
//!   every sleep, so unit tests can assert what was sent (or that nothing was) and how the
//!   retry loop waited.
//! - [`HttpTransport`] (http.rs): the real blocking HTTP client (ureq) for the stack tests.
#![allow(dead_code)]

pub mod http;
#[allow(unused_imports)] // not every test crate that includes `support` uses it
pub use http::HttpTransport;

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

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
