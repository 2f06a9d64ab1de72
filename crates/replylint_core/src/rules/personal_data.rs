//! `personal-data`: card numbers, IBANs, e-mail addresses, phone numbers
//! and Italian tax codes written into a reply.

use super::{Context, Rule, Sink};
use crate::diagnostic::{Edit, Fix, Severity, Span};
use crate::text::phrases::{Folded, PhraseMatch, PhraseSet};
use crate::text::validate::{self, CardScheme};
use regex::Regex;
use serde::Deserialize;
use std::cell::OnceCell;
use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

crate::declare_rule! {
    /// ## What it does
    /// Reports personal data written into a reply: payment card numbers,
    /// IBANs, e-mail addresses, phone numbers and Italian tax codes
    /// (codice fiscale). A finding is an error on a public channel
    /// (`public = true`: X, Facebook comments, app store and Google
    /// reviews), where everyone can read it, and a warning elsewhere.
    ///
    /// Each kind is recognised by its shape and, where it has one, its
    /// check digits, so that order numbers, dates and amounts are left
    /// alone:
    /// - *Card numbers*: 13 to 19 digits that pass the Luhn check and carry
    ///   the issuer prefix and length of a card scheme (Visa, Mastercard,
    ///   American Express, Discover, JCB, Diners Club, UnionPay, Maestro).
    ///   Written in one run (`4111111111111111`) or grouped like a card,
    ///   with spaces or dashes (`4111 1111 1111 1111`, `3782 822463
    ///   10005`). A number right after a reference word ("order",
    ///   "ordine", "booking", "tracking", "IMEI", "fattura", `#`…) is a
    ///   reference, not a card; a card word ("card", "carta", "tarjeta")
    ///   nearer to it wins. Masked cards (`**** 1234`) have too few digits
    ///   to match. Random digit runs pass Luhn once in ten; with the
    ///   prefix and length checks, about one random 16-digit number in
    ///   thirty (one 13-digit number in sixty) still looks like a card,
    ///   which is why the reference word before it matters.
    /// - *IBANs*: a country code, two check digits and the account number,
    ///   in one run or in groups of four, with the country's length and a
    ///   valid mod-97 checksum. Not reported: IBANs on `allowed-ibans`
    ///   and those the reply calls the company's ("our IBAN", "il nostro
    ///   IBAN", "unsere Bankverbindung").
    /// - *E-mail addresses*, except shared mailboxes (`support@`, `info@`,
    ///   `assistenza@`, `noreply@`…, listed in
    ///   `rules/lexicon/personal-data.toml`), reserved example domains
    ///   (`example.com`) and addresses on `allowed-emails`.
    /// - *Phone numbers*: international numbers (`+39 347 123 4567`,
    ///   `0044 20 7946 0958`), national numbers with a trunk `0` and
    ///   separators (`02 1234 5678`, `06 12 34 56 78`), Italian mobiles
    ///   (`347 1234567`), UK mobiles (`07700900123`), North American
    ///   numbers (`(555) 123-4567`) and Spanish and Portuguese numbers in
    ///   groups (`612 345 678`). Not reported: toll-free and shared-cost
    ///   service numbers (`800 …`, `0800 …`, `+44 3…`, `1-800-…`), numbers
    ///   on `allowed-phones`, numbers that follow a cue naming the
    ///   company's own line ("call us on", "chiamaci al", "numero verde",
    ///   "servizio clienti", "our helpline") or a contact label opening
    ///   their line (`Tel.`, `Fax:`), numbers alone on a line of the
    ///   reply's last paragraph, below a name or department (a
    ///   signature), numbers after a reference word, and dates
    ///   (`01/02/2024`).
    /// - *Codice fiscale*: the 16-character Italian tax code, with a valid
    ///   check character.
    ///
    /// Numbers inside links are not looked at. The cues are data, per
    /// language, in `rules/lexicon/personal-data.toml`.
    ///
    /// Card numbers have an unsafe fix that masks all digits but the last
    /// four (`**** **** **** 1111`).
    ///
    /// ## Why is this bad?
    /// A card number, bank account, address or tax code in a public reply
    /// is a data breach with the brand's name on it; in a private channel
    /// it still ends up in transcripts, exports and screenshots. Refer to
    /// a card by its last four digits and keep identifiers out of replies.
    ///
    /// ## Example
    /// On `twitter`:
    /// ```text
    /// @anna We refunded the card 4111 1111 1111 1111 today.
    /// ```
    /// Use instead:
    /// ```text
    /// @anna We refunded your card ending in 1111 today.
    /// ```
    ///
    /// ## Options
    /// - `public` (channel setting): findings are errors on public channels.
    ///   Precisely: the configured level applies on private channels and
    ///   is raised one step on public ones (`warning` becomes `error`,
    ///   `info` becomes `warning`); set the rule `off` on a channel to
    ///   silence it there.
    /// - `allowed-emails` (top level): addresses that may appear, such as
    ///   a support address (`"help@brand.com"`), or whole domains
    ///   (`"@brand.com"`).
    /// - `allowed-phones` (top level): the company's own phone numbers, in
    ///   any format (`"+39 02 1234 5678"` also matches `02 12345678`).
    /// - `allowed-ibans` (top level): the company's own IBANs, for replies
    ///   that give bank details for a transfer.
    pub struct PersonalData {
        id: "personal-data",
        severity: Warning,
        fix: Sometimes,
    }
}

