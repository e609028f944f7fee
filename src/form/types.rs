//! Config types, importance, width and widget choice, plus the local (pre-send) value checks
//! and the LIST wire format.

use serde::{Deserialize, Serialize};

/// `ConfigKeyInfo.type`: Apache's `ConfigDef.Type` names plus Confluent Cloud's `ENUM` and
/// `NONE`. Anything else is kept verbatim in [`ConfigType::Other`] and rendered as text.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ConfigType {
    Boolean,
    Short,
    Int,
    Long,
    Double,
    String,
    List,
    Class,
    Password,
    /// Confluent Cloud: a closed set of values (listed in `recommended_values`).
    Enum,
    /// Confluent Cloud: no declared type.
    None,
    Other(String),
}

impl ConfigType {
    pub fn parse(s: &str) -> ConfigType {
        match s.trim().to_ascii_uppercase().as_str() {
            "BOOLEAN" => ConfigType::Boolean,
            "SHORT" => ConfigType::Short,
            "INT" => ConfigType::Int,
            "LONG" => ConfigType::Long,
            "DOUBLE" => ConfigType::Double,
            "STRING" => ConfigType::String,
            "LIST" => ConfigType::List,
            "CLASS" => ConfigType::Class,
            "PASSWORD" => ConfigType::Password,
            "ENUM" => ConfigType::Enum,
            "NONE" => ConfigType::None,
            _ => ConfigType::Other(s.to_string()),
        }
    }

    /// The inclusive integer range of `SHORT`, `INT` and `LONG` (Java `short`, `int`, `long`).
    pub fn int_range(&self) -> Option<(i64, i64)> {
        match self {
            ConfigType::Short => Some((i64::from(i16::MIN), i64::from(i16::MAX))),
            ConfigType::Int => Some((i64::from(i32::MIN), i64::from(i32::MAX))),
            ConfigType::Long => Some((i64::MIN, i64::MAX)),
            _ => None,
        }
    }

    /// Types whose values can never be a secret (numbers, booleans, lists of names, classes).
    /// The secret-looking-name fallback never applies to them.
    pub fn is_never_secret(&self) -> bool {
        matches!(
            self,
            ConfigType::Boolean
                | ConfigType::Short
                | ConfigType::Int
                | ConfigType::Long
                | ConfigType::Double
                | ConfigType::List
                | ConfigType::Class
                | ConfigType::Enum
        )
    }
}

/// `ConfigKeyInfo.importance`. Confluent Cloud may send `NONE`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Importance {
    High,
    Medium,
    Low,
    /// `NONE`, missing, or an unknown string.
    None,
}

impl Importance {
    pub fn parse(s: Option<&str>) -> Importance {
        match s.map(|s| s.trim().to_ascii_uppercase()).as_deref() {
            Some("HIGH") => Importance::High,
            Some("MEDIUM") => Importance::Medium,
            Some("LOW") => Importance::Low,
            _ => Importance::None,
        }
    }
}

/// `ConfigKeyInfo.width`: how wide the value usually is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Width {
    None,
    Short,
    Medium,
    Long,
}

impl Width {
    pub fn parse(s: Option<&str>) -> Width {
        match s.map(|s| s.trim().to_ascii_uppercase()).as_deref() {
            Some("SHORT") => Width::Short,
            Some("MEDIUM") => Width::Medium,
            Some("LONG") => Width::Long,
            _ => Width::None,
        }
    }
}

