//! Client-side navigation for in-app links that keeps each path percent-encoded.
//!
//! leptos_router 0.8's own link handler decodes the clicked href with `decodeURI` and parses the
//! decoded text again. A connector named `"  padded  "` lost its trailing spaces that way
//! (the URL parser trims them) and a name with `%25` became another name. Connector names are
//! data, so this handler runs first (a capture listener on the document), takes the anchor's
//! already-encoded `pathname`, and hands it to the router unchanged. Everything it does not own
//! (modified clicks, other origins, `target`, `download`, `rel=external`, paths outside the
//! router base) it leaves to the router and the browser, like the router's own handler.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Installs the handler for as long as it is mounted; place it inside `<Router>`.
#[component]
pub fn EncodedLinks(
    /// The router base (`/console`), empty at the root.
    base: String,
) -> impl IntoView {
    let navigate = use_navigate();
    let handler = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
        if let Some(to) = in_app_target(&ev, &base) {
            ev.prevent_default();
            navigate(
                &to,
                NavigateOptions {
                    resolve: false,
                    ..Default::default()
                },
            );
        }
    });
    let document = document();
    let _ = document.add_event_listener_with_callback_and_bool(
        "click",
        handler.as_ref().unchecked_ref(),
        true,
    );
    let handler = SendWrapper::new(handler);
    on_cleanup(move || {
        let _ = document.remove_event_listener_with_callback_and_bool(
            "click",
            handler.as_ref().unchecked_ref(),
            true,
        );
    });
}

/// The encoded in-app path (path, query and fragment) a plain click on an anchor goes to, or
/// `None` when the click is not one this handler owns.
fn in_app_target(ev: &web_sys::MouseEvent, base: &str) -> Option<String> {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.alt_key()
        || ev.ctrl_key()
        || ev.shift_key()
    {
        return None;
    }
    let path = ev.composed_path();
    let anchor = (0..path.length())
        .filter_map(|i| path.get(i).dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .next()?;
    let rel = anchor.get_attribute("rel").unwrap_or_default();
    if anchor.href().is_empty()
        || !anchor.target().is_empty()
        || anchor.has_attribute("download")
        || rel.split_ascii_whitespace().any(|r| r == "external")
    {
        return None;
    }
    let origin = window().location().origin().ok()?;
    if anchor.origin() != origin {
        return None;
    }
    let pathname = anchor.pathname();
    let base = base.trim_end_matches('/');
    if !base.is_empty() && pathname != base && !pathname.starts_with(&format!("{base}/")) {
        return None;
    }
    Some(format!("{pathname}{}{}", anchor.search(), anchor.hash()))
}
