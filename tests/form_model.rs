//! The form model on the documented validate example (connect-api.md A.6) and on constructed
//! ConfigInfos: ordering, widgets, defaults, secrets, unknown keys, raw round trips, diffs,
//! stale validation and conflicts.

use connect_console::form::*;
use connect_console::protocol::model::{ConfigInfos, ConfigMap};

fn map(pairs: &[(&str, &str)]) -> ConfigMap {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// connect-api.md A.6, FileStreamSource, `topic` missing (the elided marker removed).
const A6: &str = r#"{
  "name": "org.apache.kafka.connect.file.FileStreamSourceConnector",
  "error_count": 1,
  "groups": ["Common", "Transforms", "Predicates", "Error Handling", "Topic Creation", "Exactly Once Support", "offsets.topic"],
  "configs": [
    {"definition": {"name": "name", "type": "STRING", "required": true, "default_value": null, "importance": "HIGH",
                    "documentation": "Globally unique name to use for this connector.", "group": "Common",
                    "width": "MEDIUM", "display_name": "Connector name", "dependents": [], "order": 1},
     "value": {"name": "name", "value": "local-file-source", "recommended_values": [], "errors": [], "visible": true}},
    {"definition": {"name": "connector.class", "type": "STRING", "required": true, "default_value": null, "importance": "HIGH",
                    "documentation": "Name or alias of the class for this connector.", "group": "Common",
                    "width": "LONG", "display_name": "Connector class", "dependents": [], "order": 2},
     "value": {"name": "connector.class", "value": "org.apache.kafka.connect.file.FileStreamSourceConnector", "recommended_values": [], "errors": [], "visible": true}},
    {"definition": {"name": "tasks.max", "type": "INT", "required": false, "default_value": "1", "importance": "HIGH",
                    "documentation": "Maximum number of tasks to use for this connector.", "group": "Common",
                    "width": "SHORT", "display_name": "Tasks max", "dependents": [], "order": 3},
     "value": {"name": "tasks.max", "value": "1", "recommended_values": [], "errors": [], "visible": true}},
    {"definition": {"name": "file", "type": "STRING", "required": false, "default_value": null, "importance": "HIGH",
                    "documentation": "Source filename. If not specified, the standard input will be used", "group": null,
                    "width": "NONE", "display_name": "file", "dependents": [], "order": -1},
     "value": {"name": "file", "value": "/tmp/test.txt", "recommended_values": [], "errors": [], "visible": true}},
    {"definition": {"name": "topic", "type": "STRING", "required": true, "default_value": null, "importance": "HIGH",
                    "documentation": "The topic to publish data to", "group": null,
                    "width": "NONE", "display_name": "topic", "dependents": [], "order": -1},
     "value": {"name": "topic", "value": null, "recommended_values": [],
               "errors": ["Missing required configuration \"topic\" which has no default value."], "visible": true}},
    {"definition": {"name": "batch.size", "type": "INT", "required": false, "default_value": "2000", "importance": "LOW",
                    "documentation": "The maximum number of records the source task can read from the file each time it is polled",
                    "group": null, "width": "NONE", "display_name": "batch.size", "dependents": [], "order": -1},
     "value": {"name": "batch.size", "value": "2000", "recommended_values": [], "errors": [], "visible": true}}
  ]
}"#;

fn a6() -> ConfigInfos {
    serde_json::from_str(A6).expect("A.6 example parses as ConfigInfos")
}

/// Builder for constructed responses.
struct Infos(serde_json::Value);

impl Infos {
    fn new(groups: &[&str]) -> Infos {
        Infos(
            serde_json::json!({"name": "com.example.TestConnector", "error_count": 0, "groups": groups, "configs": []}),
        )
    }
    #[allow(clippy::too_many_arguments)]
    fn def(
        mut self,
        name: &str,
        ty: &str,
        group: Option<&str>,
        order: i32,
        importance: &str,
        default: Option<&str>,
        value: Option<&str>,
        errors: &[&str],
    ) -> Infos {
        let errs: Vec<String> = errors.iter().map(|s| s.to_string()).collect();
        let n = errs.len() as u64;
        let c = serde_json::json!({
            "definition": {"name": name, "type": ty, "required": default.is_none(), "default_value": default,
                "importance": importance, "documentation": format!("doc of {name}"), "group": group,
                "order": order, "width": "NONE", "display_name": name, "dependents": []},
            "value": {"name": name, "value": value, "recommended_values": [], "errors": errs, "visible": true}
        });
        self.0["configs"].as_array_mut().unwrap().push(c);
        let ec = self.0["error_count"].as_u64().unwrap();
        self.0["error_count"] = (ec + n).into();
        self
    }
    fn undefined(mut self, name: &str, value: &str, errors: &[&str]) -> Infos {
        let c = serde_json::json!({"definition": null,
            "value": {"name": name, "value": value, "recommended_values": [], "errors": errors, "visible": true}});
        let arr = self.0["configs"].as_array_mut().unwrap();
        arr.insert(0, c);
        let ec = self.0["error_count"].as_u64().unwrap();
        self.0["error_count"] = (ec + errors.len() as u64).into();
        self
    }
    fn set(mut self, name: &str, field: &str, v: serde_json::Value) -> Infos {
        for c in self.0["configs"].as_array_mut().unwrap() {
            if c["value"]["name"] == name {
                if field == "visible" || field == "recommended_values" || field == "errors" {
                    c["value"][field] = v.clone();
                } else {
                    c["definition"][field] = v.clone();
                }
            }
        }
        self
    }
    fn build(self) -> ConfigInfos {
        serde_json::from_value(self.0).unwrap()
    }
}

