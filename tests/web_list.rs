//! Browser tests of the connectors list with 10,000 connectors in the real store: only the
//! visible window (plus overscan) is in the DOM, scrolling moves the window, and a refresh
//! that changes one connector leaves every other row's DOM untouched; scrolling reuses the rows
//! still in the window, and a search keystroke filters before the URL is written.
#![cfg(target_arch = "wasm32")]

use connect_console::pages::connectors::{Connectors, OVERSCAN, ROW_PX, SCROLL_SETTLE};
use connect_console::protocol::model::{
    ConnectorInfo, ConnectorInstanceState, ConnectorListing, ConnectorStatus, ConnectorSummary,
    ConnectorType, State, TaskState,
};
use connect_console::state::settings::{
    ClusterEntry, ClusterOrigin, DeployerConfig, Secrets, UserSettings,
};
use connect_console::stores::{ClusterRegistry, ConnectorsStore};
use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const N: usize = 10_000;

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn name(i: usize) -> String {
    format!("conn-{i:05}")
}

fn summary(i: usize, state: State) -> ConnectorSummary {
    let n = name(i);
    let mut config = std::collections::BTreeMap::new();
    config.insert(
        "connector.class".to_string(),
        "org.apache.kafka.connect.file.FileStreamSourceConnector".to_string(),
    );
    config.insert("topic".to_string(), format!("topic-{i}"));
    ConnectorSummary {
        name: n.clone(),
        info: Some(ConnectorInfo {
            name: n.clone(),
            config,
            tasks: vec![],
            kind: ConnectorType::Source,
        }),
        status: Some(ConnectorStatus {
            name: n,
            connector: ConnectorInstanceState {
                state: state.clone(),
                worker_id: Some("w1:8083".into()),
                trace: None,
                version: None,
            },
            tasks: vec![TaskState {
                id: 0,
                state,
                worker_id: Some("w1:8083".into()),
                trace: None,
                version: None,
            }],
            kind: ConnectorType::Source,
        }),
    }
}

fn listing(changed: Option<usize>) -> ConnectorListing {
    ConnectorListing {
        connectors: (0..N)
            .map(|i| {
                let state = if Some(i) == changed {
                    State::Paused
                } else {
                    State::Running
                };
                summary(i, state)
            })
            .collect(),
        ..Default::default()
    }
}

/// The rendered rows in list order (by `aria-rowindex`: the list recycles row slots, which stay
/// in slot order in the DOM and are placed by `top`).
fn rows(root: &web_sys::Element) -> Vec<web_sys::Element> {
    let list = root
        .query_selector_all("[data-testid='connector-row']")
        .unwrap();
    let mut rows: Vec<web_sys::Element> = (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into())
        .collect();
    rows.sort_by_key(|r| {
        r.get_attribute("aria-rowindex")
            .and_then(|i| i.parse::<usize>().ok())
            .unwrap_or(usize::MAX)
    });
    rows
}

/// One attribute of every rendered row, in DOM order (empty where a row lacks it).
fn dom_order_of(root: &web_sys::Element, attribute: &str) -> Vec<String> {
    let list = root
        .query_selector_all("[data-testid='connector-row']")
        .unwrap();
    (0..list.length())
        .map(|i| {
            list.item(i)
                .unwrap()
                .unchecked_into::<web_sys::Element>()
                .get_attribute(attribute)
                .unwrap_or_default()
        })
        .collect()
}

/// The rendered rows' probes in DOM order.
fn dom_order(root: &web_sys::Element) -> Vec<String> {
    dom_order_of(root, "data-probe")
}

