//! Dates and promotions in a reply, and which of them end something: an
//! offer's validity ("valid until 31 December 2025", "offerta valida fino
//! al 30/11"), a deadline ("entro il 15 dicembre", "bis zum 31.12."), a
//! period ("dal 1° al 30 novembre"), a named promotion with its year
//! ("Black Friday 2024", "Natale 2023"), one said to be this year's ("this
//! Black Friday") or a promotion code with a year (`NOEL2024`). The
//! `expired` rule judges them against the day it is told is today.
//!
//! What is read, in six languages (it, en, es, fr, de, pt):
//! - numeric dates: `31/12/2025`, `31/12/25`, `31.12.2025`, `31-12-2025`,
//!   `2025-12-31`, and without a year `30/11` and `31.12.`. Day first,
//!   except in English: there a date is read month first when its second
//!   number cannot be a month (`12/31`) or when the reply is written in
//!   American English (`spelling-variants = ["en-US"]`), day first when
//!   the first number cannot be a month (`31/12`) or the reply is British
//!   (`en-GB`); otherwise `03/04` is not read, and `03/04/2025` is only a
//!   day of 2025. Dotted dates are always day first;
//! - dates with a month's name: `31 December 2025`, `December 31, 2025`,
//!   `Dec 31st`, `31 dicembre 2025`, `1° gennaio`, `31 de diciembre de
//!   2025`, `1er janvier`, `31. Dezember 2025`, `31 de dezembro de 2025`;
//!   a month and a year (`December 2025`, `dicembre 2025`, `Dez. 2025`);
//!   a month alone after a cue ("until December");
//! - a year alone, only after the cues that announce one ("valid until
//!   2025", "fino al 2025") and ending its clause.
//!
//! A date is a [`Mention`] only in the context of an end: right after a
//! cue of the lexicon (`validity` and `deadline`, with the `fillers` and
//! weekdays that may stand between: "until the end of December", "entro
//! il prossimo 30 novembre"), or as the last day of a period ("from 1 to
//! 31 December"). Order dates ("your order of 3 March"), "since 2019", a
//! dateline, a clause told in the past ("the promotion ran until…"), a
//! time written like a date ("alle 12.10.") and anything on a quoted line
//! (`> …`) or in inline code are not. The words are data, per language,
//! in `rules/lexicon/dates.toml`.

use crate::date::{Date, days_in_month};
use crate::lang::Language;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::tokens::{Kind, Token};

/// The lexicon's maps: hashed with `foldhash`, fast on short keys.
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
type HashSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

/// How a numeric date whose two numbers could each be the day is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// `03/04` is 3 April.
    DayFirst,
    /// `03/04` is 4 March (American English).
    MonthFirst,
    /// `03/04` is not read; `31/12` and `12/31` are.
    Either,
}

/// When a promotion is, each year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromotionDay {
    /// The same day every year (Christmas: 12-25).
    Fixed { month: u32, day: u32 },
    /// The day after the fourth Thursday of November.
    BlackFriday,
    /// The Monday after Black Friday.
    CyberMonday,
    /// A day not computed here (sales seasons, Easter): only its year is
    /// known.
    Year,
}

impl PromotionDay {
    /// Its day in `year`, if it has a known one.
    pub fn in_year(self, year: i32) -> Option<Date> {
        match self {
            PromotionDay::Fixed { month, day } => Date::new(year, month, day),
            PromotionDay::BlackFriday => {
                let first = Date::new(year, 11, 1)?;
                // 3: Thursday (0 is Monday).
                let to_thursday = (3 + 7 - first.weekday()) % 7;
                first.add_days(i64::from(to_thursday) + 21 + 1)
            }
            PromotionDay::CyberMonday => PromotionDay::BlackFriday.in_year(year)?.add_days(3),
            PromotionDay::Year => None,
        }
    }
}

/// What a mention says ends, as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// A full date.
    Date(Date),
    /// A day of a month, without a year.
    DayMonth { month: u32, day: u32 },
    /// A month of a year.
    MonthYear { year: i32, month: u32 },
    /// A month, without a year.
    Month(u32),
    /// A year alone.
    Year(i32),
    /// A named promotion, with its year if one is written.
    Promotion {
        day: PromotionDay,
        year: Option<i32>,
    },
}

/// Why a mention is an end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// After a cue that an offer stops being valid ("valid until").
    Validity,
    /// After a cue of a deadline or the end of a period ("until",
    /// "entro").
    Deadline,
    /// The last day of a period ("from 1 to 31 December").
    Period,
    /// A promotion named with its year ("Black Friday 2024").
    Promotion,
    /// A promotion said to be this year's ("this Black Friday").
    This,
    /// A promotion code ending in a year (`NOEL2024`).
    Code,
}

/// A date or promotion that ends something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The date or promotion phrase, as a byte range of the body.
    pub span: Range<usize>,
    pub when: When,
    pub why: Why,
    /// Whether the date was written with numbers only (its reading is
    /// worth showing: `03/12` is 3 December).
    pub numeric: bool,
    /// Whether its sentence speaks of an offer (a word of the lexicon's
    /// `offer-words`: "discount", "sconto", "Gutschein"…), or it is a
    /// promotion: then what ended is an offer.
    pub offer: bool,
}

// ------------------------------------------------------------- lexicon

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawLanguage {
    months: Vec<Vec<String>>,
    abbreviations: Vec<Vec<String>>,
    weekdays: Vec<String>,
    lower_case_words: Vec<String>,
    validity: Vec<String>,
    deadline: Vec<String>,
    years: Vec<String>,
    fillers: Vec<String>,
    range_from: Vec<String>,
    range_to: Vec<String>,
    this: Vec<String>,
    units: Vec<String>,
    time_before: Vec<String>,
    time_after: Vec<String>,
    promotion_words: Vec<String>,
    offer_words: Vec<String>,
    past_words: Vec<String>,
    day_month: Vec<String>,
    month_year: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPromotion {
    date: String,
    names: Vec<String>,
    codes: Vec<String>,
}

/// `[promotions.*]` and one table per language (an unknown table is an
/// error: its name is not a language code), each read as an `L`: the
/// whole of it ([`RawLanguage`]) or what [`Names`] needs
/// ([`RawLanguageNames`]). Read by hand rather than with
/// `#[serde(flatten)]`, which reads the whole file twice (a third of a
/// draft's time in this lexicon).
#[derive(Debug)]
struct RawTables<L> {
    promotions: BTreeMap<String, RawPromotion>,
    languages: BTreeMap<String, L>,
}

type RawLexicon = RawTables<RawLanguage>;

impl<'de, L: Deserialize<'de>> Deserialize<'de> for RawTables<L> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Tables<L>(std::marker::PhantomData<L>);
        impl<'de, L: Deserialize<'de>> serde::de::Visitor<'de> for Tables<L> {
            type Value = RawTables<L>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("`[promotions]` and one table per language")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<RawTables<L>, A::Error> {
                let mut promotions = None;
                let mut languages = BTreeMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    if key == "promotions" {
                        promotions = Some(map.next_value()?);
                    } else {
                        let language = map.next_value()?;
                        languages.insert(key, language);
                    }
                }
                let promotions =
                    promotions.ok_or_else(|| serde::de::Error::missing_field("promotions"))?;
                Ok(RawTables {
                    promotions,
                    languages,
                })
            }
        }
        deserializer.deserialize_map(Tables(std::marker::PhantomData))
    }
}

/// The part of a language's table that [`Names`] reads; the other keys
/// are skipped unread.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct RawLanguageNames {
    months: Vec<Vec<String>>,
    abbreviations: Vec<Vec<String>>,
    lower_case_words: Vec<String>,
}

/// What a folded word can be.
#[derive(Debug, Clone, Copy, Default)]
struct Roles {
    /// A month (1 to 12), and whether by its full name.
    month: Option<(u32, bool)>,
    /// Written in lower case, a word rather than a month ("may").
    lower_case_word: bool,
    weekday: bool,
    filler: bool,
    range_from: bool,
    range_to: bool,
    unit: bool,
    time_before: bool,
    time_after: bool,
    promotion_word: bool,
    offer_word: bool,
    day_month: bool,
    month_year: bool,
}

/// A cue: folded words, what it announces, and whose language it is.
#[derive(Debug, Clone)]
struct Cue {
    words: Vec<String>,
    why: Why,
    /// Listed in `validity` or `deadline`: a date may follow it.
    dates: bool,
    /// Listed in `years`: a year alone may follow it.
    years: bool,
    english: bool,
    other: bool,
}

#[derive(Debug)]
struct Promotion {
    day: PromotionDay,
    /// Each name as folded words.
    names: Vec<Vec<String>>,
}

