//! The raw editors' formats: JSON and Java `.properties`, both directions, losing no key.
//!
//! These functions are verbatim: they neither mask nor drop anything. The form model's
//! `raw_json`/`raw_properties` mask secrets with [`crate::form::secret::HIDDEN`] before calling
//! them, and `apply_raw` turns that token back into the kept secret.

use serde_json::Value;

use crate::protocol::model::ConfigMap;

/// A parsed raw config.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawImport {
    /// The flat config. For a pasted create body (`{"name": .., "config": {..}}`) this is the
    /// inner config, with `name` filled in from the body when the config lacks it.
    pub config: ConfigMap,
    /// The body's top-level `name`, when the text was a create body / `ConnectorInfo`.
    pub name: Option<String>,
    /// Non-fatal notes: coerced numbers/booleans/arrays, nulls left out, duplicate keys,
    /// ignored top-level keys.
    pub warnings: Vec<String>,
}

/// Why raw text could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawError {
    pub message: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// The offending key, when known.
    pub key: Option<String>,
}

impl std::fmt::Display for RawError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "line {l}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for RawError {}

/// Pretty JSON of a flat config, keys sorted.
pub fn to_json(config: &ConfigMap) -> String {
    serde_json::to_string_pretty(config).unwrap_or_else(|_| "{}".to_string())
}

/// Pretty JSON of a create body `{"name": .., "config": {..}}` (`POST /connectors`).
pub fn to_create_body_json(name: &str, config: &ConfigMap) -> String {
    let body = serde_json::json!({ "name": name, "config": config });
    serde_json::to_string_pretty(&body).unwrap_or_else(|_| "{}".to_string())
}

/// Top-level keys of wrapper bodies that are understood and not config.
const WRAPPER_KEYS: &[&str] = &[
    "name",
    "config",
    "configuration",
    "initial_state",
    "initial_offsets",
    "offsets",
    "tasks",
    "type",
    "cluster",
];

/// Keys repeated within one JSON object (at any depth, each named once, in order of their
/// second appearance), for a text that parses. Empty for invalid JSON.
pub fn repeated_json_keys(text: &str) -> Vec<String> {
    use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
    use std::cell::RefCell;

    struct Walk<'a>(&'a RefCell<Vec<String>>);
    impl<'de> DeserializeSeed<'de> for Walk<'_> {
        type Value = ();
        fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }
    impl<'de> Visitor<'de> for Walk<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            let mut seen = std::collections::HashSet::new();
            while let Some(k) = map.next_key::<String>()? {
                if !seen.insert(k.clone()) && !self.0.borrow().contains(&k) {
                    self.0.borrow_mut().push(k);
                }
                map.next_value_seed(Walk(self.0))?;
            }
            Ok(())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            while seq.next_element_seed(Walk(self.0))?.is_some() {}
            Ok(())
        }
        fn visit_bool<E>(self, _: bool) -> Result<(), E> {
            Ok(())
        }
        fn visit_i64<E>(self, _: i64) -> Result<(), E> {
            Ok(())
        }
        fn visit_u64<E>(self, _: u64) -> Result<(), E> {
            Ok(())
        }
        fn visit_f64<E>(self, _: f64) -> Result<(), E> {
            Ok(())
        }
        fn visit_str<E>(self, _: &str) -> Result<(), E> {
            Ok(())
        }
        fn visit_unit<E>(self) -> Result<(), E> {
            Ok(())
        }
    }

    let found = RefCell::new(Vec::new());
    let mut de = serde_json::Deserializer::from_str(text);
    if Walk(&found).deserialize(&mut de).is_err() {
        return Vec::new();
    }
    found.into_inner()
}

