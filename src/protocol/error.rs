//! The protocol layer's one error type, with a human message and an actionable hint.
//!
//! Every failure the console can meet ends up here: transport failures (including the
//! browser's opaque network/CORS error), each flavor's error body (Apache `{error_code,
//! message}`, Confluent Cloud's three shapes, Redpanda's google.rpc status, Lenses HQ and
//! agent errors), plain-text and HTML bodies, and responses that do not parse. Parsing an
//! error body never panics and never dumps HTML or secrets into the UI: `message` is one line,
//! `detail` is the server's own text, truncated.

use std::fmt;

use serde_json::Value;

use super::model::Flavor;
use super::path;
use super::transport::{HttpResponse, TransportError};

/// What went wrong, coarse enough for the UI to choose an icon, a colour and a next step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// No readable answer: worker down, DNS, TLS, or CORS refused this origin.
    Network,
    /// No complete answer in time.
    Timeout,
    /// The caller cancelled the request.
    Aborted,
    /// The response was larger than the transport accepts.
    TooLarge,
    /// 401: missing or wrong credentials.
    Unauthorized,
    /// 403: authenticated but not allowed, or a feature disabled on the worker.
    Forbidden,
    /// 404: the connector, plugin, logger or endpoint does not exist.
    NotFound,
    /// 409 on create: the connector already exists. Final, never retried.
    AlreadyExists,
    /// 409 for any other reason (rebalance, concurrent change) after retries ran out.
    Conflict,
    /// 400 (and 422): the server rejected the request, usually an invalid config.
    BadRequest,
    /// 405: the server does not offer this method on this path (older version, proxy).
    MethodNotAllowed,
    /// 429: rate limited.
    RateLimited,
    /// 5xx from the worker or the API itself.
    Server,
    /// 502/503/504, or an HTML error page from a proxy in front of the worker.
    Unavailable,
    /// A 2xx (or error) body that is not what the API documents: HTML, empty, truncated,
    /// wrongly typed.
    BadResponse,
    /// The flavor or its version does not offer this operation; nothing was sent.
    Unsupported,
    /// The cluster is configured read-only and the operation would change it; nothing was
    /// sent.
    ReadOnly,
    /// The request cannot be built from what the caller gave (empty name, missing cluster).
    InvalidInput,
    /// The page's Content-Security-Policy refused to send the request; nothing was sent.
    BlockedByPolicy,
}

impl ErrorKind {
    /// A short label for badges and logs.
    pub fn label(self) -> &'static str {
        match self {
            ErrorKind::Network => "network",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Aborted => "aborted",
            ErrorKind::TooLarge => "response too large",
            ErrorKind::Unauthorized => "unauthorized",
            ErrorKind::Forbidden => "forbidden",
            ErrorKind::NotFound => "not found",
            ErrorKind::AlreadyExists => "already exists",
            ErrorKind::Conflict => "conflict",
            ErrorKind::BadRequest => "bad request",
            ErrorKind::MethodNotAllowed => "method not allowed",
            ErrorKind::RateLimited => "rate limited",
            ErrorKind::Server => "server error",
            ErrorKind::Unavailable => "unavailable",
            ErrorKind::BadResponse => "bad response",
            ErrorKind::Unsupported => "unsupported",
            ErrorKind::ReadOnly => "read-only",
            ErrorKind::InvalidInput => "invalid input",
            ErrorKind::BlockedByPolicy => "blocked by the page's policy",
        }
    }
}

/// A failed protocol operation.
///
/// - `message`: one human line ("Could not pause connector “x”: Connector x not found").
/// - `hint`: what to do about it, when there is something to do.
/// - `detail`: the server's raw message (or body excerpt), truncated to [`DETAIL_LIMIT`]
///   characters; multi-line on purpose (Connect's invalid-config 400 lists one error a line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    pub kind: ErrorKind,
    pub status: Option<u16>,
    pub message: String,
    pub hint: Option<String>,
    pub detail: Option<String>,
}

/// Longest `detail` kept, in characters.
pub const DETAIL_LIMIT: usize = 2000;
/// Longest server text quoted in the one-line `message`, in characters.
const MESSAGE_QUOTE_LIMIT: usize = 240;

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

