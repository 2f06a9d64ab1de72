//! Phrase sets: many phrases found at once with one `aho-corasick`
//! automaton, case-insensitively (with [`super::fold_char`]) and on word
//! boundaries that work for accented letters, with match offsets mapped back
//! to the original text (folding can change byte lengths: `İ` → `i̇`,
//! `ẞ` → `ß`). Built once per rule set, used for every reply.

use aho_corasick::{AhoCorasick, MatchKind};
use std::ops::Range;

/// A compiled set of phrases, each carrying a payload `T`. The phrases
/// can come in several groups ([`PhraseSet::grouped`]): one automaton
/// scans the text once for all of them, and each group's matches are
/// resolved on their own, as if each group were a set of its own.
#[derive(Debug, Clone)]
pub struct PhraseSet<T> {
    automaton: AhoCorasick,
    payloads: Vec<T>,
    /// Whether each phrase starts / ends with a word character (then the
    /// match must start / end at a word boundary).
    edges: Vec<(bool, bool)>,
    /// The group of each phrase.
    groups: Vec<usize>,
    group_count: usize,
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

/// A text folded for matching, with the map back to the original. Fold a
/// text once and look for several phrase sets in it with
/// [`PhraseSet::find_in`].
#[derive(Debug, Clone)]
pub struct Folded {
    text: String,
    /// For each folded byte: the original char's start and end; `None`
    /// when every character folded to one of the same length, so that
    /// offsets are the same in both.
    origin: Option<Vec<(u32, u32)>>,
}

impl Folded {
    pub fn new(text: &str) -> Self {
        let mut folded = String::with_capacity(text.len());
        // Built only from the first character whose folding changes
        // offsets, with the identity map up to it.
        let mut origin: Option<Vec<(u32, u32)>> = None;
        for (i, c) in text.char_indices() {
            if c.is_ascii() && origin.is_none() {
                folded.push(c.to_ascii_lowercase());
                continue;
            }
            let range = (i as u32, (i + c.len_utf8()) as u32);
            let mut fold = super::fold_char(c);
            if origin.is_none() {
                if let (Some(f), None) = (fold.clone().next(), fold.clone().nth(1))
                    && f.len_utf8() == c.len_utf8()
                {
                    folded.push(f);
                    continue;
                }
                origin = Some(
                    (0..folded.len())
                        .map(|b| (b as u32, b as u32 + 1))
                        .collect(),
                );
                // The identity map is right for whole characters only:
                // give every byte of a character that character's range.
                let map = origin.as_mut().expect("just set");
                for (start, ch) in folded.char_indices() {
                    let end = (start + ch.len_utf8()) as u32;
                    for entry in &mut map[start..end as usize] {
                        *entry = (start as u32, end);
                    }
                }
            }
            let map = origin.as_mut().expect("set above");
            for f in fold.by_ref() {
                folded.push(f);
                map.extend(std::iter::repeat_n(range, f.len_utf8()));
            }
        }
        Folded {
            text: folded,
            origin,
        }
    }

    /// The original range of the folded bytes `start..end`.
    fn original(&self, start: usize, end: usize) -> Range<usize> {
        match &self.origin {
            None => start..end,
            Some(origin) => origin[start].0 as usize..origin[end - 1].1 as usize,
        }
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

impl<T> PhraseSet<T> {
    /// Compile `phrases`. Empty phrases are ignored.
    pub fn new(phrases: impl IntoIterator<Item = (String, T)>) -> Result<Self, String> {
        Self::grouped([phrases])
    }

    /// Compile several groups of phrases into one set; [`Self::find_groups`]
    /// gives each group's matches apart. Empty phrases are ignored.
    pub fn grouped<I>(groups: impl IntoIterator<Item = I>) -> Result<Self, String>
    where
        I: IntoIterator<Item = (String, T)>,
    {
        let mut patterns = Vec::new();
        let mut payloads = Vec::new();
        let mut edges = Vec::new();
        let mut group_of = Vec::new();
        let mut group_count = 0;
        for (group, phrases) in groups.into_iter().enumerate() {
            group_count = group + 1;
            for (phrase, payload) in phrases {
                let folded: String = phrase.trim().chars().flat_map(super::fold_char).collect();
                let (Some(first), Some(last)) = (folded.chars().next(), folded.chars().last())
                else {
                    continue;
                };
                edges.push((is_word(first), is_word(last)));
                patterns.push(folded);
                payloads.push(payload);
                group_of.push(group);
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .map_err(|e| e.to_string())?;
        Ok(PhraseSet {
            automaton,
            payloads,
            edges,
            groups: group_of,
            group_count,
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
        self.find_in(&Folded::new(text))
    }

    /// [`Self::find_iter`] on a text folded already. (The matches of a set
    /// of several groups come group after group: see [`Self::find_groups`].)
    pub fn find_in(&self, folded: &Folded) -> Vec<PhraseMatch<'_, T>> {
        self.find_groups(folded).into_iter().flatten().collect()
    }

    /// The matches of each group (in the order the groups were given), each
    /// leftmost-longest, not overlapping another of its group, in text
    /// order.
    pub fn find_groups(&self, folded: &Folded) -> Vec<Vec<PhraseMatch<'_, T>>> {
        let mut out: Vec<Vec<PhraseMatch<'_, T>>> =
            (0..self.group_count).map(|_| Vec::new()).collect();
        if self.is_empty() || folded.text.is_empty() {
            return out;
        }
        let ft = folded.text.as_str();
        let mut found: Vec<(usize, usize, usize)> = self
            .automaton
            .find_overlapping_iter(ft)
            .filter(|m| {
                let (starts_word, ends_word) = self.edges[m.pattern().as_usize()];
                (!starts_word || !ft[..m.start()].chars().next_back().is_some_and(is_word))
                    && (!ends_word || !ft[m.end()..].chars().next().is_some_and(is_word))
            })
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        // Leftmost first, then longest.
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut next_free = vec![0; self.group_count];
        for (s, e, i) in found {
            let group = self.groups[i];
            if s < next_free[group] {
                continue;
            }
            next_free[group] = e;
            out[group].push(PhraseMatch {
                span: folded.original(s, e),
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
    fn offsets_map_back_before_and_after_the_first_change_of_length() {
        // Identity up to `’` (3 bytes, folded to 1), mapped after it.
        let s = set(&["perché", "l'ordine", "così"]);
        let text = "Perché l’ordine è così";
        assert_eq!(found(&s, text), ["Perché", "l’ordine", "così"]);
        let text = "İ perché";
        assert_eq!(found(&s, text), ["perché"]);
    }

    #[test]
    fn groups_resolve_their_matches_apart() {
        let s = PhraseSet::grouped([
            vec![("pin code".to_owned(), 0), ("code".to_owned(), 1)],
            vec![("pin".to_owned(), 2), ("pin".to_owned(), 3)],
        ])
        .unwrap();
        let text = "your PIN code";
        let groups: Vec<Vec<(&str, usize)>> = s
            .find_groups(&Folded::new(text))
            .into_iter()
            .map(|g| g.into_iter().map(|m| (&text[m.span], *m.payload)).collect())
            .collect();
        assert_eq!(groups, [vec![("PIN code", 0)], vec![("PIN", 2)]]);
    }

    #[test]
    fn apostrophes_match_either_way() {
        let s = set(&["as I've said"]);
        assert_eq!(found(&s, "As I’ve said before"), ["As I’ve said"]);
    }
}
