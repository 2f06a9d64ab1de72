//! The facts lexicon, `rules/lexicon/facts.toml`, compiled: the subjects
//! and qualifiers, and every phrase of the file (cues, number words, units,
//! currencies, the words around ranges and opening hours) as a sequence of
//! folded keys, found at the items of a text ([`super::scan`]) by their
//! first key.

use super::items::{self, ItemKind};
use super::{DurationUnit, FactKind};
use crate::lang::Language;
use foldhash::HashMap;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// A set of languages, one bit each in the order of [`Language::ALL`].
pub(super) type Langs = u8;

/// Every language.
pub(super) const ALL_LANGS: Langs = (1 << Language::ALL.len()) - 1;

/// The bit of `language`.
pub(super) fn lang_bit(language: Language) -> Langs {
    let i = Language::ALL
        .iter()
        .position(|&l| l == language)
        .unwrap_or_default();
    1 << i
}

/// A set of [`FactKind`]s, one bit each.
pub(super) type Kinds = u8;

pub(super) const fn kind_bit(kind: FactKind) -> Kinds {
    1 << kind as u8
}

/// The unit a unit word names, before normalisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Day,
    BusinessDay,
    Week,
    Fortnight,
    Month,
    Year,
    Hour,
    Minute,
}

impl Unit {
    /// The unit a count of this is normalised to, and by how much the
    /// count is multiplied.
    pub(super) fn normal(self) -> (DurationUnit, u32) {
        match self {
            Unit::Day => (DurationUnit::Days, 1),
            Unit::BusinessDay => (DurationUnit::BusinessDays, 1),
            Unit::Week => (DurationUnit::Days, 7),
            Unit::Fortnight => (DurationUnit::Days, 14),
            Unit::Month => (DurationUnit::Months, 1),
            Unit::Year => (DurationUnit::Months, 12),
            Unit::Hour => (DurationUnit::Hours, 1),
            Unit::Minute => (DurationUnit::Minutes, 1),
        }
    }
}

/// What a phrase of the lexicon says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Meaning {
    /// Names the subject of this index in [`Lexicon::subjects`].
    Subject(u8),
    /// Names the qualifier of this index in [`Lexicon::qualifiers`].
    Qualifier(u8),
    /// A number word.
    Number(u32),
    /// "a", "una", "eine": one, after a window word.
    Article,
    Unit(Unit),
    /// A currency, by ISO 4217 code.
    Currency([u8; 3]),
    Window,
    RangeFrom,
    RangeBetween,
    RangeTo,
    RangeAnd,
    NotWindowBefore,
    NotWindowAfter,
    HoursCue,
    TimeFrom,
    TimeTo,
    TimeFiller,
    Am,
    Pm,
    OClock,
    PhoneCue,
    Reference,
    /// What a window counts from ("of delivery", "dalla consegna"): the
    /// subject it names is not the window's.
    Anchor,
}

/// One key of a phrase: a folded word (or mark) matched whole, or the
/// start of a word (`rimbors*`).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Key {
    Exact(Box<str>),
    Stem(Box<str>),
}

impl Key {
    fn matches(&self, folded: &str) -> bool {
        match self {
            Key::Exact(k) => **k == *folded,
            Key::Stem(s) => folded.starts_with(&**s),
        }
    }
}

#[derive(Debug, Clone)]
struct Phrase {
    keys: Box<[Key]>,
    meaning: Meaning,
    langs: Langs,
}

/// A subject of facts.
#[derive(Debug, Clone)]
pub(super) struct Subject {
    pub id: String,
    pub kinds: Kinds,
    /// Facts about it are not extracted (the customer's own number).
    pub skip: bool,
    pub name: String,
    /// How messages name its time window.
    pub label: Option<String>,
}

impl Subject {
    pub(super) fn takes(&self, kind: FactKind) -> bool {
        self.kinds & kind_bit(kind) != 0
    }
}

/// A qualifier of subjects.
#[derive(Debug, Clone)]
pub(super) struct Qualifier {
    pub id: String,
    /// The subjects it qualifies, by index.
    pub subjects: Vec<u8>,
    pub kinds: Kinds,
}

impl Qualifier {
    pub(super) fn applies(&self, subject: u8, kind: FactKind) -> bool {
        self.kinds & kind_bit(kind) != 0 && self.subjects.contains(&subject)
    }
}

/// One phrase found in a text: items `start..end`, and what it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Found {
    pub start: u32,
    pub end: u32,
    pub meaning: Meaning,
    pub langs: Langs,
}

