//! Browser tests of the stores and browser services, in headless Chromium:
//! - a refresh where one connector changed re-renders only that row;
//! - rows appear and disappear with the listing; the filtered query follows;
//! - read-only mode is refused in the store layer, for single and bulk actions;
//! - secrets go to sessionStorage unless remembered, and "forget" clears both;
//! - the transport maps statuses, network failures and the size limit;
//! - leaving the page (the polling owner cleaned up) and a superseded refresh abort the
//!   request in flight (its AbortSignal fires) and its late answer is never applied.
#![cfg(target_arch = "wasm32")]

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use connect_console::protocol::error::ErrorKind;
use connect_console::protocol::model::*;
use connect_console::protocol::transport::{HttpRequest, Method, Transport, TransportError};
use connect_console::state::actions::ConnectorAction;
use connect_console::state::bulk::ItemStatus;
use connect_console::state::query::ListQuery;
use connect_console::state::reconcile::RowKey;
use connect_console::state::rollup::Health;
use connect_console::state::settings::*;
use connect_console::stores::{ClusterRegistry, ConnectorsStore};
use connect_console::web::storage;
use connect_console::web::transport::{BrowserTransport, RESPONSE_HEADERS};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "support/web.rs"]
mod web_support;
use web_support::{next_tick, sleep};

#[path = "support/same_text.rs"]
mod same_text_check;

/// The listing's unchanged-entry check (wasm's vector loop) agrees with `==`.
#[wasm_bindgen_test]
fn same_text_agrees_with_string_equality_at_every_length_and_position() {
    same_text_check::same_text_agrees_with_string_equality();
}

/// A response body's text (wasm's vector ASCII check) agrees with `from_utf8_lossy`.
#[wasm_bindgen_test]
fn body_text_agrees_with_from_utf8_lossy_at_every_length_and_position() {
    same_text_check::body_text_agrees_with_from_utf8_lossy();
}

#[wasm_bindgen_test]
fn body_text_reads_long_runs_of_other_characters() {
    same_text_check::body_text_reads_long_runs_of_other_characters();
}

fn summary(name: &str, state: &str, tasks: &[&str]) -> ConnectorSummary {
    let mut config = ConfigMap::new();
    config.insert(
        "connector.class".into(),
        "org.apache.kafka.connect.file.FileStreamSinkConnector".into(),
    );
    config.insert("topics".into(), format!("{name}-topic"));
    ConnectorSummary {
        name: name.into(),
        info: Some(ConnectorInfo {
            name: name.into(),
            config,
            tasks: vec![],
            kind: ConnectorType::Sink,
        }),
        status: Some(ConnectorStatus {
            name: name.into(),
            connector: ConnectorInstanceState {
                state: State::parse(state),
                worker_id: Some("w1".into()),
                trace: None,
                version: None,
            },
            tasks: tasks
                .iter()
                .enumerate()
                .map(|(i, s)| TaskState {
                    id: i as u32,
                    state: State::parse(s),
                    worker_id: Some("w1".into()),
                    trace: None,
                    version: None,
                })
                .collect(),
            kind: ConnectorType::Sink,
        }),
    }
}

fn listing(items: Vec<ConnectorSummary>) -> ConnectorListing {
    ConnectorListing {
        connectors: items,
        ..Default::default()
    }
}

fn entry(id: &str) -> ClusterEntry {
    ClusterEntry {
        id: id.into(),
        name: id.into(),
        // Nothing listens here: any request that slipped through would fail as Network.
        base_url: "http://127.0.0.1:9".into(),
        ..Default::default()
    }
}

fn registry(read_only: bool) -> ClusterRegistry {
    let deployer = DeployerConfig {
        clusters: vec![entry("alpha")],
        read_only,
        ..Default::default()
    };
    ClusterRegistry::with(deployer, UserSettings::default(), Secrets::default(), false)
}

type Renders = Arc<Mutex<HashMap<String, usize>>>;

fn renders_of(r: &Renders, name: &str) -> Option<usize> {
    r.lock().unwrap().get(name).copied()
}

#[component]
fn CountingRow(store: ConnectorsStore, key: RowKey, renders: Renders) -> impl IntoView {
    let row = store.row(&key).expect("a row signal for every key");
    let name = key.name.clone();
    let attr = name.clone();
    view! {
        <li data-name=attr>
            {move || {
                *renders.lock().unwrap().entry(name.to_string()).or_default() += 1;
                let r = row.get();
                format!("{} {} {}/{}", r.name(), r.health.as_str(), r.tasks_running, r.tasks_total())
            }}
        </li>
    }
}

fn text_of(root: &web_sys::Element, name: &str) -> Option<String> {
    root.query_selector(&format!("li[data-name='{name}']"))
        .unwrap()
        .and_then(|e| e.text_content())
}

