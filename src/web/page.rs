//! Page-level browser services: the clock, tab visibility, the document title and browser
//! notifications. The stores use them; views never call `window` for these.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Epoch milliseconds.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// This page's origin (`http://host:port`), for messages that name it (CORS help).
pub fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// Whether the tab is visible (true when there is no document, e.g. in a worker).
pub fn is_visible() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .map(|d| d.visibility_state() != web_sys::VisibilityState::Hidden)
        .unwrap_or(true)
}

/// A `visibilitychange` listener; removed when dropped.
pub struct VisibilityListener {
    callback: Option<Closure<dyn FnMut(web_sys::Event)>>,
}

impl VisibilityListener {
    /// Calls `on_change(visible)` on every visibility change.
    pub fn new(mut on_change: impl FnMut(bool) + 'static) -> Self {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return VisibilityListener { callback: None };
        };
        let cb = Closure::<dyn FnMut(web_sys::Event)>::new(move |_e: web_sys::Event| {
            on_change(is_visible())
        });
        let _ =
            doc.add_event_listener_with_callback("visibilitychange", cb.as_ref().unchecked_ref());
        VisibilityListener { callback: Some(cb) }
    }
}

impl Drop for VisibilityListener {
    fn drop(&mut self) {
        if let (Some(cb), Some(doc)) = (
            self.callback.take(),
            web_sys::window().and_then(|w| w.document()),
        ) {
            let _ = doc.remove_event_listener_with_callback(
                "visibilitychange",
                cb.as_ref().unchecked_ref(),
            );
        }
    }
}

/// The document's current title.
pub fn document_title() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .map(|d| d.title())
        .unwrap_or_default()
}

pub fn set_document_title(title: &str) {
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        if d.title() != title {
            d.set_title(title);
        }
    }
}

/// Browser notification permission as the app sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotifyPermission {
    /// The browser has no Notification API.
    Unsupported,
    Default,
    Granted,
    Denied,
}

fn notifications_supported() -> bool {
    web_sys::window()
        .map(|w| js_sys::Reflect::has(&w, &JsValue::from_str("Notification")).unwrap_or(false))
        .unwrap_or(false)
}

pub fn notification_permission() -> NotifyPermission {
    if !notifications_supported() {
        return NotifyPermission::Unsupported;
    }
    match web_sys::Notification::permission() {
        web_sys::NotificationPermission::Granted => NotifyPermission::Granted,
        web_sys::NotificationPermission::Denied => NotifyPermission::Denied,
        _ => NotifyPermission::Default,
    }
}

/// Asks for permission (must run from a user gesture); resolves to the answer.
pub async fn request_notification_permission() -> NotifyPermission {
    if !notifications_supported() {
        return NotifyPermission::Unsupported;
    }
    if let Ok(p) = web_sys::Notification::request_permission() {
        let _ = wasm_bindgen_futures::JsFuture::from(p).await;
    }
    notification_permission()
}

/// Shows a notification if permission was granted; otherwise does nothing. Returns whether
/// one was shown.
pub fn notify(title: &str, body: &str, tag: &str) -> bool {
    if notification_permission() != NotifyPermission::Granted {
        return false;
    }
    let opts = web_sys::NotificationOptions::new();
    opts.set_body(body);
    opts.set_tag(tag);
    web_sys::Notification::new_with_options(title, &opts).is_ok()
}

/// A repeating timer (`setInterval`); cleared when dropped.
pub struct Interval {
    id: Option<i32>,
    _callback: Closure<dyn FnMut()>,
}

impl Interval {
    pub fn new(every_ms: u32, f: impl FnMut() + 'static) -> Self {
        let cb = Closure::<dyn FnMut()>::new(f);
        let id = web_sys::window().and_then(|w| {
            w.set_interval_with_callback_and_timeout_and_arguments_0(
                cb.as_ref().unchecked_ref(),
                every_ms.min(i32::MAX as u32) as i32,
            )
            .ok()
        });
        Interval { id, _callback: cb }
    }
}

impl Drop for Interval {
    fn drop(&mut self) {
        if let (Some(id), Some(w)) = (self.id, web_sys::window()) {
            w.clear_interval_with_handle(id);
        }
    }
}
