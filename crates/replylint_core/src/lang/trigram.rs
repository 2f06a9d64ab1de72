//! A fast, exact re-implementation of `whatlang`'s default detection
//! (`Method::Combined`) restricted to an allowlist of our six languages.
//!
//! [`Engine::detect`] returns exactly what
//! `whatlang::Detector::with_allowlist(..).detect(text)` returns (mapped to
//! [`Language`]): the same language and the bit-identical confidence. It
//! follows whatlang 0.18.0 step by step:
//!
//! - the script decision is whatlang's own ([`whatlang::detect_script`],
//!   short-cut when every non-stop char is Latin); only Latin can give one
//!   of our languages (every other script gives a language outside the
//!   allowlist, or none), so anything else is `None`;
//! - the text is lower-cased as `str::to_lowercase` does (char by char,
//!   except that text with a capital sigma goes through `to_lowercase`
//!   itself, for its final-sigma rule);
//! - alphabet scores (`alphabets/common.rs`, `alphabets/latin.rs`): over
//!   the non-stop characters, +1 per character in a language's alphabet,
//!   −1 otherwise, floored at 0, over the character count; a character in
//!   the alphabets of all 37 Latin languages counts for every language;
//! - trigram scores (`trigrams/utils.rs`, `trigrams/detection.rs`): the
//!   text's trigrams ranked by (count, trigram) descending, cut at 600; a
//!   language's distance is the sum over its 300 profile trigrams of the
//!   rank difference (300 when absent), less 300 per missing text trigram
//!   below 300, clamped to 90 000;
//! - both mixed with `calc_alphabet_weight`, sorted as whatlang sorts
//!   (same std sorts, same input order, so ties go the same way), and the
//!   confidence of `core/confidence.rs`.
//!
//! What makes it faster: the six profiles are one static hash table from
//! trigram to its rank in each profile, so the text's (at most 600) ranked
//! trigrams are looked up once for all candidates, instead of 300 SipHash
//! look-ups per candidate; one pass over the text counts its letters by
//! alphabet class and its trigrams in an open-addressing table (a
//! multiplicative hash), and the distinct trigrams are ranked by sorting
//! them packed in `u64`s; buffers are reused across calls (no allocation
//! per call, unless the text has a capital sigma).
//!
//! The trigram profiles and the Latin alphabets below are copied from the
//! `whatlang` crate, version 0.18.0 (`src/trigrams/profiles.rs`,
//! `src/alphabets/latin.rs`, <https://github.com/greyblake/whatlang-rs>),
//! © Sergey Potapov, MIT licence.

use super::Language;
use std::cell::RefCell;
use std::cmp::{Ordering, Reverse};
use std::sync::LazyLock;
use whatlang::{Lang, Script};

/// Maximum distance of one trigram between a profile and the text.
const MAX_TRIGRAM_DISTANCE: u32 = 300;
/// 300 trigrams at the maximum distance.
const MAX_TOTAL_DISTANCE: u32 = MAX_TRIGRAM_DISTANCE * MAX_TRIGRAM_DISTANCE;
/// Text trigrams kept (the most frequent ones).
const TEXT_TRIGRAMS_SIZE: usize = 600;
/// Marks a trigram absent from a profile.
const NO_RANK: i16 = -1;
/// Bits of the code of a char of the profiles (see [`Tables::code`]).
const CODE_BITS: u32 = 7;
/// Slots of the profile hash table (≤ 1800 trigrams).
const PROFILE_SLOTS: usize = 4096;
/// Distinct alphabet classes (per-language weight vectors) at most.
const MAX_CLASSES: usize = 64;
/// Characters below this code point have their alphabet class in a table.
const LOW_CHARS: usize = 0x300;
/// The alphabet "class" of stop chars.
const STOP: u8 = u8::MAX;
/// Text chars all below `1 << COMPACT_BITS` (all of Latin, Greek, Cyrillic,
/// Hebrew, Arabic...): trigrams ranked as `u64`s rather than `u128`s.
const COMPACT_BITS: u32 = 11;

/// whatlang's combined detection, restricted to `candidates`, for
/// Latin-script text.
#[derive(Debug, Clone)]
pub struct Engine {
    /// The candidates in the order whatlang scores them:
    /// `Script::Latin.langs()` filtered by the allowlist.
    order: Vec<Language>,
}

impl Engine {
    /// An engine choosing among `candidates` (expected sorted, deduplicated
    /// and non-empty; with none, [`Engine::detect`] always says `None`, as
    /// whatlang does with an empty allowlist).
    pub fn new(candidates: &[Language]) -> Self {
        let order = Script::Latin
            .langs()
            .iter()
            .filter_map(|&lang| from_whatlang(lang))
            .filter(|language| candidates.contains(language))
            .collect();
        // The tables are built on the first detection that needs them: a
        // draft whose function words settle its language never does.
        Engine { order }
    }

    /// Same as `whatlang::Detector::with_allowlist(candidates mapped)
    /// .detect(text)` mapped to our [`Language`]: `None` when whatlang
    /// returns `None` or a language outside our six. Returns (language,
    /// confidence).
    ///
    /// (Exact for texts with fewer than 2³² characters.)
    pub fn detect(&self, text: &str) -> Option<(Language, f64)> {
        if self.order.is_empty() || !is_latin_main(text) {
            return None;
        }
        SCRATCH.with(|scratch| self.detect_latin(text, &mut scratch.borrow_mut()))
    }

    fn detect_latin(&self, text: &str, scratch: &mut Scratch) -> Option<(Language, f64)> {
        let tables = &*TABLES;
        let profile = profile_text(text, tables, scratch);
        let letters = profile.letters;
        let text_trigrams = profile.trigrams;

        // Alphabet raw scores, in whatlang's order, sorted as whatlang does.
        let mut lang_raw = [0usize; 6];
        for (class, &count) in profile.class_counts.iter().enumerate() {
            if count > 0 {
                let weights = &tables.class_weights[class];
                for (raw, &weight) in lang_raw.iter_mut().zip(weights) {
                    *raw += 2 * count * weight as usize;
                }
            }
        }
        let k = self.order.len();
        let mut alphabet = [(Language::En, 0usize); 6];
        for (slot, &language) in alphabet.iter_mut().zip(&self.order) {
            *slot = (
                language,
                lang_raw[language as usize].saturating_sub(letters),
            );
        }
        let alphabet = &mut alphabet[..k];
        alphabet.sort_unstable_by_key(|&(_, score)| Reverse(score));

        // Trigram scores.
        let count = text_trigrams as u32;
        let max_distance = count * MAX_TRIGRAM_DISTANCE;
        let trigram_score = |language: Language| -> f64 {
            let l = language as usize;
            // whatlang's sum of 300 non-negative terms: exact in i64 and
            // non-negative, so the conversion is lossless.
            let sum = i64::from(tables.profile_len[l] * MAX_TRIGRAM_DISTANCE)
                + i64::from(profile.deltas[l]);
            let mut distance = u32::try_from(sum).expect("a sum of distances is non-negative");
            if MAX_TRIGRAM_DISTANCE > count {
                // Cannot underflow: at least 300 − count profile trigrams
                // are missing from the text, each at distance 300. Wrapping
                // as release-mode whatlang would, regardless.
                let delta = MAX_TRIGRAM_DISTANCE - count;
                distance = distance.wrapping_sub(delta * MAX_TRIGRAM_DISTANCE);
            }
            let distance = distance.clamp(0, MAX_TOTAL_DISTANCE);
            // Cannot underflow either (distance ≤ max_distance).
            let similarity = max_distance.wrapping_sub(distance);
            similarity as f64 / max_distance as f64
        };

        // Combined scores, in the alphabet order, sorted as whatlang does.
        let alphabet_weight = calc_alphabet_weight(letters);
        let trigram_weight = 1.0 - alphabet_weight;
        let mut scores = [(Language::En, 0.0f64); 6];
        for (slot, &(language, raw)) in scores.iter_mut().zip(alphabet.iter()) {
            let a = raw as f64 / letters as f64;
            let t = trigram_score(language);
            *slot = (language, a * alphabet_weight + t * trigram_weight);
        }
        let scores = &mut scores[..k];
        scores.sort_unstable_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(Ordering::Less));

        let (language, score1) = scores[0];
        let confidence = match scores.get(1) {
            Some(&(_, score2)) => calculate_confidence(score1, score2, text_trigrams),
            None => 1.0,
        };
        Some((language, confidence))
    }
}