#[wasm_bindgen_test]
async fn a_refresh_where_one_connector_changed_re_renders_only_that_row() {
    let owner = Owner::new();
    owner.set();
    let store = ConnectorsStore::new(registry(false));
    store.add_cluster(&entry("alpha"));
    store.ingest(
        "alpha",
        listing(vec![
            summary("a", "RUNNING", &["RUNNING"]),
            summary("b", "RUNNING", &["RUNNING", "RUNNING"]),
            summary("c", "PAUSED", &["PAUSED"]),
        ]),
    );

    let renders: Renders = Arc::new(Mutex::new(HashMap::new()));
    let root = document().create_element("ul").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let r2 = renders.clone();
    let _handle = leptos::mount::mount_to(root.clone().unchecked_into(), move || {
        let keys = store.keys();
        let renders = r2.clone();
        view! {
            <For each=move || keys.get() key=|k| k.clone() let:k>
                <CountingRow store=store key=k renders=renders.clone()/>
            </For>
        }
    });
    next_tick().await;
    assert_eq!(root.child_element_count(), 3);
    for n in ["a", "b", "c"] {
        assert_eq!(renders_of(&renders, n), Some(1), "{n} rendered once");
    }
    assert_eq!(text_of(&root, "b").as_deref(), Some("b running 2/2"));

    // Second refresh: only b changed (a task failed).
    store.ingest(
        "alpha",
        listing(vec![
            summary("a", "RUNNING", &["RUNNING"]),
            summary("b", "RUNNING", &["RUNNING", "FAILED"]),
            summary("c", "PAUSED", &["PAUSED"]),
        ]),
    );
    next_tick().await;
    assert_eq!(text_of(&root, "b").as_deref(), Some("b degraded 1/2"));
    assert_eq!(
        renders_of(&renders, "b"),
        Some(2),
        "the changed row re-rendered"
    );
    assert_eq!(renders_of(&renders, "a"), Some(1), "unchanged rows did not");
    assert_eq!(renders_of(&renders, "c"), Some(1), "unchanged rows did not");

    // An identical refresh changes nothing at all.
    let rev = store.revision().get_untracked();
    store.ingest(
        "alpha",
        listing(vec![
            summary("a", "RUNNING", &["RUNNING"]),
            summary("b", "RUNNING", &["RUNNING", "FAILED"]),
            summary("c", "PAUSED", &["PAUSED"]),
        ]),
    );
    next_tick().await;
    assert_eq!(
        store.revision().get_untracked(),
        rev,
        "no-op refresh notifies nobody"
    );
    assert_eq!(renders.lock().unwrap().values().sum::<usize>(), 4);

    // A removed and an added connector: the list follows, the others still do not re-render.
    store.ingest(
        "alpha",
        listing(vec![
            summary("a", "RUNNING", &["RUNNING"]),
            summary("b", "RUNNING", &["RUNNING", "FAILED"]),
            summary("d", "FAILED", &[]),
        ]),
    );
    next_tick().await;
    assert_eq!(root.child_element_count(), 3);
    assert!(text_of(&root, "c").is_none());
    assert_eq!(text_of(&root, "d").as_deref(), Some("d failed 0/0"));
    assert_eq!(renders_of(&renders, "a"), Some(1));
    assert_eq!(renders_of(&renders, "b"), Some(2));
    // b's task and d failed after the baseline listing: two unseen failures for the title.
    assert_eq!(store.unseen_failures().get_untracked(), 2);
    // b's failure was raised as a toast at once; d's, seconds later, waits for the toast window
    // (one message per window in a storm) instead of raising a second toast.
    let notices = store.take_notices();
    assert_eq!(notices.len(), 1, "one toast: {notices:?}");
    assert_eq!(notices[0].title, "Task 1 of b failed");
    root.remove();
    drop(owner);
}

#[wasm_bindgen_test]
async fn query_memo_filters_and_follows_refreshes() {
    let owner = Owner::new();
    owner.set();
    let store = ConnectorsStore::new(registry(false));
    store.add_cluster(&entry("alpha"));
    store.ingest(
        "alpha",
        listing(vec![
            summary("orders", "RUNNING", &["RUNNING"]),
            summary("billing", "RUNNING", &["RUNNING"]),
        ]),
    );
    let query = RwSignal::new(ListQuery::default());
    let visible = store.query(query.into());
    assert_eq!(visible.get_untracked().len(), 2);
    query.update(|q| q.states = vec![Health::Degraded]);
    assert!(visible.get_untracked().is_empty());
    store.ingest(
        "alpha",
        listing(vec![
            summary("orders", "RUNNING", &["RUNNING", "FAILED"]),
            summary("billing", "RUNNING", &["RUNNING"]),
        ]),
    );
    assert_eq!(
        visible.get_untracked(),
        vec![RowKey::new("alpha", "orders")]
    );
    query.set(ListQuery {
        search: "BILLING-top".into(),
        ..Default::default()
    });
    assert_eq!(
        visible.get_untracked(),
        vec![RowKey::new("alpha", "billing")]
    );
    let health = store.cluster_health("alpha").unwrap();
    assert_eq!(health.counts.count(Health::Degraded), 1);
    assert_eq!(store.global_health().counts.connectors, 2);
    drop(owner);
}

