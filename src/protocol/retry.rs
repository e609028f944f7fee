//! When to send a request again, and how long each attempt may take.
//!
//! The policy is pure: given what happened (a status and body, or a transport failure), the
//! attempt number and the time already spent, it answers "done" or "retry after N ms". The
//! client applies it with [`Transport::sleep`](super::transport::Transport::sleep).
//!
//! Rules (from Connect's own behaviour, see `connect-api.md` A.2):
//! - a 409 whose message says `already exists` is final; every other 409 (no known leader,
//!   conflicting operation, stale configuration) means the request was not applied: retry with
//!   exponential backoff, whatever the method;
//! - a 500 saying a rebalance is expected (reads during a pending rebalance) is retried the
//!   same way;
//! - 429 waits for `Retry-After` (seconds), or the backoff when absent, whatever the method;
//! - a 500 wrapping a `BadRequestException` (validate of an unknown connector class) is final:
//!   the same request gets the same answer;
//! - other 5xx (except 501 and 505), network failures and timeouts are retried only for
//!   idempotent requests (GET, PUT, DELETE); a POST (create, restart), and a restart sent
//!   as a PUT (Lenses), is never repeated blindly;
//! - everything is bounded by a number of attempts and by a time budget. The browser gives
//!   the protocol layer no clock, so "time spent" is what the client knows for sure: the sum
//!   of its backoff sleeps plus the full timeout of every attempt that timed out.

use super::error::{
    is_already_exists_message, is_rebalance_message, is_request_fault_message, parse_retry_after,
    server_message,
};
use super::transport::{Method, TransportError};

/// Timeout for reads (GET): long enough for a busy worker, short enough to show an error.
pub const READ_TIMEOUT_MS: u32 = 20_000;
/// Timeout for writes and validate: above Connect's own 90 s request timeout, so the worker's
/// "Request timed out" answer arrives instead of a blind client timeout.
pub const WRITE_TIMEOUT_MS: u32 = 120_000;
/// Timeout for `GET /health`, which the worker bounds itself at 10 s.
pub const PROBE_TIMEOUT_MS: u32 = 15_000;

/// How a request may be retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequestClass {
    pub method: Method,
    /// Health probes report the worker's state as it is: never retried.
    pub probe: bool,
    /// An action that is not idempotent whatever its method (a restart: Lenses sends it as
    /// `PUT …/restart`, and each one restarts the connector again).
    pub once: bool,
}

impl RequestClass {
    pub fn new(method: Method) -> Self {
        RequestClass {
            method,
            probe: false,
            once: false,
        }
    }

    /// Whether sending the request twice has the same effect as once.
    pub fn idempotent(self) -> bool {
        !self.once && matches!(self.method, Method::Get | Method::Put | Method::Delete)
    }

    /// The per-attempt timeout for this class.
    pub fn timeout_ms(self) -> u32 {
        if self.probe {
            PROBE_TIMEOUT_MS
        } else if self.method == Method::Get {
            READ_TIMEOUT_MS
        } else {
            WRITE_TIMEOUT_MS
        }
    }
}

/// What one attempt produced.
#[derive(Clone, Copy, Debug)]
pub enum Outcome<'a> {
    Response {
        status: u16,
        body: &'a str,
        /// The `Retry-After` header, if any.
        retry_after: Option<&'a str>,
    },
    Failed(&'a TransportError),
}

/// The policy's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Hand this outcome to the caller (success or final error).
    Done,
    /// Sleep this long, then send the same request again.
    RetryAfter(u32),
}

