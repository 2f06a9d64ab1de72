//! The pre-screen: whether a reply may state a fact, read from its bytes
//! without tokens. Every fact has a value, and every value is one of: an
//! `@` (an address), `://`, `www.` or a bare link, a run of eight digits or
//! more (a phone number), a number with a unit, a currency, a time mark or
//! a range after it ("14 days", "48h", "€9.90", "9,90 €", "9:00", "9am",
//! "9-18", "9 alle 18"), or a number word or article before a unit ("two
//! weeks", "una settimana"). A reply with none of them is not read
//! further. The words are the lexicon's ([`super::lexicon`]), folded; the
//! screen accepts everything the grammar ([`super::grammar`]) reads, which
//! a property test checks.

use super::lexicon::{LEXICON, Meaning};
use crate::text::phrases::Automata;
use foldhash::HashSet;
use std::sync::LazyLock;

/// The words the screen looks for, folded.
struct Words {
    /// Every word of a unit phrase ("days", "business", "h", "gg").
    units: HashSet<String>,
    /// The stems of unit phrases ("tägig").
    unit_stems: Vec<String>,
    /// The last word of a number phrase, and articles ("two", "una",
    /// "of" of "a couple of").
    counts: HashSet<String>,
    /// Currency names and codes made of letters ("eur", "dollars").
    currencies: HashSet<String>,
    /// Words between two numbers or after a time ("to", "alle", "bis",
    /// "am", "uhr").
    links: HashSet<String>,
    /// The first words of unit phrases, and the stems, found in any case
    /// (ASCII letters by the automata, the others written both ways),
    /// with whether each is a stem. The automata are built as the text searched pays for them:
    /// the DFA a library run scans with would cost a run of two replies
    /// 4.5 M instructions to build, its NFA 0.5 M.
    unit_finder: UnitFinder,
}

/// Automata of the unit words and stems, with whether each is a stem.
struct UnitFinder {
    automata: Automata,
    stems: Vec<bool>,
}

impl UnitFinder {
    fn new(units: &HashSet<String>, unit_stems: &[String]) -> UnitFinder {
        let mut patterns = Vec::new();
        let mut stems = Vec::new();
        let all = units
            .iter()
            .map(|w| (w, false))
            .chain(unit_stems.iter().map(|w| (w, true)));
        for (word, stem) in all {
            patterns.push(word.clone());
            stems.push(stem);
            if !word.is_ascii() {
                let upper: String = word
                    .chars()
                    .flat_map(|c| {
                        let up: Vec<char> = if c.is_ascii() {
                            vec![c]
                        } else {
                            c.to_uppercase().collect()
                        };
                        up
                    })
                    .collect();
                patterns.push(upper);
                stems.push(stem);
            }
        }
        UnitFinder {
            automata: Automata::ascii_case_insensitive(patterns),
            stems,
        }
    }
}

static WORDS: LazyLock<Words> = LazyLock::new(|| {
    let mut units = HashSet::default();
    let mut unit_firsts = HashSet::default();
    let mut unit_stems = Vec::new();
    let mut counts = HashSet::default();
    let mut currencies = HashSet::default();
    let mut links = HashSet::default();
    for (keys, meaning) in LEXICON.phrase_keys() {
        match meaning {
            Meaning::Unit(_) => {
                if let Some(&(first, false)) = keys.first() {
                    unit_firsts.insert(first.to_owned());
                }
                for (key, stem) in keys {
                    if stem {
                        unit_stems.push(key.to_owned());
                    } else {
                        units.insert(key.to_owned());
                    }
                }
            }
            Meaning::Number(_) | Meaning::Article => {
                if let Some((last, _)) = keys.last() {
                    counts.insert((*last).to_owned());
                }
            }
            Meaning::Currency(_) => {
                for (key, _) in keys {
                    if key.chars().all(char::is_alphabetic) {
                        currencies.insert(key.to_owned());
                    }
                }
            }
            Meaning::RangeTo
            | Meaning::RangeAnd
            | Meaning::TimeTo
            | Meaning::Am
            | Meaning::Pm
            | Meaning::OClock => {
                if let Some((first, _)) = keys.first() {
                    links.insert((*first).to_owned());
                }
            }
            _ => {}
        }
    }
    // A count is followed by a unit phrase's first word: the others
    // ("di" of "giorni di calendario", "de" of "días de calendario"),
    // which the automaton would find inside many words, are not looked
    // for after one.
    let unit_finder = UnitFinder::new(&unit_firsts, &unit_stems);
    Words {
        units,
        unit_stems,
        counts,
        currencies,
        links,
        unit_finder,
    }
});