#[wasm_bindgen_test]
async fn read_only_is_refused_in_the_store_for_single_and_bulk_actions() {
    let owner = Owner::new();
    owner.set();
    let store = ConnectorsStore::new(registry(true));
    store.add_cluster(&entry("alpha"));
    store.ingest(
        "alpha",
        listing(vec![summary("a", "RUNNING", &["RUNNING"])]),
    );
    let key = RowKey::new("alpha", "a");
    let err = store
        .run(key.clone(), ConnectorAction::Pause)
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::ReadOnly);
    assert_eq!(
        store.row_untracked(&key).unwrap().pending,
        None,
        "no pending marker for a refused action"
    );
    store.bulk(
        ConnectorAction::Delete,
        vec![key.clone(), RowKey::new("alpha", "zzz")],
    );
    let run = store.bulk_run().get_untracked().unwrap();
    assert!(run.is_done());
    assert_eq!(run.summary().failed, 2);
    assert!(run
        .items()
        .iter()
        .all(|i| matches!(&i.status, ItemStatus::Error(m) if m.contains("Read-only"))));
    drop(owner);
}

#[wasm_bindgen_test]
async fn failed_action_clears_the_pending_marker_and_reports_the_error() {
    // The action's after-refresh is spawned; mounting (as the app does) starts the executor.
    let host = document().create_element("div").unwrap();
    let _mounted = leptos::mount::mount_to(host.unchecked_into(), || ());
    let owner = Owner::new();
    owner.set();
    let store = ConnectorsStore::new(registry(false));
    store.add_cluster(&entry("alpha"));
    store.ingest(
        "alpha",
        listing(vec![summary("a", "RUNNING", &["RUNNING"])]),
    );
    let key = RowKey::new("alpha", "a");
    // Port 9 refuses connections: the pause fails as a network error.
    let err = store
        .run(key.clone(), ConnectorAction::Pause)
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Network, "{err:?}");
    assert_eq!(store.row_untracked(&key).unwrap().pending, None);
    // Whatever the outcome, the action asks for a fresh read; it fails the same way (and must
    // be over before the next test replaces `fetch`).
    for _ in 0..100 {
        if store
            .cluster_health("alpha")
            .is_some_and(|h| h.last_error.is_some() && !h.refreshing)
        {
            break;
        }
        sleep(20).await;
    }
    let card = store.cluster_health("alpha").unwrap();
    assert_eq!(
        card.last_error.map(|e| e.kind),
        Some(ErrorKind::Network),
        "the after-action refresh ran and failed as Network"
    );
    drop(owner);
}

#[wasm_bindgen_test]
fn secrets_go_to_session_storage_unless_remembered() {
    let local = window().local_storage().unwrap().unwrap();
    let session = window().session_storage().unwrap().unwrap();
    let mut s = Secrets::default();
    s.set("beta", "admin-secret".into());

    storage::save_secrets(&s, false).unwrap();
    assert!(session
        .get_item(SECRETS_KEY)
        .unwrap()
        .unwrap()
        .contains("admin-secret"));
    assert_eq!(local.get_item(SECRETS_KEY).unwrap(), None);
    assert_eq!(storage::load_secrets(), s);

    storage::save_secrets(&s, true).unwrap();
    assert!(local
        .get_item(SECRETS_KEY)
        .unwrap()
        .unwrap()
        .contains("admin-secret"));
    assert_eq!(
        session.get_item(SECRETS_KEY).unwrap(),
        None,
        "moved, not copied"
    );
    assert_eq!(storage::load_secrets(), s);

    storage::forget_secrets();
    assert_eq!(local.get_item(SECRETS_KEY).unwrap(), None);
    assert_eq!(session.get_item(SECRETS_KEY).unwrap(), None);
    assert!(storage::load_secrets().is_empty());

    // User settings in localStorage never carry the secret.
    let mut u = UserSettings::default();
    let mut c = entry("beta");
    c.auth = AuthKind::Basic;
    c.username = Some("admin".into());
    u.clusters.push(c);
    storage::save_user_settings(&u).unwrap();
    let saved = local.get_item(SETTINGS_KEY).unwrap().unwrap();
    assert!(!saved.contains("admin-secret"));
    local.remove_item(SETTINGS_KEY).unwrap();
}

