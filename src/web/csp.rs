//! Requests the page's Content-Security-Policy refused. A fetch that `connect-src` does not
//! allow fails exactly like a worker that is down or refuses CORS (`TypeError: Failed to
//! fetch`); the browser says why only through a `securitypolicyviolation` event. The events
//! are collected here, and the transport asks whether a failed request was refused, so the
//! error names the policy instead of sending the operator after CORS settings.
//!
//! Only enforced violations count (a report-only policy lets the request go), and a refusal is
//! kept per URL (without query or fragment), not per origin: a policy may allow one path of a
//! host and refuse another.

use std::cell::RefCell;
use std::collections::VecDeque;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Refused URLs kept; the oldest go first (a failed request is asked about right away).
const KEPT: usize = 64;

thread_local! {
    /// URLs (without query or fragment) an enforced `connect-src` violation named.
    static REFUSED: RefCell<VecDeque<String>> = const { RefCell::new(VecDeque::new()) };
}

/// Starts collecting `connect-src` violations for the life of the page (called once, before
/// the first request).
pub fn listen() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let on_violation = Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| {
        let field = |name: &str| {
            js_sys::Reflect::get(&ev, &JsValue::from_str(name))
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default()
        };
        if field("disposition") == "enforce" && field("effectiveDirective") == "connect-src" {
            note_refused(&field("blockedURI"));
        }
    });
    let _ = window.add_event_listener_with_callback(
        "securitypolicyviolation",
        on_violation.as_ref().unchecked_ref(),
    );
    // The listener lives as long as the page.
    on_violation.forget();
}

/// Records that the policy refused a request to `url` (what an enforced violation reports).
pub fn note_refused(url: &str) {
    let Some((_, key)) = key_of(url) else { return };
    REFUSED.with(|r| {
        let mut r = r.borrow_mut();
        if !r.contains(&key) {
            if r.len() == KEPT {
                r.pop_front();
            }
            r.push_back(key);
        }
    });
}

/// The origin of `url` when the page's policy refused a request to that URL.
pub fn refused_origin(url: &str) -> Option<String> {
    let (origin, key) = key_of(url)?;
    REFUSED
        .with(|r| r.borrow().contains(&key))
        .then_some(origin)
}

/// The origin of an absolute http(s) URL, and the URL without query or fragment; none for a
/// relative one (same origin, which `'self'` always allows here).
fn key_of(url: &str) -> Option<(String, String)> {
    let parsed = web_sys::Url::new(url).ok()?;
    let origin = parsed.origin();
    let key = format!("{origin}{}", parsed.pathname());
    (origin.starts_with("http://") || origin.starts_with("https://")).then_some((origin, key))
}