impl ApiError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        ApiError {
            kind,
            status: None,
            message: one_line(&message.into(), 400),
            hint: None,
            detail: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        let detail = truncate_chars(detail.into().trim(), DETAIL_LIMIT);
        self.detail = (!detail.is_empty()).then_some(detail);
        self
    }

    /// The operation is not offered by this flavor (or this version); nothing was sent.
    pub fn unsupported(what: &str, by: &str) -> Self {
        ApiError::new(
            ErrorKind::Unsupported,
            format!("{} is not supported by {by}", capitalize(what)),
        )
    }

    /// Read-only mode refused a mutating operation; nothing was sent.
    pub fn read_only(what: &str) -> Self {
        ApiError::new(
            ErrorKind::ReadOnly,
            format!("Did not {what}: this cluster is configured read-only"),
        )
        .with_hint("Turn off read-only mode in the cluster settings to make changes.")
    }

    pub fn invalid_input(message: impl Into<String>) -> Self {
        ApiError::new(ErrorKind::InvalidInput, message)
    }

    /// Whether retrying the same request later could succeed.
    pub fn is_transient(&self) -> bool {
        matches!(
            self.kind,
            ErrorKind::Network
                | ErrorKind::Timeout
                | ErrorKind::Conflict
                | ErrorKind::RateLimited
                | ErrorKind::Unavailable
        )
    }

    /// A transport failure while trying to `what` against `cluster_url`.
    pub fn from_transport(err: &TransportError, what: &str, cluster_url: &str) -> Self {
        match err {
            TransportError::Network(platform) => ApiError::new(
                ErrorKind::Network,
                format!("Could not {what}: no answer from {cluster_url}"),
            )
            .with_hint(
                "The cluster's API is down or unreachable, or it does not allow requests from \
                 this page's origin (CORS). See the connection help for the server settings or \
                 a same-origin proxy.",
            )
            .with_detail(platform.clone()),
            TransportError::Timeout { after_ms } => ApiError::new(
                ErrorKind::Timeout,
                format!(
                    "Could not {what}: no answer within {} s",
                    after_ms.div_ceil(1000)
                ),
            )
            .with_hint(
                "The server may be overloaded (a Kafka Connect worker may be rebalancing). A \
                 change may still be applied: refresh before trying again.",
            ),
            TransportError::Aborted => {
                ApiError::new(ErrorKind::Aborted, format!("Cancelled: {what}"))
            }
            TransportError::BlockedByPolicy { origin } => ApiError::new(
                ErrorKind::BlockedByPolicy,
                format!(
                    "Could not {what}: this page's Content-Security-Policy does not allow \
                     requests to {origin}"
                ),
            )
            .with_hint(format!(
                "The browser refused to send the request (nothing reached {origin}): its \
                 connect-src does not list it. Reach the cluster through the deployment's \
                 same-origin proxy, or ask whoever deploys the console to add {origin} to \
                 connect-src."
            ))
            .with_detail("Refused by the Content-Security-Policy directive connect-src."),
            TransportError::TooLarge { limit_bytes } => ApiError::new(
                ErrorKind::TooLarge,
                format!(
                    "Could not {what}: the response is larger than {} MB",
                    limit_bytes / (1024 * 1024)
                ),
            )
            .with_hint(
                "Something between the console and the cluster's API (a proxy, a login page, a \
                 misconfigured URL) may be answering instead of it; open the cluster URL in a \
                 browser tab to see what it returns.",
            ),
        }
    }

    /// True when the worker answered that the connector `name` does not exist (Kafka
    /// Connect's 404 body: `{"error_code":404,"message":"Connector <name> not found"}`). A 404
    /// from elsewhere (a proxy, a wrong URL) is not that.
    pub fn is_connector_not_found(&self, name: &str) -> bool {
        self.kind == ErrorKind::NotFound
            && self
                .message
                .contains(&format!("Connector {name} not found"))
    }

    /// A non-success HTTP response from a Kafka Connect worker while trying to `what`.
    pub fn from_response(resp: &HttpResponse, what: &str) -> Self {
        ApiError::from_response_for(resp, what, Flavor::Apache)
    }

    /// A non-success HTTP response from a `flavor` cluster while trying to `what`: the hint
    /// speaks of what that flavor has (no worker `plugin.path` or version on a managed API).
    pub fn from_response_for(resp: &HttpResponse, what: &str, flavor: Flavor) -> Self {
        let status = resp.status;
        let body_kind = classify_body(&resp.body);
        let server = match body_kind {
            BodyKind::Json => server_message(&resp.body),
            BodyKind::Text => Some(ServerMessage {
                code: None,
                message: resp.body.trim().to_string(),
            }),
            BodyKind::Html | BodyKind::Empty => None,
        };
        let server_text = server.as_ref().map(|s| s.message.as_str()).unwrap_or("");
        let server_code = server.as_ref().and_then(|s| s.code.as_deref());

        let kind = kind_for(status, server_text, server_code);
        let quoted = if server_text.is_empty() {
            match body_kind {
                BodyKind::Html => {
                    format!("a proxy or server answered with an HTML page (HTTP {status})")
                }
                BodyKind::Empty => format!("HTTP {status} {}", reason_phrase(status)),
                _ => format!("HTTP {status} {}", reason_phrase(status)),
            }
        } else {
            one_line(server_text, MESSAGE_QUOTE_LIMIT)
        };
        let mut err =
            ApiError::new(kind, format!("Could not {what}: {quoted}")).with_status(status);
        let about = Context { what, flavor };
        if let Some(hint) = hint_for(kind, status, server_text, body_kind, resp, about) {
            err = err.with_hint(hint);
        }
        // A validate changes nothing: its timeout has nothing that "may still be applied".
        if kind == ErrorKind::Server
            && what.starts_with("validate")
            && server_text
                .to_ascii_lowercase()
                .contains("request timed out")
        {
            err = err.with_hint(
                "The worker did not finish validating within its 90 s limit (a plugin's checks \
                 may be waiting on a system they cannot reach). Nothing was changed; the next \
                 edit validates again.",
            );
        }
        match body_kind {
            BodyKind::Json | BodyKind::Text if !server_text.is_empty() => {
                err = err.with_detail(server_text.to_string());
            }
            BodyKind::Json => err = err.with_detail(resp.body.clone()),
            _ => {}
        }
        err
    }

    /// A success status whose body is not what the API documents.
    pub fn bad_response(what: &str, status: u16, body: &str, reason: &str) -> Self {
        let (message, hint) = match classify_body(body) {
            BodyKind::Html => (
                format!("Could not {what}: expected JSON but got an HTML page (HTTP {status})"),
                "A proxy, login page or web server answered instead of the Connect API. \
                 Check the cluster URL (it should point at the REST API, not a UI)."
                    .to_string(),
            ),
            BodyKind::Empty => (
                format!("Could not {what}: the response body is empty (HTTP {status})"),
                "The server or a proxy dropped the body. Check the cluster URL and any proxy \
                 in between."
                    .to_string(),
            ),
            _ => (
                format!(
                    "Could not {what}: unexpected response ({})",
                    one_line(reason, 160)
                ),
                "The server's answer does not match the API this cluster is configured for. \
                 Check the cluster's flavor and URL."
                    .to_string(),
            ),
        };
        let mut err = ApiError::new(ErrorKind::BadResponse, message)
            .with_status(status)
            .with_hint(hint);
        if !matches!(classify_body(body), BodyKind::Html) {
            err = err.with_detail(body.to_string());
        }
        err
    }
}

