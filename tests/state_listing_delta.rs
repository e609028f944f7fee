//! A refresh reads the expanded listing against the entry text of the previous one
//! (`apache::parse_listing_since`, `ClusterRows::apply_delta`): only changed entries are
//! parsed and rebuilt. These tests pin that the rows come out exactly as a full parse and
//! `apply_listing` would make them, over a run of listings with changes, additions, removals
//! and pending markers, and that every way a row can drift from its text forces a re-read.
#![cfg(not(target_arch = "wasm32"))]

use connect_console::protocol::apache;
use connect_console::protocol::model::{ListingDelta, RawEntries};
use connect_console::state::actions::{ConnectorAction, Pending};
use connect_console::state::reconcile::{ClusterRows, ConnectorRow};
use serde_json::{json, Value};
use std::sync::Arc;

fn status(name: &str, state: &str, task: &str) -> Value {
    json!({"name": name, "connector": {"state": state, "worker_id": "w1:8083", "version": "4.1.0"},
           "tasks": [{"id": 0, "state": task, "worker_id": "w2:8083", "version": "4.1.0"}], "type": "sink"})
}

fn info(name: &str, topic: &str) -> Value {
    json!({"name": name, "config": {"connector.class": "org.apache.kafka.connect.file.FileStreamSinkConnector",
           "topics": topic, "name": name}, "tasks": [{"connector": name, "task": 0}], "type": "sink"})
}

/// One expanded entry's value (status and info) for (name, connector state, task state, topic).
fn entry_value(name: &str, state: &str, task: &str, topic: &str) -> Value {
    json!({"status": status(name, state, task), "info": info(name, topic)})
}

/// One expanded entry's value as compact JSON text.
fn entry(name: &str, state: &str, topic: &str) -> String {
    serde_json::to_string(&entry_value(name, state, state, topic)).unwrap()
}

/// A compact expanded body (as Jackson sends it) for (name, connector state, task state, topic).
fn body(entries: &[(&str, &str, &str, &str)]) -> String {
    let mut map = serde_json::Map::new();
    for (name, state, task, topic) in entries {
        map.insert(name.to_string(), entry_value(name, state, task, topic));
    }
    serde_json::to_string(&Value::Object(map)).unwrap()
}

/// The names a delta took as unchanged, sorted (they come in body order).
fn unchanged(d: &ListingDelta) -> Vec<&str> {
    let mut names: Vec<&str> = d.unchanged.iter().map(|(n, _)| &**n).collect();
    names.sort();
    names
}

fn rows_of(r: &ClusterRows) -> Vec<ConnectorRow> {
    r.rows().map(|r| (**r).clone()).collect()
}

#[test]
fn an_identical_listing_parses_nothing_and_a_changed_entry_only_itself() {
    let b0 = body(&[
        ("a", "RUNNING", "RUNNING", "t1"),
        ("b", "RUNNING", "RUNNING", "t2"),
        ("c", "PAUSED", "PAUSED", "t3"),
    ]);
    let first = apache::parse_listing_since(200, &b0, &RawEntries::default()).unwrap();
    assert_eq!(
        first.listing.connectors.len(),
        3,
        "nothing known: all parsed"
    );
    assert!(first.unchanged.is_empty());
    assert_eq!(first.raw.len(), 3);

    let same = apache::parse_listing_since(200, &b0, &first.raw).unwrap();
    assert!(same.listing.connectors.is_empty(), "{:?}", same.listing);
    assert_eq!(unchanged(&same), vec!["a", "b", "c"]);
    assert!(
        Arc::ptr_eq(&same.raw["b"], &first.raw["b"]),
        "unchanged text is shared, not copied"
    );

    let b1 = body(&[
        ("a", "RUNNING", "RUNNING", "t1"),
        ("b", "RUNNING", "FAILED", "t2"),
        ("d", "RUNNING", "RUNNING", "t4"),
    ]);
    let next = apache::parse_listing_since(200, &b1, &first.raw).unwrap();
    assert_eq!(
        next.listing.names(),
        vec!["b", "d"],
        "changed and new entries"
    );
    assert_eq!(unchanged(&next), vec!["a"]);
    assert_eq!(next.raw.len(), 3, "c is gone from the text too");
    assert!(!next.raw.contains_key("c"));
}