/// The compiled lexicon.
#[derive(Debug)]
pub(super) struct Lexicon {
    pub subjects: Vec<Subject>,
    pub qualifiers: Vec<Qualifier>,
    /// The subject of each kind's facts whose sentence names none, by
    /// `FactKind as usize`.
    pub generic: [Option<u8>; 6],
    phrases: Vec<Phrase>,
    /// Phrases by their first key, when it is a whole word.
    by_first: HashMap<Box<str>, Vec<u32>>,
    /// Phrases by their first key, when it is a stem.
    by_stem: HashMap<Box<str>, Vec<u32>>,
    /// The first three bytes of every stem: a word that starts otherwise
    /// starts no stem.
    stem_heads: Vec<[u8; 3]>,
}

/// Shortest stem, in bytes: [`Lexicon::stem_heads`] holds three.
const MIN_STEM: usize = 3;

impl Lexicon {
    /// The subject with this id.
    pub(super) fn subject(&self, id: &str) -> Option<(u8, &Subject)> {
        self.subjects
            .iter()
            .enumerate()
            .find(|(_, s)| s.id == id)
            .map(|(i, s)| (i as u8, s))
    }

    /// The qualifier with this id.
    pub(super) fn qualifier(&self, id: &str) -> Option<(u8, &Qualifier)> {
        self.qualifiers
            .iter()
            .enumerate()
            .find(|(_, q)| q.id == id)
            .map(|(i, q)| (i as u8, q))
    }

    /// Every phrase found at `count` items whose folded keys `key` gives
    /// (`None`: no phrase goes through it), whatever its language,
    /// sorted by first item (and longest first).
    pub(super) fn find<'k>(
        &self,
        count: usize,
        key: impl Fn(usize) -> Option<&'k str>,
    ) -> Vec<Found> {
        let mut out = Vec::new();
        for i in 0..count {
            let Some(first) = key(i) else { continue };
            let exact = self.by_first.get(first).into_iter().flatten();
            let stems = self.stems_of(first).flatten();
            for &p in exact.chain(stems) {
                let phrase = &self.phrases[p as usize];
                let mut j = i + 1;
                let mut all = true;
                for k in &phrase.keys[1..] {
                    match key(j) {
                        Some(folded) if k.matches(folded) => j += 1,
                        _ => {
                            all = false;
                            break;
                        }
                    }
                }
                if all {
                    out.push(Found {
                        start: i as u32,
                        end: j as u32,
                        meaning: phrase.meaning,
                        langs: phrase.langs,
                    });
                }
            }
        }
        // By start, then longest first.
        out.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        out
    }

    /// The phrase lists of the stems `word` starts with.
    fn stems_of<'w>(&'w self, word: &'w str) -> impl Iterator<Item = &'w Vec<u32>> + 'w {
        let bytes = word.as_bytes();
        let possible = bytes.len() >= MIN_STEM
            && self
                .stem_heads
                .binary_search(&[bytes[0], bytes[1], bytes[2]])
                .is_ok();
        (MIN_STEM..=word.len())
            .take_while(move |_| possible)
            .filter(move |&end| word.is_char_boundary(end))
            .filter_map(move |end| self.by_stem.get(&word[..end]))
    }

    /// Every phrase's keys (each with whether it is a stem) and meaning.
    pub(super) fn phrase_keys(&self) -> impl Iterator<Item = (Vec<(&str, bool)>, Meaning)> + '_ {
        self.phrases.iter().map(|p| {
            let keys = p
                .keys
                .iter()
                .map(|k| match k {
                    Key::Exact(k) => (&**k, false),
                    Key::Stem(s) => (&**s, true),
                })
                .collect();
            (keys, p.meaning)
        })
    }

    /// What a word glued to a number says ("h" of "48h", "day" of
    /// "30-day"): its one-word phrases in `langs`.
    pub(super) fn word_meanings<'w>(
        &'w self,
        folded: &'w str,
        langs: Langs,
    ) -> impl Iterator<Item = Meaning> + 'w {
        let exact = self.by_first.get(folded).into_iter().flatten();
        let stems = self.stems_of(folded).flatten();
        exact
            .chain(stems)
            .map(|&p| &self.phrases[p as usize])
            .filter(move |p| p.keys.len() == 1 && p.langs & langs != 0)
            .map(|p| p.meaning)
    }
}