impl Rule for PersonalData {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        let allow = Allow {
            emails: &cx.settings.allowed_emails,
            phones: &cx.settings.allowed_phones,
            ibans: &cx.settings.allowed_ibans,
        };
        let severity = if cx.channel.public {
            raise(sink.severity())
        } else {
            sink.severity()
        };
        let body = cx.body();
        for f in find_in(body, cx.folded_body(), &allow) {
            let mut message = f.kind.describe();
            if cx.channel.public {
                message.push_str(&format!(
                    " in a reply on public channel `{}`",
                    cx.channel.id
                ));
            } else {
                message.push_str(" in a reply");
            }
            let d = sink
                .report_with_severity(f.span.clone(), message, severity)
                .with_help(f.kind.help());
            if let Kind::Card(_) = f.kind {
                d.with_fix(Fix::unsafe_(vec![Edit::replace(
                    Span::from(f.span.clone()),
                    mask_card(&body[f.span.clone()]),
                )]));
            }
        }
    }
}

/// One step up: info → warning → error.
fn raise(s: Severity) -> Severity {
    match s {
        Severity::Info => Severity::Warning,
        Severity::Warning | Severity::Error => Severity::Error,
    }
}

/// What kind of personal data a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Card(CardScheme),
    Iban,
    Email,
    Phone,
    CodiceFiscale,
}

impl Kind {
    fn describe(self) -> String {
        match self {
            Kind::Card(s) => format!("card number ({}, passes the Luhn check)", s.name()),
            Kind::Iban => "IBAN (valid check digits)".to_owned(),
            Kind::Email => "personal e-mail address".to_owned(),
            Kind::Phone => "phone number".to_owned(),
            Kind::CodiceFiscale => "codice fiscale (valid check character)".to_owned(),
        }
    }

    fn help(self) -> &'static str {
        match self {
            Kind::Card(_) => {
                "never write a card number in a reply: refer to the card by its last four digits"
            }
            Kind::Iban => {
                "refer to the account by its last four characters; the company's own IBAN can go in `allowed-ibans`"
            }
            Kind::Email => {
                "leave the customer's address out of the reply; a company address can go in `allowed-emails`"
            }
            Kind::Phone => {
                "leave the customer's number out of the reply; the company's own lines can go in `allowed-phones`"
            }
            Kind::CodiceFiscale => "leave the tax code out of the reply",
        }
    }
}

/// One piece of personal data found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: Kind,
    pub span: Range<usize>,
}

/// What the configuration allows, as written (the rule normalises).
#[derive(Debug, Clone, Copy, Default)]
pub struct Allow<'a> {
    pub emails: &'a [String],
    pub phones: &'a [String],
    pub ibans: &'a [String],
}

impl Allow<'_> {
    fn email(&self, address: &str) -> bool {
        let address = address.to_lowercase();
        let domain = address.rsplit('@').next().unwrap_or_default();
        self.emails.iter().any(|a| {
            let a = a.trim().to_lowercase();
            let a = a.trim_start_matches('*');
            match a.strip_prefix('@') {
                Some(d) => domain == d || domain.ends_with(&format!(".{d}")),
                None => a == address,
            }
        })
    }

    fn phone(&self, digits: &str) -> bool {
        self.phones.iter().any(|p| {
            same_phone(
                &p.chars().filter(char::is_ascii_digit).collect::<String>(),
                digits,
            )
        })
    }

    fn iban(&self, compact: &str) -> bool {
        self.ibans.iter().any(|i| {
            i.chars()
                .filter(|c| !c.is_whitespace() && *c != '-')
                .collect::<String>()
                .eq_ignore_ascii_case(compact)
        })
    }
}

/// Whether two phone numbers, digits only, are the same line: the
/// shorter, without leading zeros, has at least seven digits and ends the
/// longer (`0212345678` and `390212345678`).
fn same_phone(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim_start_matches('0'), b.trim_start_matches('0'));
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.len() >= 7 && long.ends_with(short)
}

// ------------------------------------------------------------------ cues

