//! Settings import: every invalid entry of an export file is named, one message each, and
//! nothing is imported unless every entry is valid.
#![cfg(not(target_arch = "wasm32"))]

use connect_console::state::settings::{import_clusters, ImportError};

const FILE: &str = r#"{"format":"connect-console/clusters","version":1,"clusters":[
  {"id":"ok","name":"Good","flavor":"apache","baseUrl":"http://localhost:8083","auth":"none"},
  {"id":"nourl","name":"No URL","flavor":"apache","baseUrl":"ftp://x","auth":"none"},
  {"id":"basic","name":"Basic","flavor":"apache","baseUrl":"http://h:8083","auth":"basic"},
  {"id":"cc","name":"","flavor":"confluent_cloud","baseUrl":"https://api.confluent.cloud","auth":"basic","username":"k"}
]}"#;

#[test]
fn every_invalid_entry_is_reported_on_its_own() {
    let err = import_clusters(FILE, []).unwrap_err();
    let ImportError::Entries(lines) = &err else {
        panic!("entries are named: {err:?}")
    };
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines[0].starts_with("Cluster 2 \"No URL\": "),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with("Cluster 3 \"Basic\": ") && lines[1].contains("user name"),
        "{}",
        lines[1]
    );
    assert!(lines[2].starts_with("Cluster 4 \"\": "), "{}", lines[2]);
    assert!(
        lines[2].contains("Give the cluster a name.") && lines[2].contains("environment id"),
        "{}",
        lines[2]
    );
}

#[test]
fn one_invalid_entry_left_still_imports_nothing() {
    let fewer = FILE.replace(
        r#"{"id":"nourl","name":"No URL","flavor":"apache","baseUrl":"ftp://x","auth":"none"},"#,
        "",
    );
    match import_clusters(&fewer, []) {
        Err(ImportError::Entries(lines)) => assert_eq!(lines.len(), 2, "{lines:?}"),
        other => panic!("two invalid entries remain: {other:?}"),
    }
}

#[test]
fn a_name_with_a_line_break_stays_one_entry() {
    let file = r#"{"format":"connect-console/clusters","version":1,"clusters":[
      {"id":"x","name":"two\nlines","flavor":"apache","baseUrl":"ftp://x","auth":"none"}]}"#;
    match import_clusters(file, []) {
        Err(ImportError::Entries(lines)) => {
            assert_eq!(lines.len(), 1, "{lines:?}");
            assert!(
                lines[0].starts_with("Cluster 1 \"two\nlines\": "),
                "{}",
                lines[0]
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_file_that_is_not_an_export_is_one_file_error() {
    assert!(
        matches!(import_clusters("{}", []), Err(ImportError::File(m)) if m.contains("not an export file"))
    );
    assert!(matches!(
        import_clusters(r#"{"format":"other","version":1,"clusters":[]}"#, []),
        Err(ImportError::File(m)) if m.contains("Unknown format")
    ));
}

#[test]
fn a_valid_file_imports_every_entry() {
    let good = r#"{"format":"connect-console/clusters","version":1,"clusters":[
      {"id":"a","name":"A","flavor":"apache","baseUrl":"http://a:8083","auth":"none"},
      {"id":"b","name":"B","flavor":"apache","baseUrl":"http://b:8083","auth":"basic","username":"u"}]}"#;
    let got = import_clusters(good, ["a"]).unwrap();
    assert_eq!(got.len(), 2);
    assert_ne!(got[0].id, "a", "a clashing id is renamed");
    assert_eq!(got[1].id, "b");
}

#[test]
fn an_export_imported_back_adds_nothing_and_names_what_was_already_here() {
    use connect_console::state::settings::{export_clusters, plan_import, same_connection};
    let file = r#"{"format":"connect-console/clusters","version":1,"clusters":[
      {"id":"a","name":"A","flavor":"apache","baseUrl":"http://a:8083/","auth":"none"},
      {"id":"b","name":"B","flavor":"apache","baseUrl":"http://b:8083","auth":"basic","username":"u"}]}"#;
    let existing = import_clusters(file, []).unwrap();
    let again = import_clusters(&export_clusters(&existing), ["a", "b"]).unwrap();
    assert_ne!(again[0].id, "a", "ids are still renamed before the plan");
    let plan = plan_import(again, &existing);
    assert!(plan.add.is_empty(), "{:?}", plan.add);
    let said = |plan: &connect_console::state::settings::ImportPlan| {
        plan.already_present
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(said(&plan), vec!["A", "B"]);

    // Another label or colour is the same cluster; another user, URL or flavor is not, and a
    // file listing one cluster twice adds it once.
    let file = r#"{"format":"connect-console/clusters","version":1,"clusters":[
      {"id":"x","name":"A renamed","flavor":"apache","baseUrl":"http://a:8083","auth":"none","color":"red"},
      {"id":"y","name":"B as admin","flavor":"apache","baseUrl":"http://b:8083","auth":"basic","username":"admin"},
      {"id":"z","name":"C","flavor":"apache","baseUrl":"http://c:8083","auth":"none"},
      {"id":"z2","name":"C again","flavor":"apache","baseUrl":"http://c:8083","auth":"none"}]}"#;
    let plan = plan_import(import_clusters(file, ["a", "b"]).unwrap(), &existing);
    assert_eq!(
        plan.add.iter().map(|e| e.name.as_str()).collect::<Vec<_>>(),
        vec!["B as admin", "C"]
    );
    // Each left-out entry names the cluster that has its connection.
    assert_eq!(
        said(&plan),
        vec![
            "A renamed (the same connection as A)",
            "C again (the same connection as C)"
        ]
    );
    assert!(
        !same_connection(&existing[1], &plan.add[0]),
        "another user on the same URL is another connection"
    );
}

