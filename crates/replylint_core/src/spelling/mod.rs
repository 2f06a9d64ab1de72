//! Spelling: which words a language's dictionaries accept, and what to
//! suggest for the others.
//!
//! A [`Speller`] holds the dictionaries of a run, each loaded the first
//! time a reply needs it, and a cache of every word it has judged, shared
//! by the threads that lint replies, so each distinct word is checked
//! once per run.
//!
//! - English (en-US) is built in ([`english`]).
//! - The other variants ([`Variant`]) are Hunspell dictionaries read with
//!   `spellbook`; finding their files is the caller's
//!   ([`DictionarySource`]; `replylint_io` searches the usual Hunspell
//!   folders). A variant whose files are not found is not checked: the
//!   speller keeps one note about it for the run ([`Speller::notes`]).
//!   A dictionary compiled beforehand ([`compiled`]) is looked up in its
//!   word forms, and its files are read only for a word the forms cannot
//!   decide.
//!
//! A word is correct when a dictionary of the reply's variants accepts it,
//! or the built-in support vocabulary or the team's `accept` list does
//! ([`words`]), or, in a reply in another language than English, the
//! English list does (support replies borrow English words). Besides, on English replies with no variant chosen a
//! British spelling is accepted when its American form is (`colour`); a
//! verb with a pronoun written onto it when the verb is (`informarLa`,
//! `contáctanos`); a word joined by hyphens or apostrophes when its parts
//! are (`nell'app`); and a German compound when its parts are, with or
//! without a linking `s` (`Sendungsnummer`: `Sendung`, `Nummer`).
//! Suggestions are the dictionary words one edit away ([`suggest`]).

pub mod compiled;
pub mod english;
pub mod suggest;
pub mod words;

use crate::lang::Language;
pub use crate::lang::variant::Variant;
use english::English;
use std::collections::HashMap;
use std::fmt;
use std::hash::BuildHasher;
use std::sync::{Arc, Mutex, OnceLock};
use words::{Rejected, WordList};

/// The text of a Hunspell dictionary's two files, and where they were
/// found (for messages).
#[derive(Debug, Clone)]
pub struct HunspellFiles {
    pub aff: String,
    pub dic: String,
    pub origin: String,
}

/// Where a run's Hunspell dictionaries come from.
pub trait DictionarySource: Send + Sync + fmt::Debug {
    /// The files of `variant`: `None` when none is found, an error when
    /// files are found but cannot be read. For en-US, only files the
    /// configuration names: otherwise the built-in list is used.
    fn load(&self, variant: Variant) -> Option<Result<HunspellFiles, String>>;

    /// Where [`DictionarySource::load`] looks, for the note about a
    /// dictionary it did not find (`/usr/share/hunspell, …`).
    fn searched(&self) -> String;

    /// The compiled forms of the files [`DictionarySource::load`] would
    /// read for `variant`, when they were compiled ([`compiled`]) and the
    /// files have not changed since: the speller then reads the files
    /// only for a word the forms do not have.
    fn compiled(&self, _variant: Variant) -> Option<compiled::Forms> {
        None
    }
}

/// No Hunspell dictionaries: English only, with the built-in list (the
/// library without a file system, the WebAssembly build).
#[derive(Debug, Default)]
pub struct BuiltinOnly;

impl DictionarySource for BuiltinOnly {
    fn load(&self, _: Variant) -> Option<Result<HunspellFiles, String>> {
        None
    }

    fn searched(&self) -> String {
        "nowhere (this build has English only)".into()
    }
}

/// One loaded dictionary.
enum Checker {
    English,
    Hunspell {
        dictionary: Box<spellbook::Dictionary>,
        /// The letters its suggestions may use (the `TRY` line).
        alphabet: Vec<char>,
    },
    /// A compiled dictionary, and its files, read the first time a word
    /// is not among its forms.
    Compiled {
        forms: compiled::Forms,
        variant: Variant,
        source: Arc<dyn DictionarySource>,
        files: OnceLock<Result<Box<Checker>, String>>,
    },
}