/// What a word before a number says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    Reference,
    Card,
    CompanyPhone,
    CustomerPhone,
    CompanyAccount,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawCues {
    #[serde(default)]
    reference: Vec<String>,
    #[serde(default)]
    card: Vec<String>,
    #[serde(default)]
    company_phone: Vec<String>,
    #[serde(default)]
    customer_phone: Vec<String>,
    #[serde(default)]
    company_account: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMailboxes {
    shared: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLabels {
    contact: Vec<String>,
}

#[derive(Deserialize)]
struct RawFile {
    mailboxes: RawMailboxes,
    labels: RawLabels,
    #[serde(flatten)]
    languages: BTreeMap<String, RawCues>,
}

struct Lexicon {
    /// One group per kind of cue, so that overlapping cues of different
    /// kinds ("il tuo numero d'ordine") are all found.
    cues: PhraseSet<Cue>,
    shared_mailboxes: HashSet<String>,
    contact_labels: HashSet<String>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let raw: RawFile = toml::from_str(include_str!("../../../../rules/lexicon/personal-data.toml"))
        .expect("built-in personal-data lexicon is valid");
    let kinds = [
        Cue::Reference,
        Cue::Card,
        Cue::CompanyPhone,
        Cue::CustomerPhone,
        Cue::CompanyAccount,
    ];
    let mut phrases: Vec<Vec<(String, Cue)>> = vec![Vec::new(); kinds.len()];
    for (code, lists) in raw.languages {
        code.parse::<crate::lang::Language>()
            .expect("personal-data lexicon tables are language codes");
        let lists = [
            lists.reference,
            lists.card,
            lists.company_phone,
            lists.customer_phone,
            lists.company_account,
        ];
        for ((list, cue), out) in lists.into_iter().zip(kinds).zip(&mut phrases) {
            out.extend(list.into_iter().map(|p| (p, cue)));
        }
    }
    Lexicon {
        cues: PhraseSet::grouped(phrases).expect("personal-data cues compile"),
        shared_mailboxes: raw
            .mailboxes
            .shared
            .into_iter()
            .map(|m| m.to_lowercase())
            .collect(),
        contact_labels: raw
            .labels
            .contact
            .into_iter()
            .map(|m| m.to_lowercase())
            .collect(),
    }
});

/// Longest gap, in bytes, between a cue and the number it speaks about.
const CUE_REACH: usize = 40;

/// The cue that speaks about the text at `at`: the nearest cue ending
/// before it, at most [`CUE_REACH`] bytes away, in the same sentence. A
/// `#` or `n°` right before the number is a reference cue. `cues` are
/// sorted by their end.
fn cue_before(text: &str, cues: &[PhraseMatch<'_, Cue>], at: usize) -> Option<Cue> {
    let before = text[..at].trim_end();
    if before.ends_with('#')
        || before.ends_with("n°")
        || before.ends_with("nº")
        || before.ends_with("n.º")
        || before.ends_with("N°")
        || before.ends_with("Nº")
    {
        return Some(Cue::Reference);
    }
    let i = cues.partition_point(|m| m.span.end <= at);
    let m = cues[..i].last()?;
    let gap = &text[m.span.end..at];
    // A cue speaks about the first number after it only (`24/7` is not
    // one).
    let number_between = gap
        .split(|c: char| !c.is_ascii_digit())
        .any(|digits| digits.len() >= 3);
    (gap.len() <= CUE_REACH && !breaks_sentence(gap) && !number_between).then_some(*m.payload)
}

/// Whether the number at `span` is a signature's contact line: alone on
/// its line, in the last paragraph of the reply, below at least one line
/// of text (a name, a department).
fn in_signature(text: &str, lines: &Lines, span: &Range<usize>) -> bool {
    let line = lines.around(span.start);
    if text[line.start..span.start].trim() != "" || text[span.end..line.end].trim() != "" {
        return false;
    }
    // Blank lines below: not the last paragraph.
    if lines.blank_after(line.end) {
        return false;
    }
    // A line of text right above it, in the same paragraph.
    line.start > 0 && !text[lines.around(line.start - 1)].trim().is_empty()
}

/// Where the lines of a text start, for finding a position's line in
/// logarithmic time however long the text.
struct Lines {
    /// Offsets of every `\n`.
    breaks: Vec<usize>,
    /// Offsets of the `\n` that end a blank (white-space-only) line.
    blank_ends: Vec<usize>,
    len: usize,
}

impl Lines {
    fn new(text: &str) -> Self {
        let breaks: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
        let mut blank_ends = Vec::new();
        let mut start = 0;
        for &b in &breaks {
            if start > 0 && text[start..b].trim().is_empty() {
                blank_ends.push(b);
            }
            start = b + 1;
        }
        Lines {
            breaks,
            blank_ends,
            len: text.len(),
        }
    }

    /// The line holding offset `at`, without its `\n`.
    fn around(&self, at: usize) -> Range<usize> {
        let i = self.breaks.partition_point(|&b| b < at);
        let start = if i == 0 { 0 } else { self.breaks[i - 1] + 1 };
        let end = self.breaks.get(i).copied().unwrap_or(self.len);
        start..end
    }

    /// Whether a blank line comes after offset `at` (a paragraph break).
    fn blank_after(&self, at: usize) -> bool {
        self.blank_ends.last().is_some_and(|&b| b > at)
    }
}

/// Whether the number at `at` follows a contact label that opens its
/// line, or the part of its line after a `|` or `·` (`Tel.`, `Fax:`,
/// `Telefono`): a contact block, as in a signature.
fn labelled(text: &str, lines: &Lines, at: usize, labels: &HashSet<String>) -> bool {
    let before = &text[lines.around(at).start..at];
    if before.len() > 80 {
        return false; // not a label
    }
    let before = before
        .rsplit(['|', '·', '•', ';', ','])
        .next()
        .unwrap_or_default();
    let label = before
        .trim()
        .trim_end_matches([':', '.', ' ', '-', '–'])
        .to_lowercase();
    !label.is_empty() && labels.contains(&label)
}

/// Whether `gap` crosses a sentence boundary: a line break, `!`, `?`, or
/// a `.` followed by white space and a capital letter.
fn breaks_sentence(gap: &str) -> bool {
    if gap.contains(['\n', '!', '?']) {
        return true;
    }
    gap.match_indices('.').any(|(i, _)| {
        let rest = &gap[i + 1..];
        let trimmed = rest.trim_start();
        trimmed.len() < rest.len() && trimmed.chars().next().is_some_and(char::is_uppercase)
    })
}

// ------------------------------------------------------------- patterns

/// Runs of digits with single separators between groups: spaces, dashes,
/// dots, slashes, and parentheses around an area code (`(02)`, `(0)`).
static NUMBER_RUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\+ ?|\(\+?)?\d+(?:(?:\)[ \-./]?|[ \-./\u{a0}]?\(|[ \-./\u{a0}])\d+)*\)?")
        .expect("valid number regex")
});

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}",
    )
    .expect("valid e-mail regex")
});

/// A country code, two check digits and 11 to 30 more letters or digits,
/// in one run or in groups (usually of four) separated by single spaces.
static IBAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}").expect("valid IBAN regex"));

static CODICE_FISCALE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]")
        .expect("valid codice fiscale regex")
});

/// Links, whose digits and addresses are not looked at.
static LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>]+|\b(?:[a-z0-9-]+\.)+[a-z]{2,}/[^\s<>]*",
    )
    .expect("valid link regex")
});

/// Dates written with separators: `01/02/2024`, `1.2.24`, `2024-02-01`.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{4}[./-]\d{1,2}[./-]\d{1,2})\b")
        .expect("valid date regex")
});

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether `range` stands alone in `text`: no letter, digit or `_`
/// touches it on either side (and no `@`, `/` or `.` + alphanumeric
/// before it, which would make it part of an address or a path).
fn stands_alone(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    !before.is_some_and(|c| is_word_char(c) || matches!(c, '@' | '/' | '\\' | '&' | '='))
        && !after.is_some_and(is_word_char)
}

