//! Property tests: the raw formats and the form's raw sync never lose or alter a key.
#![cfg(not(target_arch = "wasm32"))]

use connect_console::form::*;
use connect_console::protocol::model::ConfigMap;
use proptest::prelude::*;

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        // Anything, including control characters and non-ASCII.
        any::<String>(),
        // The characters the formats care about.
        "[ \\t\\n\\r\\\\=:#!{}\"$a-z.\u{e9}\u{1F600}]{0,12}",
    ]
}

fn any_config() -> impl Strategy<Value = ConfigMap> {
    proptest::collection::btree_map(any_text(), any_text(), 0..8)
}

proptest! {
    #[test]
    fn properties_round_trip(config in any_config()) {
        let text = to_properties(&config);
        let back = from_properties(&text).unwrap();
        prop_assert_eq!(back.config, config);
        prop_assert!(back.warnings.is_empty());
    }

    #[test]
    fn json_round_trip(config in any_config()) {
        let back = from_json(&to_json(&config)).unwrap();
        prop_assert_eq!(back.config, config);
    }

    #[test]
    fn list_join_is_canonical(items in proptest::collection::vec("[ a-z.,]{0,6}", 0..6)) {
        let joined = join_list(&items);
        prop_assert_eq!(join_list(&parse_list(&joined)), joined.clone());
        for item in parse_list(&joined) {
            prop_assert!(!item.is_empty() && item.trim() == item, "item {:?}", item);
        }
    }

    #[test]
    fn form_raw_sync_keeps_every_key(config in any_config()) {
        // Values that look like masks are not config values a user can keep; skip them.
        prop_assume!(!config.values().any(|v| is_mask(v)));
        let mut live = config.clone();
        live.insert("name".into(), "n".into());
        live.insert("connector.class".into(), "C".into());
        let mut m = FormModel::new_edit(live.clone());
        let json = m.raw_json();
        m.apply_raw_text(&json, RawFormat::Json, ApplyMode::Replace).unwrap();
        let props = m.raw_properties();
        m.apply_raw_text(&props, RawFormat::Properties, ApplyMode::Replace).unwrap();
        prop_assert_eq!(m.outgoing().config, live);
    }
}

#[derive(Clone, Debug)]
enum Op {
    Set(usize, String),
    Unset(usize),
    RawJson,
    RawProps,
    Revert(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (
            0..4usize,
            prop_oneof![
                any_text(),
                Just("[hidden]".to_string()),
                Just("****************".to_string())
            ]
        )
            .prop_map(|(i, v)| Op::Set(i, v)),
        (0..4usize).prop_map(Op::Unset),
        Just(Op::RawJson),
        Just(Op::RawProps),
        (0..4usize).prop_map(Op::Revert),
    ]
}

const EDITED: [&str; 4] = ["topics", "db.password", "tasks.max", "x.custom"];

proptest! {
    /// Whatever the user does to some keys, every other key (prefixed, unknown, secret) is
    /// sent unchanged, masks are never sent, and the stored secret never reaches the raw text.
    #[test]
    fn edits_never_drop_or_mask_other_keys(ops in proptest::collection::vec(op(), 0..12)) {
        let untouched: ConfigMap = [
            ("name", "c"),
            ("connector.class", "FileStreamSink"),
            ("key.converter.schemas.enable", "false"),
            ("value.converter.schema.registry.url", "http://sr:8081"),
            ("transforms.route.regex", "(.*)"),
            ("producer.override.linger.ms", "5"),
            ("consumer.override.sasl.jaas.config", "org.Login required password=\"stored-jaas\";"),
            ("secret.ref", "${file:/etc/s.properties:k}"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let mut live = untouched.clone();
        live.insert("db.password".into(), "stored-secret".into());
        live.insert("topics".into(), "a".into());
        let mut m = FormModel::new_edit(live);
        for op in ops {
            match op {
                Op::Set(i, v) => { m.set(EDITED[i], &v); }
                Op::Unset(i) => { m.unset(EDITED[i]); }
                Op::Revert(i) => { m.revert(EDITED[i]); }
                Op::RawJson => {
                    let t = m.raw_json();
                    prop_assert!(!t.contains("stored-secret") && !t.contains("stored-jaas"));
                    m.apply_raw_text(&t, RawFormat::Json, ApplyMode::Replace).unwrap();
                }
                Op::RawProps => {
                    let t = m.raw_properties();
                    prop_assert!(!t.contains("stored-secret") && !t.contains("stored-jaas"));
                    m.apply_raw_text(&t, RawFormat::Properties, ApplyMode::Replace).unwrap();
                }
            }
            let out = m.outgoing();
            for (k, v) in &untouched {
                prop_assert_eq!(out.config.get(k), Some(v), "{} changed", k);
            }
            prop_assert!(!out.config.values().any(|v| is_mask(v)));
            prop_assert!(out.reenter_secrets.is_empty());
        }
    }
}
