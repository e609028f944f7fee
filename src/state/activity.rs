//! The activity log: every change this console sent to a cluster (lifecycle actions, bulk
//! items, creates, config saves, offsets, topic resets, log levels) with its time and outcome,
//! newest first. Operators ask other consoles for this audit trail (peers: kafbat #46, #183):
//! what was done here, to what, and whether the cluster took it.
//!
//! An entry holds names, the action's label and the outcome's message: never a config value,
//! so nothing secret reaches browser storage or an export. Bounded to [`ACTIVITY_CAP`]
//! entries; the oldest go first.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

/// Where the log is kept in localStorage.
pub const ACTIVITY_KEY: &str = "connect-console.activity.v1";

/// The most entries kept.
pub const ACTIVITY_CAP: usize = 500;

/// The longest message kept per entry (a server's stack trace is cut).
const MESSAGE_CAP: usize = 400;

/// What an entry acted on: a connector (or one of its tasks), or the cluster's workers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "name")]
pub enum Subject {
    Connector(String),
    /// A logger (log levels are set on workers, not on connectors).
    Logger(String),
}

impl Subject {
    pub fn name(&self) -> &str {
        match self {
            Subject::Connector(n) | Subject::Logger(n) => n,
        }
    }
}

/// How the cluster answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "result", content = "message")]
pub enum ActivityOutcome {
    /// Accepted; with the server's message when it sent one.
    Done(Option<String>),
    /// Refused or failed, with the error's message.
    Failed(String),
}

/// One change sent to a cluster.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityEntry {
    /// Milliseconds since the epoch, when the answer came.
    pub at_ms: u64,
    /// The cluster's id in the registry.
    pub cluster: String,
    pub subject: Subject,
    /// The action's label ("Pause", "Create", "Reset offsets").
    pub action: String,
    pub outcome: ActivityOutcome,
}

impl ActivityEntry {
    /// An entry for `result`; messages are cut to one bounded line.
    pub fn new(
        at_ms: u64,
        cluster: &str,
        subject: Subject,
        action: impl Into<String>,
        result: Result<Option<String>, String>,
    ) -> Self {
        let outcome = match result {
            Ok(m) => ActivityOutcome::Done(m.map(|m| bounded(&m)).filter(|m| !m.is_empty())),
            Err(e) => ActivityOutcome::Failed(bounded(&e)),
        };
        ActivityEntry {
            at_ms,
            cluster: cluster.to_string(),
            subject,
            action: action.into(),
            outcome,
        }
    }

    pub fn failed(&self) -> bool {
        matches!(self.outcome, ActivityOutcome::Failed(_))
    }

    /// The outcome's message, if any.
    pub fn message(&self) -> Option<&str> {
        match &self.outcome {
            ActivityOutcome::Done(m) => m.as_deref(),
            ActivityOutcome::Failed(m) => Some(m),
        }
    }

    /// Whether every word of `query` (case-insensitive) is in the cluster (its id or
    /// `cluster_label`), subject, action or message.
    pub fn matches(&self, query: &str, cluster_label: &str) -> bool {
        let hay = format!(
            "{} {} {} {} {}",
            self.cluster,
            cluster_label,
            self.subject.name(),
            self.action,
            self.message().unwrap_or("")
        )
        .to_lowercase();
        query
            .split_whitespace()
            .all(|w| hay.contains(&w.to_lowercase()))
    }
}

/// `message` with each of `values` (a config that was sent; values of 3 characters or more)
/// replaced by `…` where it stands as a whole token (not inside a longer word, name or key:
/// `all` stays in "already", `orders` in "orders-sink"): a server quotes values in its refusals
/// (`Invalid value … for configuration …`), and a value can be a credential.
pub fn without_values<'v>(message: &str, values: impl IntoIterator<Item = &'v str>) -> String {
    let mut values: Vec<&str> = values
        .into_iter()
        .filter(|v| v.chars().count() >= 3)
        .collect();
    // The longest first, so a value inside another one does not leave the rest behind.
    values.sort_by_key(|v| std::cmp::Reverse(v.len()));
    let mut out = message.to_string();
    for v in values {
        if out.contains(v) {
            out = without_token(&out, v);
        }
    }
    out
}

/// Whether `c` continues a word, a name or a dotted key.
fn is_token_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '.')
}

/// `text` with each whole-token occurrence of `value` replaced by `…`.
fn without_token(text: &str, value: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (i, _) in text.match_indices(value) {
        if i < last {
            continue;
        }
        let before = text[..i].chars().next_back();
        let after = text[i + value.len()..].chars().next();
        if before.is_some_and(is_token_char) || after.is_some_and(is_token_char) {
            continue;
        }
        out.push_str(&text[last..i]);
        out.push('…');
        last = i + value.len();
    }
    out.push_str(&text[last..]);
    out
}