/// Parses JSON: a flat object of strings, or a wrapper with an object `config` (Apache
/// create body, `ConnectorInfo`) or `configuration` (Lenses). Numbers and booleans become
/// strings, arrays of scalars become comma-joined lists, nulls are left out (each with a
/// warning); nested objects are rejected.
pub fn from_json(text: &str) -> Result<RawImport, RawError> {
    let value: Value = serde_json::from_str(text).map_err(|e| RawError {
        message: format!("invalid JSON: {e}"),
        line: Some(e.line()).filter(|l| *l > 0),
        key: None,
    })?;
    let Value::Object(top) = value else {
        return Err(RawError {
            message: "expected a JSON object of config keys (or {\"name\": .., \"config\": {..}})"
                .to_string(),
            line: None,
            key: None,
        });
    };
    let mut out = RawImport::default();
    // serde_json keeps the last of repeated keys without a word: say so, as for .properties.
    for key in repeated_json_keys(text) {
        out.warnings.push(format!(
            "\"{key}\" appears more than once; the last value wins"
        ));
    }
    let inner = ["config", "configuration"]
        .iter()
        .find_map(|k| match top.get(*k) {
            Some(Value::Object(m)) => Some(m),
            _ => None,
        });
    let flat = match inner {
        Some(inner) => {
            match top.get("name") {
                Some(Value::String(n)) => out.name = Some(n.trim().to_string()),
                Some(Value::Null) | None => {}
                Some(_) => out
                    .warnings
                    .push("top-level name is not a string; ignored".into()),
            }
            for k in top.keys() {
                if !WRAPPER_KEYS.contains(&k.as_str()) {
                    out.warnings.push(format!(
                        "top-level key \"{k}\" is not part of the config; ignored"
                    ));
                }
            }
            inner
        }
        None => &top,
    };
    for (k, v) in flat {
        let s = match v {
            Value::String(s) => s.clone(),
            Value::Number(n) => {
                out.warnings
                    .push(format!("\"{k}\": number {n} converted to the string \"{n}\""));
                n.to_string()
            }
            Value::Bool(b) => {
                out.warnings
                    .push(format!("\"{k}\": boolean {b} converted to the string \"{b}\""));
                b.to_string()
            }
            Value::Null => {
                out.warnings
                    .push(format!("\"{k}\": null is not a value; the key was left out"));
                continue;
            }
            Value::Array(items) => {
                let mut parts = Vec::with_capacity(items.len());
                for item in items {
                    match item {
                        Value::String(s) => parts.push(s.clone()),
                        Value::Number(n) => parts.push(n.to_string()),
                        Value::Bool(b) => parts.push(b.to_string()),
                        _ => {
                            return Err(RawError {
                                message: format!(
                                    "\"{k}\": arrays may only hold strings, numbers or booleans"
                                ),
                                line: None,
                                key: Some(k.clone()),
                            })
                        }
                    }
                }
                let joined = parts.join(",");
                out.warnings.push(format!(
                    "\"{k}\": array converted to the comma-separated list \"{joined}\""
                ));
                joined
            }
            Value::Object(_) => {
                return Err(RawError {
                    message: format!(
                        "\"{k}\": nested objects are not allowed; a connector config is a flat map of strings (use dotted keys such as \"{k}.<subkey>\")"
                    ),
                    line: None,
                    key: Some(k.clone()),
                })
            }
        };
        out.config.insert(k.clone(), s);
    }
    if let Some(name) = &out.name {
        match out.config.get("name") {
            None if !name.is_empty() => {
                out.config.insert("name".to_string(), name.clone());
            }
            Some(n) if n != name => out.warnings.push(format!(
                "config.name \"{n}\" differs from the body's name \"{name}\"; Connect rejects this"
            )),
            _ => {}
        }
    }
    Ok(out)
}