fn keys_of(view: &FormView) -> Vec<(String, Vec<String>)> {
    view.sections
        .iter()
        .map(|s| {
            (
                s.title.clone(),
                s.fields.iter().map(|f| f.key.clone()).collect(),
            )
        })
        .collect()
}

#[test]
fn a6_layout_sections_and_ungrouped_last() {
    let mut m = FormModel::new_create(
        "org.apache.kafka.connect.file.FileStreamSourceConnector",
        "local-file-source",
    );
    m.apply_validation(&a6());
    let v = m.view();
    assert_eq!(
        keys_of(&v),
        vec![
            (
                "Common".to_string(),
                vec![
                    "name".to_string(),
                    "connector.class".into(),
                    "tasks.max".into()
                ]
            ),
            (
                "Other".to_string(),
                vec!["file".to_string(), "topic".into(), "batch.size".into()]
            ),
        ]
    );
    let topic = m.field("topic").unwrap();
    assert!(topic.required && !topic.advanced);
    assert_eq!(topic.errors.len(), 1);
    let batch = m.field("batch.size").unwrap();
    assert!(batch.advanced);
    assert!(batch.collapsed_by_default());
    assert_eq!(batch.placeholder.as_deref(), Some("2000"));
    assert_eq!(batch.value, ValueState::Unset);
    assert_eq!(
        batch.widget,
        Widget::Integer {
            min: i32::MIN as i64,
            max: i32::MAX as i64
        }
    );
    assert_eq!(m.field("tasks.max").unwrap().label, "Tasks max");

    let e = m.errors();
    assert_eq!(e.server_error_count, 1);
    assert_eq!(e.field_message_count, 1);
    assert_eq!(e.keys(), vec!["topic"]);
    assert!(e.undefined_keys.is_empty());
}

#[test]
fn a6_defaults_and_echoed_values_not_sent() {
    let mut m = FormModel::new_create("FileStreamSource", "local-file-source");
    m.apply_validation(&a6());
    // The server echoed tasks.max=1, batch.size=2000 and file: none of it becomes a value.
    let out = m.outgoing();
    assert_eq!(
        out.config,
        map(&[
            ("connector.class", "FileStreamSource"),
            ("name", "local-file-source")
        ])
    );
    // Typing then clearing leaves the key unset.
    assert!(m.set("batch.size", "500"));
    assert_eq!(m.outgoing().config["batch.size"], "500");
    assert!(m.set("batch.size", ""));
    assert!(!m.outgoing().config.contains_key("batch.size"));
    assert!(m.set("topic", "connect-test"));
    assert_eq!(m.changed_keys(), vec!["topic".to_string()]);
}