/// Kafka's `Invalid value <value> for configuration <key>` with the value left out, wherever it
/// comes (whatever sent it).
fn without_invalid_values(message: &str) -> String {
    const START: &str = "Invalid value ";
    const END: &str = " for configuration";
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find(START) {
        let after = &rest[i + START.len()..];
        match after.find(END) {
            Some(j) => {
                out.push_str(&rest[..i + START.len()]);
                out.push('…');
                rest = &after[j..];
            }
            None => break,
        }
    }
    out.push_str(rest);
    out
}

/// `message`'s first line without quoted invalid values, at most [`MESSAGE_CAP`] characters.
fn bounded(message: &str) -> String {
    let message = without_invalid_values(message);
    let line = message.lines().next().unwrap_or("").trim();
    match line.char_indices().nth(MESSAGE_CAP) {
        Some((i, _)) => format!("{}…", &line[..i]),
        None => line.to_string(),
    }
}

/// The log, oldest first in memory.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActivityLog {
    entries: VecDeque<ActivityEntry>,
}

impl ActivityLog {
    /// The log saved as [`ActivityLog::to_json`], or empty (and whether it was unreadable).
    pub fn from_json(text: Option<&str>) -> (ActivityLog, bool) {
        let Some(text) = text else {
            return (ActivityLog::default(), false);
        };
        match serde_json::from_str::<Vec<ActivityEntry>>(text) {
            Ok(entries) => {
                let mut log = ActivityLog::default();
                for e in entries {
                    log.record(e);
                }
                (log, false)
            }
            Err(_) => (ActivityLog::default(), true),
        }
    }