/// Whether whatlang's main script of `text` is Latin. When every non-stop
/// char is Latin (pure ASCII text: letters, and DEL which is no script),
/// whatlang counts them all for Latin, checked first, so the answer is
/// whether there is one; otherwise whatlang decides.
fn is_latin_main(text: &str) -> bool {
    if text.is_ascii() {
        return text.bytes().any(|b| b.is_ascii_alphabetic());
    }
    let mut latin = false;
    for ch in text.chars() {
        if ch.is_ascii() {
            // A letter, or DEL (no script), or a stop char.
            latin |= ch.is_ascii_alphabetic();
            continue;
        }
        if !is_latin(ch) {
            return whatlang::detect_script(text) == Some(Script::Latin);
        }
        latin = true;
    }
    latin
}

/// whatlang's `scripts::chars::is_latin`.
#[inline]
fn is_latin(ch: char) -> bool {
    matches!(ch,
        'a'..='z'
        | 'A'..='Z'
        | '\u{0080}'..='\u{00FF}'
        | '\u{0100}'..='\u{017F}'
        | '\u{0180}'..='\u{024F}'
        | '\u{0250}'..='\u{02AF}'
        | '\u{1D00}'..='\u{1D7F}'
        | '\u{1D80}'..='\u{1DBF}'
        | '\u{1E00}'..='\u{1EFF}'
        | '\u{2100}'..='\u{214F}'
        | '\u{2C60}'..='\u{2C7F}'
        | '\u{A720}'..='\u{A7FF}'
        | '\u{AB30}'..='\u{AB6F}'
    )
}

fn to_whatlang(language: Language) -> Lang {
    match language {
        Language::En => Lang::Eng,
        Language::It => Lang::Ita,
        Language::Es => Lang::Spa,
        Language::Fr => Lang::Fra,
        Language::De => Lang::Deu,
        Language::Pt => Lang::Por,
    }
}

fn from_whatlang(lang: Lang) -> Option<Language> {
    Language::ALL.into_iter().find(|&l| to_whatlang(l) == lang)
}

/// whatlang's `utils::is_stop_char`: space, punctuation or digit.
#[inline]
fn is_stop_char(ch: char) -> bool {
    matches!(ch, '\u{0000}'..='\u{0040}' | '\u{005B}'..='\u{0060}' | '\u{007B}'..='\u{007E}')
}

/// whatlang's `combined::calc_alphabet_weight`.
fn calc_alphabet_weight(count: usize) -> f64 {
    let weight = -(count as f64 / 300.0) + 2.0 / 3.0;
    weight.clamp(1.0 / 3.0, 2.0 / 3.0)
}

/// whatlang's `core::confidence::calculate_confidence`.
fn calculate_confidence(highest_score: f64, second_score: f64, count: usize) -> f64 {
    if highest_score == 0.0 {
        return 0.0;
    }
    if second_score == 0.0 {
        return highest_score;
    }
    let confident_rate = (3.0 / count as f64) + 0.015;
    let rate = (highest_score - second_score) / second_score;
    if rate > confident_rate {
        1.0
    } else {
        rate / confident_rate
    }
}

/// A trigram as one integer: 21 bits per char, so that the integer order is
/// the order of whatlang's `Trigram` (derived `Ord` on its three chars).
/// Never 0 (a counted trigram has a non-space middle char).
#[inline]
fn trigram_key(c1: char, c2: char, c3: char) -> u64 {
    (u64::from(c1) << 42) | (u64::from(c2) << 21) | u64::from(c3)
}

/// Fibonacci hashing of a trigram key to `bits` bits.
#[inline]
fn hash(key: u64, bits: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
}

/// Buffers reused across calls.
#[derive(Default)]
struct Scratch {
    /// Open-addressing table counting the text's trigrams: (key, count),
    /// key 0 for an empty slot; a power of two long, at most half full, and
    /// all empty between calls.
    table: Vec<(u64, u32)>,
    /// Slots of `table` in use.
    used: Vec<u32>,
    /// The distinct trigrams as `count << 33 | c1 << 22 | c2 << 11 | c3`
    /// (when the chars allow it).
    ranked: Vec<u64>,
    /// The distinct trigrams as `count << 64 | key` (otherwise).
    ranked_wide: Vec<u128>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Scratch {
    #[inline(always)]
    fn count(&mut self, key: u64) {
        if 2 * self.used.len() >= self.table.len() {
            self.grow();
        }
        let bits = self.table.len().trailing_zeros();
        let mask = self.table.len() - 1;
        let mut i = hash(key, bits);
        loop {
            let slot = &mut self.table[i];
            if slot.0 == key {
                slot.1 += 1;
                return;
            }
            if slot.0 == 0 {
                *slot = (key, 1);
                self.used.push(i as u32);
                return;
            }
            i = (i + 1) & mask;
        }
    }

    #[cold]
    fn grow(&mut self) {
        let size = (2 * self.table.len()).max(256);
        let old = std::mem::replace(&mut self.table, vec![(0, 0); size]);
        let bits = size.trailing_zeros();
        self.used.clear();
        for entry in old.into_iter().filter(|e| e.0 != 0) {
            let mut i = hash(entry.0, bits);
            while self.table[i].0 != 0 {
                i = (i + 1) & (size - 1);
            }
            self.table[i] = entry;
            self.used.push(i as u32);
        }
    }
}

/// What detection needs to know of a text.
struct TextProfile {
    /// Non-stop characters of the lower-cased text (whatlang's alphabet
    /// `count`).
    letters: usize,
    /// Non-stop characters per alphabet class.
    class_counts: [usize; MAX_CLASSES],
    /// Distinct trigrams kept (at most 600; whatlang's `trigrams_count`).
    trigrams: usize,
    /// Per language (index `Language as usize`): sum over the kept text
    /// trigrams found in its profile of (|text rank − profile rank| − 300).
    deltas: [i32; 8],
}

/// The pass over the lower-cased chars: alphabet counts and trigrams, as
/// whatlang's `generic_alphabet_calculate_scores` and `trigrams::utils::count`.
struct Pass<'a> {
    tables: &'a Tables,
    scratch: &'a mut Scratch,
    class_counts: [usize; MAX_CLASSES],
    /// Bitwise or of the trigram chars.
    chars: u32,
    c1: char,
    c2: char,
}

impl Pass<'_> {
    #[inline(always)]
    fn push(&mut self, ch: char) {
        let class = self.tables.class_of(ch);
        let c3 = if class == STOP {
            ' '
        } else {
            self.class_counts[usize::from(class) % MAX_CLASSES] += 1;
            ch
        };
        if !(self.c2 == ' ' && (self.c1 == ' ' || c3 == ' ')) {
            self.scratch.count(trigram_key(self.c1, self.c2, c3));
        }
        self.chars |= u32::from(c3);
        self.c1 = self.c2;
        self.c2 = c3;
    }
}