/// Whether `r` overlaps one of `sorted`: ranges sorted by start that do
/// not overlap each other. Logarithmic.
fn overlaps_any(sorted: &[Range<usize>], r: &Range<usize>) -> bool {
    let i = sorted.partition_point(|s| s.start < r.end);
    i > 0 && sorted[i - 1].end > r.start
}

/// What was found so far, with the ranges by start (they never overlap).
#[derive(Default)]
struct Found {
    list: Vec<Finding>,
    taken: BTreeMap<usize, usize>,
}

impl Found {
    fn overlaps(&self, r: &Range<usize>) -> bool {
        self.taken
            .range(..r.end)
            .next_back()
            .is_some_and(|(_, &end)| end > r.start)
    }

    fn push(&mut self, kind: Kind, span: Range<usize>) {
        self.taken.insert(span.start, span.end);
        self.list.push(Finding { kind, span });
    }
}

/// Every piece of personal data in `text`, in text order.
pub fn find(text: &str, allow: &Allow<'_>) -> Vec<Finding> {
    find_in(text, &Folded::new(text), allow)
}

/// Whether `text` may hold a [`LINK`]: every link has a `/` or `www.`.
/// Most replies have neither, and the regular expression's Unicode `\b`
/// makes it slow on text that is not ASCII.
fn may_link(text: &str) -> bool {
    text.contains('/') || crate::text::contains_ignore_ascii_case(text, "www.")
}

/// Whether `text` may hold an [`EMAIL`]: an `@` between two characters
/// an address can have there (not an @handle at the start of a word).
/// Non-ASCII neighbours count: the expression's case folding matches
/// `ſ` and the Kelvin sign.
fn may_email(text: &str) -> bool {
    let bytes = text.as_bytes();
    let local =
        |b: u8| !b.is_ascii() || b.is_ascii_alphanumeric() || b"!#$%&'*+/=?^_`{|}~-.".contains(&b);
    text.match_indices('@').any(|(i, _)| {
        i > 0
            && bytes
                .get(i + 1)
                .is_some_and(|&b| !b.is_ascii() || b.is_ascii_alphanumeric())
            && local(bytes[i - 1])
    })
}

/// Fewest ASCII digits of a number [`card_in`] or [`phone_in`] takes: a
/// phone number after a country code has eight, a card thirteen.
const MIN_NUMBER_DIGITS: usize = 8;

/// How many ASCII digits `bytes` has, those [`card_in`] and [`phone_in`]
/// count. Counted in a byte per chunk of 255 bytes, which the compiler
/// turns into vector instructions.
fn ascii_digits(bytes: &[u8]) -> usize {
    bytes
        .chunks(usize::from(u8::MAX))
        .map(|chunk| {
            let n = chunk
                .iter()
                .fold(0_u8, |n, b| n + u8::from(b.is_ascii_digit()));
            usize::from(n)
        })
        .sum()
}

/// Whether `text` may hold an [`IBAN`]: two ASCII capitals, then an ASCII
/// digit or a byte outside ASCII (the expression's `\d` is Unicode's).
/// Every window is looked at, without stopping at the first that fits, so
/// that the compiler turns the loop into vector instructions.
fn may_iban(text: &str) -> bool {
    text.as_bytes().windows(3).fold(false, |found, w| {
        found
            | (w[0].is_ascii_uppercase()
                & w[1].is_ascii_uppercase()
                & (w[2].is_ascii_digit() | !w[2].is_ascii()))
    })
}

/// Whether `text` has `len` ASCII letters or digits in a row (a
/// [`CODICE_FISCALE`] has 16). The byte `len - 1` after where a run may
/// start is looked at first: most of the time it is not alphanumeric, and
/// no run starts before it.
fn has_alphanumeric_run(text: &str, len: usize) -> bool {
    let Some(reach) = len.checked_sub(1) else {
        return true;
    };
    let bytes = text.as_bytes();
    let mut start = 0;
    while let Some(&b) = bytes.get(start + reach) {
        let last = start + reach;
        if !b.is_ascii_alphanumeric() {
            start = last + 1;
            continue;
        }
        match bytes[start..last]
            .iter()
            .rposition(|b| !b.is_ascii_alphanumeric())
        {
            None => return true,
            Some(i) => start += i + 1,
        }
    }
    false
}

/// Whether `text` may hold a [`DATE`]: a digit, then `.`, `/` or `-`, then
/// a digit. The separators are ASCII, so they are found as bytes and only
/// their neighbours decoded.
fn may_date(text: &str) -> bool {
    memchr::memchr3_iter(b'.', b'/', b'-', text.as_bytes()).any(|i| {
        text[..i].chars().next_back().is_some_and(char::is_numeric)
            && text[i + 1..].chars().next().is_some_and(char::is_numeric)
    })
}

