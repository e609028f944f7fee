//! Shared helpers for turning response bodies into model types without ever panicking.
//!
//! Every flavor parser goes through [`json`] or [`value`], which turn serde's errors into an
//! [`ApiError`] of kind `BadResponse` that says whether the body was HTML, empty, truncated,
//! not JSON, or JSON of the wrong shape.

use std::borrow::Cow;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

use super::error::ApiError;
use super::model::{ConfigMap, RawEntries};

/// Parses `body` as `T`; `what` names the operation for the error message.
pub fn json<T: DeserializeOwned>(what: &str, status: u16, body: &str) -> Result<T, ApiError> {
    let body_trimmed = body.trim_start_matches('\u{feff}');
    serde_json::from_str::<T>(body_trimmed)
        .map_err(|e| ApiError::bad_response(what, status, body, &describe_serde_error(&e)))
}

/// Parses `body` as any JSON value.
pub fn value(what: &str, status: u16, body: &str) -> Result<Value, ApiError> {
    json::<Value>(what, status, body)
}

/// Converts an already parsed value to `T`.
pub fn from_value<T: DeserializeOwned>(
    what: &str,
    status: u16,
    value: Value,
    body: &str,
) -> Result<T, ApiError> {
    serde_json::from_value::<T>(value)
        .map_err(|e| ApiError::bad_response(what, status, body, &describe_serde_error(&e)))
}

fn describe_serde_error(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Eof => "the body is truncated".to_string(),
        Category::Syntax => format!("the body is not valid JSON: {e}"),
        Category::Data => format!("a field has an unexpected type or is missing: {e}"),
        Category::Io => format!("could not read the body: {e}"),
    }
}

/// A connector config from a JSON object. Strings are kept; numbers and booleans (which some
/// proxies produce) become their JSON text; `null` values are dropped. Anything else is an
/// error.
pub fn config_map(what: &str, status: u16, v: &Value, body: &str) -> Result<ConfigMap, ApiError> {
    let Value::Object(map) = v else {
        return Err(ApiError::bad_response(
            what,
            status,
            body,
            "the config is not a JSON object",
        ));
    };
    let mut out = ConfigMap::new();
    for (k, v) in map {
        match v {
            Value::String(s) => {
                out.insert(k.clone(), s.clone());
            }
            Value::Number(n) => {
                out.insert(k.clone(), n.to_string());
            }
            Value::Bool(b) => {
                out.insert(k.clone(), b.to_string());
            }
            Value::Null => {}
            _ => {
                return Err(ApiError::bad_response(
                    what,
                    status,
                    body,
                    &format!("config key “{k}” is not a string"),
                ))
            }
        }
    }
    Ok(out)
}

/// `Some(&value)` when `v` is a JSON object containing `key` (the Redpanda and Lenses
/// wrappers); otherwise `v` itself.
pub fn unwrap_field<'v>(v: &'v Value, key: &str) -> &'v Value {
    match v.get(key) {
        Some(inner) if !inner.is_null() => inner,
        _ => v,
    }
}

/// Whether two texts are equal, compared 32 bytes per step. A refresh at 10,000 connectors
/// checks ~13 MB of unchanged listing entries against the previous listing's text; `==` on
/// `str` calls `memcmp`, which for wasm32 is compiler-builtins' byte-at-a-time loop.
pub fn same_text(a: &str, b: &str) -> bool {
    same_bytes(a.as_bytes(), b.as_bytes())
}

/// [`same_text`] on bytes.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    if std::ptr::eq(a, b) {
        return true;
    }
    same_len_bytes(a, b)
}

/// Equal-length slices compared 64 bytes per step with wasm's 128-bit vectors (every browser
/// the app supports has them: Chrome 91, Firefox 89, Safari 16.4). Plain index loops: under
/// `opt-level = "z"` a `zip` of chunk iterators stays a function call per step, which cost
/// more than the comparison itself.
#[cfg(target_arch = "wasm32")]
#[target_feature(enable = "simd128")]
fn same_len_bytes(a: &[u8], b: &[u8]) -> bool {
    use std::arch::wasm32::{v128, v128_any_true, v128_load, v128_or, v128_xor};
    let whole = a.len() - a.len() % 64;
    let (pa, pb) = (a.as_ptr(), b.as_ptr());
    let mut i = 0;
    while i < whole {
        // SAFETY: `i + 64 <= whole <= a.len() == b.len()`: four unaligned 16-byte loads from
        // `i` stay inside both slices.
        let diff = unsafe {
            let (x, y) = (pa.add(i).cast::<v128>(), pb.add(i).cast::<v128>());
            v128_or(
                v128_or(
                    v128_xor(v128_load(x), v128_load(y)),
                    v128_xor(v128_load(x.add(1)), v128_load(y.add(1))),
                ),
                v128_or(
                    v128_xor(v128_load(x.add(2)), v128_load(y.add(2))),
                    v128_xor(v128_load(x.add(3)), v128_load(y.add(3))),
                ),
            )
        };
        if v128_any_true(diff) {
            return false;
        }
        i += 64;
    }
    same_len_words(&a[whole..], &b[whole..])
}

