//! Percent-encoding of URL path segments and query values.
//!
//! Connector names are free text on most flavors (spaces, `/`, `%`, unicode), and every one of
//! them travels in a path segment. This module owns the one encoder every flavor uses, so a
//! name always round-trips: everything outside RFC 3986 `unreserved` (`A-Z a-z 0-9 - . _ ~`)
//! is written as `%XX` of its UTF-8 bytes. Encoding `/` as `%2F` keeps it inside the segment;
//! whether a server accepts that is the server's business (Kafka 4.x's Jetty 12 rejects
//! ambiguous `%2F` and `%25` paths, see `tests/stack_protocol.rs`).

const HEX: &[u8; 16] = b"0123456789ABCDEF";

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// Encodes one path segment: every byte outside `unreserved` becomes `%XX` (upper-case hex).
pub fn encode_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for &b in segment.as_bytes() {
        if is_unreserved(b) {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
    out
}

/// Encodes a query parameter value (same set as a path segment, so `&`, `=`, `+` and `#`
/// are always escaped).
pub fn encode_query_value(value: &str) -> String {
    encode_segment(value)
}

/// Decodes `%XX` sequences. Returns `None` for a malformed escape or bytes that are not
/// UTF-8. `+` is left alone (it means a space only in form bodies).
pub fn decode_percent(encoded: &str) -> Option<String> {
    let bytes = encoded.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hi = hex_value(*bytes.get(i + 1)?)?;
            let lo = hex_value(*bytes.get(i + 2)?)?;
            out.push((hi << 4) | lo);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Joins a base URL and a path that starts with `/`, without doubling the slash.
pub fn join(base_url: &str, path: &str) -> String {
    format!("{}{}", base_url.trim_end_matches('/'), path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_reserved_and_unicode_bytes() {
        assert_eq!(encode_segment("plain-name_1.0~x"), "plain-name_1.0~x");
        assert_eq!(encode_segment("my connector"), "my%20connector");
        assert_eq!(encode_segment("a/b"), "a%2Fb");
        assert_eq!(encode_segment("100%"), "100%25");
        assert_eq!(encode_segment("é"), "%C3%A9");
        assert_eq!(encode_segment("a?b#c&d=e+f"), "a%3Fb%23c%26d%3De%2Bf");
        assert_eq!(encode_segment("日本"), "%E6%97%A5%E6%9C%AC");
    }

    #[test]
    fn round_trips() {
        for s in ["", "a b/c%d", "ünïcødé 🚀", "%2F", "..", "a+b"] {
            assert_eq!(decode_percent(&encode_segment(s)).as_deref(), Some(s));
        }
    }

    #[test]
    fn decode_rejects_malformed() {
        assert_eq!(decode_percent("%"), None);
        assert_eq!(decode_percent("%G1"), None);
        assert_eq!(decode_percent("%FF"), None);
        assert_eq!(decode_percent("a+b").as_deref(), Some("a+b"));
    }

    #[test]
    fn join_avoids_double_slash() {
        assert_eq!(join("http://h:1/", "/connectors"), "http://h:1/connectors");
        assert_eq!(join("/connect/alpha", "/"), "/connect/alpha/");
    }
}
