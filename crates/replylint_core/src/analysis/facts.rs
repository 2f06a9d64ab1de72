//! Facts a reply states: time windows (refund, return, delivery, response
//! times…), money amounts, phone numbers, e-mail addresses, links to the
//! site's sections and opening hours, each with its subject (what the
//! window, the price or the number is for), normalised so that the same
//! fact written two ways compares equal ("14 days", "two weeks", "entro 14
//! giorni", "14 Tage").
//!
//! The subjects and the words that name them, per language, are data:
//! `rules/lexicon/facts.toml`, with the words values are written with
//! (number words, units, currencies, the words around ranges and opening
//! hours). Precision over recall: a fact whose subject is not named in its
//! clause, or whose clause names two subjects, is not extracted; a reply
//! that gives two values for one subject keeps neither.
//!
//! How it reads a reply:
//! 1. [`may_state_facts`]: a reply without an `@`, a link, a phone-shaped
//!    run of digits, a number next to a unit, a currency, a time mark or a
//!    range, or a number word before a unit states none and is not read
//!    further (order numbers and dates are not values).
//! 2. [`scan`]: the tokens of [`crate::analysis::tokens`] as items, the
//!    phrases of the lexicon at them, the sentences of
//!    [`crate::analysis::sentences`] split into clauses at `,` `;` `:`
//!    `—` `|`. Quoted lines (`> …`), code blocks, code spans and
//!    placeholders hold no facts.
//! 3. [`grammar`]: the values, from each item: a count and its unit
//!    ("3-5 business days", "da 3 a 5 giorni", "two weeks", "48h"), not a
//!    window ("3 days ago", "the last 3 days", "24 hours a day"); an amount
//!    with its currency; opening hours ("9-18" only near a word such as
//!    "open" or "Monday"; "9:00-18:00", "dalle 9 alle 18", "9am-6pm"
//!    anywhere); a phone number (with a country code, or after "call",
//!    "tel", "numero"…; never after "order"); an e-mail address; a link.
//! 4. The subject: the one subject named in the clause that takes facts
//!    of the value's kind (`support` takes phone numbers, not durations:
//!    "our support team replies within 24 hours" is `response`'s), unless
//!    it names what a window counts from ("within 14 days of delivery");
//!    the label's, in a clause after a colon ("Delivery times: 3-5 days");
//!    for opening hours, the sentence's ("Customer service is open Monday
//!    to Friday, 9-18"); for phone numbers, addresses and opening hours,
//!    then, the generic subject (`contact`). A qualifier named in the
//!    clause is appended (`delivery:express`, `refund:processing`).
//! 5. A reply that gives two different values of one kind for one subject
//!    keeps neither.

mod grammar;
mod items;
mod lexicon;
mod scan;
mod screen;
#[cfg(test)]
mod tests;

use crate::lang::Language;
use foldhash::{HashMap, HashSet};
use grammar::{Reader, Value};
use lexicon::{ALL_LANGS, LEXICON, Langs, Meaning};
use scan::Scan;
use std::fmt;
use std::ops::Range;

/// What kind of fact a value is: values of different kinds are never
/// compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FactKind {
    /// A time window or delay ("within 14 days", "24 ore").
    Duration,
    /// A money amount or price ("€9.90", "49 dollars").
    Money,
    /// A phone number.
    Phone,
    /// An e-mail address.
    Email,
    /// A link to a section of a site.
    Url,
    /// Opening hours ("9-18", "from 9am to 6pm", "dalle 9 alle 18").
    Hours,
}

impl FactKind {
    pub const fn as_str(self) -> &'static str {
        match self {
            FactKind::Duration => "time window",
            FactKind::Money => "amount",
            FactKind::Phone => "phone number",
            FactKind::Email => "e-mail address",
            FactKind::Url => "link",
            FactKind::Hours => "opening hours",
        }
    }
}

