//! Secrets: a bearer token or basic password reaches the server only in the `Authorization`
//! header. It is never in a URL, an error the UI shows (message, hint, detail) even for the
//! hostile responses, a `Debug` print, a curl command, the saved user settings or an export.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/http.rs"]
mod http;
#[path = "hostile/native.rs"]
mod native;

use connect_console::protocol::{Auth, ClusterTarget, ConnectClient, Flavor, Operation};
use connect_console::state::settings::{
    export_clusters, secret_areas, AuthKind, ClusterEntry, ClusterOrigin, Secrets, StorageArea,
    UserSettings,
};
use http::HttpTransport;
use native::{block_on, FixtureServer};

const TOKEN: &str = "tok-7f3a9c1e-SECRET-bearer";
const PASSWORD: &str = "pw-51b2-SECRET-basic";

fn target(base_url: &str, auth: Auth) -> ClusterTarget {
    ClusterTarget {
        flavor: Flavor::Apache,
        base_url: base_url.to_string(),
        auth,
        environment: None,
        cluster: None,
    }
}

fn assert_clean(text: &str, what: &str) {
    assert!(!text.contains(TOKEN), "{what} leaks the token: {text}");
    assert!(
        !text.contains(PASSWORD),
        "{what} leaks the password: {text}"
    );
    // base64 of "user:password" must not leak either
    assert!(
        !text.contains("dXNlcjpwdy01MWIy"),
        "{what} leaks the basic header: {text}"
    );
}

#[test]
fn credentials_travel_only_in_the_authorization_header() {
    let server = FixtureServer::start();
    for auth in [
        Auth::Bearer {
            token: TOKEN.into(),
        },
        Auth::Basic {
            username: "user".into(),
            password: PASSWORD.into(),
        },
    ] {
        for mode in [
            "hostile",
            "truncated",
            "html-200",
            "empty-200",
            "proxy-502",
            "wrong-type",
        ] {
            let c = ConnectClient::new(
                target(&server.cluster(mode), auth.clone()),
                HttpTransport::default(),
            )
            .with_retry_policy(connect_console::protocol::RetryPolicy::never());
            let results = [
                block_on(c.list_connectors(None)).map(drop),
                block_on(c.status("x")).map(drop),
                block_on(c.pause("x")),
                block_on(c.create("x", &Default::default(), None)).map(drop),
            ];
            for r in results {
                if let Err(e) = r {
                    assert_clean(&format!("{e:?}"), &format!("{mode}: ApiError"));
                    assert_clean(&e.to_string(), &format!("{mode}: ApiError display"));
                }
            }
            for sent in c.transport().sent() {
                assert_clean(&sent.url, "a request URL");
                assert_clean(sent.body.as_deref().unwrap_or(""), "a request body");
                let auth_headers: Vec<_> = sent
                    .headers
                    .iter()
                    .filter(|(k, _)| k.eq_ignore_ascii_case("authorization"))
                    .collect();
                assert_eq!(auth_headers.len(), 1, "exactly one Authorization header");
            }
            assert_clean(&format!("{:?}", c.target()), "Debug of the target");
            let curl = c.curl_command(&Operation::Pause("x")).unwrap();
            assert_clean(&curl, "a curl command");
            assert!(
                curl.contains('$'),
                "the curl command names an environment variable: {curl}"
            );
        }
    }
    // the server saw the credential in the header and nowhere else
    let log = server.log();
    assert!(!log.is_empty());
    for (_, path, authz) in &log {
        assert_clean(path, "a path the server received");
        let a = authz
            .as_deref()
            .expect("every request carried Authorization");
        assert!(
            a == format!("Bearer {TOKEN}") || a.starts_with("Basic "),
            "{a}"
        );
    }
}

#[test]
fn settings_and_exports_never_hold_a_secret() {
    let entry = ClusterEntry {
        id: "prod".into(),
        name: "prod".into(),
        flavor: Flavor::Apache,
        base_url: "https://connect.example.com".into(),
        auth: AuthKind::Bearer,
        username: None,
        color: None,
        environment: None,
        cluster: None,
        origin: ClusterOrigin::User,
        editable: true,
    };
    let basic = ClusterEntry {
        id: "staging".into(),
        auth: AuthKind::Basic,
        username: Some("user".into()),
        ..entry.clone()
    };
    let mut secrets = Secrets::default();
    secrets.set("prod", TOKEN.into());
    secrets.set("staging", PASSWORD.into());
    // the secret reaches the protocol target (and so the Authorization header) ...
    assert_eq!(
        entry.target(&secrets).auth,
        Auth::Bearer {
            token: TOKEN.into()
        }
    );
    // ... and nothing that is saved, exported or printed
    let export = export_clusters([&entry, &basic]);
    assert_clean(&export, "the export file");
    let settings = UserSettings {
        clusters: vec![entry.clone(), basic.clone()],
        ..Default::default()
    };
    assert_clean(&settings.to_json(), "the saved user settings");
    assert_clean(&format!("{secrets:?}"), "Debug of the secrets");
    assert_clean(
        &format!("{:?}", entry.target(&secrets)),
        "Debug of a target",
    );
    assert_clean(
        &format!("{:?}", basic.target(&secrets)),
        "Debug of a basic target",
    );
    // without "remember", secrets go to sessionStorage and localStorage is cleared
    assert_eq!(
        secret_areas(false),
        (StorageArea::Session, StorageArea::Local)
    );
    assert_eq!(
        secret_areas(true),
        (StorageArea::Local, StorageArea::Session)
    );
    // "forget credentials"
    secrets.clear();
    assert!(secrets.is_empty());
    assert!(entry.needs_secret(&secrets));
    assert_eq!(secrets.to_json(), r#"{"by_cluster":{}}"#);
}