impl fmt::Debug for Checker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Checker::English => f.write_str("English"),
            Checker::Hunspell { alphabet, .. } => f
                .debug_struct("Hunspell")
                .field("alphabet", &alphabet.len())
                .finish_non_exhaustive(),
            Checker::Compiled { forms, files, .. } => f
                .debug_struct("Compiled")
                .field("forms", &forms.len())
                .field("files", &files.get().map(Result::is_ok))
                .finish_non_exhaustive(),
        }
    }
}

/// The letters of English suggestions.
const ENGLISH_ALPHABET: &str = "esiarntolcdugmphbyfvkwzxjq'";

impl Checker {
    fn hunspell(files: &HunspellFiles) -> Result<Checker, String> {
        let dictionary = spellbook::Dictionary::new(&files.aff, &files.dic)
            .map_err(|e| format!("{}: {e}", files.origin))?;
        let alphabet =
            compiled::alphabet(&files.aff).unwrap_or_else(|| ENGLISH_ALPHABET.chars().collect());
        Ok(Checker::Hunspell {
            dictionary: Box::new(dictionary),
            alphabet,
        })
    }

    /// The dictionary a compiled one was compiled from, read now if it
    /// was not yet; `None` when it cannot be read.
    fn files(&self) -> Option<&Checker> {
        let Checker::Compiled {
            variant,
            source,
            files,
            ..
        } = self
        else {
            return Some(self);
        };
        files
            .get_or_init(|| match source.load(*variant) {
                Some(Ok(read)) => Checker::hunspell(&read).map(Box::new),
                Some(Err(e)) => Err(e),
                None => Err(format!("the {} dictionary's files are gone", variant.tag())),
            })
            .as_deref()
            .ok()
    }

    fn check(&self, word: &str) -> bool {
        match self {
            Checker::English => words::accepts(word, English::has),
            Checker::Hunspell { dictionary, .. } => dictionary.check(word),
            Checker::Compiled { forms, .. } => forms
                .verdict(word)
                .unwrap_or_else(|| self.files().is_some_and(|c| c.check(word))),
        }
    }

    /// Whether `word`, exactly as written, may be suggested.
    fn suggestable(&self, word: &str) -> bool {
        match self {
            Checker::English => English::suggestable(word),
            Checker::Hunspell { dictionary, .. } => dictionary.check(word),
            // As for the dictionary it was compiled from.
            Checker::Compiled { .. } => self.check(word),
        }
    }

    fn alphabet(&self) -> Vec<char> {
        match self {
            Checker::English => ENGLISH_ALPHABET.chars().collect(),
            Checker::Hunspell { alphabet, .. } => alphabet.clone(),
            Checker::Compiled { forms, .. } => match forms.alphabet() {
                Some(letters) => letters.to_vec(),
                None => self.files().map(Checker::alphabet).unwrap_or_default(),
            },
        }
    }

    /// Why the files of a compiled dictionary could not be read, once
    /// they were needed.
    fn unreadable(&self) -> Option<&str> {
        match self {
            Checker::Compiled { files, .. } => files.get()?.as_ref().err().map(String::as_str),
            Checker::English | Checker::Hunspell { .. } => None,
        }
    }
}

/// A variant's dictionary, once looked for.
#[derive(Debug)]
enum Loaded {
    Ready(Checker),
    /// Not found (`None`), or found and unreadable: why.
    Missing(Option<String>),
}

/// The dictionaries a reply is checked with: its language's variants, and
/// whether British spellings are accepted besides (English with no
/// variant chosen).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    pub language: Language,
    pub variants: Vec<Variant>,
    pub british: bool,
}

impl Selection {
    /// The variants `chosen` for `language` (from the configuration), or
    /// the language's defaults.
    pub fn new(language: Language, chosen: &[Variant]) -> Selection {
        let variants: Vec<Variant> = chosen
            .iter()
            .copied()
            .filter(|v| v.language() == language)
            .collect();
        if variants.is_empty() {
            Selection {
                language,
                variants: Variant::defaults(language).to_vec(),
                british: language == Language::En,
            }
        } else {
            Selection {
                language,
                variants,
                british: false,
            }
        }
    }