/// A fact's value, normalised: equal values state the same fact.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FactValue {
    /// A duration, or a range of durations ("3-5 days"), in `unit`s.
    Duration {
        min: u32,
        max: u32,
        unit: DurationUnit,
    },
    /// An amount in hundredths (cents), or a range, in a currency (ISO
    /// 4217 code, upper case).
    Money {
        min: u64,
        max: u64,
        currency: [u8; 3],
    },
    /// Opening hours, in minutes after midnight.
    Hours { open: u16, close: u16 },
    /// A phone number (digits, with a leading `+` when international), an
    /// e-mail address (lower case) or a link (host and path, lower case,
    /// without scheme, `www.`, query or trailing `/`).
    Text(String),
}

/// The unit a duration is normalised to: weeks become days, business days
/// stay apart (they are not comparable with calendar days), minutes
/// become hours only when whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DurationUnit {
    Minutes,
    Hours,
    Days,
    BusinessDays,
    Months,
}

impl fmt::Display for FactValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FactValue::Duration { min, max, unit } => {
                let unit = match (unit, *max == 1) {
                    (DurationUnit::Minutes, true) => "minute",
                    (DurationUnit::Minutes, false) => "minutes",
                    (DurationUnit::Hours, true) => "hour",
                    (DurationUnit::Hours, false) => "hours",
                    (DurationUnit::Days, true) => "day",
                    (DurationUnit::Days, false) => "days",
                    (DurationUnit::BusinessDays, true) => "business day",
                    (DurationUnit::BusinessDays, false) => "business days",
                    (DurationUnit::Months, true) => "month",
                    (DurationUnit::Months, false) => "months",
                };
                if min == max {
                    write!(f, "{min} {unit}")
                } else {
                    write!(f, "{min}-{max} {unit}")
                }
            }
            FactValue::Money { min, max, currency } => {
                let code = std::str::from_utf8(currency).unwrap_or("???");
                let amount = |cents: u64| {
                    if cents.is_multiple_of(100) {
                        format!("{}", cents / 100)
                    } else {
                        format!("{}.{:02}", cents / 100, cents % 100)
                    }
                };
                if min == max {
                    write!(f, "{} {code}", amount(*min))
                } else {
                    write!(f, "{}-{} {code}", amount(*min), amount(*max))
                }
            }
            FactValue::Hours { open, close } => {
                let time = |m: u16| {
                    if m.is_multiple_of(60) {
                        format!("{}", m / 60)
                    } else {
                        format!("{}:{:02}", m / 60, m % 60)
                    }
                };
                write!(f, "{}-{}", time(*open), time(*close))
            }
            FactValue::Text(s) => f.write_str(s),
        }
    }
}

/// One fact a reply states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub kind: FactKind,
    /// What the fact is about: a subject id of `rules/lexicon/facts.toml`
    /// (`refund`, `return`, `delivery`, `support`…), possibly with a
    /// qualifier (`delivery:express`).
    pub subject: String,
    pub value: FactValue,
    /// The bytes of the body that state the value ("14 days", "+39 02
    /// 1234 5678").
    pub span: Range<usize>,
}

/// The facts `body` states, in body order. `language` is the reply's
/// language when known: only its words are read (an English reply does
/// not name a subject with the French "assistance"); without one, every
/// language's are.
pub fn extract(body: &str, language: Option<Language>) -> Vec<Fact> {
    let evidence = screen::evidence_in(body);
    if evidence.is_empty() {
        return Vec::new();
    }
    let tokens = crate::analysis::tokens::tokenize(body);
    extract_windowed(body, &tokens, language, evidence)
}

/// [`extract`] of a body already tokenized: `tokens` are
/// [`crate::analysis::tokens::tokenize`]'s (what the document model keeps),
/// asked for only when the body passes the pre-screen.
pub fn extract_tokenized<'t>(
    body: &str,
    tokens: impl FnOnce() -> &'t [crate::analysis::tokens::Token],
    language: Option<Language>,
) -> Vec<Fact> {
    let evidence = screen::evidence_in(body);
    if evidence.is_empty() {
        return Vec::new();
    }
    extract_windowed(body, tokens(), language, evidence)
}

/// The facts of the sentences of `body` that hold `evidence`
/// ([`screen::evidence_in`]).
fn extract_windowed(
    body: &str,
    tokens: &[crate::analysis::tokens::Token],
    language: Option<Language>,
    mut evidence: Vec<usize>,
) -> Vec<Fact> {
    evidence.sort_unstable();
    facts_of(&Scan::windowed(body, tokens, language, &evidence), language)
}