#[wasm_bindgen_test]
async fn registry_keeps_deployer_clusters_and_forgets_credentials() {
    let owner = Owner::new();
    owner.set();
    let reg = registry(false);
    assert_eq!(reg.clusters().get_untracked().len(), 1);
    assert!(
        reg.remove("alpha").is_err(),
        "deployer clusters are not removable"
    );
    let mut mine = entry("mine");
    mine.auth = AuthKind::Bearer;
    reg.save(mine.clone(), Some("tok".into())).unwrap();
    assert_eq!(reg.clusters().get_untracked().len(), 2);
    assert!(reg.has_secret("mine") && !reg.needs_secret("mine"));
    assert!(!reg.export().contains("tok\""), "{}", reg.export());
    reg.forget_credentials();
    assert!(reg.needs_secret("mine"));
    reg.remove("mine").unwrap();
    assert_eq!(reg.clusters().get_untracked().len(), 1);
    reg.apply_deployer_config(Err(ConfigError::NotFound));
    assert_eq!(
        reg.config_error().get_untracked(),
        Some(ConfigError::NotFound)
    );
    drop(owner);
}

fn get(url: &str) -> HttpRequest {
    HttpRequest {
        method: Method::Get,
        url: url.into(),
        headers: vec![("Accept".into(), "*/*".into())],
        body: None,
        timeout_ms: 10_000,
    }
}

#[wasm_bindgen_test]
async fn transport_maps_status_headers_network_errors_and_size_limit() {
    let t = BrowserTransport::new();
    // The test runner serves the page itself: a missing file is a plain 404 answer.
    let origin = window().location().origin().unwrap();
    let resp = t
        .send(get(&format!("{origin}/definitely-missing-file")))
        .await
        .unwrap();
    assert_eq!(resp.status, 404);
    assert!(resp
        .headers
        .iter()
        .all(|(k, _)| *k == k.to_ascii_lowercase()));
    assert_eq!(resp.header("content-length"), Some("0"));
    // Nothing listens on port 9.
    match t.send(get("http://127.0.0.1:9/")).await {
        Err(TransportError::Network(_)) => {}
        other => panic!("{other:?}"),
    }
    // The runner's page is bigger than 16 bytes.
    let small = BrowserTransport::new().with_max_body_bytes(16);
    let page = window().location().href().unwrap();
    match small.send(get(&page)).await {
        Err(TransportError::TooLarge { limit_bytes: 16 }) => {}
        other => panic!("{other:?}"),
    }
    let ok = t.send(get(&page)).await.unwrap();
    assert_eq!(ok.status, 200);
    // The headers the protocol reads, asked for by name, and no others.
    assert!(ok.header("content-type").is_some(), "{:?}", ok.headers);
    assert!(ok
        .headers
        .iter()
        .all(|(k, _)| RESPONSE_HEADERS.contains(&k.as_str())));
    assert!(!ok.body.is_empty());
}

// The next `fetch` answers `body` at once, with a Content-Length header when `length` is not
// negative (a compressed answer's is smaller than the body the browser hands over).
#[wasm_bindgen::prelude::wasm_bindgen(inline_js = r#"
export function answer_next_fetch(body, length) {
  const original = window.fetch;
  window.fetch = function () {
    window.fetch = original;
    const headers = length >= 0 ? { 'content-length': String(length) } : {};
    return Promise.resolve(new Response(body, { status: 200, headers }));
  };
}
"#)]
extern "C" {
    fn answer_next_fetch(body: &str, length: i32);
}

#[wasm_bindgen_test]
async fn transport_takes_sized_bodies_whole_and_streams_unsized_ones_within_the_limit() {
    let body = "é".repeat(40); // 80 bytes of UTF-8
    let t = BrowserTransport::new().with_max_body_bytes(100);
    for length in [80, -1] {
        answer_next_fetch(&body, length);
        let resp = t.send(get("http://127.0.0.1:9/sized")).await.unwrap();
        assert_eq!(resp.body, body, "Content-Length {length}");
    }
    let small = BrowserTransport::new().with_max_body_bytes(64);
    // Sized honestly, sized too small (as a compressed answer is), and unsized: all refused.
    for length in [80, 10, -1] {
        answer_next_fetch(&body, length);
        match small.send(get("http://127.0.0.1:9/sized")).await {
            Err(TransportError::TooLarge { limit_bytes: 64 }) => {}
            other => panic!("Content-Length {length}: {other:?}"),
        }
    }
}

