//! Language detection, behind one small interface so that the engine can be
//! swapped if measurements demand it (`tests/it/lang_eval.rs` measures it).
//!
//! The engine is `whatlang`'s ([`super::trigram`], an exact and faster
//! port of its detection), restricted to the configured candidate
//! languages (restricting it to six languages makes it markedly more
//! accurate on short replies), checked against the text's function words
//! (articles, pronouns, prepositions that belong to one language only).
//! It does not guess: on text with too few letters, when the function words
//! point to another language, or when neither `whatlang` is confident nor
//! the function words agree with it, [`Detector::detect`] says nothing. Text that is not prose (placeholders, URLs, e-mail addresses,
//! @handles, anything with a digit in it) is blanked out first by
//! [`prose`], which keeps byte offsets, so segments found in the blanked
//! text are segments of the original.

use super::Language;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

/// Fewer letters than this and detection says nothing: below it, a few
/// shared words decide, and `whatlang` is wrong on about one reply in five.
pub const MIN_LETTERS: usize = 40;
/// `whatlang`'s confidence (0–1) from which its guess stands on its own;
/// below it, the function words must agree.
pub const MIN_CONFIDENCE: f64 = 0.5;
/// Function words of the guessed language that make an unsure guess
/// confident, when no other language has as many.
pub const MIN_FUNCTION_WORDS: usize = 2;

/// Sentences are held to stricter thresholds than whole replies and
/// paragraphs: a short sentence full of names and loanwords ("Il tracking
/// è su UPS") must not read as another language.
pub const MIN_SENTENCE_CONFIDENCE: f64 = 0.8;
pub const MIN_SENTENCE_FUNCTION_WORDS: usize = 3;

/// A confident detection.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Detection {
    pub language: Language,
    /// `whatlang`'s confidence, 0–1.
    pub confidence: f64,
    /// Letters the detection was made on.
    pub letters: usize,
}

/// A language detector over a fixed set of candidate languages.
#[derive(Debug, Clone)]
pub struct Detector {
    candidates: Vec<Language>,
    engine: super::trigram::Engine,
}

impl Default for Detector {
    /// A detector over every language replylint knows.
    fn default() -> Self {
        Detector::new(&Language::ALL)
    }
}

impl Detector {
    /// A detector choosing among `candidates` (every known language when
    /// empty).
    pub fn new(candidates: &[Language]) -> Self {
        let mut list: Vec<Language> = if candidates.is_empty() {
            Language::ALL.to_vec()
        } else {
            candidates.to_vec()
        };
        list.sort_unstable();
        list.dedup();
        let engine = super::trigram::Engine::new(&list);
        Detector {
            candidates: list,
            engine,
        }
    }

    /// The languages detection chooses among.
    pub fn candidates(&self) -> &[Language] {
        &self.candidates
    }

    /// Whether `language` can be detected at all.
    pub fn knows(&self, language: Language) -> bool {
        self.candidates.contains(&language)
    }

    /// The language of `text`, when detection is confident: at least
    /// [`MIN_LETTERS`] letters of prose and a confidence of at least
    /// [`MIN_CONFIDENCE`]. Non-prose is blanked out first.
    pub fn detect(&self, text: &str) -> Option<Detection> {
        self.detect_prose(&prose(text))
    }

    /// [`Detector::detect`] on text already passed through [`prose`].
    pub fn detect_prose(&self, prose: &str) -> Option<Detection> {
        self.detect_tallied(prose, &Tally::of(prose))
    }

    /// [`Detector::detect_prose`] with the prose's [`Tally`] at hand.
    pub fn detect_tallied(&self, prose: &str, tally: &Tally) -> Option<Detection> {
        self.decide(prose, tally, MIN_CONFIDENCE, MIN_FUNCTION_WORDS)
    }

    /// [`Detector::detect_tallied`] with the stricter thresholds for one
    /// sentence.
    pub fn detect_sentence(&self, prose: &str, tally: &Tally) -> Option<Detection> {
        self.decide(
            prose,
            tally,
            MIN_SENTENCE_CONFIDENCE,
            MIN_SENTENCE_FUNCTION_WORDS,
        )
    }

