//! The one seam between the protocol layer and the network.
//!
//! The browser implements it with gloo-net (`crate::web::transport`), native tests with a
//! blocking client. A transport only moves bytes: it never retries, parses JSON or decides
//! what a status code means; that is the protocol layer's job.

use std::future::Future;

/// HTTP methods the Connect APIs use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// Whether the request changes server state. Read-only mode refuses these.
    pub fn is_mutating(self) -> bool {
        !matches!(self, Method::Get)
    }
}

/// A fully built request. `url` is absolute (or origin-relative behind a proxy) and never
/// carries a credential; auth travels only in `headers`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: Method,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
    /// The transport aborts the request after this long.
    pub timeout_ms: u32,
}

/// What came back. Header names are lower-cased by the transport, which may carry only the
/// headers the protocol reads (the browser's: `content-length`, `content-type`,
/// `retry-after`).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl HttpResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Failures below HTTP: no status code was received.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TransportError {
    /// The request never got an answer the page may read. In a browser this is the opaque
    /// `TypeError: Failed to fetch`: the server is down, unreachable, or refused this origin
    /// (CORS). The string is the platform's own text.
    Network(String),
    /// No complete answer within `timeout_ms`.
    Timeout { after_ms: u32 },
    /// The caller cancelled the request (a superseded refresh, a closed form).
    Aborted,
    /// The body exceeded the transport's size limit.
    TooLarge { limit_bytes: usize },
    /// The page's Content-Security-Policy (`connect-src`) refused to send the request to
    /// `origin`: nothing reached the network. Final: the same request is refused again.
    BlockedByPolicy { origin: String },
}

/// Sends requests and waits. Futures need not be `Send`: browser futures are not.
pub trait Transport: Clone + 'static {
    /// Sends one request and returns the complete response, whatever its status.
    fn send(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpResponse, TransportError>>;

    /// Waits `ms` milliseconds (the retry policy's backoff).
    fn sleep(&self, ms: u32) -> impl Future<Output = ()>;
}