// A stand-in for `window.fetch` that keeps every call pending until the test answers it, and
// remembers each call's URL and AbortSignal. It ignores aborts on purpose, so a late answer
// can still be delivered: the store must not apply it.
#[wasm_bindgen::prelude::wasm_bindgen(inline_js = r#"
export function stub_install() {
  const calls = [];
  const original = window.fetch;
  window.__stubCalls = calls;
  window.__stubOriginal = original;
  window.fetch = function (input, init) {
    const url = typeof input === 'string' ? input : input.url;
    const signal = (init && init.signal) || (typeof input === 'string' ? null : input.signal);
    return new Promise((resolve) => { calls.push({ url, signal, resolve }); });
  };
}
export function stub_uninstall() { window.fetch = window.__stubOriginal; }
export function stub_count() { return window.__stubCalls.length; }
export function stub_url(i) { return window.__stubCalls[i].url; }
export function stub_aborted(i) { const s = window.__stubCalls[i].signal; return !!(s && s.aborted); }
export function stub_answer(i, body) {
  window.__stubCalls[i].resolve(new Response(body, { status: 200, headers: { 'content-type': 'application/json' } }));
}
"#)]
extern "C" {
    fn stub_install();
    fn stub_uninstall();
    fn stub_count() -> u32;
    fn stub_url(i: u32) -> String;
    fn stub_aborted(i: u32) -> bool;
    fn stub_answer(i: u32, body: &str);
}

async fn wait_for_calls(n: u32) {
    for _ in 0..100 {
        if stub_count() >= n {
            return;
        }
        sleep(20).await;
    }
    panic!("expected {n} fetch calls, saw {}", stub_count());
}

const SERVER_INFO: &str = r#"{"version":"4.3.1","commit":"c0ffee","kafka_cluster_id":"k-1"}"#;

fn listing_json(name: &str) -> String {
    format!(
        r#"{{"{name}":{{"status":{{"name":"{name}","connector":{{"state":"RUNNING","worker_id":"w1"}},"tasks":[{{"id":0,"state":"RUNNING","worker_id":"w1"}}],"type":"sink"}},"info":{{"name":"{name}","config":{{"connector.class":"X"}},"tasks":[],"type":"sink"}}}}}}"#
    )
}

#[wasm_bindgen_test]
async fn leaving_the_page_aborts_the_refresh_in_flight_and_drops_its_answer() {
    // The polling runs in effects and spawned futures: leptos' executor must be driving them
    // (a mounted app initialises it; this test mounts nothing). Err means already initialised.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    stub_install();
    let root = Owner::new();
    root.set();
    let store = ConnectorsStore::new(registry(false));
    // The polling belongs to a child owner, as a mounted app does; cleaning it up is leaving.
    let page = root.child();
    page.with(|| store.start());
    // The scheduler's first tick sends GET / (the version) for alpha.
    wait_for_calls(1).await;
    assert_eq!(stub_url(0), "http://127.0.0.1:9/");
    stub_answer(0, SERVER_INFO);
    wait_for_calls(2).await;
    assert!(stub_url(1).ends_with("/connectors?expand=status&expand=info"));
    assert!(!stub_aborted(1), "in flight, not aborted yet");

    page.cleanup();
    next_tick().await;
    assert!(
        stub_aborted(1),
        "leaving the page aborts the listing in flight"
    );
    // Its answer arrives anyway: nothing applies it.
    stub_answer(1, &listing_json("late"));
    sleep(50).await;
    assert!(
        store.keys().get_untracked().is_empty(),
        "a late answer is never applied"
    );
    // And nothing polls any more.
    sleep(1_200).await;
    assert_eq!(stub_count(), 2, "no request after leaving");
    stub_uninstall();
    drop(root);
}

/// A store (fetch stubbed) whose cluster alpha was refreshed by hand and whose version read
/// (call 0) has been answered: its listing is asked for next.
async fn alpha_refreshed_after_its_version() -> (Owner, ConnectorsStore) {
    let _ = any_spawner::Executor::init_wasm_bindgen();
    stub_install();
    let owner = Owner::new();
    owner.set();
    let store = ConnectorsStore::new(registry(false));
    store.add_cluster(&entry("alpha"));
    store.refresh(Some("alpha"));
    wait_for_calls(1).await;
    stub_answer(0, SERVER_INFO);
    (owner, store)
}

#[wasm_bindgen_test]
async fn a_superseded_refresh_is_aborted_and_its_late_answer_ignored() {
    let (owner, store) = alpha_refreshed_after_its_version().await;
    wait_for_calls(2).await;
    assert!(
        stub_url(1).starts_with("http://127.0.0.1:9/connectors?expand"),
        "{} {} {}",
        stub_count(),
        stub_url(0),
        stub_url(1)
    );

    // The cluster's URL changes while its listing is in flight: the new endpoint's refresh
    // supersedes it.
    let mut moved = entry("alpha");
    moved.base_url = "http://127.0.0.1:7".into();
    store.add_cluster(&moved);
    next_tick().await;
    assert!(stub_aborted(1), "the superseded listing is aborted");
    wait_for_calls(3).await;
    assert_eq!(
        stub_url(2),
        "http://127.0.0.1:7/",
        "the new endpoint's version is read"
    );
    assert!(!stub_aborted(2));

    // The old endpoint's answer arrives late: ignored.
    stub_answer(1, &listing_json("from-the-old-url"));
    sleep(50).await;
    assert!(store.keys().get_untracked().is_empty());
    assert_eq!(store.cluster_health("alpha").unwrap().last_success_ms, None);

    stub_answer(2, &SERVER_INFO.replace("4.3.1", "4.3.2"));
    wait_for_calls(4).await;
    stub_answer(3, &listing_json("fresh"));
    sleep(50).await;
    let keys = store.keys().get_untracked();
    assert_eq!(
        keys.iter().map(|k| &*k.name).collect::<Vec<_>>(),
        vec!["fresh"]
    );
    let card = store.cluster_health("alpha").unwrap();
    assert_eq!(card.version.as_deref(), Some("4.3.2"));
    assert_eq!(
        stub_count(),
        4,
        "one version read and one listing per endpoint, nothing else"
    );
    stub_uninstall();
    drop(owner);
}