#[test]
fn ordering_by_group_order_and_importance() {
    let infos = Infos::new(&["B", "A"])
        .def(
            "a.late",
            "STRING",
            Some("A"),
            -1,
            "HIGH",
            Some("x"),
            None,
            &[],
        )
        .def(
            "a.second",
            "STRING",
            Some("A"),
            2,
            "LOW",
            Some("x"),
            None,
            &[],
        )
        .def(
            "a.first",
            "STRING",
            Some("A"),
            1,
            "LOW",
            Some("x"),
            None,
            &[],
        )
        .def("u.low", "STRING", None, -1, "LOW", Some("x"), None, &[])
        .def(
            "u.medium",
            "STRING",
            None,
            -1,
            "MEDIUM",
            Some("x"),
            None,
            &[],
        )
        .def("u.high", "STRING", None, -1, "HIGH", Some("x"), None, &[])
        .def(
            "b.only",
            "STRING",
            Some("B"),
            1,
            "HIGH",
            Some("x"),
            None,
            &[],
        )
        .def(
            "c.unlisted",
            "STRING",
            Some("C"),
            1,
            "HIGH",
            Some("x"),
            None,
            &[],
        )
        .undefined("my.custom", "v", &[])
        .build();
    let mut m = FormModel::new_create("com.example.TestConnector", "t");
    m.set("zz.extra", "1");
    m.apply_validation(&infos);
    let order: Vec<(String, Vec<String>)> = keys_of(&m.view());
    let flat: Vec<(&str, Vec<&str>)> = order
        .iter()
        .map(|(t, k)| (t.as_str(), k.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(
        flat,
        vec![
            ("B", vec!["b.only"]),
            ("A", vec!["a.first", "a.second", "a.late"]),
            ("C", vec!["c.unlisted"]),
            ("Other", vec!["u.high", "u.medium", "u.low"]),
            (
                "Additional properties",
                vec!["my.custom", "connector.class", "name", "zz.extra"]
            ),
        ]
    );
    assert_eq!(m.view().sections[4].kind, SectionKind::Undefined);
    assert!(!m.field("zz.extra").unwrap().defined);
}

#[test]
fn widgets_from_a_response() {
    let infos = Infos::new(&["G"])
        .def(
            "b",
            "BOOLEAN",
            Some("G"),
            1,
            "HIGH",
            Some("false"),
            None,
            &[],
        )
        .def("s", "SHORT", Some("G"), 2, "HIGH", Some("1"), None, &[])
        .def("l", "LONG", Some("G"), 3, "HIGH", Some("1"), None, &[])
        .def("d", "DOUBLE", Some("G"), 4, "HIGH", Some("0.5"), None, &[])
        .def(
            "p",
            "PASSWORD",
            Some("G"),
            5,
            "HIGH",
            None,
            Some("[hidden]"),
            &[],
        )
        .def("li", "LIST", Some("G"), 6, "HIGH", Some(""), None, &[])
        .def("c", "CLASS", Some("G"), 7, "HIGH", None, None, &[])
        .def("e", "ENUM", Some("G"), 8, "NONE", Some(""), None, &[])
        .set(
            "e",
            "recommended_values",
            serde_json::json!(["AVRO", "JSON"]),
        )
        .def("st", "STRING", Some("G"), 9, "HIGH", None, None, &[])
        .set("st", "recommended_values", serde_json::json!(["x", "y"]))
        .def("n", "NONE", Some("G"), 10, "NONE", Some(""), None, &[])
        .build();
    let mut m = FormModel::new_create("com.example.TestConnector", "w");
    m.apply_validation(&infos);
    m.set("st", "z");
    let w = |k: &str| m.field(k).unwrap().widget;
    assert_eq!(w("b"), Widget::Switch);
    assert_eq!(
        w("s"),
        Widget::Integer {
            min: -32768,
            max: 32767
        }
    );
    assert_eq!(
        w("l"),
        Widget::Integer {
            min: i64::MIN,
            max: i64::MAX
        }
    );
    assert_eq!(w("d"), Widget::Decimal);
    assert_eq!(w("p"), Widget::Password);
    assert_eq!(w("li"), Widget::List);
    assert_eq!(w("c"), Widget::ClassName);
    assert_eq!(
        w("e"),
        Widget::Select {
            options: vec!["AVRO".into(), "JSON".into()]
        }
    );
    // The current value stays selectable.
    assert_eq!(
        w("st"),
        Widget::Select {
            options: vec!["x".into(), "y".into(), "z".into()]
        }
    );
    assert_eq!(w("n"), Widget::Text);
    assert_eq!(m.bool_value("b"), Some(false));
    m.set_bool("b", true);
    assert_eq!(m.bool_value("b"), Some(true));
    m.set_list("li", &[" a ", "", "b"]);
    assert_eq!(m.values()["li"], "a,b");
    assert_eq!(m.list_items("li"), vec!["a", "b"]);
    // Confluent NONE importance: nothing says the key is secondary, so it is not advanced.
    assert!(!m.field("e").unwrap().advanced);
    assert!(m.field("d").is_some_and(|f| !f.advanced), "HIGH");
}

#[test]
fn range_checks_block_sending() {
    let infos = Infos::new(&["G"])
        .def("s", "SHORT", Some("G"), 1, "HIGH", Some("1"), None, &[])
        .def("i", "INT", Some("G"), 2, "HIGH", Some("1"), None, &[])
        .def("d", "DOUBLE", Some("G"), 3, "HIGH", Some("1"), None, &[])
        .build();
    let mut m = FormModel::new_create("com.example.TestConnector", "r");
    m.apply_validation(&infos);
    m.set("s", "40000");
    m.set("i", "12abc");
    m.set("d", "1.5.2");
    let out = m.outgoing();
    assert!(!out.ready());
    let keys: Vec<&str> = out.local_errors.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, vec!["d", "i", "s"]);
    assert!(m.field("s").unwrap().local_error.unwrap().contains("32767"));
    let summary = m.errors();
    assert_eq!(summary.local_error_count, 3);
    assert_eq!(summary.keys(), vec!["s", "i", "d"]);
    m.set("s", "-32768");
    m.set("i", "2147483647");
    m.set("d", "1e3");
    assert!(m.outgoing().ready());
}

fn pw_infos() -> ConfigInfos {
    Infos::new(&["Conn"])
        .def(
            "db.password",
            "PASSWORD",
            Some("Conn"),
            1,
            "HIGH",
            None,
            Some("[hidden]"),
            &[],
        )
        .def(
            "db.user",
            "STRING",
            Some("Conn"),
            2,
            "HIGH",
            None,
            Some("app"),
            &[],
        )
        .def(
            "ssl.key.password",
            "PASSWORD",
            Some("Conn"),
            3,
            "MEDIUM",
            Some("[hidden]"),
            Some("[hidden]"),
            &[],
        )
        .build()
}

#[test]
fn hidden_is_never_sent_or_stored() {
    let mut m = FormModel::new_create("com.example.TestConnector", "pw");
    m.apply_validation(&pw_infos());
    assert!(!m.set("db.password", "[hidden]"));
    assert!(!m.set_exact("db.password", "****************"));
    assert!(!m.outgoing().config.contains_key("db.password"));
    let f = m.field("ssl.key.password").unwrap();
    assert_eq!(
        f.placeholder, None,
        "a [hidden] default is not a placeholder"
    );
    m.set("db.password", "s3cret");
    assert_eq!(
        m.field("db.password").unwrap().value,
        ValueState::SecretEntered("s3cret".into())
    );
    assert_eq!(m.outgoing().config["db.password"], "s3cret");
    // The raw view masks it; applying the masked text keeps it.
    let raw = m.raw_properties();
    assert!(
        raw.contains("db.password=[hidden]") && !raw.contains("s3cret"),
        "{raw}"
    );
    m.apply_raw_text(&raw, RawFormat::Properties, ApplyMode::Replace)
        .unwrap();
    assert_eq!(m.outgoing().config["db.password"], "s3cret");
    // A mask for a key with no known value is left out with a warning.
    let w = m
        .apply_raw_text(r#"{"connector.class":"com.example.TestConnector","name":"pw","db.password":"s3cret","other.token":"[hidden]"}"#, RawFormat::Json, ApplyMode::Replace)
        .unwrap();
    assert_eq!(w.len(), 1);
    assert!(!m.values().contains_key("other.token"));
    let all = serde_json::to_string(&m.outgoing().config).unwrap();
    assert!(!all.contains("[hidden]"));
}

#[test]
fn edit_keeps_existing_secret_and_never_displays_it() {
    let live = map(&[
        ("name", "db-src"),
        ("connector.class", "com.example.TestConnector"),
        ("db.password", "live-secret"),
        ("db.user", "app"),
        (
            "ssl.key.password",
            "${file:/etc/kafka/secrets.properties:ssl.pw}",
        ),
    ]);
    let mut m = FormModel::new_edit(live.clone());
    m.apply_validation(&pw_infos());
    let f = m.field("db.password").unwrap();
    assert_eq!(f.value, ValueState::SecretKept);
    assert_eq!(f.widget, Widget::Password);
    assert_eq!(
        m.field("ssl.key.password").unwrap().value,
        ValueState::Reference {
            provider: "file".into()
        }
    );
    let shown = format!("{:?}{}{}", m.view(), m.raw_json(), m.raw_properties());
    assert!(!shown.contains("live-secret"));
    assert!(!shown.contains("secrets.properties"));
    // Editing another field: the full PUT carries the stored secret and reference verbatim.
    m.set("db.user", "app2");
    let out = m.outgoing();
    assert_eq!(out.config["db.password"], "live-secret");
    assert_eq!(out.config["ssl.key.password"], live["ssl.key.password"]);
    assert_eq!(m.changed_keys(), vec!["db.user".to_string()]);
    // Clearing the masked input keeps the secret; unset removes it.
    m.set("db.password", "new");
    m.set("db.password", "");
    assert_eq!(m.outgoing().config["db.password"], "live-secret");
    assert!(m.unset("db.password"));
    assert!(!m.outgoing().config.contains_key("db.password"));
    // name is locked.
    assert!(!m.set("name", "other"));
    assert!(m.field("name").is_none_or(|f| f.locked));
    // PATCH body.
    m.revert("db.password");
    let p = m.patch();
    assert_eq!(p.len(), 1);
    assert_eq!(p["db.user"].as_deref(), Some("app2"));
}

#[test]
fn confluent_masked_readback_must_be_reentered() {
    let live = map(&[
        ("name", "cc"),
        ("connector.class", "PostgresSource"),
        ("connection.password", "****************"),
        ("kafka.api.secret", "****************"),
    ]);
    let mut m = FormModel::new_edit(live);
    let out = m.outgoing();
    assert_eq!(
        out.reenter_secrets,
        vec!["connection.password", "kafka.api.secret"]
    );
    assert!(!out.ready());
    assert!(!out.config.values().any(|v| v.contains('*')));
    // The field says so before anything is sent: not "kept", but masked with a local error
    // (which the error summary lists).
    assert_eq!(
        m.value_state("connection.password"),
        ValueState::SecretMasked
    );
    let err = m.local_error("connection.password").expect("a local error");
    assert!(err.contains("type it again"), "{err}");
    assert_eq!(out.local_errors.len(), 2, "{:?}", out.local_errors);
    m.set("connection.password", "pw");
    assert_eq!(m.local_error("connection.password"), None);
    m.set("kafka.api.secret", "sec");
    assert!(m.outgoing().ready());
}

#[test]
fn unknown_and_prefixed_keys_survive_round_trips() {
    let live = map(&[
        ("name", "s"),
        ("connector.class", "FileStreamSink"),
        ("topics", "a,b"),
        ("file", "/tmp/out"),
        ("transforms", "route,mask"),
        (
            "transforms.route.type",
            "org.apache.kafka.connect.transforms.RegexRouter",
        ),
        ("transforms.route.regex", "(.*)"),
        ("transforms.route.replacement", "$1-copy"),
        (
            "transforms.mask.type",
            "org.apache.kafka.connect.transforms.MaskField$Value",
        ),
        ("predicates", "isFoo"),
        (
            "predicates.isFoo.type",
            "org.apache.kafka.connect.transforms.predicates.TopicNameMatches",
        ),
        ("predicates.isFoo.pattern", "foo.*"),
        (
            "key.converter",
            "org.apache.kafka.connect.json.JsonConverter",
        ),
        ("key.converter.schemas.enable", "false"),
        ("value.converter.schema.registry.url", "http://sr:8081"),
        ("header.converter.x", "y"),
        ("consumer.override.max.poll.records", "10"),
        ("producer.override.linger.ms", "5"),
        ("admin.override.request.timeout.ms", "1000"),
        (
            "some.custom.thing",
            "with = and : and # chars\nand a newline",
        ),
        ("empty.value", ""),
    ]);
    let mut m = FormModel::new_edit(live.clone());
    // A validate response that knows only a few of these keys.
    let infos = Infos::new(&["Common"])
        .def(
            "name",
            "STRING",
            Some("Common"),
            1,
            "HIGH",
            None,
            Some("s"),
            &[],
        )
        .def(
            "topics",
            "LIST",
            Some("Common"),
            2,
            "HIGH",
            Some(""),
            Some("a,b"),
            &[],
        )
        .undefined("some.custom.thing", "x", &[])
        .build();
    m.apply_validation(&infos);
    assert_eq!(m.outgoing().config, live, "form → send");
    // Every key is somewhere in the view.
    let shown: Vec<String> = m
        .view()
        .sections
        .iter()
        .flat_map(|s| s.fields.iter().map(|f| f.key.clone()))
        .collect();
    for k in live.keys() {
        assert!(shown.contains(k), "{k} missing from the view");
    }
    // form → JSON → form, form → properties → form.
    for format in [RawFormat::Json, RawFormat::Properties] {
        let text = match format {
            RawFormat::Json => m.raw_json(),
            _ => m.raw_properties(),
        };
        let warnings = m.apply_raw_text(&text, format, ApplyMode::Replace).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(m.outgoing().config, live, "{format:?}");
        assert!(!m.is_dirty());
    }
    // Editing one known field keeps the rest.
    m.set_list("topics", &["a", "b", "c"]);
    let out = m.outgoing().config;
    assert_eq!(out.len(), live.len());
    assert_eq!(out["topics"], "a,b,c");
    assert_eq!(out["key.converter.schemas.enable"], "false");
    // Unknown keys are editable: rename, change, remove.
    assert!(m.rename_key("header.converter.x", "header.converter.z"));
    assert!(m.set("some.custom.thing", "v2"));
    assert!(m.unset("admin.override.request.timeout.ms"));
    let kinds: Vec<(String, ChangeKind)> = m
        .diff_from_initial()
        .into_iter()
        .map(|d| (d.key, d.kind))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (
                "admin.override.request.timeout.ms".into(),
                ChangeKind::Removed
            ),
            ("header.converter.x".into(), ChangeKind::Removed),
            ("header.converter.z".into(), ChangeKind::Added),
            ("some.custom.thing".into(), ChangeKind::Changed),
            ("topics".into(), ChangeKind::Changed),
        ]
    );
}

