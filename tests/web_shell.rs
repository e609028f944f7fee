//! Browser tests of the app shell: the whole app mounts in Chromium, the overview route
//! renders, and the theme switch changes the app theme.
#![cfg(target_arch = "wasm32")]

use connect_console::app::App;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn next_tick() {
    // Effects run after a microtask; a zero timeout lets them settle.
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn shell_mounts_with_nav_overview_and_theme_switch() {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let handle = leptos::mount::mount_to(root.clone().unchecked_into(), App);
    next_tick().await;

    let nav = root.query_selector("nav[aria-label='Main']").unwrap();
    assert!(nav.is_some(), "the navigation frame is rendered");
    let overview = root
        .query_selector("[data-testid='overview']")
        .unwrap()
        .expect("the overview page is the route at /");
    assert!(overview.text_content().unwrap().contains("Overview"));

    let app_root = root
        .query_selector(".app-root")
        .unwrap()
        .expect("the themed app root");
    let switch: web_sys::HtmlElement = root
        .query_selector("[data-testid='theme-switch']")
        .unwrap()
        .expect("a theme switch")
        .unchecked_into();
    // system -> light -> dark: after two clicks the app root is dark whatever the system says.
    switch.click();
    next_tick().await;
    assert_eq!(
        app_root.get_attribute("data-theme").as_deref(),
        Some("light")
    );
    switch.click();
    next_tick().await;
    assert_eq!(
        app_root.get_attribute("data-theme").as_deref(),
        Some("dark")
    );
    assert!(switch.text_content().unwrap().contains("dark"));
    drop(handle);
}