#[test]
fn rows_from_deltas_equal_rows_from_full_listings_over_a_run() {
    let run = [
        body(&[
            ("a", "RUNNING", "RUNNING", "t1"),
            ("b", "RUNNING", "RUNNING", "t2"),
            ("c", "PAUSED", "PAUSED", "t3"),
        ]),
        body(&[
            ("a", "RUNNING", "RUNNING", "t1"),
            ("b", "RUNNING", "FAILED", "t2"),
            ("c", "PAUSED", "PAUSED", "t3"),
        ]),
        body(&[
            ("a", "RUNNING", "RUNNING", "t1-renamed"),
            ("b", "RUNNING", "FAILED", "t2"),
            ("e", "FAILED", "RUNNING", "t5"),
        ]),
        body(&[
            ("a", "RUNNING", "RUNNING", "t1-renamed"),
            ("b", "RUNNING", "RUNNING", "t2"),
            ("e", "FAILED", "RUNNING", "t5"),
        ]),
        body(&[]),
        body(&[("a", "RUNNING", "RUNNING", "t1")]),
    ];
    let mut full = ClusterRows::new("alpha");
    let mut delta = ClusterRows::new("alpha");
    for (i, b) in run.iter().enumerate() {
        let now = 1_000 * i as u64;
        let want = full.apply_listing(apache::parse_listing(200, b).unwrap().connectors, now);
        let d = apache::parse_listing_since(200, b, &delta.raw_entries()).unwrap();
        let (got, complete) = delta.apply_delta(d, now);
        assert!(complete, "listing {i}");
        assert_eq!(rows_of(&delta), rows_of(&full), "listing {i}");
        let keys = |v: &[Arc<ConnectorRow>]| v.iter().map(|r| r.key.clone()).collect::<Vec<_>>();
        assert_eq!(keys(&got.added), keys(&want.added), "added, listing {i}");
        assert_eq!(
            keys(&got.changed),
            keys(&want.changed),
            "changed, listing {i}"
        );
        assert_eq!(got.removed, want.removed, "removed, listing {i}");
        assert_eq!(got.unchanged, want.unchanged, "unchanged, listing {i}");
        assert_eq!(got.events, want.events, "failure events, listing {i}");
    }
    assert_eq!(delta.counts(), full.counts());
}

#[test]
fn a_pending_marker_on_an_unchanged_row_still_ends() {
    let b = body(&[
        ("a", "PAUSED", "PAUSED", "t1"),
        ("b", "RUNNING", "RUNNING", "t2"),
    ]);
    let mut rows = ClusterRows::new("alpha");
    let d = apache::parse_listing_since(200, &b, &rows.raw_entries()).unwrap();
    rows.apply_delta(d, 0);
    // Pause "a" (already paused, so its text never changes) and "b" (the server has not
    // applied it yet, so its text does not change either).
    rows.set_pending("a", Pending::sent(ConnectorAction::Pause, 0));
    assert!(
        !rows.awaits_confirmation(),
        "sent, not yet accepted: nothing to confirm"
    );
    rows.acknowledge_pending("a", 0);
    rows.set_pending("b", Pending::sent(ConnectorAction::Pause, 0));
    rows.acknowledge_pending("b", 0);
    assert!(rows.awaits_confirmation());
    let d = apache::parse_listing_since(200, &b, &rows.raw_entries()).unwrap();
    assert_eq!(d.unchanged.len(), 2);
    let (out, _) = rows.apply_delta(d, 1_000);
    assert_eq!(
        out.changed.iter().map(|r| &*r.key.name).collect::<Vec<_>>(),
        vec!["a"],
        "a's state already shows the pause: its marker ends; b still waits"
    );
    assert_eq!(rows.get("a").unwrap().pending, None);
    assert_eq!(rows.get("b").unwrap().pending, Some(ConnectorAction::Pause));
    assert!(rows.awaits_confirmation(), "b's pause is still to be seen");
    // Past the confirmation deadline the marker goes whatever the state says.
    let d = apache::parse_listing_since(200, &b, &rows.raw_entries()).unwrap();
    let (out, _) = rows.apply_delta(d, 60_000);
    assert_eq!(out.changed.len(), 1);
    assert_eq!(rows.get("b").unwrap().pending, None);
    assert!(
        !rows.awaits_confirmation(),
        "no marker left: the store stops reading early"
    );
}

#[test]
fn removed_and_placeholder_rows_are_parsed_again() {
    let b = body(&[
        ("a", "RUNNING", "RUNNING", "t1"),
        ("b", "RUNNING", "RUNNING", "t2"),
    ]);
    let mut rows = ClusterRows::new("alpha");
    let d = apache::parse_listing_since(200, &b, &rows.raw_entries()).unwrap();
    rows.apply_delta(d, 0);
    // A delete the server confirmed removes the row at once; the listing still has it
    // (it lags): it is parsed and comes back as what the server says.
    rows.remove("a");
    // A create shows a placeholder for a name the listing already has.
    rows.remove("b");
    rows.insert_placeholder("b");
    let d = apache::parse_listing_since(200, &b, &rows.raw_entries()).unwrap();
    assert!(d.unchanged.is_empty(), "{:?}", d.unchanged);
    let (out, complete) = rows.apply_delta(d, 1_000);
    assert!(complete);
    assert_eq!(out.added.len(), 1, "a");
    assert_eq!(out.changed.len(), 1, "b's placeholder replaced");
    assert!(rows.get("b").unwrap().state.is_some());
}

#[test]
fn a_row_removed_while_the_listing_was_out_is_read_again() {
    let b = body(&[
        ("a", "RUNNING", "RUNNING", "t1"),
        ("b", "RUNNING", "RUNNING", "t2"),
    ]);
    let mut rows = ClusterRows::new("alpha");
    let d = apache::parse_listing_since(200, &b, &rows.raw_entries()).unwrap();
    rows.apply_delta(d, 0);
    // The refresh took the raw entries, then the row went before its answer arrived.
    let previous = rows.raw_entries();
    rows.remove("a");
    let d = apache::parse_listing_since(200, &b, &previous).unwrap();
    assert_eq!(unchanged(&d), vec!["a", "b"]);
    let (out, complete) = rows.apply_delta(d, 1_000);
    assert!(
        !complete,
        "a was listed unchanged but has no row: read again"
    );
    assert!(out.added.is_empty());
    assert!(!rows.raw_entries().contains_key("a"));
    let d = apache::parse_listing_since(200, &b, &rows.raw_entries()).unwrap();
    let (out, complete) = rows.apply_delta(d, 2_000);
    assert!(complete);
    assert_eq!(out.added.len(), 1);
    assert!(rows.get("a").is_some());
}