    /// Oldest first, as saved and exported.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.entries).unwrap_or_else(|_| "[]".into())
    }

    /// Adds `entry`, dropping the oldest beyond [`ACTIVITY_CAP`].
    pub fn record(&mut self, entry: ActivityEntry) {
        self.entries.push_back(entry);
        while self.entries.len() > ACTIVITY_CAP {
            self.entries.pop_front();
        }
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Entries matching `query` (and failed, with `failed_only`), newest first.
    pub fn view(&self, query: &str, failed_only: bool) -> Vec<ActivityEntry> {
        self.view_labelled(query, failed_only, |_| String::new())
    }

    /// [`ActivityLog::view`], where the query also matches each cluster's label (`label_of`
    /// its id).
    pub fn view_labelled(
        &self,
        query: &str,
        failed_only: bool,
        label_of: impl Fn(&str) -> String,
    ) -> Vec<ActivityEntry> {
        self.entries
            .iter()
            .rev()
            .filter(|e| {
                (!failed_only || e.failed())
                    && (query.trim().is_empty() || e.matches(query, &label_of(&e.cluster)))
            })
            .cloned()
            .collect()
    }

    /// The newest `n` entries about `name` on `cluster`.
    pub fn for_connector(&self, cluster: &str, name: &str, n: usize) -> Vec<ActivityEntry> {
        self.entries
            .iter()
            .rev()
            .filter(|e| {
                e.cluster == cluster && matches!(&e.subject, Subject::Connector(c) if c == name)
            })
            .take(n)
            .cloned()
            .collect()
    }

    /// How many entries failed.
    pub fn failures(&self) -> usize {
        self.entries.iter().filter(|e| e.failed()).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(at: u64, name: &str, result: Result<Option<String>, String>) -> ActivityEntry {
        ActivityEntry::new(
            at,
            "alpha",
            Subject::Connector(name.into()),
            "Pause",
            result,
        )
    }

    #[test]
    fn newest_first_and_bounded() {
        let mut log = ActivityLog::default();
        for i in 0..(ACTIVITY_CAP as u64 + 3) {
            log.record(entry(i, &format!("c{i}"), Ok(None)));
        }
        assert_eq!(log.len(), ACTIVITY_CAP);
        let v = log.view("", false);
        assert_eq!(v[0].at_ms, ACTIVITY_CAP as u64 + 2);
        assert_eq!(v.last().unwrap().at_ms, 3, "the three oldest went first");
    }

    #[test]
    fn filters_by_words_and_failures() {
        let mut log = ActivityLog::default();
        log.record(entry(1, "orders-sink", Ok(None)));
        log.record(entry(
            2,
            "orders-source",
            Err("Connector is STOPPED".into()),
        ));
        log.record(entry(3, "billing", Err("timed out".into())));
        assert_eq!(log.failures(), 2);
        let mine = log.for_connector("alpha", "orders-sink", 5);
        assert_eq!(mine.len(), 1);
        assert!(log.for_connector("beta", "orders-sink", 5).is_empty());
        assert!(
            log.for_connector("alpha", "orders", 5).is_empty(),
            "whole names only"
        );
        let names = |v: Vec<ActivityEntry>| {
            v.iter()
                .map(|e| e.subject.name().to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(log.view("ORDERS", false)),
            ["orders-source", "orders-sink"]
        );
        assert_eq!(names(log.view("orders", true)), ["orders-source"]);
        assert_eq!(names(log.view("stopped alpha", false)), ["orders-source"]);
        let labelled = log.view_labelled("production", false, |id| {
            if id == "alpha" {
                "Production EU".into()
            } else {
                String::new()
            }
        });
        assert_eq!(labelled.len(), 3, "the label matches too");
        assert_eq!(
            names(log.view("pause nothing", false)),
            Vec::<String>::new()
        );
    }

    #[test]
    fn messages_are_one_bounded_line() {
        let trace = format!("first line\n\tat org.apache.kafka.Foo\n{}", "x".repeat(900));
        let e = entry(1, "c", Err(trace));
        assert_eq!(e.message(), Some("first line"));
        let long = "y".repeat(MESSAGE_CAP + 50);
        let e = entry(1, "c", Err(long));
        assert_eq!(e.message().unwrap().chars().count(), MESSAGE_CAP + 1);
        assert!(e.message().unwrap().ends_with('…'));
        let e = entry(1, "c", Ok(Some("  ".into())));
        assert_eq!(
            e.outcome,
            ActivityOutcome::Done(None),
            "a blank message is none"
        );
        // a cut inside a multi-byte character stays on a boundary
        let e = entry(1, "c", Err("é".repeat(MESSAGE_CAP + 1)));
        assert!(e.message().unwrap().starts_with("éé"));
    }

    #[test]
    fn no_config_value_is_kept_from_a_refusal() {
        // Kafka's 400 for a create or save with a bad value, collapsed to one line as the
        // protocol layer does for a 4xx body.
        let refusal = "Connector configuration is invalid and contains the following 2 error(s): \
                       Invalid value jdbc:postgresql://db/x?password=hunter22 for configuration \
                       connection.url: not reachable Invalid value s3cr3t-token for configuration \
                       api.key: too short";
        let e = entry(1, "c", Err(refusal.into()));
        let kept = e.message().unwrap();
        assert!(
            !kept.contains("hunter22") && !kept.contains("s3cr3t-token"),
            "{kept}"
        );
        assert!(kept.contains("Invalid value … for configuration connection.url"));
        assert!(kept.contains("Invalid value … for configuration api.key: too short"));
        // any other quoting of a sent value
        let sent = ["hunter22-long-secret", "orders", "1", "ok"];
        let msg = "Login failed with hunter22-long-secret on topic orders (1 try, ok)";
        assert_eq!(
            without_values(msg, sent),
            "Login failed with … on topic … (1 try, ok)",
            "values under 3 characters are left: they would blank out ordinary words"
        );
        // only whole tokens: not inside a word, a connector's name or a dotted key
        let sent = ["all", "none", "unwrap", "orders", "hunter22"];
        let msg = "Connector orders-sink already exists; nonexistent transforms.unwrap.type; \
                   url=jdbc:x?password=hunter22&ssl=none";
        assert_eq!(
            without_values(msg, sent),
            "Connector orders-sink already exists; nonexistent transforms.unwrap.type; \
             url=jdbc:x?password=…&ssl=…"
        );
        assert_eq!(
            without_values("é-all all", ["all"]),
            "é-all …",
            "boundaries by character"
        );
        assert_eq!(
            without_values("a secret-value-2 b", ["secret-value", "secret-value-2"]),
            "a … b",
            "the longest value first"
        );
        assert_eq!(
            bounded("Invalid value x with no key"),
            "Invalid value x with no key",
            "an unfinished pattern is left as written"
        );
    }

    #[test]
    fn saved_and_read_back_and_an_unreadable_save_is_reported() {
        let mut log = ActivityLog::default();
        log.record(entry(1, "a", Ok(Some("Reset requested".into()))));
        log.record(ActivityEntry::new(
            2,
            "beta",
            Subject::Logger("org.apache.kafka.connect".into()),
            "Set level DEBUG",
            Err("404".into()),
        ));
        let text = log.to_json();
        assert!(text.contains(r#""subject":{"kind":"logger","name":"org.apache.kafka.connect"}"#));
        assert!(text.contains(r#""outcome":{"result":"failed","message":"404"}"#));
        let (back, broken) = ActivityLog::from_json(Some(&text));
        assert!(!broken);
        assert_eq!(back, log);
        assert_eq!(
            ActivityLog::from_json(None),
            (ActivityLog::default(), false)
        );
        let (empty, broken) = ActivityLog::from_json(Some("{not json"));
        assert!(broken && empty.is_empty());
    }
}