/// Which input a field renders as. The Leptos widgets `match` on this and nothing else.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Widget {
    /// `BOOLEAN`: a switch. Writes `"true"`/`"false"`.
    Switch,
    /// `SHORT`/`INT`/`LONG`: an integer input; the model reports out-of-range and non-integer
    /// text inline (see [`check_value`]).
    Integer { min: i64, max: i64 },
    /// `DOUBLE`: a number input; the model reports text that does not parse.
    Decimal,
    /// `PASSWORD` (and secret-looking undefined keys): a masked input. The stored secret is
    /// never handed to the view; see [`crate::form::ValueState`].
    Password,
    /// `LIST` without recommendations: an editor of items, comma-joined on the wire
    /// ([`parse_list`], [`join_list`]).
    List,
    /// A closed choice: any non-LIST/CLASS type with `recommended_values`, or Confluent `ENUM`.
    /// `options` are the recommended values, plus the current value if it is not among them
    /// (so a select never silently changes a value). Non-required fields should also offer an
    /// empty "default" choice (the view's job: selecting it calls `set(key, "")`).
    Select { options: Vec<String> },
    /// `LIST` (`multi: true`) or `CLASS` (`multi: false`) with recommended values: free text
    /// with suggestions. For `multi`, each item is suggested separately.
    Combobox { options: Vec<String>, multi: bool },
    /// `CLASS` without recommendations: a single-line text input for a class name.
    ClassName,
    /// Single-line text (`STRING`, `NONE`, unknown types, undefined keys).
    Text,
    /// Multi-line text: `STRING` with width `LONG`, or a current value that is long (more than
    /// [`LONG_VALUE_CHARS`] characters) or multi-line.
    TextArea,
}

/// A text value longer than this renders as a textarea.
pub const LONG_VALUE_CHARS: usize = 80;

/// Chooses the widget for a field of type `ty` with these recommendations, width and current
/// (display) value. Precedence: PASSWORD and BOOLEAN keep their own widgets even with
/// recommendations; then recommendations (select / combobox); then the type.
pub fn choose_widget(
    ty: &ConfigType,
    recommended: &[String],
    width: Width,
    current: Option<&str>,
) -> Widget {
    let with_current = |opts: &[String]| {
        let mut options = opts.to_vec();
        if let Some(c) = current {
            if !c.is_empty() && !options.iter().any(|o| o == c) {
                options.push(c.to_string());
            }
        }
        options
    };
    match ty {
        ConfigType::Password => return Widget::Password,
        ConfigType::Boolean => return Widget::Switch,
        _ => {}
    }
    if !recommended.is_empty() {
        return match ty {
            ConfigType::List => Widget::Combobox {
                options: recommended.to_vec(),
                multi: true,
            },
            ConfigType::Class => Widget::Combobox {
                options: recommended.to_vec(),
                multi: false,
            },
            _ => Widget::Select {
                options: with_current(recommended),
            },
        };
    }
    match ty {
        ConfigType::Short | ConfigType::Int | ConfigType::Long => {
            let (min, max) = ty.int_range().unwrap_or((i64::MIN, i64::MAX));
            Widget::Integer { min, max }
        }
        ConfigType::Double => Widget::Decimal,
        ConfigType::List => Widget::List,
        ConfigType::Class => Widget::ClassName,
        ConfigType::String => {
            let long_value = current
                .map(|v| v.contains('\n') || v.chars().count() > LONG_VALUE_CHARS)
                .unwrap_or(false);
            if width == Width::Long || long_value {
                Widget::TextArea
            } else {
                Widget::Text
            }
        }
        _ => {
            let long_value = current.map(|v| v.contains('\n')).unwrap_or(false);
            if long_value {
                Widget::TextArea
            } else {
                Widget::Text
            }
        }
    }
}