    /// A small number naming the selection in the cache.
    fn key(&self) -> u16 {
        let bits = self.variants.iter().fold(0u16, |k, v| k | 1 << v.index());
        bits | u16::from(self.british) << 8
    }
}

/// What the speller says of a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Correct,
    /// No dictionary of the selection could be loaded: not checked.
    Unchecked,
    /// Not a word of the dictionaries ([`Speller::suggest`] has the
    /// closest ones).
    Misspelt,
    /// A word of the team's or the built-in lists written in another case
    /// (`Iphone`): the listed form.
    Miscased(String),
    /// A word the team rejects, with the form it prefers, if any.
    Rejected(Option<String>),
}

/// The team's own words: `[spelling] accept` and `reject`, inline and
/// from their files.
#[derive(Debug, Clone, Default)]
pub struct TeamWords {
    pub accept: WordList,
    pub reject: Rejected,
}

/// Most suggestions given for a word.
pub const MAX_SUGGESTIONS: usize = 3;

/// The cache's shards: threads judging different words rarely wait for
/// each other.
const SHARDS: usize = 16;

/// Words judged, each with its verdicts by [`Selection::key`] (nearly
/// always one).
type Shard<T> = Mutex<HashMap<Box<str>, Vec<(u16, T)>, foldhash::fast::RandomState>>;

/// The dictionaries and word lists of a run, and what it has judged.
pub struct Speller {
    source: Arc<dyn DictionarySource>,
    loaded: [OnceLock<Loaded>; Variant::ALL.len()],
    team: TeamWords,
    cache: [Shard<Verdict>; SHARDS],
    suggestions: [Shard<Arc<[String]>>; SHARDS],
    hasher: foldhash::fast::RandomState,
}

impl fmt::Debug for Speller {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Speller")
            .field("source", &self.source)
            .field("team", &self.team)
            .finish_non_exhaustive()
    }
}

impl Default for Speller {
    fn default() -> Self {
        Speller::new(Box::new(BuiltinOnly), TeamWords::default())
    }
}

impl Speller {
    pub fn new(source: Box<dyn DictionarySource>, team: TeamWords) -> Speller {
        Speller {
            source: Arc::from(source),
            loaded: Default::default(),
            team,
            cache: Default::default(),
            suggestions: Default::default(),
            hasher: Default::default(),
        }
    }

    pub fn team(&self) -> &TeamWords {
        &self.team
    }

    fn loaded(&self, variant: Variant) -> &Loaded {
        self.loaded[variant.index()].get_or_init(|| {
            if let Some(forms) = self.source.compiled(variant) {
                return Loaded::Ready(Checker::Compiled {
                    forms,
                    variant,
                    source: Arc::clone(&self.source),
                    files: OnceLock::new(),
                });
            }
            self.read(variant)
        })
    }

    /// `variant`'s dictionary, read from its files.
    fn read(&self, variant: Variant) -> Loaded {
        match self.source.load(variant) {
            Some(Ok(files)) => match Checker::hunspell(&files) {
                Ok(checker) => Loaded::Ready(checker),
                Err(e) => Loaded::Missing(Some(e)),
            },
            Some(Err(e)) => Loaded::Missing(Some(e)),
            None if variant == Variant::EnUs => Loaded::Ready(Checker::English),
            None => Loaded::Missing(None),
        }
    }

    /// The loaded dictionaries of `selection`.
    fn checkers(&self, selection: &Selection) -> Vec<&Checker> {
        selection
            .variants
            .iter()
            .filter_map(|&v| match self.loaded(v) {
                Loaded::Ready(c) => Some(c),
                Loaded::Missing(_) => None,
            })
            .collect()
    }

    /// Whether every dictionary `selection` needs has been looked for and
    /// at least one was found (looking for them now).
    pub fn available(&self, selection: &Selection) -> bool {
        !self.checkers(selection).is_empty()
    }

