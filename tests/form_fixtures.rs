//! The form model on real validate responses captured from Kafka Connect 4.3.1
//! (`tests/fixtures/apache/`, recorded by `tests/stack/capture.sh`): FileStreamSource,
//! FileStreamSink, MirrorSourceConnector and the rich test plugin (every ConfigDef type,
//! groups, recommenders, visibility, dependents).
//!
//! Each model is seeded with the same config the capture sent (paths may differ; the model
//! never copies echoed values, so they do not matter).
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use connect_console::form::*;
use connect_console::protocol::model::{ConfigInfos, ConfigMap, PluginInfo};

fn fixture_text(name: &str) -> String {
    let dir = std::env::var("FORM_FIXTURES_DIR")
        .unwrap_or_else(|_| format!("{}/tests/fixtures/apache", env!("CARGO_MANIFEST_DIR")));
    let path = format!("{dir}/{name}.json");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}

fn infos(name: &str) -> ConfigInfos {
    serde_json::from_str(&fixture_text(name))
        .unwrap_or_else(|e| panic!("{name} is not a ConfigInfos: {e}"))
}

fn cfg(json: &str) -> ConfigMap {
    serde_json::from_str(json).unwrap()
}

const SRC: &str = "org.apache.kafka.connect.file.FileStreamSourceConnector";
const RICH: &str = "io.connectconsole.test.RichSourceConnector";

fn model(request: &ConfigMap, response: &str) -> FormModel {
    let mut m = FormModel::new_create_from(request.clone());
    m.apply_validation(&infos(response));
    m
}

fn section_titles(v: &FormView) -> Vec<&str> {
    v.sections.iter().map(|s| s.title.as_str()).collect()
}

fn section<'a>(v: &'a FormView, title: &str) -> Vec<&'a str> {
    v.sections
        .iter()
        .find(|s| s.title == title)
        .unwrap_or_else(|| panic!("no section {title}"))
        .fields
        .iter()
        .map(|f| f.key.as_str())
        .collect()
}

/// Every key of the response and of the working config appears exactly once in the view or
/// among the hidden keys.
fn assert_every_key_once(m: &FormModel, infos: &ConfigInfos) {
    let v = m.view();
    let mut seen = BTreeSet::new();
    for s in &v.sections {
        for f in &s.fields {
            assert!(seen.insert(f.key.clone()), "{} twice", f.key);
        }
    }
    for k in &v.hidden_keys {
        assert!(seen.insert(k.clone()), "{k} twice");
    }
    for c in &infos.configs {
        let k = c
            .definition
            .as_ref()
            .map(|d| d.name.clone())
            .or_else(|| c.value.as_ref().map(|v| v.name.clone()))
            .unwrap();
        assert!(seen.contains(&k), "{k} missing from the view");
    }
    for k in m.values().keys() {
        assert!(seen.contains(k), "{k} (a value) missing from the view");
    }
}

