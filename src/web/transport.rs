//! [`BrowserTransport`]: the protocol layer's [`Transport`] on top of `fetch` (web-sys requests, gloo-net responses).
//!
//! Every request gets its own `AbortController`. It is aborted when the request's future is
//! dropped (a superseded refresh, a closed page) and when `timeout_ms` elapses, so nothing
//! keeps running in the background. A body the server sized (Content-Length) is taken whole;
//! one without a size is read as a stream and abandoned past [`DEFAULT_MAX_BODY_BYTES`], the
//! limit both obey; the headers in [`RESPONSE_HEADERS`] come back, lower-cased; a fetch that yields no
//! readable answer (down, DNS, TLS, CORS) is `TransportError::Network`.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, ReadableStreamDefaultReader, ReadableStreamReadResult};

use crate::protocol::transport::{HttpRequest, HttpResponse, Method, Transport, TransportError};

/// The response headers a [`HttpResponse`] carries, lower-cased (the protocol layer reads
/// `retry-after`; the size and type describe the body).
pub const RESPONSE_HEADERS: [&str; 3] = ["content-length", "content-type", "retry-after"];

/// Largest body accepted: 16 MiB (10,000 connectors with configs is a few MiB).
pub const DEFAULT_MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// `fetch` with abort-on-drop, timeouts and a body size limit.
#[derive(Clone, Debug)]
pub struct BrowserTransport {
    max_body_bytes: usize,
}

impl Default for BrowserTransport {
    fn default() -> Self {
        BrowserTransport {
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
        }
    }
}

impl BrowserTransport {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_max_body_bytes(mut self, limit: usize) -> Self {
        self.max_body_bytes = limit;
        self
    }
}

/// Aborts its controller and clears its timer when dropped, unless disarmed.
struct AbortGuard {
    controller: AbortController,
    timer: Option<i32>,
    armed: bool,
    // Keeps the timeout callback alive while the timer may fire.
    _on_timeout: Option<Closure<dyn FnMut()>>,
}

impl Drop for AbortGuard {
    fn drop(&mut self) {
        if let (Some(id), Some(w)) = (self.timer, web_sys::window()) {
            w.clear_timeout_with_handle(id);
        }
        if self.armed {
            self.controller.abort();
        }
    }
}

fn js_error_name(e: &JsValue) -> Option<String> {
    js_sys::Reflect::get(e, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string())
}

fn js_error_text(e: &JsValue) -> String {
    if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        return String::from(err.message());
    }
    e.as_string().unwrap_or_else(|| format!("{e:?}"))
}

fn method_name(m: Method) -> &'static str {
    match m {
        Method::Get => "GET",
        Method::Post => "POST",
        Method::Put => "PUT",
        Method::Patch => "PATCH",
        Method::Delete => "DELETE",
    }
}