/// What a body looks like, judged from its first non-blank characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyKind {
    Empty,
    Json,
    Html,
    Text,
}

/// Classifies a body without parsing it fully.
pub fn classify_body(body: &str) -> BodyKind {
    let t = body.trim_start_matches('\u{feff}').trim_start();
    if t.is_empty() {
        return BodyKind::Empty;
    }
    let lower: String = t.chars().take(15).collect::<String>().to_ascii_lowercase();
    if lower.starts_with("<!doctype")
        || lower.starts_with("<html")
        || lower.starts_with("<?xml")
        || (lower.starts_with('<') && t.contains("</"))
    {
        return BodyKind::Html;
    }
    if t.starts_with('{') || t.starts_with('[') || t.starts_with('"') {
        return BodyKind::Json;
    }
    BodyKind::Text
}

/// The message (and symbolic code, when the shape has one) a server put in an error body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerMessage {
    /// Redpanda's `NOT_FOUND`, Lenses' `type`/`errorType`, Confluent's string code.
    pub code: Option<String>,
    pub message: String,
}

/// Extracts the server's message from any documented error shape:
/// Apache/Confluent Platform `{error_code, message}`, Confluent Cloud `{error:{code,message}}`
/// and `{code, message}`, Redpanda `{code:"NOT_FOUND", message, details}`, Lenses HQ
/// `{type, title, status, invalid_fields}`, Lenses agent `{error, fields, errorType}`, and a
/// bare JSON string. Returns `None` when no message can be found (or the body is not JSON).
pub fn server_message(body: &str) -> Option<ServerMessage> {
    let value: Value = serde_json::from_str(body.trim_start_matches('\u{feff}')).ok()?;
    match &value {
        Value::String(s) => Some(ServerMessage {
            code: None,
            message: s.clone(),
        }),
        Value::Object(map) => {
            // Confluent Cloud nested `{error: {code, message}}`; `{error: null}` is a success.
            if let Some(Value::Object(inner)) = map.get("error") {
                if let Some(msg) = text(inner.get("message")).or_else(|| text(inner.get("detail")))
                {
                    return Some(ServerMessage {
                        code: scalar(inner.get("code")),
                        message: msg,
                    });
                }
            }
            // Lenses agent `{error: "...", fields: [{field, error}], errorType}`.
            if let Some(Value::String(error)) = map.get("error") {
                let mut message = error.clone();
                if let Some(Value::Array(fields)) = map.get("fields") {
                    let parts: Vec<String> = fields
                        .iter()
                        .filter_map(|f| {
                            let name = text(f.get("field"))?;
                            let err = text(f.get("error")).unwrap_or_default();
                            Some(format!("{name}: {err}"))
                        })
                        .collect();
                    if !parts.is_empty() {
                        message = format!("{message} ({})", parts.join("; "));
                    }
                }
                return Some(ServerMessage {
                    code: scalar(map.get("errorType")),
                    message,
                });
            }
            // Lenses HQ problem shape `{type, title, status, invalid_fields}`.
            if let Some(title) = text(map.get("title")) {
                let mut message = title;
                if let Some(detail) = text(map.get("detail")) {
                    message = format!("{message}: {detail}");
                }
                if let Some(Value::Array(fields)) = map.get("invalid_fields") {
                    let parts: Vec<String> = fields
                        .iter()
                        .filter_map(|f| {
                            let name = text(f.get("name"))?;
                            let why = text(f.get("title"))
                                .or_else(|| text(f.get("error")))
                                .unwrap_or_default();
                            Some(format!("{name}: {why}"))
                        })
                        .collect();
                    if !parts.is_empty() {
                        message = format!("{message} ({})", parts.join("; "));
                    }
                }
                return Some(ServerMessage {
                    code: scalar(map.get("type")),
                    message,
                });
            }
            // Apache `{error_code, message}`, Confluent `{code, message}`, Redpanda
            // `{code: "NOT_FOUND", message, details}`.
            if let Some(message) = text(map.get("message")) {
                let code = match map.get("code") {
                    Some(Value::String(s)) => Some(s.clone()),
                    _ => None,
                };
                return Some(ServerMessage { code, message });
            }
            None
        }
        _ => None,
    }
}

fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        _ => None,
    }
}

fn scalar(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Whether a server message says a rebalance or concurrent config change got in the way,
/// i.e. the request was not applied and may be sent again.
pub fn is_rebalance_message(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    m.contains("rebalance")
        || m.contains("no known leader")
        || m.contains("conflicting operation")
        || m.contains("stale configuration")
}

/// Whether a 500's server message says the request itself is wrong, so the same request gets
/// the same answer: Kafka Connect wraps a `BadRequestException` (an unknown connector class in
/// validate, for one) in a 500.
pub fn is_request_fault_message(message: &str) -> bool {
    message.contains("BadRequestException")
        || message.contains("Failed to find any class that implements")
}

/// A failure against a cluster URL that ends in an endpoint (`…/connectors`, a common paste):
/// the console appends the endpoints itself, so every call misses. The hint says so; any other
/// error, or another URL, is returned as it is. (Not refused up front: a proxy may really be
/// mounted at such a path.)
pub fn with_endpoint_in_url_hint(e: ApiError, base_url: &str) -> ApiError {
    let path = base_url.trim().trim_end_matches('/');
    let endpoint = ["/connectors", "/connector-plugins"]
        .into_iter()
        .find(|end| path.ends_with(end));
    match endpoint {
        Some(end) if matches!(e.kind, ErrorKind::NotFound | ErrorKind::BadResponse) => {
            let root = &path[..path.len() - end.len()];
            e.with_hint(format!(
                "The cluster URL ends in {end}, and the console adds the endpoints itself. \
                 If the REST root is {root}, enter that as the URL."
            ))
        }
        _ => e,
    }
}

/// Whether a server message says the connector already exists (final, never retried).
pub fn is_already_exists_message(message: &str) -> bool {
    message.to_ascii_lowercase().contains("already exists")
}

fn kind_for(status: u16, server_text: &str, server_code: Option<&str>) -> ErrorKind {
    match status {
        400 | 422 => ErrorKind::BadRequest,
        401 => ErrorKind::Unauthorized,
        403 => ErrorKind::Forbidden,
        404 => ErrorKind::NotFound,
        405 => ErrorKind::MethodNotAllowed,
        408 => ErrorKind::Timeout,
        409 => {
            let exists =
                is_already_exists_message(server_text) && !is_rebalance_message(server_text);
            let bare_exists = server_code == Some("ALREADY_EXISTS") && server_text.is_empty();
            if exists || bare_exists {
                ErrorKind::AlreadyExists
            } else {
                ErrorKind::Conflict
            }
        }
        429 => ErrorKind::RateLimited,
        502..=504 => ErrorKind::Unavailable,
        500..=599 => ErrorKind::Server,
        _ => ErrorKind::BadResponse,
    }
}

/// What a failed request was for, as far as its hint depends on it.
#[derive(Clone, Copy)]
struct Context<'a> {
    what: &'a str,
    flavor: Flavor,
}