/// Checks a value the way the worker will parse it, before anything is sent. Empty values
/// (unset) and `${provider:...}` references (resolved by the worker) are not checked.
/// Returns a short message for the field, e.g. `"must be a whole number between -32768 and
/// 32767"`.
pub fn check_value(ty: &ConfigType, value: &str) -> Result<(), String> {
    let v = value.trim();
    if v.is_empty() || crate::form::secret::has_reference(v) {
        return Ok(());
    }
    match ty {
        ConfigType::Short | ConfigType::Int | ConfigType::Long => {
            let (min, max) = ty.int_range().unwrap_or((i64::MIN, i64::MAX));
            let range = format!("between {min} and {max}");
            match v.parse::<i128>() {
                Ok(n) if n >= i128::from(min) && n <= i128::from(max) => Ok(()),
                Ok(_) => Err(format!("out of range: must be {range}")),
                Err(_) => {
                    let digits = v.trim_start_matches(['+', '-']);
                    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
                        // Too many digits even for i128.
                        Err(format!("out of range: must be {range}"))
                    } else if parse_double(v).is_some() {
                        Err(format!("must be a whole number (no decimals), {range}"))
                    } else {
                        Err(format!("not a whole number: must be {range}"))
                    }
                }
            }
        }
        ConfigType::Double => match parse_double(v) {
            Some(_) => Ok(()),
            None => Err("not a number (e.g. 0.5, 10, 1e-3)".to_string()),
        },
        ConfigType::Boolean => {
            if v.eq_ignore_ascii_case("true") || v.eq_ignore_ascii_case("false") {
                Ok(())
            } else {
                Err("must be true or false".to_string())
            }
        }
        _ => Ok(()),
    }
}

/// Parses a double the way Java's `Double.parseDouble` accepts the common forms, including a
/// trailing `d`/`f` suffix.
pub fn parse_double(v: &str) -> Option<f64> {
    let t = v.trim();
    let t = t
        .strip_suffix(['d', 'D', 'f', 'F'])
        .filter(|s| !s.is_empty() && !s.ends_with(['e', 'E']))
        .unwrap_or(t);
    // Rust accepts "inf"/"infinity"/"nan" in any case; Java only "Infinity"/"NaN".
    let lower = t.trim_start_matches(['+', '-']).to_ascii_lowercase();
    if lower == "inf" || (lower.starts_with("infinity") && lower != "infinity") {
        return None;
    }
    t.parse::<f64>().ok()
}

/// Splits a LIST value the way Kafka does (`split("\\s*,\\s*")` after trimming): an empty or
/// blank value is the empty list; items are trimmed; empty items between commas are kept.
pub fn parse_list(value: &str) -> Vec<String> {
    let t = value.trim();
    if t.is_empty() {
        return Vec::new();
    }
    t.split(',').map(|s| s.trim().to_string()).collect()
}