#[wasm_bindgen_test]
async fn ten_thousand_rows_render_only_the_window_and_a_change_touches_one_row() {
    let _ = window().history().unwrap().replace_state_with_url(
        &wasm_bindgen::JsValue::NULL,
        "",
        Some("/connectors"),
    );
    // The list's viewport height comes from the app's own stylesheets, as in the built app.
    let style = document().create_element("style").unwrap();
    style.set_text_content(Some(concat!(
        include_str!("../style/main.css"),
        include_str!("../style/components.css"),
        include_str!("../style/list.css"),
    )));
    document().head().unwrap().append_child(&style).unwrap();
    let root = document().create_element("div").unwrap();
    root.set_class_name("app-root");
    document().body().unwrap().append_child(&root).unwrap();
    let store_slot = StoredValue::new_local(None::<ConnectorsStore>);
    let handle = leptos::mount::mount_to(root.clone().unchecked_into(), move || {
        let entry = ClusterEntry {
            id: "alpha".into(),
            name: "alpha".into(),
            base_url: "http://127.0.0.1:9".into(),
            origin: ClusterOrigin::Deployer,
            ..Default::default()
        };
        let registry = ClusterRegistry::with(
            DeployerConfig {
                clusters: vec![entry.clone()],
                ..Default::default()
            },
            UserSettings::default(),
            Secrets::default(),
            false,
        );
        let store = ConnectorsStore::new(registry);
        store.add_cluster(&entry);
        store.ingest("alpha", listing(None));
        provide_context(registry);
        provide_context(store);
        store_slot.set_value(Some(store));
        view! { <Router><Connectors/></Router> }
    });
    sleep(50).await;
    let store = store_slot.get_value().expect("store created");

    let count = root
        .query_selector("[data-testid='list-count']")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(count.contains("10000 connectors"), "{count}");

    let scroll: web_sys::HtmlElement = root
        .query_selector("[data-testid='list-scroll']")
        .unwrap()
        .unwrap()
        .unchecked_into();
    let viewport = scroll.client_height() as usize;
    let max_rows = viewport / ROW_PX as usize + 2 + 2 * OVERSCAN;
    let first = rows(&root);
    assert!(
        !first.is_empty() && first.len() <= max_rows,
        "only the window is in the DOM: {} rows for a {viewport}px viewport",
        first.len()
    );
    assert_eq!(
        first[0].get_attribute("data-name").as_deref(),
        Some("conn-00000")
    );
    // The body is as tall as every row, rendered or not.
    let table_height = root
        .query_selector("[data-testid='connectors-table']")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>()
        .offset_height();
    assert!(
        table_height as u32 >= N as u32 * ROW_PX,
        "the table is as tall as all rows: {table_height}"
    );

    // Scrolling to the middle moves the window there.
    scroll.set_scroll_top((5000 * ROW_PX) as i32);
    scroll
        .dispatch_event(&web_sys::Event::new("scroll").unwrap())
        .unwrap();
    sleep(50).await;
    let middle = rows(&root);
    assert!(
        middle.len() <= max_rows,
        "{} rows after scrolling",
        middle.len()
    );
    let names: Vec<String> = middle
        .iter()
        .map(|r| r.get_attribute("data-name").unwrap())
        .collect();
    assert!(
        names.contains(&name(5000)),
        "the window shows row 5000: {names:?}"
    );
    assert!(!names.contains(&name(0)), "row 0 left the DOM");
    assert_eq!(
        middle[0].get_attribute("aria-rowindex").as_deref(),
        Some(format!("{}", 5000 - OVERSCAN + 2).as_str()),
        "rows carry their position for assistive technology"
    );

    // Mark every rendered row node, then refresh with one connector changed.
    for r in &middle {
        r.set_attribute("data-probe", "kept").unwrap();
    }
    let before: Vec<String> = middle.iter().map(|r| r.text_content().unwrap()).collect();
    store.ingest("alpha", listing(Some(5001)));
    sleep(50).await;
    let after = rows(&root);
    assert_eq!(after.len(), middle.len());
    for (i, r) in after.iter().enumerate() {
        assert_eq!(
            r.get_attribute("data-probe").as_deref(),
            Some("kept"),
            "row {i} is the same DOM node (not re-created)"
        );
        let n = r.get_attribute("data-name").unwrap();
        let health = r.get_attribute("data-health").unwrap();
        if n == name(5001) {
            assert_eq!(health, "paused", "the changed row shows its new state");
            assert_ne!(r.text_content().unwrap(), before[i]);
        } else {
            assert_eq!(health, "running");
            assert_eq!(r.text_content().unwrap(), before[i], "{n} unchanged");
        }
    }

    // Scrolling three rows on builds no row: the same DOM nodes stay, a row still in the window
    // keeps its node (and its place in the DOM), and only three nodes show another connector.
    for r in &after {
        r.set_attribute("data-probe", &r.get_attribute("data-name").unwrap())
            .unwrap();
    }
    let order_before = dom_order(&root);
    scroll.set_scroll_top((5003 * ROW_PX) as i32);
    scroll
        .dispatch_event(&web_sys::Event::new("scroll").unwrap())
        .unwrap();
    sleep(50).await;
    let moved = rows(&root);
    let first = 5003 - OVERSCAN;
    assert_eq!(
        moved[0].get_attribute("data-name"),
        Some(name(first)),
        "the window moved three rows"
    );
    assert_eq!(moved.len(), after.len());
    let mut rewritten = 0;
    for (i, r) in moved.iter().enumerate() {
        let n = r.get_attribute("data-name").unwrap();
        let probe = r.get_attribute("data-probe");
        assert!(
            probe.is_some(),
            "{n}: shown in a node that was already there"
        );
        let was_rendered = after
            .iter()
            .any(|a| a.get_attribute("data-probe").as_deref() == Some(n.as_str()));
        if was_rendered {
            assert_eq!(probe.as_deref(), Some(n.as_str()), "{n} kept its node");
        } else {
            rewritten += 1;
        }
        assert_eq!(
            r.get_attribute("aria-rowindex"),
            Some(format!("{}", first + i + 2)),
            "{n} renumbered"
        );
        let top = (first + i) as u32 * ROW_PX;
        assert_eq!(
            r.unchecked_ref::<web_sys::HtmlElement>()
                .style()
                .get_property_value("top")
                .unwrap(),
            format!("{top}px"),
            "{n} sits at its position"
        );
    }
    assert_eq!(
        rewritten, 3,
        "three nodes took the rows entering the window"
    );
    assert_eq!(
        dom_order(&root),
        order_before,
        "no row node moved in the DOM"
    );
    // Once scrolling pauses, the rows go back to list order in the DOM (tab order, screen
    // readers), still on the same nodes.
    sleep(SCROLL_SETTLE.as_millis() as i32 + 200).await;
    let in_dom = dom_order_of(&root, "data-name");
    let listed: Vec<String> = rows(&root)
        .iter()
        .map(|r| r.get_attribute("data-name").unwrap())
        .collect();
    assert_eq!(
        in_dom, listed,
        "the DOM is in list order once scrolling pauses"
    );
    let mut kept_nodes = dom_order(&root);
    let mut probed = order_before.clone();
    kept_nodes.sort();
    probed.sort();
    assert_eq!(kept_nodes, probed, "the same nodes, reordered");
    for r in &moved {
        r.set_attribute("data-probe", "kept").unwrap();
    }

    // A connector removed and re-added between two renders comes back on a new row signal: its
    // row is built again on that signal and shows the new state, not the dropped one's last.
    let mut without = listing(Some(5001));
    without.connectors.retain(|c| c.name != name(5005));
    store.ingest("alpha", without);
    store.ingest("alpha", listing(Some(5005)));
    sleep(50).await;
    let back = rows(&root);
    let row = back
        .iter()
        .find(|r| r.get_attribute("data-name") == Some(name(5005)))
        .expect("the re-added connector is listed");
    assert_eq!(
        row.get_attribute("data-health").as_deref(),
        Some("paused"),
        "its slot reads the new signal"
    );
    let other = back
        .iter()
        .find(|r| r.get_attribute("data-name") == Some(name(5006)))
        .unwrap();
    assert_eq!(other.get_attribute("data-probe").as_deref(), Some("kept"));

    // A search keystroke filters at once; only the URL write waits for a pause in typing.
    let search: web_sys::HtmlInputElement = root
        .query_selector("[data-testid='list-search']")
        .unwrap()
        .unwrap()
        .unchecked_into();
    search.set_value("conn-04200");
    search
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    sleep(0).await;
    let hits: Vec<String> = rows(&root)
        .iter()
        .map(|r| r.get_attribute("data-name").unwrap())
        .collect();
    assert_eq!(hits, vec![name(4200)], "filtered before the URL debounce");
    sleep(400).await;
    assert_eq!(
        window().location().search().unwrap(),
        "?q=conn-04200",
        "the URL follows after the pause"
    );
    assert_eq!(rows(&root).len(), 1);
    drop(handle);
    root.remove();
}
