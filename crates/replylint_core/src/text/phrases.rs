//! Phrase sets: many phrases found at once with one `aho-corasick`
//! automaton, case-insensitively (with [`super::fold_char`]) and on word
//! boundaries that work for accented letters, with match offsets mapped back
//! to the original text (folding can change byte lengths: `İ` → `i̇`,
//! `ẞ` → `ß`). Built once per rule set, used for every reply.

use super::boundary::is_boundary;
use super::is_name_char;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::ops::Range;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A compiled set of phrases, each carrying a payload `T`. The phrases
/// can come in several groups ([`PhraseSet::grouped`]): one automaton
/// scans the text once for all of them, and each group's matches are
/// resolved on their own, as if each group were a set of its own.
#[derive(Debug, Clone)]
pub struct PhraseSet<T> {
    automata: Automata,
    payloads: Vec<T>,
    /// Whether each phrase starts / ends with a word character (then the
    /// match must start / end at a word boundary).
    edges: Vec<(bool, bool)>,
    /// The group of each phrase.
    groups: Vec<usize>,
    group_count: usize,
}

/// How a set searches, by how much text it has searched so far: each step
/// costs more to build and less per byte searched.
///
/// 1. Each phrase on its own with `memchr`'s `memmem`, for the first
///    [`NAIVE_BYTES`]: nothing to build, which is what one draft checked
///    on stdin needs (building the automata of the built-in sets costs
///    about 4.7 M instructions, a third of checking a draft; searching a
///    draft of 300 bytes phrase by phrase, about 0.7 M).
/// 2. A non-contiguous NFA, the automaton `aho-corasick` builds first
///    whatever the kind asked for, the cheapest to build. It follows
///    failure transitions through sparse states as it scans, though, at
///    several times the instructions per byte of a DFA.
/// 3. Once the bytes searched pay for it, a faster automaton from the same
///    phrases: a DFA for sets of up to [`MAX_DFA_PATTERN_BYTES`], once the
///    bytes searched reach [`DFA_AFTER_BYTES_PER_PATTERN_BYTE`] times the
///    bytes of its phrases (about where the instructions saved equal the
///    instructions the DFA cost to build); a contiguous NFA for larger
///    sets, after [`CONTIGUOUS_AFTER_BYTES_PER_PATTERN_BYTE`].
///
/// Whatever the length of a run, its scans never cost much more than twice
/// what the best way for it would have, and a library run scans nearly all
/// of its replies with the fastest automaton. All three find the same
/// matches, in the same order.
#[derive(Debug)]
pub(crate) struct Automata {
    /// The folded phrases.
    patterns: Vec<String>,
    /// Whether ASCII letters match in either case (then there is no
    /// phrase-by-phrase search: the automata are used from the start).
    ascii_case_insensitive: bool,
    /// The phrases by first byte, for the phrase-by-phrase search: those
    /// starting with byte `b` are `by_first[starts[b]..starts[b + 1]]`,
    /// in the order they were given.
    by_first: Vec<u32>,
    starts: Box<[u32; 257]>,
    /// The kind of the faster automaton.
    kind: AhoCorasickKind,
    /// Bytes searched so far (not counted any more once the faster
    /// automaton is there).
    searched: AtomicUsize,
    /// Switch to the faster automaton when `searched` reaches this.
    after: usize,
    /// The NFA (`None` should it fail to build: then the set goes on
    /// searching phrase by phrase).
    first: OnceLock<Option<AhoCorasick>>,
    /// The faster automaton (or, should it fail to build, the NFA again).
    faster: OnceLock<Option<AhoCorasick>>,
}

/// Bytes of text a set searches phrase by phrase before it builds its
/// first automaton: a draft or two. Searching a 300-byte reply that way
/// costs a comparison per byte and phrase starting with it, building the
/// NFA about 470 instructions per byte of phrases,
/// so the built-in sets' phrases of 10–30 bytes take 15 to 50 replies to
/// pay for their NFA; the limit keeps the cost of a set of many short
/// phrases low as well.
const NAIVE_BYTES: usize = 4 * 1024;

/// Sets of more phrases than this build their NFA from the start (a
/// phrase-by-phrase search of even one draft would cost more).
const MAX_NAIVE_PATTERNS: usize = 2_000;