    /// One note for each language whose dictionaries a reply needed and
    /// the run could not find (where they were looked for, how to install
    /// them), and one for each dictionary that could not be read.
    pub fn notes(&self) -> Vec<String> {
        let state = |v: Variant| self.loaded[v.index()].get();
        let mut notes = Vec::new();
        for language in Language::ALL {
            let variants = Variant::ALL
                .into_iter()
                .filter(|v| v.language() == language);
            let (mut missing, mut ready) = (Vec::new(), Vec::new());
            for v in variants {
                match state(v) {
                    Some(Loaded::Missing(None)) => missing.push(v),
                    Some(Loaded::Missing(Some(error))) => notes.push(format!(
                        "the {} spelling dictionary cannot be read ({error}); {} replies are not spell-checked with it",
                        v.tag(),
                        language.name()
                    )),
                    Some(Loaded::Ready(checker)) => match checker.unreadable() {
                        Some(error) => notes.push(format!(
                            "the {} spelling dictionary cannot be read ({error}); {} replies are checked with its compiled forms only",
                            v.tag(),
                            language.name()
                        )),
                        None => ready.push(v),
                    },
                    None => {}
                }
            }
            if !missing.is_empty() {
                notes.push(missing_note(&missing, &ready, &self.source.searched()));
            }
        }
        notes
    }

    /// What the speller says of `word` on a reply checked with
    /// `selection`.
    pub fn check(&self, word: &str, selection: &Selection) -> Verdict {
        let word = words::normalise(word);
        if !self.team.reject.is_empty()
            && let Some(preferred) = self.team.reject.get(&word)
        {
            return Verdict::Rejected(preferred.map(|p| words::with_case_of(&word, p)));
        }
        if !self.team.accept.is_empty() && self.team.accept.accepts(&word) {
            return Verdict::Correct;
        }
        self.cached(&self.cache, &word, selection, || {
            self.judge(&word, selection)
        })
    }

    /// What `shards` hold for `word` with `selection`, or `compute`'s
    /// result, kept there for the next time.
    fn cached<T: Clone>(
        &self,
        shards: &[Shard<T>; SHARDS],
        word: &str,
        selection: &Selection,
        compute: impl FnOnce() -> T,
    ) -> T {
        let key = selection.key();
        let shard = &shards[self.shard(word)];
        if let Ok(cache) = shard.lock()
            && let Some((_, v)) = cache
                .get(word)
                .and_then(|vs| vs.iter().find(|(k, _)| *k == key))
        {
            return v.clone();
        }
        let value = compute();
        if let Ok(mut cache) = shard.lock() {
            let entry = cache.entry(Box::from(word)).or_default();
            if !entry.iter().any(|(k, _)| *k == key) {
                entry.push((key, value.clone()));
            }
        }
        value
    }

    fn shard(&self, word: &str) -> usize {
        (self.hasher.hash_one(word) as usize) % SHARDS
    }

    fn judge(&self, word: &str, selection: &Selection) -> Verdict {
        let checkers = self.checkers(selection);
        if checkers.is_empty() {
            return Verdict::Unchecked;
        }
        if checkers.iter().any(|c| c.check(word)) {
            return Verdict::Correct;
        }
        // Only now the built-in vocabulary, read the first time a word is
        // not in the dictionary: most drafts never need it.
        if let Some(listed) = self
            .team
            .accept
            .miscased(word)
            .or_else(|| words::BUILTIN.any.miscased(word))
        {
            return Verdict::Miscased(listed.to_owned());
        }
        let vocabulary = words::BUILTIN.language(selection.language);
        // English words are everywhere in support replies in the other
        // languages (`account`, `reply`, a guide's English title): they
        // are accepted there too.
        let english = selection.language != Language::En;
        let native = |w: &str| {
            checkers.iter().any(|c| c.check(w))
                || words::BUILTIN.any.accepts(w)
                || self.team.accept.accepts(w)
                || vocabulary.is_some_and(|v| v.words.accepts(w))
        };
        let known = |w: &str| native(w) || (english && borrowed(w, &checkers));
        if self.accepted(word, selection, &known, &native) {
            return Verdict::Correct;
        }
        Verdict::Misspelt
    }