/// The dates lexicon, parsed and indexed, but for its [`Names`].
#[derive(Debug)]
struct Lexicon {
    roles: HashMap<String, Roles>,
    /// Cues by their last word.
    cues: HashMap<String, Vec<Cue>>,
    /// Phrases of "this", as folded words.
    this: Vec<Vec<String>>,
    /// The words of [`screen_by_regex`]'s regular expression, which is
    /// built the first time it is used.
    screen: ScreenWords,
    /// Words that tell a clause in the past, folded with their accents.
    past: HashSet<String>,
}

/// What the screen with the tokens ([`screen_by_tokens`]) needs of the
/// lexicon, read apart from the rest: a draft without a date reads
/// nothing else of it (a fifth of the instructions of one draft).
#[derive(Debug)]
struct Names {
    /// Month names and short forms, folded: their month and whether each
    /// is a full name ([`Roles::month`]) and a word in lower case
    /// ([`Roles::lower_case_word`]), the other roles unset.
    months: HashMap<String, Roles>,
    promotions: Vec<Promotion>,
    /// Promotions by the first word of one of their names.
    promotion_starts: HashMap<String, Vec<usize>>,
    /// Code stems (upper case) with their promotion.
    codes: Vec<(String, usize)>,
    /// Full month names and the first words of promotion names, folded.
    triggers: HashSet<String>,
    /// The first three letters of the triggers, folded, by
    /// [`start_index`]: a word that starts otherwise is not one of them.
    trigger_starts: Vec<bool>,
}

/// A word as compared: folded, without accents.
fn fold(word: &str) -> String {
    let folded = crate::text::fold_str(word);
    if folded.is_ascii() {
        return folded;
    }
    crate::text::strip_accents(&folded)
}

fn words_of(phrase: &str) -> Vec<String> {
    phrase.split_whitespace().map(fold).collect()
}

fn parse_day(text: &str) -> Result<PromotionDay, String> {
    match text {
        "black-friday" => Ok(PromotionDay::BlackFriday),
        "cyber-monday" => Ok(PromotionDay::CyberMonday),
        "year" => Ok(PromotionDay::Year),
        _ => {
            let (m, d) = text
                .split_once('-')
                .ok_or_else(|| format!("`{text}` is not MM-DD"))?;
            let (month, day) = (
                m.parse::<u32>().map_err(|e| format!("`{text}`: {e}"))?,
                d.parse::<u32>().map_err(|e| format!("`{text}`: {e}"))?,
            );
            Date::new(2024, month, day).ok_or_else(|| format!("`{text}` is not a day"))?;
            Ok(PromotionDay::Fixed { month, day })
        }
    }
}

fn parse_lexicon<'a>(text: impl Into<crate::lang::builtin::Source<'a>>) -> Result<Lexicon, String> {
    let raw: RawLexicon = text.into().read()?;
    let mut roles: HashMap<String, Roles> = HashMap::default();
    let mut cues: HashMap<String, Vec<Cue>> = HashMap::default();
    let mut this = Vec::new();
    let mut screen = ScreenWords::default();
    let mut past = HashSet::default();
    for (code, lang) in &raw.languages {
        let language: Language = code.parse()?;
        let english = language == Language::En;
        add_months(
            &mut roles,
            code,
            [&lang.months, &lang.abbreviations],
            |name, _, full| screen.add_month(name, full, &lang.lower_case_words),
        )?;
        let mut mark = |list: &[String], set: fn(&mut Roles)| {
            for w in list {
                set(roles.entry(fold(w)).or_default());
            }
        };
        mark(&lang.weekdays, |r| r.weekday = true);
        mark(&lang.lower_case_words, |r| r.lower_case_word = true);
        mark(&lang.fillers, |r| r.filler = true);
        mark(&lang.range_from, |r| r.range_from = true);
        mark(&lang.range_to, |r| r.range_to = true);
        mark(&lang.units, |r| r.unit = true);
        mark(&lang.time_before, |r| r.time_before = true);
        mark(&lang.time_after, |r| r.time_after = true);
        mark(&lang.promotion_words, |r| r.promotion_word = true);
        mark(&lang.offer_words, |r| r.offer_word = true);
        // Accents kept: `expiré` is past, `expire` present.
        past.extend(lang.past_words.iter().map(|w| crate::text::fold_str(w)));
        mark(&lang.day_month, |r| r.day_month = true);
        mark(&lang.month_year, |r| r.month_year = true);
        this.extend(lang.this.iter().map(|p| words_of(p)));
        let lists = [
            (&lang.validity, Why::Validity, false),
            (&lang.deadline, Why::Deadline, false),
            (&lang.years, Why::Deadline, true),
        ];
        let validity: Vec<Vec<String>> = lang.validity.iter().map(|p| words_of(p)).collect();
        for (list, why, years) in lists {
            for phrase in list {
                let words = words_of(phrase);
                // A year cue that starts with a validity cue announces an
                // offer's end too ("valable jusqu'en").
                let why = if years && validity.iter().any(|v| words.starts_with(v)) {
                    Why::Validity
                } else {
                    why
                };
                let Some(last) = words.last().cloned() else {
                    continue;
                };
                let same = cues.entry(last).or_default();
                match same.iter_mut().find(|c| c.words == words) {
                    Some(cue) => {
                        cue.years |= years;
                        cue.dates |= !years;
                        cue.english |= english;
                        cue.other |= !english;
                    }
                    None => same.push(Cue {
                        words,
                        why,
                        dates: !years,
                        years,
                        english,
                        other: !english,
                    }),
                }
            }
        }
    }
    // Longest cues first.
    for list in cues.values_mut() {
        list.sort_by_key(|c| std::cmp::Reverse(c.words.len()));
    }
    this.sort_by_key(|w| std::cmp::Reverse(w.len()));
    for p in raw.promotions.values() {
        screen.promotions.extend(p.names.iter().cloned());
    }
    Ok(Lexicon {
        roles,
        cues,
        this,
        screen,
        past,
    })
}

/// Set the month of each name of `lists` (full names, then short forms:
/// twelve lists of names each) in `roles`, and call `each` with every
/// name as written, folded, and whether it is a full one.
fn add_months(
    roles: &mut HashMap<String, Roles>,
    code: &str,
    lists: [&Vec<Vec<String>>; 2],
    mut each: impl FnMut(&str, &str, bool),
) -> Result<(), String> {
    for (list, full) in lists.into_iter().zip([true, false]) {
        if list.len() != 12 {
            return Err(format!("[{code}]: twelve months, not {}", list.len()));
        }
        for (i, names) in list.iter().enumerate() {
            for name in names {
                let month = u32::try_from(i + 1).unwrap_or(0);
                let key = fold(name);
                each(name, &key, full);
                let entry = roles.entry(key).or_default();
                match entry.month {
                    Some((m, _)) if m != month => {
                        return Err(format!("`{name}` names two months"));
                    }
                    Some((_, true)) => {}
                    _ => entry.month = Some((month, full)),
                }
            }
        }
    }
    Ok(())
}

/// Read the [`Names`] of a dates lexicon.
fn parse_names<'a>(text: impl Into<crate::lang::builtin::Source<'a>>) -> Result<Names, String> {
    let raw: RawTables<RawLanguageNames> = text.into().read()?;
    let mut months = HashMap::default();
    let mut triggers = HashSet::default();
    for (code, lang) in &raw.languages {
        add_months(
            &mut months,
            code,
            [&lang.months, &lang.abbreviations],
            |_, folded, full| {
                if full {
                    triggers.insert(folded.to_owned());
                }
            },
        )?;
    }
    // Any language's lower-case words, as the whole lexicon's roles have
    // them.
    for word in raw.languages.values().flat_map(|l| &l.lower_case_words) {
        if let Some(roles) = months.get_mut(&fold(word)) {
            roles.lower_case_word = true;
        }
    }
    let mut promotions = Vec::new();
    let mut promotion_starts: HashMap<String, Vec<usize>> = HashMap::default();
    let mut codes = Vec::new();
    for (name, p) in raw.promotions {
        let day = parse_day(&p.date).map_err(|e| format!("[promotions.{name}]: {e}"))?;
        let index = promotions.len();
        let names: Vec<Vec<String>> = p.names.iter().map(|n| words_of(n)).collect();
        for words in &names {
            if let Some(first) = words.first() {
                promotion_starts
                    .entry(first.clone())
                    .or_default()
                    .push(index);
                triggers.insert(first.clone());
            }
        }
        for code in p.codes {
            if code.is_empty() || !code.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(format!(
                    "[promotions.{name}]: code stem `{code}` is not upper-case letters"
                ));
            }
            codes.push((code, index));
        }
        promotions.push(Promotion { day, names });
    }
    let mut trigger_starts = vec![false; 1 << 15];
    for t in &triggers {
        let index = start_index(t)
            .ok_or_else(|| format!("`{t}` does not start with three letters once folded"))?;
        trigger_starts[index] = true;
    }
    Ok(Names {
        months,
        promotions,
        promotion_starts,
        codes,
        triggers,
        trigger_starts,
    })
}