#[test]
fn pasted_create_body_fills_the_form() {
    let mut m = FormModel::new_create("FileStreamSource", "");
    let w = m
        .apply_raw_text(
            r#"{"name":"pasted","config":{"connector.class":"FileStreamSource","topic":"t","tasks.max":2}}"#,
            RawFormat::Detect,
            ApplyMode::Replace,
        )
        .unwrap();
    assert_eq!(w.len(), 1, "tasks.max coerced: {w:?}");
    assert_eq!(m.connector_name(), Some("pasted"));
    assert_eq!(m.values()["tasks.max"], "2");
    // A fragment merged in keeps the rest; a nested object is rejected.
    m.apply_raw_text("file=/tmp/x\n", RawFormat::Detect, ApplyMode::Merge)
        .unwrap();
    assert_eq!(m.values().len(), 5);
    let err = m
        .apply_raw_text(r#"{"a":{"b":1}}"#, RawFormat::Json, ApplyMode::Replace)
        .unwrap_err();
    assert!(err.message.contains("nested"));
    assert_eq!(m.values().len(), 5, "a failed parse changes nothing");
    // Replacing with text that lacks connector.class keeps it.
    let w = m
        .apply_raw_text(
            "name=pasted\ntopic=u\n",
            RawFormat::Properties,
            ApplyMode::Replace,
        )
        .unwrap();
    assert_eq!(w.len(), 1);
    assert_eq!(m.connector_class(), Some("FileStreamSource"));
    assert_eq!(m.values().len(), 3);
}

#[test]
fn revalidation_keeps_values_and_updates_errors_visibility_recommendations() {
    let first = Infos::new(&["G"])
        .def(
            "mode",
            "STRING",
            Some("G"),
            1,
            "HIGH",
            Some("bulk"),
            None,
            &[],
        )
        .set(
            "mode",
            "recommended_values",
            serde_json::json!(["bulk", "incrementing"]),
        )
        .def(
            "incrementing.column",
            "STRING",
            Some("G"),
            2,
            "MEDIUM",
            Some(""),
            None,
            &[],
        )
        .set("incrementing.column", "visible", serde_json::json!(false))
        .build();
    let mut m = FormModel::new_create("com.example.TestConnector", "rv");
    m.apply_validation(&first);
    assert_eq!(m.view().hidden_keys, vec!["incrementing.column"]);
    m.set("incrementing.column", "id"); // e.g. restored from a draft while hidden
    m.set("mode", "incrementing");
    assert_eq!(
        m.outgoing().config["incrementing.column"],
        "id",
        "hidden values are kept"
    );

    let second = Infos::new(&["G"])
        .def(
            "mode",
            "STRING",
            Some("G"),
            1,
            "HIGH",
            Some("bulk"),
            Some("incrementing"),
            &[],
        )
        .set(
            "mode",
            "recommended_values",
            serde_json::json!(["bulk", "incrementing", "timestamp"]),
        )
        .def(
            "incrementing.column",
            "STRING",
            Some("G"),
            2,
            "MEDIUM",
            Some(""),
            Some("id"),
            &["Column id does not exist"],
        )
        .undefined("typo.key", "1", &["Unknown configuration"])
        .build();
    let rev = m.revision();
    m.apply_validation(&second);
    assert_eq!(m.revision(), rev, "applying a validation changes no value");
    assert!(m.view().hidden_keys.is_empty());
    let col = m.field("incrementing.column").unwrap();
    assert!(col.visible);
    assert_eq!(col.errors, vec!["Column id does not exist"]);
    assert_eq!(col.value, ValueState::Text("id".into()));
    assert_eq!(
        m.field("mode").unwrap().recommended_values,
        vec!["bulk", "incrementing", "timestamp"]
    );
    let e = m.errors();
    assert_eq!(e.server_error_count, 2);
    assert_eq!(e.field_message_count, 2);
    assert_eq!(e.undefined_keys, vec!["typo.key"]);
    assert_eq!(
        e.keys(),
        vec!["typo.key", "incrementing.column"],
        "undefined keys first"
    );
    assert!(!e.entries[0].defined);
}

#[test]
fn stale_validation_answers_are_dropped() {
    let mut m = FormModel::new_create("com.example.TestConnector", "s");
    let mut seq = ValidationSequencer::new();
    let old = Infos::new(&["G"])
        .def(
            "x",
            "STRING",
            Some("G"),
            1,
            "HIGH",
            None,
            None,
            &["old error"],
        )
        .build();
    let new = Infos::new(&["G"])
        .def("x", "STRING", Some("G"), 1, "HIGH", None, Some("v"), &[])
        .build();
    let t1 = seq.request().unwrap();
    m.set("x", "v");
    assert_eq!(seq.request(), None, "one in flight");
    seq.reset(); // e.g. timed out; a fresh request is sent
    let t2 = seq.request().unwrap();
    let c2 = seq.complete(t2);
    assert!(c2.apply);
    m.apply_validation(&new);
    let c1 = seq.complete(t1); // the old answer arrives late
    assert!(!c1.apply);
    if c1.apply {
        m.apply_validation(&old);
    }
    assert!(m.field("x").unwrap().errors.is_empty());
}

#[test]
fn live_config_changed_since_opened() {
    let base = map(&[
        ("name", "c"),
        ("connector.class", "FileStreamSink"),
        ("topics", "a"),
        ("file", "/tmp/1"),
        ("db.password", "p1"),
    ]);
    let mut m = FormModel::new_edit(base.clone());
    m.apply_validation(&pw_infos());
    m.set("topics", "a,b");
    m.set("db.password", "my-pw-42");
    let mut live = base.clone();
    live.insert("topics".into(), "a,c".into());
    live.insert("file".into(), "/tmp/2".into());
    live.insert("db.password".into(), "their-pw-43".into());
    let r = m.live_changes(&live);
    assert_eq!(r.server_changes.len(), 3);
    let conflicts: Vec<&str> = r.conflicts.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(conflicts, vec!["db.password", "topics"]);
    let text = format!("{r:?}");
    assert!(
        !text.contains("their-pw-43") && !text.contains("my-pw-42") && !text.contains("\"p1\"")
    );
    assert!(m.live_changes(&base).unchanged());
    m.rebase_on_live(&live, Prefer::Mine);
    let out = m.outgoing().config;
    assert_eq!(out["file"], "/tmp/2", "untouched key follows the server");
    assert_eq!(out["topics"], "a,b");
    assert_eq!(m.changed_keys(), vec!["db.password", "topics"]);
}

#[test]
fn diff_masks_secrets_in_the_edit_review() {
    let live = map(&[
        ("name", "c"),
        ("connector.class", "X"),
        ("db.password", "old-pw"),
        ("custom.api.key", "k-1"),
        ("ref.value", "${vault:kv/db:url}"),
    ]);
    let mut m = FormModel::new_edit(live);
    m.apply_validation(&pw_infos());
    m.set("db.password", "new-pw");
    m.set("custom.api.key", "k-2");
    m.set("ref.value", "${vault:kv/db:url2}");
    let d = m.diff_from_initial();
    assert_eq!(d.len(), 3);
    assert!(d.iter().all(|e| e.secret && e.kind == ChangeKind::Changed));
    let text = format!("{d:?}");
    for s in ["old-pw", "new-pw", "k-1", "k-2", "vault"] {
        assert!(!text.contains(s), "{s} leaked");
    }
}

#[test]
fn draft_round_trip_without_secrets() {
    let live = map(&[
        ("name", "db"),
        ("connector.class", "com.example.TestConnector"),
        ("db.password", "live-secret"),
        ("db.user", "app"),
        ("ssl.key.password", "${file:/s:k}"),
        ("x", "1"),
    ]);
    let mut m = FormModel::new_edit(live.clone());
    m.apply_validation(&pw_infos());
    m.set("db.user", "app2");
    m.set("db.password", "typed-secret");
    let d = m.draft("cluster-a", 1234);
    let json = d.to_json();
    assert!(
        !json.contains("live-secret") && !json.contains("typed-secret"),
        "{json}"
    );
    assert!(json.contains("${file:/s:k}"), "a reference is not a secret");
    assert_eq!(d.omitted_secrets, vec!["db.password"]);
    assert_eq!(d.storage_key(), "connect-console.draft.cluster-a.edit.db");
    let back = Draft::from_json(&json).unwrap();
    assert_eq!(back, d);
    assert!(Draft::from_json("{\"version\":99}").is_none());
    // The start state of a create draft round-trips; a draft stored without it (older
    // versions, edit drafts) reads as "running".
    assert!(!json.contains("initial_state"), "{json}");
    assert_eq!(back.initial_state, None);
    let mut stopped = d.clone();
    stopped.initial_state = Some("STOPPED".into());
    assert_eq!(
        Draft::from_json(&stopped.to_json())
            .unwrap()
            .initial_state
            .as_deref(),
        Some("STOPPED")
    );

    // Restore against a live config that changed one untouched key meanwhile.
    let mut live2 = live.clone();
    live2.insert("x".into(), "2".into());
    let (r, report) = FormModel::from_draft(&back, Some(&live2));
    assert_eq!(r.mode(), FormMode::Edit);
    assert_eq!(report.live_changes.server_changes.len(), 1);
    assert!(report.live_changes.conflicts.is_empty());
    let out = r.outgoing().config;
    assert_eq!(out["db.user"], "app2");
    assert_eq!(out["x"], "2");
    assert_eq!(
        out["db.password"], "live-secret",
        "secret back from the live config"
    );
    assert_eq!(r.changed_keys(), vec!["db.user"]);

    // A create draft: the typed secret must be re-entered.
    let mut c = FormModel::new_create("com.example.TestConnector", "new");
    c.apply_validation(&pw_infos());
    c.set("db.password", "typed");
    c.set("db.user", "u");
    let (r, report) = FormModel::from_draft(&c.draft("k", 0), None);
    assert_eq!(report.reenter_secrets, vec!["db.password"]);
    assert_eq!(
        r.outgoing().config,
        map(&[
            ("connector.class", "com.example.TestConnector"),
            ("name", "new"),
            ("db.user", "u")
        ])
    );
}

#[test]
fn clone_into_a_create_form() {
    let src = map(&[
        ("name", "orders"),
        ("connector.class", "FileStreamSink"),
        ("topics", "orders"),
        ("db.password", "pw"),
    ]);
    let (mut m, notes) = FormModel::new_clone(&src, "orders-copy");
    assert_eq!(m.mode(), FormMode::Create);
    assert_eq!(notes[0].key, "name");
    m.apply_validation(&pw_infos());
    assert_eq!(
        m.field("db.password").unwrap().value,
        ValueState::SecretKept
    );
    let out = m.outgoing().config;
    assert_eq!(out["name"], "orders-copy");
    assert_eq!(out["db.password"], "pw");
    assert!(m.set("name", "renamed"), "name is editable when creating");
}

/// Confluent Cloud validate shape (B.3): ENUM/NONE types, importance NONE, `alias` on the
/// definition, `metadata` on the config, `default_value` "", PASSWORD echoed as "".
const CCLOUD: &str = r#"{
  "name": "io.confluent.connect.gcs.GcsSinkConnector",
  "error_count": 1,
  "groups": ["How should we connect to your data?", "Output messages"],
  "configs": [
    {"definition": {"name": "gcs.credentials.config", "type": "PASSWORD", "required": true, "default_value": "",
        "importance": "HIGH", "documentation": "GCP service account JSON", "group": "How should we connect to your data?",
        "width": "NONE", "display_name": "GCP credentials file", "dependents": [], "order": 2, "alias": ""},
     "value": {"name": "gcs.credentials.config", "value": "", "recommended_values": [], "errors": ["gcs.credentials.config is required"], "visible": true},
     "metadata": {"type": "PASSWORD"}},
    {"definition": {"name": "gcs.bucket.name", "type": "STRING", "required": true, "default_value": "",
        "importance": "HIGH", "documentation": "Bucket", "group": "How should we connect to your data?",
        "width": "NONE", "display_name": "Bucket name", "dependents": [], "order": 1, "alias": ""},
     "value": {"name": "gcs.bucket.name", "value": "", "recommended_values": [], "errors": [], "visible": true},
     "metadata": {}},
    {"definition": {"name": "output.data.format", "type": "ENUM", "required": false, "default_value": "JSON",
        "importance": "NONE", "documentation": "Format", "group": "Output messages",
        "width": "NONE", "display_name": "Output message format", "dependents": [], "order": 1, "alias": "data.format"},
     "value": {"name": "output.data.format", "value": "JSON", "recommended_values": ["AVRO", "JSON", "PARQUET"], "errors": [], "visible": true},
     "metadata": {"enum": ["AVRO", "JSON", "PARQUET"]}},
    {"definition": {"name": "cloud.environment", "type": "NONE", "required": false, "default_value": "",
        "importance": "NONE", "documentation": "", "group": null,
        "width": "NONE", "display_name": "", "dependents": [], "order": -1},
     "value": {"name": "cloud.environment", "value": "prod", "recommended_values": [], "errors": [], "visible": false}}
  ]
}"#;