impl Context<'_> {
    /// Kafka Connect itself, whose workers have a version, a `plugin.path` and a log.
    fn worker(&self) -> bool {
        self.flavor == Flavor::Apache
    }

    /// The request addressed a connector that exists (its name is quoted in `what`; a create
    /// names one that does not exist yet).
    fn about_connector(&self) -> bool {
        self.what.contains("connector \u{201c}") && !self.what.starts_with("create ")
    }

    /// Where the operator can see which plugins the cluster has.
    fn plugins_hint(&self) -> String {
        match self.flavor {
            // Lenses HQ lists none through this API.
            Flavor::Lenses => "check connector.class with the Lenses HQ administrator.".into(),
            f => format!(
                "check connector.class against {}'s Plugins page.",
                f.label()
            ),
        }
    }
}

fn hint_for(
    kind: ErrorKind,
    status: u16,
    server_text: &str,
    body_kind: BodyKind,
    resp: &HttpResponse,
    about: Context<'_>,
) -> Option<String> {
    let m = server_text.to_ascii_lowercase();
    if body_kind == BodyKind::Html && status == 400 {
        return Some(
            "The server rejected the URL itself (an HTML 400 page). Kafka Connect 4.x refuses \
             connector names containing `/` or `%` in request paths: such a connector can be \
             listed but not addressed; recreate it under a name without those characters."
                .to_string(),
        );
    }
    if body_kind == BodyKind::Html && kind != ErrorKind::Unauthorized {
        return Some(format!(
            "Something between the console and the worker (a reverse proxy, load balancer or \
             gateway) answered with an error page (HTTP {status}). Check that the worker is up \
             and that the cluster URL points at its REST API."
        ));
    }
    let hint = match kind {
        ErrorKind::Unauthorized if m.contains("user cannot access the resource") => {
            "The worker's basic-auth extension rejected the request: set the right username and \
             password for this cluster."
                .to_string()
        }
        ErrorKind::Unauthorized => "Check the credentials (username/password or token) \
                                    configured for this cluster; a token may have expired."
            .to_string(),
        ErrorKind::Forbidden if m.contains("topic tracking is disabled") => {
            "Active-topic tracking is off on this worker: set topic.tracking.enable=true \
             in the worker config."
                .to_string()
        }
        ErrorKind::Forbidden if m.contains("reset") => "Resetting active topics is disabled on \
                                                        this worker: set \
                                                        topic.tracking.allow.reset=true."
            .to_string(),
        ErrorKind::Forbidden => {
            "The credentials are valid but lack permission for this operation.".to_string()
        }
        ErrorKind::NotFound if m.contains("no status found") => "The connector was just created \
                                                                 or is being reassigned; try \
                                                                 again in a few seconds."
            .to_string(),
        ErrorKind::NotFound if (m.contains("http 404") || m.is_empty()) && about.worker() => {
            "This endpoint does not exist here: check the cluster URL and flavor, or the worker \
             is older than this operation needs."
                .to_string()
        }
        ErrorKind::NotFound if m.contains("http 404") || m.is_empty() => {
            format!(
                "This endpoint does not exist here: check the cluster's URL, flavor ({}) and \
                 IDs in Settings.",
                about.flavor.label()
            )
        }
        ErrorKind::NotFound if m.contains("unknown plugin") && about.worker() => {
            "The plugin is not installed on the worker that answered; check \
             plugin.path on every worker."
                .to_string()
        }
        ErrorKind::NotFound if m.contains("unknown plugin") => format!(
            "{} does not offer this plugin for this cluster: {}",
            about.flavor.label(),
            about.plugins_hint()
        ),
        ErrorKind::NotFound if m.contains("invalid log level") => {
            "Use one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL or OFF.".to_string()
        }
        ErrorKind::NotFound if about.about_connector() => {
            "It may have been deleted or renamed meanwhile: refresh the list.".to_string()
        }
        ErrorKind::NotFound => {
            "The server does not know what the console asked for: check the cluster's URL and \
             IDs in Settings."
                .to_string()
        }
        ErrorKind::AlreadyExists => {
            "Choose another name, or open the existing connector and edit it.".to_string()
        }
        ErrorKind::Conflict => "The Connect cluster was rebalancing or another change was in \
                                flight; the request was retried without success. Try again in \
                                a moment."
            .to_string(),
        ErrorKind::BadRequest if m.contains("stopped state") => {
            "Stop the connector first (offsets can only change while it is STOPPED), then \
             resume it afterwards."
                .to_string()
        }
        ErrorKind::BadRequest if m.contains("configuration is invalid") => {
            "Fix the listed keys; the form shows each key's validation errors.".to_string()
        }
        ErrorKind::BadRequest if m.contains("doesn't match connector name") => {
            "The `name` key in the config must equal the connector's name.".to_string()
        }
        ErrorKind::BadRequest => "The server rejected the request; see the details.".to_string(),
        ErrorKind::MethodNotAllowed if about.worker() => "The worker does not offer this \
                                                          operation: it is probably older \
                                                          than the feature, or a proxy blocks \
                                                          the method."
            .to_string(),
        ErrorKind::MethodNotAllowed => format!(
            "{}'s API does not take this request here, or a proxy in front of it blocks the \
             method.",
            about.flavor.label()
        ),
        ErrorKind::RateLimited => match resp.header("retry-after").and_then(parse_retry_after) {
            Some(s) => format!("The API is rate limiting requests; wait {s} s and try again."),
            None => "The API is rate limiting requests; wait a little and try again.".to_string(),
        },
        ErrorKind::Server if m.contains("request timed out") => {
            "The worker did not finish within its 90 s limit. The change may still be applied: \
             refresh before trying again."
                .to_string()
        }
        ErrorKind::Server if is_rebalance_message(&m) => {
            "The Connect cluster is rebalancing; try again in a few seconds.".to_string()
        }
        ErrorKind::Server if m.contains("failed to find any class") && about.worker() => {
            "The connector class is not installed on the workers; check connector.class and \
             plugin.path."
                .to_string()
        }
        ErrorKind::Server if m.contains("failed to find any class") => format!(
            "The connector class is not installed on this cluster: {}",
            about.plugins_hint()
        ),
        ErrorKind::Server if status == 501 && about.flavor == Flavor::Redpanda => {
            "This endpoint is not enabled on the server (for Redpanda Console: \
             kafkaConnect.enabled and the cluster's configuration)."
                .to_string()
        }
        ErrorKind::Server if status == 501 => {
            "This endpoint is not enabled on the server, or a proxy in front of it does not \
             implement it."
                .to_string()
        }
        ErrorKind::Server if about.worker() => "The server failed while handling the request; \
                                                see the details and the worker log."
            .to_string(),
        ErrorKind::Server => {
            "The server failed while handling the request; see the details.".to_string()
        }
        ErrorKind::Unavailable if status == 503 && m.contains("starting") => {
            "The worker is still starting; try again shortly.".to_string()
        }
        ErrorKind::Unavailable => "The server, or a proxy in front of it, is unavailable; try \
                                   again shortly."
            .to_string(),
        ErrorKind::Timeout => "The request timed out; try again.".to_string(),
        _ => return None,
    };
    Some(hint)
}

