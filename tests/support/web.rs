//! Helpers shared by the browser suites (`tests/web_*.rs`, wasm32 only): include with
//! `#[path = "support/web.rs"] mod web_support;`.
#![allow(dead_code)]

use leptos::prelude::{document, window};
use wasm_bindgen::JsCast;

/// Lets effects settle: a zero timeout runs after the pending microtasks.
pub async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits `ms` milliseconds (a browser timer).
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits for the next animation frame.
pub async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window().request_animation_frame(&resolve).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// A fresh `.app-root` element appended to the body (the app's CSS scope), to mount into.
pub fn host() -> web_sys::HtmlElement {
    let root = document().create_element("div").unwrap();
    root.set_class_name("app-root");
    document().body().unwrap().append_child(&root).unwrap();
    root.unchecked_into()
}

/// The first element matching `sel` under `root`; panics naming `sel` when nothing matches.
pub fn q(root: &web_sys::Element, sel: &str) -> web_sys::HtmlElement {
    root.query_selector(sel)
        .unwrap()
        .unwrap_or_else(|| panic!("{sel} is rendered"))
        .unchecked_into()
}

/// How many elements under `root` match `selector`.
pub fn count(root: &web_sys::Element, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}