/// The facts of a scanned reply, read in `language` (every language's
/// words without one), those it gives two values dropped.
fn facts_of(scan: &Scan<'_>, language: Option<Language>) -> Vec<Fact> {
    let langs = language.map_or(ALL_LANGS, lexicon::lang_bit);
    let mut facts = read(scan, langs);
    drop_ambiguous(&mut facts);
    facts
}

/// [`extract`] reading every sentence ([`Scan::new`]), not only those
/// that may state a fact: what the windowed reading must give.
#[cfg(test)]
fn extract_whole(body: &str, language: Option<Language>) -> Vec<Fact> {
    let tokens = crate::analysis::tokens::tokenize(body);
    facts_of(&Scan::new(body, &tokens, language), language)
}

/// Whether `body` may state a fact: it has an `@`, a link, a phone-shaped
/// run of digits, a number next to a unit, a currency, a time mark or a
/// range ("14 days", "€9.90", "9:00", "9-18"), or a number word before a
/// unit ("two weeks"). What [`extract`] checks first, from the bytes alone:
/// a reply that fails it (most replies, order numbers and dates
/// included) states no fact, and a rule can check it before detecting the
/// reply's language.
pub fn may_state_facts(body: &str) -> bool {
    screen::may_state_facts(body)
}

/// The facts of a scanned reply, read with the words of `langs`.
fn read(scan: &Scan<'_>, langs: Langs) -> Vec<Fact> {
    let reader = Reader { scan, langs };
    let all = scan.items.len();
    // Where values may start, read without clauses to stop them (a value
    // inside a clause is one without): a reply with none is not split
    // into sentences and clauses.
    let starts: Vec<usize> = (0..all)
        .filter(|&i| may_start(&reader, i))
        .filter(|&i| value_at(&reader, i, all, 0, &|| true).is_some())
        .collect();
    if starts.is_empty() {
        return Vec::new();
    }
    let clauses = scan.clauses();
    // The clauses of each sentence (a sentence's clauses come together),
    // and the run each clause is in: what a value's sentence is found by,
    // in constant time however many sentences a huge reply has.
    let mut runs: Vec<Range<usize>> = Vec::new();
    let mut run_of: Vec<usize> = Vec::with_capacity(clauses.len());
    for (ci, c) in clauses.iter().enumerate() {
        match runs.last_mut() {
            Some(run) if clauses[run.start].sentence == c.sentence => run.end = ci + 1,
            _ => runs.push(ci..ci + 1),
        }
        run_of.push(runs.len() - 1);
    }
    // Whether each sentence has a cue for opening hours, once asked.
    let cues: Vec<std::cell::OnceCell<bool>> = vec![std::cell::OnceCell::new(); runs.len()];
    let mut out = Vec::new();
    // How many values each clause has: a label clause has none.
    let mut values = vec![0_usize; clauses.len()];
    let mut free = 0;
    for i in starts {
        if i < free {
            continue;
        }
        let ci = clauses.partition_point(|c| c.items.end <= i);
        let Some(clause) = clauses.get(ci).filter(|c| c.items.contains(&i)) else {
            continue;
        };
        let run = run_of[ci];
        let sentence = &clauses[runs[run].clone()];
        let sentence_start = sentence
            .first()
            .map_or(clause.items.start, |c| c.items.start);
        let cue = || *cues[run].get_or_init(|| hours_cue_in(&reader, sentence));
        let Some(value) = value_at(&reader, i, clause.items.end, sentence_start, &cue) else {
            continue;
        };
        values[ci] += 1;
        free = value.next.max(i + 1);
        if let Some(subject) = subject_of(&reader, value.kind, ci, i..value.next, &values) {
            out.push(Fact {
                kind: value.kind,
                subject,
                value: value.value,
                span: value.span,
            });
        }
    }
    out
}