#[test]
fn file_source_errors_layout_widgets_and_errors() {
    let request = cfg(
        r#"{"connector.class":"FileStreamSource","name":"v-src","tasks.max":"0",
        "file":"/data/sample.txt","batch.size":"lots","transforms":"ins",
        "transforms.ins.type":"org.apache.kafka.connect.transforms.InsertField$Value","unknown.key":"x"}"#,
    );
    let infos = infos("validate-file-source-errors");
    let m = model(&request, "validate-file-source-errors");
    let v = m.view();
    assert_eq!(
        section_titles(&v),
        vec![
            "Common",
            "Transforms",
            "Predicates",
            "Error Handling",
            "Topic Creation",
            "Exactly Once Support",
            "offsets.topic",
            "Transforms: ins",
            "Other",
            "Additional properties",
        ]
    );
    let common = section(&v, "Common");
    assert_eq!(
        &common[..4],
        &[
            "name",
            "connector.class",
            "connector.plugin.version",
            "tasks.max"
        ]
    );
    assert_eq!(section(&v, "Other"), vec!["file", "topic", "batch.size"]);
    // 4.3.1 does not echo an unknown key at all: the model still shows and keeps it.
    assert_eq!(section(&v, "Additional properties"), vec!["unknown.key"]);
    let ins = section(&v, "Transforms: ins");
    assert_eq!(ins[0], "transforms.ins.type");
    assert_every_key_once(&m, &infos);

    // Widgets from real types and recommenders.
    let w = |k: &str| m.field(k).unwrap().widget;
    assert!(
        matches!(w("key.converter"), Widget::Combobox { ref options, multi: false } if options.len() == 9)
    );
    assert!(matches!(
        w("transforms.ins.type"),
        Widget::Combobox { multi: false, .. }
    ));
    assert_eq!(w("transforms"), Widget::List);
    assert_eq!(w("tasks.max.enforce"), Widget::Switch);
    assert_eq!(
        w("errors.retry.timeout"),
        Widget::Integer {
            min: i64::MIN,
            max: i64::MAX
        }
    );
    assert_eq!(
        w("connector.plugin.version"),
        Widget::Select {
            options: vec!["4.3.1".into()]
        }
    );
    assert!(m.field("tasks.max.enforce").unwrap().advanced);
    assert!(!m.field("topic").unwrap().advanced);

    // Errors: the server's count, per key, and the model's own check of "lots".
    let e = m.errors();
    assert_eq!(e.server_error_count, 3);
    assert_eq!(e.field_message_count, 3);
    assert_eq!(e.keys(), vec!["tasks.max", "topic", "batch.size"]);
    assert!(m.field("batch.size").unwrap().local_error.is_some());
    assert!(
        m.field("tasks.max").unwrap().local_error.is_none(),
        "0 is an int; the server checks the range"
    );

    // Nothing echoed is sent: the config is exactly what was typed.
    assert_eq!(m.outgoing().config, request);
}

#[test]
fn file_source_valid_has_no_errors_and_sends_only_the_request() {
    let request = cfg(&format!(
        r#"{{"connector.class":"{SRC}","name":"v-src","tasks.max":"1","file":"/data/sample.txt","topic":"cc-validate"}}"#
    ));
    let infos = infos("validate-file-source-valid");
    let m = model(&request, "validate-file-source-valid");
    assert_eq!(infos.error_count, 0);
    assert!(m.errors().is_empty());
    assert_eq!(m.outgoing().config, request);
    assert!(m.outgoing().ready());
    assert_every_key_once(&m, &infos);
    // Defaults are placeholders, not values.
    let batch = m.field("batch.size").unwrap();
    assert_eq!(batch.value, ValueState::Unset);
    assert_eq!(batch.placeholder.as_deref(), Some("2000"));
}

#[test]
fn file_sink_valid_and_errors() {
    let request = cfg(
        r#"{"connector.class":"org.apache.kafka.connect.file.FileStreamSinkConnector",
        "name":"v-sink","tasks.max":"1","topics":"cc-file-lines","file":"/data/v.txt"}"#,
    );
    let infos_ok = infos("validate-file-sink-valid");
    let mut m = model(&request, "validate-file-sink-valid");
    assert!(m.errors().is_empty());
    assert_every_key_once(&m, &infos_ok);
    let v = m.view();
    assert!(section(&v, "Common").contains(&"topics"));
    assert_eq!(m.field("topics").unwrap().widget, Widget::List);
    assert_eq!(m.list_items("topics"), vec!["cc-file-lines"]);

    // Re-validate with the errors answer: values stay, errors land on both keys.
    let bad = infos("validate-file-sink-errors");
    let rev = m.revision();
    m.apply_validation(&bad);
    assert_eq!(m.revision(), rev);
    let e = m.errors();
    assert_eq!(e.server_error_count, 3);
    assert_eq!(e.field_message_count, 3);
    let keys: BTreeSet<&str> = e.keys().into_iter().collect();
    assert_eq!(
        keys,
        BTreeSet::from(["errors.tolerance", "topics", "topics.regex"])
    );
    assert_eq!(
        m.outgoing().config,
        request,
        "applying a response never changes values"
    );
}