#[test]
fn confluent_cloud_shape() {
    let infos: ConfigInfos = serde_json::from_str(CCLOUD).unwrap();
    let mut m = FormModel::new_create("GcsSink", "gcs");
    m.apply_validation(&infos);
    let v = m.view();
    assert_eq!(
        keys_of(&v),
        vec![
            (
                "How should we connect to your data?".to_string(),
                vec![
                    "gcs.bucket.name".to_string(),
                    "gcs.credentials.config".into()
                ]
            ),
            (
                "Output messages".to_string(),
                vec!["output.data.format".to_string()]
            ),
            (
                "Additional properties".to_string(),
                vec!["connector.class".to_string(), "name".into()]
            ),
        ]
    );
    assert_eq!(v.hidden_keys, vec!["cloud.environment"]);
    let fmt = m.field("output.data.format").unwrap();
    assert_eq!(fmt.ty, ConfigType::Enum);
    assert_eq!(fmt.importance, Importance::None);
    assert!(!fmt.advanced, "NONE importance is not advanced");
    assert_eq!(
        fmt.widget,
        Widget::Select {
            options: vec!["AVRO".into(), "JSON".into(), "PARQUET".into()]
        }
    );
    let creds = m.field("gcs.credentials.config").unwrap();
    assert_eq!(creds.widget, Widget::Password);
    assert_eq!(
        creds.placeholder, None,
        "an empty default is no placeholder"
    );
    assert_eq!(
        creds.value,
        ValueState::Unset,
        "the echoed \"\" is not a value"
    );
    assert_eq!(
        m.field("cloud.environment").unwrap().label,
        "cloud.environment"
    );
    assert_eq!(m.field("cloud.environment").unwrap().ty, ConfigType::None);
    assert_eq!(m.outgoing().config.len(), 2);
    assert_eq!(m.errors().keys(), vec!["gcs.credentials.config"]);
}

