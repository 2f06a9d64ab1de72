//! A reply as fact extraction reads it: its tokens ([`crate::analysis::tokens`])
//! as items (words split at apostrophes, numbers without the punctuation
//! that ends them, bare links such as `acme.com/returns` made one item,
//! what is quoted or code set aside), each with its folded key; the
//! phrases of the lexicon found at them; the sentences of
//! [`crate::analysis::sentences`] split into clauses; and the runs of
//! digits shaped like phone numbers.

use super::lexicon::{Found, LEXICON};
use crate::analysis::tokens::{self, Kind};
use crate::lang::Language;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// What an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ItemKind {
    Word,
    /// A word with a digit ([`Kind::Number`]), without trailing `.` `,`
    /// `:` `;` `/` `-`.
    Number,
    Punct,
    Url,
    Email,
    /// A placeholder, an emoji, a handle or a hashtag: nothing a fact is
    /// written with.
    Other,
    /// Inside a quoted line, a code block or a code span.
    Skipped,
}

#[derive(Debug, Clone)]
pub(super) struct Item {
    pub range: Range<usize>,
    pub kind: ItemKind,
    /// The folded text, in [`Scan::folded`] (empty for items no phrase
    /// matches).
    key: Range<u32>,
}

/// A clause: items of one sentence between separators.
#[derive(Debug, Clone)]
pub(super) struct Clause {
    pub items: Range<usize>,
    pub sentence: u32,
    /// It follows a `:` ("Delivery times: 3-5 days").
    pub after_colon: bool,
}

/// A reply read for facts.
#[derive(Debug)]
pub(super) struct Scan<'a> {
    pub body: &'a str,
    pub items: Vec<Item>,
    folded: String,
    /// Every phrase of the lexicon at the items, any language, by first
    /// item, longest first.
    pub found: Vec<Found>,
    /// For each item, the index in `found` of its first phrase (one more
    /// entry: `found.len()`).
    found_at: Vec<u32>,
    language: Option<Language>,
    clauses: std::cell::OnceCell<Vec<Clause>>,
    /// The runs of digits shaped like phone numbers, by start.
    pub phones: Vec<Range<usize>>,
}

impl<'a> Scan<'a> {
    pub(super) fn new(body: &'a str, language: Option<Language>) -> Self {
        let items = items(body, true);
        let mut folded = String::with_capacity(body.len());
        let items: Vec<Item> = items
            .into_iter()
            .map(|mut item| {
                if matches!(
                    item.kind,
                    ItemKind::Word | ItemKind::Number | ItemKind::Punct
                ) {
                    let start = folded.len() as u32;
                    let text = &body[item.range.clone()];
                    if text.is_ascii() {
                        folded.extend(text.bytes().map(|b| char::from(b.to_ascii_lowercase())));
                    } else {
                        folded.extend(text.chars().flat_map(crate::text::fold_char));
                    }
                    item.key = start..folded.len() as u32;
                }
                item
            })
            .collect();
        let key = |i: usize| -> Option<&str> {
            let item = items.get(i)?;
            (!item.key.is_empty()).then(|| &folded[item.key.start as usize..item.key.end as usize])
        };
        let found = LEXICON.find(items.len(), key);
        let mut found_at = Vec::with_capacity(items.len() + 1);
        let mut f = 0;
        for i in 0..=items.len() {
            while f < found.len() && (found[f].start as usize) < i {
                f += 1;
            }
            found_at.push(f as u32);
        }
        let phones = phones(body);
        Scan {
            body,
            items,
            folded,
            found,
            found_at,
            language,
            clauses: std::cell::OnceCell::new(),
            phones,
        }
    }

    /// The clauses, split the first time they are asked for (a reply
    /// with no value never is).
    pub(super) fn clauses(&self) -> &[Clause] {
        self.clauses
            .get_or_init(|| clauses(self.body, &self.items, self.language))
    }

    /// The phone-shaped run that starts at byte `at`, if any.
    pub(super) fn phone_at(&self, at: usize) -> Option<Range<usize>> {
        let i = self.phones.partition_point(|r| r.start < at);
        self.phones.get(i).filter(|r| r.start == at).cloned()
    }

