//! Settings: config.json parsing (valid, partial, malformed), merging deployer and user
//! clusters, user settings round trip, secrets placement, and exports that never contain a
//! password or token.

use connect_console::protocol::model::{Auth, Flavor};
use connect_console::state::settings::*;

const CONFIG: &str = r#"{
  "clusters": [
    {"id": "alpha", "name": "Alpha", "url": "http://127.0.0.1:18083/", "color": "teal"},
    {"id": "beta", "name": "Beta", "url": "http://127.0.0.1:18084",
     "auth": {"kind": "basic", "username": "admin", "password": "admin-secret"}, "editable": true},
    {"name": "Cloud prod", "flavor": "confluent-cloud", "url": "https://api.confluent.cloud",
     "auth": {"kind": "basic", "username": "CLOUDKEY"}, "environment": "env-123", "clusterId": "lkc-abc"},
    {"name": "Basic without user", "url": "/x", "auth": "basic"},
    {"name": "no url"},
    {"name": "Redpanda", "flavor": "redpanda", "url": "/rp"}
  ],
  "pollIntervalMs": 3000,
  "readOnly": true,
  "theme": "dark",
  "surprise": 1
}"#;

#[test]
fn parses_deployer_config_with_warnings_for_bad_parts() {
    let cfg = parse_deployer_config(CONFIG).unwrap();
    assert_eq!(cfg.poll_interval_ms, 3000);
    assert!(cfg.read_only);
    assert_eq!(cfg.theme, ThemeSetting::Dark);
    let ids: Vec<&str> = cfg.clusters.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, vec!["alpha", "beta", "cloud-prod"]);
    let alpha = &cfg.clusters[0];
    assert_eq!(
        alpha.base_url, "http://127.0.0.1:18083",
        "trailing slash trimmed"
    );
    assert_eq!(alpha.origin, ClusterOrigin::Deployer);
    assert!(!alpha.editable && !alpha.deletable() && !alpha.can_edit());
    let beta = &cfg.clusters[1];
    assert_eq!(
        (beta.auth, beta.username.as_deref()),
        (AuthKind::Basic, Some("admin"))
    );
    assert!(beta.can_edit() && !beta.deletable());
    let cloud = &cfg.clusters[2];
    assert_eq!(cloud.flavor, Flavor::ConfluentCloud);
    assert_eq!(cloud.environment.as_deref(), Some("env-123"));
    assert_eq!(cloud.cluster.as_deref(), Some("lkc-abc"));
    let w = cfg.warnings.join("\n");
    assert!(w.contains("surprise"), "{w}");
    assert!(
        w.contains("clusters[3] skipped") && w.contains("url"),
        "{w}"
    );
    assert!(
        w.contains("clusters[4] skipped") && w.contains("Connect cluster name"),
        "{w}"
    );
    assert!(w.contains("password or token") && w.contains("Beta"), "{w}");
    assert!(
        !w.contains("admin-secret"),
        "warnings never echo the secret"
    );
    assert!(
        !format!("{cfg:?}").contains("admin-secret"),
        "the parsed config holds no secret"
    );
}

#[test]
fn empty_and_minimal_configs_use_defaults() {
    let cfg = parse_deployer_config("{}").unwrap();
    assert_eq!(cfg, DeployerConfig::default());
    let shipped = parse_deployer_config(include_str!("../public/config.json")).unwrap();
    assert!(shipped.warnings.is_empty(), "{:?}", shipped.warnings);
}