/// Joins list items for the wire: each item trimmed, empty items dropped, comma-separated
/// without spaces (Kafka's `convertToString` form). Kafka lists cannot escape a comma, so an
/// item containing commas counts as several items.
pub fn join_list<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .flat_map(|s| s.as_ref().split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_ranges_follow_java_types() {
        assert_eq!(check_value(&ConfigType::Short, "32767"), Ok(()));
        assert!(check_value(&ConfigType::Short, "32768")
            .unwrap_err()
            .contains("-32768 and 32767"));
        assert_eq!(check_value(&ConfigType::Int, "-2147483648"), Ok(()));
        assert!(check_value(&ConfigType::Int, "2147483648").is_err());
        assert_eq!(
            check_value(&ConfigType::Long, "9223372036854775807"),
            Ok(())
        );
        assert!(check_value(&ConfigType::Long, "9223372036854775808")
            .unwrap_err()
            .starts_with("out of range"));
        assert!(check_value(
            &ConfigType::Long,
            "99999999999999999999999999999999999999999"
        )
        .unwrap_err()
        .starts_with("out of range"));
        assert!(check_value(&ConfigType::Int, "1.5")
            .unwrap_err()
            .contains("no decimals"));
        assert!(check_value(&ConfigType::Int, "ten")
            .unwrap_err()
            .starts_with("not a whole number"));
        // Java's parseInt accepts a sign and the worker trims.
        assert_eq!(check_value(&ConfigType::Int, " +5 "), Ok(()));
        // Unset and references are the worker's business.
        assert_eq!(check_value(&ConfigType::Int, ""), Ok(()));
        assert_eq!(check_value(&ConfigType::Int, "${env:TASKS}"), Ok(()));
    }

    #[test]
    fn doubles_and_booleans() {
        for ok in [
            "0.5", "10", "1e-3", "-2.5E10", "1d", "2.0f", "NaN", "Infinity",
        ] {
            assert_eq!(check_value(&ConfigType::Double, ok), Ok(()), "{ok}");
        }
        for bad in ["abc", "1,5", "1e", "inf", "d"] {
            assert!(check_value(&ConfigType::Double, bad).is_err(), "{bad}");
        }
        assert_eq!(check_value(&ConfigType::Boolean, "TRUE"), Ok(()));
        assert!(check_value(&ConfigType::Boolean, "yes").is_err());
    }

    #[test]
    fn list_wire_format() {
        assert_eq!(parse_list(" a , b,c "), vec!["a", "b", "c"]);
        assert_eq!(parse_list("  "), Vec::<String>::new());
        assert_eq!(parse_list("a,,b"), vec!["a", "", "b"]);
        assert_eq!(join_list(&[" a ", "", "b"]), "a,b");
        assert_eq!(join_list(&["a, b", ","]), "a,b");
        assert_eq!(join_list(&parse_list("x , y")), "x,y");
    }

    #[test]
    fn widgets_per_type() {
        let none: Vec<String> = vec![];
        let rec = vec!["a".to_string(), "b".to_string()];
        let w = |t: &str, r: &[String], width: Width, cur: Option<&str>| {
            choose_widget(&ConfigType::parse(t), r, width, cur)
        };
        assert_eq!(w("BOOLEAN", &none, Width::None, None), Widget::Switch);
        assert_eq!(
            w("SHORT", &none, Width::None, None),
            Widget::Integer {
                min: -32768,
                max: 32767
            }
        );
        assert_eq!(
            w("INT", &none, Width::None, None),
            Widget::Integer {
                min: i64::from(i32::MIN),
                max: i64::from(i32::MAX)
            }
        );
        assert_eq!(
            w("LONG", &none, Width::None, None),
            Widget::Integer {
                min: i64::MIN,
                max: i64::MAX
            }
        );
        assert_eq!(w("DOUBLE", &none, Width::None, None), Widget::Decimal);
        assert_eq!(w("PASSWORD", &rec, Width::None, None), Widget::Password);
        assert_eq!(w("LIST", &none, Width::Long, None), Widget::List);
        assert_eq!(
            w("LIST", &rec, Width::None, None),
            Widget::Combobox {
                options: rec.clone(),
                multi: true
            }
        );
        assert_eq!(
            w("CLASS", &rec, Width::None, None),
            Widget::Combobox {
                options: rec.clone(),
                multi: false
            }
        );
        assert_eq!(w("CLASS", &none, Width::None, None), Widget::ClassName);
        assert_eq!(
            w("STRING", &rec, Width::None, Some("c")),
            Widget::Select {
                options: vec!["a".into(), "b".into(), "c".into()]
            }
        );
        assert_eq!(
            w("ENUM", &rec, Width::None, Some("a")),
            Widget::Select {
                options: rec.clone()
            }
        );
        assert_eq!(w("STRING", &none, Width::Medium, None), Widget::Text);
        assert_eq!(w("STRING", &none, Width::Long, None), Widget::TextArea);
        assert_eq!(
            w("STRING", &none, Width::Short, Some(&"x".repeat(81))),
            Widget::TextArea
        );
        assert_eq!(
            w("STRING", &none, Width::None, Some("a\nb")),
            Widget::TextArea
        );
        assert_eq!(w("NONE", &none, Width::None, None), Widget::Text);
        assert_eq!(w("WHATEVER", &none, Width::None, None), Widget::Text);
        assert_eq!(
            ConfigType::parse("WHATEVER"),
            ConfigType::Other("WHATEVER".into())
        );
    }
}