#[test]
fn mirror_source_large_ungrouped_ordering_and_passwords() {
    let request = cfg(
        r#"{"connector.class":"org.apache.kafka.connect.mirror.MirrorSourceConnector",
        "name":"v-mirror","source.cluster.alias":"alpha","target.cluster.alias":"beta",
        "source.cluster.bootstrap.servers":"127.0.0.1:19092","target.cluster.bootstrap.servers":"127.0.0.1:19092",
        "topics":"cc-file-lines"}"#,
    );
    let infos = infos("validate-mirror-source-valid");
    assert!(infos.configs.len() > 100, "a large response");
    let m = model(&request, "validate-mirror-source-valid");
    assert_every_key_once(&m, &infos);
    let v = m.view();
    let titles = section_titles(&v);
    assert_eq!(
        &titles[titles.len() - 2..],
        &["Other", "Additional properties"]
    );
    // The cluster prefixes are not defined keys: they are not echoed, yet kept and shown.
    assert_eq!(
        section(&v, "Additional properties"),
        vec![
            "source.cluster.bootstrap.servers",
            "target.cluster.bootstrap.servers"
        ]
    );
    // Ungrouped keys (order -1): HIGH first, then MEDIUM, then LOW.
    let other = &v.sections[v.sections.len() - 2].fields;
    assert!(other.len() > 50);
    let rank = |i: Importance| match i {
        Importance::High => 0,
        Importance::Medium => 1,
        Importance::Low => 2,
        Importance::None => 3,
    };
    let ranks: Vec<u8> = other.iter().map(|f| rank(f.importance)).collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
    assert_eq!(ranks[0], 0);
    // Every PASSWORD key is a masked input and secret in diffs.
    let passwords: Vec<&str> = infos
        .configs
        .iter()
        .filter_map(|c| c.definition.as_ref())
        .filter(|d| d.kind == "PASSWORD")
        .map(|d| d.name.as_str())
        .collect();
    assert!(passwords.len() >= 5, "{passwords:?}");
    for k in &passwords {
        assert_eq!(m.field(k).unwrap().widget, Widget::Password, "{k}");
        assert!(m.secret_policy().is_secret_key(k), "{k}");
    }
    assert_eq!(m.outgoing().config, request);
    assert!(m.errors().is_empty());
}

#[test]
fn mirror_source_errors_are_also_caught_locally() {
    let request = cfg(
        r#"{"connector.class":"org.apache.kafka.connect.mirror.MirrorSourceConnector",
        "name":"v-mirror","source.cluster.alias":"alpha","replication.factor":"zero",
        "sync.topic.acls.enabled":"maybe","topics":"cc-file-lines"}"#,
    );
    let m = model(&request, "validate-mirror-source-errors");
    let server: BTreeSet<String> = m.errors().entries.iter().map(|e| e.key.clone()).collect();
    let local: BTreeSet<String> = m.local_errors().into_iter().map(|(k, _)| k).collect();
    assert_eq!(
        local,
        BTreeSet::from([
            "replication.factor".to_string(),
            "sync.topic.acls.enabled".to_string()
        ])
    );
    assert!(
        local.is_subset(&server),
        "the server flags the same keys: {server:?}"
    );
    assert!(!m.outgoing().ready());
}

fn rich_errors_request() -> ConfigMap {
    cfg(&format!(
        r#"{{"connector.class":"{RICH}","name":"v-rich","rich.endpoint.url":"ftp://files",
        "rich.auth.mode":"basic","rich.password":"hunter2","rich.mode":"bulk","rich.format":"avro",
        "rich.tables":"orders,Bad-Name","rich.retries":"99","rich.sample.ratio":"1.5",
        "rich.enable.headers":"perhaps","rich.key.class":"com.example.Missing","rich.timeout.ms":"abc"}}"#
    ))
}