    /// The text of item `i`.
    pub(super) fn text(&self, i: usize) -> &'a str {
        &self.body[self.items[i].range.clone()]
    }

    /// The folded text of item `i` (empty for links, addresses and what
    /// is not prose).
    pub(super) fn key(&self, i: usize) -> &str {
        let k = &self.items[i].key;
        &self.folded[k.start as usize..k.end as usize]
    }

    /// The phrases that start at item `i`, longest first.
    pub(super) fn found_at(&self, i: usize) -> &[Found] {
        match (self.found_at.get(i), self.found_at.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.found[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// The items of a phrase of the lexicon.
pub(super) fn items_of(phrase: &str) -> Vec<Item> {
    items(phrase, false)
}

/// The items of `text`; with `skip`, those inside quoted lines, code
/// blocks and code spans are [`ItemKind::Skipped`].
fn items(text: &str, skip: bool) -> Vec<Item> {
    let skipped = if skip { skipped(text) } else { Vec::new() };
    let bare = if skip { bare_links(text) } else { Vec::new() };
    let mut bare = bare.into_iter().peekable();
    let mut out: Vec<Item> = Vec::new();
    let push = |out: &mut Vec<Item>, range: Range<usize>, kind: ItemKind| {
        out.push(Item {
            range,
            kind,
            key: 0..0,
        });
    };
    let tokens = tokens::tokenize(text);
    let mut t = 0;
    while t < tokens.len() {
        let token = &tokens[t];
        let range = token.range.clone();
        while bare.peek().is_some_and(|b| b.end <= range.start) {
            bare.next();
        }
        if skipped.iter().any(|s| s.contains(&range.start)) {
            push(&mut out, range, ItemKind::Skipped);
            t += 1;
            continue;
        }
        // A bare link: the words and marks it is made of, as one item,
        // unless a link or an address of the tokenizer overlaps it.
        if let Some(b) = bare.peek().cloned()
            && b.start == range.start
        {
            let mut end = t;
            let mut plain = true;
            while end < tokens.len() && tokens[end].range.start < b.end {
                plain &= matches!(
                    tokens[end].kind,
                    Kind::Word | Kind::Number | Kind::Punctuation
                );
                end += 1;
            }
            if plain && tokens[end - 1].range.end == b.end {
                push(&mut out, b.clone(), ItemKind::Url);
                bare.next();
                t = end;
                continue;
            }
        }
        match token.kind {
            Kind::Word => {
                // Split at apostrophes: "un'ora" is "un" "ora".
                let word = &text[range.clone()];
                let mut start = 0;
                for (i, c) in word.char_indices() {
                    if c == '\'' || c == '\u{2019}' {
                        if i > start {
                            push(
                                &mut out,
                                range.start + start..range.start + i,
                                ItemKind::Word,
                            );
                        }
                        start = i + c.len_utf8();
                    }
                }
                if start < word.len() {
                    push(&mut out, range.start + start..range.end, ItemKind::Word);
                }
            }
            Kind::Number => {
                // "14," and "3-5." end with the punctuation after them.
                let number = &text[range.clone()];
                let trimmed = number.trim_end_matches(['.', ',', ':', ';', '/', '-']);
                let end = range.start + trimmed.len();
                push(&mut out, range.start..end, ItemKind::Number);
                for (i, c) in number[trimmed.len()..].char_indices() {
                    let at = end + i;
                    push(&mut out, at..at + c.len_utf8(), ItemKind::Punct);
                }
            }
            Kind::Punctuation => push(&mut out, range, ItemKind::Punct),
            Kind::Url => push(&mut out, range, ItemKind::Url),
            Kind::Email => push(&mut out, range, ItemKind::Email),
            Kind::Placeholder | Kind::Emoji | Kind::Handle | Kind::Hashtag => {
                push(&mut out, range, ItemKind::Other);
            }
        }
        t += 1;
    }
    out
}

/// Links written without a scheme or `www.`: a host ending in a common
/// top-level domain, and a path (`acme.com/returns`, `help.acme.it`).
static BARE_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:com|net|org|eu|it|es|fr|de|pt|br|ch|at|be|nl|uk|us|ca|io|co|shop|store|help|info|app)(?-u:\b)(?:/[^\s<>()\[\]{}\x22'`]*)?",
    )
    .expect("valid link regex")
});

/// Whether a dot stands between a letter or digit and a letter: what
/// every bare link has.
fn dotted(text: &str) -> bool {
    text.as_bytes()
        .windows(3)
        .any(|w| w[0].is_ascii_alphanumeric() && w[1] == b'.' && w[2].is_ascii_alphabetic())
}

/// Whether `text` has a bare link.
pub(super) fn has_bare_link(text: &str) -> bool {
    dotted(text) && !bare_links(text).is_empty()
}

fn bare_links(text: &str) -> Vec<Range<usize>> {
    if !dotted(text) {
        return Vec::new();
    }
    BARE_LINK
        .find_iter(text)
        // Not the domain of an address, nor part of a word.
        .filter(|m| {
            !text[..m.start()].ends_with(['@', '.', '-'])
                && !text[..m.start()].ends_with(|c: char| c.is_alphanumeric())
                && !text[m.end()..].starts_with(|c: char| c.is_alphanumeric())
        })
        .map(|m| m.range())
        .collect()
}

/// What is not the reply's own prose: quoted lines (`> …`), fenced code
/// blocks and inline code spans.
fn skipped(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if !text.contains(['>', '`']) {
        return out;
    }
    let mut fence: Option<usize> = None;
    for line in crate::text::lines(text) {
        let trimmed = text[line.clone()].trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            match fence.take() {
                Some(start) => out.push(start..line.end),
                None => fence = Some(line.start),
            }
            continue;
        }
        if fence.is_some() {
            continue;
        }
        if trimmed.starts_with('>') {
            out.push(line.clone());
            continue;
        }
        // Code spans: between pairs of backticks on the line.
        let mut open: Option<usize> = None;
        for (i, c) in text[line.clone()].char_indices() {
            if c == '`' {
                match open.take() {
                    Some(start) => out.push(line.start + start..line.start + i + 1),
                    None => open = Some(i),
                }
            }
        }
    }
    if let Some(start) = fence {
        out.push(start..text.len());
    }
    out
}

