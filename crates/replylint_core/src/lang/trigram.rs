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
//! The trigram profiles and the Latin alphabets are copied from the
//! `whatlang` crate, version 0.18.0 (`src/trigrams/profiles.rs`,
//! `src/alphabets/latin.rs`, <https://github.com/greyblake/whatlang-rs>),
//! © Sergey Potapov, MIT licence; they are in [`super::trigram_tables`],
//! which `build.rs` turns into the tables at compile time.

use super::Language;
use super::trigram_tables::{
    LOW_CHARS, MAX_CLASSES, NO_RANK, PROFILE_SLOTS, STOP, code, key_of, profile_slot,
};
use std::cell::RefCell;
use std::cmp::{Ordering, Reverse};
use whatlang::{Lang, Script};

/// Maximum distance of one trigram between a profile and the text.
const MAX_TRIGRAM_DISTANCE: u32 = 300;
/// 300 trigrams at the maximum distance.
const MAX_TOTAL_DISTANCE: u32 = MAX_TRIGRAM_DISTANCE * MAX_TRIGRAM_DISTANCE;
/// Text trigrams kept (the most frequent ones).
const TEXT_TRIGRAMS_SIZE: usize = 600;
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
        let tables = &TABLES;
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

/// The static tables: profiles and alphabets, built at compile time
/// (`build.rs`, from [`super::trigram_tables`]).
struct Tables {
    /// Open-addressing hash table of the profiles' trigrams: (their chars'
    /// codes as `code1 << 14 | code2 << 7 | code3`, index in `ranks`), key 0
    /// for an empty slot.
    slots: &'static [(u32, u32); PROFILE_SLOTS],
    /// The code of each char below 256 of the profiles (1, 2...), 0 for
    /// the others.
    low_code: &'static [u8; 256],
    /// The code of the other chars of the profiles.
    other_code: &'static [(u32, u8)],
    /// Per profile trigram, its rank in each profile (index `Language as
    /// usize`, two lanes of padding), or [`NO_RANK`].
    ranks: &'static [[i16; 8]],
    /// Length of each profile (300).
    profile_len: [u32; 6],
    /// Alphabet class of each char below [`LOW_CHARS`], or [`STOP`].
    low_class: &'static [u8; LOW_CHARS],
    /// Alphabet class of the other chars of the Latin alphabets, by char.
    other_class: &'static [(char, u8)],
    /// Per class, how many times each of our languages counts a char of
    /// the class (a char common to all Latin languages counts once for all).
    class_weights: &'static [[u8; 6]],
}

impl Tables {
    /// The ranks in each profile of the trigram of `chars`, when it is in
    /// one.
    #[inline(always)]
    fn ranks_of(&self, chars: [u32; 3]) -> Option<&[i16; 8]> {
        let key = key_of(chars.map(|c| code(self.low_code, self.other_code, c)))?;
        let mut i = profile_slot(key);
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
}

mod generated {
    include!(concat!(env!("OUT_DIR"), "/trigram_tables.rs"));
}

static TABLES: Tables = Tables {
    slots: &generated::SLOTS,
    low_code: &generated::LOW_CODE,
    other_code: &generated::OTHER_CODE,
    ranks: &generated::RANKS,
    profile_len: generated::PROFILE_LEN,
    low_class: &generated::LOW_CLASS,
    other_class: &generated::OTHER_CLASS,
    class_weights: &generated::CLASS_WEIGHTS,
};

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
    fn the_generated_tables_are_those_built() {
        let built = super::super::trigram_tables::build();
        assert_eq!(&built.slots[..], &TABLES.slots[..]);
        assert_eq!(&built.low_code, TABLES.low_code);
        assert_eq!(built.other_code, TABLES.other_code);
        assert_eq!(built.ranks, TABLES.ranks);
        assert_eq!(built.profile_len, TABLES.profile_len);
        assert_eq!(&built.low_class[..], &TABLES.low_class[..]);
        assert_eq!(built.other_class, TABLES.other_class);
        assert_eq!(built.class_weights, TABLES.class_weights);
        assert_eq!(
            built.ranks.len(),
            977,
            "distinct trigrams of the six profiles"
        );
        let written = include_str!(concat!(env!("OUT_DIR"), "/trigram_tables.rs"));
        assert_eq!(super::super::trigram_tables::to_rust(&built), written);
    }

    #[test]
    fn the_tables_data_names_whatlang_s_languages() {
        use super::super::trigram_tables::{LATIN_ALPHABETS, OURS};
        // The same languages: the tables count how many alphabets hold a
        // char against the number of Latin languages.
        let mut latin: Vec<&str> = Script::Latin.langs().iter().map(|l| l.code()).collect();
        latin.sort_unstable();
        let alphabets: Vec<&str> = LATIN_ALPHABETS.iter().map(|(code, _)| *code).collect();
        assert_eq!(alphabets, latin);
        assert_eq!(OURS, Language::ALL.map(|l| to_whatlang(l).code()));
    }

    #[test]
    fn tables() {
        let tables = &TABLES;
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
