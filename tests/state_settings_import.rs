//! Settings import: every invalid entry of an export file is named, one line each, and nothing
//! is imported unless every entry is valid.
#![cfg(not(target_arch = "wasm32"))]

use connect_console::state::settings::import_clusters;

const FILE: &str = r#"{"format":"connect-console/clusters","version":1,"clusters":[
  {"id":"ok","name":"Good","flavor":"apache","baseUrl":"http://localhost:8083","auth":"none"},
  {"id":"nourl","name":"No URL","flavor":"apache","baseUrl":"ftp://x","auth":"none"},
  {"id":"basic","name":"Basic","flavor":"apache","baseUrl":"http://h:8083","auth":"basic"},
  {"id":"cc","name":"","flavor":"confluent_cloud","baseUrl":"https://api.confluent.cloud","auth":"basic","username":"k"}
]}"#;

#[test]
fn every_invalid_entry_is_reported_on_its_own_line() {
    let err = import_clusters(FILE, []).unwrap_err();
    let lines: Vec<&str> = err.lines().collect();
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
fn a_valid_file_imports_every_entry() {
    let only_good = FILE.replace(
        r#"{"id":"nourl","name":"No URL","flavor":"apache","baseUrl":"ftp://x","auth":"none"},"#,
        "",
    );
    assert!(
        import_clusters(&only_good, []).is_err(),
        "two invalid entries remain"
    );
    let good = r#"{"format":"connect-console/clusters","version":1,"clusters":[
      {"id":"a","name":"A","flavor":"apache","baseUrl":"http://a:8083","auth":"none"},
      {"id":"b","name":"B","flavor":"apache","baseUrl":"http://b:8083","auth":"basic","username":"u"}]}"#;
    let got = import_clusters(good, ["a"]).unwrap();
    assert_eq!(got.len(), 2);
    assert_ne!(got[0].id, "a", "a clashing id is renamed");
}
