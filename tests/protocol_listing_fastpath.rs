//! `apache::parse_listing` reads the expanded list straight into typed entries (no `Value`
//! tree: the bench's 10,000-connector profile showed that tree as half of a refresh). These
//! tests pin that the fast path gives exactly what the `Value`-based reading gives, on every
//! captured expanded body and on a large generated one, and that a body it cannot read still
//! fails with the offending connector named.
#![cfg(not(target_arch = "wasm32"))]

use connect_console::protocol::apache;
use connect_console::protocol::model::{
    ConnectorInfo, ConnectorListing, ConnectorStatus, ConnectorSummary,
};
use serde_json::{json, Value};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/apache");

/// The reading before the fast path: a `Value` tree, then each half converted on its own.
fn reference(body: &str) -> ConnectorListing {
    let v: Value = serde_json::from_str(body.trim_start_matches('\u{feff}')).unwrap();
    let Value::Object(map) = v else {
        panic!("not an object")
    };
    let half = |e: &Value, k: &str| e.get(k).filter(|x| !x.is_null()).cloned();
    let mut listing = ConnectorListing {
        connectors: map
            .into_iter()
            .map(|(name, e)| ConnectorSummary {
                status: half(&e, "status")
                    .map(|s| serde_json::from_value::<ConnectorStatus>(s).unwrap()),
                info: half(&e, "info").map(|i| serde_json::from_value::<ConnectorInfo>(i).unwrap()),
                name,
            })
            .collect(),
        ..ConnectorListing::default()
    };
    listing.normalize();
    listing
}

#[test]
fn fast_path_equals_value_reading_on_captured_bodies() {
    for file in [
        "connectors-expand-status-info.json",
        "connectors-expand-status-info-worker2.json",
        "beta-connectors-expand-status-info.json",
        "connectors-expand-status.json",
        "connectors-expand-info.json",
        "connectors-expand-comma.json",
    ] {
        let body = std::fs::read_to_string(format!("{DIR}/{file}")).unwrap();
        let fast = apache::parse_listing(200, &body).unwrap();
        assert_eq!(fast, reference(&body), "{file}");
        // Compact (as Jackson sends it) and with a byte-order mark: same result.
        let compact =
            serde_json::to_string(&serde_json::from_str::<Value>(&body).unwrap()).unwrap();
        assert_eq!(
            apache::parse_listing(200, &compact).unwrap(),
            fast,
            "{file} compact"
        );
        assert_eq!(
            apache::parse_listing(200, &format!("\u{feff}{compact}")).unwrap(),
            fast,
            "{file} BOM"
        );
    }
}

#[test]
fn fast_path_equals_value_reading_at_scale() {
    let captured: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{DIR}/connectors-expand-status-info.json")).unwrap(),
    )
    .unwrap();
    let templates: Vec<&Value> = captured.as_object().unwrap().values().collect();
    let mut map = serde_json::Map::new();
    for i in 0..3000 {
        let mut e = templates[i % templates.len()].clone();
        // Names the list must survive, in an order that is not sorted.
        let name = match i % 7 {
            0 => format!("zz-{i}"),
            1 => format!("orders sink (legacy) {i}"),
            2 => format!("顧客-同期-{i}"),
            3 => format!("100%-{i}"),
            _ => format!("conn-{:05}", (i * 7919) % 3000),
        };
        e["status"]["name"] = json!(name);
        e["info"]["name"] = json!(name);
        e["info"]["config"]["name"] = json!(name);
        if i % 11 == 0 {
            e.as_object_mut().unwrap().remove("status");
        }
        map.insert(name, e);
    }
    let body = serde_json::to_string(&Value::Object(map)).unwrap();
    let fast = apache::parse_listing(200, &body).unwrap();
    assert_eq!(fast, reference(&body));
    assert!(!fast.missing_status.is_empty());
}

#[test]
fn unreadable_entry_still_names_the_connector() {
    let body = r#"{"good":{"status":{"name":"good","connector":{"state":"RUNNING","worker_id":"w:8083"},"tasks":[],"type":"source"}},"bad one":{"status":{"name":"bad one","connector":{"state":"RUNNING"},"tasks":"not a list","type":"sink"}}}"#;
    let err = apache::parse_listing(200, body).unwrap_err();
    assert!(err.message.contains("bad one"), "{}", err.message);
    // A plain name array still reads as names without status.
    let names = apache::parse_listing(200, r#"["b","a"]"#).unwrap();
    assert_eq!(names.names(), vec!["a".to_string(), "b".to_string()]);
    assert_eq!(names.missing_status, vec!["a".to_string(), "b".to_string()]);
}

#[path = "support/same_text.rs"]
mod same_text_check;

#[test]
fn same_text_agrees_with_string_equality_at_every_length_and_position() {
    same_text_check::same_text_agrees_with_string_equality();
}

#[test]
fn body_text_agrees_with_from_utf8_lossy_at_every_length_and_position() {
    same_text_check::body_text_agrees_with_from_utf8_lossy();
}

#[test]
fn body_text_reads_long_runs_of_other_characters() {
    same_text_check::body_text_reads_long_runs_of_other_characters();
}