#[test]
fn escaped_names_are_decoded_and_matched_by_name() {
    // Names with `"` and `\`, and one a proxy wrote with `\u` escapes: each key is decoded.
    let b = body(&[
        ("quote\"d", "RUNNING", "RUNNING", "t1"),
        ("back\\slash", "RUNNING", "RUNNING", "t2"),
        ("b", "RUNNING", "RUNNING", "t3"),
    ])
    .replacen("\"b\":", "\"\\u0062\":", 1);
    let d = apache::parse_listing_since(200, &b, &RawEntries::default()).unwrap();
    assert_eq!(d.listing, apache::parse_listing(200, &b).unwrap());
    assert_eq!(d.keeps_every_previous, Some(true), "split, not read whole");
    let mut names: Vec<&str> = d.raw.names().collect();
    names.sort_unstable();
    assert_eq!(names, vec!["b", "back\\slash", "quote\"d"]);
    // The same body again: every entry is matched unchanged, by its decoded name.
    let again = apache::parse_listing_since(200, &b, &d.raw).unwrap();
    assert!(again.listing.connectors.is_empty());
    assert_eq!(unchanged(&again), vec!["b", "back\\slash", "quote\"d"]);
    // The flag that keeps escaped names off the in-place compare survives an unchanged entry.
    for (i, (n, _)) in again.raw.entries().iter().enumerate() {
        assert_eq!(again.raw.name_is_plain(i), &**n == "b", "{n}");
    }
    // One changes: only it is parsed.
    let changed = b.replacen("\"t2\"", "\"t9\"", 1);
    let d2 = apache::parse_listing_since(200, &changed, &d.raw).unwrap();
    assert_eq!(d2.listing.names(), vec!["back\\slash"]);
    assert_eq!(unchanged(&d2), vec!["b", "quote\"d"]);
}

#[test]
fn a_name_that_reads_like_another_names_escape_is_not_taken_for_it() {
    // The connector named `q\u0041` (a backslash in its name) is written `"q\\u0041"`; the
    // key `"q\u0041"` in its place is another connector, `qA`.
    let literal = "q\\u0041";
    let first = body(&[(literal, "RUNNING", "RUNNING", "t1")]);
    let d = apache::parse_listing_since(200, &first, &RawEntries::default()).unwrap();
    assert_eq!(d.raw.names().collect::<Vec<_>>(), vec![literal]);
    let entry_text = d.raw.get(literal).unwrap().to_string();
    let other = format!("{{\"q\\u0041\":{entry_text}}}");
    let d2 = apache::parse_listing_since(200, &other, &d.raw).unwrap();
    assert_eq!(d2.listing.names(), vec!["qA"]);
    assert!(unchanged(&d2).is_empty());
    assert_eq!(d2.keeps_every_previous, Some(false), "{literal} is gone");
}

#[test]
fn what_the_delta_cannot_read_is_read_whole() {
    // A malformed entry is an error that names it, even when others are unchanged.
    let good = body(&[("good", "RUNNING", "RUNNING", "t1")]);
    let known = apache::parse_listing_since(200, &good, &RawEntries::default())
        .unwrap()
        .raw;
    let bad = format!(
        "{},\"bad one\":{{\"status\":{{\"name\":\"bad one\",\"tasks\":\"x\"}}}}}}",
        &good[..good.len() - 1]
    );
    let err = apache::parse_listing_since(200, &bad, &known).unwrap_err();
    assert!(err.message.contains("bad one"), "{}", err.message);
}

#[test]
fn a_row_replaced_while_the_listing_was_out_is_read_again() {
    let b = body(&[
        ("a", "RUNNING", "RUNNING", "t1"),
        ("b", "RUNNING", "RUNNING", "t2"),
    ]);
    let mut rows = ClusterRows::new("alpha");
    let d = apache::parse_listing_since(200, &b, &rows.raw_entries()).unwrap();
    rows.apply_delta(d, 0);
    // The refresh took the entries; then "a" was deleted and created again (a placeholder).
    let previous = rows.raw_entries();
    rows.remove("a");
    rows.insert_placeholder("a");
    let d = apache::parse_listing_since(200, &b, &previous).unwrap();
    drop(previous);
    let (_, complete) = rows.apply_delta(d, 1_000);
    assert!(!complete, "the placeholder is not what a's text describes");
    assert_eq!(rows.get("a").unwrap().state, None, "still the placeholder");
    let d = apache::parse_listing_since(200, &b, &rows.raw_entries()).unwrap();
    assert_eq!(unchanged(&d), vec!["b"], "a is parsed again");
    let (out, complete) = rows.apply_delta(d, 2_000);
    assert!(complete);
    assert_eq!(out.changed.len(), 1);
    assert!(rows.get("a").unwrap().state.is_some());

    // A full listing applied meanwhile (`ingest`) replaces every row: all are read again.
    let previous = rows.raw_entries();
    rows.apply_listing(apache::parse_listing(200, &b).unwrap().connectors, 3_000);
    let d = apache::parse_listing_since(200, &b, &previous).unwrap();
    drop(previous);
    let (_, complete) = rows.apply_delta(d, 4_000);
    assert!(!complete);
    let d = apache::parse_listing_since(200, &b, &rows.raw_entries()).unwrap();
    assert!(d.unchanged.is_empty());
    assert_eq!(d.listing.connectors.len(), 2);
}