/// Bytes of text a set searches, per byte of its phrases, before it
/// switches to a DFA. Measured on the built-in sets (153, 175 and 413
/// phrases over replies of ~300 bytes): building the DFA costs about
/// 4,000 instructions per byte of phrases and saves about 30 per byte
/// searched, so it pays for itself after 135–155 bytes searched per byte
/// of phrases (200 to 3,700 replies).
const DFA_AFTER_BYTES_PER_PATTERN_BYTE: usize = 128;

/// The same for a contiguous NFA, which costs about 140 instructions per
/// byte of phrases to build from the first automaton.
const CONTIGUOUS_AFTER_BYTES_PER_PATTERN_BYTE: usize = 16;

/// Sets with more bytes of phrases than this get a contiguous NFA rather
/// than a DFA. A DFA takes about 160 bytes of memory per byte of phrases:
/// up to this, 650 KB. Text speak (0.5 KB of phrases, an 80 KB DFA) and
/// the `credential-request` secrets (2.7 KB, 440 KB) get one; `blame`
/// (8.3 KB, 1.3 MB) does not: its DFA would take another 2.5% off the
/// instructions of a library run, but add 4% to its peak memory.
const MAX_DFA_PATTERN_BYTES: usize = 4 * 1024;

/// How to search a text.
#[derive(Clone, Copy)]
enum Search<'a> {
    PhraseByPhrase,
    With(&'a AhoCorasick),
}

impl Automata {
    /// The automata of `patterns`, each matched as it is written except
    /// that ASCII letters match in either case, built as the bytes searched
    /// pay for them (see [`Automata`]; the first is the NFA).
    pub(crate) fn ascii_case_insensitive(patterns: Vec<String>) -> Self {
        Automata {
            ascii_case_insensitive: true,
            ..Automata::new(patterns)
        }
    }

    /// The automaton to search `len` more bytes with (`None` when none
    /// builds).
    pub(crate) fn automaton(&self, len: usize) -> Option<&AhoCorasick> {
        match self.pick(len) {
            Search::With(automaton) => Some(automaton),
            Search::PhraseByPhrase => None,
        }
    }

    fn new(patterns: Vec<String>) -> Self {
        let bytes: usize = patterns.iter().map(String::len).sum();
        let (kind, per_byte) = if bytes <= MAX_DFA_PATTERN_BYTES {
            (AhoCorasickKind::DFA, DFA_AFTER_BYTES_PER_PATTERN_BYTE)
        } else {
            (
                AhoCorasickKind::ContiguousNFA,
                CONTIGUOUS_AFTER_BYTES_PER_PATTERN_BYTE,
            )
        };
        let mut by_first: Vec<u32> = (0..).take(patterns.len()).collect();
        by_first.sort_by_key(|&i| patterns[i as usize].as_bytes().first().copied());
        let mut starts = Box::new([0u32; 257]);
        for p in &patterns {
            if let Some(&b) = p.as_bytes().first() {
                starts[usize::from(b) + 1] += 1;
            }
        }
        for b in 1..starts.len() {
            starts[b] += starts[b - 1];
        }
        // (An empty phrase, which sets never hold, would sort first and be
        // under no byte.)
        let empty = by_first.len() - starts[256] as usize;
        by_first.drain(..empty);
        Automata {
            patterns,
            ascii_case_insensitive: false,
            by_first,
            starts,
            kind,
            searched: AtomicUsize::new(0),
            after: bytes.saturating_mul(per_byte),
            first: OnceLock::new(),
            faster: OnceLock::new(),
        }
    }

