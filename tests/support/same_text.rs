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