#[test]
fn malformed_configs_are_clear_errors() {
    match parse_deployer_config("{\n  \"clusters\": [\n    {\"id\": \"a\",}\n  ]\n}") {
        Err(ConfigError::Malformed { line, .. }) => assert_eq!(line, 3),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        parse_deployer_config(""),
        Err(ConfigError::Malformed { .. })
    ));
    assert!(matches!(
        parse_deployer_config("[]"),
        Err(ConfigError::Invalid(_))
    ));
    assert!(matches!(
        parse_deployer_config(r#"{"clusters": {}}"#),
        Err(ConfigError::Invalid(_))
    ));
    let bad =
        parse_deployer_config(r#"{"pollIntervalMs": 10, "readOnly": "yes", "theme": "blue"}"#)
            .unwrap();
    assert_eq!(bad.poll_interval_ms, 5000);
    assert!(bad.read_only, "an unclear readOnly fails safe");
    assert_eq!(bad.theme, ThemeSetting::System);
    assert_eq!(bad.warnings.len(), 3);
    for e in [
        ConfigError::NotFound,
        ConfigError::Http(500),
        ConfigError::Unreachable("offline".into()),
        ConfigError::Invalid("x".into()),
    ] {
        assert!(e.banner().contains("config.json"), "{e:?}");
    }
    let dup =
        parse_deployer_config(r#"{"clusters":[{"id":"a","url":"/a"},{"id":"a","url":"/b"}]}"#)
            .unwrap();
    assert_eq!(dup.clusters.len(), 1);
    assert!(dup.warnings[0].contains("used twice"));
}

fn user_cluster(id: &str, name: &str) -> ClusterEntry {
    ClusterEntry {
        id: id.into(),
        name: name.into(),
        base_url: "http://localhost:8083".into(),
        ..Default::default()
    }
}

#[test]
fn merge_keeps_deployer_clusters_and_honours_editable() {
    let deployer = parse_deployer_config(CONFIG).unwrap();
    let mut user = UserSettings::default();
    // Override of an editable deployer cluster, a clash with a locked one, and a user cluster.
    let mut beta = deployer.clusters[1].clone();
    beta.name = "Beta (mine)".into();
    assert!(save_cluster(&mut user, &deployer, beta));
    let mut alpha = deployer.clusters[0].clone();
    alpha.base_url = "http://evil".into();
    assert!(
        !save_cluster(&mut user, &deployer, alpha.clone()),
        "locked deployer cluster"
    );
    user.clusters.push(alpha); // even if it got in (old settings), merge ignores it
    assert!(save_cluster(
        &mut user,
        &deployer,
        user_cluster("local", "Local")
    ));
    user.poll_interval_ms = Some(200);
    let eff = merge(&deployer, &user);
    let names: Vec<&str> = eff.clusters.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, vec!["Alpha", "Beta (mine)", "Cloud prod", "Local"]);
    assert_eq!(eff.clusters[0].base_url, "http://127.0.0.1:18083");
    assert_eq!(eff.clusters[1].origin, ClusterOrigin::Deployer);
    assert!(!eff.clusters[1].deletable());
    assert_eq!(eff.clusters[3].origin, ClusterOrigin::User);
    assert!(eff.clusters[3].deletable());
    assert_eq!(eff.poll_interval_ms, 1000, "clamped to the minimum");
    assert!(eff.read_only, "deployer read-only cannot be turned off");
    assert_eq!(eff.warnings.len(), 1);
    // Removing: user clusters only.
    assert!(remove_cluster(&mut user, "local"));
    assert!(!remove_cluster(&mut user, "nope"));
}

#[test]
fn deployer_can_forbid_user_clusters() {
    let deployer = parse_deployer_config(
        r#"{"allowUserClusters": false, "clusters": [{"id":"a","url":"/a"}]}"#,
    )
    .unwrap();
    let mut user = UserSettings::default();
    assert!(!save_cluster(&mut user, &deployer, user_cluster("x", "X")));
    user.clusters.push(user_cluster("x", "X"));
    let eff = merge(&deployer, &user);
    assert_eq!(eff.clusters.len(), 1);
    assert!(!eff.allow_user_clusters);
}

#[test]
fn user_settings_round_trip_and_unreadable_settings_reset() {
    let mut u = UserSettings::default();
    u.clusters.push(user_cluster("local", "Local"));
    u.remember_secrets = true;
    u.poll_interval_ms = Some(10_000);
    let (back, warn) = UserSettings::from_json(&u.to_json());
    assert_eq!(back, u);
    assert!(warn.is_none());
    let (reset, warn) = UserSettings::from_json("{not json");
    assert_eq!(reset, UserSettings::default());
    assert!(warn.unwrap().contains("reset"));
    // Older settings without newer fields still load.
    let (old, warn) =
        UserSettings::from_json(r#"{"clusters":[{"id":"a","name":"A","baseUrl":"/a/"}]}"#);
    assert!(warn.is_none());
    assert_eq!(old.clusters[0].base_url, "/a");
}

#[test]
fn user_settings_never_contain_secrets() {
    let mut u = UserSettings::default();
    let mut c = user_cluster("b", "B");
    c.auth = AuthKind::Basic;
    c.username = Some("admin".into());
    u.clusters.push(c.clone());
    let mut secrets = Secrets::default();
    secrets.set("b", "admin-secret".into());
    assert!(!u.to_json().contains("admin-secret"));
    // The secret only meets the entry when a target is built for a request.
    match c.target(&secrets).auth {
        Auth::Basic { username, password } => {
            assert_eq!(
                (username.as_str(), password.as_str()),
                ("admin", "admin-secret")
            )
        }
        other => panic!("{other:?}"),
    }
    assert!(!c.needs_secret(&secrets));
    assert!(c.needs_secret(&Secrets::default()));
    assert!(
        !format!("{secrets:?}").contains("admin-secret"),
        "Debug redacts"
    );
}

#[test]
fn export_never_contains_passwords_or_tokens_and_imports_back() {
    let deployer = parse_deployer_config(CONFIG).unwrap();
    let mut user = UserSettings::default();
    let mut tok = user_cluster("rp", "Redpanda cloud");
    tok.flavor = Flavor::Redpanda;
    tok.cluster = Some("redpanda".into());
    tok.auth = AuthKind::Bearer;
    save_cluster(&mut user, &deployer, tok);
    let eff = merge(&deployer, &user);
    let mut secrets = Secrets::default();
    secrets.set("beta", "admin-secret".into());
    secrets.set("rp", "eyJhbGciOiJSUzI1NiJ9.token-value".into());
    secrets.set("cloud-prod", "CLOUD-API-SECRET".into());
    // Even with every secret at hand, the export has nowhere to put one.
    let _targets: Vec<_> = eff.clusters.iter().map(|c| c.target(&secrets)).collect();
    let json = export_clusters(&eff.clusters);
    for secret in [
        "admin-secret",
        "token-value",
        "CLOUD-API-SECRET",
        "password",
        "token\"",
    ] {
        assert!(!json.contains(secret), "export contains {secret}: {json}");
    }
    assert!(
        json.contains("\"username\": \"admin\""),
        "user names are not secrets"
    );
    let back = import_clusters(&json, ["alpha", "local"]).unwrap();
    assert_eq!(back.len(), eff.clusters.len());
    assert_eq!(back[0].id, "alpha-2", "clashing ids renamed");
    assert_eq!(back[1].id, "beta");
    assert!(back.iter().all(|c| c.origin == ClusterOrigin::User));
    assert_eq!(back[3].auth, AuthKind::Bearer);
    assert!(import_clusters("{}", []).is_err());
    assert!(import_clusters(r#"{"format":"other","version":1,"clusters":[]}"#, []).is_err());
}

#[test]
fn secrets_go_to_session_unless_remembered_and_serialize_round_trip() {
    assert_eq!(
        secret_areas(false),
        (StorageArea::Session, StorageArea::Local)
    );
    assert_eq!(
        secret_areas(true),
        (StorageArea::Local, StorageArea::Session)
    );
    let mut s = Secrets::default();
    s.set("a", "x".into());
    s.set("b", "y".into());
    s.set("b", String::new());
    assert_eq!(s.get("b"), None, "an empty secret removes it");
    assert_eq!(Secrets::from_json(&s.to_json()), s);
    assert_eq!(Secrets::from_json("garbage"), Secrets::default());
    s.retain_clusters(["b"]);
    assert!(s.is_empty());
}

#[test]
fn entry_validation_and_ids() {
    let mut c = user_cluster("x", "");
    c.base_url = "ftp://x".into();
    let errs = c.validate().unwrap_err();
    let fields: Vec<&str> = errs.iter().map(|e| e.field).collect();
    assert_eq!(fields, vec!["name", "baseUrl"]);
    c.name = "X".into();
    c.base_url = "http://user:pw@host".into();
    assert!(c.validate().unwrap_err()[0].message.contains("credentials"));
    c.base_url = "https://connect.example.com:8083/base".into();
    c.auth = AuthKind::Basic;
    assert_eq!(c.validate().unwrap_err()[0].field, "username");
    c.username = Some("u".into());
    assert!(c.validate().is_ok());
    c.flavor = Flavor::Lenses;
    assert_eq!(c.validate().unwrap_err().len(), 2);
    assert_eq!(new_cluster_id("Prod EU / Connect!", []), "prod-eu-connect");
    assert_eq!(new_cluster_id("Prod", ["prod", "prod-2"]), "prod-3");
    assert_eq!(new_cluster_id("???", []), "cluster");
}