#[test]
fn entries_without_status_and_a_marker_on_a_gone_row_match_the_full_path() {
    let with_status = body(&[
        ("a", "RUNNING", "RUNNING", "t1"),
        ("b", "RUNNING", "RUNNING", "t2"),
    ]);
    // "b" listed without status (Connect had none for it), then "a" gone and "b" an empty `{}`.
    let mut v: Value = serde_json::from_str(&with_status).unwrap();
    v["b"].as_object_mut().unwrap().remove("status");
    let no_status = serde_json::to_string(&v).unwrap();
    let empty_b = r#"{"b":{}}"#.to_string();
    let mut full = ClusterRows::new("alpha");
    let mut delta = ClusterRows::new("alpha");
    for (i, b) in [&with_status, &no_status, &no_status, &empty_b, &with_status]
        .into_iter()
        .enumerate()
    {
        let now = 1_000 * i as u64;
        if i == 2 {
            // A pause sent to "a", which the next listing no longer has.
            full.set_pending("a", Pending::sent(ConnectorAction::Pause, now));
            delta.set_pending("a", Pending::sent(ConnectorAction::Pause, now));
        }
        full.apply_listing(apache::parse_listing(200, b).unwrap().connectors, now);
        let d = apache::parse_listing_since(200, b, &delta.raw_entries()).unwrap();
        let (_, complete) = delta.apply_delta(d, now);
        assert!(complete, "listing {i}");
        assert_eq!(rows_of(&delta), rows_of(&full), "listing {i}");
    }
    // "a" came back in the last listing: no marker from before its removal.
    assert_eq!(delta.get("a").unwrap().pending, None);
}

#[test]
fn lacks_any_finds_a_vanished_connector_with_and_without_raw_entries() {
    let b0 = body(&[
        ("a", "RUNNING", "RUNNING", "t1"),
        ("b", "RUNNING", "RUNNING", "t2"),
    ]);
    let first = apache::parse_listing_since(200, &b0, &RawEntries::default()).unwrap();
    let b1 = body(&[
        ("a", "RUNNING", "RUNNING", "t1"),
        ("c", "RUNNING", "RUNNING", "t3"),
    ]);
    // With raw entries: "a" unchanged, "c" new, "b" gone.
    let next = apache::parse_listing_since(200, &b1, &first.raw).unwrap();
    assert!(!next.raw.is_empty());
    assert!(!next.lacks_any(["a", "c"].into_iter()));
    assert!(next.lacks_any(["a", "b"].into_iter()), "b vanished");
    assert!(!next.lacks_any(std::iter::empty()));
    // Without raw entries (a listing another flavor gives whole): the same answers.
    let mut whole = ListingDelta::full(next.listing.clone());
    whole.unchanged = next.unchanged.clone();
    assert!(whole.raw.is_empty());
    assert!(!whole.lacks_any(["a", "c"].into_iter()));
    assert!(whole.lacks_any(["b"].into_iter()));
}

#[test]
fn unchanged_entries_are_recognised_whatever_the_spacing_around_them() {
    let b0 = body(&[
        ("a", "RUNNING", "RUNNING", "t1"),
        ("b", "RUNNING", "RUNNING", "t2"),
    ]);
    let first = apache::parse_listing_since(200, &b0, &RawEntries::default()).unwrap();
    let a = entry("a", "RUNNING", "t1");
    let b = entry("b", "RUNNING", "t2");
    // Pretty-printed around the entries (a proxy may reformat), entries themselves intact,
    // in the other order.
    let spaced = format!("\u{feff} {{\n  \"b\" :\t{b} ,\r\n  \"a\":{a}\n}}\n");
    let d = apache::parse_listing_since(200, &spaced, &first.raw).unwrap();
    assert_eq!(unchanged(&d), vec!["a", "b"]);
    assert!(d.listing.connectors.is_empty());
    assert!(Arc::ptr_eq(&d.raw["a"], &first.raw["a"]));
    // An empty object is an empty listing.
    let d = apache::parse_listing_since(200, " { } ", &first.raw).unwrap();
    assert!(d.unchanged.is_empty() && d.listing.connectors.is_empty() && d.raw.is_empty());
}

#[test]
fn a_repeated_name_is_read_whole_and_keeps_its_last_entry() {
    let running = entry("a", "RUNNING", "t1");
    let paused = entry("a", "PAUSED", "t1");
    let twice = format!("{{\"a\":{running},\"a\":{paused}}}");
    let full = apache::parse_listing(200, &twice).unwrap();
    assert_eq!(full.connectors.len(), 1);
    let paused_state = full.connectors[0]
        .status
        .as_ref()
        .unwrap()
        .connector
        .state
        .clone();
    assert_eq!(paused_state.to_string(), "PAUSED", "the last entry wins");
    let known =
        apache::parse_listing_since(200, &format!("{{\"a\":{running}}}"), &RawEntries::default())
            .unwrap()
            .raw;
    for previous in [RawEntries::default(), known] {
        let d = apache::parse_listing_since(200, &twice, &previous).unwrap();
        assert!(d.unchanged.is_empty() && d.raw.is_empty(), "read whole");
        assert_eq!(d.listing, full);
    }
}