fn profile_text(text: &str, tables: &Tables, scratch: &mut Scratch) -> TextProfile {
    // Empty unless a previous call panicked half-way.
    for &slot in &scratch.used {
        scratch.table[slot as usize] = (0, 0);
    }
    scratch.used.clear();
    // whatlang starts with c1 = ' ' and c2 = the first char; starting with
    // c2 = ' ' as well only adds the step (' ', ' ', first), never counted.
    let mut pass = Pass {
        tables,
        scratch,
        class_counts: [0; MAX_CLASSES],
        chars: 0,
        c1: ' ',
        c2: ' ',
    };
    if text.is_ascii() {
        for b in text.bytes() {
            pass.push(char::from(b.to_ascii_lowercase()));
        }
    } else if text.contains('Σ') {
        // `str::to_lowercase` maps a capital sigma by its context.
        for ch in text.to_lowercase().chars() {
            pass.push(ch);
        }
    } else {
        // Otherwise `str::to_lowercase` is `char::to_lowercase` of each char.
        for ch in text.chars() {
            if ch.is_ascii() {
                pass.push(ch.to_ascii_lowercase());
            } else {
                for lower in ch.to_lowercase() {
                    pass.push(lower);
                }
            }
        }
    }
    // The space whatlang chains at the end: with c3 = ' ', its condition
    // reduces to c2 != ' '.
    if pass.c2 != ' ' {
        pass.scratch.count(trigram_key(pass.c1, pass.c2, ' '));
    }
    let Pass {
        class_counts,
        chars,
        ..
    } = pass;
    let letters = class_counts.iter().sum();

    // Rank by count, then trigram, descending (whatlang's
    // `trigram_occurances_to_positions`), keeping 600, and sum the rank
    // differences with the profiles.
    let Scratch {
        table,
        used,
        ranked,
        ranked_wide,
    } = scratch;
    let mut deltas = [0i32; 8];
    let trigrams = if chars < 1 << COMPACT_BITS && text.len() < 1 << 30 {
        // (count, c1, c2, c3) in 31 + 3 × 11 bits.
        const BITS: u32 = COMPACT_BITS;
        const CHAR: u64 = (1 << BITS) - 1;
        ranked.clear();
        for &slot in used.iter() {
            let (key, count) = std::mem::take(&mut table[slot as usize]);
            let compact = (key >> 42) << (2 * BITS) | (key >> 21 & CHAR) << BITS | (key & CHAR);
            ranked.push(u64::from(count) << (3 * BITS) | compact);
        }
        keep_top_sorted(ranked);
        for (n, &packed) in ranked.iter().rev().enumerate() {
            let c1 = (packed >> (2 * BITS) & CHAR) as u32;
            let c2 = (packed >> BITS & CHAR) as u32;
            let c3 = (packed & CHAR) as u32;
            add_distances(&mut deltas, tables, n, [c1, c2, c3]);
        }
        ranked.len()
    } else {
        ranked_wide.clear();
        for &slot in used.iter() {
            let (key, count) = std::mem::take(&mut table[slot as usize]);
            ranked_wide.push(u128::from(count) << 64 | u128::from(key));
        }
        keep_top_sorted(ranked_wide);
        for (n, &packed) in ranked_wide.iter().rev().enumerate() {
            let key = packed as u64;
            let chars = [key >> 42, key >> 21 & 0x1F_FFFF, key & 0x1F_FFFF].map(|c| c as u32);
            add_distances(&mut deltas, tables, n, chars);
        }
        ranked_wide.len()
    };
    used.clear();
    if table.len() > 1 << 16 {
        // Do not keep a huge text's buffers.
        *scratch = Scratch::default();
    }
    TextProfile {
        letters,
        class_counts,
        trigrams,
        deltas,
    }
}

/// Keeps the 600 greatest of distinct `items`, sorted in ascending order.
fn keep_top_sorted<T: Ord>(items: &mut Vec<T>) {
    if items.len() > TEXT_TRIGRAMS_SIZE {
        let cut = items.len() - TEXT_TRIGRAMS_SIZE;
        items.select_nth_unstable(cut);
        items.drain(..cut);
    }
    items.sort_unstable();
}

/// Adds the distance terms of the text trigram of `chars` at rank `n`
/// (below 600: the terms are within ±300, their sums within ±180 000).
#[inline(always)]
fn add_distances(deltas: &mut [i32; 8], tables: &Tables, n: usize, chars: [u32; 3]) {
    if let Some(ranks) = tables.ranks_of(chars) {
        let n = n as i32;
        for (delta, &rank) in deltas.iter_mut().zip(ranks) {
            let term = (n - i32::from(rank)).abs() - MAX_TRIGRAM_DISTANCE as i32;
            *delta += if rank == NO_RANK { 0 } else { term };
        }
    }
}

/// The static tables: profiles and alphabets.
struct Tables {
    /// Open-addressing hash table of the profiles' trigrams: (their chars'
    /// codes as `code1 << 14 | code2 << 7 | code3`, index in `ranks`), key 0
    /// for an empty slot.
    slots: Box<[(u32, u32)]>,
    /// The code of each char below 256 of the profiles (1, 2...), 0 for
    /// the others.
    low_code: [u8; 256],
    /// The code of the other chars of the profiles.
    other_code: Vec<(u32, u8)>,
    /// Per profile trigram, its rank in each profile (index `Language as
    /// usize`, two lanes of padding), or [`NO_RANK`].
    ranks: Vec<[i16; 8]>,
    /// Length of each profile (300).
    profile_len: [u32; 6],
    /// Alphabet class of each char below [`LOW_CHARS`], or [`STOP`].
    low_class: Box<[u8]>,
    /// Alphabet class of the other chars of the Latin alphabets, by char.
    other_class: Box<[(char, u8)]>,
    /// Per class, how many times each of our languages counts a char of
    /// the class (a char common to all Latin languages counts once for all).
    class_weights: Box<[[u8; 6]]>,
}

impl Tables {
    /// The code of a char of the profiles, 0 for a char in none.
    #[inline(always)]
    fn code(&self, c: u32) -> u32 {
        match self.low_code.get(c as usize) {
            Some(&code) => u32::from(code),
            None => self
                .other_code
                .iter()
                .find(|&&(ch, _)| ch == c)
                .map_or(0, |&(_, code)| u32::from(code)),
        }
    }

    /// The profile table key of a trigram, if its chars are all in the
    /// profiles.
    #[inline(always)]
    fn profile_key(&self, chars: [u32; 3]) -> Option<u32> {
        let [a, b, c] = chars.map(|c| self.code(c));
        (a != 0 && b != 0 && c != 0).then_some(a << (2 * CODE_BITS) | b << CODE_BITS | c)
    }

    #[inline(always)]
    fn profile_slot(key: u32) -> usize {
        (key.wrapping_mul(0x9E37_79B9) >> (32 - PROFILE_SLOTS.trailing_zeros())) as usize
    }

    /// The ranks in each profile of the trigram of `chars`, when it is in
    /// one.
    #[inline(always)]
    fn ranks_of(&self, chars: [u32; 3]) -> Option<&[i16; 8]> {
        let key = self.profile_key(chars)?;
        let mut i = Self::profile_slot(key);
        loop {
            match self.slots[i % PROFILE_SLOTS] {
                (0, _) => return None,
                (k, index) if k == key => return self.ranks.get(index as usize),
                _ => i = (i + 1) % PROFILE_SLOTS,
            }
        }
    }

    /// The alphabet class of `ch`, or [`STOP`] for a stop char.
    #[inline(always)]
    fn class_of(&self, ch: char) -> u8 {
        let c = ch as usize;
        if c < LOW_CHARS {
            self.low_class[c]
        } else {
            match self.other_class.binary_search_by_key(&ch, |&(c, _)| c) {
                Ok(i) => self.other_class[i].1,
                Err(_) => 0,
            }
        }
    }

