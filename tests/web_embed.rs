//! Browser tests of embedding: the iframe query options, and mounting into a host element with
//! options (theme, hidden navigation, router base) through the exported `mountInto`.
#![cfg(target_arch = "wasm32")]

use connect_console::embed::{self, Embed};
use connect_console::web::theme::ThemePreference;
use leptos::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
fn query_options_for_iframes() {
    let e = Embed::from_query("?embed=1&theme=dark");
    assert!(e.hide_chrome);
    assert_eq!(e.theme, Some(ThemePreference::Dark));
    let e = Embed::from_query("?theme=light");
    assert!(!e.hide_chrome);
    assert_eq!(e.theme, Some(ThemePreference::Light));
    let e = Embed::from_query("?embed=0&theme=purple&x=1");
    assert!(!e.hide_chrome, "embed=0 keeps the chrome");
    assert_eq!(e.theme, None, "an unknown theme is ignored");
    assert_eq!(Embed::from_query(""), Embed::default());
}

#[wasm_bindgen_test]
async fn mount_into_an_element_with_options() {
    let host: web_sys::HtmlElement = {
        use wasm_bindgen::JsCast;
        document().create_element("div").unwrap().unchecked_into()
    };
    document().body().unwrap().append_child(&host).unwrap();
    let options = r#"{"config":{"clusters":[{"id":"a","url":"/connect/a"}]},"theme":"dark","nav":false,"base":"/portal/kafka/"}"#;
    embed::mount_into(host.clone(), options).expect("mounts");
    next_tick().await;
    let root = host
        .query_selector(".app-root")
        .unwrap()
        .expect("the app is inside the host element");
    assert_eq!(root.get_attribute("data-theme").as_deref(), Some("dark"));
    assert!(
        host.query_selector("nav").unwrap().is_none(),
        "nav: false hides the navigation"
    );
    assert_eq!(
        embed::injected_config().unwrap()["clusters"][0]["url"],
        "/connect/a",
        "the host's config is kept for the config loader"
    );
    assert!(!document().body().unwrap().class_list().contains("cc-page"));

    let err = embed::mount_into(host, "{not json").unwrap_err();
    assert!(err.as_string().unwrap().contains("bad options"));
}