/// [`find`] in a text folded already.
fn find_in(text: &str, folded: &Folded, allow: &Allow<'_>) -> Vec<Finding> {
    // The lexicon is parsed and compiled only when a candidate needs it.
    let lexicon = &LEXICON;
    let links: Vec<Range<usize>> = if may_link(text) {
        LINK.find_iter(text).map(|m| m.range()).collect()
    } else {
        Vec::new()
    };
    let in_link = |r: &Range<usize>| overlaps_any(&links, r);
    let mut found = Found::default();

    // E-mail addresses.
    let emails = if may_email(text) {
        Some(EMAIL.find_iter(text))
    } else {
        None
    };
    for m in emails.into_iter().flatten() {
        let r = m.range();
        if !stands_alone(text, &r) || in_link(&r) {
            continue;
        }
        let address = m.as_str();
        if allow.email(address)
            || shared_mailbox(address, &lexicon.shared_mailboxes)
            || example_domain(address)
        {
            continue;
        }
        found.push(Kind::Email, r);
    }

    // Looked for only when a number or an IBAN needs them (most numbers
    // are too short to be a card or a phone).
    let cue_matches: OnceCell<Vec<PhraseMatch<'_, Cue>>> = OnceCell::new();
    let cues = || {
        cue_matches.get_or_init(|| {
            let mut cues: Vec<PhraseMatch<'_, Cue>> = lexicon
                .cues
                .find_groups(folded)
                .into_iter()
                .flatten()
                .collect();
            cues.sort_by_key(|m| (m.span.end, std::cmp::Reverse(m.span.start)));
            cues
        })
    };

    // IBANs and tax codes: letters and digits with check characters. An
    // IBAN the reply calls the company's ("our IBAN") is not personal.
    let digits = ascii_digits(text.as_bytes());
    let numeric = || digits > 0 || text.chars().any(char::is_numeric);
    let ibans = (may_iban(text) && numeric()).then(|| IBAN.find_iter(text));
    for m in ibans.into_iter().flatten() {
        let r = trim_iban(text, m.range());
        let Some(r) = r else { continue };
        if !stands_alone(text, &r) || in_link(&r) || found.overlaps(&r) {
            continue;
        }
        let compact: String = text[r.clone()].chars().filter(|c| *c != ' ').collect();
        if allow.iban(&compact) || cue_before(text, cues(), r.start) == Some(Cue::CompanyAccount) {
            continue;
        }
        found.push(Kind::Iban, r);
    }
    let codes = has_alphanumeric_run(text, 16).then(|| CODICE_FISCALE.find_iter(text));
    for m in codes.into_iter().flatten() {
        let r = m.range();
        if !stands_alone(text, &r)
            || in_link(&r)
            || found.overlaps(&r)
            || !validate::codice_fiscale(m.as_str())
        {
            continue;
        }
        // All lower case or all upper case: a tax code, not a word.
        let s = m.as_str();
        if !(s == s.to_ascii_uppercase() || s == s.to_ascii_lowercase()) {
            continue;
        }
        found.push(Kind::CodiceFiscale, r);
    }

    // Numbers: cards, then phones, in runs of enough digits. The dates and
    // lines they are checked against are found for the first run that
    // needs them.
    let dates: OnceCell<Vec<Range<usize>>> = OnceCell::new();
    let lines: OnceCell<Lines> = OnceCell::new();
    let numbers = (digits >= MIN_NUMBER_DIGITS).then(|| NUMBER_RUN.find_iter(text));
    for m in numbers.into_iter().flatten() {
        let run = m.range();
        if ascii_digits(text[run.clone()].as_bytes()) < MIN_NUMBER_DIGITS
            || !stands_alone(text, &run)
            || in_link(&run)
            || found.overlaps(&run)
        {
            continue;
        }
        let at = run.start;
        let cue = OnceCell::new();
        let cue = || *cue.get_or_init(|| cue_before(text, cues(), at));
        if let Some((span, scheme)) = card_in(text, run.clone(), cue) {
            found.push(Kind::Card(scheme), span);
            continue;
        }
        let dates = dates.get_or_init(|| {
            if may_date(text) {
                DATE.find_iter(text).map(|m| m.range()).collect()
            } else {
                Vec::new()
            }
        });
        if overlaps_any(dates, &run) {
            continue;
        }
        if let Some(span) = phone_in(text, run) {
            let lines = lines.get_or_init(|| Lines::new(text));
            if matches!(cue(), Some(Cue::Reference | Cue::CompanyPhone | Cue::Card))
                || labelled(text, lines, span.start, &lexicon.contact_labels)
                || in_signature(text, lines, &span)
            {
                continue;
            }
            let digits: String = text[span.clone()]
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            if allow.phone(&digits) {
                continue;
            }
            found.push(Kind::Phone, span);
        }
    }
    let mut found = found.list;
    found.sort_by_key(|f| (f.span.start, f.span.end));
    found
}

/// Whether an address's local part names a shared mailbox: one of the
/// listed names, alone or followed by `-`, `.`, `_`, `+` or a digit and
/// more; or starting or ending with a listed name of six letters or more
/// (`appsupport`, `servicedesk`).
fn shared_mailbox(address: &str, shared: &HashSet<String>) -> bool {
    let local = address.split('@').next().unwrap_or_default().to_lowercase();
    if shared.contains(&local) {
        return true;
    }
    let at_separator = local
        .char_indices()
        .filter(|&(_, c)| matches!(c, '-' | '.' | '_' | '+') || c.is_ascii_digit())
        .any(|(i, _)| shared.contains(&local[..i]));
    at_separator
        || shared
            .iter()
            .filter(|name| name.chars().count() >= 6)
            .any(|name| local.starts_with(name.as_str()) || local.ends_with(name.as_str()))
}

/// Addresses at reserved example domains (RFC 2606).
fn example_domain(address: &str) -> bool {
    let domain = address
        .rsplit('@')
        .next()
        .unwrap_or_default()
        .to_lowercase();
    let base = ["example.com", "example.org", "example.net"];
    base.iter()
        .any(|b| domain == *b || domain.ends_with(&format!(".{b}")))
        || [".example", ".test", ".invalid", ".localhost"]
            .iter()
            .any(|t| domain.ends_with(t))
}

/// The IBAN in a regex match: the longest prefix that is a valid IBAN,
/// without a trailing space.
fn trim_iban(text: &str, r: Range<usize>) -> Option<Range<usize>> {
    let s = &text[r.clone()];
    // Try the longest candidate first, shortening group by group.
    let mut end = s.len();
    loop {
        let cand = s[..end].trim_end();
        let compact: String = cand.chars().filter(|c| *c != ' ').collect();
        if validate::iban(&compact) && grouped_like_iban(cand) {
            return Some(r.start..r.start + cand.len());
        }
        end = cand.rfind(' ')?;
    }
}