/// Whether a value may start at item `i`: a number, an address, a link,
/// or a word or mark that starts one (a number word, "from", "dalle", a
/// currency).
fn may_start(reader: &Reader<'_, '_>, i: usize) -> bool {
    let item = &reader.scan.items[i];
    match item.kind {
        items::ItemKind::Number | items::ItemKind::Email | items::ItemKind::Url => true,
        items::ItemKind::Word | items::ItemKind::Punct => {
            reader.scan.phone_at(item.range.start).is_some()
                || reader.scan.found_at(i).iter().any(|f| {
                    f.langs & reader.langs != 0
                        && matches!(
                            f.meaning,
                            Meaning::Number(_)
                                | Meaning::Article
                                | Meaning::RangeFrom
                                | Meaning::RangeBetween
                                | Meaning::TimeFrom
                                | Meaning::Currency(_)
                        )
                })
        }
        items::ItemKind::Other | items::ItemKind::Skipped => false,
    }
}

/// The value that starts at item `i` of a clause ending at `limit`;
/// `hours_cue` says whether its sentence has a word that makes "9-18"
/// opening hours.
fn value_at(
    reader: &Reader<'_, '_>,
    i: usize,
    limit: usize,
    sentence_start: usize,
    hours_cue: &dyn Fn() -> bool,
) -> Option<Value> {
    if let Some(phone) = reader.phone_at(i, sentence_start) {
        return Some(phone);
    }
    if let Some(address) = reader.address_at(i) {
        return Some(address);
    }
    let duration = reader.duration_at(i, limit);
    let hours = reader
        .hours_at(i, limit, false)
        .filter(|(_, strong)| *strong || hours_cue());
    match (duration, hours) {
        (Some((_, true)), Some((hours, true))) => return Some(hours),
        (Some((duration, _)), _) => return Some(duration),
        (None, Some((hours, _))) => return Some(hours),
        (None, None) => {}
    }
    reader.money_at(i, limit)
}

/// Whether a sentence (its clauses) has a word that says opening hours are
/// near ("open", "orari", "Monday").
fn hours_cue_in(reader: &Reader<'_, '_>, sentence: &[scan::Clause]) -> bool {
    sentence.iter().flat_map(|c| c.items.clone()).any(|i| {
        reader
            .scan
            .found_at(i)
            .iter()
            .any(|f| f.meaning == Meaning::HoursCue && f.langs & reader.langs != 0)
    })
}

/// The subjects (by index) items `range` name, each phrase the longest
/// at its place, leftmost first, not overlapping; or with `qualifiers`,
/// the qualifiers. A subject named as the start of a window ("within 14
/// days of delivery", "entro 14 giorni dalla consegna") is not named.
fn named_in(
    reader: &Reader<'_, '_>,
    range: Range<usize>,
    value: &Range<usize>,
    qualifiers: bool,
) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::new();
    let mut free = range.start;
    for i in range.clone() {
        if i < free || value.contains(&i) {
            continue;
        }
        let counts = |m: Meaning| match m {
            Meaning::Anchor => true,
            Meaning::Subject(_) => !qualifiers,
            Meaning::Qualifier(_) => qualifiers,
            _ => false,
        };
        let at = reader.scan.found_at(i).iter().filter(|f| {
            f.langs & reader.langs != 0
                && (f.end as usize) <= range.end
                && (f.end as usize <= value.start || i >= value.end)
                && counts(f.meaning)
        });
        // Every phrase of the longest length (a word can name two
        // qualifiers: "processed" a refund's and an order's).
        let Some(longest) = at.clone().map(|f| f.end).max() else {
            continue;
        };
        free = longest as usize;
        for f in at.filter(|f| f.end == longest) {
            if let Meaning::Subject(s) | Meaning::Qualifier(s) = f.meaning
                && !out.contains(&s)
            {
                out.push(s);
            }
        }
    }
    out
}