#[cfg(not(target_arch = "wasm32"))]
fn same_len_bytes(a: &[u8], b: &[u8]) -> bool {
    same_len_words(a, b)
}

/// A response body as text: checked for UTF-8 (an invalid sequence becomes U+FFFD). Connect
/// bodies are ASCII but for a few names or values (~13 MB per refresh at 10,000
/// connectors): the ASCII runs are skipped 64 bytes per step and only the blocks around
/// other bytes are validated; `String::from_utf8` goes a word at a time.
pub fn body_text(bytes: Vec<u8>) -> String {
    if is_utf8(&bytes) {
        // SAFETY: checked just above.
        return unsafe { String::from_utf8_unchecked(bytes) };
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Whether `b` is UTF-8: ASCII runs skipped by [`ascii_run`], the rest validated from the
/// first block with another byte up to the next ASCII byte 64 or more bytes on (an ASCII
/// byte always starts a character, so each window is whole characters).
fn is_utf8(b: &[u8]) -> bool {
    let mut i = 0;
    loop {
        i += ascii_run(&b[i..]);
        if i >= b.len() {
            return true;
        }
        let mut k = (i + 64).min(b.len());
        while k < b.len() && b[k] >= 0x80 {
            k += 1;
        }
        if std::str::from_utf8(&b[i..k]).is_err() {
            return false;
        }
        i = k;
    }
}

/// The length of the ASCII start of `b`, in whole 64-byte blocks (the block holding the first
/// other byte is not counted), or all of `b` when it is ASCII. Wasm's 128-bit vectors.
#[cfg(target_arch = "wasm32")]
#[target_feature(enable = "simd128")]
fn ascii_run(b: &[u8]) -> usize {
    use std::arch::wasm32::{u8x16_bitmask, v128, v128_load, v128_or};
    let whole = b.len() - b.len() % 64;
    let p = b.as_ptr();
    let mut i = 0;
    while i < whole {
        // SAFETY: `i + 64 <= whole <= b.len()`: four unaligned 16-byte loads from `i` stay
        // inside the slice.
        let any = unsafe {
            let x = p.add(i).cast::<v128>();
            v128_or(
                v128_or(v128_load(x), v128_load(x.add(1))),
                v128_or(v128_load(x.add(2)), v128_load(x.add(3))),
            )
        };
        // The top bit of each byte: set only outside ASCII.
        if u8x16_bitmask(any) != 0 {
            return i;
        }
        i += 64;
    }
    if b[whole..].is_ascii() {
        b.len()
    } else {
        whole
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn ascii_run(b: &[u8]) -> usize {
    b.iter().position(|&c| c >= 0x80).unwrap_or(b.len())
}

/// Equal-length slices compared 8 bytes per step, then byte by byte.
fn same_len_words(a: &[u8], b: &[u8]) -> bool {
    let whole = a.len() - a.len() % 8;
    let mut i = 0;
    while i < whole {
        if word(a, i) != word(b, i) {
            return false;
        }
        i += 8;
    }
    a[whole..] == b[whole..]
}

/// Eight bytes of `s` from `i` as one word (inlined: the release build optimizes for size,
/// and a call per word would cost more than the comparison saves).
#[inline(always)]
fn word(s: &[u8], i: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&s[i..i + 8]);
    u64::from_ne_bytes(w)
}

/// One member of a JSON object split by [`split_object`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Member<'b, 'p> {
    /// The value's text is byte for byte the one `previous` holds for this key (in a
    /// status-only split: its status head, see [`RawEntries`]): it is not scanned (the
    /// previous key, text and head word ([`RawEntries::head_word`]) are handed back, so
    /// nothing is copied).
    Same(&'p Arc<str>, &'p Arc<str>, u32),
    /// Any other value, as its JSON text in the body, with the previous text and status head
    /// for this key, if it had one.
    New(&'b str, Option<(&'p Arc<str>, u32)>),
}

/// A JSON object split by [`split_object`].
#[derive(Debug)]
pub struct Split<'b, 'p> {
    /// The members in body order, keys borrowed from the body (decoded when escaped).
    pub members: Vec<(Cow<'b, str>, Member<'b, 'p>)>,
    /// Whether every name `previous` holds is a member again.
    pub keeps_every_previous: bool,
}

/// Splits a JSON object into its members in body order, keys borrowed from the body. A value
/// whose text starts exactly like the text `previous` holds for its key is taken as that
/// value without scanning it: `previous` holds only complete objects, arrays or strings
/// (checked here), which end where their text ends. Every other value is scanned by serde.
///
/// A key is first compared with the entry after the last one found in `previous` (a listing
/// keeps its order), and looked up by name only when that is another name.
///
/// A key with an escape (a name with `"` or `\`, or one a proxy wrote as `\u…`) is decoded.
///
/// `None` when the body is not a JSON object, lists a key twice, or is not valid JSON where
/// it was read (a control character in a key); the caller then parses it whole and reports
/// the error or keeps the last of a repeated key.
///
/// With `status_only`, the body is a status-only listing: a value is the same when it is the
/// status head of the previous text closed by `}` (`{"status":{…}}`).
pub fn split_object<'b, 'p>(
    body: &'b str,
    previous: &'p RawEntries,
    status_only: bool,
) -> Option<Split<'b, 'p>> {
    let b = body.as_bytes();
    let prev = previous.entries();
    let mut i = skip_ws(b, 0);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    i = skip_ws(b, i + 1);
    let mut out = Vec::with_capacity(prev.len());
    // `previous` entries listed again, and the names that are not in `previous`: a key seen
    // twice is not read here.
    let mut listed = vec![false; prev.len()];
    let mut listed_count = 0;
    let mut others: FxHashSet<Cow<'b, str>> = FxHashSet::default();
    let mut next = 0;
    let mut index: Option<FxHashMap<&str, usize>> = None;
    if b.get(i) == Some(&b'}') {
        return (skip_ws(b, i + 1) == b.len()).then_some(Split {
            members: out,
            keeps_every_previous: prev.is_empty(),
        });
    }
    loop {
        if b.get(i) != Some(&b'"') {
            return None;
        }
        let start = i + 1;
        // The key the listing's order predicts is compared in place when that name is
        // written as it is (a name with `"` or `\` never is); any other is scanned to its
        // quote, and decoded by serde when it has an escape.
        let predicted = prev
            .get(next)
            .filter(|_| previous.name_is_plain(next))
            .map(|(n, _)| n.as_bytes())
            .filter(|n| {
                b.get(start + n.len()) == Some(&b'"') && same_bytes(&b[start..start + n.len()], n)
            });
        let (key, end) = match predicted {
            Some(n) => (
                Cow::Borrowed(&body[start..start + n.len()]),
                start + n.len(),
            ),
            None => {
                let len = b[start..]
                    .iter()
                    .position(|&c| c == b'"' || c == b'\\' || c < 0x20)?;
                match b[start + len] {
                    b'"' => (Cow::Borrowed(&body[start..start + len]), start + len),
                    b'\\' => {
                        let mut de = serde_json::Deserializer::from_str(&body[i..]);
                        let raw = <&serde_json::value::RawValue>::deserialize(&mut de).ok()?;
                        let name: String = serde_json::from_str(raw.get()).ok()?;
                        (Cow::Owned(name), i + raw.get().len() - 1)
                    }
                    _ => return None,
                }
            }
        };
        i = skip_ws(b, end + 1);
        if b.get(i) != Some(&b':') {
            return None;
        }
        i = skip_ws(b, i + 1);
        let at = match prev.get(next) {
            _ if predicted.is_some() => Some(next),
            Some((name, _)) if same_text(name, &key) => Some(next),
            _ => index
                .get_or_insert_with(|| previous.index())
                .get(&*key)
                .copied(),
        };
        let known = match at {
            Some(at) => {
                if std::mem::replace(&mut listed[at], true) {
                    return None;
                }
                listed_count += 1;
                next = at + 1;
                let (k, text) = &prev[at];
                let word = previous.head_word(at);
                let head = previous.head(at);
                // The length of the body's value when it is the same: the whole previous text,
                // or (status-only) its status head and a closing brace.
                let same_len = if status_only {
                    let h = head as usize;
                    (h > 0
                        && b.len() - i > h
                        && b[i + h] == b'}'
                        && same_bytes(&b[i..i + h], &text.as_bytes()[..h]))
                    .then_some(h + 1)
                } else {
                    (matches!(text.as_bytes().first(), Some(b'{' | b'[' | b'"'))
                        && b.len() - i >= text.len()
                        && same_bytes(&b[i..i + text.len()], text.as_bytes()))
                    .then_some(text.len())
                };
                Some((k, text, word, head, same_len))
            }
            None if !others.insert(key.clone()) => return None,
            None => None,
        };
        match known {
            Some((k, text, word, _, Some(len))) => {
                out.push((key, Member::Same(k, text, word)));
                i += len;
            }
            _ => {
                let rest = &body[i..];
                let mut de = serde_json::Deserializer::from_str(rest);
                let raw = <&serde_json::value::RawValue>::deserialize(&mut de).ok()?;
                let value = raw.get();
                let before = known.map(|(_, text, _, head, _)| (text, head));
                out.push((key, Member::New(value, before)));
                i += (value.as_ptr() as usize - rest.as_ptr() as usize) + value.len();
            }
        }
        i = skip_ws(b, i);
        match b.get(i) {
            Some(b',') => i = skip_ws(b, i + 1),
            Some(b'}') => {
                return (skip_ws(b, i + 1) == b.len()).then_some(Split {
                    members: out,
                    keeps_every_previous: listed_count == prev.len(),
                })
            }
            _ => return None,
        }
    }
}

/// The first index from `i` that is not JSON whitespace.
fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while let Some(b' ' | b'\n' | b'\r' | b'\t') = b.get(i) {
        i += 1;
    }
    i
}
