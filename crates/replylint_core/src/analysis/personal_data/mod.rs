//! Personal data in a text: payment card numbers, IBANs, e-mail
//! addresses, phone numbers and Italian tax codes (codice fiscale),
//! recognised by their shape and, where they have one, their check digits,
//! so that order numbers, dates and amounts are left alone. What the
//! caller allows ([`Allow`]: the company's own addresses, lines and
//! accounts) and what the text says is the company's ("call us on", "our
//! IBAN", a signature's contact line) is not found. The `personal-data`
//! rule decides how severe a finding is and what to say about it.
//!
//! - `cues`: what the words before a number say about it;
//! - `numbers`: digit runs, and the card and phone shapes among them.
//!
//! Links, e-mail addresses and word boundaries here follow their own,
//! stricter patterns (an address must have a dotted domain; a digit or `_`
//! touching a number makes it part of a code): see the table in
//! [`crate::analysis::tokens`].

mod cues;
mod numbers;

use crate::text::is_name_char;
use crate::text::phrases::{Folded, PhraseMatch};
use crate::text::validate::{self, CardScheme};
use cues::{Cue, LEXICON, Lines, cue_before, in_signature, labelled};
use numbers::{MIN_NUMBER_DIGITS, NUMBER_RUN, ascii_digits, card_in, phone_in};
use regex::Regex;
use std::cell::OnceCell;
use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

/// What kind of personal data a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Card(CardScheme),
    Iban,
    Email,
    Phone,
    CodiceFiscale,
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
    /// The organisation's own domains (`brand.com`), subdomains included.
    pub own_domains: &'a [String],
    /// The organisation's own phone numbers, as `phones`.
    pub own_phones: &'a [String],
}

impl Allow<'_> {
    fn email(&self, address: &str) -> bool {
        let address = address.to_lowercase();
        let domain = address.rsplit('@').next().unwrap_or_default();
        let own = |d: &String| {
            let d = d.trim().trim_start_matches(['*', '@', '.']).to_lowercase();
            !d.is_empty() && (domain == d || domain.ends_with(&format!(".{d}")))
        };
        if self.own_domains.iter().any(own) {
            return true;
        }
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
        self.phones.iter().chain(self.own_phones).any(|p| {
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

/// Whether `range` stands alone in `text`: no letter, digit or `_`
/// touches it on either side (and no `@`, `/` or `.` + alphanumeric
/// before it, which would make it part of an address or a path).
fn stands_alone(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    !before.is_some_and(|c| is_name_char(c) || matches!(c, '@' | '/' | '\\' | '&' | '='))
        && !after.is_some_and(is_name_char)
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
pub fn find_in(text: &str, folded: &Folded, allow: &Allow<'_>) -> Vec<Finding> {
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
        assert!(kinds("forward it to reportphish@bank.com today").is_empty());
        let own = ["bank.com".to_owned()];
        let phones = ["+1 800 869 3557".to_owned()];
        let allow_own = Allow {
            own_domains: &own,
            own_phones: &phones,
            ..Allow::default()
        };
        assert!(
            find(
                "write to connor@bank.com or call 1-800-869-3557",
                &allow_own
            )
            .is_empty()
        );
        assert_eq!(find("write to connor@bankx.com", &allow_own).len(), 1);
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
}
