//! Extended grapheme clusters, as `unicode-segmentation` finds them, with
//! a fast path for the characters most replies are made of: those below
//! U+0300 (ASCII, Latin-1, Latin Extended-A and -B, IPA). No character
//! there extends or joins a cluster (combining marks, ZWJ, regional
//! indicators, Hangul and Indic letters all come later), so each one is a
//! cluster of its own, but for CR LF (rule GB3), unless the character
//! after it extends it. Around the other characters (a typographic
//! apostrophe, an emoji), `unicode-segmentation` decides, from the
//! boundary before them to the next boundary where the fast path can take
//! over again: clusters never reach back across a boundary (the rules
//! that look back, GB11 to GB13, look within a cluster or count regional
//! indicators in pairs), so segmenting from one gives the clusters the
//! whole text would.

use unicode_segmentation::{GraphemeIndices, UnicodeSegmentation};

/// The clusters of `text` with their byte offsets, like
/// `text.grapheme_indices(true)`.
pub fn indices(text: &str) -> Indices<'_> {
    Indices {
        text,
        at: 0,
        full: None,
    }
}

/// The clusters of `text`, like `text.graphemes(true)`.
pub fn of(text: &str) -> impl Iterator<Item = &str> {
    indices(text).map(|(_, g)| g)
}

/// How many clusters `text` has.
pub fn count(text: &str) -> usize {
    if text.bytes().all(simple) {
        text.chars().count() - text.matches("\r\n").count()
    } else {
        indices(text).count()
    }
}

/// Whether a character starting with byte `b` (or a continuation byte) is
/// below U+0300, in UTF-8 `CC 80`: continuation bytes are below 0xC0.
fn simple(b: u8) -> bool {
    b < 0xCC
}

/// See [`indices`].
#[derive(Debug, Clone)]
pub struct Indices<'a> {
    text: &'a str,
    /// Where the next cluster starts.
    at: usize,
    /// `unicode-segmentation`'s clusters of the text from a boundary on
    /// (and that boundary), while they are not simple.
    full: Option<(usize, GraphemeIndices<'a>)>,
}

impl<'a> Iterator for Indices<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let text = self.text;
        loop {
            if let Some((base, clusters)) = &mut self.full {
                let (i, cluster) = clusters.next()?;
                let start = *base + i;
                self.at = start + cluster.len();
                if text.as_bytes().get(self.at).is_some_and(|&b| simple(b)) {
                    self.full = None;
                }
                return Some((start, cluster));
            }
            let start = self.at;
            let rest = &text[start..];
            let c = rest.chars().next()?;
            let mut end = start + c.len_utf8();
            if c == '\r' && text[end..].starts_with('\n') {
                end += 1;
            }
            // A character that is not simple, or is extended by the next.
            if !simple(rest.as_bytes()[0]) || text.as_bytes().get(end).is_some_and(|&b| !simple(b))
            {
                self.full = Some((start, rest.grapheme_indices(true)));
                continue;
            }
            self.at = end;
            return Some((start, &text[start..end]));
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
        for len in 0..24 {
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
        let mut it = indices(text);
        while it.next().is_some() {
            assert!(it.full.is_none());
        }
        assert_eq!(count(text), 24);
        assert!(of(text).any(|g| g == "\r\n"));
        assert_eq!(count("e\u{301}👍🏽"), 2);
    }

    #[test]
    fn unicode_segmentation_decides_only_around_other_characters() {
        let text = "We’ll call you, José: 👍🏽 thanks";
        let mut it = indices(text);
        let mut full = Vec::new();
        while let Some((_, g)) = it.next() {
            if it.full.is_some() {
                full.push(g);
            }
        }
        // `unicode-segmentation` is still on after the cluster before each
        // of the two (`e`, ` `), off again after them.
        assert_eq!(full, ["e", " "]);
        let mut it = indices(text);
        let clusters: Vec<&str> = it.by_ref().map(|(_, g)| g).collect();
        assert!(clusters.contains(&"👍🏽"));
        assert_eq!(clusters.len(), text.graphemes(true).count());
    }
}