    /// How to search `len` bytes. The thread whose search reaches the
    /// threshold builds the faster automaton; the others go on with the
    /// NFA meanwhile rather than wait.
    fn pick(&self, len: usize) -> Search<'_> {
        if let Some(faster) = self.faster.get() {
            return faster.as_ref().map_or(Search::PhraseByPhrase, Search::With);
        }
        let before = self.searched.fetch_add(len, Ordering::Relaxed);
        let reached = before.saturating_add(len);
        if before < self.after && reached >= self.after {
            let faster = self
                .faster
                .get_or_init(|| self.build(self.kind).ok().or_else(|| self.nfa().cloned()));
            return faster.as_ref().map_or(Search::PhraseByPhrase, Search::With);
        }
        if self.first.get().is_none()
            && !self.ascii_case_insensitive
            && reached <= NAIVE_BYTES
            && self.patterns.len() <= MAX_NAIVE_PATTERNS
        {
            return Search::PhraseByPhrase;
        }
        self.nfa().map_or(Search::PhraseByPhrase, Search::With)
    }

    /// The NFA, built on first use.
    fn nfa(&self) -> Option<&AhoCorasick> {
        self.first
            .get_or_init(|| self.build(AhoCorasickKind::NoncontiguousNFA).ok())
            .as_ref()
    }

    /// The automaton of the phrases, of `kind`. All kinds report the same
    /// overlapping matches in the same order: they are built from the same
    /// NFA, with the same match lists.
    fn build(&self, kind: AhoCorasickKind) -> Result<AhoCorasick, String> {
        AhoCorasick::builder()
            .ascii_case_insensitive(self.ascii_case_insensitive)
            .match_kind(MatchKind::Standard)
            .kind(Some(kind))
            .build(&self.patterns)
            .map_err(|e| e.to_string())
    }
}

impl Clone for Automata {
    fn clone(&self) -> Self {
        let copy = |lock: &OnceLock<Option<AhoCorasick>>| {
            let out = OnceLock::new();
            if let Some(automaton) = lock.get() {
                let _ = out.set(automaton.clone());
            }
            out
        };
        Automata {
            patterns: self.patterns.clone(),
            ascii_case_insensitive: self.ascii_case_insensitive,
            by_first: self.by_first.clone(),
            starts: self.starts.clone(),
            kind: self.kind,
            searched: AtomicUsize::new(self.searched.load(Ordering::Relaxed)),
            after: self.after,
            first: copy(&self.first),
            faster: copy(&self.faster),
        }
    }
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
    /// Where the folded bytes come from; `None` when every character
    /// folded to one of the same length, so that offsets are the same in
    /// both.
    origin: Option<Origin>,
}

/// Where each folded byte comes from (the range of the original character
/// it is part of), kept as the characters whose folding is not one
/// character of the same length (`İ` → `i̇`, `ß` → `ss`, `è` → `e`), in
/// order: between them, the folded characters are the original ones
/// shifted by what those changed. A few bytes a changed character, where
/// a map of every byte took eight bytes a byte.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Origin {
    steps: Vec<Step>,
}

/// A character whose folding changes its length: its folded bytes and
/// its original range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Step {
    folded: u32,
    folded_end: u32,
    start: u32,
    end: u32,
}

impl Origin {
    /// The original range of the character folded byte `b` (of the
    /// folded `text`) is part of.
    fn of(&self, text: &str, b: usize) -> (u32, u32) {
        let i = self.steps.partition_point(|s| s.folded as usize <= b);
        // Shift of the original from the folded text after the step.
        let shift = match i.checked_sub(1).map(|i| self.steps[i]) {
            Some(step) if b < step.folded_end as usize => return (step.start, step.end),
            Some(step) => i64::from(step.end) - i64::from(step.folded_end),
            None => 0,
        };
        let mut start = b.min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let len = text[start..].chars().next().map_or(0, char::len_utf8);
        let at = |offset: usize| u32::try_from(offset as i64 + shift).unwrap_or(u32::MAX);
        (at(start), at(start + len))
    }
}