// ------------------------------------------------------------- the file

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    generic: BTreeMap<String, String>,
    subjects: BTreeMap<String, RawSubject>,
    qualifiers: BTreeMap<String, RawQualifier>,
    numbers: BTreeMap<String, BTreeMap<String, u32>>,
    units: BTreeMap<String, RawUnits>,
    words: BTreeMap<String, RawWords>,
    currencies: BTreeMap<String, Vec<String>>,
}

/// A subject: its fields, and its cues by language code (a key that is
/// not a language is an error).
#[derive(Deserialize)]
struct RawSubject {
    kinds: Vec<String>,
    #[serde(default)]
    skip: bool,
    name: String,
    label: Option<String>,
    #[serde(flatten)]
    cues: BTreeMap<String, Vec<String>>,
}

#[derive(Deserialize)]
struct RawQualifier {
    subjects: Vec<String>,
    kinds: Vec<String>,
    #[serde(flatten)]
    cues: BTreeMap<String, Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawUnits {
    #[serde(default)]
    day: Vec<String>,
    #[serde(default)]
    business_day: Vec<String>,
    #[serde(default)]
    week: Vec<String>,
    #[serde(default)]
    fortnight: Vec<String>,
    #[serde(default)]
    month: Vec<String>,
    #[serde(default)]
    year: Vec<String>,
    #[serde(default)]
    hour: Vec<String>,
    #[serde(default)]
    minute: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawWords {
    article: Vec<String>,
    window: Vec<String>,
    range_from: Vec<String>,
    range_between: Vec<String>,
    range_to: Vec<String>,
    range_and: Vec<String>,
    not_window_before: Vec<String>,
    not_window_after: Vec<String>,
    hours_cue: Vec<String>,
    time_from: Vec<String>,
    time_to: Vec<String>,
    time_filler: Vec<String>,
    am: Vec<String>,
    pm: Vec<String>,
    oclock: Vec<String>,
    phone_cue: Vec<String>,
    reference: Vec<String>,
    anchor: Vec<String>,
}

/// A kind by its name in the lexicon and the `[facts]` table.
pub(super) fn kind_named(name: &str) -> Option<FactKind> {
    Some(match name {
        "duration" => FactKind::Duration,
        "money" => FactKind::Money,
        "phone" => FactKind::Phone,
        "email" => FactKind::Email,
        "url" => FactKind::Url,
        "hours" => FactKind::Hours,
        _ => return None,
    })
}

fn kinds_of(names: &[String]) -> Result<Kinds, String> {
    names.iter().try_fold(0, |acc, n| {
        kind_named(n)
            .map(|k| acc | kind_bit(k))
            .ok_or_else(|| format!("unknown kind `{n}`"))
    })
}

/// The language of a table or key named by its code.
fn language(code: &str) -> Result<Language, String> {
    code.parse::<Language>()
}

/// The keys of a phrase: its items ([`items::items_of`]) folded, a word
/// followed right away by `*` a stem.
fn keys_of(phrase: &str) -> Result<Box<[Key]>, String> {
    plain_keys(phrase).map_or_else(|| tokenized_keys(phrase), Ok)
}

/// [`keys_of`] any phrase, from its items.
fn tokenized_keys(phrase: &str) -> Result<Box<[Key]>, String> {
    let items = items::items_of(phrase);
    let mut keys: Vec<Key> = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let item = &items[i];
        let text = crate::text::fold_str(&phrase[item.range.clone()]);
        let starred = items
            .get(i + 1)
            .is_some_and(|n| n.range.start == item.range.end && &phrase[n.range.clone()] == "*");
        if starred {
            if text.len() < MIN_STEM {
                return Err(format!("stem `{phrase}` is shorter than {MIN_STEM} bytes"));
            }
            keys.push(Key::Stem(text.into()));
            i += 2;
            continue;
        }
        match item.kind {
            ItemKind::Word | ItemKind::Punct | ItemKind::Number => {
                keys.push(Key::Exact(text.into()))
            }
            other => return Err(format!("`{phrase}` holds {other:?}")),
        }
        i += 1;
    }
    if keys.is_empty() {
        return Err(format!("empty phrase `{phrase}`"));
    }
    Ok(keys.into())
}

/// The keys of a phrase of letters in words one space apart (most of
/// them: "days", "a couple of", "días hábiles"), each word an item of its
/// own: what [`keys_of`] reads them into, without tokenizing them (a
/// third of the lexicon's cost to load). `None` for any other phrase.
fn plain_keys(phrase: &str) -> Option<Box<[Key]>> {
    phrase
        .split(' ')
        .map(|w| {
            (!w.is_empty() && w.chars().all(char::is_alphabetic))
                .then(|| Key::Exact(crate::text::fold_str(w).into_boxed_str()))
        })
        .collect()
}

fn parse<'a>(text: impl Into<crate::lang::builtin::Source<'a>>) -> Result<Lexicon, String> {
    let raw: RawFile = text.into().read()?;
    let mut phrases: Vec<Phrase> = Vec::new();
    let mut add = |phrase: &str, meaning: Meaning, langs: Langs| -> Result<(), String> {
        phrases.push(Phrase {
            keys: keys_of(phrase)?,
            meaning,
            langs,
        });
        Ok(())
    };

    let mut subjects = Vec::new();
    let mut subject_cues = Vec::new();
    for (id, s) in raw.subjects {
        if id.contains('-') || id.contains(':') {
            return Err(format!("subject id `{id}` has a `-` or `:`"));
        }
        subjects.push(Subject {
            id,
            kinds: kinds_of(&s.kinds)?,
            skip: s.skip,
            name: s.name,
            label: s.label,
        });
        subject_cues.push(s.cues);
    }
    let mut generic = [None; 6];
    for (kind, subject) in raw.generic {
        let kind = kind_named(&kind).ok_or_else(|| format!("[generic]: unknown kind `{kind}`"))?;
        let index = match subjects.iter().position(|s| s.id == subject) {
            Some(i) => i,
            None => {
                subjects.push(Subject {
                    id: subject.clone(),
                    kinds: 0,
                    skip: false,
                    name: subject.clone(),
                    label: None,
                });
                subject_cues.push(BTreeMap::new());
                subjects.len() - 1
            }
        };
        subjects[index].kinds |= kind_bit(kind);
        generic[kind as usize] = Some(index as u8);
    }
    for (index, cues) in subject_cues.into_iter().enumerate() {
        for (code, list) in cues {
            let langs = lang_bit(language(&code)?);
            for phrase in list {
                add(&phrase, Meaning::Subject(index as u8), langs)?;
            }
        }
    }

    let mut qualifiers = Vec::new();
    for (index, (id, q)) in raw.qualifiers.into_iter().enumerate() {
        let mut of = Vec::new();
        for s in &q.subjects {
            let i = subjects
                .iter()
                .position(|x| x.id == *s)
                .ok_or_else(|| format!("qualifier `{id}`: unknown subject `{s}`"))?;
            of.push(i as u8);
        }
        for (code, list) in q.cues {
            let langs = lang_bit(language(&code)?);
            for phrase in list {
                add(&phrase, Meaning::Qualifier(index as u8), langs)?;
            }
        }
        if id.contains('-') || id.contains(':') {
            return Err(format!("qualifier id `{id}` has a `-` or `:`"));
        }
        qualifiers.push(Qualifier {
            id,
            subjects: of,
            kinds: kinds_of(&q.kinds)?,
        });
    }

    for (code, numbers) in raw.numbers {
        let langs = lang_bit(language(&code)?);
        for (word, n) in numbers {
            add(&word, Meaning::Number(n), langs)?;
        }
    }
    for (code, units) in raw.units {
        let langs = lang_bit(language(&code)?);
        let lists = [
            (units.day, Unit::Day),
            (units.business_day, Unit::BusinessDay),
            (units.week, Unit::Week),
            (units.fortnight, Unit::Fortnight),
            (units.month, Unit::Month),
            (units.year, Unit::Year),
            (units.hour, Unit::Hour),
            (units.minute, Unit::Minute),
        ];
        for (list, unit) in lists {
            for phrase in list {
                add(&phrase, Meaning::Unit(unit), langs)?;
            }
        }
    }
    for (code, w) in raw.words {
        let langs = lang_bit(language(&code)?);
        let lists = [
            (w.article, Meaning::Article),
            (w.window, Meaning::Window),
            (w.range_from, Meaning::RangeFrom),
            (w.range_between, Meaning::RangeBetween),
            (w.range_to, Meaning::RangeTo),
            (w.range_and, Meaning::RangeAnd),
            (w.not_window_before, Meaning::NotWindowBefore),
            (w.not_window_after, Meaning::NotWindowAfter),
            (w.hours_cue, Meaning::HoursCue),
            (w.time_from, Meaning::TimeFrom),
            (w.time_to, Meaning::TimeTo),
            (w.time_filler, Meaning::TimeFiller),
            (w.am, Meaning::Am),
            (w.pm, Meaning::Pm),
            (w.oclock, Meaning::OClock),
            (w.phone_cue, Meaning::PhoneCue),
            (w.reference, Meaning::Reference),
            (w.anchor, Meaning::Anchor),
        ];
        for (list, meaning) in lists {
            for phrase in list {
                add(&phrase, meaning, langs)?;
            }
        }
    }
    for (code, names) in raw.currencies {
        let bytes: [u8; 3] = code
            .as_bytes()
            .try_into()
            .ok()
            .filter(|b: &[u8; 3]| b.iter().all(u8::is_ascii_uppercase))
            .ok_or_else(|| format!("currency code `{code}` is not three capitals"))?;
        for name in names {
            add(&name, Meaning::Currency(bytes), ALL_LANGS)?;
        }
    }

    let mut by_first: HashMap<Box<str>, Vec<u32>> = HashMap::default();
    let mut by_stem: HashMap<Box<str>, Vec<u32>> = HashMap::default();
    let mut stem_heads = Vec::new();
    for (i, p) in phrases.iter().enumerate() {
        match &p.keys[0] {
            Key::Exact(k) => by_first.entry(k.clone()).or_default().push(i as u32),
            Key::Stem(s) => {
                let b = s.as_bytes();
                stem_heads.push([b[0], b[1], b[2]]);
                by_stem.entry(s.clone()).or_default().push(i as u32);
            }
        }
    }
    stem_heads.sort_unstable();
    stem_heads.dedup();
    Ok(Lexicon {
        subjects,
        qualifiers,
        generic,
        phrases,
        by_first,
        by_stem,
        stem_heads,
    })
}