/// The subject of a value of `kind` (items `value`) in clause `ci` (see
/// the module's docs), with its qualifier. The words of the value are
/// not read for subjects ("giorni lavorativi" qualifies nothing).
fn subject_of(
    reader: &Reader<'_, '_>,
    kind: FactKind,
    ci: usize,
    value: Range<usize>,
    values: &[usize],
) -> Option<String> {
    let lx = &*LEXICON;
    let clauses = reader.scan.clauses();
    let clause = &clauses[ci];
    let taking = |range: Range<usize>| -> Vec<u8> {
        named_in(reader, range, &value, false)
            .into_iter()
            .filter(|&s| lx.subjects[s as usize].takes(kind))
            .collect()
    };
    let contact = matches!(kind, FactKind::Phone | FactKind::Email | FactKind::Hours);
    let own = taking(clause.items.clone());
    let (subject, qualified_by): (u8, Vec<Range<usize>>) = match own.as_slice() {
        [one] => (*one, vec![clause.items.clone()]),
        [] => {
            let label = (ci > 0 && clause.after_colon)
                .then(|| &clauses[ci - 1])
                .filter(|prev| prev.sentence == clause.sentence && values[ci - 1] == 0);
            let labelled = label.map(|prev| (taking(prev.items.clone()), prev.items.clone()));
            match labelled {
                Some((subjects, range)) if subjects.len() == 1 => {
                    (subjects[0], vec![range, clause.items.clone()])
                }
                _ if kind == FactKind::Hours => {
                    let mut named: Vec<u8> = Vec::new();
                    for c in clauses.iter().filter(|c| c.sentence == clause.sentence) {
                        for s in taking(c.items.clone()) {
                            if !named.contains(&s) {
                                named.push(s);
                            }
                        }
                    }
                    match named.as_slice() {
                        [one] => (*one, vec![clause.items.clone()]),
                        [] => (lx.generic[kind as usize]?, vec![clause.items.clone()]),
                        _ => return None,
                    }
                }
                _ if contact => (lx.generic[kind as usize]?, vec![clause.items.clone()]),
                _ => return None,
            }
        }
        _ => return None,
    };
    let entry = &lx.subjects[subject as usize];
    if entry.skip {
        return None;
    }
    let mut qualifiers: Vec<u8> = Vec::new();
    for range in qualified_by {
        for q in named_in(reader, range, &value, true) {
            if lx.qualifiers[q as usize].applies(subject, kind) && !qualifiers.contains(&q) {
                qualifiers.push(q);
            }
        }
    }
    match qualifiers.as_slice() {
        [] => Some(entry.id.clone()),
        [q] => Some(format!("{}:{}", entry.id, lx.qualifiers[*q as usize].id)),
        _ => None,
    }
}

/// Drop every fact of a subject and kind for which the reply gives two
/// different values ("standard 3-5 days, express 1-2 days" without the
/// words that set them apart). Linear in the facts: two values that are
/// not equal state the same fact only as the same phone number with and
/// without its country code ([`same_value`]), one with a `+` and one
/// without, so three different values never do.
fn drop_ambiguous(facts: &mut Vec<Fact>) {
    let mut values: HashMap<(FactKind, &str), HashSet<&FactValue>> = HashMap::default();
    for f in facts.iter() {
        values
            .entry((f.kind, f.subject.as_str()))
            .or_default()
            .insert(&f.value);
    }
    // A handful at most: subjects come from the lexicon.
    let ambiguous: Vec<(FactKind, String)> = values
        .into_iter()
        .filter(|((kind, _), different)| {
            let mut two = different.iter();
            match (two.next(), two.next()) {
                (Some(a), Some(b)) => different.len() > 2 || !same_value(*kind, a, b),
                _ => false,
            }
        })
        .map(|((kind, subject), _)| (kind, subject.to_owned()))
        .collect();
    if !ambiguous.is_empty() {
        facts.retain(|f| {
            !ambiguous
                .iter()
                .any(|(k, s)| *k == f.kind && *s == f.subject)
        });
    }
}