impl BrowserTransport {
    async fn send_inner(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let controller =
            AbortController::new().map_err(|e| TransportError::Network(js_error_text(&e)))?;
        let timed_out = Rc::new(Cell::new(false));
        let mut guard = AbortGuard {
            controller: controller.clone(),
            timer: None,
            armed: true,
            _on_timeout: None,
        };
        if request.timeout_ms > 0 {
            let flag = timed_out.clone();
            let ctl = controller.clone();
            let cb = Closure::<dyn FnMut()>::new(move || {
                flag.set(true);
                ctl.abort();
            });
            if let Some(w) = web_sys::window() {
                guard.timer = w
                    .set_timeout_with_callback_and_timeout_and_arguments_0(
                        cb.as_ref().unchecked_ref(),
                        request.timeout_ms.min(i32::MAX as u32) as i32,
                    )
                    .ok();
            }
            guard._on_timeout = Some(cb);
        }
        let signal = controller.signal();
        let fail = |name: Option<&str>, message: String| -> TransportError {
            if timed_out.get() {
                TransportError::Timeout {
                    after_ms: request.timeout_ms,
                }
            } else if name == Some("AbortError") {
                TransportError::Aborted
            } else {
                TransportError::Network(message)
            }
        };
        let abort_error = |e: &JsValue| fail(js_error_name(e).as_deref(), js_error_text(e));

        // The request is built with web-sys, not gloo's RequestBuilder: that one re-serialises the
        // URL and appends a stray '&' to any query it already has.
        let headers =
            web_sys::Headers::new().map_err(|e| TransportError::Network(js_error_text(&e)))?;
        for (k, v) in &request.headers {
            headers
                .append(k, v)
                .map_err(|e| TransportError::Network(js_error_text(&e)))?;
        }
        let init = web_sys::RequestInit::new();
        init.set_method(method_name(request.method));
        init.set_headers(&headers);
        init.set_signal(Some(&signal));
        if let Some(b) = &request.body {
            init.set_body(&JsValue::from_str(b));
        }
        let built: gloo_net::http::Request =
            web_sys::Request::new_with_str_and_init(&request.url, &init)
                .map_err(|e| TransportError::Network(js_error_text(&e)))?
                .into();
        let resp = match built.send().await {
            Ok(r) => r,
            Err(e) => {
                let err = match e {
                    gloo_net::Error::JsError(e) => fail(Some(&e.name), e.message),
                    e => TransportError::Network(e.to_string()),
                };
                return Err(match err {
                    TransportError::Network(m) => refused_by_policy(&request.url)
                        .await
                        .unwrap_or(TransportError::Network(m)),
                    other => other,
                });
            }
        };

        // Only the headers the protocol layer reads, each asked for by name: walking every
        // header through the JS iterator cost ~0.25 ms per response (three per refresh).
        let all = resp.headers();
        let mut headers: Vec<(String, String)> = RESPONSE_HEADERS
            .iter()
            .filter_map(|k| all.get(k).map(|v| (k.to_string(), v)))
            .collect();
        headers.sort();
        let limit = self.max_body_bytes;
        let content_length = headers
            .iter()
            .find(|(k, _)| k == "content-length")
            .and_then(|(_, v)| v.trim().parse::<usize>().ok());
        if content_length.is_some_and(|len| len > limit) {
            return Err(TransportError::TooLarge { limit_bytes: limit });
        }
        let status = resp.status();
        let raw: web_sys::Response = resp.into();
        let bytes = match raw.body() {
            None => Vec::new(),
            // The server said how much is coming: the browser gathers the body itself and hands
            // it over once, copied into wasm memory in one go. Read as a stream, a listing of
            // megabytes arrives in hundreds of chunks, each a promise and a wake-up of this
            // future on the main thread (~3 ms of script per refresh at 10,000 connectors).
            Some(_) if content_length.is_some() => {
                let buffer = raw.array_buffer().map_err(|e| abort_error(&e))?;
                let buffer = JsFuture::from(buffer).await.map_err(|e| abort_error(&e))?;
                let part = Uint8Array::new(&buffer);
                // A compressed answer's Content-Length is smaller than its body.
                let n = part.length() as usize;
                if n > limit {
                    return Err(TransportError::TooLarge { limit_bytes: limit });
                }
                let mut bytes = Vec::new();
                append(&mut bytes, &part);
                bytes
            }
            Some(stream) => {
                let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
                let mut bytes: Vec<u8> = Vec::new();
                loop {
                    let chunk = JsFuture::from(reader.read())
                        .await
                        .map_err(|e| abort_error(&e))?;
                    let chunk: ReadableStreamReadResult = chunk.unchecked_into();
                    if chunk.get_done().unwrap_or(true) {
                        break;
                    }
                    // A fetch body stream yields Uint8Array chunks: used as they are
                    // (`new Uint8Array(chunk)` would copy every chunk once more in JS).
                    let value = chunk.get_value();
                    let part: Uint8Array = if value.is_instance_of::<Uint8Array>() {
                        value.unchecked_into()
                    } else {
                        Uint8Array::new(&value)
                    };
                    if bytes.len() + part.length() as usize > limit {
                        let _ = reader.cancel();
                        return Err(TransportError::TooLarge { limit_bytes: limit });
                    }
                    append(&mut bytes, &part);
                }
                bytes
            }
        };
        let body = crate::protocol::parse::body_text(bytes);
        guard.armed = false;
        Ok(HttpResponse {
            status,
            headers,
            body,
        })
    }
}

/// Appends `part` to `bytes`, copied straight into the spare capacity: no zero-fill of memory
/// about to be overwritten (a listing is megabytes per cluster per refresh).
fn append(bytes: &mut Vec<u8>, part: &Uint8Array) {
    let n = part.length() as usize;
    bytes.reserve(n);
    let start = bytes.len();
    part.copy_to_uninit(&mut bytes.spare_capacity_mut()[..n]);
    // SAFETY: `copy_to_uninit` initialised exactly the `n` bytes after `start` (it panics, and
    // the app aborts, when the lengths differ).
    unsafe { bytes.set_len(start + n) };
}

impl Transport for BrowserTransport {
    fn send(
        &self,
        request: HttpRequest,
    ) -> impl std::future::Future<Output = Result<HttpResponse, TransportError>> {
        let this = self.clone();
        async move { this.send_inner(request).await }
    }

    fn sleep(&self, ms: u32) -> impl std::future::Future<Output = ()> {
        sleep_ms(ms)
    }
}

/// A failed fetch the page's CSP refused. The browser reports the violation in an event
/// queued beside the fetch's failure: one turn of the event loop lets it arrive first.
async fn refused_by_policy(url: &str) -> Option<TransportError> {
    sleep_ms(0).await;
    crate::web::csp::refused_origin(url).map(|origin| TransportError::BlockedByPolicy { origin })
}

/// Resolves after `ms` milliseconds (a JS timeout). Dropping it early leaves a harmless timer.
pub async fn sleep_ms(ms: u32) {
    let promise = Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                &resolve,
                ms.min(i32::MAX as u32) as i32,
            );
        }
    });
    let _ = JsFuture::from(promise).await;
}