    /// The dictionary words closest to `word` (misspelt), best first, at
    /// most [`MAX_SUGGESTIONS`]; worked out once per word and selection,
    /// and only for the words a rule reports: the many names and terms it
    /// leaves alone never cost a search.
    pub fn suggest(&self, word: &str, selection: &Selection) -> Arc<[String]> {
        let word = words::normalise(word);
        self.cached(&self.suggestions, &word, selection, || {
            self.search(&word, selection)
        })
    }

    fn search(&self, word: &str, selection: &Selection) -> Arc<[String]> {
        let checkers = self.checkers(selection);
        let mut suggestions = Vec::new();
        for checker in &checkers {
            let alphabet = checker.alphabet();
            for s in suggest::one_edit(word, &alphabet, |c| {
                checker.check(c) && checker.suggestable(c)
            }) {
                if !suggestions.contains(&s) {
                    suggestions.push(s);
                }
            }
        }
        suggestions.truncate(MAX_SUGGESTIONS);
        suggestions.into()
    }

    /// Whether `word` is accepted, directly or through one of the
    /// language's ways of building words ([`Speller`]'s module docs).
    /// `known` says whether a word is accepted as written; `native`, the
    /// same without the English words accepted in other languages (German
    /// compounds are built of German words).
    fn accepted(
        &self,
        word: &str,
        selection: &Selection,
        known: &dyn Fn(&str) -> bool,
        native: &dyn Fn(&str) -> bool,
    ) -> bool {
        if known(word) {
            return true;
        }
        let vocabulary = words::BUILTIN.language(selection.language);
        if selection.british
            && let Some(v) = vocabulary
            && british(word, &v.british, known)
        {
            return true;
        }
        if let Some(v) = vocabulary
            && v.clitics.iter().any(|c| with_clitic(word, c, known))
        {
            return true;
        }
        if joined(word, known) {
            return true;
        }
        // English borrows words with their accents (`café`, `naïve`,
        // `résumé`), which the dictionary lists without.
        if selection.language == Language::En && !word.is_ascii() {
            let plain = crate::text::strip_accents(word);
            if plain != word && known(&plain) {
                return true;
            }
        }
        // Compounds are nouns, capitalised; the dictionary builds the
        // others itself.
        selection.language == Language::De
            && words::shape(word) == words::Shape::Title
            && compound(word, native, 0)
    }
}

/// Whether `word`, in a reply in another language, is an English word
/// used as is (`account`, `feedback`) rather than a word of the reply's
/// language with a letter dropped or an accent missing (Spanish `moment`
/// for `momento`, French `plait` for `plaît`).
fn borrowed(word: &str, checkers: &[&Checker]) -> bool {
    if !words::accepts(word, English::has) {
        return false;
    }
    let base = words::lower(word);
    let chars: Vec<char> = base.chars().collect();
    let native = |c: &Checker, cs: Vec<char>| {
        let w: String = cs.into_iter().collect();
        c.check(&w) || c.check(&words::title(&w))
    };
    !checkers.iter().any(|c| {
        let alphabet = c.alphabet();
        let dropped = (0..=chars.len()).any(|i| {
            alphabet.iter().any(|&l| {
                let mut cs = chars.clone();
                cs.insert(i, l);
                native(c, cs)
            })
        });
        dropped
            || (0..chars.len()).any(|i| {
                suggest::accented(chars[i]).iter().any(|&l| {
                    let mut cs = chars.clone();
                    cs[i] = l;
                    l != chars[i] && native(c, cs)
                })
            })
    })
}