    fn decide(
        &self,
        prose: &str,
        tally: &Tally,
        min_confidence: f64,
        min_words: usize,
    ) -> Option<Detection> {
        if tally.letters() < MIN_LETTERS {
            return None;
        }
        let guess = self.guess_tallied(prose, tally.letters())?;
        let (own, other) = tally.own_and_other(guess.language);
        if other >= MIN_FUNCTION_WORDS && other > own {
            return None;
        }
        let agree = own >= min_words && own > other;
        (guess.confidence >= min_confidence || agree).then_some(guess)
    }

    /// The engine's best guess, however unsure (for display, such as the
    /// `count` command's confidence column); `None` without letters.
    pub fn guess(&self, text: &str) -> Option<Detection> {
        let prose = prose(text);
        self.guess_tallied(&prose, letters(&prose))
    }

    fn guess_tallied(&self, prose: &str, letters: usize) -> Option<Detection> {
        if letters == 0 {
            return None;
        }
        let (language, confidence) = self.engine.detect(prose)?;
        Some(Detection {
            language,
            confidence,
            letters,
        })
    }
}

/// The paragraphs of a text and their sentences, with the [`Tally`] of
/// each (counted on the text's [`prose`]): what [`Detector::segments_in`]
/// and the whole text's tally are made of, worked out once.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub paragraphs: Vec<Paragraph>,
}

#[derive(Debug, Clone)]
pub struct Paragraph {
    pub range: Range<usize>,
    pub tally: Tally,
    pub sentences: Vec<(Range<usize>, Tally)>,
}

impl Layout {
    pub fn of(text: &str, prose: &str) -> Layout {
        let paragraphs = paragraphs(text)
            .into_iter()
            .map(|range| {
                let sentences: Vec<(Range<usize>, Tally)> = sentences(text, range.clone())
                    .into_iter()
                    .map(|s| {
                        let tally = Tally::of(&prose[s.clone()]);
                        (s, tally)
                    })
                    .collect();
                // Words never cross a sentence boundary: the paragraph's
                // tally is the sum of its sentences'.
                let tally = sentences
                    .iter()
                    .fold(Tally::default(), |sum, (_, t)| sum.plus(t));
                Paragraph {
                    range,
                    tally,
                    sentences,
                }
            })
            .collect();
        Layout { paragraphs }
    }

    /// The whole text's tally: its paragraphs' together (blank lines
    /// between them have no letters).
    pub fn tally(&self) -> Tally {
        self.paragraphs
            .iter()
            .fold(Tally::default(), |sum, p| sum.plus(&p.tally))
    }
}

/// A paragraph or sentence whose language detection is confident about.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// Byte range in the text, trimmed.
    pub range: Range<usize>,
    pub kind: SegmentKind,
    pub language: Language,
    /// Letters of prose in it.
    pub letters: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentKind {
    Paragraph,
    Sentence,
}

impl SegmentKind {
    pub const fn as_str(self) -> &'static str {
        match self {
            SegmentKind::Paragraph => "paragraph",
            SegmentKind::Sentence => "sentence",
        }
    }
}

impl Detector {
    /// The paragraphs of `text` in a confidently detected language, and
    /// the sentences of paragraphs with more than one sentence, in order
    /// (a paragraph before its sentences).
    ///
    /// `expected` saves work: a paragraph whose function words clearly
    /// lean to the expected language ([`leans`]) is taken to be in it, and
    /// so is a sentence that leans to its paragraph's language (or the
    /// expected one), without running the engine.
    pub fn segments(&self, text: &str, expected: Option<Language>) -> Vec<Segment> {
        self.segments_of(text, &prose(text), expected)
    }

    /// [`Self::segments`] of a text whose [`prose`] is at hand.
    pub fn segments_of(&self, text: &str, prose: &str, expected: Option<Language>) -> Vec<Segment> {
        self.segments_in(&Layout::of(text, prose), prose, expected)
    }