/// A Lenses-style answer as the protocol layer normalizes it: no groups, types unknown,
/// orders given.
#[test]
fn lenses_normalized_shape_orders_ungrouped_keys() {
    let infos: ConfigInfos = serde_json::from_value(serde_json::json!({
        "name": "com.example.Sink", "error_count": 0, "groups": [],
        "configs": [
            {"definition": {"name": "b", "type": "", "required": false, "default_value": "x", "order": 2}, "value": {"name": "b", "value": null}},
            {"definition": {"name": "a", "type": "", "required": true, "order": 1}, "value": {"name": "a", "value": null}},
            {"definition": {"name": "c", "type": "", "required": false, "default_value": null}, "value": null}
        ]
    }))
    .unwrap();
    let mut m = FormModel::new_create("com.example.Sink", "l");
    m.apply_validation(&infos);
    let v = m.view();
    assert_eq!(v.sections[0].title, "Other");
    let keys: Vec<&str> = v.sections[0]
        .fields
        .iter()
        .map(|f| f.key.as_str())
        .collect();
    assert_eq!(keys, vec!["a", "b", "c"]);
    assert!(v.sections[0]
        .fields
        .iter()
        .all(|f| f.widget == Widget::Text));
    assert!(
        m.field("c").unwrap().visible,
        "a missing value entry means visible"
    );
}