/// The first stubbed call whose URL ends with `suffix`, waiting up to 5 s for it.
async fn call_ending(suffix: &str, from: u32) -> u32 {
    for _ in 0..250 {
        for i in from..stub_count() {
            if stub_url(i).ends_with(suffix) {
                return i;
            }
        }
        sleep(20).await;
    }
    panic!("no call to …{suffix} after call {from}");
}

/// A Confluent Cloud cluster's connector `name` whose offsets reset has just been started
/// (fetch stubbed), under an owner the caller drops at the end.
fn confluent_cloud_offsets_reset(
    name: &str,
) -> (Owner, connect_console::stores::detail::DetailStore) {
    use connect_console::state::detail::OffsetsPlan;
    use connect_console::stores::detail::DetailStore;
    let _ = any_spawner::Executor::init_wasm_bindgen();
    stub_install();
    let owner = Owner::new();
    owner.set();
    let cc = ClusterEntry {
        id: "cc".into(),
        name: "cc".into(),
        flavor: Flavor::ConfluentCloud,
        base_url: "http://127.0.0.1:9".into(),
        environment: Some("env-1".into()),
        cluster: Some("lkc-1".into()),
        ..Default::default()
    };
    let registry = ClusterRegistry::with(
        DeployerConfig {
            clusters: vec![cc],
            ..Default::default()
        },
        UserSettings::default(),
        Secrets::default(),
        false,
    );
    let connectors = ConnectorsStore::new(registry);
    let detail = DetailStore::new(registry, connectors, RowKey::new("cc", name));
    let plan = OffsetsPlan::for_state(Some(&State::Running), true);
    detail.change_offsets(None, plan, "Reset all offsets".into());
    (owner, detail)
}

#[wasm_bindgen_test]
async fn a_confluent_cloud_offsets_request_is_followed_until_applied() {
    use connect_console::state::detail::StepStatus;
    let (owner, detail) = confluent_cloud_offsets_reset("sink-1");
    let post = call_ending("/connectors/sink-1/offsets/request", 0).await;
    stub_answer(
        post,
        r#"{"name":"sink-1","offsets":[],"requested_at":"2024-02-20 15:14:19+00:00","type":"DELETE"}"#,
    );
    // The status still reports an earlier request, applied: no answer for this one yet.
    let earlier = call_ending("/connectors/sink-1/offsets/request/status", post + 1).await;
    stub_answer(
        earlier,
        r#"{"request":{"type":"PATCH","requested_at":"2024-02-19 09:00:00+00:00"},"status":{"phase":"APPLIED","message":"Earlier."}}"#,
    );
    // Then this one, pending: the flow keeps waiting.
    let first = call_ending("/connectors/sink-1/offsets/request/status", earlier + 1).await;
    assert!(
        detail.flow_running().get_untracked(),
        "an earlier request's status is no answer"
    );
    stub_answer(
        first,
        r#"{"request":{"type":"DELETE","requested_at":"2024-02-20 15:14:19+00:00"},"status":{"phase":"PENDING"}}"#,
    );
    let second = call_ending("/connectors/sink-1/offsets/request/status", first + 1).await;
    assert!(detail.flow_running().get_untracked(), "still waiting");
    assert_eq!(detail.flow().get_untracked()[1].status, StepStatus::Running);
    stub_answer(
        second,
        r#"{"request":{"type":"DELETE","requested_at":"2024-02-20 15:14:19+00:00"},"status":{"phase":"APPLIED","message":"Offsets reset."},"applied_at":"2024-02-20T15:14:20+0000"}"#,
    );
    // Then the offsets are read again, after the request was applied.
    call_ending("/connectors/sink-1/offsets", second + 1).await;
    let flow = detail.flow().get_untracked();
    assert_eq!(
        flow.iter().map(|s| s.label.as_str()).collect::<Vec<_>>(),
        vec!["Reset all offsets", "Wait until the cluster has applied it"]
    );
    assert_eq!(
        flow[1].status,
        StepStatus::Done(Some("Offsets reset.".into()))
    );
    assert!(!detail.flow_running().get_untracked());
    stub_uninstall();
    drop(owner);
}