    fn build() -> Self {
        // Profiles.
        let mut profile_len = [0u32; 6];
        let mut tables = Tables {
            slots: vec![(0, 0); PROFILE_SLOTS].into_boxed_slice(),
            low_code: [0; 256],
            other_code: Vec::new(),
            ranks: Vec::new(),
            profile_len,
            low_class: Box::new([]),
            other_class: Box::new([]),
            class_weights: Box::new([]),
        };
        // The distinct chars of the profiles, in order: those below 256
        // marked in a table (nearly all of them), the others sorted.
        let mut low = [false; 256];
        let mut other: Vec<char> = Vec::new();
        for c in profiles::PROFILES.iter().flat_map(|(_, p)| p.chars()) {
            match low.get_mut(c as usize) {
                Some(seen) => *seen = true,
                None => other.push(c),
            }
        }
        low[usize::from(b'|')] = false;
        other.sort_unstable();
        other.dedup();
        let profile_chars: Vec<char> = (0..=255u8)
            .filter(|&b| low[usize::from(b)])
            .map(char::from)
            .chain(other)
            .collect();
        assert!(profile_chars.len() < 1 << CODE_BITS);
        for (code, c) in (1..).zip(profile_chars) {
            match tables.low_code.get_mut(c as usize) {
                Some(slot) => *slot = code,
                None => tables.other_code.push((u32::from(c), code)),
            }
        }
        for (language, profile) in profiles::PROFILES {
            let l = language as usize;
            let trigrams = profile.split_terminator('|');
            for (rank, trigram) in trigrams.enumerate() {
                let mut each = trigram.chars().map(u32::from);
                let chars = [each.next(), each.next(), each.next(), each.next()];
                let [Some(a), Some(b), Some(c), None] = chars else {
                    panic!("{trigram:?} is not three chars");
                };
                let chars = [a, b, c];
                let key = tables.profile_key(chars).expect("chars of a profile");
                assert_ne!(key, 0);
                let mut i = Self::profile_slot(key);
                while tables.slots[i].0 != 0 && tables.slots[i].0 != key {
                    i = (i + 1) % PROFILE_SLOTS;
                }
                if tables.slots[i].0 == 0 {
                    let index = u32::try_from(tables.ranks.len()).expect("few trigrams");
                    tables.slots[i] = (key, index);
                    tables.ranks.push([NO_RANK; 8]);
                }
                let ranks = &mut tables.ranks[tables.slots[i].1 as usize];
                assert_eq!(ranks[l], NO_RANK, "duplicate trigram {trigram:?}");
                ranks[l] = i16::try_from(rank).expect("rank fits");
                profile_len[l] += 1;
            }
        }
        tables.profile_len = profile_len;

        // Alphabets, as whatlang's `build_inverted_map` and
        // `generic_alphabet_calculate_scores` use them.
        let script_langs = Script::Latin.langs().len();
        let mut chars: Vec<(char, Vec<Lang>)> = Vec::new();
        let mut index: std::collections::HashMap<char, usize> = std::collections::HashMap::new();
        for &(lang, alphabet) in alphabets::LATIN_ALPHABETS {
            for c in alphabet.chars() {
                let i = *index.entry(c).or_insert_with(|| {
                    chars.push((c, Vec::new()));
                    chars.len() - 1
                });
                chars[i].1.push(lang);
            }
        }
        chars.sort_unstable_by_key(|(c, _)| *c);
        let mut classes: Vec<[u8; 6]> = vec![[0; 6]];
        let mut low_class = vec![0u8; LOW_CHARS];
        let mut other_class = Vec::new();
        for (c, langs) in chars {
            let weights = if langs.len() == script_langs {
                [1; 6]
            } else {
                Language::ALL.map(|language| {
                    let lang = to_whatlang(language);
                    let n = langs.iter().filter(|&&l| l == lang).count();
                    u8::try_from(n).expect("few repeats")
                })
            };
            let class = match classes.iter().position(|&w| w == weights) {
                Some(class) => class,
                None => {
                    classes.push(weights);
                    classes.len() - 1
                }
            };
            let class = u8::try_from(class).expect("few classes");
            if (c as usize) < LOW_CHARS {
                low_class[c as usize] = class;
            } else {
                other_class.push((c, class));
            }
        }
        assert!(classes.len() <= MAX_CLASSES, "{} classes", classes.len());
        // whatlang skips stop chars before looking at alphabets.
        for (c, class) in low_class.iter_mut().enumerate() {
            if is_stop_char(char::from_u32(c as u32).expect("a char")) {
                *class = STOP;
            }
        }
        tables.low_class = low_class.into_boxed_slice();
        tables.other_class = other_class.into_boxed_slice();
        tables.class_weights = classes.into_boxed_slice();
        tables
    }
}

static TABLES: LazyLock<Tables> = LazyLock::new(Tables::build);

/// The trigram profiles of whatlang 0.18.0 (`src/trigrams/profiles.rs`,
/// MIT licence), most frequent first, each trigram followed by `|`.
mod profiles {
    use super::Language;

    pub(super) const PROFILES: [(Language, &str); 6] = [
        (Language::En, ENG_TRIGRAMS),
        (Language::It, ITA_TRIGRAMS),
        (Language::Es, SPA_TRIGRAMS),
        (Language::Fr, FRA_TRIGRAMS),
        (Language::De, DEU_TRIGRAMS),
        (Language::Pt, POR_TRIGRAMS),
    ];

