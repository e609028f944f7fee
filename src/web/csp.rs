//! Requests the page's Content-Security-Policy refused. A fetch that `connect-src` does not
//! allow fails exactly like a worker that is down or refuses CORS (`TypeError: Failed to
//! fetch`); the browser says why only through a `securitypolicyviolation` event. The events
//! are collected here, and the transport asks whether a failed request's origin was refused,
//! so the error names the policy instead of sending the operator after CORS settings.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    /// Origins a `connect-src` violation named, in the order they were first refused.
    static REFUSED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
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
        let directive = field("effectiveDirective");
        if directive != "connect-src" {
            return;
        }
        note_refused(&field("blockedURI"));
    });
    let _ = window.add_event_listener_with_callback(
        "securitypolicyviolation",
        on_violation.as_ref().unchecked_ref(),
    );
    // The listener lives as long as the page.
    on_violation.forget();
}

/// Records that the policy refused a request to `url` (what a violation event reports).
pub fn note_refused(url: &str) {
    if let Some(origin) = origin_of(url) {
        REFUSED.with(|r| {
            let mut r = r.borrow_mut();
            if !r.contains(&origin) {
                r.push(origin);
            }
        });
    }
}

/// The origin of `url` when the page's policy has refused a request to it.
pub fn refused_origin(url: &str) -> Option<String> {
    let origin = origin_of(url)?;
    REFUSED
        .with(|r| r.borrow().contains(&origin))
        .then_some(origin)
}

/// `scheme://host[:port]` of an absolute http(s) URL; none for a relative one (same origin,
/// which `'self'` always allows here).
fn origin_of(url: &str) -> Option<String> {
    let parsed = web_sys::Url::new(url).ok()?;
    let origin = parsed.origin();
    (origin.starts_with("http://") || origin.starts_with("https://")).then_some(origin)
}