/// The clauses of `body`: its sentences ([`crate::analysis::sentences::split`])
/// split after `,` `;` `:` `|` `·` `•` `—` and a spaced `–`.
fn clauses(body: &str, items: &[Item], language: Option<Language>) -> Vec<Clause> {
    let sentences = crate::analysis::sentences::split(body, language);
    let mut out = Vec::new();
    let mut sentence_index = 0;
    let mut i = 0;
    let mut pseudo = sentences.len() as u32;
    while i < items.len() {
        let at = items[i].range.start;
        while sentence_index < sentences.len() && sentences[sentence_index].end <= at {
            sentence_index += 1;
        }
        let (sentence, end_offset) = match sentences.get(sentence_index) {
            Some(s) if s.start <= at => (sentence_index as u32, s.end),
            // Outside every sentence (a list marker): a clause of its own.
            _ => {
                pseudo += 1;
                (pseudo, items[i].range.end)
            }
        };
        let mut start = i;
        let mut after_colon = false;
        while i < items.len() && items[i].range.start < end_offset {
            if let Some(colon) = separator(body, items, i) {
                out.push(Clause {
                    items: start..i,
                    sentence,
                    after_colon,
                });
                after_colon = colon;
                start = i + 1;
            }
            i += 1;
        }
        out.push(Clause {
            items: start..i,
            sentence,
            after_colon,
        });
    }
    out.retain(|c| !c.items.is_empty());
    out
}

/// Whether item `i` separates clauses, and if so whether it is a colon.
fn separator(body: &str, items: &[Item], i: usize) -> Option<bool> {
    let item = &items[i];
    if item.kind != ItemKind::Punct {
        return None;
    }
    match &body[item.range.clone()] {
        ":" => Some(true),
        "," | ";" | "|" | "·" | "•" | "—" => Some(false),
        "–" => {
            let spaced = body[..item.range.start].ends_with(char::is_whitespace)
                && body[item.range.end..].starts_with(char::is_whitespace);
            let between_numbers = i > 0
                && items[i - 1].kind == ItemKind::Number
                && items.get(i + 1).is_some_and(|n| n.kind == ItemKind::Number);
            (spaced && !between_numbers).then_some(false)
        }
        _ => None,
    }
}

/// Runs of digits with single separators between groups (spaces, dashes,
/// dots, a parenthesised area code), from a `+` or a digit.
static NUMBER_RUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\+ ?|\(\+?)?\d+(?:(?:\)[ \-./]?|[ \-./\u{a0}]?\(|[ \-./\u{a0}])\d+)*\)?")
        .expect("valid number regex")
});

/// Fewest digits of a phone number.
pub(super) const MIN_PHONE_DIGITS: usize = 8;

/// The runs of `body` that could be phone numbers: eight digits or more.
fn phones(body: &str) -> Vec<Range<usize>> {
    if body.bytes().filter(u8::is_ascii_digit).count() < MIN_PHONE_DIGITS {
        return Vec::new();
    }
    NUMBER_RUN
        .find_iter(body)
        .filter(|m| m.as_str().bytes().filter(u8::is_ascii_digit).count() >= MIN_PHONE_DIGITS)
        .map(|m| {
            // An unbalanced closing parenthesis belongs to the text.
            let s = m.as_str();
            let end = if s.ends_with(')') && s.matches(')').count() > s.matches('(').count() {
                m.end() - 1
            } else {
                m.end()
            };
            m.start()..end
        })
        .collect()
}
