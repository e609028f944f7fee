//! The check of `parse::same_text` against `==`, shared by the native suite (word loop) and the
//! browser suite (wasm's 128-bit vector loop): every length up to 200 bytes (so every vector
//! and word remainder), a difference at every position, and lengths that differ by one.

use connect_console::protocol::parse::same_text;

pub fn same_text_agrees_with_string_equality() {
    let base: String = (0..200u32)
        .map(|i| char::from(b'a' + (i * 7 % 26) as u8))
        .collect();
    for len in 0..base.len() {
        let a = &base[..len];
        let b = a.to_string(); // equal text, another allocation
        assert!(same_text(a, &b), "len {len}");
        assert!(same_text(a, a), "len {len}, same slice");
        for at in 0..len {
            let mut c = b.clone().into_bytes();
            c[at] = if c[at] == b'z' { b'y' } else { b'z' };
            let c = String::from_utf8(c).unwrap();
            assert_eq!(same_text(a, &c), a == c, "len {len}, differing at {at}");
            assert!(!same_text(a, &c));
        }
        assert!(!same_text(a, &base[..len + 1]), "len {len} vs {}", len + 1);
    }
    assert!(same_text("état ✓", "état ✓"));
    assert!(!same_text("état ✓", "etat ✓ "));
}

/// `parse::body_text` against `String::from_utf8_lossy` on ASCII bodies of every length up to
/// 200 bytes, with a two-byte character or an invalid byte at every position.
pub fn body_text_agrees_with_from_utf8_lossy() {
    use connect_console::protocol::parse::body_text;
    let base: Vec<u8> = (0..200u32).map(|i| b'a' + (i * 7 % 26) as u8).collect();
    for len in 0..base.len() {
        let ascii = base[..len].to_vec();
        assert_eq!(
            body_text(ascii.clone()),
            String::from_utf8(ascii.clone()).unwrap()
        );
        for at in 0..len {
            let mut two = ascii.clone();
            two.splice(at..at + 1, "é".bytes());
            assert_eq!(
                body_text(two.clone()),
                String::from_utf8(two).unwrap(),
                "len {len}, é at {at}"
            );
            let mut bad = ascii.clone();
            bad[at] = 0xFF;
            let got = body_text(bad.clone());
            assert_eq!(
                got,
                String::from_utf8_lossy(&bad),
                "len {len}, 0xFF at {at}"
            );
            assert!(got.contains('\u{FFFD}'));
        }
    }
}

/// `parse::body_text` on long runs of two-, three- and four-byte characters in ASCII, at every
/// offset across a 64-byte block, and with an invalid byte inside or after such a run.
pub fn body_text_reads_long_runs_of_other_characters() {
    use connect_console::protocol::parse::body_text;
    for ch in ["ü", "日", "🦀"] {
        for offset in 0..70 {
            for run in [1usize, 17, 40, 90] {
                let text = format!(
                    "{}{}{}",
                    "a".repeat(offset),
                    ch.repeat(run),
                    "z".repeat(150)
                );
                assert_eq!(
                    body_text(text.clone().into_bytes()),
                    text,
                    "{ch} × {run} at {offset}"
                );
                let mut bad = text.clone().into_bytes();
                let at = offset + ch.len() * run / 2 + 1;
                bad[at] = 0xFF;
                assert_eq!(
                    body_text(bad.clone()),
                    String::from_utf8_lossy(&bad),
                    "{ch} × {run} at {offset}, bad at {at}"
                );
                let mut late = text.into_bytes();
                let n = late.len();
                late[n - 3] = 0xC3; // a lead byte without its continuation
                assert_eq!(body_text(late.clone()), String::from_utf8_lossy(&late));
            }
        }
    }
}