/// An IBAN written in one run, or in groups of four with single spaces
/// (the last group shorter).
fn grouped_like_iban(s: &str) -> bool {
    if !s.contains(' ') {
        return true;
    }
    let groups: Vec<&str> = s.split(' ').collect();
    let (last, rest) = groups
        .split_last()
        .expect("split yields one piece at least");
    rest.iter().all(|g| g.len() == 4) && (1..=4).contains(&last.len())
}

/// The digit groups of a run and the separators between them.
fn groups(s: &str) -> (Vec<Range<usize>>, Vec<&str>) {
    let mut groups = Vec::new();
    let mut seps = Vec::new();
    let mut start = None;
    let mut last_end = 0;
    for (i, c) in s.char_indices() {
        if c.is_ascii_digit() {
            if start.is_none() {
                if !groups.is_empty() {
                    seps.push(&s[last_end..i]);
                }
                start = Some(i);
            }
        } else if let Some(st) = start.take() {
            groups.push(st..i);
            last_end = i;
        }
    }
    if let Some(st) = start {
        groups.push(st..s.len());
    }
    (groups, seps)
}

/// Whether group lengths look like a card's: fours with a shorter last
/// group (`4-4-4-4`, `4-4-4-4-3`, `4-4-4-1`), or American Express and
/// Diners Club's `4-6-5` and `4-6-4`.
fn card_grouping(lens: &[usize]) -> bool {
    match lens {
        [_] => true,
        [4, 6, 5] | [4, 6, 4] => true,
        [rest @ .., last] => rest.iter().all(|&l| l == 4) && (1..=4).contains(last),
        [] => false,
    }
}

/// A card number at the start of the run at `run`: the longest prefix of
/// its groups that has 13–19 digits, one kind of separator (space or
/// dash), a card's grouping, a scheme's prefix and length and a valid
/// Luhn check. Digits after it must be set apart (a different separator,
/// or three digits at most: a security code). A single run of digits
/// after a reference cue is no card.
/// `cue`: the cue before the run, looked for when needed.
fn card_in(
    text: &str,
    run: Range<usize>,
    cue: impl Fn() -> Option<Cue>,
) -> Option<(Range<usize>, CardScheme)> {
    let s = &text[run.clone()];
    if s.starts_with('+') || s.starts_with('(') {
        return None;
    }
    let (groups, seps) = groups(s);
    for end in (1..=groups.len()).rev() {
        let window = &groups[..end];
        if !(13..=19).contains(&window.iter().map(Range::len).sum::<usize>()) {
            continue;
        }
        let inner = &seps[..end - 1];
        let uniform = inner.iter().all(|&sep| sep == " " || sep == "-")
            && inner.windows(2).all(|w| w[0] == w[1]);
        let lens: Vec<usize> = window.iter().map(Range::len).collect();
        if !uniform || !card_grouping(&lens) {
            continue;
        }
        if end < groups.len() {
            let next_sep = seps[end - 1];
            let rest_digits: usize = groups[end..].iter().map(Range::len).sum();
            let set_apart = inner.first().is_none_or(|&sep| sep != next_sep) || rest_digits <= 3;
            if !set_apart {
                continue;
            }
        }
        if cue() == Some(Cue::Reference) {
            return None;
        }
        let digits: String = window.iter().map(|g| &s[g.clone()]).collect();
        let Some(scheme) = validate::card_scheme(&digits) else {
            continue;
        };
        if !validate::luhn(&digits) {
            continue;
        }
        let span = run.start + window[0].start..run.start + window[end - 1].end;
        return Some((span, scheme));
    }
    None
}

/// Replace every digit but the last four with `*`.
fn mask_card(s: &str) -> String {
    let total = s.chars().filter(char::is_ascii_digit).count();
    let mut seen = 0;
    s.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                seen += 1;
                if seen <= total.saturating_sub(4) {
                    return '*';
                }
            }
            c
        })
        .collect()
}

/// The phone number the run at `run` is, if it is one (see the rule's
/// docs for the shapes), and not a toll-free or shared-cost service
/// number.
fn phone_in(text: &str, run: Range<usize>) -> Option<Range<usize>> {
    let mut s = &text[run.clone()];
    // An unbalanced closing parenthesis belongs to the text around it.
    if s.ends_with(')') && s.matches(')').count() > s.matches('(').count() {
        s = &s[..s.len() - 1];
    }
    let span = run.start..run.start + s.len();
    let (groups, seps) = groups(s);
    let digits: String = groups.iter().map(|g| &s[g.clone()]).collect();
    let n = digits.len();
    let separated = !seps.is_empty();
    let only_spaces_dashes = seps.iter().all(|&sep| matches!(sep, " " | "-" | "\u{a0}"));

    // International: `+39 …`, `0039 …`.
    let international = if s.starts_with('+') || s.starts_with("(+") {
        Some(digits.as_str())
    } else if digits.starts_with("00") && separated && s.starts_with("00") {
        Some(&digits[2..])
    } else {
        None
    };
    if let Some(number) = international {
        if !(8..=15).contains(&number.len()) || international_service(number) {
            return None;
        }
        return Some(span);
    }

    let lens: Vec<usize> = groups.iter().map(Range::len).collect();
    // North America: (555) 123-4567, 555-123-4567, 1-800-123-4567.
    let nanp = match lens.as_slice() {
        [3, 3, 4] => Some(&digits[..3]),
        [1, 3, 3, 4] if digits.starts_with('1') => Some(&digits[1..4]),
        _ => None,
    };
    if let Some(area) = nanp
        && (s.contains('(') || seps.iter().all(|&sep| sep == "-" || sep == "."))
        && !area.starts_with(['0', '1'])
    {
        return (!matches!(
            area,
            "800" | "833" | "844" | "855" | "866" | "877" | "888" | "900"
        ))
        .then_some(span);
    }

    // A trunk `0`, with separators: 02 1234 5678, 06 12 34 56 78, 020 7946 0958.
    if digits.starts_with('0') && !digits.starts_with("00") {
        let contiguous_uk_mobile = !separated && n == 11 && digits.starts_with("07");
        if !(separated || contiguous_uk_mobile) || !(9..=11).contains(&n) {
            return None;
        }
        let national = &digits[1..];
        let service = national.starts_with('8')
            || national.starts_with("90")
            || national.starts_with("180")
            || national.starts_with("137")
            || (national.starts_with('3') && n == 11)
            || national.starts_with("500");
        return (!service).then_some(span);
    }

    // Italian mobile: 3xx and seven digits, in any grouping.
    if n == 10 && digits.starts_with('3') && !digits.starts_with("30") && only_spaces_dashes {
        return Some(span);
    }

    // Spanish and Portuguese: nine digits in groups (612 345 678, 912 34 56 78).
    if n == 9
        && seps.len() >= 2
        && only_spaces_dashes
        && digits.starts_with(['2', '6', '7', '9'])
        && !["90", "80", "70", "76"]
            .iter()
            .any(|p| digits.starts_with(p))
    {
        return Some(span);
    }
    None
}