    /// [`Self::segments`] of a text whose [`Layout`] and [`prose`] are at
    /// hand.
    pub fn segments_in(
        &self,
        layout: &Layout,
        prose: &str,
        expected: Option<Language>,
    ) -> Vec<Segment> {
        let mut out = Vec::new();
        for Paragraph {
            range: para,
            tally,
            sentences,
        } in &layout.paragraphs
        {
            let (para, tally) = (para.clone(), *tally);
            let p = &prose[para.clone()];
            let language = expected
                .filter(|&l| tally.leans(l))
                .or_else(|| self.detect_tallied(p, &tally).map(|d| d.language));
            if let Some(language) = language {
                out.push(Segment {
                    range: para.clone(),
                    kind: SegmentKind::Paragraph,
                    language,
                    letters: tally.letters(),
                });
            }
            if sentences.len() < 2 {
                continue;
            }
            let context = language.or(expected);
            for (sentence, tally) in sentences {
                let sentence = sentence.clone();
                let language = match context.filter(|&l| tally.leans(l)) {
                    // Already counted with its paragraph.
                    Some(l) if Some(l) == language => continue,
                    Some(l) => Some(l),
                    None => self
                        .detect_sentence(&prose[sentence.clone()], tally)
                        .map(|d| d.language),
                };
                if let Some(language) = language {
                    out.push(Segment {
                        range: sentence,
                        kind: SegmentKind::Sentence,
                        language,
                        letters: tally.letters(),
                    });
                }
            }
        }
        out
    }
}

/// Whether `word` (lower case) is one of `language`'s own function words
/// ([`FUNCTION_WORDS`]): the most frequent words of its prose.
pub fn is_function_word(language: Language, word: &str) -> bool {
    FUNCTION_WORDS
        .iter()
        .any(|(l, words)| *l == language && words.contains(&word))
}