#[test]
fn a_previous_text_longer_than_a_changed_entry_or_ending_inside_a_character_is_no_match() {
    let a_entry = |topic: &str| entry("a", "RUNNING", topic);
    let known = apache::parse_listing_since(
        200,
        &format!("{{\"a\":{}}}", a_entry("abcd")),
        &RawEntries::default(),
    )
    .unwrap()
    .raw;
    // The old text's length ends inside the three-byte "€" of the new entry.
    for topic in ["a€€", "ab", "abcd€", "€"] {
        let b = format!("{{\"a\":{}}}", a_entry(topic));
        let d = apache::parse_listing_since(200, &b, &known).unwrap();
        assert!(d.unchanged.is_empty(), "{topic}");
        assert_eq!(
            d.listing,
            apache::parse_listing(200, &b).unwrap(),
            "{topic}"
        );
    }
    // The old text followed by more than a separator is no listing: the full parse says so.
    let b = format!("{{\"a\":{}x}}", a_entry("abcd"));
    assert!(apache::parse_listing_since(200, &b, &known).is_err());
    let b = format!("{{\"a\":{}}} trailing", a_entry("abcd"));
    assert!(apache::parse_listing_since(200, &b, &known).is_err());
}

/// A compact expanded body with the entries in exactly this order (Connect's order follows
/// its hash map, not the names).
fn ordered_body(entries: &[(&str, &str, &str)]) -> String {
    let members: Vec<String> = entries
        .iter()
        .map(|(name, state, topic)| format!("{:?}:{}", name, entry(name, state, topic)))
        .collect();
    format!("{{{}}}", members.join(","))
}

#[test]
fn a_listing_whose_order_moved_is_still_read_against_the_previous_text() {
    // Reordered, b changed.
    let moved = ordered_body(&[
        ("c", "RUNNING", "t3"),
        ("a", "RUNNING", "t1"),
        ("b", "PAUSED", "t2"),
    ]);
    let run = [
        ordered_body(&[
            ("a", "RUNNING", "t1"),
            ("b", "RUNNING", "t2"),
            ("c", "RUNNING", "t3"),
        ]),
        moved.clone(),
        // The same order again: every entry unchanged, in order.
        moved,
        // A new name first, one gone from the middle, one changed at the end.
        ordered_body(&[
            ("d", "RUNNING", "t4"),
            ("c", "RUNNING", "t3"),
            ("b", "FAILED", "t2"),
        ]),
    ];
    let mut full = ClusterRows::new("alpha");
    let mut delta = ClusterRows::new("alpha");
    let mut parsed = Vec::new();
    for (i, b) in run.iter().enumerate() {
        let now = 1_000 * i as u64;
        let want = full.apply_listing(apache::parse_listing(200, b).unwrap().connectors, now);
        let d = apache::parse_listing_since(200, b, &delta.raw_entries()).unwrap();
        parsed.push(d.listing.names());
        let (got, complete) = delta.apply_delta(d, now);
        assert!(complete, "listing {i}");
        assert!(delta.rows_match_raw(), "listing {i}");
        assert_eq!(rows_of(&delta), rows_of(&full), "listing {i}");
        assert_eq!(got.removed, want.removed, "removed, listing {i}");
        assert_eq!(got.unchanged, want.unchanged, "unchanged, listing {i}");
        assert_eq!(
            got.changed.len(),
            want.changed.len(),
            "changed, listing {i}"
        );
        assert_eq!(got.added.len(), want.added.len(), "added, listing {i}");
    }
    assert_eq!(parsed[1], vec!["b"], "only the changed entry is parsed");
    assert!(parsed[2].is_empty());
    assert_eq!(parsed[3], vec!["b", "d"]);
    let raw = delta.raw_entries();
    assert_eq!(
        raw.names().collect::<Vec<_>>(),
        vec!["d", "c", "b"],
        "body order"
    );
}

#[test]
fn the_delta_says_whether_every_previous_name_is_listed_again() {
    let three = ordered_body(&[
        ("a", "RUNNING", "t1"),
        ("b", "RUNNING", "t2"),
        ("c", "RUNNING", "t3"),
    ]);
    let previous = apache::parse_listing_since(200, &three, &RawEntries::default())
        .unwrap()
        .raw;
    let check = |b: &str| {
        let d = apache::parse_listing_since(200, b, &previous).unwrap();
        (d.keeps_every_previous, d.lacks_any_of(&previous))
    };
    assert_eq!(check(&three), (Some(true), false));
    let added_and_moved = ordered_body(&[
        ("c", "RUNNING", "t3"),
        ("x", "RUNNING", "t9"),
        ("a", "PAUSED", "t1"),
        ("b", "RUNNING", "t2"),
    ]);
    assert_eq!(check(&added_and_moved), (Some(true), false));
    let one_gone = ordered_body(&[("a", "RUNNING", "t1"), ("c", "FAILED", "t3")]);
    assert_eq!(check(&one_gone), (Some(false), true));
    assert_eq!(check("{}"), (Some(false), true));
    // An escaped name is decoded: whether every name is listed again is still known.
    let escaped = format!(
        "{{\"a\":{},\"b\":{},\"c\":{},\"q\\\"\":{}}}",
        entry("a", "RUNNING", "t1"),
        entry("b", "RUNNING", "t2"),
        entry("c", "RUNNING", "t3"),
        entry("q\"", "RUNNING", "t4")
    );
    assert_eq!(check(&escaped), (Some(true), false));
    let escaped_without_b =
        escaped.replacen(&format!("\"b\":{},", entry("b", "RUNNING", "t2")), "", 1);
    assert_eq!(check(&escaped_without_b), (Some(false), true));
    // A name listed twice, even one found by its place and then by name, is read whole.
    let twice = ordered_body(&[
        ("a", "RUNNING", "t1"),
        ("b", "RUNNING", "t2"),
        ("a", "PAUSED", "t1"),
    ]);
    let d = apache::parse_listing_since(200, &twice, &previous).unwrap();
    assert!(d.keeps_every_previous.is_none() && d.raw.is_empty());
    assert_eq!(d.listing, apache::parse_listing(200, &twice).unwrap());
}

