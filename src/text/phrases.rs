//! Phrase sets: many phrases found at once with one `aho-corasick`
//! automaton, case-insensitively (with [`super::fold_char`]) and on word
//! boundaries that work for accented letters, with match offsets mapped back
//! to the original text (folding can change byte lengths: `İ` → `i̇`,
//! `ẞ` → `ß`). Built once per rule set, used for every reply.

use aho_corasick::{AhoCorasick, MatchKind};
use std::ops::Range;

/// A compiled set of phrases, each carrying a payload `T`.
#[derive(Debug, Clone)]
pub struct PhraseSet<T> {
    automaton: AhoCorasick,
    payloads: Vec<T>,
    /// Whether each phrase starts / ends with a word character (then the
    /// match must start / end at a word boundary).
    edges: Vec<(bool, bool)>,
}

/// One phrase found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhraseMatch<'a, T> {
    /// Byte range in the original text.
    pub span: Range<usize>,
    pub payload: &'a T,
    /// Index of the phrase in the order it was given.
    pub index: usize,
}

/// A text folded for matching, with the map back to the original.
struct Folded {
    text: String,
    /// For each folded byte: the original char's start and end.
    origin: Vec<(u32, u32)>,
}

fn fold(text: &str) -> Folded {
    let mut folded = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let range = (i as u32, (i + c.len_utf8()) as u32);
        for f in super::fold_char(c) {
            folded.push(f);
            origin.extend(std::iter::repeat_n(range, f.len_utf8()));
        }
    }
    Folded {
        text: folded,
        origin,
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

impl<T> PhraseSet<T> {
    /// Compile `phrases`. Empty phrases are ignored.
    pub fn new(phrases: impl IntoIterator<Item = (String, T)>) -> Result<Self, String> {
        let mut patterns = Vec::new();
        let mut payloads = Vec::new();
        let mut edges = Vec::new();
        for (phrase, payload) in phrases {
            let folded: String = phrase.trim().chars().flat_map(super::fold_char).collect();
            let (Some(first), Some(last)) = (folded.chars().next(), folded.chars().last()) else {
                continue;
            };
            edges.push((is_word(first), is_word(last)));
            patterns.push(folded);
            payloads.push(payload);
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .map_err(|e| e.to_string())?;
        Ok(PhraseSet {
            automaton,
            payloads,
            edges,
        })
    }

    pub fn len(&self) -> usize {
        self.payloads.len()
    }

    pub fn is_empty(&self) -> bool {
        self.payloads.is_empty()
    }

    /// Every match in `text` on word boundaries, leftmost-longest and not
    /// overlapping, in text order.
    pub fn find_iter(&self, text: &str) -> Vec<PhraseMatch<'_, T>> {
        if self.is_empty() || text.is_empty() {
            return Vec::new();
        }
        let folded = fold(text);
        let ft = folded.text.as_str();
        let mut found: Vec<(usize, usize, usize)> = self
            .automaton
            .find_overlapping_iter(ft)
            .filter(|m| {
                let (starts_word, ends_word) = self.edges[m.pattern().as_usize()];
                let before = ft[..m.start()].chars().next_back();
                let after = ft[m.end()..].chars().next();
                (!starts_word || !before.is_some_and(is_word))
                    && (!ends_word || !after.is_some_and(is_word))
            })
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        // Leftmost first, then longest.
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut out = Vec::new();
        let mut next_free = 0;
        for (s, e, i) in found {
            if s < next_free {
                continue;
            }
            next_free = e;
            let start = folded.origin[s].0 as usize;
            let end = folded.origin[e - 1].1 as usize;
            out.push(PhraseMatch {
                span: start..end,
                payload: &self.payloads[i],
                index: i,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(phrases: &[&str]) -> PhraseSet<usize> {
        PhraseSet::new(phrases.iter().enumerate().map(|(i, p)| (p.to_string(), i))).unwrap()
    }

    fn found<'a>(s: &PhraseSet<usize>, text: &'a str) -> Vec<&'a str> {
        s.find_iter(text)
            .into_iter()
            .map(|m| &text[m.span])
            .collect()
    }

    #[test]
    fn case_insensitive_on_word_boundaries() {
        let s = set(&["come già detto", "pin", "pin code"]);
        assert_eq!(
            found(&s, "COME GIÀ DETTO, il PIN code è…"),
            ["COME GIÀ DETTO", "PIN code"]
        );
        assert_eq!(found(&s, "spinning pins"), Vec::<&str>::new());
        // The longer phrase fails its boundary; the shorter one still counts.
        assert_eq!(found(&s, "pin codes"), ["pin"]);
        // Accented letters are word characters.
        assert_eq!(found(&set(&["detto"]), "dettò detto"), ["detto"]);
    }

    #[test]
    fn offsets_map_back_when_folding_changes_lengths() {
        let s = set(&["istanbul", "straße"]);
        let text = "İstanbul und STRAẞE";
        let got = found(&s, text);
        assert_eq!(got, ["İstanbul", "STRAẞE"]);
    }

    #[test]
    fn apostrophes_match_either_way() {
        let s = set(&["as I've said"]);
        assert_eq!(found(&s, "As I’ve said before"), ["As I’ve said"]);
    }
}