/// Function words that belong to one of the six languages only: the
/// words they share (`la`, `de`, `a`, `no`, `que`, `il`, `con`…) are left
/// out. Lower case; text is split into words at every non-letter, so
/// `l'ordine` gives `l` and `ordine`.
const FUNCTION_WORDS: [(Language, &[&str]); 6] = [
    (
        Language::En,
        &[
            "the", "and", "you", "your", "we", "our", "us", "is", "are", "was", "were", "will",
            "would", "with", "this", "that", "have", "has", "been", "please", "thank", "thanks",
            "not", "can", "if", "of", "to", "any", "from", "for", "be", "it", "by", "at", "just",
            "within", "here", "there", "what", "when", "which", "let", "know", "all", "get", "my",
            "they", "them", "their", "should", "could", "soon", "again", "into", "about", "after",
            "before",
        ],
    ),
    (
        Language::It,
        &[
            "che", "di", "per", "è", "sono", "della", "delle", "dei", "degli", "nel", "nella",
            "nei", "alla", "dalla", "dal", "sul", "sulla", "questo", "questa", "questi", "anche",
            "più", "ci", "abbiamo", "siamo", "stato", "stata", "grazie", "suo", "entro", "hai",
            "ho", "può", "puoi", "molto", "ogni", "già", "gli", "vostro", "vostra", "nostro",
            "nostra", "ancora", "oggi", "dopo", "essere", "sarà", "cui", "perché", "tutti",
            "tutto", "ecco", "presso",
        ],
    ),
    (
        Language::Es,
        &[
            "el",
            "los",
            "las",
            "y",
            "su",
            "sus",
            "muy",
            "más",
            "pero",
            "están",
            "estamos",
            "hemos",
            "han",
            "usted",
            "nuestro",
            "nuestra",
            "nuestros",
            "gracias",
            "esto",
            "ese",
            "esa",
            "eso",
            "puede",
            "pueden",
            "ya",
            "hoy",
            "cuando",
            "sin",
            "hasta",
            "también",
            "días",
            "mucho",
            "muchas",
            "ahora",
            "aquí",
            "favor",
            "cualquier",
            "tiene",
            "tienes",
            "hay",
            "después",
            "otro",
            "otra",
            "otros",
            "estos",
            "él",
            "ella",
            "ellos",
            "nosotros",
            "qué",
            "cómo",
            "dónde",
            "mismo",
            "misma",
            "aún",
            "sea",
            "hace",
            "hacer",
            "algo",
            "alguna",
            "algún",
        ],
    ),
    (
        Language::Fr,
        &[
            "les", "une", "et", "est", "sont", "pour", "avec", "dans", "sur", "pas", "nous",
            "vous", "votre", "vos", "je", "j", "qu", "elle", "cette", "au", "aux", "très", "merci",
            "été", "être", "notre", "ces", "cela", "ça", "sera", "avez", "avons", "peut", "pouvez",
            "déjà", "aussi", "encore", "chez", "leur",
        ],
    ),
    (
        Language::De,
        &[
            "der", "die", "das", "und", "ist", "sind", "nicht", "mit", "für", "auf", "dem", "den",
            "ein", "eine", "einen", "einem", "einer", "wir", "sie", "ihr", "ihre", "ihnen", "uns",
            "unser", "unsere", "sich", "auch", "werden", "wird", "wurde", "haben", "hat", "bei",
            "von", "zu", "im", "aus", "oder", "noch", "nur", "bitte", "vielen", "dank", "danke",
            "sehr", "gerne", "gern", "ich", "mich", "mir", "kann", "können", "wenn", "dass",
            "sobald", "wieder", "schon", "über", "nach",
        ],
    ),
    (
        Language::Pt,
        &[
            "os", "um", "uma", "na", "nas", "em", "com", "não", "são", "é", "muito", "muita",
            "também", "já", "estão", "foi", "seu", "você", "obrigado", "obrigada", "pelo", "pela",
            "ao", "aos", "às", "isso", "pode", "podes", "nosso", "nossa", "nossos", "equipa",
            "hoje", "ainda", "depois", "esse", "essa", "tem", "têm", "lhe", "até", "após", "nós",
            "num", "numa",
        ],
    ),
];

/// Function words of common languages replylint does not check (Dutch,
/// the Scandinavian languages, Polish, Romanian, Catalan) that none of the
/// six has: a text with more of them than of its guessed language's is in
/// none of the six, and detection says nothing rather than call Dutch
/// German. Words one of the six shares (`die`, `je`, `vi`, `u`) are left
/// out.
const OUTSIDE_WORDS: &[&str] = &[
    // nl
    "het",
    "een",
    "niet",
    "zijn",
    "wij",
    "jij",
    "uw",
    "deze",
    "naar",
    "voor",
    "ook",
    "maar",
    "kunt",
    "wordt",
    "heeft",
    "hebben",
    "bedankt",
    "graag",
    "jouw",
    "geen",
    "wel",
    "bij",
    "ons",
    "hoe",
    "vragen",
    "alstublieft",
    "wachten",
    "ingediend",
    "medewerker",
    "waar",
    "zal",
    "moet",
    "omdat",
    // sv, da, no
    "och",
    "att",
    "det",
    "som",
    "inte",
    "jag",
    "ikke",
    "jeg",
    "og",
    "har",
    "kan",
    "för",
    "til",
    "av",
    "med",
    "hva",
    "vad",
    "være",
    "vara",
    // pl
    "nie",
    "jest",
    "się",
    "że",
    "dla",
    "czy",
    "jak",
    // ro
    "și",
    "pentru",
    "nu",
    "sunt",
    "vă",
    "mulțumim",
    // ca
    "amb",
    "els",
    "perquè",
    "però",
];

/// Whether the function words of `prose` clearly lean to `language`: it
/// has at least [`MIN_LETTERS`] letters, two function words of that
/// language, and three times as many as of any other. Cheap: no engine
/// runs, so callers check this first when they expect a language.
pub fn leans(prose: &str, language: Language) -> bool {
    Tally::of(prose).leans(language)
}