#[test]
fn rows_match_their_entries_until_a_placeholder_has_none() {
    let b = ordered_body(&[("a", "RUNNING", "t1"), ("b", "RUNNING", "t2")]);
    let mut rows = ClusterRows::new("alpha");
    let d = apache::parse_listing_since(200, &b, &rows.raw_entries()).unwrap();
    rows.apply_delta(d, 0);
    assert!(rows.rows_match_raw());
    // A confirmed delete takes the row and its text together.
    rows.remove("a");
    assert!(rows.rows_match_raw());
    assert_eq!(rows.raw_entries().names().collect::<Vec<_>>(), vec!["b"]);
    // A created connector's placeholder has no text.
    rows.insert_placeholder("z");
    assert!(!rows.rows_match_raw());
    let d = apache::parse_listing_since(200, &b, &rows.raw_entries()).unwrap();
    assert_eq!(d.keeps_every_previous, Some(true));
    assert!(
        d.lacks_any(rows.rows().map(|r| &*r.key.name)),
        "z is not listed yet: the rows' names say so, the entries cannot"
    );
    let (out, complete) = rows.apply_delta(d, 1_000);
    assert!(complete && rows.rows_match_raw());
    assert_eq!(out.removed.len(), 1, "the unlisted placeholder goes");
    assert_eq!(out.added.len(), 1, "a is listed again");
    // A full listing keeps no text.
    rows.apply_listing(apache::parse_listing(200, &b).unwrap().connectors, 2_000);
    assert!(!rows.rows_match_raw());
}

#[test]
fn a_row_the_name_list_added_has_no_entry_text_so_rows_no_longer_match_their_entries() {
    let both = ordered_body(&[("a", "RUNNING", "t1"), ("b", "RUNNING", "t2")]);
    let mut rows = ClusterRows::new("alpha");
    let d = apache::parse_listing_since(200, &both, &rows.raw_entries()).unwrap();
    rows.apply_delta(d, 0);
    assert!(rows.rows_match_raw());
    // The expanded map leaves b out (Connect had no status for it); the name list has it.
    let only_a = ordered_body(&[("a", "RUNNING", "t1")]);
    let previous = rows.raw_entries();
    let mut d = apache::parse_listing_since(200, &only_a, &previous).unwrap();
    assert!(d.lacks_any_of(&previous));
    d.reconcile_names(&["a", "b"]);
    let (out, complete) = rows.apply_delta(d, 1_000);
    assert!(complete && out.removed.is_empty());
    assert!(rows.get("b").is_some(), "b is kept, without status");
    assert!(
        !rows.rows_match_raw(),
        "b has a row but no entry: the next refresh checks the rows' names"
    );
    // While the name list still has b, each refresh keeps b's row as it was (as a full
    // listing would), rather than removing it and adding a blank one.
    let mut full = ClusterRows::new("alpha");
    full.apply_listing(apache::parse_listing(200, &both).unwrap().connectors, 0);
    let mut only_a_named = apache::parse_listing(200, &only_a).unwrap();
    only_a_named.reconcile_names(&["a", "b"]);
    full.apply_listing(only_a_named.connectors.clone(), 1_000);
    for now in [2_000, 3_000] {
        let previous = rows.raw_entries();
        let mut d = apache::parse_listing_since(200, &only_a, &previous).unwrap();
        assert!(d.lacks_any(rows.rows().map(|r| &*r.key.name)));
        d.reconcile_names(&["a", "b"]);
        let (out, complete) = rows.apply_delta(d, now);
        full.apply_listing(only_a_named.connectors.clone(), now);
        assert!(complete);
        assert!(out.removed.is_empty() && out.added.is_empty(), "{out:?}");
        assert_eq!(rows_of(&rows), rows_of(&full), "at {now}");
    }
    // Next time b is gone from the name list too: the rows' names show it, and it goes.
    let d = apache::parse_listing_since(200, &only_a, &rows.raw_entries()).unwrap();
    assert!(d.lacks_any(rows.rows().map(|r| &*r.key.name)));
    let (out, _) = rows.apply_delta(d, 4_000);
    assert_eq!(out.removed.len(), 1);
    assert!(rows.get("b").is_none() && rows.rows_match_raw());
}

// ---- status-only listings between full ones (`?expand=status`) -------------------------

/// A compact full body in Jackson's member order (status, then info), as Kafka Connect sends it.
fn jackson_body(entries: &[(&str, &str, &str)]) -> String {
    let parts: Vec<String> = entries
        .iter()
        .map(|(name, state, topic)| {
            format!(
                "{}:{{\"status\":{},\"info\":{}}}",
                json!(name),
                status(name, state, state),
                info(name, topic)
            )
        })
        .collect();
    format!("{{{}}}", parts.join(","))
}