/// The built-in lexicon, compiled once.
pub(super) static LEXICON: LazyLock<Lexicon> =
    LazyLock::new(|| crate::lang::builtin::load("facts", parse));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lexicon_compiles_with_every_language_and_subject() {
        let lx = &*LEXICON;
        for id in [
            "refund",
            "return",
            "exchange",
            "delivery",
            "response",
            "warranty",
            "cancellation",
            "trial",
            "support",
            "contact",
        ] {
            assert!(lx.subject(id).is_some(), "{id}");
        }
        // A subject takes opening hours or durations, never both: `-hours`
        // in the `[facts]` table means one or the other by subject.
        for s in &lx.subjects {
            assert!(
                !(s.takes(FactKind::Duration) && s.takes(FactKind::Hours)),
                "{}",
                s.id
            );
        }
    }

    #[test]
    fn plain_phrases_have_the_keys_their_items_give() {
        let mut all = crate::lang::builtin::strings_of(crate::lang::builtin::text("facts"));
        all.extend(
            [
                "Days",
                "a couple of",
                "e-mail",
                "48h",
                "un'ora",
                "a  b",
                " a",
                "Ärger",
                "İstanbul",
                "ǅ",
                "",
            ]
            .map(String::from),
        );
        let mut plain = 0;
        for phrase in &all {
            if let Some(keys) = plain_keys(phrase) {
                plain += 1;
                assert_eq!(Ok(keys), tokenized_keys(phrase), "{phrase:?}");
            }
        }
        // Most phrases take the short way, and the others do not.
        assert!(plain > all.len() / 2, "{plain} of {}", all.len());
        for phrase in [
            "e-mail", "48h", "un'ora", "a  b", " a", "", "rimbors*", "a\u{301}",
        ] {
            assert_eq!(plain_keys(phrase), None, "{phrase:?}");
        }
    }

    #[test]
    fn stems_and_phrases_are_found_by_their_first_key() {
        let lx = &*LEXICON;
        let text = "Rückerstattung rimborsato entro un'ora";
        let tokens = crate::analysis::tokens::tokenize(text);
        let scan = crate::analysis::facts::scan::Scan::new(text, &tokens, None);
        let found: Vec<(String, Meaning)> = scan
            .found
            .iter()
            .map(|f| {
                let a = scan.items[f.start as usize].range.start;
                let b = scan.items[f.end as usize - 1].range.end;
                (text[a..b].to_owned(), f.meaning)
            })
            .collect();
        let refund = Meaning::Subject(lx.subject("refund").unwrap().0);
        assert!(
            found.contains(&("Rückerstattung".to_owned(), refund)),
            "{found:?}"
        );
        assert!(
            found.contains(&("rimborsato".to_owned(), refund)),
            "{found:?}"
        );
        assert!(
            found.contains(&("entro".to_owned(), Meaning::Window)),
            "{found:?}"
        );
        assert!(
            found.contains(&("un".to_owned(), Meaning::Article)),
            "{found:?}"
        );
        assert!(
            found.contains(&("ora".to_owned(), Meaning::Unit(Unit::Hour))),
            "{found:?}"
        );
    }
}