/// The words of the lexicon the screen looks for, as written.
#[derive(Debug, Default)]
struct ScreenWords {
    /// Every month name and short form.
    months: Vec<String>,
    /// Full month names, any case.
    full: Vec<String>,
    /// Full month names that are words in lower case: capitalised only.
    capitalised: Vec<String>,
    promotions: Vec<String>,
}

impl ScreenWords {
    fn add_month(&mut self, name: &str, full: bool, lower_case_words: &[String]) {
        self.months.push(name.to_owned());
        if !full {
            return;
        }
        if lower_case_words.iter().any(|w| w == name) {
            let mut chars = name.chars();
            let capital: String = chars
                .next()
                .into_iter()
                .flat_map(char::to_uppercase)
                .collect();
            self.capitalised.push(capital + chars.as_str());
            self.capitalised.push(name.to_uppercase());
        } else {
            self.full.push(name.to_owned());
        }
    }

    /// One regular expression for every shape a mention can start from: a
    /// numeric date, a year, a promotion code, a day and a month's name in
    /// either order, a full month name, a promotion's name. Words are
    /// matched as written and without their accents, ASCII letters in any
    /// case (Unicode case folding would make it three times slower to
    /// compile), other letters also in upper case (`DÉCEMBRE`).
    fn pattern(&self) -> String {
        let any = |words: &[String]| {
            let mut all: Vec<String> = words
                .iter()
                .flat_map(|w| {
                    let upper = (!w.is_ascii()).then(|| {
                        let mut chars = w.chars();
                        let capital: String = chars
                            .next()
                            .into_iter()
                            .flat_map(char::to_uppercase)
                            .collect();
                        [w.to_uppercase(), capital + chars.as_str()]
                    });
                    [w.clone(), crate::text::strip_accents(w)]
                        .into_iter()
                        .chain(upper.into_iter().flatten())
                })
                .map(|w| {
                    w.split_whitespace()
                        .map(regex::escape)
                        .collect::<Vec<_>>()
                        .join(r"\s+")
                })
                .collect();
            // Longest first, so that an alternative is not cut short.
            all.sort_by_key(|w| std::cmp::Reverse(w.len()));
            all.dedup();
            all.join("|")
        };
        let (months, full, promotions) =
            (any(&self.months), any(&self.full), any(&self.promotions));
        let b = r"(?-u:\b)";
        let parts = [
            r"\d{1,4}[/.\-]\d{1,2}".to_owned(),
            format!(r"{b}(?:19|20)\d\d{b}"),
            r"[A-Z]{2,}[-_]?20\d\d".to_owned(),
            format!(
                r"\d(?i-u:st|nd|rd|th|er|re|ère|e|º|ª|°|o|a|\.)?\s+(?i-u:(?:de|of|di)\s+)?(?i-u:{months}){b}"
            ),
            format!(r"{b}(?i-u:{months})\.?\s+\d"),
            format!(r"{b}(?i-u:{full}){b}"),
            format!(r"{b}(?:{}){b}", self.capitalised.join("|")),
            format!(r"{b}(?i-u:{promotions}){b}"),
        ];
        parts.join("|")
    }
}

/// The built-in lexicon, parsed once.
static LEXICON: LazyLock<Lexicon> =
    LazyLock::new(|| crate::lang::builtin::load("dates", parse_lexicon));

/// The built-in lexicon's [`Names`], parsed once, and before the rest.
static NAMES: LazyLock<Names> = LazyLock::new(|| crate::lang::builtin::load("dates", parse_names));

// -------------------------------------------------------------- words

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WKind {
    Word,
    Number,
    Punct,
    /// A link, an address, a placeholder, an emoji: nothing a date is
    /// made of.
    Other,
}

/// A token as dates read it: a word with the apostrophe that ends it
/// (`l'`, `all'`), folded.
#[derive(Debug, Clone)]
struct W<'t> {
    range: Range<usize>,
    kind: WKind,
    /// As written.
    text: &'t str,
    /// Words folded without accents; numbers and marks as written.
    folded: String,
    capitalised: bool,
    /// A line break (or a skipped quoted line) comes before it.
    line_before: bool,
}

impl W<'_> {
    fn roles(&self) -> Roles {
        if self.kind != WKind::Word && self.kind != WKind::Punct {
            return Roles::default();
        }
        LEXICON.roles.get(&self.folded).copied().unwrap_or_default()
    }

    fn is_punct(&self, marks: &str) -> bool {
        self.kind == WKind::Punct && marks.contains(self.text)
    }
}

/// The byte ranges of the lines of `body` that quote (start with `>`).
fn quoted_lines(body: &str) -> Vec<Range<usize>> {
    crate::text::lines(body)
        .filter(|r| body[r.clone()].trim_start().starts_with('>'))
        .collect()
}

fn words_of_body<'t>(body: &'t str, tokens: &[Token]) -> Vec<W<'t>> {
    let quoted = quoted_lines(body);
    let mut q = 0;
    let mut out: Vec<W<'t>> = Vec::with_capacity(tokens.len());
    let mut prev_end = 0;
    let mut skipped = false;
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        i += 1;
        while q < quoted.len() && quoted[q].end < t.start() {
            q += 1;
        }
        if quoted.get(q).is_some_and(|r| r.contains(&t.start())) {
            skipped = true;
            continue;
        }
        let line_before = std::mem::take(&mut skipped)
            || body
                .get(prev_end..t.start())
                .is_some_and(|gap| gap.contains('\n'));
        prev_end = t.end();
        let text = &body[t.range()];
        let w = match t.kind {
            Kind::Word => {
                let mut range = t.range();
                let mut folded = fold(text);
                if let Some(next) = tokens.get(i)
                    && next.kind == Kind::Punctuation
                    && next.start() == range.end
                    && matches!(&body[next.range()], "'" | "\u{2019}")
                {
                    range.end = next.end();
                    folded.push('\'');
                    prev_end = range.end;
                    i += 1;
                }
                W {
                    text: &body[range.clone()],
                    range,
                    kind: WKind::Word,
                    folded,
                    capitalised: text.chars().next().is_some_and(char::is_uppercase),
                    line_before,
                }
            }
            Kind::Number => W {
                range: t.range(),
                kind: WKind::Number,
                text,
                folded: String::new(),
                capitalised: false,
                line_before,
            },
            Kind::Punctuation => W {
                range: t.range(),
                kind: WKind::Punct,
                text,
                folded: text.to_owned(),
                capitalised: false,
                line_before,
            },
            _ => W {
                range: t.range(),
                kind: WKind::Other,
                text,
                folded: String::new(),
                capitalised: false,
                line_before,
            },
        };
        out.push(w);
    }
    out
}

// ------------------------------------------------------------ numbers

/// A number token without what ends a clause after it (`2025,` `31.`):
/// the digits, and whether a dot followed them.
fn number_core(text: &str) -> (&str, bool) {
    let trimmed = text.trim_end_matches([',', ';', ':']);
    match trimmed.strip_suffix('.') {
        Some(core) => (core, true),
        None => (trimmed, false),
    }
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn number(s: &str) -> Option<u32> {
    if !all_digits(s) || s.len() > 4 {
        return None;
    }
    s.parse().ok()
}

/// A year written with four digits, 1900 to 2099.
fn year_of(core: &str) -> Option<i32> {
    (core.len() == 4)
        .then(|| number(core))
        .flatten()
        .filter(|y| (1900..=2099).contains(y))
        .and_then(|y| i32::try_from(y).ok())
}

/// A day of the month as written before or after a month's name: `31`,
/// `31st`, `1er`, `1º`, `31.` (German), a range of days `1-31` (its last).
fn day_of(text: &str) -> Option<u32> {
    let (core, _) = number_core(text);
    let digits = core.bytes().take_while(u8::is_ascii_digit).count();
    let (n, suffix) = core.split_at(digits);
    if let Some((from, to)) = core.split_once('-') {
        let (from, to) = (number(from)?, number(to)?);
        return (from < to && (1..=31).contains(&to) && from >= 1).then_some(to);
    }
    if !(1..=2).contains(&n.len()) {
        return None;
    }
    let suffix = suffix.to_lowercase();
    let ok = matches!(
        suffix.as_str(),
        "" | "st" | "nd" | "rd" | "th" | "er" | "re" | "ère" | "e" | "º" | "ª" | "°" | "o" | "a"
    );
    let day = number(n)?;
    (ok && (1..=31).contains(&day)).then_some(day)
}

/// A numeric date before its order is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Numeric {
    /// Unambiguous (year first, or dotted: day first).
    Known(When),
    /// `first/second[/year]`, written with `/` or `-`.
    Pair {
        first: u32,
        second: u32,
        year: Option<i32>,
    },
}