/// The status-only body (`?expand=status`) of the same connectors.
fn status_body(entries: &[(&str, &str)]) -> String {
    let parts: Vec<String> = entries
        .iter()
        .map(|(name, state)| {
            format!(
                "{}:{{\"status\":{}}}",
                json!(name),
                status(name, state, state)
            )
        })
        .collect();
    format!("{{{}}}", parts.join(","))
}

#[test]
fn a_status_head_is_found_only_in_a_compact_status_first_entry() {
    use connect_console::protocol::model::status_head;
    let s = status("a", "RUNNING", "RUNNING").to_string();
    let i = info("a", "t").to_string();
    let text = format!("{{\"status\":{s},\"info\":{i}}}");
    assert_eq!(status_head(&text) as usize, "{\"status\":".len() + s.len());
    assert_eq!(status_head(&format!("{{\"info\":{i},\"status\":{s}}}")), 0);
    assert_eq!(status_head(&format!("{{\"status\":{s}}}")), 0, "no rest");
    assert_eq!(
        status_head(&format!("{{ \"status\": {s}, \"info\": {i}}}")),
        0
    );
    assert_eq!(
        status_head("{\"status\":\"x\",\"info\":{}}"),
        0,
        "not an object"
    );
}

#[test]
fn a_status_only_listing_compares_statuses_and_keeps_configs() {
    let full = jackson_body(&[
        ("a", "RUNNING", "t1"),
        ("b", "RUNNING", "t2"),
        ("c", "PAUSED", "t3"),
    ]);
    let mut rows = ClusterRows::new("alpha");
    let d = apache::parse_listing_since(200, &full, &rows.raw_entries()).unwrap();
    assert!(!d.lacks_info);
    rows.apply_delta(d, 0);

    // Nothing changed: nothing parsed, every row kept.
    let same = status_body(&[("a", "RUNNING"), ("b", "RUNNING"), ("c", "PAUSED")]);
    let d = apache::parse_status_listing_since(200, &same, &rows.raw_entries()).unwrap();
    assert!(d.listing.connectors.is_empty(), "{:?}", d.listing);
    assert_eq!(unchanged(&d), vec!["a", "b", "c"]);
    assert!(!d.lacks_info);
    let (out, complete) = rows.apply_delta(d, 1_000);
    assert!(complete && out.is_noop());

    // b fails: only b is parsed, with the config of its last full entry.
    let changed = status_body(&[("a", "RUNNING"), ("b", "FAILED"), ("c", "PAUSED")]);
    let d = apache::parse_status_listing_since(200, &changed, &rows.raw_entries()).unwrap();
    assert_eq!(d.listing.names(), vec!["b"]);
    let b = &d.listing.connectors[0];
    assert_eq!(
        b.info.as_ref().map(|i| i.config["topics"].as_str()),
        Some("t2"),
        "the config comes from the previous text"
    );
    assert!(!d.lacks_info);
    // Its new text is the whole entry as a full listing would send it.
    let want = format!(
        "{{\"status\":{},\"info\":{}}}",
        status("b", "FAILED", "FAILED"),
        info("b", "t2")
    );
    assert_eq!(&*d.raw["b"], want.as_str());
    let (out, complete) = rows.apply_delta(d, 2_000);
    assert!(complete);
    assert_eq!(out.changed.len(), 1);
    let row = rows.get("b").unwrap();
    assert_eq!(row.tasks_failed, 1);
    assert_eq!(row.topics, vec!["t2".to_string()], "config kept");
    assert_eq!(row.class_short, "FileStreamSinkConnector");

    // The next full listing with the same states matches every text: nothing parsed.
    let full2 = jackson_body(&[
        ("a", "RUNNING", "t1"),
        ("b", "FAILED", "t2"),
        ("c", "PAUSED", "t3"),
    ]);
    let d = apache::parse_listing_since(200, &full2, &rows.raw_entries()).unwrap();
    assert!(d.listing.connectors.is_empty(), "{:?}", d.listing.names());
    assert_eq!(unchanged(&d).len(), 3);
}

#[test]
fn rows_follow_states_that_flip_across_full_and_status_only_listings() {
    // A state that goes A → B → A with the listings alternating in scope must always show
    // the latest: each listing is read against the text its rows were built from.
    let mut rows = ClusterRows::new("alpha");
    let mut reference = ClusterRows::new("alpha");
    let steps: [(bool, &str); 7] = [
        (true, "RUNNING"),
        (false, "PAUSED"),
        (true, "RUNNING"),
        (false, "RUNNING"),
        (false, "PAUSED"),
        (true, "PAUSED"),
        (false, "RUNNING"),
    ];
    for (i, (full, state)) in steps.iter().enumerate() {
        let now = 1_000 * i as u64;
        let b = if *full {
            jackson_body(&[("x", state, "t"), ("y", "RUNNING", "u")])
        } else {
            status_body(&[("x", state), ("y", "RUNNING")])
        };
        let d = if *full {
            apache::parse_listing_since(200, &b, &rows.raw_entries()).unwrap()
        } else {
            apache::parse_status_listing_since(200, &b, &rows.raw_entries()).unwrap()
        };
        assert!(!d.lacks_info, "step {i}");
        let (_, complete) = rows.apply_delta(d, now);
        assert!(complete, "step {i}");
        let whole = jackson_body(&[("x", state, "t"), ("y", "RUNNING", "u")]);
        reference.apply_listing(apache::parse_listing(200, &whole).unwrap().connectors, now);
        assert_eq!(rows_of(&rows), rows_of(&reference), "step {i}");
    }
}