#[test]
fn rich_plugin_every_type_and_error() {
    let request = rich_errors_request();
    let infos = infos("validate-rich-errors");
    // Typed by the user into a create form (not seeded), then validated.
    let mut m = FormModel::new_create(RICH, "v-rich");
    for (k, v) in &request {
        m.set(k, v);
    }
    m.apply_validation(&infos);
    assert_every_key_once(&m, &infos);
    let v = m.view();
    let titles = section_titles(&v);
    let pos = |t: &str| titles.iter().position(|x| *x == t).unwrap();
    assert!(pos("Connection") < pos("Data") && pos("Data") < pos("Test hooks"));
    assert_eq!(
        section(&v, "Connection"),
        vec![
            "rich.endpoint.url",
            "rich.auth.mode",
            "rich.username",
            "rich.password",
            "rich.timeout.ms",
            "rich.retries"
        ]
    );
    assert!(section(&v, "Other").contains(&"rich.notes"));

    let w = |k: &str| m.field(k).unwrap().widget;
    assert_eq!(
        w("rich.auth.mode"),
        Widget::Select {
            options: vec!["none".into(), "basic".into(), "token".into()]
        }
    );
    // The recommender follows rich.mode=bulk; the current (invalid) value stays selectable.
    assert_eq!(
        w("rich.format"),
        Widget::Select {
            options: vec!["csv".into(), "json".into(), "avro".into()]
        }
    );
    assert_eq!(w("rich.password"), Widget::Password);
    assert_eq!(
        w("rich.retries"),
        Widget::Integer {
            min: -32768,
            max: 32767
        }
    );
    assert_eq!(
        w("rich.timeout.ms"),
        Widget::Integer {
            min: i64::MIN,
            max: i64::MAX
        }
    );
    assert_eq!(
        w("rich.batch.size"),
        Widget::Integer {
            min: i32::MIN as i64,
            max: i32::MAX as i64
        }
    );
    assert_eq!(w("rich.sample.ratio"), Widget::Decimal);
    assert_eq!(w("rich.enable.headers"), Widget::Switch);
    assert_eq!(w("rich.tables"), Widget::List);
    assert_eq!(w("rich.key.class"), Widget::ClassName);
    assert_eq!(w("rich.description"), Widget::TextArea, "width LONG");
    assert_eq!(w("rich.notes"), Widget::Text);
    assert_eq!(
        m.field("rich.auth.mode").unwrap().dependents,
        vec!["rich.username", "rich.password"]
    );

    assert_eq!(m.outgoing().config, request, "typed values, nothing echoed");
    // The server echoed "[hidden]" for the password: the typed value is what is sent.
    let pw = m.field("rich.password").unwrap();
    assert_eq!(pw.value, ValueState::SecretEntered("hunter2".into()));
    assert_eq!(m.outgoing().config["rich.password"], "hunter2");
    assert!(!m.raw_json().contains("hunter2"));

    let e = m.errors();
    assert_eq!(e.server_error_count, 11);
    assert_eq!(e.field_message_count, 11);
    assert_eq!(m.field("rich.timeout.ms").unwrap().errors.len(), 2);
    let local: Vec<String> = m.local_errors().into_iter().map(|(k, _)| k).collect();
    assert_eq!(local, vec!["rich.enable.headers", "rich.timeout.ms"]);
    assert!(
        m.field("rich.retries").unwrap().local_error.is_none(),
        "99 fits a SHORT"
    );
    // Summary order: form order (Connection before Data).
    let keys = e.keys();
    assert!(
        keys.iter().position(|k| *k == "rich.endpoint.url")
            < keys.iter().position(|k| *k == "rich.tables")
    );
}

#[test]
fn rich_plugin_visibility_follows_revalidation() {
    let mut request = cfg(&format!(
        r#"{{"connector.class":"{RICH}","name":"v-rich","rich.endpoint.url":"https://api.example.com/v2",
        "rich.topic":"cc-rich","rich.auth.mode":"none","rich.mode":"standard","rich.format":"avro"}}"#
    ));
    let mut m = model(&request, "validate-rich-valid");
    let mut seq = ValidationSequencer::new();
    assert!(m.errors().is_empty());
    let hidden = m.view().hidden_keys;
    assert!(hidden.contains(&"rich.username".to_string()), "{hidden:?}");
    assert!(hidden.contains(&"rich.incrementing.column".to_string()));

    // The user switches to incremental mode; the answer makes the column visible and required.
    let t = seq.request().unwrap();
    m.set("rich.mode", "incremental");
    m.set("rich.format", "json");
    assert_eq!(seq.request(), None);
    let c = seq.complete(t);
    assert!(c.apply);
    m.apply_validation(&infos("validate-rich-incremental"));
    let col = m.field("rich.incrementing.column").unwrap();
    assert!(col.visible);
    assert!(!col.errors.is_empty());
    assert!(
        c.resend.is_some(),
        "values changed while in flight: validate again"
    );
    assert!(!m
        .view()
        .hidden_keys
        .contains(&"rich.incrementing.column".to_string()));
    request.insert("rich.mode".into(), "incremental".into());
    request.insert("rich.format".into(), "json".into());
    assert_eq!(m.outgoing().config, request);
}