    const ENG_TRIGRAMS: &str = concat!(
        " th|the| an|he |nd |and|ion| of|of |tio| to|to |",
        "on | in|al |ati|igh|ght|rig| ri|or |ent|as |ed |",
        "is |ll |in | be|e r|ne |one|ver|all|s t|eve|t t|",
        " fr|s a| ha| re|ty |ery| or|d t| pr|ht | co| ev|",
        "e h|e a|ng |ts |his|ing|be |yon| sh|ce |ree|fre|",
        "ryo|n t|her|men|nat|sha|pro|nal|y a|has|es |for|",
        " hi|hal|f t|n a|n o|nt | pe|s o| fo|d i|nce|er |",
        "ons|res|e s|ect|ity|ly |l b|ry |e e|ers|e i|an |",
        "e o| de|cti|dom|edo|eed|hts|ter|ona|re | no| wh|",
        " a | un|d f| as|ny |l a|e p|ere| en| na| wi|nit|",
        "nte|d a|any|ted| di|ns |sta|th |per|ith|e t|st |",
        "e c|y t|om |soc| ar|ch |t o|d o|nti|s e|equ|ve |",
        "oci|man| fu|ote|oth|ess| al| ac|wit|ial| ma|uni|",
        " se|rea| so| on|lit|int|r t|y o|enc|thi|ual|t a|",
        " eq|tat|qua|ive| st|ali|e w|l o|are|f h|con|te |",
        "led| is|und|cia|e f|le | la|y i|uma|by | by|hum|",
        "f a|ic | hu|ave|ge |r a| wo|o a|ms |com| me|eas|",
        "s d|tec| li|n e|en |rat|tit|ple|whe|ate|o t|s r|",
        "t f|rot| ch|cie|dis|age|ary|o o|anc|eli|no | fa|",
        " su|son|inc|at |nda|hou|wor|t i|nde|rom|oms| ot|",
        "g t|eme|tle|iti|gni|s w|itl|duc|d w|whi|act|hic|",
        "aw |law| he|ich|min|imi|ort|o s|se |e b|ntr|tra|",
        "edu|oun|tan|e d|nst|l p|d n|ld |nta|s i|ble|n p|",
        " pu|n s| at|ily|rth|tho|ful|ssi|der|o e|cat|uca|",
        "unt|ien| ed|o p|h a|era|ind|pen|sec|n w|omm|r s|",
    );
    const ITA_TRIGRAMS: &str = concat!(
        " di|to | de|ion| in|la |e d|di |ne | e |zio|re |",
        "le |ni |ell|one|lla|rit|a d|o d|del|itt|iri|dir|",
        " co|ti |ess|ent| al|azi|tto|te |i d|i i|ere|tà |",
        " pr|ndi|e l|ale|o a|ind|e e|e i|gni|nte|con|i e|",
        "li |a s| un|men|ogn| ne|uo | og|idu|e a|ivi|duo|",
        "vid| es|tti| ha|div| li|a p|no |all|pro|za |ato|",
        "per|sse|ser| so|i s| la| su|e p| pe|ibe|na |a l|",
        " il|ber|e n|il |ali|lib|ha |che|in |o s|e s| qu|",
        "o e|ia |e c| ri|nza|ta |nto|he |oni|o i| o |sta|",
        "o c|nel| a |o p|naz|e o|so | po|o h|gli|i u|ond|",
        "i c|ers|ame|i p|lle|un |era|ri |ver|ro |el |una|",
        "a c| ch|ert|ua |i a|ssi|rtà|a e|ei |dis|ant| l |",
        "tat|a a|ona|ual| le|ità|are|ter| ad|nit| da|pri|",
        "dei|à e|cia| st| si|nal|est|tut|ist|com|uni| ed|",
        "ono| na|sua|al |si |anz| pa| re|raz|gua|ita|res|",
        "der|soc|man|o o|ad |i o|ese|que|enz|ed | se|io |",
        "ett|on | tu|dic|à d|sia|i r|rso|oci|rio|ari|qua|",
        "ial|pre|ich|rat|ien|tra|ani|uma|se |ll |eri|a n|",
        "o n| um|do |ara|a t|zza|er |tri|att|ico|pos|sci|",
        "i l|son|nda|par|e u|fon| fo|nti|uzi|str|utt|ati|",
        "sen|int|nes|iar| i |hia|n c|sti|chi|ann|ra | eg|",
        "egu|isp|bil|ont|a r| no|rop| me|opr|ost| ma|ues|",
        "ica|sso|tal|cie|sun|lit|ore|ina|ite|tan| ra|non|",
        "gio|d a|e r|dev|i m|l i|ezz|izi| cu|nno|rà |a i|",
        "tta|ria|lia|cos|ssu|dal|l p| as|ass|opo|ve |eve|",
    );
    const SPA_TRIGRAMS: &str = concat!(
        " de|os |de | la|la | y | a |es |ón |ión|rec|ere|",
        "der| co|e l|el |en |ien|cho|ent|ech|ció|aci|o a|",
        "a p| el|a l|al |as |e d| en|na |ona|s d|da |nte|",
        " to|ad |ene|con| pr| su|tod| se|ho |los| pe|per|",
        "ers| lo|o d| ti|cia|n d|cio| es|ida|res|a t|tie|",
        "ion|rso|te |do | in|son| re| li|to |dad|tad|e s|",
        "est|pro|que|men| po|a e|oda|nci| qu| un|ue |ne |",
        "n e|s y|lib|su | na|s e|nac|ia |e e|tra| pa|or |",
        "ado|a d|nes|ra |se |ual|a c|er |por|com|nal|rta|",
        "a s|ber| o |one|s p|dos|rá |sta|les|des|ibe|ser|",
        "era|ar |ert|ter| di|ale|l d|nto|hos|del|ica|a a|",
        "s n|n c|oci|imi|io |o e|re |y l|e c|ant|cci| as|",
        "las|par|ame| cu|ici|ara|enc|s t|ndi| so|o s|mie|",
        "tos|una|bre|dic|cla|s l|e a|l p|pre|ntr|o t|ial|",
        "y a|nid|n p|a y|man|omo|so |n l| al|ali|s a|no |",
        " ig|s s|e p|nta|uma|ten|gua|ade|y e|soc|mo | fu|",
        "igu|o p|n t|hum|d d|ran|ria|y d|ada|tiv|l e|cas|",
        " ca|vid|l t|s c|ido|das|dis|s i| hu|s o|nad|fun|",
        " ma|rac|nda|eli|sar|und| ac|uni|mbr|a u|die|e i|",
        "qui|a i| ha|lar| tr|odo|ca |tic|o y|cti|lid|ori|",
        "ndo|ari| me|ta |ind|esa|cua|un |ier|tal|esp|seg|",
        "ele|ons|ito|ont|iva|s h|d y|nos|ist|rse| le|cie|",
        "ide|edi|ecc|ios|l m|r e|med|tor|sti|n a|rim|uie|",
        "ple|tri|ibr|sus|lo |ect|pen|y c|an |e h|n s|ern|",
        "tar|l y|egu|gur|ura|int|ond|mat|l r|r a|isf|ote|",
    );
    const FRA_TRIGRAMS: &str = concat!(
        " de|es |de |ion|nt |et |tio| et|ent| la|la |e d|",
        "on |ne |oit|e l|le | le|s d|e p|t d|ati|roi| dr|",
        "dro|it | à | co|té |ns |te |e s|men|re | to|con|",
        " l’|tou|que| qu|les| so|des|son| pe|ons| un|s l|",
        "s e| pr|ue | pa|e c|t l|ts |onn| au|e a|eme|e e|",
        " li|ont|ant|out|ute|t à|res|ers| sa|ce | a |tre|",
        "per|a d|cti|er |lib|ité| en|ux | re|en |rso|à l|",
        " ou| in|lle|un |nat|ou |nne|n d|une| d’| se|par|",
        "nte|us |ur |s s|ans|dan|a p|r l|pro|its|és |t p|",
        "ire|e t|s p|sa | dé|ond|é d|a l|nce|ert|aux|omm|",
        "nal|me | na| fo|iqu| ce|rté|ect|ale|ber|t a|s a|",
        " da|mme|ibe|san|e r| po|com|al |s c|qui|our|t e|",
        " ne|e n|ous|r d|ali|ter| di|fon|e o|au | ch|air|",
        "ui |ell| es|lit|s n|iss|éra|tes|soc|aut|oci|êtr|",
        "ien|int|du |est|été|tra|pou| pl|rat|ar |ran|rai|",
        "s o|ona|ain|cla|éga|anc|rs |eur|pri|n c|e m|s t|",
        "à u| do|ure|bre|ut | êt|age| ét|nsi|sur|ein|sen|",
        "ser|ndi|ens|ess|ntr|ir | ma|cia|n p|st |a c| du|",
        "l e| su|bli|ge |rés| ré|e q|ass|nda|peu|ée |l’a|",
        " te|a s|tat|il |tés|ais|u d|ine|ind|é e|qu’| ac|",
        "s i|n t|t c|n a|l’h|t q|soi|t s|cun|rit| ég|oir|",
        "’en|nta|hom| on|n e| mo|ie |ign|rel|nna|t i|l n|",
        " tr|ill|ple|s é|l’e|rec|a r|ote|sse|uni|idé|ive|",
        "s u|t ê|ins|act| fa|n s| vi|gal| as|lig|ssa|pré|",
        "leu|e f|lic|dis|ver| nu|ten|ssi|rot|tec|s m|abl|",
    );
    const DEU_TRIGRAMS: &str = concat!(
        "en |er |der| un|nd |und|ein|ung|cht| de|ich|sch|",
        "ng | ge|ie |che|ech| di|die|rec|gen|ine|eit| re|",
        "ch | da|n d|ver|hen| zu|t d| au|ht | ha|lic|it |",
        "ten|rei| be|in | ve| in| ei|nde|auf|den|ede|zu |",
        "n s|uf |fre|ne |ter|es | je|jed|n u| an|sei|and|",
        " fr|run|at | se|e u|das|hei|s r|hte|hat|nsc|nge|",
        "r h|as |ens| al|ere|lle|t a| we|n g|rde|nte|ese|",
        "men| od|ode|ner|g d|all|t u|ers|te |nen| so|d d|",
        "n a|ben|lei| gr| vo|wer|e a|ege|ion| st|ige|le |",
        "cha| me|haf|aft|n j|ren| er|erk|ent|bei| si|eih|",
        "ihe|kei|erd|tig|n i|on |lun|r d|len|gem|ies|gru|",
        "tli|unt|chu|ern|ges|end|e s|ft |st |ist|tio|ati|",
        " gl|sta|gun|mit|sen|n n| na|n z|ite| wi|r g|eic|",
        "e e|ei |lie|r s|n w|gle|mei|de |uch|em |chl|nat|",
        "rch|t w|des|n e|hre|ale|spr|d f|ach|sse|r e| sc|",
        "urc|r m|nie|e f|fen|e g|e d| ni|dur|dar|int| du|",
        "geh|ied|t s| mi|alt|her|hab|f g|sic|ste|taa|aat|",
        "he |ang|ruc|hli|tz |eme|abe|h a|n v|nun|geg|arf|",
        "rf |ehe|pru| is|erf|e m|ans|ndl|e b|tun|n o|d g|",
        "n r|r v|wie|ber|r a|arb|bes|t i|h d|r w|r b| ih|",
        "d s|igk|gke|nsp|dig|ema|ell|eru|n f|ins|rbe|ffe|",
        "esc|igu|ger|str|ken|e v|gew|han|ind|rt | ar|ieß|",
        "n h|rn |man|r i|hut|utz|d a|ls |ebe|von|lte|r o|",
        "rli|etz|tra|aus|det|hul|e i|one|nne|isc|son|sel|",
        "et |ohn|t g|sam| fa|rst|rkl|ser|iem|g v|t z|err|",
    );
    const POR_TRIGRAMS: &str = concat!(
        "os |de | de| a | e |o d|to |ão | di|ent|da |ito|",
        "em | co|eit|as |dir|es |ire|rei| se|ção|ade|a p|",
        "dad|e d|s d|men|nte|do |s e| pr| pe|dos| to| da|",
        "a a|o e| o |o a|ess|con|tod|que| qu|te |e a| do|",
        "al |res|ida|m d| in| ou|er |sso| na| re| po|a s|",
        " li|uma|cia|ar |pro|e e|a d| te|açã|a t| es| su|",
        "ou |ue |s p|tos|a e|des|ra |com|no |ame|ia |e p|",
        "tem|nto| pa|is |est|tra|ões|na |s o|oda|das|ser|",
        "soa|s n|pes|o p|s a|o s|e o| em| as| à |o o|ais|",
        "ber|ado|oa |o t|e s|man|sua|ua | no| os|a c|ter|",
        "çõe|erd|lib|rda|s s|nci|ibe|e n|ica|odo|so |nal|",
        "ntr|s t|hum|ura| ao|ona|ual| so|or |ma |sta|o c|",
        "a n|pre|ara|era|ons|e t|r a|par|o à| hu|ind|por|",
        "cio|ria|m a|s c| um|a l|gua|ran| en|ndi|o i|e c|",
        "raç|ion|nid|aci|ano|soc|e r|oci| ac|und|sen|nos|",
        "nsi|rec|ime|ali|int|um |per|nac| al|m o|r p| fu|",
        "ndo|ont|açõ| ig|igu|fun|nta| ma|uni|cçã|ere| ex|",
        "a i| me|ese|rio|l d|a o|s h|pel|ada|pri|ide|am |",
        "m p|pod|s f|ém |a f|io |ode|ca |ita|lid|tiv|e f|",
        "vid|r e|esp|nda|omo|e l|naç|o r|ant|a q|tad|lic|",
        "iva| fa|ver|s l|ial|cla|ngu|ing| ca|mo |der| vi|",
        "eli|ist|ta |se |ati|ios|ido|r o|eci|dis| un|e i|",
        "r d|ecç|o q|s i|qua|ênc|a m|seu|sti|nin|uer|rar|",
        "cas|aos|ens|gué|ias|sid|uém|tur|dam|sse|ao |ela|",
        "l e|for|tec|ote| pl|ena| tr|m c|tro| ni|ico|rot|",
    );
}