/// Parses a `Retry-After` header given in seconds (HTTP dates are ignored).
pub fn parse_retry_after(value: &str) -> Option<u32> {
    value.trim().parse::<u32>().ok()
}

fn reason_phrase(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        415 => "Unsupported Media Type",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

/// Collapses whitespace (newlines included) and cuts to `limit` characters with an ellipsis.
pub fn one_line(s: &str, limit: usize) -> String {
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    truncate_chars(&collapsed, limit)
}

/// Cuts to `limit` characters (never inside a character), adding `…` when cut.
pub fn truncate_chars(s: &str, limit: usize) -> String {
    match s.char_indices().nth(limit) {
        None => s.to_string(),
        Some((idx, _)) => format!("{}…", &s[..idx]),
    }
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

/// Worker settings (and the proxy alternative) that let a page at `app_origin` call the
/// Connect REST API at `cluster_url` from the browser. Shown when a request fails with the
/// browser's opaque network error, which is also what a CORS refusal looks like.
pub fn cors_help(cluster_url: &str, app_origin: &str) -> String {
    let origin = app_origin.trim_end_matches('/');
    let origin_regex = origin.replace('.', "\\.");
    let proxied = cluster_url.starts_with('/');
    let mut out = String::new();
    out.push_str(&format!(
        "The browser got no readable answer from {cluster_url}.\n\
         Either the worker is down or unreachable from this machine, or it does not allow \
         requests from this page's origin ({origin}).\n\n"
    ));
    if proxied {
        out.push_str(
            "This cluster is reached through a same-origin path, so CORS is not involved: \
             check that the proxy is running and that its upstream worker is up.\n",
        );
        return out;
    }
    out.push_str(&format!(
        "Option 1: allow this origin on every Connect worker (worker properties, then restart \
         the workers):\n\n\
         access.control.allow.origin={origin}\n\
         access.control.allow.methods=GET,POST,PUT,PATCH,DELETE,HEAD,OPTIONS\n\n\
         Write the methods without spaces. On Kafka 4.x the origin is a Java regular \
         expression ({origin_regex} matches exactly); `*` allows any origin. Without \
         allow.methods the worker only allows GET, POST and HEAD, so pause, resume, edit and \
         delete fail. Kafka has no setting to allow the Authorization header, so a cluster \
         with basic auth or tokens needs option 2.\n\n"
    ));
    let base = cluster_url.trim_end_matches('/');
    out.push_str(&format!(
        "Option 2: serve the console and the worker from one origin through a reverse proxy, \
         and set this cluster's URL to the proxied path (for example /connect/<cluster>). \
         An nginx example:\n\n\
         location /connect/<cluster>/ {{\n    proxy_pass {}/;\n}}\n",
        path::join(base, "")
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resp(status: u16, body: &str) -> HttpResponse {
        HttpResponse {
            status,
            headers: vec![],
            body: body.to_string(),
        }
    }

    #[test]
    fn truncation_respects_char_boundaries() {
        assert_eq!(truncate_chars("héllo", 2), "hé…");
        assert_eq!(truncate_chars("hé", 2), "hé");
        assert_eq!(one_line("a\n  b\tc", 10), "a b c");
    }

    #[test]
    fn apache_conflict_kinds() {
        let e = ApiError::from_response(
            &resp(
                409,
                r#"{"error_code":409,"message":"Connector x already exists"}"#,
            ),
            "create connector “x”",
        );
        assert_eq!(e.kind, ErrorKind::AlreadyExists);
        assert_eq!(e.status, Some(409));
        assert_eq!(
            e.message,
            "Could not create connector “x”: Connector x already exists"
        );
        let e = ApiError::from_response(
            &resp(
                409,
                r#"{"error_code":409,"message":"Cannot complete request momentarily due to no known leader URL, likely because a rebalance was underway."}"#,
            ),
            "x",
        );
        assert_eq!(e.kind, ErrorKind::Conflict);
    }
}