#[test]
fn rich_connector_edit_keeps_the_stored_password_hidden() {
    let live: ConfigMap = serde_json::from_str(&fixture_text("connector-config-rich")).unwrap();
    let secret = live["rich.password"].clone();
    assert!(
        !secret.is_empty() && !is_mask(&secret),
        "GET config returns it in clear"
    );
    let mut m = FormModel::new_edit(live.clone());
    m.apply_validation(&infos("validate-rich-valid"));
    assert_eq!(
        m.field("rich.password").unwrap().value,
        ValueState::SecretKept
    );
    let shown = format!(
        "{:?}{}{}{}",
        m.view(),
        m.raw_json(),
        m.raw_properties(),
        m.draft("alpha", 0).to_json()
    );
    assert!(!shown.contains(&secret), "the stored password leaked");
    assert!(!m.is_dirty());
    assert_eq!(m.outgoing().config, live, "a full PUT resends it verbatim");

    m.set("rich.interval.ms", "5000");
    let d = m.diff_from_initial();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].key, "rich.interval.ms");
    // Raw round trip through the masked editors keeps the secret.
    let raw = m.raw_properties();
    m.apply_raw_text(&raw, RawFormat::Properties, ApplyMode::Replace)
        .unwrap();
    assert_eq!(m.outgoing().config["rich.password"], secret);
    assert_eq!(m.changed_keys(), vec!["rich.interval.ms"]);
    // Someone changed the password on the server meanwhile: a masked conflict-free change.
    let mut live2 = live.clone();
    live2.insert("rich.password".into(), "rotated".into());
    let r = m.live_changes(&live2);
    assert_eq!(r.server_changes.len(), 1);
    assert!(r.server_changes[0].secret);
    assert!(r.conflicts.is_empty());
    assert!(!format!("{r:?}").contains("rotated"));
}

#[test]
fn plugins_catalog_parses_and_feeds_suggestions() {
    let plugins: Vec<PluginInfo> = serde_json::from_str(&fixture_text("plugins-all")).unwrap();
    let transforms = class_suggestions("transforms.x.type", &plugins);
    assert!(transforms
        .iter()
        .any(|c| c == "org.apache.kafka.connect.transforms.RegexRouter"));
    let predicates = class_suggestions("predicates.p.type", &plugins);
    assert!(predicates.iter().any(|c| c.ends_with("TopicNameMatches")));
    assert!(class_suggestions("connector.class", &plugins)
        .iter()
        .any(|c| c == RICH));
    let mut m = FormModel::new_create_from(rich_errors_request());
    m.set_plugins(plugins);
    m.set("predicates", "p");
    m.set("predicates.p.type", "x");
    assert!(matches!(
        m.field("predicates.p.type").unwrap().widget,
        Widget::Combobox { multi: false, .. }
    ));
}