/// Whether two values of `kind` state the same fact: equal, or for phone
/// numbers the same number with and without its country code (`+39 02
/// 1234 5678` and `02 1234 5678`; `+44 20 7946 0958` and `020 7946
/// 0958`).
pub fn same_value(kind: FactKind, a: &FactValue, b: &FactValue) -> bool {
    if a == b {
        return true;
    }
    match (kind, a, b) {
        (FactKind::Phone, FactValue::Text(a), FactValue::Text(b)) => {
            let national = |international: &str, national: &str| {
                let digits = &international[1..];
                let trunkless = national.strip_prefix('0').unwrap_or(national);
                international.starts_with('+')
                    && !national.starts_with('+')
                    && trunkless.len() >= 6
                    && (digits.ends_with(national) || digits.ends_with(trunkless))
                    && digits.len() - trunkless.len() <= 3
            };
            national(a, b) || national(b, a)
        }
        _ => false,
    }
}

/// How messages name the facts of `kind` about `subject` ("refund
/// window", "delivery time (express)", "support phone number").
pub fn describe(kind: FactKind, subject: &str) -> String {
    let (id, qualifier) = match subject.split_once(':') {
        Some((id, q)) => (id, Some(q)),
        None => (subject, None),
    };
    let name = LEXICON.subject(id).map_or(id, |(_, s)| s.name.as_str());
    let label = LEXICON.subject(id).and_then(|(_, s)| s.label.clone());
    let base = match kind {
        FactKind::Duration => label.unwrap_or_else(|| format!("{name} time")),
        FactKind::Money => format!("{name} price"),
        _ => format!("{name} {}", kind.as_str()),
    };
    match qualifier {
        Some(q) => format!("{base} ({q})"),
        None => base,
    }
}

// ------------------------------------------------------ the [facts] table

/// A key of the `[facts]` table, `<subject>[-<qualifier>]-<what>`:
/// `refund-days`, `delivery-express-business-days`, `support-phone`,
/// `support-saturday-hours`, `return-fee`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyKey {
    /// The subject as facts carry it (`delivery:express`).
    pub subject: String,
    pub kind: FactKind,
    /// The unit of a duration's value.
    pub unit: Option<DurationUnit>,
}

/// What a key ends with: what its value is.
const SUFFIXES: &[(&str, Option<FactKind>, Option<DurationUnit>)] = &[
    (
        "business-days",
        Some(FactKind::Duration),
        Some(DurationUnit::BusinessDays),
    ),
    ("days", Some(FactKind::Duration), Some(DurationUnit::Days)),
    // A duration for a subject that takes them, opening hours otherwise.
    ("hours", None, Some(DurationUnit::Hours)),
    (
        "minutes",
        Some(FactKind::Duration),
        Some(DurationUnit::Minutes),
    ),
    (
        "months",
        Some(FactKind::Duration),
        Some(DurationUnit::Months),
    ),
    ("price", Some(FactKind::Money), None),
    ("fee", Some(FactKind::Money), None),
    ("phone", Some(FactKind::Phone), None),
    ("email", Some(FactKind::Email), None),
    ("url", Some(FactKind::Url), None),
];

impl PolicyKey {
    /// The key `key`, or an error that suggests the closest valid one.
    pub fn parse(key: &str) -> Result<PolicyKey, String> {
        Self::read(key).ok_or_else(|| {
            let keys = policy_keys();
            crate::suggest::unknown("key", key, keys.iter().map(String::as_str)).replacen(
                "unknown key",
                "unknown `[facts]` key",
                1,
            )
        })
    }

    fn read(key: &str) -> Option<PolicyKey> {
        let lx = &*LEXICON;
        let (prefix, kind, unit) = SUFFIXES.iter().find_map(|&(suffix, kind, unit)| {
            let prefix = key.strip_suffix(suffix)?.strip_suffix('-')?;
            Some((prefix, kind, unit))
        })?;
        let (subject, qualifier) = match prefix.split_once('-') {
            Some((s, q)) => (s, Some(q)),
            None => (prefix, None),
        };
        let (index, entry) = lx.subject(subject)?;
        if entry.skip {
            return None;
        }
        let (kind, unit) = match kind {
            Some(kind) => (kind, unit),
            None if entry.takes(FactKind::Duration) => (FactKind::Duration, unit),
            None => (FactKind::Hours, None),
        };
        if !entry.takes(kind) {
            return None;
        }
        let subject = match qualifier {
            None => entry.id.clone(),
            Some(q) => {
                let (_, qualifier) = lx.qualifier(q)?;
                if !qualifier.applies(index, kind) {
                    return None;
                }
                format!("{}:{}", entry.id, qualifier.id)
            }
        };
        Some(PolicyKey {
            subject,
            kind,
            unit,
        })
    }