#[wasm_bindgen_test]
async fn a_failed_confluent_cloud_offsets_request_fails_the_flow_with_its_message() {
    use connect_console::state::detail::StepStatus;
    let (owner, detail) = confluent_cloud_offsets_reset("sink-2");
    let post = call_ending("/connectors/sink-2/offsets/request", 0).await;
    stub_answer(post, r#"{"type":"DELETE"}"#);
    let status = call_ending("/connectors/sink-2/offsets/request/status", post + 1).await;
    stub_answer(
        status,
        r#"{"request":{"type":"DELETE"},"status":{"phase":"FAILED","message":"The connector is not in a valid state."}}"#,
    );
    call_ending("/connectors/sink-2/offsets", status + 1).await;
    let flow = detail.flow().get_untracked();
    assert_eq!(
        flow[1].status,
        StepStatus::Failed("The connector is not in a valid state.".into())
    );
    stub_uninstall();
    drop(owner);
}

#[wasm_bindgen_test]
async fn a_manual_refresh_superseded_by_an_action_still_lists_configs() {
    let (owner, store) = alpha_refreshed_after_its_version().await;
    let first = call_ending("/connectors?expand=status&expand=info", 1).await;
    stub_answer(first, &listing_json("a"));
    sleep(50).await;
    // A manual refresh lists configs; an action's read supersedes it while it is out.
    store.refresh(Some("alpha"));
    let manual = call_ending("/connectors?expand=status&expand=info", first + 1).await;
    store.created("alpha", "b");
    next_tick().await;
    assert!(stub_aborted(manual), "superseded");
    wait_for_calls(manual + 2).await;
    assert!(
        stub_url(manual + 1).ends_with("/connectors?expand=status&expand=info"),
        "the replacing read still lists configs: {}",
        stub_url(manual + 1)
    );
    let (a, b) = (listing_json("a"), listing_json("b"));
    stub_answer(manual + 1, &format!("{},{}", &a[..a.len() - 1], &b[1..]));
    sleep(50).await;
    assert_eq!(store.keys().get_untracked().len(), 2);
    // Answered: the next action's read lists statuses only.
    store.created("alpha", "c");
    wait_for_calls(manual + 3).await;
    assert!(
        stub_url(manual + 2).ends_with("/connectors?expand=status"),
        "{}",
        stub_url(manual + 2)
    );
    stub_uninstall();
    drop(owner);
}

/// The activity log is kept in localStorage: two tabs recording in turn keep both tabs'
/// entries, a new page reads them back, an unreadable save is reported and replaced, and
/// clearing empties storage too.
#[wasm_bindgen_test]
fn the_activity_log_survives_a_reload_and_keeps_every_tab_s_entries() {
    use connect_console::state::activity::{ActivityOutcome, Subject, ACTIVITY_KEY};
    use connect_console::stores::activity::ActivityStore;
    let owner = Owner::new();
    owner.set();
    storage::remove(StorageArea::Local, ACTIVITY_KEY);
    let tab_a = ActivityStore::load();
    let tab_b = ActivityStore::load();
    let pause = |n: &str| (Subject::Connector(n.to_string()), "Pause");
    let (s, a) = pause("one");
    tab_a.record("alpha", s, a, Ok(None));
    let (s, a) = pause("two");
    tab_b.record("beta", s, a, Err("Connector two not found".into()));
    let (s, a) = pause("three");
    tab_a.record("alpha", s, a, Ok(Some("accepted".into())));
    assert_eq!(
        tab_b.log().with_untracked(|l| l.len()),
        2,
        "tab b has not read tab a's last entry yet"
    );
    tab_b.reload();
    assert_eq!(tab_b.log().with_untracked(|l| l.len()), 3, "reloaded");
    let page = ActivityStore::load();
    let names = page.log().with_untracked(|l| {
        l.view("", false)
            .into_iter()
            .map(|e| (e.cluster.clone(), e.subject.name().to_string(), e.failed()))
            .collect::<Vec<_>>()
    });
    assert_eq!(
        names,
        [
            ("alpha".to_string(), "three".to_string(), false),
            ("beta".to_string(), "two".to_string(), true),
            ("alpha".to_string(), "one".to_string(), false),
        ],
        "newest first, neither tab's entries lost"
    );
    let first = page.log().with_untracked(|l| l.view("three", false));
    assert_eq!(
        first[0].outcome,
        ActivityOutcome::Done(Some("accepted".into()))
    );
    assert!(page.problem().get_untracked().is_none());

    storage::set(StorageArea::Local, ACTIVITY_KEY, "[{broken").unwrap();
    let reset = ActivityStore::load();
    assert!(reset.log().with_untracked(|l| l.is_empty()));
    assert!(reset
        .problem()
        .get_untracked()
        .is_some_and(|p| p.contains("unreadable")));
    let (s, a) = pause("four");
    reset.record("alpha", s, a, Ok(None));
    assert_eq!(ActivityStore::load().log().with_untracked(|l| l.len()), 1);

    reset.clear();
    assert!(ActivityStore::load().log().with_untracked(|l| l.is_empty()));
    assert_eq!(
        storage::get(StorageArea::Local, ACTIVITY_KEY).as_deref(),
        Some("[]")
    );
}

/// A page that stays open follows what another tab records: the browser sends a `storage`
/// event to every other page of the origin when one saves, and the store reads the log again.
/// Here the other tab is storage written directly plus the event the browser would send; an
/// event for another key leaves the log alone, and a Clear in another tab or storage cleared
/// altogether empties this page's log for good.
#[wasm_bindgen_test]
fn an_open_page_takes_in_another_tab_s_entries_when_the_browser_says_storage_changed() {
    use connect_console::state::activity::{ActivityLog, Subject, ACTIVITY_KEY};
    use connect_console::stores::activity::ActivityStore;
    let owner = Owner::new();
    owner.set();
    storage::remove(StorageArea::Local, ACTIVITY_KEY);
    let page = ActivityStore::load();
    page.record("alpha", Subject::Connector("one".into()), "Pause", Ok(None));
    let notify = |key: Option<&str>| {
        let init = web_sys::StorageEventInit::new();
        init.set_key(key);
        let event = web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
        web_sys::window().unwrap().dispatch_event(&event).unwrap();
    };
    // The other tab: reads storage, records, saves (no event reaches the page that saved).
    let mut other =
        ActivityLog::from_json(storage::get(StorageArea::Local, ACTIVITY_KEY).as_deref()).0;
    other.record(connect_console::state::activity::ActivityEntry::new(
        connect_console::web::page::now_ms(),
        "beta",
        Subject::Connector("two".into()),
        "Resume",
        Err("Connector two not found".into()),
    ));
    storage::set(StorageArea::Local, ACTIVITY_KEY, &other.to_json()).unwrap();
    notify(Some("connect-console.settings.v1"));
    assert_eq!(
        page.log().with_untracked(|l| l.len()),
        1,
        "an event for another key does not read the log"
    );
    notify(Some(ACTIVITY_KEY));
    let names = page.log().with_untracked(|l| {
        l.view("", false)
            .into_iter()
            .map(|e| e.subject.name().to_string())
            .collect::<Vec<_>>()
    });
    assert_eq!(
        names,
        ["two", "one"],
        "the other tab's entry is listed, newest first"
    );

    // The other tab's Clear (the console writes an empty log).
    storage::set(StorageArea::Local, ACTIVITY_KEY, "[]").unwrap();
    notify(Some(ACTIVITY_KEY));
    assert!(
        page.log().with_untracked(|l| l.is_empty()),
        "cleared in another tab"
    );
    // All storage cleared elsewhere (the key is gone, the event's key is null): the page's
    // log empties too, and its next record does not bring the old entries back.
    page.record(
        "alpha",
        Subject::Connector("three".into()),
        "Restart",
        Ok(None),
    );
    storage::remove(StorageArea::Local, ACTIVITY_KEY);
    notify(None);
    assert!(
        page.log().with_untracked(|l| l.is_empty()),
        "storage cleared"
    );
    page.record(
        "alpha",
        Subject::Connector("four".into()),
        "Pause",
        Ok(None),
    );
    let stored =
        ActivityLog::from_json(storage::get(StorageArea::Local, ACTIVITY_KEY).as_deref()).0;
    assert_eq!(
        stored
            .view("", false)
            .iter()
            .map(|e| e.subject.name().to_string())
            .collect::<Vec<_>>(),
        ["four"],
        "only what was recorded after the clear"
    );
    owner.unset();
}

#[wasm_bindgen_test]
fn a_connect_src_violation_marks_that_url_refused_and_no_other() {
    use connect_console::web::csp::{note_refused, refused_origin};
    assert_eq!(refused_origin("http://10.9.8.7:8083/connectors"), None);
    // What a violation event reports: the full URL the page tried.
    note_refused("http://10.9.8.7:8083/connectors?expand=status");
    assert_eq!(
        refused_origin("http://10.9.8.7:8083/connectors?expand=status&expand=info").as_deref(),
        Some("http://10.9.8.7:8083"),
        "the same URL with another query"
    );
    // A policy may allow one path of a host and refuse another.
    assert_eq!(
        refused_origin("http://10.9.8.7:8083/admin/loggers"),
        None,
        "another path"
    );
    assert_eq!(
        refused_origin("http://10.9.8.7:8084/connectors"),
        None,
        "another port"
    );
    assert_eq!(
        refused_origin("/connect/alpha/connectors"),
        None,
        "same origin"
    );
}