#[test]
fn choosing_the_default_is_no_change() {
    let infos = Infos::new(&["G"])
        .def(
            "flag",
            "BOOLEAN",
            Some("G"),
            1,
            "HIGH",
            Some("false"),
            None,
            &[],
        )
        .def(
            "mode",
            "STRING",
            Some("G"),
            2,
            "HIGH",
            Some("bulk"),
            None,
            &[],
        )
        .build();
    let mut m = FormModel::new_create("com.example.TestConnector", "d");
    m.apply_validation(&infos);
    m.set_bool("flag", true);
    assert_eq!(m.outgoing().config["flag"], "true");
    m.set_bool("flag", false);
    assert!(
        !m.outgoing().config.contains_key("flag"),
        "flipped back: not sent"
    );
    m.set("mode", "bulk");
    assert!(!m.outgoing().config.contains_key("mode"));
    // A value the live config pinned stays pinned, even at the default.
    let mut e = FormModel::new_edit(map(&[
        ("name", "d"),
        ("connector.class", "X"),
        ("flag", "true"),
    ]));
    e.apply_validation(&infos);
    e.set_bool("flag", false);
    assert_eq!(e.outgoing().config["flag"], "false");
    assert_eq!(e.changed_keys(), vec!["flag"]);
    // The raw editor is explicit.
    m.apply_raw_text("mode=bulk", RawFormat::Properties, ApplyMode::Merge)
        .unwrap();
    assert_eq!(m.outgoing().config["mode"], "bulk");
}

