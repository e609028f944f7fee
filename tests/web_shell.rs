//! Browser tests of the app shell: the whole app mounts in Chromium, the overview route
//! renders, and the theme switch changes the app theme.
#![cfg(target_arch = "wasm32")]

use connect_console::app::App;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

#[path = "support/web.rs"]
mod web_support;
use web_support::next_tick;

wasm_bindgen_test_configure!(run_in_browser);

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

mod class_filter {
    use super::web_support::next_tick;
    use connect_console::components::class_filter::{summary, toggled, ClassFilter};
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;

    #[wasm_bindgen_test]
    fn toggling_adds_and_removes_one_class() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(toggled(&[], "A"), s(&["A"]));
        assert_eq!(toggled(&s(&["A"]), "B"), s(&["A", "B"]));
        assert_eq!(toggled(&s(&["A", "B"]), "A"), s(&["B"]));
        assert_eq!(summary(&[]), "All classes");
        assert_eq!(summary(&s(&["FileStreamSource"])), "FileStreamSource");
        assert_eq!(summary(&s(&["A", "B", "C"])), "3 classes");
    }

    #[wasm_bindgen_test]
    async fn checking_boxes_selects_several_classes() {
        let root = document().create_element("div").unwrap();
        document().body().unwrap().append_child(&root).unwrap();
        let selected = RwSignal::new(Vec::<String>::new());
        let options = Signal::derive(|| {
            vec![
                "FileStreamSink".to_string(),
                "FileStreamSource".to_string(),
                "Mirror".to_string(),
            ]
        });
        let on_change = Callback::new(move |v| selected.set(v));
        let handle = leptos::mount::mount_to(root.clone().unchecked_into(), move || {
            view! { <div class="app-root"><ClassFilter options selected on_change/></div> }
        });
        next_tick().await;
        let boxes = root
            .query_selector_all("[data-testid='filter-class-option']")
            .unwrap();
        assert_eq!(boxes.length(), 3);
        let click = |i: u32| {
            boxes
                .item(i)
                .unwrap()
                .unchecked_into::<web_sys::HtmlElement>()
                .click()
        };
        click(0);
        click(2);
        next_tick().await;
        assert_eq!(
            selected.get_untracked(),
            vec!["FileStreamSink".to_string(), "Mirror".to_string()]
        );
        let text = |sel: &str| {
            root.query_selector(sel)
                .unwrap()
                .unwrap()
                .text_content()
                .unwrap()
        };
        assert_eq!(text("[data-testid='filter-class-summary']"), "2 classes");
        let checked = |i: u32| {
            boxes
                .item(i)
                .unwrap()
                .unchecked_into::<web_sys::HtmlInputElement>()
                .checked()
        };
        assert!(checked(0) && !checked(1) && checked(2));
        click(0);
        next_tick().await;
        assert_eq!(selected.get_untracked(), vec!["Mirror".to_string()]);
        assert_eq!(text("[data-testid='filter-class-summary']"), "Mirror");
        root.query_selector("[data-testid='filter-class-all']")
            .unwrap()
            .unwrap()
            .unchecked_into::<web_sys::HtmlElement>()
            .click();
        next_tick().await;
        assert!(selected.get_untracked().is_empty());
        assert!(!checked(2), "every box unchecked again");
        handle.forget();
    }
}