/// The letters of a stretch of prose and its function words of each
/// language, counted in one pass: what [`leans`] and the detector's checks
/// need. Tallies add up: a text's is the sum of its sentences'.
/// Counts are `u32`, and saturate: a layout keeps a tally for each
/// sentence, 32 bytes rather than 64.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    letters: u32,
    /// Function words of each language, in [`Language::ALL`] order, then
    /// of the languages outside them ([`OUTSIDE_WORDS`]).
    words: [u32; 7],
}

const _: () = assert!(std::mem::size_of::<Tally>() == 32);

impl Tally {
    /// The letters counted.
    pub fn letters(&self) -> usize {
        self.letters as usize
    }

    pub fn of(prose: &str) -> Tally {
        let mut tally = Tally::default();
        let mut lower = String::new();
        let bytes = prose.as_bytes();
        // The word being read, and its key as far as it goes while it is
        // ASCII (lower-cased as it is read): most words need no other pass.
        let mut word: Option<Word> = None;
        let mut i = 0;
        // Byte by byte, decoding only what is not ASCII.
        while i < bytes.len() {
            let b = bytes[i];
            let (letter, len) = if b.is_ascii() {
                (b.is_ascii_alphabetic(), 1)
            } else {
                prose[i..]
                    .chars()
                    .next()
                    .map_or((false, 1), |c| (c.is_alphabetic(), c.len_utf8()))
            };
            if letter {
                tally.letters = tally.letters.saturating_add(1);
                word.get_or_insert(Word::new(i)).push(b);
            } else if let Some(w) = word.take() {
                tally.count(w.language(&prose[w.start..i], &mut lower));
            }
            i += len;
        }
        if let Some(w) = word {
            tally.count(w.language(&prose[w.start..], &mut lower));
        }
        tally
    }

    fn count(&mut self, function_word: Option<usize>) {
        if let Some(language) = function_word {
            self.words[language] = self.words[language].saturating_add(1);
        }
    }

    fn plus(mut self, other: &Tally) -> Tally {
        self.letters = self.letters.saturating_add(other.letters);
        for (a, b) in self.words.iter_mut().zip(other.words) {
            *a = a.saturating_add(b);
        }
        self
    }

    /// The function words of `language`, and the most of any other one.
    fn own_and_other(&self, language: Language) -> (usize, usize) {
        let own = self.words[index(language)];
        let other = Language::ALL
            .into_iter()
            .filter(|&l| l != language)
            .map(|l| self.words[index(l)])
            .chain([self.words[OUTSIDE]])
            .max()
            .unwrap_or(0);
        (own as usize, other as usize)
    }

    /// See [`leans`].
    pub fn leans(&self, language: Language) -> bool {
        if self.letters() < MIN_LETTERS {
            return false;
        }
        let (own, other) = self.own_and_other(language);
        own >= 2 && own >= 3 * other
    }
}

/// The slot of [`Tally`]'s words for the languages outside the six.
const OUTSIDE: usize = 6;

/// Position of `language` in [`Language::ALL`].
fn index(language: Language) -> usize {
    Language::ALL
        .iter()
        .position(|&l| l == language)
        .unwrap_or_default()
}

/// A word of at most 16 bytes as one number, its bytes in order (little
/// end first), zeros after it: no word has a NUL, so two words have the same
/// key only if they are the same word. Comparing and hashing a number
/// costs less than a string, and function words are short.
type WordKey = u128;

/// The key of `bytes`, lower-cased as ASCII; `None` if longer than a key.
fn word_key(bytes: &[u8]) -> Option<WordKey> {
    if bytes.len() > 16 {
        return None;
    }
    Some(bytes.iter().enumerate().fold(0, |key, (i, b)| {
        key | WordKey::from(b.to_ascii_lowercase()) << (8 * i)
    }))
}