/// The note for the dictionaries of one language not found (`missing`),
/// with those that were (`ready`).
fn missing_note(missing: &[Variant], ready: &[Variant], searched: &str) -> String {
    let language = missing[0].language();
    let tags = |vs: &[Variant]| vs.iter().map(|v| v.tag()).collect::<Vec<_>>().join(", ");
    let outcome = if ready.is_empty() {
        format!("{} replies are not spell-checked", language.name())
    } else {
        format!(
            "{} replies are checked with {} only",
            language.name(),
            tags(ready)
        )
    };
    let packages = missing
        .iter()
        .map(|v| format!("`apt install {}`", v.package()))
        .collect::<Vec<_>>()
        .join(" or ");
    let first = missing[0];
    let key = match Variant::defaults(language) {
        [_] if language != Language::En => language.code().to_owned(),
        _ => format!("\"{}\"", first.tag()),
    };
    format!(
        "no {} spelling dictionary found ({}; looked in {searched}); {outcome}. \
         Install one ({packages}) or name its files in the config: \
         `[spelling] dictionaries = {{ {key} = \"path/to/{}\" }}`",
        language.name(),
        tags(missing),
        first.file_names()[0],
    )
}

/// `colour` is accepted when `color` is: a British ending rewritten to the
/// American one.
fn british(word: &str, pairs: &[(String, String)], known: &dyn Fn(&str) -> bool) -> bool {
    let lower = words::lower(word);
    pairs.iter().any(|(gb, us)| {
        lower
            .strip_suffix(gb.as_str())
            .is_some_and(|stem| known(&format!("{stem}{us}")))
    })
}

/// `informarLa` is accepted when `informarla` is; `contáctanos` when
/// `contacta` is (the verb without the accent the pronoun adds),
/// `envíenos` when `envíe` is.
fn with_clitic(word: &str, clitic: &str, known: &dyn Fn(&str) -> bool) -> bool {
    let Some(verb) = word.strip_suffix(clitic) else {
        return false;
    };
    if verb.chars().count() < 3 {
        return false;
    }
    if clitic.chars().next().is_some_and(char::is_uppercase) {
        return known(&format!("{verb}{}", words::lower(clitic)));
    }
    // The pronoun moves the stress, so the verb takes an accent it lacks
    // alone (`contácta`): one written accent is what marks the form.
    let plain: String = crate::text::strip_accents(verb);
    plain != verb && (known(&plain) || known(verb))
}

/// A word joined by hyphens is accepted when each part is; one joined
/// by an apostrophe when the word after it is and the one before is too,
/// or is a short elided article or preposition (`nell'app`, `dell'`), or
/// the apostrophe makes a possessive (`Acme's`).
fn joined(word: &str, known: &dyn Fn(&str) -> bool) -> bool {
    if let Some((head, tail)) = word.rsplit_once('\'') {
        if head.is_empty() || tail.is_empty() {
            return false;
        }
        let head_ok = known(head) || joined(head, known) || head.chars().count() <= 5;
        return if tail == "s" {
            known(head) || joined(head, known)
        } else {
            head_ok && (known(tail) || joined(tail, known))
        };
    }
    let parts: Vec<&str> = word.split('-').collect();
    parts.len() >= 2 && parts.iter().all(|p| !p.is_empty() && known(p))
}

/// A German compound is accepted when it splits into accepted words, each
/// part after the first a noun (capitalised), with or without a linking
/// `s` or `n` between them.
fn compound(word: &str, known: &dyn Fn(&str) -> bool, depth: usize) -> bool {
    const MIN: usize = 3;
    if depth > 2 {
        return false;
    }
    let bounds: Vec<usize> = word.char_indices().map(|(i, _)| i).collect();
    if bounds.len() < 2 * MIN {
        return false;
    }
    for &at in &bounds[MIN..bounds.len() - MIN + 1] {
        let (head, tail) = word.split_at(at);
        let tail = words::title(tail);
        let head_known = known(head)
            || ["s", "n", "es", "en"].iter().any(|l| {
                head.strip_suffix(l)
                    .is_some_and(|h| h.chars().count() >= MIN && known(h))
            });
        if head_known && (known(&tail) || compound(&tail, known, depth + 1)) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests;