#[test]
fn plugin_classes_suggested_for_class_keys() {
    use connect_console::protocol::model::{PluginInfo, PluginType};
    let infos = Infos::new(&["Transforms: route"])
        .def(
            "transforms.route.type",
            "CLASS",
            Some("Transforms: route"),
            0,
            "HIGH",
            None,
            None,
            &[],
        )
        .def("key.converter", "CLASS", None, -1, "LOW", None, None, &[])
        .set(
            "key.converter",
            "recommended_values",
            serde_json::json!(["from.recommender.X"]),
        )
        .build();
    let mut m = FormModel::new_create("com.example.TestConnector", "p");
    m.apply_validation(&infos);
    assert_eq!(
        m.field("transforms.route.type").unwrap().widget,
        Widget::ClassName
    );
    m.set_plugins(vec![
        PluginInfo {
            class: "org.apache.kafka.connect.transforms.RegexRouter".into(),
            kind: PluginType::Transformation,
            version: None,
        },
        PluginInfo {
            class: "org.apache.kafka.connect.json.JsonConverter".into(),
            kind: PluginType::Converter,
            version: None,
        },
    ]);
    assert_eq!(
        m.field("transforms.route.type").unwrap().widget,
        Widget::Combobox {
            options: vec!["org.apache.kafka.connect.transforms.RegexRouter".into()],
            multi: false
        }
    );
    // A recommender wins over the catalog.
    assert_eq!(
        m.field("key.converter").unwrap().widget,
        Widget::Combobox {
            options: vec!["from.recommender.X".into()],
            multi: false
        }
    );
    // An undefined predicate type (before validation knows it) still gets suggestions.
    m.set("predicates.p.type", "x");
    assert_eq!(
        m.field("predicates.p.type").unwrap().widget,
        Widget::Text,
        "no predicate plugin yet"
    );
    m.set_plugins(vec![PluginInfo {
        class: "org.apache.kafka.connect.transforms.predicates.TopicNameMatches".into(),
        kind: PluginType::Predicate,
        version: None,
    }]);
    assert_eq!(
        m.field("predicates.p.type").unwrap().widget,
        Widget::Combobox {
            options: vec!["org.apache.kafka.connect.transforms.predicates.TopicNameMatches".into()],
            multi: false
        }
    );
}

#[test]
fn a_clone_draft_gets_its_secrets_back_from_the_source() {
    let src = map(&[
        ("name", "orders"),
        ("connector.class", "com.example.TestConnector"),
        ("db.password", "source-secret"),
        ("db.user", "app"),
        ("x", "1"),
        ("gone.soon", "v"),
    ]);
    let base = clone_config(&src, "orders-copy").config;
    let (mut m, _) = FormModel::new_clone(&src, "orders-copy");
    m.apply_validation(&pw_infos());
    m.set("db.user", "other");
    m.unset("gone.soon");
    let d = m.draft("alpha", 1);
    assert!(!d.to_json().contains("source-secret"));
    assert_eq!(d.omitted_secrets, vec!["db.password"]);

    let (r, report) = FormModel::from_clone_draft(&d, &base);
    assert!(
        report.reenter_secrets.is_empty(),
        "{:?}",
        report.reenter_secrets
    );
    let out = r.outgoing().config;
    assert_eq!(out["db.password"], "source-secret", "back from the source");
    assert_eq!(out["db.user"], "other", "the draft's edit");
    assert_eq!(out["name"], "orders-copy");
    assert!(
        !out.contains_key("gone.soon"),
        "removed in the draft, stays removed"
    );
    assert_eq!(
        r.value_state("db.password"),
        ValueState::SecretKept,
        "never shown"
    );

    // A source that lost the secret meanwhile: it must be typed again.
    let mut without = base.clone();
    without.remove("db.password");
    let (_, report) = FormModel::from_clone_draft(&d, &without);
    assert_eq!(report.reenter_secrets, vec!["db.password"]);
}