    /// The value written for this key (a TOML integer as its digits),
    /// normalised as [`extract`] normalises what replies say: `14`, `"3-5"`,
    /// `"two weeks"` for days; `"€4.90"` for a price; `"9-18"` for opening
    /// hours; a phone number, an address or a link as written.
    pub fn value(&self, written: &str) -> Result<FactValue, String> {
        let written = written.trim();
        let scan = Scan::new(written, &crate::analysis::tokens::tokenize(written), None);
        let reader = grammar::whole(&scan);
        let all = scan.items.len();
        let whole = |v: &Value| v.next == all;
        match self.kind {
            FactKind::Duration => {
                let unit = self.unit.unwrap_or(DurationUnit::Days);
                let unit_name = FactValue::Duration { min: 2, max: 2, unit }
                    .to_string()
                    .trim_start_matches("2 ")
                    .to_owned();
                if let Some((v, _)) = reader.duration_at(0, all).filter(|(v, _)| whole(v)) {
                    return match v.value {
                        FactValue::Duration { unit: u, .. } if u == unit => Ok(v.value),
                        other => Err(format!("`{written}` is {other}, not a number of {unit_name}")),
                    };
                }
                match reader.bare_count(0, all) {
                    Some((min, max, next)) if next == all && min >= 1 => {
                        Ok(FactValue::Duration { min, max, unit })
                    }
                    _ => Err(format!(
                        "`{written}` is not a number of {unit_name} (write a number, a range such as \"3-5\" or words such as \"two weeks\")"
                    )),
                }
            }
            FactKind::Money => reader
                .money_at(0, all)
                .filter(whole)
                .map(|v| v.value)
                .ok_or_else(|| {
                    format!("`{written}` is not an amount with its currency (write \"€4.90\" or \"4.90 EUR\")")
                }),
            FactKind::Hours => reader
                .hours_at(0, all, true)
                .filter(|(v, _)| whole(v))
                .map(|(v, _)| v.value)
                .ok_or_else(|| {
                    format!("`{written}` is not opening hours (write \"9-18\" or \"9:00-17:30\")")
                }),
            FactKind::Phone => grammar::phone_number(written)
                .filter(|_| written.chars().all(|c| c.is_ascii_digit() || " +-./()\u{a0}".contains(c)))
                .map(FactValue::Text)
                .ok_or_else(|| format!("`{written}` is not a phone number")),
            FactKind::Email => {
                let at = written.find('@');
                let ok = at.is_some_and(|i| {
                    i > 0
                        && written[i + 1..].contains('.')
                        && !written.contains(char::is_whitespace)
                });
                ok.then(|| FactValue::Text(written.to_lowercase()))
                    .ok_or_else(|| format!("`{written}` is not an e-mail address"))
            }
            FactKind::Url => grammar::normal_link(written)
                .filter(|(_, len)| *len == written.len() && !written.contains(char::is_whitespace))
                .map(|(link, _)| FactValue::Text(link))
                .ok_or_else(|| format!("`{written}` is not a link")),
        }
    }
}

/// Every key of the `[facts]` table, for suggestions and the docs.
pub fn policy_keys() -> Vec<String> {
    let lx = &*LEXICON;
    let mut out = Vec::new();
    for (index, subject) in lx.subjects.iter().enumerate() {
        if subject.skip {
            continue;
        }
        let qualifiers = std::iter::once(None).chain(
            lx.qualifiers
                .iter()
                .filter(|q| q.subjects.contains(&(index as u8)))
                .map(Some),
        );
        for qualifier in qualifiers {
            for &(suffix, _, _) in SUFFIXES {
                let key = match qualifier {
                    Some(q) => format!("{}-{}-{suffix}", subject.id, q.id),
                    None => format!("{}-{suffix}", subject.id),
                };
                if PolicyKey::read(&key).is_some() {
                    out.push(key);
                }
            }
        }
    }
    out
}