impl Folded {
    /// The folded text, as phrases are matched in it.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut folded = String::with_capacity(text.len());
        // While every character folds to one of the same length, offsets
        // are the same in both texts: the runs between the characters that
        // fold to another one are copied as they are (ASCII is lowered at
        // the end, in one pass), without decoding them.
        let mut copied = 0;
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i].is_ascii() {
                i += 1;
                continue;
            }
            let c = text[i..].chars().next().expect("at a character");
            let fold = super::fold_char(c);
            if let (Some(f), None) = (fold.clone().next(), fold.clone().nth(1))
                && f.len_utf8() == c.len_utf8()
            {
                folded.push_str(&text[copied..i]);
                folded.push(f);
                i += c.len_utf8();
                copied = i;
                continue;
            }
            folded.push_str(&text[copied..i]);
            folded.make_ascii_lowercase();
            let origin = Self::map_from(text, i, &mut folded);
            return Folded {
                text: folded,
                origin: Some(origin),
            };
        }
        folded.push_str(&text[copied..]);
        // Folding never gives an upper-case ASCII letter, so lowering all
        // of it lowers just what was copied.
        folded.make_ascii_lowercase();
        Folded {
            text: folded,
            origin: None,
        }
    }

    /// Fold `text[from..]` onto `folded` (the fold of `text[..from]`, of
    /// the same length), at the first character whose folding changes
    /// offsets; where the folded bytes come from.
    fn map_from(text: &str, from: usize, folded: &mut String) -> Origin {
        let mut steps = Vec::new();
        let offset = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
        for (i, c) in text[from..].char_indices() {
            let i = from + i;
            if c.is_ascii() {
                folded.push(c.to_ascii_lowercase());
                continue;
            }
            let at = folded.len();
            let mut fold = super::fold_char(c);
            if let (Some(f), None) = (fold.clone().next(), fold.clone().nth(1))
                && f.len_utf8() == c.len_utf8()
            {
                folded.push(f);
                continue;
            }
            fold.by_ref().for_each(|f| folded.push(f));
            steps.push(Step {
                folded: offset(at),
                folded_end: offset(folded.len()),
                start: offset(i),
                end: offset(i + c.len_utf8()),
            });
        }
        Origin { steps }
    }

    /// The original range of the folded bytes `start..end`.
    fn original(&self, start: usize, end: usize) -> Range<usize> {
        match &self.origin {
            None => start..end,
            Some(origin) => {
                origin.of(&self.text, start).0 as usize..origin.of(&self.text, end - 1).1 as usize
            }
        }
    }

    /// The original range of the character folded byte `b` is part of
    /// (the identity when nothing changed length).
    #[cfg(test)]
    fn origin_of(&self, b: usize) -> Option<(u32, u32)> {
        self.origin.as_ref().map(|o| o.of(&self.text, b))
    }
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
                let folded = super::fold_str(phrase.trim());
                let (Some(first), Some(last)) = (folded.chars().next(), folded.chars().last())
                else {
                    continue;
                };
                edges.push((is_name_char(first), is_name_char(last)));
                patterns.push(folded);
                payloads.push(payload);
                group_of.push(group);
            }
        }
        Ok(PhraseSet {
            automata: Automata::new(patterns),
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

    /// The phrases, folded, in the order they were given.
    pub fn phrases(&self) -> impl Iterator<Item = &str> {
        self.automata.patterns.iter().map(String::as_str)
    }

    /// Whether each group (in the order the groups were given) has a match
    /// in `folded`: what `find_groups(folded)[g].is_empty()` says, without
    /// resolving the matches.
    pub fn groups_present(&self, folded: &Folded) -> Vec<bool> {
        let mut present = vec![false; self.group_count];
        for (_, _, i) in self.candidates(folded) {
            present[self.groups[i]] = true;
        }
        present
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
        if self.group_count > 1 {
            return self.find_groups(folded).into_iter().flatten().collect();
        }
        // One group (most sets): straight into one list.
        let mut out = Vec::new();
        let mut next_free = 0;
        for (s, e, i) in self.candidates(folded) {
            if s < next_free {
                continue;
            }
            next_free = e;
            out.push(self.matched(folded, s, e, i));
        }
        out
    }

    /// The matches of each group (in the order the groups were given), each
    /// leftmost-longest, not overlapping another of its group, in text
    /// order.
    pub fn find_groups(&self, folded: &Folded) -> Vec<Vec<PhraseMatch<'_, T>>> {
        let mut out: Vec<Vec<PhraseMatch<'_, T>>> =
            (0..self.group_count).map(|_| Vec::new()).collect();
        let found = self.candidates(folded);
        if found.is_empty() {
            return out;
        }
        let mut next_free = vec![0; self.group_count];
        for (s, e, i) in found {
            let group = self.groups[i];
            if s < next_free[group] {
                continue;
            }
            next_free[group] = e;
            out[group].push(self.matched(folded, s, e, i));
        }
        out
    }

    /// Every phrase on word boundaries in `folded`, overlaps and all, as
    /// (start, end, phrase) in folded bytes: leftmost first, then longest,
    /// phrases that match the same bytes in the order they were given.
    fn candidates(&self, folded: &Folded) -> Vec<(usize, usize, usize)> {
        if self.is_empty() || folded.text.is_empty() {
            return Vec::new();
        }
        self.candidates_by(folded, self.automata.pick(folded.text.len()))
    }

    /// [`Self::candidates`], searched as `search` says.
    fn candidates_by(&self, folded: &Folded, search: Search<'_>) -> Vec<(usize, usize, usize)> {
        let ft = folded.text.as_str();
        let on_boundaries = |&(start, end, i): &(usize, usize, usize)| {
            let (starts_word, ends_word) = self.edges[i];
            (!starts_word || is_boundary(ft, start)) && (!ends_word || is_boundary(ft, end))
        };
        let mut found: Vec<(usize, usize, usize)> = match search {
            Search::With(automaton) => automaton
                .find_overlapping_iter(ft)
                .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                .filter(on_boundaries)
                .collect(),
            Search::PhraseByPhrase => {
                // At every byte, the phrases that start with it (a phrase,
                // UTF-8, only matches at a character's start): overlapping
                // occurrences too, in order of start, then of phrase.
                let a = &self.automata;
                let bytes = ft.as_bytes();
                let mut found = Vec::new();
                for (start, &b) in bytes.iter().enumerate() {
                    let b = usize::from(b);
                    let (from, to) = (a.starts[b] as usize, a.starts[b + 1] as usize);
                    for &i in &a.by_first[from..to] {
                        let pattern = a.patterns[i as usize].as_bytes();
                        if bytes[start..].starts_with(pattern) {
                            found.push((start, start + pattern.len(), i as usize));
                        }
                    }
                }
                found.retain(on_boundaries);
                found
            }
        };
        // An automaton reports overlapping matches by where they end,
        // phrases that match the same bytes in the order they were given;
        // the phrase-by-phrase search, phrase after phrase. Already in
        // order when none overlaps another (the sort is stable, so it would
        // leave them as they are).
        if !found.is_sorted_by(|a, b| a.0 < b.0 || (a.0 == b.0 && a.1 >= b.1)) {
            found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        }
        found
    }

    fn matched(&self, folded: &Folded, start: usize, end: usize, i: usize) -> PhraseMatch<'_, T> {
        PhraseMatch {
            span: folded.original(start, end),
            payload: &self.payloads[i],
            index: i,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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
    fn another_writing_system_ends_a_word() {
        let s = set(&["refund", "todo"]);
        for text in [
            "退款refund",
            "refund退款",
            "استردادrefund",
            "החזרrefund",
            "คืนเงินrefund",
            "환불refund",
        ] {
            assert_eq!(found(&s, text), ["refund"], "{text}");
        }
        for text in [
            "refunds",
            "xrefund",
            "caférefund",
            "refund_id",
            "TODOs 李明",
        ] {
            assert_eq!(found(&s, text), Vec::<&str>::new(), "{text}");
        }
        assert_eq!(found(&s, "李明TODO"), ["TODO"]);
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

    /// The matches found in one text: (span, phrase).
    type Found = Vec<(Range<usize>, usize)>;

    /// What each group of `s` finds in each of `texts`.
    fn groups_of<T>(s: &PhraseSet<T>, texts: &[String]) -> Vec<Vec<Found>> {
        texts
            .iter()
            .map(|text| {
                s.find_groups(&Folded::new(text))
                    .into_iter()
                    .map(|g| g.into_iter().map(|m| (m.span, m.index)).collect())
                    .collect()
            })
            .collect()
    }

    /// What `s` finds in each of `texts`.
    fn flat_of<T>(s: &PhraseSet<T>, texts: &[String]) -> Vec<Found> {
        texts
            .iter()
            .map(|text| {
                s.find_iter(text)
                    .into_iter()
                    .map(|m| (m.span, m.index))
                    .collect()
            })
            .collect()
    }

    /// Search `texts` with `s` until it has switched to its faster
    /// automaton; the kind it switched to.
    fn switch<T>(s: &mut PhraseSet<T>, texts: &[String]) -> AhoCorasickKind {
        let bytes: usize = texts.iter().map(String::len).sum();
        // Folded texts can be shorter than the texts.
        let rounds = 2 * s.automata.after / bytes.max(1) + 2;
        for _ in 0..rounds {
            if s.automata.faster.get().is_some() {
                break;
            }
            for text in texts {
                s.find_iter(text);
            }
        }
        let kind = s
            .automata
            .faster
            .get()
            .and_then(|f| f.as_ref().map(AhoCorasick::kind));
        assert_eq!(kind, Some(s.automata.kind));
        s.automata.kind
    }

    /// What `s` finds in each of `texts` searching each way: phrase by
    /// phrase, with the NFA and with the faster automaton.
    fn every_way<T>(s: &PhraseSet<T>, texts: &[String]) -> [Vec<Vec<(usize, usize, usize)>>; 3] {
        let nfa = s.automata.build(AhoCorasickKind::NoncontiguousNFA).unwrap();
        let faster = s.automata.build(s.automata.kind).unwrap();
        [
            Search::PhraseByPhrase,
            Search::With(&nfa),
            Search::With(&faster),
        ]
        .map(|search| {
            texts
                .iter()
                .map(|t| s.candidates_by(&Folded::new(t), search))
                .collect()
        })
    }

    /// `texts` as they are, in capitals and in title case.
    fn with_cases(texts: impl IntoIterator<Item = String>) -> Vec<String> {
        texts
            .into_iter()
            .flat_map(|t| {
                let title: String = t
                    .split(' ')
                    .map(|w| {
                        let mut c = w.chars();
                        c.next()
                            .map(|f| f.to_uppercase().chain(c).collect::<String>())
                            .unwrap_or_default()
                    })
                    .collect::<Vec<_>>()
                    .join(" ");
                [t.to_uppercase(), title, t]
            })
            .collect()
    }

    /// Automata whose ASCII letters match in either case find the same
    /// overlapping matches as each kind (no phrase-by-phrase search), and
    /// switch to the faster one once enough text is searched.
    #[test]
    fn case_insensitive_automata_find_the_same_in_every_kind() {
        let patterns: Vec<String> = ["days", "d", "h", "giorni", "tägig", "TÄGIG", "min", "mins"]
            .map(String::from)
            .to_vec();
        let automata = Automata::ascii_case_insensitive(patterns);
        let texts = with_cases(
            [
                "a few days",
                "48h or 2 d",
                "entro 14 giorni",
                "14-tägige Frist",
                "5 mins, 10 min",
                "hidden dh",
                "",
            ]
            .map(String::from),
        );
        let found = |automaton: &AhoCorasick| -> Vec<Vec<(usize, usize, usize)>> {
            texts
                .iter()
                .map(|t| {
                    automaton
                        .find_overlapping_iter(t.as_str())
                        .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                        .collect()
                })
                .collect()
        };
        let nfa = automata.build(AhoCorasickKind::NoncontiguousNFA).unwrap();
        let faster = automata.build(automata.kind).unwrap();
        assert_eq!(found(&nfa), found(&faster));
        assert!(found(&nfa).iter().flatten().count() > 10);
        assert_eq!(texts[0], "A FEW DAYS");
        assert!(found(&nfa)[0].contains(&(6, 10, 0)), "`days` in capitals");
        // The first search is already with an automaton, the NFA; the
        // faster one once the text searched pays for it.
        let first = automata.automaton(10).unwrap();
        assert_eq!(first.kind(), AhoCorasickKind::NoncontiguousNFA);
        assert_eq!(found(first), found(&faster));
        let later = automata.automaton(automata.after).unwrap();
        assert_eq!(later.kind(), automata.kind);
    }

    #[test]
    fn every_way_of_searching_finds_the_same() {
        // Overlapping phrases, the same phrase twice, in two groups.
        let mut content: Vec<(String, usize)> = [
            "pin",
            "pin code",
            "your pin",
            "code",
            "pin",
            "come già detto",
            "già",
            "detto",
            "perché",
            "l'ordine",
            "istanbul",
            "straße",
            "i̇stanbul",
            "as i've said",
            "!!",
            "a.m.",
            "e-mail",
            "mail",
            "mail address",
            "è",
            "così",
        ]
        .iter()
        .map(|p| p.to_string())
        .chain((0..120).map(|i| format!("filler {i}")))
        .enumerate()
        .map(|(i, p)| (p, i))
        .collect();
        let function = content.split_off(10);
        let mut s = PhraseSet::grouped([content, function]).unwrap();
        let texts = with_cases(
            [
                "your PIN code, your pin codes, spinning pins",
                "Come già detto: già detto, dettò detto",
                "Perché l’ordine è così; perché l'ordine",
                "İstanbul und STRAẞE, i̇stanbul, İSTANBUL",
                "As I’ve said!!! as i've said!! e-mail address, mail address a.m.",
                "filler 1 filler 12 filler 119 filler 1199 filler 12filler 3",
                "ÈÈ è È è_è",
                "",
            ]
            .map(str::to_owned),
        );
        let [by_phrase, nfa, faster] = every_way(&s, &texts);
        assert!(by_phrase.iter().any(|m| m.len() > 3));
        assert_eq!(by_phrase, nfa);
        assert_eq!(by_phrase, faster);
        // The first searches go phrase by phrase, then with the NFA, then
        // with the DFA; what they find stays the same.
        let fresh = s.clone();
        let (groups, flat) = (groups_of(&s, &texts), flat_of(&s, &texts));
        assert!(s.automata.first.get().is_none(), "no NFA for a few texts");
        switch(&mut s, &texts);
        assert!(s.automata.first.get().is_some());
        assert!(fresh.automata.faster.get().is_none());
        assert_eq!(groups_of(&s, &texts), groups);
        assert_eq!(flat_of(&s, &texts), flat);
        // A clone keeps the faster automaton.
        let copy = s.clone();
        assert!(copy.automata.faster.get().is_some());
        assert_eq!(groups_of(&copy, &texts), groups);
    }

    #[test]
    fn a_long_text_or_a_set_of_many_phrases_is_searched_with_an_automaton() {
        let s = set(&["pin", "code"]);
        assert!(matches!(s.automata.pick(100), Search::PhraseByPhrase));
        assert!(matches!(s.automata.pick(NAIVE_BYTES), Search::With(_)));
        let s = set(&["pin", "code"]);
        assert!(matches!(s.automata.pick(NAIVE_BYTES + 1), Search::With(_)));
        let many: Vec<String> = (0..=MAX_NAIVE_PATTERNS).map(|i| format!("w{i}")).collect();
        let s = PhraseSet::new(many.into_iter().zip(0..)).unwrap();
        assert!(matches!(s.automata.pick(10), Search::With(_)));
        assert_eq!(found(&s, "a w7 b w2000"), ["w7", "w2000"]);
    }

    /// Every string in a TOML lexicon, keys and values.

    #[test]
    fn every_way_of_searching_finds_the_same_in_the_builtin_lexicons() {
        let lexicons = [
            crate::lang::builtin::text("blame"),
            crate::lang::builtin::text("text-speak"),
            crate::lang::builtin::text("credential-request"),
            crate::lang::builtin::text("personal-data"),
            crate::lang::builtin::text("register"),
        ];
        // The lexicons' own lines: every phrase in them, next to others.
        let texts = with_cases(lexicons.iter().flat_map(|l| l.lines()).map(str::to_owned));
        let mut sets: Vec<PhraseSet<usize>> = lexicons
            .iter()
            .map(|l| {
                PhraseSet::new(crate::lang::builtin::strings_of(l).into_iter().zip(0..)).unwrap()
            })
            .collect();
        assert!(sets.len() >= 3);
        let mut blame =
            crate::lang::blame::parse(lexicons[0]).expect("built-in blame lexicon is valid");
        let mut speak =
            crate::lang::text_speak::parse(lexicons[1]).expect("built-in text speak is valid");
        fn agree<T>(set: &PhraseSet<T>, texts: &[String]) {
            let [by_phrase, nfa, faster] = every_way(set, texts);
            assert!(by_phrase == nfa && nfa == faster, "the searches differ");
        }
        sets.iter().for_each(|set| agree(set, &texts));
        agree(&blame, &texts);
        agree(&speak, &texts);
        let before = (
            flat_of(&blame, &texts),
            flat_of(&speak, &texts),
            sets.iter().map(|s| flat_of(s, &texts)).collect::<Vec<_>>(),
        );
        assert!(before.0.iter().chain(&before.1).any(|m| m.len() > 1));
        assert_eq!(switch(&mut blame, &texts), AhoCorasickKind::ContiguousNFA);
        assert_eq!(switch(&mut speak, &texts), AhoCorasickKind::DFA);
        sets.iter_mut().for_each(|s| {
            switch(s, &texts);
        });
        let after = (
            flat_of(&blame, &texts),
            flat_of(&speak, &texts),
            sets.iter().map(|s| flat_of(s, &texts)).collect::<Vec<_>>(),
        );
        assert!(after == before, "the faster automata found other matches");
    }

    #[test]
    fn sets_are_send_and_sync() {
        fn check<S: Send + Sync>() {}
        check::<PhraseSet<usize>>();
    }

    /// [`Folded::new`]'s text and the origin of each of its bytes.
    fn folded_by_byte(text: &str) -> (String, Option<Vec<(u32, u32)>>) {
        let f = Folded::new(text);
        let origin = f
            .origin
            .is_some()
            .then(|| (0..f.text.len()).filter_map(|b| f.origin_of(b)).collect());
        (f.text, origin)
    }

    /// [`Folded::new`] as first written, a character at a time.
    fn fold_slowly(text: &str) -> (String, Option<Vec<(u32, u32)>>) {
        let mut folded = String::new();
        let mut origin: Option<Vec<(u32, u32)>> = None;
        for (i, c) in text.char_indices() {
            let range = (i as u32, (i + c.len_utf8()) as u32);
            let fold: Vec<char> = crate::text::fold_char(c).collect();
            if origin.is_none() {
                if let [f] = fold[..]
                    && f.len_utf8() == c.len_utf8()
                {
                    folded.push(f);
                    continue;
                }
                let mut map = Vec::new();
                for (start, ch) in folded.char_indices() {
                    let end = (start + ch.len_utf8()) as u32;
                    map.extend(std::iter::repeat_n((start as u32, end), ch.len_utf8()));
                }
                origin = Some(map);
            }
            let map = origin.as_mut().expect("set above");
            for f in fold {
                folded.push(f);
                map.extend(std::iter::repeat_n(range, f.len_utf8()));
            }
        }
        (folded, origin)
    }

    #[test]
    fn folding_changes_of_length_anywhere() {
        for text in [
            "",
            "A",
            "İ",
            "AİB",
            "Àİ",
            "ẞ",
            "Straẞe",
            "l’ordine",
            "L’ORDINE ÈÀ",
            "ÀÈ’ÌÒ",
            "K\u{212A}k",
            "Ωmega ΣΑΣ",
            "e\u{301}İ\u{301}",
            "😀İ😀",
            "\r\nİ\r\n",
        ] {
            assert_eq!(folded_by_byte(text), fold_slowly(text), "{text:?}");
        }
    }

    proptest! {
        /// Phrases of a few letters from a small alphabet overlap, repeat
        /// and nest in each other and in the texts.
        #[test]
        fn every_way_of_searching_finds_the_same_anywhere(
            phrases in proptest::collection::vec("[abè ’'İ!]{1,4}", 1..12),
            texts in proptest::collection::vec("[abèÈ ’'İ!.]{0,40}", 1..6),
            split in 0usize..12,
        ) {
            let mut phrases: Vec<(String, usize)> = phrases.into_iter().zip(0..).collect();
            let second = phrases.split_off(split.min(phrases.len()));
            let s = PhraseSet::grouped([phrases, second]).unwrap();
            let [by_phrase, nfa, faster] = every_way(&s, &texts);
            prop_assert_eq!(&by_phrase, &nfa);
            prop_assert_eq!(&by_phrase, &faster);
        }

        #[test]
        fn folding_agrees_with_folding_a_character_at_a_time(
            text in proptest::collection::vec(
                prop_oneof![
                    proptest::sample::select(vec![
                        "İ", "ẞ", "’", "‘", "ʼ", "'", "È", "è", "ß", "K", "\u{212A}", "Σ",
                        "ﬀ", "😀", "中", "\r\n", " ", "_", "1",
                    ]).prop_map(str::to_owned),
                    "[a-zA-Z ]{1,4}",
                    "\\PC{1,3}",
                ],
                0..30,
            ).prop_map(|parts| parts.concat())
        ) {
            prop_assert_eq!(folded_by_byte(&text), fold_slowly(&text));
        }
    }
}
