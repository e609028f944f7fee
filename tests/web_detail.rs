//! Browser tests of the detail screen's components: a trace shows its first line collapsed,
//! expands to the whole trace and offers a copy button; the config view masks PASSWORD values
//! (by the plugin's definitions), `${provider:...}` references and secret-looking names, so
//! the secret never reaches the DOM; the task table shows a restart-snapshot state.
#![cfg(target_arch = "wasm32")]

use std::collections::BTreeMap;

use connect_console::components::config_view::ConfigView;
use connect_console::components::task_table::TaskTable;
use connect_console::components::trace_view::TraceView;
use connect_console::form::secret::SecretPolicy;
use connect_console::form::types::ConfigType;
use connect_console::protocol::model::{ConfigMap, State};
use connect_console::state::reconcile::TaskRow;
use leptos::prelude::*;
use wasm_bindgen_test::*;

#[path = "support/web.rs"]
mod web_support;
use web_support::{host, next_tick, q};

wasm_bindgen_test_configure!(run_in_browser);

const TRACE: &str = "org.apache.kafka.connect.errors.ConnectException: Couldn't find or create file\n\tat org.apache.kafka.connect.file.FileStreamSinkTask.start(FileStreamSinkTask.java:74)\n\tat org.apache.kafka.connect.runtime.WorkerSinkTask.initializeAndStart(WorkerSinkTask.java:338)\n";

#[wasm_bindgen_test]
async fn trace_is_collapsed_to_its_first_line_expands_and_has_a_copy_button() {
    let root = host();
    let handle = leptos::mount::mount_to(root.clone(), || {
        view! { <TraceView trace=TRACE label="task 0"/> }
    });
    next_tick().await;
    let first = q(&root, "[data-testid=trace-first-line]");
    assert_eq!(
        first.text_content().unwrap(),
        "org.apache.kafka.connect.errors.ConnectException: Couldn't find or create file"
    );
    assert!(
        root.query_selector("[data-testid=trace-full]")
            .unwrap()
            .is_none(),
        "the full trace is hidden while collapsed"
    );
    let toggle = q(&root, "[data-testid=trace-toggle]");
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert!(toggle.text_content().unwrap().contains("+2 lines"));
    assert_eq!(
        toggle.get_attribute("aria-label").as_deref(),
        Some("Show the full stack trace of task 0")
    );
    let copy = q(&root, "[data-testid=trace-copy]");
    assert_eq!(
        copy.get_attribute("aria-label").as_deref(),
        Some("Copy the stack trace of task 0")
    );

    toggle.click();
    next_tick().await;
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    let full = q(&root, "[data-testid=trace-full]");
    assert!(full
        .text_content()
        .unwrap()
        .contains("FileStreamSinkTask.java:74"));
    assert!(full
        .text_content()
        .unwrap()
        .contains("WorkerSinkTask.java:338"));
    assert_eq!(
        toggle.get_attribute("aria-controls"),
        full.get_attribute("id"),
        "the toggle controls the trace it reveals"
    );

    toggle.click();
    next_tick().await;
    assert!(root
        .query_selector("[data-testid=trace-full]")
        .unwrap()
        .is_none());
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn config_view_masks_password_values_references_and_secret_names() {
    let root = host();
    let mut config = ConfigMap::new();
    config.insert("connector.class".into(), "io.example.JdbcSink".into());
    config.insert("connection.pw".into(), "hunter2-by-type".into());
    config.insert("db.password".into(), "hunter2-by-name".into());
    config.insert(
        "ssl.truststore.location".into(),
        "${file:/etc/secrets.properties:truststore}".into(),
    );
    config.insert("batch.size".into(), "500".into());
    let policy = SecretPolicy::from_types([
        ("connection.pw".to_string(), ConfigType::Password),
        ("batch.size".to_string(), ConfigType::Int),
    ]);
    let handle = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <ConfigView config=Signal::stored(config.clone()) policy=Signal::stored(policy.clone()) caption="Config of jdbc"/>
        }
    });
    next_tick().await;
    let html = root.inner_html();
    for secret in [
        "hunter2-by-type",
        "hunter2-by-name",
        "/etc/secrets.properties",
    ] {
        assert!(!html.contains(secret), "{secret} must never reach the DOM");
    }
    let row = |key: &str| {
        q(
            &root,
            &format!("[data-testid=config-row][data-key=\"{key}\"]"),
        )
    };
    for key in ["connection.pw", "db.password", "ssl.truststore.location"] {
        let r = row(key);
        assert_eq!(
            r.get_attribute("data-secret").as_deref(),
            Some("true"),
            "{key}"
        );
        assert!(r.text_content().unwrap().contains("[hidden]"), "{key}");
    }
    assert!(row("ssl.truststore.location")
        .text_content()
        .unwrap()
        .contains("provider reference"));
    assert_eq!(
        row("batch.size").get_attribute("data-secret").as_deref(),
        Some("false")
    );
    assert!(row("batch.size").text_content().unwrap().contains("500"));
    assert!(row("connector.class")
        .text_content()
        .unwrap()
        .contains("io.example.JdbcSink"));
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn task_table_shows_restart_snapshot_states_and_restart_buttons() {
    let root = host();
    let restarted = RwSignal::new(Vec::<u32>::new());
    let overlay = RwSignal::new(BTreeMap::<u32, State>::new());
    let busy = RwSignal::new(false);
    let tasks = vec![
        TaskRow {
            id: 0,
            state: State::Failed,
            worker_id: Some("w1:8083".into()),
            trace: Some(TRACE.into()),
        },
        TaskRow {
            id: 1,
            state: State::Running,
            worker_id: Some("w2:8083".into()),
            trace: None,
        },
    ];
    let handle = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <TaskTable
                tasks=Signal::stored(tasks.clone())
                overlay=overlay
                can_restart=Signal::stored(true)
                busy=busy
                on_restart=Callback::new(move |id| restarted.update(|r| r.push(id)))
            />
        }
    });
    next_tick().await;
    let row0 = q(&root, "[data-testid=task-row][data-task=\"0\"]");
    assert_eq!(row0.get_attribute("data-state").as_deref(), Some("failed"));
    assert!(row0
        .query_selector("[data-testid=trace-first-line]")
        .unwrap()
        .is_some());
    overlay.set([(0, State::Restarting)].into());
    next_tick().await;
    let row0 = q(&root, "[data-testid=task-row][data-task=\"0\"]");
    assert_eq!(
        row0.get_attribute("data-state").as_deref(),
        Some("restarting")
    );
    let button = q(&row0, "[data-testid=task-restart]");
    assert_eq!(
        button.get_attribute("aria-label").as_deref(),
        Some("Restart task 0")
    );
    button.click();
    next_tick().await;
    assert_eq!(restarted.get_untracked(), vec![0]);
    // While an action on the connector is in flight the buttons wait (no second restart).
    busy.set(true);
    next_tick().await;
    let button = q(&root, "[data-testid=task-restart]");
    assert!(
        button.has_attribute("disabled"),
        "the disabled property reflects"
    );
    button.click();
    next_tick().await;
    assert_eq!(restarted.get_untracked(), vec![0]);
    busy.set(false);
    next_tick().await;
    assert!(!button.has_attribute("disabled"));
    drop(handle);
    root.remove();
}