/// Whether `body` may state a fact (see the module's docs).
pub(super) fn may_state_facts(body: &str) -> bool {
    let mut any = false;
    evidence(body, &mut |_| {
        any = true;
        true
    });
    any
}

/// Where `body` has what a value needs (see the module's docs): a byte
/// offset inside each, in no particular order, empty when `body` may
/// state no fact. Every value holds one of them, so a sentence without
/// any states no fact.
pub(super) fn evidence_in(body: &str) -> Vec<usize> {
    let mut out = Vec::new();
    evidence(body, &mut |at| {
        out.push(at);
        false
    });
    out
}

/// Call `found` at each place of `body` that may be part of a value,
/// until it returns `true`.
fn evidence(body: &str, found: &mut dyn FnMut(usize) -> bool) {
    let bytes = body.as_bytes();
    for at in memchr::memchr_iter(b'@', bytes) {
        if found(at) {
            return;
        }
    }
    for at in memchr::memchr_iter(b':', bytes) {
        if bytes[at + 1..].starts_with(b"//") && found(at) {
            return;
        }
    }
    for at in memchr::memchr2_iter(b'w', b'W', bytes) {
        if bytes
            .get(at..at + 4)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"www."))
            && found(at)
        {
            return;
        }
    }
    let words = &*WORDS;
    let mut i = next_digit(bytes, 0);
    // Words folded to be looked up, one at a time.
    let mut buffer = String::with_capacity(if i < bytes.len() { 32 } else { 0 });
    // Digits in the current run of digits and separators (a phone number).
    let mut phone_digits = 0;
    while i < bytes.len() {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        phone_digits += i - start;
        if (phone_digits >= super::items::MIN_PHONE_DIGITS
            || number_may_be_a_value(body, start, i, words, &mut buffer))
            && found(start)
        {
            return;
        }
        // The separators after the digits: another run of digits after
        // them continues a phone number.
        while i < bytes.len() && !bytes[i].is_ascii_digit() && is_separator(bytes, i) {
            i += 1;
        }
        if i < bytes.len() && !bytes[i].is_ascii_digit() {
            phone_digits = 0;
            i = next_digit(bytes, i);
        }
    }
    if super::items::bare_link_starts(body, &mut *found) {
        return;
    }
    counted_units(body, words, found);
}

/// Whether byte `i` may separate the digit groups of a phone number.
fn is_separator(bytes: &[u8], i: usize) -> bool {
    let b = bytes[i];
    matches!(b, b' ' | b'-' | b'.' | b'/' | b'(' | b')' | b'+')
        || (b == 0xC2 && bytes.get(i + 1) == Some(&0xA0))
        || (b == 0xA0 && i > 0 && bytes[i - 1] == 0xC2)
}

/// The first ASCII digit of `bytes` at or after `from`, or the length.
/// Sixteen bytes are tested at a time: most of a reply has no digit.
fn next_digit(bytes: &[u8], from: usize) -> usize {
    const LANES: usize = 16;
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + LANES) {
        let any = chunk
            .iter()
            .fold(false, |any, b| any | (b.wrapping_sub(b'0') < 10));
        if any {
            break;
        }
        i += LANES;
    }
    bytes[i.min(bytes.len())..]
        .iter()
        .position(u8::is_ascii_digit)
        .map_or(bytes.len(), |p| i + p)
}