/// Service numbers after a country code: toll-free, shared-cost and
/// premium ranges, which belong to companies.
fn international_service(number: &str) -> bool {
    let after = |cc: &str| number.strip_prefix(cc).map(|r| r.trim_start_matches('0'));
    if number.starts_with("800") || number.starts_with("808") {
        return true; // +800 universal freephone, +808 shared cost
    }
    if let Some(r) = after("1") {
        return ["800", "833", "844", "855", "866", "877", "888", "900"]
            .iter()
            .any(|p| r.starts_with(p));
    }
    if let Some(r) = after("39") {
        return r.starts_with('8') || r.starts_with("199") || r.starts_with("166");
    }
    if let Some(r) = after("44") {
        return r.starts_with('8') || r.starts_with('3') || r.starts_with('9');
    }
    if let Some(r) = after("33") {
        return r.starts_with('8');
    }
    if let Some(r) = after("49") {
        return ["800", "180", "900", "137", "138"]
            .iter()
            .any(|p| r.starts_with(p));
    }
    if let Some(r) = after("351") {
        return ["80", "707", "708", "760"].iter().any(|p| r.starts_with(p));
    }
    if let Some(r) = after("34") {
        return ["90", "80"].iter().any(|p| r.starts_with(p));
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, &str)> {
        find(text, &Allow::default())
            .into_iter()
            .map(|f| (f.kind, &text[f.span]))
            .collect()
    }

    #[test]
    fn cards_grouped_or_in_one_run() {
        assert_eq!(
            kinds("Card 4111 1111 1111 1111 expires 12/26."),
            [(Kind::Card(CardScheme::Visa), "4111 1111 1111 1111")]
        );
        assert_eq!(
            kinds("numero 4111111111111111"),
            [(Kind::Card(CardScheme::Visa), "4111111111111111")]
        );
        assert_eq!(
            kinds("Amex 3782-822463-10005 ok"),
            [(Kind::Card(CardScheme::Amex), "3782-822463-10005")]
        );
        assert_eq!(
            kinds("4111 1111 1111 1111 123"),
            [(Kind::Card(CardScheme::Visa), "4111 1111 1111 1111")]
        );
    }

    #[test]
    fn order_numbers_are_not_cards() {
        // Luhn-valid Visa-shaped runs after a reference word.
        assert!(kinds("Your order 4111111111111111 has shipped").is_empty());
        assert!(kinds("Ordine n. 4111111111111111 spedito").is_empty());
        assert!(kinds("Order #4111111111111111").is_empty());
        // Not Luhn-valid.
        assert!(kinds("4111 1111 1111 1112").is_empty());
        // No scheme's prefix.
        assert!(kinds("8000 0000 0000 0002").is_empty());
        // Masked.
        assert!(kinds("la carta **** **** **** 1111").is_empty());
    }

    #[test]
    fn ibans_and_tax_codes() {
        assert_eq!(
            kinds("IBAN: IT60 X054 2811 1010 0000 0123 456, grazie"),
            [(Kind::Iban, "IT60 X054 2811 1010 0000 0123 456")]
        );
        assert_eq!(
            kinds("IBAN GB82WEST12345698765432."),
            [(Kind::Iban, "GB82WEST12345698765432")]
        );
        assert!(kinds("IT60 X054 2811 1010 0000 0123 457").is_empty());
        assert!(kinds("Bonifico sul nostro IBAN IT60X0542811101000000123456.").is_empty());
        assert!(kinds("Our bank details: GB82 WEST 1234 5698 7654 32").is_empty());
        assert_eq!(
            kinds("CF RSSMRA85T10A562S."),
            [(Kind::CodiceFiscale, "RSSMRA85T10A562S")]
        );
        assert!(kinds("CF RSSMRA85T10A562T").is_empty());
    }

    #[test]
    fn email_addresses_except_shared_mailboxes() {
        assert_eq!(
            kinds("write to mario.rossi@gmail.com today"),
            [(Kind::Email, "mario.rossi@gmail.com")]
        );
        assert!(kinds("write to support@brand.com or assistenza.clienti@brand.it").is_empty());
        assert!(kinds("info-italia@brand.it, anna@example.com").is_empty());
        assert!(kinds("appsupport@brand.com, servicedesk@brand.it").is_empty());
        // Short names only count whole or before a separator.
        assert_eq!(kinds("hilary@gmail.com").len(), 1);
        let allowed = ["@brand.com".to_owned()];
        let allow = Allow {
            emails: &allowed,
            ..Allow::default()
        };
        assert!(find("anna.b@brand.com", &allow).is_empty());
        assert!(find("anna.b@mail.brand.com", &allow).is_empty());
        assert_eq!(find("anna.b@brand.co", &allow).len(), 1);
    }

    #[test]
    fn phone_numbers() {
        for (text, phone) in [
            ("ti richiamiamo al +39 347 123 4567.", "+39 347 123 4567"),
            ("il cliente: 347 1234567", "347 1234567"),
            ("number 3471234567", "3471234567"),
            ("call Jo on (555) 123-4567 later", "(555) 123-4567"),
            ("call Jo on 555-123-4567", "555-123-4567"),
            ("casa 02 1234 5678", "02 1234 5678"),
            ("maison 06 12 34 56 78", "06 12 34 56 78"),
            ("mobile 07700 900123", "07700 900123"),
            ("mobile 07700900123", "07700900123"),
            ("móvil 612 345 678", "612 345 678"),
            ("+44 (0)20 7946 0958", "+44 (0)20 7946 0958"),
            ("0044 20 7946 0958", "0044 20 7946 0958"),
        ] {
            assert_eq!(kinds(text), [(Kind::Phone, phone)], "{text}");
        }
    }

    #[test]
    fn a_number_alone_on_a_line_is_only_a_signature_in_the_last_paragraph() {
        assert_eq!(kinds("Your number:\n347 1234567\n\nThanks,\nAnna").len(), 1);
        assert_eq!(kinds("347 1234567\n\nThanks").len(), 1);
        assert!(kinds("Thanks,\nAnna\n347 1234567").is_empty());
    }

    #[test]
    fn not_phone_numbers() {
        for text in [
            "Numero verde 800 123 456",
            "call 0800 123 4567",
            "call 0345 600 3030",
            "call 1-800-555-0199",
            "+44 345 600 3030",
            "chiamaci al 02 1234 5678",
            "Call us on +39 02 1234 5678",
            "il tuo ordine 3471234567",
            "tracking number 0123 4567 8901",
            "Regards,\nAnna\nTel. 02 1234 5678 | Fax: 02 1234 5679",
            "Hi,\n\nthanks!\n\nRegards,\nCustomer Care\n020 7946 0123\nwww.brand.com",
            "arriverà il 01/02/2024 tra le 10 e le 12",
            "totale 1.234,56 euro",
            "P.IVA 01234567890",
            "dal 2024-01-15",
            "see https://brand.com/orders/3471234567",
            "order 123456789",
            "codice 12345",
        ] {
            assert!(kinds(text).is_empty(), "{text}: {:?}", kinds(text));
        }
    }

    #[test]
    fn numbers_have_eight_digits_at_least() {
        // Up to seven digits, written every way the run expression takes.
        let seps = [" ", "-", ".", "/", ") ", " (", "\u{a0}"];
        let prefixes = ["", "+", "+ ", "(+", "(", "00", "+1 ", "+39 "];
        for digits in [
            "3471234", "0012345", "5551234", "0800123", "4111111", "0612345",
        ] {
            for n in 1..=digits.len() {
                for mask in 0..1_u32 << (n - 1) {
                    for sep in seps {
                        let mut number = String::new();
                        for (i, d) in digits[..n].char_indices() {
                            if i > 0 && mask & 1 << (i - 1) != 0 {
                                number.push_str(sep);
                            }
                            number.push(d);
                        }
                        for prefix in prefixes {
                            let text = format!("{prefix}{number})");
                            for m in NUMBER_RUN.find_iter(&text) {
                                if ascii_digits(m.as_str().as_bytes()) >= MIN_NUMBER_DIGITS {
                                    continue;
                                }
                                assert_eq!(card_in(&text, m.range(), || None), None, "{text}");
                                assert_eq!(phone_in(&text, m.range()), None, "{text}");
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn cheap_looks_agree_with_the_slow_ones() {
        for text in [
            "",
            "a",
            "ABCDEFGHIJKLMNOP",
            "ABCDEFGHIJKLMNO",
            "x ABCDEFGHIJKLMNO1 y",
            "ABCDEFGHIJKLMNO ABCDEFGHIJKLMNOP",
            "abcdefghijklmno-pabcdefghijklmnop!",
            "RSSMRA85T10A562S",
            "é RSSMRA85T10A562S é",
            "RSSMRA85T10A562",
        ] {
            let slow = text
                .as_bytes()
                .split(|b| !b.is_ascii_alphanumeric())
                .any(|run| run.len() >= 16);
            assert_eq!(has_alphanumeric_run(text, 16), slow, "{text}");
        }
        for text in ["", "1", "a1b2", &"9".repeat(1000), "١٢ 12 ½"] {
            let slow = text.bytes().filter(u8::is_ascii_digit).count();
            assert_eq!(ascii_digits(text.as_bytes()), slow, "{text}");
        }
        for (text, may) in [
            ("IT60", true),
            ("IT٦٠", true),
            ("IT", false),
            ("I T60", false),
            ("It60", false),
            ("ITA", false),
        ] {
            assert_eq!(may_iban(text), may, "{text}");
        }
        for (text, may) in [
            ("1/2", true),
            ("١.٢", true),
            ("½-1", true),
            ("1 /2", false),
            ("/1", false),
            ("1-", false),
            ("a.b", false),
        ] {
            assert_eq!(may_date(text), may, "{text}");
        }
    }

    #[test]
    fn allowed_phones_match_in_any_format() {
        let allowed = ["+39 02 1234 5678".to_owned()];
        let allow = Allow {
            phones: &allowed,
            ..Allow::default()
        };
        assert!(find("home 02 1234 5678", &allow).is_empty());
        assert!(find("home 0039 02 12345678", &allow).is_empty());
        assert_eq!(find("home 02 1234 5679", &allow).len(), 1);
    }

    #[test]
    fn masking_keeps_the_last_four_digits_and_the_grouping() {
        assert_eq!(mask_card("4111 1111 1111 1111"), "**** **** **** 1111");
        assert_eq!(mask_card("378282246310005"), "***********0005");
    }
}