/// Hashes a [`WordKey`] with one multiplication: the keys are few and
/// known, and a hash of the whole key spreads them well enough.
#[derive(Default)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write_u128(&mut self, key: u128) {
        let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        self.0 = folded.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only keys are hashed; any other input still hashes (FNV-1a).
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Function word (its [`WordKey`]) → index of its language in
/// [`Language::ALL`].
static FUNCTION_WORD_INDEX: LazyLock<
    HashMap<WordKey, usize, std::hash::BuildHasherDefault<KeyHasher>>,
> = LazyLock::new(|| {
    let outside = OUTSIDE_WORDS.iter().map(|w| (OUTSIDE, w));
    FUNCTION_WORDS
        .iter()
        .flat_map(|(language, words)| words.iter().map(move |w| (index(*language), w)))
        .chain(outside)
        .filter_map(|(slot, w)| {
            let key = word_key(w.as_bytes());
            debug_assert!(key.is_some(), "function word {w} is over 16 bytes");
            key.map(|key| (key, slot))
        })
        .collect()
});

/// A word being read by [`Tally::of`].
struct Word {
    start: usize,
    /// The [`WordKey`] of its first bytes (up to 16), lower-cased.
    key: WordKey,
    /// Its length in bytes so far, if they are all ASCII.
    ascii_len: Option<usize>,
}

impl Word {
    fn new(start: usize) -> Self {
        Word {
            start,
            key: 0,
            ascii_len: Some(0),
        }
    }

    /// Adds a letter that starts with the byte `b`.
    fn push(&mut self, b: u8) {
        match self.ascii_len {
            Some(len) if b.is_ascii() => {
                if len < 16 {
                    self.key |= WordKey::from(b.to_ascii_lowercase()) << (8 * len);
                }
                self.ascii_len = Some(len + 1);
            }
            _ => self.ascii_len = None,
        }
    }

    /// [`function_word`] of the word, which is `text`.
    fn language(&self, text: &str, lower: &mut String) -> Option<usize> {
        match self.ascii_len {
            Some(len) if len <= 16 => FUNCTION_WORD_INDEX.get(&self.key).copied(),
            Some(_) => None,
            None => function_word(text, lower),
        }
    }
}

/// The language (index in [`Language::ALL`]) whose function word `word`
/// is, if any; `lower` is scratch space.
fn function_word(word: &str, lower: &mut String) -> Option<usize> {
    if word.is_ascii() {
        // Most words are ASCII: lowered as they are copied into the key.
        return FUNCTION_WORD_INDEX
            .get(&word_key(word.as_bytes())?)
            .copied();
    }
    // A character lowers to a third of its bytes at the least (`K`, the
    // Kelvin sign, to `k`): a longer word is no function word.
    if word.len() > 3 * 16 {
        return None;
    }
    lower.clear();
    // Char by char: no final sigma, which no function word has.
    lower.extend(word.chars().flat_map(char::to_lowercase));
    FUNCTION_WORD_INDEX
        .get(&word_key(lower.as_bytes())?)
        .copied()
}

#[cfg(test)]
/// How many function words of each language (in [`Language::ALL`] order)
/// `text` has.
fn function_words(text: &str) -> [usize; 7] {
    Tally::of(text).words.map(|n| n as usize)
}

pub use super::prose::prose;

/// Number of letters in `text`.
pub fn letters(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphabetic()).count()
}

/// The paragraphs of `text` (blocks separated by blank lines), as byte
/// ranges trimmed of surrounding whitespace; empty ones are skipped.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    for line in crate::text::lines(text) {
        if text[line.clone()].trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(s..end);
            }
        } else {
            start.get_or_insert(line.start);
            end = line.end;
        }
    }
    if let Some(s) = start {
        out.push(s..end);
    }
    out.into_iter().map(|r| trim(text, r)).collect()
}