fn escape_props(s: &str, is_key: bool, out: &mut String) {
    for (i, c) in s.chars().enumerate() {
        match c {
            ' ' if is_key || i == 0 => out.push_str("\\ "),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{c}' => out.push_str("\\f"),
            '=' | ':' | '#' | '!' if is_key => {
                out.push('\\');
                out.push(c);
            }
            // A leading '#'/'!' in a value is harmless (the line starts with the key), but
            // escaping it costs nothing and reads unambiguously.
            '#' | '!' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
}

/// `.properties` text of a config: `key=value` lines, keys sorted, escaped so that
/// [`from_properties`] (and Java's `Properties.load`) read back exactly the same map.
/// Non-ASCII characters are written as UTF-8, not `\u` escapes.
pub fn to_properties(config: &ConfigMap) -> String {
    let mut out = String::new();
    for (k, v) in config {
        escape_props(k, true, &mut out);
        out.push('=');
        escape_props(v, false, &mut out);
        out.push('\n');
    }
    out
}

fn is_ws(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\u{c}'
}

/// Splits text into natural lines (`\n`, `\r\n`, `\r`), with 1-based line numbers.
fn natural_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                lines.push(&text[start..i]);
                start = i + 1;
            }
            b'\r' => {
                lines.push(&text[start..i]);
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < text.len() {
        lines.push(&text[start..]);
    }
    lines
}

fn trailing_backslashes(s: &str) -> usize {
    s.chars().rev().take_while(|c| *c == '\\').count()
}

/// Resolves `.properties` escapes: `\t \n \r \f`, `\uXXXX` (surrogate pairs combined), and
/// `\x` → `x` for any other character.
fn unescape_props(s: &str, line: usize) -> Result<String, RawError> {
    let err = |message: String| RawError {
        message,
        line: Some(line),
        key: None,
    };
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    let mut pending_high: Option<u32> = None;
    while let Some(c) = chars.next() {
        if c != '\\' {
            if pending_high.take().is_some() {
                return Err(err("unpaired surrogate in \\u escape".into()));
            }
            out.push(c);
            continue;
        }
        let Some(e) = chars.next() else {
            // A lone trailing backslash (only possible at the very end): keep nothing.
            break;
        };
        if e != 'u' && pending_high.take().is_some() {
            return Err(err("unpaired surrogate in \\u escape".into()));
        }
        match e {
            't' => out.push('\t'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            'f' => out.push('\u{c}'),
            'u' => {
                let hex: String = (0..4).filter_map(|_| chars.next()).collect();
                if hex.len() != 4 || !hex.chars().all(|h| h.is_ascii_hexdigit()) {
                    return Err(err(format!("malformed \\uxxxx escape: \\u{hex}")));
                }
                let code = u32::from_str_radix(&hex, 16).expect("checked hex");
                match (pending_high.take(), code) {
                    (None, 0xD800..=0xDBFF) => pending_high = Some(code),
                    (None, 0xDC00..=0xDFFF) => {
                        return Err(err("unpaired surrogate in \\u escape".into()))
                    }
                    (None, c) => out.push(char::from_u32(c).expect("not a surrogate")),
                    (Some(high), 0xDC00..=0xDFFF) => {
                        let c = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00);
                        out.push(char::from_u32(c).expect("valid pair"));
                    }
                    (Some(_), _) => return Err(err("unpaired surrogate in \\u escape".into())),
                }
            }
            other => out.push(other),
        }
    }
    if pending_high.is_some() {
        return Err(err("unpaired surrogate in \\u escape".into()));
    }
    Ok(out)
}

/// Parses Java `.properties` text: `#`/`!` comment lines, blank lines, `key=value`,
/// `key: value` and `key value`, escapes (`\n`, `\\`, `\uXXXX`, `\=` ...) and line
/// continuations (odd trailing backslashes; the next line's leading whitespace is skipped).
/// A repeated key keeps its last value, with a warning.
pub fn from_properties(text: &str) -> Result<RawImport, RawError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = natural_lines(text);
    let mut out = RawImport::default();
    let mut i = 0;
    while i < lines.len() {
        let first_line = i + 1;
        let line = lines[i].trim_start_matches(is_ws);
        i += 1;
        if line.is_empty() || line.starts_with('#') || line.starts_with('!') {
            continue;
        }
        // Join continuations.
        let mut logical = String::from(line);
        while trailing_backslashes(&logical) % 2 == 1 {
            logical.pop();
            if i >= lines.len() {
                break;
            }
            let next = lines[i].trim_start_matches(is_ws);
            i += 1;
            logical.push_str(next);
        }
        // Split key / value.
        let chars: Vec<char> = logical.chars().collect();
        let mut key_end = chars.len();
        let mut value_start = chars.len();
        let mut has_sep = false;
        let mut escaped = false;
        for (idx, &c) in chars.iter().enumerate() {
            if !escaped && (c == '=' || c == ':') {
                key_end = idx;
                value_start = idx + 1;
                has_sep = true;
                break;
            }
            if !escaped && is_ws(c) {
                key_end = idx;
                value_start = idx + 1;
                break;
            }
            escaped = c == '\\' && !escaped;
        }
        while value_start < chars.len() {
            let c = chars[value_start];
            if !is_ws(c) {
                if !has_sep && (c == '=' || c == ':') {
                    has_sep = true;
                } else {
                    break;
                }
            }
            value_start += 1;
        }
        let raw_key: String = chars[..key_end].iter().collect();
        let raw_value: String = chars[value_start.min(chars.len())..].iter().collect();
        let key = unescape_props(&raw_key, first_line)?;
        let value = unescape_props(&raw_value, first_line).map_err(|mut e| {
            e.key = Some(key.clone());
            e
        })?;
        if out.config.insert(key.clone(), value).is_some() {
            out.warnings.push(format!(
                "line {first_line}: \"{key}\" appears more than once; the last value wins"
            ));
        }
    }
    Ok(out)
}

