//! Plugin documentation as plain text. Kafka's own `ConfigDef` docs carry bits of HTML
//! (`<code>batch.size</code>`, `&mdash;`, `<a href=…>`, `<p>`); shown escaped they read as
//! markup noise. [`doc_text`] turns them into the text they stand for: tags are dropped (a
//! block tag becomes a line break), the common entities are decoded. The result is still
//! rendered as text by Leptos, never as HTML, so nothing a plugin writes can become markup.

/// `documentation` as the plain text it displays as.
pub fn doc_text(doc: &str) -> String {
    let mut out = String::with_capacity(doc.len());
    let mut rest = doc;
    while let Some(i) = markup_at(rest) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('<') {
            match tag_len(rest) {
                Some((len, block)) => {
                    if block && !out.ends_with('\n') && !out.is_empty() {
                        out.push('\n');
                    }
                    rest = &rest[len..];
                }
                None => {
                    out.push('<');
                    rest = &rest[1..];
                }
            }
        } else {
            match entity(rest) {
                Some((len, text)) => {
                    out.push_str(&text);
                    rest = &rest[len..];
                }
                None => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
        }
    }
    out.push_str(rest);
    out.trim().to_string()
}

/// The first `<` or `&` in `s`. A byte loop: both are ASCII, so a byte index is a char
/// boundary, and `str::find` with a char set decodes every char through a call per char under
/// the release build's size optimization (1.4 ms for the largest plugin's docs, on every
/// validate answer).
fn markup_at(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'<' || b[i] == b'&' {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// The longest tag looked for (`<a href="…">` with a long address fits).
const MAX_TAG: usize = 512;

/// The length of an HTML tag at the start of `s` (`<b>`, `</code>`, `<a href="…">`, `<br/>`)
/// and whether it breaks a line; `None` when `<` does not open a known tag (`a < b`, `<T>`
/// in a generic type name stays as written).
fn tag_len(s: &str) -> Option<(usize, bool)> {
    const INLINE: &[&str] = &[
        "code", "tt", "b", "i", "em", "strong", "a", "span", "sup", "sub",
    ];
    const BLOCK: &[&str] = &[
        "p",
        "br",
        "ul",
        "ol",
        "li",
        "pre",
        "div",
        "table",
        "tr",
        "td",
        "th",
        "h1",
        "h2",
        "h3",
        "h4",
        "dl",
        "dt",
        "dd",
        "blockquote",
    ];
    // A tag ends at the first `>`; a `<` before it means this `<` opened no tag. The search
    // is bounded so a doc full of `<` without `>` stays linear.
    let window = &s.as_bytes()[1..s.len().min(MAX_TAG)];
    let end = 1 + window.iter().position(|&b| b == b'<' || b == b'>')?;
    if s.as_bytes()[end] != b'>' {
        return None;
    }
    let inner = &s[1..end];
    let inner = inner.strip_prefix('/').unwrap_or(inner);
    let name_end = inner
        .find(|c: char| c.is_whitespace() || c == '/')
        .unwrap_or(inner.len());
    let name = inner[..name_end].to_ascii_lowercase();
    if name.is_empty() {
        return None;
    }
    if INLINE.contains(&name.as_str()) {
        Some((end + 1, false))
    } else if BLOCK.contains(&name.as_str()) {
        Some((end + 1, true))
    } else {
        None
    }
}

/// A character reference at the start of `s` (`&amp;`, `&mdash;`, `&#39;`, `&#x2014;`).
fn entity(s: &str) -> Option<(usize, String)> {
    // Bytes, not `&str` slicing: the 12th byte may fall inside a multi-byte character.
    let end = s.as_bytes()[..s.len().min(12)]
        .iter()
        .position(|&b| b == b';')?;
    let name = &s[1..end];
    let text = match name {
        "amp" => "&".to_string(),
        "lt" => "<".to_string(),
        "gt" => ">".to_string(),
        "quot" => "\"".to_string(),
        "apos" => "'".to_string(),
        "nbsp" => "\u{a0}".to_string(),
        "mdash" => "\u{2014}".to_string(),
        "ndash" => "\u{2013}".to_string(),
        "hellip" => "\u{2026}".to_string(),
        _ => {
            let code = if let Some(hex) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok()?
            } else {
                name.strip_prefix('#')?.parse::<u32>().ok()?
            };
            char::from_u32(code)
                .filter(|c| !c.is_control())?
                .to_string()
        }
    };
    Some((end + 1, text))
}

#[cfg(test)]
mod tests {
    use super::doc_text;

    #[test]
    fn kafka_linger_ms_doc_reads_as_text() {
        let doc = "adding a small amount of artificial delay&mdash;that is, rather than \
                   immediately sending. Once we get <code>batch.size</code> worth of records. \
                   Increasing <code>linger.ms=50</code>, for example";
        assert_eq!(
            doc_text(doc),
            "adding a small amount of artificial delay\u{2014}that is, rather than \
             immediately sending. Once we get batch.size worth of records. \
             Increasing linger.ms=50, for example"
        );
    }

    #[test]
    fn block_tags_break_lines_and_links_keep_their_text() {
        assert_eq!(
            doc_text("<p>First.</p><p>See <a href=\"https://kafka.apache.org\">the docs</a>.</p>"),
            "First.\nSee the docs."
        );
        assert_eq!(doc_text("one<br/>two<br>three"), "one\ntwo\nthree");
        assert_eq!(doc_text("<ul><li>a</li><li>b</li></ul>"), "a\nb");
    }

    #[test]
    fn what_is_not_a_known_tag_or_entity_stays_as_written() {
        assert_eq!(doc_text("a < b and c > d"), "a < b and c > d");
        assert_eq!(doc_text("List<String> of values"), "List<String> of values");
        assert_eq!(
            doc_text("<script>alert(1)</script>"),
            "<script>alert(1)</script>"
        );
        assert_eq!(doc_text("AT&T & co; &unknown; &"), "AT&T & co; &unknown; &");
        assert_eq!(
            doc_text("&#39;quoted&#x27; &lt;tag&gt; &amp;"),
            "'quoted' <tag> &"
        );
        assert_eq!(
            doc_text("&#0; &#x1b;"),
            "&#0; &#x1b;",
            "control characters are not decoded"
        );
    }

    #[test]
    fn non_ascii_after_an_ampersand_or_bracket_is_kept() {
        assert_eq!(
            doc_text("caf\u{e9} & cr\u{e8}me br\u{fb}l\u{e9}e"),
            "caf\u{e9} & cr\u{e8}me br\u{fb}l\u{e9}e"
        );
        assert_eq!(
            doc_text("&\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}"),
            "&\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}"
        );
        assert_eq!(
            doc_text("\u{4e2d}\u{6587}&\u{6587}\u{6863}\u{8bf4}\u{660e}\u{5185}\u{5bb9}"),
            "\u{4e2d}\u{6587}&\u{6587}\u{6863}\u{8bf4}\u{660e}\u{5185}\u{5bb9}"
        );
        assert_eq!(doc_text("&mdash;\u{1f600}&amp;"), "\u{2014}\u{1f600}&");
        assert_eq!(
            doc_text("<\u{e9}\u{e9}> <b>\u{6587}</b>"),
            "<\u{e9}\u{e9}> \u{6587}"
        );
    }

    #[test]
    fn a_doc_full_of_unclosed_brackets_is_kept_and_fast() {
        let doc = "<".repeat(200_000);
        assert_eq!(doc_text(&doc), doc);
        let long_tag = format!("<a href=\"{}\">x</a>", "y".repeat(1_000));
        assert_eq!(
            doc_text(&long_tag),
            long_tag.replace("</a>", ""),
            "a tag past the bound is not a tag; its closing one still is"
        );
    }

    #[test]
    fn plain_docs_are_unchanged() {
        let plain = "Maximum number of tasks to use for this connector.";
        assert_eq!(doc_text(plain), plain);
        assert_eq!(doc_text(""), "");
    }
}