/// A numeric date: `31/12/2025`, `31/12/25`, `31.12.2025`, `31-12-2025`,
/// `2025-12-31`, `30/11`, `31.12.`.
fn numeric_date(text: &str) -> Option<Numeric> {
    let (core, dotted) = number_core(text);
    let sep = core.bytes().find(|b| matches!(b, b'/' | b'.' | b'-'))?;
    let parts: Vec<&str> = core.split(sep as char).collect();
    if parts.iter().any(|p| !all_digits(p)) {
        return None;
    }
    let full_year = |y: &str| match y.len() {
        4 => year_of(y),
        2 => number(y).and_then(|n| i32::try_from(2000 + n).ok()),
        _ => None,
    };
    match (parts.as_slice(), sep) {
        ([y, m, d], b'-' | b'/') if y.len() == 4 => {
            let date = Date::new(year_of(y)?, number(m)?, number(d)?)?;
            Some(Numeric::Known(When::Date(date)))
        }
        ([d, m, y], b'.') if d.len() <= 2 && m.len() <= 2 => {
            let date = Date::new(full_year(y)?, number(m)?, number(d)?)?;
            Some(Numeric::Known(When::Date(date)))
        }
        ([d, m], b'.') if dotted && d.len() <= 2 && m.len() <= 2 => {
            let (month, day) = (number(m)?, number(d)?);
            day_in_month(month, day).then_some(Numeric::Known(When::DayMonth { month, day }))
        }
        ([a, b, y], b'/' | b'-') if a.len() <= 2 && b.len() <= 2 => Some(Numeric::Pair {
            first: number(a)?,
            second: number(b)?,
            year: Some(full_year(y)?),
        }),
        ([a, b], b'/') if a.len() <= 2 && b.len() <= 2 => Some(Numeric::Pair {
            first: number(a)?,
            second: number(b)?,
            year: None,
        }),
        _ => None,
    }
}

/// Whether `day` is a day of `month` in some year (29 February is).
fn day_in_month(month: u32, day: u32) -> bool {
    (1..=12).contains(&month) && day >= 1 && day <= u32::from(days_in_month(2000, month as u8))
}

/// The date a pair of numbers is, read in `order`.
fn read_pair(first: u32, second: u32, year: Option<i32>, order: Order) -> Option<When> {
    let (month, day) = match order {
        Order::DayFirst => (second, first),
        Order::MonthFirst => (first, second),
        Order::Either if first == second || (first > 12 && second <= 12) => (second, first),
        Order::Either if first <= 12 && second > 12 => (first, second),
        Order::Either => return None,
    };
    match year {
        Some(year) => Date::new(year, month, day).map(When::Date),
        None => day_in_month(month, day).then_some(When::DayMonth { month, day }),
    }
}

// -------------------------------------------------------- expressions

