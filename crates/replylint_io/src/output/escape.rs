//! Characters a reply may hold that a terminal or a line-based format must
//! not receive raw: control characters (an ESC starts a terminal escape
//! sequence, a bare CR moves the cursor back to the start of the line) and
//! the bidirectional overrides and isolates, which reorder what follows
//! them on screen.
//!
//! They are shown as rustc shows them: C0 control characters and DEL as
//! their Unicode Control Pictures (`␛` for ESC, `␍` for CR, `␀` for NUL),
//! the C1 control characters (U+0080–U+009F), which have no picture, and the
//! bidirectional controls (U+202A–U+202E, U+2066–U+2069) as `�`. Every
//! replacement is one character one column wide.

use std::borrow::Cow;

/// What `c` is shown as, if it cannot be shown as itself.
pub fn picture(c: char) -> Option<char> {
    match c {
        // U+2400 SYMBOL FOR NULL onwards, in the order of the C0 controls.
        '\0'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
        '\u{7f}' => Some('\u{2421}'),
        '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some('\u{fffd}'),
        _ => None,
    }
}

/// `s` with every character [`picture`] replaces replaced, but those in
/// `keep` (`'\n'` in text that may run on several lines, `'\t'` where it is
/// only white space).
pub fn controls<'a>(s: &'a str, keep: &[char]) -> Cow<'a, str> {
    // Printable ASCII, nearly every path and message, has nothing to
    // replace.
    if s.bytes().all(|b| (b' '..b'\x7f').contains(&b)) {
        return Cow::Borrowed(s);
    }
    let shown = |c: char| keep.contains(&c) || picture(c).is_none();
    if s.chars().all(shown) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| if shown(c) { c } else { picture(c).unwrap_or(c) })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_pictures_and_bidi_controls_replacement_characters() {
        assert_eq!(
            controls("a\u{1b}[31mb\rc\0d\u{7}\u{7f}", &[]),
            "a␛[31mb␍c␀d␇␡"
        );
        assert_eq!(controls("\u{9b}x\u{85}", &[]), "\u{fffd}x\u{fffd}");
        assert_eq!(controls("\u{202e}abc\u{2066}", &[]), "\u{fffd}abc\u{fffd}");
        assert_eq!(controls("a\tb\nc\r", &['\n', '\t']), "a\tb\nc␍");
    }

    #[test]
    fn ordinary_text_is_borrowed_unchanged() {
        for s in ["Grazie! 😊 漢字 e\u{301} \u{200d} ‏", ""] {
            assert!(matches!(controls(s, &[]), Cow::Borrowed(t) if t == s));
        }
    }

    #[test]
    fn every_replacement_is_one_column_wide() {
        use unicode_width::UnicodeWidthChar;
        for c in (0..0x3000).filter_map(char::from_u32) {
            if let Some(p) = picture(c) {
                assert_eq!(p.width(), Some(1), "{c:?}");
            }
        }
    }
}
