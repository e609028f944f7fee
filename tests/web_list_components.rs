//! Browser tests of the shared components: the confirmation dialog names every affected item
//! and unlocks only after the required word is typed; the state badge shows a word and an
//! icon, never colour alone; the error notice shows message, hint and an expandable detail.
#![cfg(target_arch = "wasm32")]

use connect_console::components::confirm_dialog::ConfirmDialog;
use connect_console::components::error_notice::ErrorNotice;
use connect_console::components::state_badge::StateBadge;
use connect_console::protocol::model::State;
use connect_console::state::rollup::Health;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
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

fn host() -> web_sys::HtmlElement {
    let root = document().create_element("div").unwrap();
    root.set_class_name("app-root");
    document().body().unwrap().append_child(&root).unwrap();
    root.unchecked_into()
}

fn q(root: &web_sys::Element, sel: &str) -> web_sys::HtmlElement {
    root.query_selector(sel)
        .unwrap()
        .unwrap_or_else(|| panic!("{sel} is rendered"))
        .unchecked_into()
}

#[wasm_bindgen_test]
async fn confirm_dialog_names_every_item_and_requires_the_typed_count() {
    let root = host();
    let open = RwSignal::new(false);
    let confirmed = RwSignal::new(0u32);
    let items: Vec<String> = (0..25)
        .map(|i| format!("alpha / connector with a long name {i}"))
        .collect();
    let items_for_view = items.clone();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <ConfirmDialog
                open
                title="Delete 25 connectors?"
                message="This cannot be undone."
                items=Signal::derive(move || items_for_view.clone())
                confirm_label="Delete 25 connectors"
                danger=true
                require_typing="25"
                on_confirm=Callback::new(move |_| confirmed.update(|c| *c += 1))
            />
        }
    });
    next_tick().await;
    let dialog: web_sys::HtmlDialogElement =
        q(&root, "[data-testid='confirm-dialog']").unchecked_into();
    assert!(!dialog.open(), "closed until asked");
    open.set(true);
    next_tick().await;
    assert!(dialog.open(), "opened as a modal");

    let listed: Vec<String> = {
        let nodes = root
            .query_selector_all("[data-testid='confirm-items'] li")
            .unwrap();
        (0..nodes.length())
            .map(|i| nodes.item(i).unwrap().text_content().unwrap())
            .collect()
    };
    assert_eq!(listed, items, "every affected item is named, in order");
    assert!(q(&root, "[data-testid='confirm-count']")
        .text_content()
        .unwrap()
        .contains("25 items"));

    let ok: web_sys::HtmlButtonElement = q(&root, "[data-testid='confirm-ok']").unchecked_into();
    assert!(ok.disabled(), "locked until the count is typed");
    let input: web_sys::HtmlInputElement =
        q(&root, "[data-testid='confirm-typing']").unchecked_into();
    input.set_value("24");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    next_tick().await;
    assert!(ok.disabled(), "a wrong count keeps it locked");
    input.set_value("25");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    next_tick().await;
    assert!(!ok.disabled(), "the right count unlocks it");
    ok.click();
    next_tick().await;
    assert_eq!(confirmed.get_untracked(), 1, "confirmed once");
    assert!(!open.get_untracked(), "closes after confirming");
    assert!(!dialog.open());

    // Reopening clears what was typed.
    open.set(true);
    next_tick().await;
    assert!(ok.disabled(), "typing is asked again on every opening");
    q(&root, "[data-testid='confirm-cancel']").click();
    next_tick().await;
    assert!(!open.get_untracked());
    assert_eq!(confirmed.get_untracked(), 1, "cancel does not confirm");
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn state_badges_carry_a_word_not_only_a_colour() {
    let root = host();
    let handle = leptos::mount::mount_to(root.clone(), || {
        view! {
            <StateBadge state=Health::Degraded title="RUNNING, 1 of 2 tasks FAILED"/>
            <StateBadge state=State::Failed/>
            <StateBadge state=Health::Healthy/>
        }
    });
    next_tick().await;
    let badges = root
        .query_selector_all("[data-testid='state-badge']")
        .unwrap();
    assert_eq!(badges.length(), 3);
    let text = |i| badges.item(i).unwrap().unchecked_into::<web_sys::Element>();
    assert_eq!(
        text(0).get_attribute("data-state").as_deref(),
        Some("degraded")
    );
    assert!(text(0).text_content().unwrap().contains("Degraded"));
    assert!(text(0).class_name().contains("tone-warn"));
    assert_eq!(
        text(0).get_attribute("title").as_deref(),
        Some("RUNNING, 1 of 2 tasks FAILED")
    );
    assert!(text(1).text_content().unwrap().contains("Failed"));
    assert!(text(1).class_name().contains("tone-bad"));
    assert!(text(2).text_content().unwrap().contains("Running"));
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn error_notice_shows_message_hint_and_raw_detail_as_text() {
    let root = host();
    let handle = leptos::mount::mount_to(root.clone(), || {
        view! {
            <ErrorNotice
                message="Could not reach alpha"
                hint="Check that the worker allows this origin (access.control.allow.origin)."
                detail="<b>not html</b>\nline two"
                status=502u16
            />
        }
    });
    next_tick().await;
    assert_eq!(
        q(&root, "[data-testid='error-message']")
            .text_content()
            .unwrap(),
        "Could not reach alpha HTTP 502"
    );
    assert!(q(&root, "[data-testid='error-hint']")
        .text_content()
        .unwrap()
        .contains("access.control.allow.origin"));
    let detail = q(&root, "[data-testid='error-detail']");
    assert_eq!(detail.text_content().unwrap(), "<b>not html</b>\nline two");
    assert!(
        detail.query_selector("b").unwrap().is_none(),
        "server text is never HTML"
    );
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn error_notice_does_not_repeat_a_status_its_message_names() {
    let root = host();
    let handle = leptos::mount::mount_to(root.clone(), || {
        view! {
            <ErrorNotice
                message="Could not list connectors: expected JSON but got an HTML page (HTTP 200)"
                status=200u16
            />
        }
    });
    next_tick().await;
    let text = q(&root, "[data-testid='error-message']")
        .text_content()
        .unwrap();
    assert_eq!(text.matches("HTTP 200").count(), 1, "{text}");
    drop(handle);
    root.remove();
}
