//! Checks a new connector's name before it is sent, and explains what Kafka Connect (Jetty 12)
//! and the proxies in front of it do with names that need care. Pure: the create form shows
//! the warnings inline while the name is typed.
//!
//! The facts are those measured on Kafka 4.3.1 / Jetty 12.0.34 (`tests/hostile/FINDINGS.md`):
//! a name with `/`, `%` or `\` is created but every later request for it answers 400, so it can
//! never be changed or deleted through REST; `;` cuts a write forwarded by a follower; `.` and
//! `..` are resolved away by every browser; a name whose encoded form is longer than ~7 KB
//! exceeds Jetty's URI limit (414) and the 201 never arrives; control characters are refused;
//! leading and trailing spaces are trimmed by the server; `{`/`}` answer a 500 although the
//! connector is created.

/// What is wrong with a name. Several can apply to one name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NameIssue {
    /// Control characters (C0, DEL, C1): the server refuses the create (400).
    ControlCharacters,
    /// Leading or trailing whitespace: the server stores the name trimmed.
    SurroundingSpaces,
    /// `/`: created, then unreachable (Jetty 12 refuses an encoded `/` in a path).
    Slash,
    /// `%`: created, then unreachable (Jetty 12 refuses an encoded `%` in a path).
    Percent,
    /// `\`: created, then unreachable (Jetty answers 400 for an encoded `\`).
    Backslash,
    /// `;`: a write sent to a follower is forwarded with the name cut at `;`.
    Semicolon,
    /// `{` or `}`: the create answers 500 although the connector exists; writes through a
    /// follower fail.
    Braces,
    /// Exactly `.` or `..`: browsers resolve the path segment away.
    DotSegment,
    /// The percent-encoded name is longer than Jetty's URI limit allows.
    TooLong,
}

impl NameIssue {
    /// Whether the console refuses to create a connector with such a name: the server refuses
    /// it anyway, or creates a connector that can then never be read, changed or deleted
    /// through the REST API (or whose create answer never arrives). The other issues are
    /// warnings: the connector works, with care.
    pub fn refuses_create(self) -> bool {
        matches!(
            self,
            NameIssue::ControlCharacters
                | NameIssue::Slash
                | NameIssue::Percent
                | NameIssue::Backslash
                | NameIssue::DotSegment
                | NameIssue::TooLong
        )
    }
}

/// One warning: what applies, and what happens to such a name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameWarning {
    pub issue: NameIssue,
    pub message: String,
}

/// The longest percent-encoded name that still fits Jetty's default 8 KiB request line with the
/// rest of a connector's URL (`/connectors/<name>/offsets`, the host's prefix): ~7 KB.
pub const MAX_ENCODED_NAME_BYTES: usize = 7 * 1024;

/// Bytes a name takes in a URL path segment once percent-encoded (RFC 3986 unreserved
/// characters as they are, every other byte as `%XX`).
pub fn encoded_len(name: &str) -> usize {
    name.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
                1
            } else {
                3
            }
        })
        .sum()
}

/// The warnings for a connector name, in a stable order (most severe first). Empty for a name
/// that every request can carry safely; an empty name gets none (it is a required-field error,
/// not a warning).
pub fn name_warnings(name: &str) -> Vec<NameWarning> {
    let mut out = Vec::new();
    if name.is_empty() {
        return out;
    }
    let mut push = |issue: NameIssue, message: &str| {
        out.push(NameWarning {
            issue,
            message: message.to_string(),
        })
    };
    if name.chars().any(char::is_control) {
        push(
            NameIssue::ControlCharacters,
            "Contains control characters (line breaks, tabs, NUL…): Kafka Connect refuses the name (400 \u{201c}may not contain control sequences\u{201d}).",
        );
    }
    if name.trim() != name {
        push(
            NameIssue::SurroundingSpaces,
            "Starts or ends with spaces: Kafka Connect stores the name trimmed, so the connector will be called differently from what you typed.",
        );
    }
    if name.contains('/') {
        push(
            NameIssue::Slash,
            "Contains \u{201c}/\u{201d}: Kafka Connect creates the connector, but its web server (Jetty 12) refuses every later request for it (400 \u{201c}Ambiguous URI path separator\u{201d}): it can never be read, changed or deleted through the REST API.",
        );
    }
    if name.contains('%') {
        push(
            NameIssue::Percent,
            "Contains \u{201c}%\u{201d}: the connector is created, but Jetty 12 refuses every later request for it (400 \u{201c}Ambiguous URI path encoding\u{201d}): it cannot be changed or deleted through the REST API.",
        );
    }
    if name.contains('\\') {
        push(
            NameIssue::Backslash,
            "Contains \u{201c}\\\u{201d}: the connector is created, but Jetty answers 400 to every later request for it: it cannot be changed or deleted through the REST API.",
        );
    }
    if name.contains(';') {
        push(
            NameIssue::Semicolon,
            "Contains \u{201c};\u{201d}: a change sent to a worker that is not the leader is forwarded with the name cut at \u{201c};\u{201d} and acts on another connector. This console refuses changes to such a connector on Apache Kafka Connect; reads work.",
        );
    }
    if name.contains('{') || name.contains('}') {
        push(
            NameIssue::Braces,
            "Contains \u{201c}{\u{201d} or \u{201c}}\u{201d}: Kafka Connect answers the create with an error 500 although the connector is created, and changes sent through a worker that is not the leader fail.",
        );
    }
    if name == "." || name == ".." {
        push(
            NameIssue::DotSegment,
            "Is \u{201c}.\u{201d} or \u{201c}..\u{201d}: browsers and proxies resolve such a path segment away, so the connector cannot be reached from this console.",
        );
    }
    let len = encoded_len(name);
    if len > MAX_ENCODED_NAME_BYTES {
        push(
            NameIssue::TooLong,
            &format!(
                "Is {len} bytes long in a URL (over ~{} KB): the connector is created but the answer never arrives, and every later request for it exceeds Jetty's URI limit (414): it cannot be deleted.",
                MAX_ENCODED_NAME_BYTES / 1024
            ),
        );
    }
    out
}
