//! The create form's name warnings: each hostile character class of tests/hostile/FINDINGS.md
//! is flagged, and ordinary names (including unicode, HTML and `?#&=+`, which Kafka Connect
//! carries byte for byte) are not.
#![cfg(not(target_arch = "wasm32"))]

use connect_console::form::name_check::{encoded_len, MAX_ENCODED_NAME_BYTES};
use connect_console::form::{name_warnings, NameIssue};

fn issues(name: &str) -> Vec<NameIssue> {
    name_warnings(name).into_iter().map(|w| w.issue).collect()
}

#[test]
fn safe_names_have_no_warning() {
    for n in [
        "file-source",
        "orders_v2.sink",
        "Ünïcode-名前",
        "<img src=x onerror=alert(1)>",
        "a?b#c&d=e+f",
        "__proto__",
        "with inner space",
        "...",
        ".hidden",
        &"x".repeat(2000),
    ] {
        assert_eq!(issues(n), vec![], "{n:?}");
    }
    assert_eq!(
        issues(""),
        vec![],
        "an empty name is a required error, not a warning"
    );
}

#[test]
fn each_hostile_character_is_flagged() {
    assert_eq!(issues("a/b"), vec![NameIssue::Slash]);
    assert_eq!(issues("../../etc"), vec![NameIssue::Slash]);
    assert_eq!(issues("100%"), vec![NameIssue::Percent]);
    assert_eq!(issues("a\\b"), vec![NameIssue::Backslash]);
    assert_eq!(issues("x;y"), vec![NameIssue::Semicolon]);
    assert_eq!(issues("a{b}"), vec![NameIssue::Braces]);
    assert_eq!(issues("."), vec![NameIssue::DotSegment]);
    assert_eq!(issues(".."), vec![NameIssue::DotSegment]);
    assert_eq!(issues(" lead"), vec![NameIssue::SurroundingSpaces]);
    assert_eq!(issues("trail "), vec![NameIssue::SurroundingSpaces]);
    for c in ['\u{0}', '\n', '\t', '\u{7f}', '\u{85}'] {
        let n = format!("a{c}b");
        assert_eq!(issues(&n), vec![NameIssue::ControlCharacters], "{n:?}");
    }
}

#[test]
fn several_issues_are_all_reported_in_a_stable_order() {
    assert_eq!(
        issues(" a/b%c;d\n"),
        vec![
            NameIssue::ControlCharacters,
            NameIssue::SurroundingSpaces,
            NameIssue::Slash,
            NameIssue::Percent,
            NameIssue::Semicolon,
        ]
    );
}

#[test]
fn length_is_measured_percent_encoded() {
    assert_eq!(encoded_len("abc-._~"), 7);
    assert_eq!(encoded_len("a b"), 5);
    assert_eq!(encoded_len("é"), 6); // two UTF-8 bytes
    let limit_ascii = "a".repeat(MAX_ENCODED_NAME_BYTES);
    assert_eq!(issues(&limit_ascii), vec![]);
    assert_eq!(issues(&format!("{limit_ascii}a")), vec![NameIssue::TooLong]);
    // 10k characters: the measured 414 case.
    assert_eq!(issues(&"n".repeat(10_000)), vec![NameIssue::TooLong]);
    // 2,400 "é" are only 4,800 characters, but 14,400 bytes in a URL.
    assert_eq!(issues(&"é".repeat(2400)), vec![NameIssue::TooLong]);
    let w = name_warnings(&"n".repeat(10_000));
    assert!(w[0].message.contains("10000 bytes"), "{}", w[0].message);
    assert!(w[0].message.contains("414"), "{}", w[0].message);
}

#[test]
fn messages_say_what_the_server_does() {
    let msg = |n: &str| name_warnings(n).remove(0).message;
    assert!(msg("a/b").contains("Ambiguous URI path separator"));
    assert!(msg("a%b").contains("Ambiguous URI path encoding"));
    assert!(msg("a\nb").contains("refuses"));
    assert!(msg(" a").contains("trimmed"));
    assert!(msg("x;y").contains("cut"));
}

mod created_as_sent {
    use connect_console::form::created_as_sent;
    use connect_console::protocol::model::ConfigMap;

    fn map(pairs: &[(&str, &str)]) -> ConfigMap {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn the_server_adding_the_name_is_the_same_config() {
        let sent = map(&[("connector.class", "X"), ("topic", "t")]);
        let live = map(&[("connector.class", "X"), ("topic", "t"), ("name", "c")]);
        assert!(created_as_sent(&sent, &live));
        let sent_named = map(&[("connector.class", "X"), ("name", " c ")]);
        assert!(created_as_sent(
            &sent_named,
            &map(&[("connector.class", "X"), ("name", "c")])
        ));
    }

    #[test]
    fn any_other_difference_is_not() {
        let sent = map(&[("connector.class", "X"), ("topic", "t")]);
        assert!(!created_as_sent(
            &sent,
            &map(&[("connector.class", "X"), ("topic", "u")])
        ));
        assert!(!created_as_sent(&sent, &map(&[("connector.class", "X")])));
        assert!(!created_as_sent(
            &sent,
            &map(&[("connector.class", "X"), ("topic", "t"), ("extra", "1")])
        ));
        assert!(!created_as_sent(
            &map(&[("name", "a")]),
            &map(&[("name", "b")])
        ));
    }
}

#[test]
fn names_that_cannot_be_managed_refuse_the_create_the_others_only_warn() {
    let refused = |name: &str| name_warnings(name).iter().any(|w| w.issue.refuses_create());
    for name in ["a/b", "a%b", "a\\b", ".", "..", "a\u{7}b"] {
        assert!(refused(name), "{name:?} should be refused");
    }
    assert!(refused(&"x".repeat(MAX_ENCODED_NAME_BYTES + 1)));
    for name in [" padded ", "a;b", "a{b}", "plain-name", "dots.in.name"] {
        assert!(!refused(name), "{name:?} is only a warning (or fine)");
    }
}