/// Whether the digits `start..end` may start or end a value: a unit, a
/// currency, a time mark or a range next to them.
fn number_may_be_a_value(
    body: &str,
    start: usize,
    end: usize,
    words: &Words,
    buffer: &mut String,
) -> bool {
    let bytes = body.as_bytes();
    // Before: a currency ("€9", "$ 49", "EUR 5").
    let before = body[..start].trim_end_matches([' ', '\u{a0}']);
    if before.ends_with(['€', '$', '£'])
        || words
            .currencies
            .contains(fold_into(last_word(before), buffer))
    {
        return true;
    }
    // The rest of the number: more digits and separators ("9,90",
    // "3-5", "24/48", "9–18").
    let mut tail = end;
    let mut dash = false;
    while tail < bytes.len() {
        let rest = &body[tail..];
        if let Some(c) = rest.chars().next()
            && (c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '/' | '–'))
        {
            dash |= matches!(c, '-' | '–');
            tail += c.len_utf8();
        } else {
            break;
        }
    }
    // A time ("9:00") or a range of small numbers ("9-18", "3–5").
    if bytes.get(end) == Some(&b':') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
        return true;
    }
    if dash && end - start <= 2 {
        return true;
    }
    // A word glued to it ("48h", "30-day", "9am", "14gg").
    // Items end at apostrophes: "18 h'…" is read as "18 h".
    let glued = first_word(&body[tail..]);
    if [Some(glued), before_apostrophe(glued)]
        .into_iter()
        .flatten()
        .any(|w| !w.is_empty() && unit_or_link(fold_into(w, buffer), words))
    {
        return true;
    }
    // After blanks: a unit, a currency, a time word, or a link word and
    // another number ("3 to 5", "9 alle 18").
    let after = body[tail..].trim_start_matches([' ', '\u{a0}']);
    if after.starts_with(['€', '$', '£', '-', '–']) {
        return true;
    }
    let word = first_word(after);
    if word.is_empty() {
        return false;
    }
    if let Some(head) = before_apostrophe(word) {
        let head = fold_into(head, buffer);
        if unit_or_link(head, words) && !words.links.contains(head) {
            return true;
        }
    }
    let folded: &str = fold_into(word, buffer);
    if unit_or_link(folded, words) && !words.links.contains(folded) {
        return true;
    }
    if words.currencies.contains(folded) || after[word.len()..].starts_with('$') {
        return true;
    }
    // "a.m.", "p.m."
    if (folded == "a" || folded == "p") && after[word.len()..].starts_with(".m") {
        return true;
    }
    words.links.contains(folded)
        && after[word.len()..]
            .bytes()
            .take(9)
            .any(|b| b.is_ascii_digit())
}

/// Whether a folded word is a unit or a word after a time or between two
/// numbers.
fn unit_or_link(folded: &str, words: &Words) -> bool {
    words.units.contains(folded)
        || words.links.contains(folded)
        || words
            .unit_stems
            .iter()
            .any(|s| folded.starts_with(s.as_str()))
}

/// Call `found` at each unit word that follows a number word or an
/// article ("two weeks", "una settimana", "un'ora", "a fortnight"), until
/// it returns `true`; without the automaton, at the start of `body`.
fn counted_units(body: &str, words: &Words, found: &mut dyn FnMut(usize) -> bool) {
    let UnitFinder { automata, stems } = &words.unit_finder;
    let Some(finder) = automata.automaton(body.len()) else {
        found(0);
        return;
    };
    let mut buffer = String::new();
    for m in finder.find_overlapping_iter(body) {
        use crate::text::boundary::is_boundary;
        let whole = is_boundary(body, m.start())
            && (stems[m.pattern().as_usize()] || is_boundary(body, m.end()));
        if !whole {
            continue;
        }
        let before = body[..m.start()]
            .trim_end_matches(|c: char| c.is_whitespace() || c == '\'' || c == '’');
        let start = before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| c.is_alphanumeric() || c == '-')
            .last()
            .map_or(before.len(), |(i, _)| i);
        if words
            .counts
            .contains(fold_into(&before[start..], &mut buffer))
            && found(m.start())
        {
            return;
        }
    }
}

/// The letters (and inner apostrophes, hyphens) that open `text`.
fn first_word(text: &str) -> &str {
    let end = text
        .char_indices()
        .find(|&(_, c)| !(c.is_alphabetic() || c == '\'' || c == '’'))
        .map_or(text.len(), |(i, _)| i);
    &text[..end]
}

/// The letters of `word` before its first apostrophe, if it has one.
fn before_apostrophe(word: &str) -> Option<&str> {
    word.find(['\'', '’']).map(|i| &word[..i])
}

/// The letters that end `text`.
fn last_word(text: &str) -> &str {
    let start = text
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphabetic())
        .last()
        .map_or(text.len(), |(i, _)| i);
    &text[start..]
}

/// `word` folded into `buffer`.
fn fold_into<'b>(word: &str, buffer: &'b mut String) -> &'b str {
    buffer.clear();
    if word.is_ascii() {
        buffer.push_str(word);
        buffer.make_ascii_lowercase();
    } else {
        buffer.extend(word.chars().flat_map(crate::text::fold_char));
    }
    buffer
}