/// Bounds of the retry loop. [`RetryPolicy::default`] is what the console uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in total, the first included.
    pub max_attempts: u32,
    /// First backoff; doubled on every further retry.
    pub base_backoff_ms: u32,
    /// Largest single backoff.
    pub max_backoff_ms: u32,
    /// Time budget for reads (see the module doc for how time is counted).
    pub read_budget_ms: u32,
    /// Time budget for writes.
    pub write_budget_ms: u32,
    /// A `Retry-After` longer than this is not waited for: the error goes to the user.
    pub max_retry_after_ms: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 6,
            base_backoff_ms: 250,
            max_backoff_ms: 4_000,
            read_budget_ms: 45_000,
            write_budget_ms: 150_000,
            max_retry_after_ms: 30_000,
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries (tests, and callers who retry themselves).
    pub fn never() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// Backoff before retry number `attempt` (1 = after the first attempt).
    pub fn backoff_ms(&self, attempt: u32) -> u32 {
        let shift = attempt.saturating_sub(1).min(16);
        self.base_backoff_ms
            .saturating_mul(1u32 << shift)
            .min(self.max_backoff_ms)
    }

    fn budget_ms(&self, class: RequestClass) -> u32 {
        if class.method == Method::Get {
            self.read_budget_ms
        } else {
            self.write_budget_ms
        }
    }

    /// Decides after attempt number `attempt` (1-based) with `elapsed_ms` already spent.
    pub fn decide(
        &self,
        class: RequestClass,
        attempt: u32,
        elapsed_ms: u32,
        outcome: Outcome<'_>,
    ) -> Decision {
        if class.probe || attempt >= self.max_attempts {
            return Decision::Done;
        }
        let wait = match outcome {
            Outcome::Response {
                status,
                body,
                retry_after,
            } => match self.wait_for_status(class, attempt, status, body, retry_after) {
                Some(w) => w,
                None => return Decision::Done,
            },
            Outcome::Failed(err) => match err {
                TransportError::Network(_) | TransportError::Timeout { .. }
                    if class.idempotent() =>
                {
                    self.backoff_ms(attempt)
                }
                _ => return Decision::Done,
            },
        };
        if elapsed_ms.saturating_add(wait) > self.budget_ms(class) {
            return Decision::Done;
        }
        Decision::RetryAfter(wait)
    }

    fn wait_for_status(
        &self,
        class: RequestClass,
        attempt: u32,
        status: u16,
        body: &str,
        retry_after: Option<&str>,
    ) -> Option<u32> {
        let message = server_message(body)
            .map(|m| m.message)
            .unwrap_or_else(|| body.to_string());
        match status {
            409 if is_already_exists_message(&message) && !is_rebalance_message(&message) => None,
            409 => Some(self.backoff_ms(attempt)),
            429 => match retry_after.and_then(parse_retry_after) {
                Some(secs) => {
                    let ms = secs.saturating_mul(1000);
                    (ms <= self.max_retry_after_ms).then_some(ms.max(self.base_backoff_ms))
                }
                None => Some(self.backoff_ms(attempt)),
            },
            500 if is_rebalance_message(&message) => Some(self.backoff_ms(attempt)),
            500 if is_request_fault_message(&message) => None,
            501 | 505 => None,
            500..=599 if class.idempotent() => Some(self.backoff_ms(attempt)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get() -> RequestClass {
        RequestClass::new(Method::Get)
    }

    fn post() -> RequestClass {
        RequestClass::new(Method::Post)
    }

    fn status(status: u16, body: &str) -> Outcome<'_> {
        Outcome::Response {
            status,
            body,
            retry_after: None,
        }
    }

    #[test]
    fn success_is_done() {
        let p = RetryPolicy::default();
        assert_eq!(p.decide(get(), 1, 0, status(200, "{}")), Decision::Done);
        assert_eq!(p.decide(post(), 1, 0, status(201, "{}")), Decision::Done);
    }

    #[test]
    fn backoff_doubles_and_caps() {
        let p = RetryPolicy::default();
        assert_eq!(p.backoff_ms(1), 250);
        assert_eq!(p.backoff_ms(2), 500);
        assert_eq!(p.backoff_ms(5), 4_000);
        assert_eq!(p.backoff_ms(60), 4_000);
    }

    #[test]
    fn timeouts_per_class() {
        assert_eq!(get().timeout_ms(), READ_TIMEOUT_MS);
        assert!(post().timeout_ms() > 90_000);
        assert!(RequestClass::new(Method::Put).timeout_ms() > 90_000);
        let probe = RequestClass {
            method: Method::Get,
            probe: true,
            once: false,
        };
        assert_eq!(probe.timeout_ms(), PROBE_TIMEOUT_MS);
    }
    fn put() -> RequestClass {
        RequestClass::new(Method::Put)
    }

    const REBALANCE_409: &str = r#"{"error_code":409,"message":"Cannot complete request momentarily due to no known leader URL, likely because a rebalance was underway."}"#;

    #[test]
    fn conflict_rules() {
        let p = RetryPolicy::default();
        let exists = r#"{"error_code":409,"message":"Connector x already exists"}"#;
        assert_eq!(p.decide(post(), 1, 0, status(409, exists)), Decision::Done);
        for class in [get(), post(), put(), RequestClass::new(Method::Patch)] {
            assert_eq!(
                p.decide(class, 1, 0, status(409, REBALANCE_409)),
                Decision::RetryAfter(250)
            );
            assert_eq!(
                p.decide(class, 3, 0, status(409, REBALANCE_409)),
                Decision::RetryAfter(1000)
            );
        }
        // Redpanda wraps it as ALREADY_EXISTS; the message decides.
        let rp = r#"{"code":"ALREADY_EXISTS","message":"Cannot complete request because of a conflicting operation (e.g. worker rebalance)"}"#;
        assert_eq!(
            p.decide(post(), 1, 0, status(409, rp)),
            Decision::RetryAfter(250)
        );
    }

    #[test]
    fn server_error_rules() {
        let p = RetryPolicy::default();
        let expected = r#"{"error_code":500,"message":"Request cannot be completed because a rebalance is expected"}"#;
        assert_eq!(
            p.decide(post(), 1, 0, status(500, expected)),
            Decision::RetryAfter(250)
        );
        let generic = r#"{"error_code":500,"message":"NullPointerException"}"#;
        assert_eq!(p.decide(post(), 1, 0, status(500, generic)), Decision::Done);
        assert_eq!(
            p.decide(get(), 1, 0, status(500, generic)),
            Decision::RetryAfter(250)
        );
        assert_eq!(
            p.decide(put(), 2, 0, status(503, "")),
            Decision::RetryAfter(500)
        );
        assert_eq!(p.decide(get(), 1, 0, status(501, "")), Decision::Done);
        // Validate of a class the worker does not have: a 500 that no retry changes.
        let unknown_class =
            include_str!("../../tests/fixtures/apache/error-500-validate-unknown-class.json");
        assert_eq!(
            p.decide(put(), 1, 0, status(500, unknown_class)),
            Decision::Done
        );
        for s in [400, 401, 403, 404, 405] {
            assert_eq!(p.decide(get(), 1, 0, status(s, "")), Decision::Done, "{s}");
        }
    }

    #[test]
    fn rate_limit_rules() {
        let p = RetryPolicy::default();
        let with = |v: &'static str| Outcome::Response {
            status: 429,
            body: "",
            retry_after: Some(v),
        };
        assert_eq!(
            p.decide(post(), 1, 0, with("2")),
            Decision::RetryAfter(2000)
        );
        assert_eq!(p.decide(get(), 1, 0, with("0")), Decision::RetryAfter(250));
        assert_eq!(p.decide(get(), 1, 0, with("31")), Decision::Done);
        // An HTTP-date Retry-After is not understood: the normal backoff applies.
        assert_eq!(
            p.decide(get(), 1, 0, with("Wed, 21 Oct 2015 07:28:00 GMT")),
            Decision::RetryAfter(250)
        );
        assert_eq!(
            p.decide(get(), 1, 0, status(429, "")),
            Decision::RetryAfter(250)
        );
    }

    #[test]
    fn transport_failures_only_for_idempotent() {
        let p = RetryPolicy::default();
        let net = TransportError::Network("Failed to fetch".into());
        let timeout = TransportError::Timeout { after_ms: 20_000 };
        assert_eq!(
            p.decide(get(), 1, 0, Outcome::Failed(&net)),
            Decision::RetryAfter(250)
        );
        assert_eq!(
            p.decide(put(), 1, 0, Outcome::Failed(&timeout)),
            Decision::RetryAfter(250)
        );
        assert_eq!(
            p.decide(post(), 1, 0, Outcome::Failed(&net)),
            Decision::Done
        );
        // The page's CSP refuses the same request every time: never sent again.
        let refused = TransportError::BlockedByPolicy {
            origin: "http://127.0.0.1:9".into(),
        };
        assert_eq!(
            p.decide(get(), 1, 0, Outcome::Failed(&refused)),
            Decision::Done
        );
        assert_eq!(
            p.decide(
                RequestClass::new(Method::Patch),
                1,
                0,
                Outcome::Failed(&net)
            ),
            Decision::Done
        );
        assert_eq!(
            p.decide(get(), 1, 0, Outcome::Failed(&TransportError::Aborted)),
            Decision::Done
        );
    }

    #[test]
    fn bounds() {
        let p = RetryPolicy::default();
        assert_eq!(
            p.decide(get(), p.max_attempts, 0, status(409, REBALANCE_409)),
            Decision::Done
        );
        assert_eq!(
            p.decide(get(), 1, p.read_budget_ms - 100, status(409, REBALANCE_409)),
            Decision::Done
        );
        assert_eq!(
            p.decide(put(), 1, p.read_budget_ms, status(409, REBALANCE_409)),
            Decision::RetryAfter(250),
            "writes have the larger budget"
        );
        let probe = RequestClass {
            method: Method::Get,
            probe: true,
            once: false,
        };
        assert_eq!(p.decide(probe, 1, 0, status(503, "")), Decision::Done);
        // A restart sent as a PUT (Lenses) is not repeated after a 500.
        let restart = RequestClass {
            method: Method::Put,
            probe: false,
            once: true,
        };
        assert!(!restart.idempotent());
        assert_eq!(p.decide(restart, 1, 0, status(500, "")), Decision::Done);
        assert_eq!(
            RetryPolicy::never().decide(get(), 1, 0, status(503, "")),
            Decision::Done
        );
    }
}