/// The sentences of the paragraph `range` of `text`: split after `.`, `!`,
/// `?` or `…` followed by white space, and at line breaks; trimmed, empty
/// ones skipped.
pub fn sentences(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    let mut chars = text[range.clone()].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at = range.start + i;
        let ends = match c {
            '\n' => Some(at),
            '.' | '!' | '?' | '…' => chars
                .peek()
                .filter(|(_, next)| next.is_whitespace())
                .map(|_| at + c.len_utf8()),
            _ => None,
        };
        if let Some(end) = ends {
            out.push(start..end);
            start = end;
        }
    }
    out.push(start..range.end);
    out.into_iter()
        .map(|r| trim(text, r))
        .filter(|r| !r.is_empty())
        .collect()
}

/// `range` of `text` without leading and trailing white space.
fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let start = range.start + (s.len() - s.trim_start().len());
    let end = range.end - (s.len() - s.trim_end().len());
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_blanks_non_prose_and_keeps_offsets() {
        let text =
            "Ciao {{name}}, scrivi a help@acme.it o vai su https://acme.it/x. Ordine #A123, @acme";
        let p = prose(text);
        assert_eq!(p.len(), text.len());
        assert!(!p.contains("name"));
        assert!(!p.contains("help"));
        assert!(!p.contains("https"));
        assert!(!p.contains("A123"));
        assert!(!p.contains("acme"));
        assert!(p.starts_with("Ciao "));
        assert!(p.contains("scrivi a"));
    }

    #[test]
    fn detects_confidently_or_not_at_all() {
        let d = Detector::default();
        let it = d
            .detect("Gentile cliente, la ringraziamo per averci contattato. Il rimborso è stato emesso oggi e lo riceverà entro cinque giorni lavorativi.")
            .expect("confident");
        assert_eq!(it.language, Language::It);
        assert!(d.detect("Grazie!").is_none());
        assert!(d.detect("").is_none());
        assert!(d.detect("12345 https://acme.com").is_none());
    }

    #[test]
    fn function_words_belong_to_one_language() {
        let mut seen = std::collections::BTreeMap::new();
        for (language, words) in FUNCTION_WORDS {
            for w in words {
                assert_eq!(*w, w.to_lowercase(), "{w}");
                assert!(seen.insert(*w, language).is_none(), "{w} listed twice");
                assert!(
                    word_key(w.as_bytes()).is_some(),
                    "{w} is too long for a key"
                );
            }
        }
        let outside: std::collections::BTreeSet<_> = OUTSIDE_WORDS.iter().collect();
        assert_eq!(
            outside.len(),
            OUTSIDE_WORDS.len(),
            "an outside word listed twice"
        );
        assert_eq!(FUNCTION_WORD_INDEX.len(), seen.len() + outside.len());
        // Words read as ASCII, as not, too long for a key, at the end.
        let it = index(Language::It);
        let mut words = [0; 7];
        words[index(Language::En)] = 2;
        words[it] = 3;
        assert_eq!(
            Tally::of("PERCHÉ più l'abbiamo, thethethethethethethe THE the").words,
            words
        );
        let de = Some(index(Language::De));
        assert_eq!(function_word("Über", &mut String::new()), de);
        assert_eq!(function_word("FÜR", &mut String::new()), de);
        assert_eq!(function_word("THE", &mut String::new()), Some(0));
        assert_eq!(function_word("thee", &mut String::new()), None);
        assert_eq!(function_word("th", &mut String::new()), None);
        assert_eq!(
            function_words("The parcel is on its way, and we will text you."),
            [6, 0, 0, 0, 0, 0, 0]
        );
    }

    #[test]
    fn function_words_confirm_an_unsure_guess_and_veto_a_wrong_one() {
        let d = Detector::default();
        // Short, with names of days that look Romance: `whatlang` alone is
        // unsure.
        let sentence =
            prose("Our customer service team is available Monday to Friday from 9 am to 6 pm.");
        let en = d
            .detect_sentence(&sentence, &Tally::of(&sentence))
            .expect("function words agree");
        assert_eq!(en.language, Language::En);
        // Italian with English loanwords is not English.
        let it = "Il feedback sul customer care è stato inoltrato al team marketing.";
        assert_ne!(d.detect(it).map(|g| g.language), Some(Language::En));
    }

    #[test]
    fn outside_words_are_no_function_word_of_the_six() {
        for w in OUTSIDE_WORDS {
            for (language, words) in FUNCTION_WORDS {
                assert!(!words.contains(w), "{w} is a {language:?} function word");
            }
        }
    }

    #[test]
    fn text_in_a_language_outside_the_six_is_not_detected() {
        let detector = Detector::default();
        for text in [
            "Je bericht is verhuisd naar een geschiktere categorie. Neem in de toekomst wat meer tijd om de juiste categorie te kiezen, want dit helpt ons allemaal.",
            "Hierbij een transcript van de chat waar u net aan deelnam. Met vriendelijke groet, het team.",
            "Tack för att du kontaktade oss. Vi har tagit emot din beställning och det är inte klart än, men vi hör av oss snart.",
        ] {
            assert_eq!(detector.detect(text), None, "{text}");
        }
        let german = "Vielen Dank für Ihre Nachricht. Wir haben Ihre Bestellung erhalten und werden sie so schnell wie möglich bearbeiten.";
        assert_eq!(
            detector.detect(german).map(|d| d.language),
            Some(Language::De)
        );
    }

    #[test]
    fn leaning_needs_enough_letters_and_a_clear_majority_of_function_words() {
        let it = prose(
            "Il tuo ordine è partito oggi e arriverà entro giovedì presso il punto di ritiro.",
        );
        assert!(leans(&it, Language::It));
        assert!(!leans(&it, Language::En));
        assert!(!leans("è di per", Language::It), "too short");
        let both = "Il team ha ricevuto the report and the logs: è tutto per oggi.";
        assert!(!leans(both, Language::It));
    }

    #[test]
    fn a_text_tallies_as_its_paragraphs_and_a_paragraph_as_its_sentences() {
        let text = "Ciao Anna,\r\n\r\nil tuo ordine è partito oggi. The parcel is on its way!\n\
                    Grazie per la pazienza…  Scrivi a help@acme.it.\n\n\n  Vielen Dank und bis bald";
        let p = prose(text);
        let sum = |ranges: Vec<Range<usize>>| {
            ranges
                .into_iter()
                .fold(Tally::default(), |t, r| t.plus(&Tally::of(&p[r])))
        };
        for para in paragraphs(text) {
            assert_eq!(sum(sentences(text, para.clone())), Tally::of(&p[para]));
        }
        let whole = Tally::of(&p);
        assert_eq!(sum(paragraphs(text)), whole);
        assert_eq!(Layout::of(text, &p).tally(), whole);
        assert_eq!(whole.letters(), letters(&p));
        assert_eq!(whole.words.map(|n| n as usize), function_words(&p));
        assert_eq!(
            whole.words.iter().filter(|&&n| n > 0).count(),
            3,
            "{whole:?}"
        );
    }

    #[test]
    fn candidates_restrict_detection() {
        let d = Detector::new(&[Language::It, Language::En]);
        assert_eq!(d.candidates(), &[Language::En, Language::It]);
        assert!(!d.knows(Language::De));
        let text = "Vielen Dank für Ihre Nachricht. Wir haben Ihre Bestellung geprüft und die Rückerstattung veranlasst.";
        assert_ne!(d.guess(text).map(|g| g.language), Some(Language::De));
    }

    #[test]
    fn paragraphs_and_sentences_are_trimmed_ranges() {
        let text = "  Hi Anna,\n\nFirst one. Second one!\nThird\n\n\n  Last.  ";
        let paras: Vec<&str> = paragraphs(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            paras,
            ["Hi Anna,", "First one. Second one!\nThird", "Last."]
        );
        let p = paragraphs(text)[1].clone();
        let s: Vec<&str> = sentences(text, p).into_iter().map(|r| &text[r]).collect();
        assert_eq!(s, ["First one.", "Second one!", "Third"]);
        assert!(paragraphs("").is_empty());
        assert!(sentences("", 0..0).is_empty());
    }
}