/// The Latin alphabets of whatlang 0.18.0 (`src/alphabets/latin.rs`, MIT
/// licence), verbatim.
mod alphabets {
    use whatlang::Lang;

    const AFR: &str = "abcdefghijklmnopqrstuvwxyzáèéêëíîïóôúû";
    const AKA: &str = "abdefghiklmnoprstuwyɔɛ";
    const AZE: &str = "abcdefghijklmnopqrstuvxyzçöüğışə̇";
    const CAT: &str = "abcdefghijklmnopqrstuvwxyz·àçèéíïòóúü";
    const CES: &str = "abcdefghijklmnopqrstuvwxyzáéíóúýčďěňřšťůž";
    const CYM: &str = "abcdefghijklmnopqrstuvwxyzàáâäèéêëìíîïòóôöùúûüýÿŵŷẁẃẅỳ";
    const DAN: &str = "abcdefghijklmnopqrstuvwxyzåæø";
    const DEU: &str = "abcdefghijklmnopqrstuvwxyzßäöü";
    const ENG: &str = "abcdefghijklmnopqrstuvwxyz";
    const EPO: &str = "abcdefghijklmnoprstuvzĉĝĥĵŝŭ";
    const EST: &str = "abcdefghijklmnopqrstuvwxyzäõöü";
    const FIN: &str = "abcdefghijklmnopqrstuvwxyzäöšž";
    const FRA: &str = "abcdefghijklmnopqrstuvwxyzàâçèéêëîïôùûüÿœ";
    const HRV: &str = "abcdefghijklmnopqrstuvwxyzćčđšž";
    const HUN: &str = "abcdefghijklmnopqrstuvwxyzáéíóöúüőű";
    const IND: &str = "abcdefghijklmnopqrstuvwxyz";
    const ITA: &str = "abcdefghijklmnopqrstuvwxyzàèéìòù";
    const JAV: &str = "abcdefghijklmnopqrstuvwxyzèé";
    const LAT: &str = "abcdefghijklmnopqrstuvwxyz";
    const LAV: &str = "abcdefghijklmnopqrstuvwxyzāčēģīķļņōŗšūž";
    const LIT: &str = "abcdefghijklmnopqrstuvwxyząčėęįšūųž";
    const NLD: &str = "abcdefghijklmnopqrstuvwxyzàèéëïĳ";
    const NOB: &str = "abcdefghijklmnopqrstuvwxyzåæø";
    const POL: &str = "abcdefghijklmnopqrstuvwxyzóąćęłńśźż";
    const POR: &str = "abcdefghijklmnopqrstuvwxyzàáâãçéêíóôõú";
    const RON: &str = "abcdefghijklmnopqrstuvwxyzâîăşţ";
    const SLK: &str = "abcdefghijklmnopqrstuvwxyzáäéíóôúýčďĺľňŕšťž";
    const SLV: &str = "abcdefghijklmnopqrstuvwxyzčšž";
    const SNA: &str = "abcdefghijklmnopqrstuvwxyz";
    const SPA: &str = "abcdefghijklmnopqrstuvwxyz¡¿áéíñóúü";
    const SWE: &str = "abcdefghijklmnopqrstuvwxyzäåö";
    const TGL: &str = "abcdefghijklmnopqrstuvwxyzáéíñóú";
    const TUK: &str = "abdefghijklmnoprstuwyzäçöüýňşž";
    const TUR: &str = "abcdefghijklmnopqrstuvwxyzçöüğış̇";
    const UZB: &str = "abcdefghijklmnopqrstuvxyzʻ";
    const VIE: &str = "abcdefghijklmnopqrstuvwxyzàáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ";
    const ZUL: &str = "abcdefghijklmnopqrstuvwxyz";

    pub(super) const LATIN_ALPHABETS: &[(Lang, &str)] = &[
        (Lang::Afr, AFR),
        (Lang::Aka, AKA),
        (Lang::Aze, AZE),
        (Lang::Cat, CAT),
        (Lang::Ces, CES),
        (Lang::Cym, CYM),
        (Lang::Dan, DAN),
        (Lang::Deu, DEU),
        (Lang::Eng, ENG),
        (Lang::Epo, EPO),
        (Lang::Est, EST),
        (Lang::Fin, FIN),
        (Lang::Fra, FRA),
        (Lang::Hrv, HRV),
        (Lang::Hun, HUN),
        (Lang::Ind, IND),
        (Lang::Ita, ITA),
        (Lang::Jav, JAV),
        (Lang::Lat, LAT),
        (Lang::Lav, LAV),
        (Lang::Lit, LIT),
        (Lang::Nld, NLD),
        (Lang::Nob, NOB),
        (Lang::Pol, POL),
        (Lang::Por, POR),
        (Lang::Ron, RON),
        (Lang::Slk, SLK),
        (Lang::Slv, SLV),
        (Lang::Sna, SNA),
        (Lang::Spa, SPA),
        (Lang::Swe, SWE),
        (Lang::Tgl, TGL),
        (Lang::Tuk, TUK),
        (Lang::Tur, TUR),
        (Lang::Uzb, UZB),
        (Lang::Vie, VIE),
        (Lang::Zul, ZUL),
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    /// whatlang's answer, mapped as `Engine::detect` maps it.
    fn reference(detector: &whatlang::Detector, text: &str) -> Option<(Language, f64)> {
        let info = detector.detect(text)?;
        Some((from_whatlang(info.lang())?, info.confidence()))
    }

    fn whatlang_detector(candidates: &[Language]) -> whatlang::Detector {
        whatlang::Detector::with_allowlist(candidates.iter().map(|&l| to_whatlang(l)).collect())
    }

    /// xorshift64*.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }

        fn pick<T: Copy>(&mut self, items: &[T]) -> T {
            items[self.below(items.len())]
        }

        fn chance(&mut self, percent: usize) -> bool {
            self.below(100) < percent
        }
    }

