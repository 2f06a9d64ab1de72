//! Extended grapheme clusters, as `unicode-segmentation` finds them, with
//! a fast path for the text most replies are: every character below
//! U+0300 (ASCII, Latin-1, Latin Extended-A and -B, IPA). No character
//! there extends or joins a cluster (combining marks, ZWJ, regional
//! indicators, Hangul and Indic letters all come later), so each one is a
//! cluster of its own, but for CR LF (rule GB3).

use unicode_segmentation::{GraphemeIndices, UnicodeSegmentation};

/// The clusters of `text` with their byte offsets, like
/// `text.grapheme_indices(true)`.
pub fn indices(text: &str) -> Indices<'_> {
    if below_combining_marks(text) {
        Indices::Simple { text, at: 0 }
    } else {
        Indices::Full(text.grapheme_indices(true))
    }
}

/// The clusters of `text`, like `text.graphemes(true)`.
pub fn of(text: &str) -> impl Iterator<Item = &str> {
    indices(text).map(|(_, g)| g)
}

/// How many clusters `text` has.
pub fn count(text: &str) -> usize {
    if below_combining_marks(text) {
        text.chars().count() - text.matches("\r\n").count()
    } else {
        text.graphemes(true).count()
    }
}

/// Whether every character of `text` is below U+0300: in UTF-8, every
/// byte is below 0xCC (U+0300 is `CC 80`; continuation bytes are below
/// 0xC0).
fn below_combining_marks(text: &str) -> bool {
    text.bytes().all(|b| b < 0xCC)
}

/// See [`indices`].
#[derive(Debug, Clone)]
pub enum Indices<'a> {
    Simple { text: &'a str, at: usize },
    Full(GraphemeIndices<'a>),
}

impl<'a> Iterator for Indices<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Indices::Full(it) => it.next(),
            Indices::Simple { text, at } => {
                let start = *at;
                let c = text[start..].chars().next()?;
                let mut end = start + c.len_utf8();
                if c == '\r' && text[end..].starts_with('\n') {
                    end += 1;
                }
                *at = end;
                Some((start, &text[start..end]))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts from characters around the fast path's edge: controls, CR
    /// and LF, Latin letters, the first combining marks, ZWJ, emoji and
    /// their modifiers, regional indicators, Hangul, Devanagari.
    fn texts() -> Vec<String> {
        const PIECES: &[&str] = &[
            "a", "Z", " ", "\r", "\n", "\t", "\u{7f}", "\u{85}", "\u{ad}", "é", "ß", "ÿ", "Ā", "ɐ",
            "ʰ", "\u{2ff}", "\u{300}", "\u{301}", "\u{36f}", "\u{200d}", "©", "®", "👍", "🏽", "🇮",
            "🇹", "각", "ᄀ", "ᅡ", "क", "\u{94d}", "ष", "\u{fe0f}", "€", "中",
        ];
        let mut out = Vec::new();
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        for len in 0..12 {
            for _ in 0..400 {
                let mut s = String::new();
                for _ in 0..len {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    s.push_str(PIECES[(state % PIECES.len() as u64) as usize]);
                }
                out.push(s);
            }
        }
        out
    }

    #[test]
    fn clusters_are_those_of_unicode_segmentation() {
        for text in texts() {
            let want: Vec<(usize, &str)> = text.grapheme_indices(true).collect();
            assert_eq!(indices(&text).collect::<Vec<_>>(), want, "{text:?}");
            assert_eq!(count(&text), want.len(), "{text:?}");
        }
    }

    #[test]
    fn the_fast_path_takes_latin_text_and_crlf_as_one() {
        let text = "Ciao Jürgen,\r\ngrazie! ß ɐ";
        assert!(matches!(indices(text), Indices::Simple { .. }));
        assert_eq!(count(text), 24);
        assert!(of(text).any(|g| g == "\r\n"));
        assert!(matches!(indices("e\u{301}"), Indices::Full(_)));
        assert_eq!(count("e\u{301}👍🏽"), 2);
    }
}