#[test]
fn a_connector_new_in_a_status_only_listing_asks_for_its_config() {
    let mut rows = ClusterRows::new("alpha");
    let d = apache::parse_listing_since(
        200,
        &jackson_body(&[("a", "RUNNING", "t1")]),
        &rows.raw_entries(),
    )
    .unwrap();
    rows.apply_delta(d, 0);
    let b = status_body(&[("a", "RUNNING"), ("new", "RUNNING")]);
    let d = apache::parse_status_listing_since(200, &b, &rows.raw_entries()).unwrap();
    assert!(d.lacks_info, "the new connector's config is unknown");
    assert_eq!(d.listing.names(), vec!["new"]);
    rows.apply_delta(d, 1_000);
    let new = rows.get("new").unwrap();
    assert_eq!(new.state.as_ref().map(|s| s.as_str()), Some("RUNNING"));
    assert!(new.class.is_none());
    // The full listing asked for next fills it in, and parses only that connector.
    let full = jackson_body(&[("a", "RUNNING", "t1"), ("new", "RUNNING", "t9")]);
    let d = apache::parse_listing_since(200, &full, &rows.raw_entries()).unwrap();
    assert_eq!(d.listing.names(), vec!["new"]);
    assert!(!d.lacks_info);
    rows.apply_delta(d, 2_000);
    assert_eq!(rows.get("new").unwrap().topics, vec!["t9".to_string()]);
}

#[test]
fn a_status_only_listing_with_an_escaped_name_is_split_and_keeps_its_config() {
    let name = "q\"a";
    let mut rows = ClusterRows::new("alpha");
    let d = apache::parse_listing_since(
        200,
        &jackson_body(&[(name, "RUNNING", "t1"), ("b", "RUNNING", "t2")]),
        &rows.raw_entries(),
    )
    .unwrap();
    rows.apply_delta(d, 0);
    let paused = status_body(&[(name, "PAUSED"), ("b", "RUNNING")]);
    let d = apache::parse_status_listing_since(200, &paused, &rows.raw_entries()).unwrap();
    assert!(!d.lacks_info, "no full listing needed");
    assert_eq!(d.listing.names(), vec![name]);
    assert_eq!(unchanged(&d), vec!["b"]);
    rows.apply_delta(d, 1_000);
    let row = rows.get(name).unwrap();
    assert_eq!(row.state.as_ref().map(|s| s.as_str()), Some("PAUSED"));
    assert_eq!(
        row.topics,
        vec!["t1".to_string()],
        "the row keeps its config"
    );
    // The same status again is matched unchanged.
    let d = apache::parse_status_listing_since(200, &paused, &rows.raw_entries()).unwrap();
    assert!(d.listing.connectors.is_empty() && !d.lacks_info);
    assert_eq!(unchanged(&d), vec!["b", name]);
}

#[test]
fn a_status_only_listing_that_cannot_be_split_is_read_whole_and_asks_for_configs() {
    // A name listed twice is not read by the fast path: the body is read whole (the last
    // entry wins), without configs, so the next listing lists them.
    let mut rows = ClusterRows::new("alpha");
    let d = apache::parse_listing_since(
        200,
        &jackson_body(&[("a", "RUNNING", "t1")]),
        &rows.raw_entries(),
    )
    .unwrap();
    rows.apply_delta(d, 0);
    let twice = status_body(&[("a", "RUNNING"), ("a", "PAUSED")]);
    let d = apache::parse_status_listing_since(200, &twice, &rows.raw_entries()).unwrap();
    assert!(d.lacks_info, "configs are listed next");
    assert_eq!(d.keeps_every_previous, None, "read whole");
    rows.apply_delta(d, 1_000);
    let row = rows.get("a").unwrap();
    assert_eq!(row.state.as_ref().map(|s| s.as_str()), Some("PAUSED"));
    assert_eq!(
        row.topics,
        vec!["t1".to_string()],
        "the row keeps its config"
    );
}

#[test]
fn a_pretty_printed_status_only_listing_still_keeps_each_config() {
    let mut rows = ClusterRows::new("alpha");
    let d = apache::parse_listing_since(
        200,
        &jackson_body(&[("a", "RUNNING", "t1")]),
        &rows.raw_entries(),
    )
    .unwrap();
    rows.apply_delta(d, 0);
    // A proxy re-indenting the body: the entry no longer matches its head, so it is parsed
    // again, with the config of its previous text.
    let pretty =
        serde_json::to_string_pretty(&json!({"a": {"status": status("a", "PAUSED", "PAUSED")}}))
            .unwrap();
    let d = apache::parse_status_listing_since(200, &pretty, &rows.raw_entries()).unwrap();
    assert_eq!(d.listing.names(), vec!["a"]);
    assert!(!d.lacks_info);
    rows.apply_delta(d, 1_000);
    let a = rows.get("a").unwrap();
    assert_eq!(a.state.as_ref().map(|s| s.as_str()), Some("PAUSED"));
    assert_eq!(a.topics, vec!["t1".to_string()]);
}