/// Adding or editing a cluster refuses what the edit would make ambiguous: a name another
/// cluster has (any case), or the same connection as another (which an export imported back
/// would then leave out). An edit of the entry itself, and a clash it already had before the
/// edit, are not refused.
#[test]
fn a_cluster_whose_name_or_connection_another_has_is_refused() {
    use connect_console::state::settings::{clashes, ClusterOrigin};
    let file = r#"{"format":"connect-console/clusters","version":1,"clusters":[
      {"id":"a","name":"alpha","flavor":"apache","baseUrl":"/connect/alpha","auth":"none"},
      {"id":"b","name":"beta","flavor":"apache","baseUrl":"/connect/beta","auth":"basic","username":"u"}]}"#;
    let mut existing = import_clusters(file, []).unwrap();
    let mut e = existing[0].clone();
    assert!(
        clashes(&e, Some(&existing[0]), &existing).is_empty(),
        "editing itself"
    );
    e.id = "a2".into();
    let errs = clashes(&e, None, &existing);
    assert_eq!(
        errs.iter().map(|e| e.field).collect::<Vec<_>>(),
        vec!["name", "baseUrl"]
    );
    assert!(errs[1].message.contains("alpha"), "{}", errs[1].message);
    assert!(
        errs[1].message.contains("edit that one"),
        "{}",
        errs[1].message
    );
    e.name = " ALPHA ".into();
    e.base_url = "/connect/other".into();
    assert_eq!(clashes(&e, None, &existing)[0].field, "name");
    e.name = "qa renamed".into();
    assert!(clashes(&e, None, &existing).is_empty());
    // Same URL with another user is another connection; a user name without basic auth, or
    // a blank environment, does not make another connection.
    e.base_url = "/connect/beta".into();
    e.auth = existing[1].auth;
    e.username = Some("admin".into());
    assert!(clashes(&e, None, &existing).is_empty());
    e.username = Some("u".into());
    assert_eq!(clashes(&e, None, &existing)[0].field, "baseUrl");
    let mut no_auth = existing[0].clone();
    no_auth.id = "a3".into();
    no_auth.name = "alpha again".into();
    no_auth.username = Some("left over".into());
    no_auth.environment = Some(String::new());
    assert_eq!(clashes(&no_auth, None, &existing)[0].field, "baseUrl");

    // A clash the stored entry already had (saved before this rule, or two deployer entries)
    // does not block an edit of its colour; a deployer entry is named as one to use.
    let mut old = existing[0].clone();
    old.id = "mine".into();
    old.name = "my alpha".into();
    existing.push(old.clone());
    let mut recoloured = old.clone();
    recoloured.color = Some("#ff0000".into());
    assert!(clashes(&recoloured, Some(&old), &existing).is_empty());
    existing[0].origin = ClusterOrigin::Deployer;
    existing[0].editable = false;
    let mut copy = existing[0].clone();
    copy.id = "new".into();
    copy.name = "new".into();
    let errs = clashes(&copy, None, &existing);
    assert!(
        errs[0].message.contains("use that one"),
        "{}",
        errs[0].message
    );
}

/// An imported cluster whose name another has is added under a free name, and says so.
#[test]
fn an_import_renames_a_cluster_whose_name_is_taken() {
    use connect_console::state::settings::plan_import;
    let file = r#"{"format":"connect-console/clusters","version":1,"clusters":[
      {"id":"a","name":"prod","flavor":"apache","baseUrl":"http://a:8083","auth":"none"}]}"#;
    let existing = import_clusters(file, []).unwrap();
    let file = r#"{"format":"connect-console/clusters","version":1,"clusters":[
      {"id":"x","name":"Prod","flavor":"apache","baseUrl":"http://b:8083","auth":"none"},
      {"id":"y","name":"prod","flavor":"apache","baseUrl":"http://c:8083","auth":"none"}]}"#;
    let plan = plan_import(import_clusters(file, ["a"]).unwrap(), &existing);
    assert_eq!(
        plan.add.iter().map(|e| e.name.as_str()).collect::<Vec<_>>(),
        vec!["Prod (2)", "prod (3)"]
    );
    assert_eq!(
        plan.renamed,
        vec!["Prod \u{2192} Prod (2)", "prod \u{2192} prod (3)"]
    );
}