/// Parses either format: JSON when the first non-blank character is `{`, else `.properties`.
pub fn parse_any(text: &str) -> Result<RawImport, RawError> {
    if text.trim_start().starts_with('{') {
        from_json(text)
    } else {
        from_properties(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> ConfigMap {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn properties_syntax() {
        let text = "# comment\n! also comment\n\n  a=1\nb: 2\nc 3\nd\t=\t4  \n\
                    e=x\\\n     y\\\n  z\nf=line1\\nline2\\ttab\\\\back\ng\\=h\\:i=j\n\
                    u=caf\\u00e9 \\uD83D\\uDE00\nempty=\nbare\nk==v\n#x\\\nafter=comment-not-continued\r\nw=crlf\rm=cr";
        let r = from_properties(text).unwrap();
        assert_eq!(
            r.config,
            map(&[
                ("a", "1"),
                ("b", "2"),
                ("c", "3"),
                ("d", "4  "),
                ("e", "xyz"),
                ("f", "line1\nline2\ttab\\back"),
                ("g=h:i", "j"),
                ("u", "café 😀"),
                ("empty", ""),
                ("bare", ""),
                ("k", "=v"),
                ("after", "comment-not-continued"),
                ("w", "crlf"),
                ("m", "cr"),
            ])
        );
        assert!(r.warnings.is_empty());
    }

    #[test]
    fn properties_errors_and_duplicates() {
        let e = from_properties("a=1\nb=\\u12G4\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert_eq!(e.key.as_deref(), Some("b"));
        assert!(e.message.contains("malformed"));
        assert!(from_properties("x=\\uD83D").is_err());
        let r = from_properties("a=1\na=2\n").unwrap();
        assert_eq!(r.config["a"], "2");
        assert_eq!(r.warnings.len(), 1);
    }

    #[test]
    fn json_repeated_keys_are_warned_about() {
        let r = from_json(r#"{"a": "1", "b": "x", "a": "2", "c": {"d": 1, "d": 2}}"#);
        // The nested object is refused, but the repeats are found at any depth.
        assert!(r.is_err());
        assert_eq!(
            repeated_json_keys(r#"{"a": "1", "b": "x", "a": "2", "c": {"d": 1, "d": 2}}"#),
            vec!["a", "d"]
        );
        let r = from_json(r#"{"name": "n", "config": {"k": "1", "k": "2", "k": "3"}}"#).unwrap();
        assert_eq!(r.config["k"], "3");
        assert_eq!(
            r.warnings,
            vec!["\"k\" appears more than once; the last value wins"]
        );
        let r = from_json(r#"{"a": "1", "b": "2"}"#).unwrap();
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
        assert!(repeated_json_keys("{\"a\": ").is_empty());
    }

    #[test]
    fn properties_round_trip_tricky() {
        let m = map(&[
            ("", "empty key"),
            (" lead", " lead value"),
            ("#hash", "!bang"),
            ("a b=c:d", "x=y:z"),
            ("multi", "l1\nl2\r\nl3"),
            ("tail\\", "tail\\"),
            ("ctl", "\u{1}\u{7f}"),
            ("uni", "日本語 ☃"),
            ("trailing", "spaces   "),
        ]);
        let text = to_properties(&m);
        assert_eq!(from_properties(&text).unwrap().config, m, "{text}");
    }

    #[test]
    fn json_shapes() {
        let flat = from_json(r#"{"a":"1","tasks.max":2,"b":true,"l":["x",1],"n":null}"#).unwrap();
        assert_eq!(
            flat.config,
            map(&[("a", "1"), ("tasks.max", "2"), ("b", "true"), ("l", "x,1")])
        );
        assert_eq!(flat.warnings.len(), 4);
        assert_eq!(flat.name, None);

        let body = from_json(
            r#"{"name":"my-conn","config":{"connector.class":"FileStreamSource","topic":"t"},"initial_state":"PAUSED"}"#,
        )
        .unwrap();
        assert_eq!(body.name.as_deref(), Some("my-conn"));
        assert_eq!(body.config["name"], "my-conn");
        assert_eq!(body.config["topic"], "t");
        assert!(body.warnings.is_empty());

        let mismatch = from_json(r#"{"name":"a","config":{"name":"b"},"x":1}"#).unwrap();
        assert_eq!(mismatch.config["name"], "b");
        assert_eq!(mismatch.warnings.len(), 2);

        let nested = from_json(r#"{"a":{"b":"c"}}"#).unwrap_err();
        assert_eq!(nested.key.as_deref(), Some("a"));
        assert!(nested.message.contains("nested objects"));
        assert!(from_json("[1]").is_err());
        let bad = from_json("{\n\"a\": }").unwrap_err();
        assert_eq!(bad.line, Some(2));
    }

    #[test]
    fn json_round_trip_and_detection() {
        let m = map(&[("a", "1"), ("b\"q", "multi\nline"), ("c", "")]);
        assert_eq!(from_json(&to_json(&m)).unwrap().config, m);
        assert_eq!(parse_any(&to_json(&m)).unwrap().config, m);
        assert_eq!(parse_any(&to_properties(&m)).unwrap().config, m);
        let body = to_create_body_json("n", &m);
        let back = from_json(&body).unwrap();
        assert_eq!(back.name.as_deref(), Some("n"));
        assert_eq!(back.config.len(), 4);
    }
}