    const WORDS: [&[&str]; 6] = [
        &[
            "the", "and", "you", "your", "order", "will", "be", "shipped", "within", "two", "days",
            "thank", "for", "waiting", "please", "let", "us", "know", "if", "there", "is",
            "anything", "else", "we", "can", "help", "with", "refund", "account", "today",
            "through", "which", "would", "rights", "everyone", "freedom", "should", "kind",
        ],
        &[
            "il",
            "la",
            "che",
            "di",
            "per",
            "è",
            "sono",
            "della",
            "grazie",
            "ordine",
            "sarà",
            "spedito",
            "entro",
            "giorni",
            "perché",
            "più",
            "già",
            "può",
            "città",
            "così",
            "gentile",
            "cliente",
            "abbiamo",
            "ricevuto",
            "segnalazione",
            "rimborso",
            "oggi",
            "cordiali",
            "saluti",
            "nostro",
            "questo",
            "anche",
            "ogni",
            "libertà",
            "diritto",
            "dell’ordine",
            "c’è",
        ],
        &[
            "el",
            "los",
            "las",
            "y",
            "su",
            "pedido",
            "será",
            "enviado",
            "en",
            "días",
            "gracias",
            "por",
            "esperar",
            "señor",
            "niño",
            "año",
            "también",
            "aquí",
            "está",
            "más",
            "cómo",
            "¿",
            "¡",
            "usted",
            "nuestro",
            "equipo",
            "reembolso",
            "cuenta",
            "después",
            "mañana",
            "información",
            "derecho",
            "libertad",
            "persona",
            "mañana",
        ],
        &[
            "le",
            "les",
            "une",
            "et",
            "est",
            "votre",
            "commande",
            "sera",
            "expédiée",
            "sous",
            "jours",
            "merci",
            "pour",
            "être",
            "très",
            "déjà",
            "où",
            "ça",
            "garçon",
            "cœur",
            "naïve",
            "noël",
            "à",
            "l'équipe",
            "nous",
            "vous",
            "remboursement",
            "aujourd'hui",
            "français",
            "liberté",
            "égalité",
            "fraternité",
            "hôtel",
            "forêt",
            "ÇA",
            "l’équipe",
            "aujourd’hui",
            "d’accord",
        ],
        &[
            "der",
            "die",
            "das",
            "und",
            "ist",
            "Ihre",
            "Bestellung",
            "wird",
            "innerhalb",
            "von",
            "Tagen",
            "versandt",
            "vielen",
            "Dank",
            "für",
            "über",
            "Größe",
            "Straße",
            "Mädchen",
            "schön",
            "Grüße",
            "Rückerstattung",
            "heute",
            "nicht",
            "können",
            "Fußball",
            "Äpfel",
            "Öl",
            "Übung",
            "STRASSE",
            "STRAẞE",
            "weiß",
            "Freiheit",
            "jeder",
            "Mensch",
        ],
        &[
            "o",
            "os",
            "um",
            "uma",
            "seu",
            "pedido",
            "será",
            "enviado",
            "em",
            "dias",
            "obrigado",
            "não",
            "são",
            "coração",
            "ação",
            "você",
            "também",
            "já",
            "até",
            "após",
            "nós",
            "pão",
            "mãe",
            "informação",
            "reembolso",
            "equipa",
            "hoje",
            "português",
            "liberdade",
            "direitos",
            "à",
            "às",
            "põe",
            "estão",
            "atenção",
        ],
    ];

    const SENTENCES: &[&str] = &[
        "Thank you for contacting us. Your refund has been issued today and will appear within five business days.",
        "All human beings are born free and equal in dignity and rights.",
        "La ringraziamo per averci contattato. Il rimborso dell'ordine è stato emesso oggi e sarà visibile sul Suo conto entro cinque giorni lavorativi.",
        "Tutti gli esseri umani nascono liberi ed eguali in dignità e diritti.",
        "Gracias por ponerse en contacto con nosotros. El reembolso de su pedido se ha emitido hoy.",
        "Todos los seres humanos nacen libres e iguales en dignidad y derechos.",
        "Merci de nous avoir contactés. Le remboursement de votre commande a été émis aujourd'hui.",
        "Tous les êtres humains naissent libres et égaux en dignité et en droits.",
        "Vielen Dank für Ihre Nachricht. Die Rückerstattung Ihrer Bestellung wurde heute veranlasst.",
        "Alle Menschen sind frei und gleich an Würde und Rechten geboren.",
        "Obrigado por nos contactar. O reembolso da sua encomenda foi emitido hoje.",
        "Todos os seres humanos nascem livres e iguais em dignidade e em direitos.",
    ];

    const NOISE: &[&str] = &[
        "42",
        "2024-05-01",
        "12:30",
        "3,50 €",
        "100%",
        "!!!",
        "?",
        "...",
        "—",
        "«",
        "»",
        "“",
        "”",
        "😀",
        "👍🏽",
        "❤️",
        "🇮🇹",
        "漢字",
        "東京都",
        "ひらがな",
        "カタカナ",
        "한국어",
        "Привет",
        "мир",
        "где",
        "ΟΔΟΣ",
        "Σ",
        "ΣΑΣ",
        "σοφός",
        "ΣΟΦΟΣ.",
        "ΑΣ",
        "ΌΣΟΙ",
        "e\u{301}",
        "a\u{308}",
        "\u{301}",
        "İstanbul",
        "İ",
        "ẞ",
        "STRAẞE",
        "ß",
        "\u{a0}",
        "\t",
        "\n",
        "\u{7f}",
        "\u{0}",
        "ﬁ",
        "\u{212a}",
        "\u{212b}",
        "ǅ",
        "ŉ",
        "ĳ",
        "Ĳ",
        "œ",
        "Œ",
        "ʻ",
        "ɔ",
        "Ɛ",
        "ệ",
        "Ệ",
        "ñ",
        "Ñ",
        "¿",
        "¡",
        "·",
        "@user",
        "http://x.y/z",
        "#tag",
        "_",
        "~",
        "שלום",
        "مرحبا",
        "नमस्ते",
        "ქართ",
        "ÀÉÎÕÜ",
        "ÿ",
        "Ÿ",
        "ǰ",
        "ΐ",
        "\u{345}",
        "Ω",
        "ﬀ",
    ];

    const POOL: &[char] = &[
        'a', 'b', 'c', 'e', 'i', 'n', 'o', 's', 't', 'z', 'A', 'E', 'Z', ' ', ' ', ' ', '.', ',',
        '1', '\'', '-', 'à', 'è', 'é', 'ì', 'ò', 'ù', 'ç', 'ñ', 'ã', 'õ', 'ä', 'ö', 'ü', 'ß', 'œ',
        'É', 'Ü', 'Ç', 'ẞ', 'İ', 'ı', 'ğ', 'ş', 'ă', 'ő', 'ł', 'ø', 'å', 'ệ', 'ə', 'ʻ', 'ĉ', 'Σ',
        'σ', 'ς', 'Α', 'д', 'Ж', '漢', 'あ', 'ア', '한', '😀', '\u{301}', '\u{307}', '\u{a0}',
        '\n',
    ];

    fn word(rng: &mut Rng, language: usize) -> String {
        let w = rng.pick(WORDS[language]);
        match rng.below(10) {
            0 => w.to_uppercase(),
            1 => {
                let mut chars = w.chars();
                chars
                    .next()
                    .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
            }
            _ => w.to_string(),
        }
    }

    fn random_letters(rng: &mut Rng) -> String {
        const LETTERS: &[char] = &[
            'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q',
            'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 'à', 'é', 'ñ', 'ö', 'ç', 'ã', 'ß',
        ];
        let n = 2 + rng.below(7);
        (0..n).map(|_| rng.pick(LETTERS)).collect()
    }

    /// Words of `languages`, with punctuation and, at `noise` percent,
    /// noise tokens.
    fn words(rng: &mut Rng, languages: &[usize], n: usize, noise: usize) -> String {
        let mut out = String::new();
        for i in 0..n {
            if i > 0 {
                out.push_str(match rng.below(12) {
                    0 => ", ",
                    1 => ". ",
                    2 => "\n",
                    3 => " - ",
                    _ => " ",
                });
            }
            if rng.chance(noise) {
                out.push_str(rng.pick(NOISE));
                if rng.chance(50) {
                    continue;
                }
                out.push(' ');
            }
            let language = rng.pick(languages);
            out.push_str(&word(rng, language));
        }
        if rng.chance(50) {
            out.push_str(rng.pick(&[".", "!", "?", "…", " :)"]));
        }
        out
    }

    fn substring(rng: &mut Rng, text: &str, max_chars: usize) -> String {
        let chars: Vec<char> = text.chars().collect();
        if chars.is_empty() {
            return String::new();
        }
        let start = rng.below(chars.len());
        let len = 1 + rng.below(max_chars);
        chars[start..(start + len).min(chars.len())]
            .iter()
            .collect()
    }

    /// Texts of the labelled evaluation set, whole and line by line.
    fn corpus() -> Vec<String> {
        let mut out = Vec::new();
        for file in ["correct.jsonl", "defects.jsonl"] {
            let path = format!(
                "{}/../../tests/data/eval/{file}",
                env!("CARGO_MANIFEST_DIR")
            );
            let data = std::fs::read_to_string(&path).expect("evaluation data");
            for line in data.lines().filter(|l| !l.trim().is_empty()) {
                let value: serde_json::Value = serde_json::from_str(line).expect("JSON line");
                let text = value["text"].as_str().expect("text").to_string();
                out.extend(text.lines().filter(|l| !l.is_empty()).map(str::to_string));
                out.push(text);
            }
        }
        out
    }