#[test]
fn file_source_edit_add_a_transform_and_clone() {
    let live: ConfigMap = serde_json::from_str(&fixture_text("connector-config-source")).unwrap();
    let mut m = FormModel::new_edit(live.clone());
    m.apply_validation(&infos("validate-file-source-valid"));
    assert!(!m.is_dirty());
    assert_eq!(m.outgoing().config, live);
    assert!(m.field("name").unwrap().locked);
    // Live values show as text, not placeholders.
    assert_eq!(
        m.field("topic").unwrap().value,
        ValueState::Text(live["topic"].clone())
    );

    // Paste a transform fragment, then re-validate with a response that knows the alias.
    let w = m
        .apply_raw_text(
            r#"{"transforms":"ins","transforms.ins.type":"org.apache.kafka.connect.transforms.InsertField$Value","transforms.ins.static.field":"src"}"#,
            RawFormat::Detect,
            ApplyMode::Merge,
        )
        .unwrap();
    assert!(w.is_empty(), "{w:?}");
    m.apply_validation(&infos("validate-file-source-errors"));
    let v = m.view();
    assert!(section(&v, "Transforms: ins").contains(&"transforms.ins.static.field"));
    let patch = m.patch();
    assert_eq!(
        patch.keys().map(String::as_str).collect::<Vec<_>>(),
        vec![
            "transforms",
            "transforms.ins.static.field",
            "transforms.ins.type"
        ]
    );
    let out = m.outgoing().config;
    for (k, v) in &live {
        assert_eq!(&out[k], v, "{k} kept");
    }
    assert_eq!(out.len(), live.len() + 3);

    // Clone the live connector: the file note comes first among resource keys.
    let (c, notes) = FormModel::new_clone(&live, "file-source-copy");
    assert_eq!(c.connector_name(), Some("file-source-copy"));
    let keys: Vec<&str> = notes.iter().map(|n| n.key.as_str()).collect();
    assert_eq!(keys, vec!["name", "file"]);
    assert!(
        notes[0].reason.contains("offsets"),
        "a source clone starts without offsets"
    );
}

/// The outline (what the form's structure is built from on every edit) places every key as
/// the full view does, on every captured response, with values, a local error, keys without
/// a definition and a `${file:...}` reference in the working config.
#[test]
fn outline_matches_the_view_on_every_captured_response() {
    let responses = [
        "validate-file-source-valid",
        "validate-file-source-errors",
        "validate-file-sink-valid",
        "validate-file-sink-errors",
        "validate-mirror-source-valid",
        "validate-mirror-source-errors",
        "validate-rich-valid",
        "validate-rich-errors",
        "validate-rich-incremental",
    ];
    for name in responses {
        let infos = infos(name);
        let mut request = ConfigMap::new();
        request.insert("connector.class".into(), infos.name.clone());
        request.insert("name".into(), "outline".into());
        request.insert("transforms".into(), "x".into());
        request.insert(
            "transforms.x.type".into(),
            "org.apache.kafka.connect.transforms.InsertField$Value".into(),
        );
        request.insert("consumer.override.password".into(), "${file:/s:p}".into());
        request.insert("replication.factor".into(), "zero".into());
        let mut m = FormModel::new_create_from(request);
        m.apply_validation(&infos);
        let (outline, view) = (m.outline(), m.view());
        assert_eq!(outline.hidden_keys, view.hidden_keys, "{name}");
        assert_eq!(outline.sections.len(), view.sections.len(), "{name}");
        for (o, v) in outline.sections.iter().zip(&view.sections) {
            assert_eq!(
                (&o.title, o.kind, o.hidden),
                (&v.title, v.kind, v.hidden),
                "{name}"
            );
            let keys = |fs: &[FieldView]| fs.iter().map(|f| f.key.clone()).collect::<Vec<_>>();
            let outline_keys: Vec<String> = o.fields.iter().map(|f| f.key.clone()).collect();
            assert_eq!(outline_keys, keys(&v.fields), "{name} / {}", o.title);
            for (of, vf) in o.fields.iter().zip(&v.fields) {
                let what = format!("{name} / {}", of.key);
                assert_eq!(of.advanced, vf.advanced, "{what}");
                assert_eq!(of.has_errors, vf.has_errors(), "{what}");
                assert_eq!(of.is_set, vf.value.is_set(), "{what}");
                assert_eq!(
                    of.collapsed_by_default(),
                    vf.collapsed_by_default(),
                    "{what}"
                );
            }
        }
        // The error summary names keys without a definition by themselves.
        for e in m.errors().entries {
            if !e.defined {
                assert_eq!(e.label, e.key, "{name}");
                assert!(e.visible, "{name}");
            }
        }
    }
}