/// A date expression: where it is among the words, what it says.
#[derive(Debug, Clone, Copy)]
struct Expr {
    /// Its words, `start..end`.
    start: usize,
    end: usize,
    numeric: Option<Numeric>,
    when: When,
    /// A month alone or a year alone: only after some cues.
    bare: Bare,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bare {
    No,
    Month,
    Year,
}

/// The month `w` names, if it does here.
fn month_of(w: &W<'_>) -> Option<(u32, bool)> {
    if w.kind != WKind::Word {
        return None;
    }
    let roles = w.roles();
    let month = roles.month?;
    if roles.lower_case_word && !w.capitalised {
        return None;
    }
    Some(month)
}

/// The index after a month word at `i` and the dot of its abbreviation
/// (a full name's dot ends a sentence).
fn after_month(w: &[W<'_>], i: usize) -> usize {
    let abbreviated = month_of(&w[i]).is_some_and(|(_, full)| !full);
    match w.get(i + 1) {
        Some(dot) if abbreviated && dot.is_punct(".") && dot.range.start == w[i].range.end => i + 2,
        _ => i + 1,
    }
}

/// The next word at `i` unless a line break comes before it.
fn next<'a, 't>(w: &'a [W<'t>], i: usize) -> Option<&'a W<'t>> {
    w.get(i).filter(|x| !x.line_before)
}

/// A year after a month at `i`: `, 2025`, `de 2025`, `2025`. Returns the
/// year and the index after it.
fn year_after(w: &[W<'_>], mut i: usize) -> Option<(i32, usize)> {
    if next(w, i).is_some_and(|x| x.is_punct(",")) {
        i += 1;
    }
    if next(w, i).is_some_and(|x| x.kind == WKind::Word && x.roles().month_year) {
        i += 1;
    }
    let x = next(w, i).filter(|x| x.kind == WKind::Number)?;
    let (core, _) = number_core(x.text);
    Some((year_of(core)?, i + 1))
}

/// The date expression that starts at word `i`, if one does.
fn expression_at(w: &[W<'_>], i: usize) -> Option<Expr> {
    let first = &w[i];
    match first.kind {
        WKind::Number => {
            // A day and a month's name: `31 December 2025`, `1° gennaio`,
            // `31 de diciembre de 2025`, `31. Dezember`.
            if let Some(day) = day_of(first.text) {
                let mut j = i + 1;
                if next(w, j).is_some_and(|x| x.is_punct("°º") && x.range.start == first.range.end)
                {
                    j += 1;
                }
                if next(w, j).is_some_and(|x| x.kind == WKind::Word && x.roles().day_month) {
                    j += 1;
                }
                if let Some((month, _)) = next(w, j).and_then(month_of) {
                    let end = after_month(w, j);
                    let expr = |end, when| Expr {
                        start: i,
                        end,
                        numeric: None,
                        when,
                        bare: Bare::No,
                    };
                    return match year_after(w, end) {
                        Some((year, end)) => {
                            Date::new(year, month, day).map(|d| expr(end, When::Date(d)))
                        }
                        None => day_in_month(month, day)
                            .then(|| expr(end, When::DayMonth { month, day })),
                    };
                }
            }
            if let Some(numeric) = numeric_date(first.text) {
                let when = match numeric {
                    Numeric::Known(when) => when,
                    // Resolved once the order is known.
                    Numeric::Pair { .. } => When::Year(0),
                };
                let yearless = matches!(
                    numeric,
                    Numeric::Pair { year: None, .. } | Numeric::Known(When::DayMonth { .. })
                );
                // `entro 10/12 giorni`: a count, not a date; `alle 12.10.`,
                // `12.10 Uhr`: a time.
                let time = || {
                    i > 0 && !first.line_before && w[i - 1].roles().time_before
                        || next(w, i + 1).is_some_and(|x| x.roles().time_after)
                };
                // Times are written with dots, never with slashes.
                let dotted = number_core(first.text).0.contains('.');
                if yearless && (next(w, i + 1).is_some_and(|x| x.roles().unit) || dotted && time())
                {
                    return None;
                }
                return Some(Expr {
                    start: i,
                    end: i + 1,
                    numeric: Some(numeric),
                    when,
                    bare: Bare::No,
                });
            }
            let (core, _) = number_core(first.text);
            let year = year_of(core)?;
            // A year alone ends its clause: `valid until 2025.`, not
            // `fino a 2000 caratteri`.
            let ends = core.len() < first.text.len()
                || match next(w, i + 1) {
                    None => true,
                    Some(x) => x.kind == WKind::Punct && !x.is_punct("-–/%€$£"),
                };
            ends.then_some(Expr {
                start: i,
                end: i + 1,
                numeric: None,
                when: When::Year(year),
                bare: Bare::Year,
            })
        }
        WKind::Word => {
            let (month, full) = month_of(first)?;
            let j = after_month(w, i);
            // `December 31, 2025`, `Dec 31st`.
            if let Some(x) = next(w, j).filter(|x| x.kind == WKind::Number)
                && let Some(day) = day_of(x.text)
                && !x.text.contains('-')
            {
                let expr = |end, when| Expr {
                    start: i,
                    end,
                    numeric: None,
                    when,
                    bare: Bare::No,
                };
                return match year_after(w, j + 1) {
                    Some((year, end)) => {
                        Date::new(year, month, day).map(|d| expr(end, When::Date(d)))
                    }
                    None => {
                        day_in_month(month, day).then(|| expr(j + 1, When::DayMonth { month, day }))
                    }
                };
            }
            // `December 2025`, `diciembre de 2025`.
            if let Some((year, end)) = year_after(w, j) {
                return Some(Expr {
                    start: i,
                    end,
                    numeric: None,
                    when: When::MonthYear { year, month },
                    bare: Bare::No,
                });
            }
            // `until December`: a month alone, by its full name.
            (full && next(w, j).is_none_or(|x| x.kind != WKind::Number)).then_some(Expr {
                start: i,
                end: j,
                numeric: None,
                when: When::Month(month),
                bare: Bare::Month,
            })
        }
        _ => None,
    }
}

// ------------------------------------------------------------ context

/// Who a cue belongs to: English, other languages, or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Speakers {
    english: bool,
    other: bool,
}

/// The cue that ends at word `k` (its words end there), longest first.
fn cue_ending_at(w: &[W<'_>], k: usize, years_only: bool) -> Option<&'static Cue> {
    let last = &w[k];
    if last.kind != WKind::Word && last.kind != WKind::Punct {
        return None;
    }
    let list = LEXICON.cues.get(&last.folded)?;
    list.iter().find(|cue| {
        (if years_only { cue.years } else { cue.dates })
            && cue.words.len() <= k + 1
            && cue.words.iter().rev().enumerate().all(|(back, word)| {
                let x = &w[k - back];
                (back == 0 || !w[k - back + 1].line_before)
                    && (x.kind == WKind::Word || x.kind == WKind::Punct)
                    && &x.folded == word
            })
    })
}

/// Whether word `k` ends a period's first day: `from 1`, `dal 1°`, `du
/// 1er`, `vom 1.`, `from 1 December 2025`; `ends` maps the last word of
/// each date expression to its first.
fn period_opens_before(w: &[W<'_>], k: usize, starts: &HashMap<usize, usize>) -> bool {
    let mut j = k;
    // The first day: a date expression or a day alone.
    if let Some(&start) = starts.get(&j) {
        j = start;
    } else {
        if w[j].is_punct("°º") && j > 0 {
            j -= 1;
        }
        if w[j].kind != WKind::Number || day_of(w[j].text).is_none() {
            return false;
        }
    }
    // Then the word that opens the period, maybe after fillers.
    let mut steps = 0;
    while j > 0 && steps < 3 && !w[j].line_before {
        j -= 1;
        steps += 1;
        let roles = w[j].roles();
        if roles.range_from {
            return true;
        }
        if !roles.filler {
            return false;
        }
    }
    false
}

/// Why the expression starting at word `start` is an end, if it is: a cue
/// before it (maybe after fillers and weekdays), or the period it closes.
fn context(
    w: &[W<'_>],
    start: usize,
    years_only: bool,
    starts: &HashMap<usize, usize>,
) -> Option<(Why, Speakers)> {
    let mut k = start;
    let mut steps = 0;
    while k > 0 && steps < 6 && !w[k].line_before {
        k -= 1;
        steps += 1;
        if let Some(cue) = cue_ending_at(w, k, years_only) {
            return Some((
                cue.why,
                Speakers {
                    english: cue.english,
                    other: cue.other,
                },
            ));
        }
        if years_only {
            // A year alone only right after its cue (and its articles).
            if !w[k].roles().filler {
                return None;
            }
            continue;
        }
        let roles = w[k].roles();
        if roles.range_to && k > 0 && !w[k].line_before && period_opens_before(w, k - 1, starts) {
            return Some((
                Why::Period,
                Speakers {
                    english: true,
                    other: true,
                },
            ));
        }
        if roles.filler || roles.weekday || w[k].is_punct(",") {
            continue;
        }
        return None;
    }
    None
}

/// Whether the sentence of word `i`, up to it, has a word of an offer
/// ("the discount is valid until", "l'offerta è valida fino al"), not
/// what follows ("order by 20 November, and the voucher…").
fn speaks_of_an_offer(w: &[W<'_>], i: usize) -> bool {
    let mut k = i;
    while k > 0 && !w[k].line_before && !w[k - 1].is_punct(".!?;") {
        k -= 1;
        if w[k].kind != WKind::Word {
            continue;
        }
        // `l'offerta`, `d'achat`: the word after the elided article.
        let elided = w[k]
            .folded
            .trim_end_matches('\'')
            .rsplit_once('\'')
            .map(|(_, word)| word);
        let offer = |word: &str| LEXICON.roles.get(word).is_some_and(|r| r.offer_word);
        if offer(&w[k].folded) || elided.is_some_and(offer) {
            return true;
        }
    }
    false
}

/// Whether the clause of the words `start..end` is told in the past: a
/// word of the lexicon's `past-words` ("the promotion ran until 30
/// November", "we were closed from 24 to 26 December", "l'offerta era
/// valida fino al"): a fact, not a promise. The clause runs from after
/// the last `,` `;` `:` or the sentence's start, up to the words (a date
/// follows its verb) or, with `after` (a promotion is the subject of its
/// verb: "Black Friday 2024 was a success"), to the clause's end.
fn told_in_the_past(w: &[W<'_>], start: usize, end: usize, after: bool) -> bool {
    let past =
        |x: &W<'_>| x.kind == WKind::Word && LEXICON.past.contains(&crate::text::fold_str(x.text));
    let mut k = start;
    while k > 0 && !w[k].line_before && !w[k - 1].is_punct(".!?;,:") {
        k -= 1;
        if past(&w[k]) {
            return true;
        }
    }
    after
        && w[end..]
            .iter()
            .take_while(|x| !x.line_before && !x.is_punct(".!?;,:"))
            .any(past)
}

// ---------------------------------------------------------- promotions

/// The promotion whose name starts at word `i`: its index and the index
/// after its name.
fn promotion_at(w: &[W<'_>], i: usize) -> Option<(usize, usize)> {
    if w[i].kind != WKind::Word {
        return None;
    }
    let candidates = NAMES.promotion_starts.get(&w[i].folded)?;
    let mut best: Option<(usize, usize)> = None;
    for &p in candidates {
        for name in &NAMES.promotions[p].names {
            let fits = name.iter().enumerate().all(|(n, word)| {
                w.get(i + n).is_some_and(|x| {
                    x.kind == WKind::Word && &x.folded == word && (n == 0 || !x.line_before)
                })
            });
            if fits && best.is_none_or(|(_, end)| i + name.len() > end) {
                best = Some((p, i + name.len()));
            }
        }
    }
    best
}

/// A year 2000 to 2099 written alone at word `i`.
fn promotion_year(w: &[W<'_>], i: usize) -> Option<i32> {
    let x = next(w, i).filter(|x| x.kind == WKind::Number)?;
    year_of(number_core(x.text).0).filter(|y| *y >= 2000)
}

/// The "this" phrase that ends right before word `i`: its first word.
fn this_before(w: &[W<'_>], i: usize) -> Option<usize> {
    LEXICON.this.iter().find_map(|phrase| {
        let start = i.checked_sub(phrase.len())?;
        let fits = phrase.iter().enumerate().all(|(n, word)| {
            let x = &w[start + n];
            x.kind == WKind::Word && &x.folded == word && (n == 0 || !x.line_before)
        }) && !w[i].line_before;
        fits.then_some(start)
    })
}

/// A promotion code ending in a year (`NOEL2024`, `XMAS-2025`): its
/// promotion's year.
fn code_year(text: &str) -> Option<i32> {
    let (core, _) = number_core(text);
    let letters = core.bytes().take_while(u8::is_ascii_uppercase).count();
    let (stem, rest) = core.split_at(letters);
    let year = rest.strip_prefix(['-', '_']).unwrap_or(rest);
    let year = year_of(year).filter(|y| *y >= 2000)?;
    let known = NAMES.codes.iter().any(|(code, _)| {
        if code.len() < 4 {
            stem == code
        } else {
            stem.contains(code.as_str())
        }
    });
    known.then_some(year)
}

// -------------------------------------------------------------- finding

/// Replies screened with their tokens before the regular expression is
/// compiled: its 3 ms would triple the time of one draft, and are paid
/// back in a library after about this many replies (the tokens a reply is
/// screened with cost some 10 µs when no other rule has split it yet).
const REGEX_AFTER: usize = 256;

/// Replies screened so far (not counted past [`REGEX_AFTER`]).
static SCREENED: AtomicUsize = AtomicUsize::new(0);

/// The screen's regular expression, compiled the first time it is used.
static SCREEN: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(&LEXICON.screen.pattern()).expect("the dates screen compiles (tested)")
});

/// Whether `body` may hold a mention: a numeric date, a year, a
/// promotion code, a day next to a month's name, a month's full name or a
/// promotion's name. Most replies have none: then their words need not be
/// read. [`mentions`] finds nothing in a body this rejects. The first
/// replies of a run are screened with their tokens (`tokens`, asked only
/// then), the others with a regular expression built once from the
/// lexicon, which needs no tokens.
pub fn worth_reading<'t>(body: &str, tokens: impl FnOnce() -> &'t [Token]) -> bool {
    let early = SCREENED.load(Ordering::Relaxed) < REGEX_AFTER
        && SCREENED.fetch_add(1, Ordering::Relaxed) < REGEX_AFTER;
    if early {
        screen_by_tokens(body, tokens())
    } else {
        screen_by_regex(body)
    }
}

/// The screen with the regular expression.
fn screen_by_regex(body: &str) -> bool {
    SCREEN.is_match(body)
}

/// The screen with the tokens: a number that can be part of a date, a
/// month's full name, a promotion's name.
fn screen_by_tokens(body: &str, tokens: &[Token]) -> bool {
    (body.bytes().any(|b| b.is_ascii_digit()) && has_dated_number(body, tokens))
        || has_names(body, tokens)
}

/// Whether a number of `tokens` can be part of a date: a numeric date, a
/// year, a promotion code, or a day next to a month's name (`Dec 31`, `31
/// dic.`).
fn has_dated_number(body: &str, tokens: &[Token]) -> bool {
    let month_near = |i: usize| {
        let near = i.saturating_sub(2)..(i + 4).min(tokens.len());
        tokens[near].iter().any(|t| {
            t.kind == Kind::Word
                && NAMES
                    .months
                    .get(&fold(&body[t.range()]))
                    .is_some_and(|r| r.month.is_some())
        })
    };
    tokens.iter().enumerate().any(|(i, t)| {
        if t.kind != Kind::Number {
            return false;
        }
        let text = &body[t.range()];
        numeric_date(text).is_some()
            || year_of(number_core(text).0).is_some()
            || code_year(text).is_some()
            || (day_of(text).is_some() && month_near(i))
    })
}

/// Whether a word of `tokens` is a month's full name or a promotion's
/// name: what a mention without a number holds ("until December", "this
/// Black Friday").
fn has_names(body: &str, tokens: &[Token]) -> bool {
    tokens.iter().enumerate().any(|(i, t)| {
        if t.kind != Kind::Word {
            return false;
        }
        // Most words are told apart by their first three letters, folded
        // without allocating.
        let word = &body[t.range()];
        if !start_index(word).is_some_and(|s| NAMES.trigger_starts[s]) {
            return false;
        }
        let folded = fold(word);
        if !NAMES.triggers.contains(&folded) {
            return false;
        }
        if let Some(roles) = NAMES.months.get(&folded)
            && matches!(roles.month, Some((_, true)))
        {
            // "may" is a word, "May" a month.
            return !roles.lower_case_word || word.starts_with(char::is_uppercase);
        }
        // The first word of a promotion's name ("viernes" of "viernes
        // negro"): the rest of a name must follow.
        let follows = |name: &[String]| {
            let mut after = tokens[i + 1..].iter().filter(|t| t.kind == Kind::Word);
            name[1..].iter().all(|part| {
                after
                    .next()
                    .is_some_and(|w| fold(&body[w.range()]) == part.trim_end_matches('\''))
            })
        };
        NAMES.promotion_starts.get(&folded).is_some_and(|ps| {
            ps.iter()
                .flat_map(|&p| &NAMES.promotions[p].names)
                .any(|name| name.first() == Some(&folded) && follows(name))
        })
    })
}

/// The index of a word's first three letters, folded to lower-case ASCII
/// without accents, five bits each; `None` if they are not three such
/// letters.
fn start_index(word: &str) -> Option<usize> {
    let ascii = |i: usize| {
        word.as_bytes()
            .get(i)
            .filter(|b| b.is_ascii_alphabetic())
            .map(|b| usize::from(b.to_ascii_lowercase() - b'a'))
    };
    if let (Some(a), Some(b), Some(c)) = (ascii(0), ascii(1), ascii(2)) {
        return Some(a << 10 | b << 5 | c);
    }
    if word.as_bytes().iter().take(3).all(u8::is_ascii) {
        return None;
    }
    // An accented letter among the first three (`Noël`, `Écrivez`).
    let mut index = 0;
    let mut chars = word.chars();
    for _ in 0..3 {
        let letter = fold_letter(chars.next()?)?;
        index = index << 5 | usize::from(letter - b'a');
    }
    Some(index)
}

/// A letter folded to lower-case ASCII without its accent (`É` → `e`),
/// if it folds to one.
fn fold_letter(c: char) -> Option<u8> {
    let base = if c.is_ascii() {
        c
    } else {
        let mut base = None;
        unicode_normalization::char::decompose_canonical(c, |d| {
            base.get_or_insert(d);
        });
        base?
    };
    base.is_ascii_alphabetic()
        .then(|| base.to_ascii_lowercase() as u8)
}

/// The dates and promotions of `body` (whose tokens are `tokens`) that
/// end something, in text order. `order` says how to read `03/04` for a
/// cue of English, of another language or of both (see [`Order`]); it is
/// asked only when such a date is found.
/// Ask [`worth_reading`] first: it rejects most bodies without their
/// tokens.
pub fn mentions(
    body: &str,
    tokens: &[Token],
    order: &mut dyn FnMut(bool, bool) -> Order,
) -> Vec<Mention> {
    let w = words_of_body(body, tokens);
    let mut out = Vec::new();
    let mut covered = vec![false; w.len()];

    // Promotions: with a year after (maybe after promotion words) or
    // before, after "this", after a cue.
    let mut i = 0;
    while i < w.len() {
        let Some((p, end)) = promotion_at(&w, i) else {
            i += 1;
            continue;
        };
        let day = NAMES.promotions[p].day;
        let mut found = None;
        let mut j = end;
        while j < end + 3 && next(&w, j).is_some_and(|x| x.roles().promotion_word) {
            j += 1;
        }
        if let Some(year) = promotion_year(&w, j) {
            found = Some((i, j + 1, Some(year), Why::Promotion));
        } else if i > 0
            && !w[i].line_before
            && let Some(year) = promotion_year(&w, i - 1)
            // `2024 Black Friday`, not `… in 2026. Black Friday`.
            && number_core(w[i - 1].text).0 == w[i - 1].text
        {
            found = Some((i - 1, end, Some(year), Why::Promotion));
        } else if day != PromotionDay::Year {
            if let Some(start) = this_before(&w, i) {
                found = Some((start, end, None, Why::This));
            } else if let Some((why, _)) = context(&w, i, false, &HashMap::default()) {
                found = Some((i, end, None, why));
            }
        }
        if let Some((start, end, year, why)) = found {
            covered[start..end].iter_mut().for_each(|c| *c = true);
            if told_in_the_past(&w, start, end, true) {
                i = end;
                continue;
            }
            out.push(Mention {
                span: w[start].range.start..w[end - 1].range.end,
                when: When::Promotion { day, year },
                why,
                numeric: false,
                offer: true,
            });
        }
        i = end;
    }

    // Dates: every expression first (a period's first day is one), then
    // those in the context of an end.
    let mut exprs: Vec<Expr> = Vec::new();
    let mut i = 0;
    while i < w.len() {
        if covered[i] {
            i += 1;
            continue;
        }
        if w[i].kind == WKind::Number
            && let Some(year) = code_year(w[i].text)
        {
            let (core, _) = number_core(w[i].text);
            let start = w[i].range.start;
            out.push(Mention {
                span: start..start + core.len(),
                when: When::Year(year),
                why: Why::Code,
                numeric: false,
                offer: true,
            });
            i += 1;
            continue;
        }
        match expression_at(&w, i) {
            Some(e) if !covered[e.start..e.end].iter().any(|c| *c) => {
                i = e.end;
                exprs.push(e);
            }
            _ => i += 1,
        }
    }
    let starts: HashMap<usize, usize> = exprs.iter().map(|e| (e.end - 1, e.start)).collect();
    for e in exprs {
        let Some((why, speakers)) = context(&w, e.start, e.bare == Bare::Year, &starts) else {
            continue;
        };
        if told_in_the_past(&w, e.start, e.end, false) {
            continue;
        }
        let when = match e.numeric {
            Some(Numeric::Pair {
                first,
                second,
                year,
            }) => {
                let order = order(speakers.english, speakers.other);
                match (read_pair(first, second, year, order), year) {
                    (Some(when), _) => when,
                    // `03/04/2025` read neither way: still of 2025.
                    (None, Some(year))
                        if order == Order::Either && (1..=12).contains(&first.max(second)) =>
                    {
                        When::Year(year)
                    }
                    (None, _) => continue,
                }
            }
            _ => e.when,
        };
        let last = &w[e.end - 1];
        let end = match last.kind {
            // `31.12.` keeps its dot; `2025.` and `31st,` end before theirs.
            WKind::Number => {
                let (core, dotted) = number_core(last.text);
                let keep_dot = dotted
                    && matches!(when, When::DayMonth { .. })
                    && e.numeric.is_some()
                    && core.contains('.');
                last.range.start + core.len() + usize::from(keep_dot)
            }
            _ => last.range.end,
        };
        out.push(Mention {
            span: w[e.start].range.start..end,
            when,
            why,
            numeric: e.numeric.is_some(),
            offer: speaks_of_an_offer(&w, e.start),
        });
    }
    out.retain(|m| !crate::text::in_code_span(body, m.span.start));
    out.sort_by_key(|m| m.span.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::new(y, m, day).unwrap()
    }

    /// The mentions of `text`, day first for every cue.
    fn found_in(text: &str, order: Order) -> Vec<(String, When, Why)> {
        let tokens = crate::analysis::tokens::tokenize(text);
        let found = mentions(text, &tokens, &mut |_, _| order);
        assert!(
            found.is_empty() || screens(text) == [true, true],
            "the screens: {text}"
        );
        found
            .into_iter()
            .map(|m| (text[m.span].to_owned(), m.when, m.why))
            .collect()
    }

    fn one(text: &str) -> (String, When, Why) {
        let found = found_in(text, Order::DayFirst);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap()
    }

    fn none(text: &str) {
        let found = found_in(text, Order::DayFirst);
        assert!(found.is_empty(), "{text}: {found:?}");
    }

    #[test]
    fn the_lexicon_loads() {
        assert!(LEXICON.cues.contains_key("until"));
        assert_eq!(LEXICON.roles["decembre"].month, Some((12, true)));
        assert_eq!(LEXICON.roles["dez"].month, Some((12, false)));
        assert!(NAMES.codes.iter().any(|(c, _)| c == "NOEL"));
        assert!(NAMES.months["may"].lower_case_word);
    }

    #[test]
    fn the_names_read_apart_are_the_lexicon_s() {
        let roles = |map: &'static HashMap<String, Roles>, months_only: bool| {
            let mut all: Vec<_> = map
                .iter()
                .filter(|(_, r)| !months_only || r.month.is_some())
                .map(|(w, r)| (w, r.month, r.lower_case_word))
                .collect();
            all.sort();
            all
        };
        let months = roles(&LEXICON.roles, true);
        let read_apart = roles(&NAMES.months, false);
        assert_eq!(read_apart, months);
        assert!(months.len() > 72, "{}", months.len());
        // The regular expression's words name the same promotions.
        let mut names: Vec<String> = NAMES
            .promotions
            .iter()
            .flat_map(|p| p.names.iter().map(|n| n.join(" ")))
            .collect();
        let mut screened: Vec<String> = LEXICON
            .screen
            .promotions
            .iter()
            .map(|n| words_of(n).join(" "))
            .collect();
        names.sort();
        screened.sort();
        assert_eq!(names, screened);
    }

    #[test]
    fn every_format_is_read() {
        let full = When::Date(d(2025, 12, 31));
        let cases: &[(&str, &str, When)] = &[
            ("valid until 31 December 2025.", "31 December 2025", full),
            ("valid until December 31, 2025.", "December 31, 2025", full),
            ("valid until 31/12/2025.", "31/12/2025", full),
            ("valid until 31/12/25.", "31/12/25", full),
            ("valid until 31.12.2025.", "31.12.2025", full),
            ("valid until 31-12-2025.", "31-12-2025", full),
            ("valid until 2025-12-31.", "2025-12-31", full),
            (
                "valid until the 31st of December 2025",
                "31st of December 2025",
                full,
            ),
            (
                "offerta valida fino al 31 dicembre 2025",
                "31 dicembre 2025",
                full,
            ),
            (
                "válido hasta el 31 de diciembre de 2025",
                "31 de diciembre de 2025",
                full,
            ),
            (
                "valable jusqu'au 31 décembre 2025",
                "31 décembre 2025",
                full,
            ),
            (
                "gültig bis zum 31. Dezember 2025",
                "31. Dezember 2025",
                full,
            ),
            (
                "válido até 31 de dezembro de 2025",
                "31 de dezembro de 2025",
                full,
            ),
            (
                "offer ends Dec 31st",
                "Dec 31st",
                When::DayMonth { month: 12, day: 31 },
            ),
            (
                "offerta valida fino al 30/11",
                "30/11",
                When::DayMonth { month: 11, day: 30 },
            ),
            (
                "sconto valido fino al 1° gennaio",
                "1° gennaio",
                When::DayMonth { month: 1, day: 1 },
            ),
            (
                "valable jusqu'au 1er janvier",
                "1er janvier",
                When::DayMonth { month: 1, day: 1 },
            ),
            (
                "Das Angebot gilt bis 31.12.",
                "31.12.",
                When::DayMonth { month: 12, day: 31 },
            ),
            (
                "Das Angebot gilt bis zum 1.12.",
                "1.12.",
                When::DayMonth { month: 12, day: 1 },
            ),
            (
                "valid until December 2025",
                "December 2025",
                When::MonthYear {
                    year: 2025,
                    month: 12,
                },
            ),
            (
                "valida fino a dicembre 2025",
                "dicembre 2025",
                When::MonthYear {
                    year: 2025,
                    month: 12,
                },
            ),
            (
                "Angebot gültig bis Dez. 2025",
                "Dez. 2025",
                When::MonthYear {
                    year: 2025,
                    month: 12,
                },
            ),
            ("the sale runs until December", "December", When::Month(12)),
            ("the sale runs until December.", "December", When::Month(12)),
            ("valid until 2025.", "2025", When::Year(2025)),
            ("valid until 2025. Thanks!", "2025", When::Year(2025)),
            (
                "valid until 05/11.",
                "05/11",
                When::DayMonth { month: 11, day: 5 },
            ),
            ("offerta valida fino al 2025", "2025", When::Year(2025)),
        ];
        for (text, span, when) in cases {
            let (found, w, _) = one(text);
            assert_eq!((found.as_str(), w), (*span, *when), "{text}");
        }
    }

    #[test]
    fn cues_and_periods_in_six_languages() {
        let cases: &[(&str, Why)] = &[
            ("This offer expires on 31/12/2025.", Why::Validity),
            ("Order by 20 December 2025 for delivery.", Why::Deadline),
            ("Entro il 15/12/2025 riceverai il pacco.", Why::Deadline),
            ("La promo scade il 30/11/2025.", Why::Validity),
            ("Válido hasta el 30/11/2025.", Why::Validity),
            ("La oferta vence el 30/11/2025.", Why::Validity),
            ("Code valable jusqu'au 24/12/2025.", Why::Validity),
            (
                "L'offre prend fin le dimanche 30 novembre 2025.",
                Why::Validity,
            ),
            ("Die Aktion endet am 30.11.2025.", Why::Validity),
            (
                "Bitte antworten Sie bis spätestens 30.11.2025.",
                Why::Deadline,
            ),
            ("Promoção válida até 30/11/2025.", Why::Validity),
            ("Envie até dia 30/11/2025.", Why::Deadline),
            ("from 1 to 31 December 2025", Why::Period),
            ("dal 1° al 30 novembre 2025", Why::Period),
            ("du 1er au 31 décembre 2025", Why::Period),
            ("vom 1. bis 31. Dezember 2025", Why::Deadline),
            ("del 1 al 31 de diciembre de 2025", Why::Period),
            ("de 1 a 31 de dezembro de 2025", Why::Period),
            ("until midnight on Sunday, 31 December 2025", Why::Deadline),
            ("fino all'8 dicembre 2025", Why::Deadline),
        ];
        for (text, why) in cases {
            let (_, _, found) = one(text);
            assert_eq!(found, *why, "{text}");
        }
    }

    #[test]
    fn dates_that_end_nothing_are_not_mentions() {
        none("Your order of 3 March 2025 has shipped.");
        none("We have been open since 2019.");
        none("Milano, 3 marzo 2025");
        none("Il tuo ordine del 12/11/2024 è in consegna.");
        none("On 3 March 2025, Anna wrote:");
        none("Orders placed before 1 March 2024 keep the old terms.");
        none("The promotion ended on 30 November 2025.");
        none("The promotion ran until 30 November 2025 and has now ended.");
        none("Our offices were closed from 24 to 26 December 2025.");
        none("L'offerta era valida fino al 30/11/2025.");
        none("Die Aktion lief bis zum 30.11.2025.");
        none("Black Friday 2024 was a success.");
        assert_eq!(
            one("Your order was shipped, and the code is valid until 31/12/2025.").0,
            "31/12/2025"
        );
        none("Ti rispondiamo entro 10/12 giorni.");
        none("Puoi scrivere fino a 2000 caratteri.");
        none("Hasta 2000 euros de descuento.");
        none("Valid until 2000 points are used.");
        none("see https://example.com/promo/until/2025/12/31");
        none("> valid until 31 December 2025\nThanks for your message.");
        none("The code is `valid until 31/12/2025` in the sample.");
        none("We are available 24/7.");
        none("Rispondiamo entro le 12.10.");
        none("Bitte bis 12.10 Uhr anrufen.");
        none("We reply by 12.10 am.");
        assert_eq!(one("L'offre expire le 30/11.").0, "30/11");
        none("valid until 31/02/2025");
        none("valid until 32 December 2025");
        none("Black Friday offers are on our website.");
        none("The promotion ended in 2026. Black Friday deals are online.");
        none("Buon Natale a tutti!");
        none("valid until\n31 December 2025");
    }

    #[test]
    fn numeric_dates_in_english_are_read_only_when_unambiguous() {
        let text = "valid until 03/04/2025";
        assert_eq!(
            found_in(text, Order::Either)[0].1,
            When::Year(2025),
            "either way a day of 2025"
        );
        assert!(found_in("valid until 03/04", Order::Either).is_empty());
        assert_eq!(
            found_in(text, Order::DayFirst)[0].1,
            When::Date(d(2025, 4, 3))
        );
        assert_eq!(
            found_in(text, Order::MonthFirst)[0].1,
            When::Date(d(2025, 3, 4))
        );
        assert_eq!(
            found_in("valid until 12/31/2025", Order::Either)[0].1,
            When::Date(d(2025, 12, 31))
        );
        assert_eq!(
            found_in("valid until 31/12/2025", Order::Either)[0].1,
            When::Date(d(2025, 12, 31))
        );
        assert_eq!(
            found_in("valid until 5/5", Order::Either)[0].1,
            When::DayMonth { month: 5, day: 5 }
        );
        // Dotted dates are day first whatever the order.
        assert_eq!(
            found_in("valid until 03.04.2025", Order::MonthFirst)[0].1,
            When::Date(d(2025, 4, 3))
        );
        assert!(found_in("valid until 12/31/2025", Order::DayFirst).is_empty());
    }

    #[test]
    fn the_order_is_asked_with_the_cue_s_language() {
        let mut asked = Vec::new();
        let text = "valid until 03/04/2025. Valido fino al 05/06/2025.";
        let tokens = crate::analysis::tokens::tokenize(text);
        mentions(text, &tokens, &mut |english, other| {
            asked.push((english, other));
            Order::DayFirst
        });
        assert_eq!(asked, [(true, false), (false, true)]);
    }

    #[test]
    fn promotions() {
        let bf = PromotionDay::BlackFriday;
        let cases: &[(&str, &str, When, Why)] = &[
            (
                "Our Black Friday 2024 deals are here!",
                "Black Friday 2024",
                When::Promotion {
                    day: bf,
                    year: Some(2024),
                },
                Why::Promotion,
            ),
            (
                "Le offerte di Natale 2023 ti aspettano.",
                "Natale 2023",
                When::Promotion {
                    day: PromotionDay::Fixed { month: 12, day: 25 },
                    year: Some(2023),
                },
                Why::Promotion,
            ),
            (
                "Black Friday deals 2024 are live",
                "Black Friday deals 2024",
                When::Promotion {
                    day: bf,
                    year: Some(2024),
                },
                Why::Promotion,
            ),
            (
                "the 2024 Black Friday sale",
                "2024 Black Friday",
                When::Promotion {
                    day: bf,
                    year: Some(2024),
                },
                Why::Promotion,
            ),
            (
                "Don't miss this Black Friday!",
                "this Black Friday",
                When::Promotion {
                    day: bf,
                    year: None,
                },
                Why::This,
            ),
            (
                "Approfitta di questo Black Friday",
                "questo Black Friday",
                When::Promotion {
                    day: bf,
                    year: None,
                },
                Why::This,
            ),
            (
                "Les soldes d'hiver 2024 commencent",
                "soldes d'hiver 2024",
                When::Promotion {
                    day: PromotionDay::Year,
                    year: Some(2024),
                },
                Why::Promotion,
            ),
            (
                "Code NOEL2024 valable",
                "NOEL2024",
                When::Year(2024),
                Why::Code,
            ),
            (
                "valid until Cyber Monday",
                "Cyber Monday",
                When::Promotion {
                    day: PromotionDay::CyberMonday,
                    year: None,
                },
                Why::Validity,
            ),
        ];
        for (text, span, when, why) in cases {
            let found = one(text);
            assert_eq!(found, (span.to_string(), *when, *why), "{text}");
        }
        none("Use code WELCOME2020 at checkout.");
        none("Use code noel2024 at checkout.");
        none("questi saldi");
    }

    #[test]
    fn a_sentence_with_an_offer_word_ended_an_offer() {
        let offer = |text: &str| {
            let tokens = crate::analysis::tokens::tokenize(text);
            let found = mentions(text, &tokens, &mut |_, _| Order::DayFirst);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            found[0].offer
        };
        assert!(offer("The discount is valid until 31/12/2025."));
        assert!(offer("Ciao, l'offerta è valida fino al 30/11/2025."));
        assert!(offer("Der Gutschein gilt bis 31.12.2025."));
        assert!(!offer("Your subscription expires on 30 June 2025."));
        assert!(!offer(
            "Order by 20 November 2025, and the voucher is yours."
        ));
        assert!(!offer("A discount! Your parcel waits until 3 May 2025."));
    }

    #[test]
    fn promotion_days() {
        let bf = PromotionDay::BlackFriday;
        assert_eq!(bf.in_year(2024), Some(d(2024, 11, 29)));
        assert_eq!(bf.in_year(2025), Some(d(2025, 11, 28)));
        assert_eq!(bf.in_year(2026), Some(d(2026, 11, 27)));
        assert_eq!(bf.in_year(2020), Some(d(2020, 11, 27)));
        assert_eq!(bf.in_year(2018), Some(d(2018, 11, 23)));
        assert_eq!(
            PromotionDay::CyberMonday.in_year(2024),
            Some(d(2024, 12, 2))
        );
        assert_eq!(PromotionDay::Year.in_year(2024), None);
    }

    /// Both screens.
    fn screens(text: &str) -> [bool; 2] {
        let tokens = crate::analysis::tokens::tokenize(text);
        [screen_by_tokens(text, &tokens), screen_by_regex(text)]
    }

    #[test]
    fn the_screens_find_what_mentions_start_from() {
        let yes = [
            "valid until December",
            "questo Natale",
            "jusqu'en decembre",
            "NOËL",
            "JUSQU'EN DÉCEMBRE",
            "this Black Friday",
            "valid until 30/11",
            "ends Dec 31st",
            "fino al 31 dic.",
            "since 2019",
            "code NOEL2024",
            "bis 31.12.",
            "until May",
        ];
        for text in yes {
            assert_eq!(screens(text), [true, true], "{text}");
        }
        let no = [
            "Thanks for your message!",
            "Grazie, a presto.",
            "Écrivez-nous",
            "Your order #150631 ships in 5 working days.",
            "You may write to us.",
            "Hasta el viernes.",
        ];
        for text in no {
            assert_eq!(screens(text), [false, false], "{text}");
        }
    }

    #[test]
    fn the_screen_s_regular_expression_compiles() {
        assert!(screen_by_regex("31/12/2025"));
    }

    proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,80}") {
            let tokens = crate::analysis::tokens::tokenize(&text);
            for m in mentions(&text, &tokens, &mut |_, _| Order::Either) {
                prop_assert!(text.get(m.span.clone()).is_some());
            }
        }

        #[test]
        fn never_panics_on_date_like_text(
            text in "(until|fino al|bis|dal|from|this|valid|[0-9]{1,4}|[/.\\-]|°|er|st|December|dic\\.|Black Friday|NOEL20[0-9]{2}| |,|\n|>){0,14}"
        ) {
            let tokens = crate::analysis::tokens::tokenize(&text);
            for order in [Order::DayFirst, Order::MonthFirst, Order::Either] {
                let found = mentions(&text, &tokens, &mut |_, _| order);
                for m in &found {
                    prop_assert!(text.get(m.span.clone()).is_some());
                }
                // Neither screen loses a mention.
                prop_assert!(found.is_empty() || screens(&text) == [true, true], "{text:?}");
            }
        }
    }
}