    fn texts() -> Vec<String> {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut out: Vec<String> = [
            "",
            " ",
            "   ",
            "\n\t \r\n",
            "123 456",
            "!!!",
            "...",
            "a",
            "A",
            "ab",
            "é",
            "Σ",
            "ΑΣ abc",
            "abc ΑΣ",
            "ΟΔΟΣ the road",
            "where is the ΟΔΟΣ?",
            "İ",
            "İİİ abc",
            "ẞ",
            "STRAẞE",
            "\u{7f}",
            "\u{7f}a",
            "a\u{7f}b",
            "😀",
            "😀 ok",
            "漢字",
            "漢字 abc",
            "abc где",
            "ab где",
            "abc Σσς",
            "e\u{301}te\u{301}",
            "\u{a0}a\u{a0}",
            "ǅ",
            "ŉ ŉ",
            "Ĳsselmeer",
            "\u{212a}elvin",
            "the the the the",
            "il il il",
            "aaa aaa aaa",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        out.extend(SENTENCES.iter().map(|s| s.to_string()));
        out.extend(corpus());
        for _ in 0..400 {
            // One language.
            let language = rng.below(6);
            let n = 1 + rng.below(40);
            let text = words(&mut rng, &[language], n, 0);
            out.push(substring(&mut rng, &text, 40));
            out.push(text);
            // Mixed languages.
            let languages = [rng.below(6), rng.below(6), rng.below(6)];
            let n = 1 + rng.below(30);
            let mixed = &languages[..1 + rng.below(3)];
            out.push(words(&mut rng, mixed, n, 0));
            // With noise: digits, punctuation, emoji, other scripts...
            let n = 1 + rng.below(30);
            let noise = 5 + rng.below(60);
            let mixed = &languages[..1 + rng.below(3)];
            let text = words(&mut rng, mixed, n, noise);
            out.push(substring(&mut rng, &text, 40));
            out.push(text);
            // A sentence with a noise token.
            let mut sentence = rng.pick(SENTENCES).to_string();
            let at = sentence
                .char_indices()
                .map(|(i, _)| i)
                .nth(rng.below(sentence.chars().count()))
                .unwrap_or(0);
            sentence.insert_str(at, rng.pick(NOISE));
            out.push(sentence);
            // Character soup.
            let n = 1 + rng.below(60);
            out.push((0..n).map(|_| rng.pick(POOL)).collect());
        }
        for _ in 0..40 {
            // Very long: all languages, and made-up words for many distinct
            // trigrams.
            let n = 200 + rng.below(600);
            let mut text = words(&mut rng, &[0, 1, 2, 3, 4, 5], n, 3);
            for _ in 0..rng.below(300) {
                text.push(' ');
                text.push_str(&random_letters(&mut rng));
            }
            out.push(text);
        }
        for _ in 0..40 {
            // Made-up words, each twice, then real words once: the real
            // words' trigrams rank last (300 to 600), far from their profile
            // ranks, so that distances exceed 90 000 and are clamped.
            const RARE: &[char] = &['q', 'x', 'z', 'k', 'w', 'j', 'y', 'v', 'h', 'b'];
            let mut text = String::new();
            for _ in 0..40 + rng.below(40) {
                let made_up: String = (0..3 + rng.below(5)).map(|_| rng.pick(RARE)).collect();
                text.push_str(&format!("{made_up} {made_up} "));
            }
            let n = 20 + rng.below(80);
            let language = rng.below(6);
            text.push_str(&words(&mut rng, &[language], n, 0));
            out.push(text);
        }
        out
    }

    fn allowlists() -> Vec<Vec<Language>> {
        let mut out = Vec::new();
        for mask in 1u32..64 {
            let list: Vec<Language> = Language::ALL
                .into_iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, l)| l)
                .collect();
            out.push(list);
        }
        out
    }

    fn distinct_trigrams(text: &str) -> usize {
        let mut scratch = Scratch::default();
        profile_text(text, &TABLES, &mut scratch).trigrams
    }

    #[test]
    fn same_as_whatlang() {
        let texts = texts();
        let long = texts.iter().filter(|t| distinct_trigrams(t) >= 600).count();
        assert!(long >= 20, "only {long} texts with 600 distinct trigrams");
        let mut calls = 0;
        let mut some = [0usize; 6];
        let mut none = 0;
        let mut ties = 0;
        let mut unsure = 0;
        for list in allowlists() {
            // Every allowlist of size 1, 2 and 6 on every text; the others
            // on every seventh text.
            let every = if matches!(list.len(), 1 | 2 | 6) {
                1
            } else {
                7
            };
            let engine = Engine::new(&list);
            let detector = whatlang_detector(&list);
            for text in texts.iter().step_by(every) {
                let got = engine.detect(text);
                let want = reference(&detector, text);
                assert_eq!(
                    got.map(|(l, c)| (l, c.to_bits())),
                    want.map(|(l, c)| (l, c.to_bits())),
                    "allowlist {list:?}, text {text:?}: got {got:?}, want {want:?}"
                );
                calls += 1;
                match got {
                    Some((language, confidence)) => {
                        some[language as usize] += 1;
                        ties += usize::from(confidence == 0.0 && list.len() > 1);
                        unsure += usize::from(confidence < 1.0);
                    }
                    None => none += 1,
                }
            }
        }
        // The comparisons cover every language, no answer, unsure answers
        // and ties (equal top scores: the sort order decides).
        let summary = format!(
            "{} texts ({long} with 600 distinct trigrams), {calls} comparisons: \
             {some:?} per language, {none} none, {unsure} below 1.0, {ties} ties",
            texts.len()
        );
        assert!(calls > 100_000, "{summary}");
        assert!(some.iter().all(|&n| n > 1000), "{summary}");
        assert!(none > 1000 && unsure > 10_000 && ties > 1000, "{summary}");
    }

    #[test]
    fn lowercase_char_by_char_is_str_to_lowercase() {
        for ch in (0..=0x10_FFFFu32).filter_map(char::from_u32) {
            if ch == 'Σ' {
                continue;
            }
            let mut buf = [0; 4];
            let by_str = ch.encode_utf8(&mut buf).to_lowercase();
            assert!(
                by_str.chars().eq(ch.to_lowercase()),
                "{ch:?}: {by_str:?} vs {:?}",
                ch.to_lowercase().collect::<String>()
            );
        }
    }

    #[test]
    fn tables() {
        let tables = &*TABLES;
        assert_eq!(tables.profile_len, [300; 6]);
        // Common to all Latin alphabets: counts for every language.
        assert_eq!(
            tables.class_weights[usize::from(tables.class_of('a'))],
            [1; 6]
        );
        // Not in Akan's or Turkmen's, but in our six.
        assert_eq!(
            tables.class_weights[usize::from(tables.class_of('c'))],
            [1; 6]
        );
        assert_eq!(
            tables.class_weights[usize::from(tables.class_of('ñ'))],
            [0, 0, 1, 0, 0, 0]
        );
        assert_eq!(
            tables.class_weights[usize::from(tables.class_of('ß'))],
            [0, 0, 0, 0, 1, 0]
        );
        assert_eq!(
            tables.class_weights[usize::from(tables.class_of('ã'))],
            [0, 0, 0, 0, 0, 1]
        );
        assert_eq!(
            tables.class_weights[usize::from(tables.class_of('ệ'))],
            [0; 6]
        );
        assert_eq!(
            tables.class_weights[usize::from(tables.class_of('д'))],
            [0; 6]
        );
        assert_eq!(tables.class_of(' '), STOP);
        assert_eq!(tables.class_of('~'), STOP);
        assert_ne!(tables.class_of('\u{7f}'), STOP);
    }

    #[test]
    fn direct_cases() {
        let all = Engine::new(&Language::ALL);
        let italian = "Gentile cliente, abbiamo ricevuto la Sua segnalazione e il nostro \
                       reparto tecnico la sta già esaminando.";
        let german = "Vielen Dank für Ihre Nachricht. Die Rückerstattung Ihrer Bestellung \
                      wurde heute veranlasst.";
        assert_eq!(all.detect(italian).map(|d| d.0), Some(Language::It));
        assert_eq!(all.detect(german).map(|d| d.0), Some(Language::De));
        let (_, confidence) = all.detect(german).unwrap();
        assert!(confidence > 0.5);
        // One candidate: always it, with confidence 1, on Latin text.
        let only = Engine::new(&[Language::Fr]);
        assert_eq!(only.detect(german), Some((Language::Fr, 1.0)));
        // Not Latin, or no letters: nothing.
        assert_eq!(all.detect("Привет, как дела?"), None);
        assert_eq!(all.detect("漢字"), None);
        assert_eq!(all.detect("12 345 !"), None);
        assert_eq!(all.detect(""), None);
        assert_eq!(Engine::new(&[]).detect(italian), None);
    }
}
