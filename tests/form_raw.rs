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
