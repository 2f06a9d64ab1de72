//! The items of a text as fact extraction reads them: its tokens
//! ([`crate::analysis::tokens`]) as items (words split at apostrophes,
//! numbers without the punctuation that ends them, bare links such as
//! `acme.com/returns` made one item, what is quoted or code set aside),
//! and the runs of digits shaped like phone numbers. The lexicon reads its
//! phrases into items, and [`super::scan`] a reply's text.

use crate::analysis::tokens::{self, Kind};
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
    pub(super) key: Range<u32>,
}

/// The items of a phrase of the lexicon.
pub(super) fn items_of(phrase: &str) -> Vec<Item> {
    items(phrase, &tokens::tokenize(phrase), false)
}

/// The items of `text`, whose tokens ([`tokens::tokenize`]) are
/// `tokens`; with `skip`, those inside quoted lines, code blocks and code
/// spans are [`ItemKind::Skipped`].
pub(super) fn items(text: &str, tokens: &[tokens::Token], skip: bool) -> Vec<Item> {
    let mut out = Vec::new();
    Reader::new(text, skip).push(&mut out, tokens);
    out
}

/// Reads tokens of one text into items, a run of them at a time: what is
/// set aside and the bare links are found in the whole text once.
pub(super) struct Reader<'t> {
    text: &'t str,
    skipped: Vec<Range<usize>>,
    bare: Vec<Range<usize>>,
}

impl<'t> Reader<'t> {
    pub(super) fn new(text: &'t str, skip: bool) -> Self {
        Reader {
            text,
            skipped: if skip { skipped(text) } else { Vec::new() },
            bare: if skip { bare_links(text) } else { Vec::new() },
        }
    }

    /// Append the items of `tokens` (a run of the text's tokens, in
    /// order) to `out`.
    pub(super) fn push(&self, out: &mut Vec<Item>, tokens: &[tokens::Token]) {
        let text = self.text;
        let skipped = &self.skipped;
        let first = tokens.first().map_or(0, |t| t.start());
        let mut bare = self.bare[self.bare.partition_point(|b| b.end <= first)..]
            .iter()
            .cloned()
            .peekable();
        let push = |out: &mut Vec<Item>, range: Range<usize>, kind: ItemKind| {
            out.push(Item {
                range,
                kind,
                key: 0..0,
            });
        };
        let mut t = 0;
        while t < tokens.len() {
            let token = &tokens[t];
            let range = token.range();
            while bare.peek().is_some_and(|b| b.end <= range.start) {
                bare.next();
            }
            if skipped.iter().any(|s| s.contains(&range.start)) {
                push(out, range, ItemKind::Skipped);
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
                while end < tokens.len() && tokens[end].start() < b.end {
                    plain &= matches!(
                        tokens[end].kind,
                        Kind::Word | Kind::Number | Kind::Punctuation
                    );
                    end += 1;
                }
                if plain && tokens[end - 1].end() == b.end {
                    push(out, b.clone(), ItemKind::Url);
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
                                push(out, range.start + start..range.start + i, ItemKind::Word);
                            }
                            start = i + c.len_utf8();
                        }
                    }
                    if start < word.len() {
                        push(out, range.start + start..range.end, ItemKind::Word);
                    }
                }
                Kind::Number => {
                    // "14," and "3-5." end with the punctuation after them.
                    let number = &text[range.clone()];
                    let trimmed = number.trim_end_matches(['.', ',', ':', ';', '/', '-']);
                    let end = range.start + trimmed.len();
                    push(out, range.start..end, ItemKind::Number);
                    for (i, c) in number[trimmed.len()..].char_indices() {
                        let at = end + i;
                        push(out, at..at + c.len_utf8(), ItemKind::Punct);
                    }
                }
                Kind::Punctuation => push(out, range, ItemKind::Punct),
                Kind::Url => push(out, range, ItemKind::Url),
                Kind::Email => push(out, range, ItemKind::Email),
                Kind::Placeholder | Kind::Emoji | Kind::Handle | Kind::Hashtag => {
                    push(out, range, ItemKind::Other);
                }
            }
            t += 1;
        }
    }
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
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'.', bytes).any(|i| {
        i > 0
            && bytes[i - 1].is_ascii_alphanumeric()
            && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic)
    })
}

/// Call `found` at the start of each bare link of `text`, until it
/// returns `true`; whether it did.
pub(super) fn bare_link_starts(text: &str, found: &mut dyn FnMut(usize) -> bool) -> bool {
    dotted(text) && bare_link_matches(text).any(|m| found(m.start))
}

fn bare_links(text: &str) -> Vec<Range<usize>> {
    if !dotted(text) {
        return Vec::new();
    }
    bare_link_matches(text).collect()
}

fn bare_link_matches(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    BARE_LINK
        .find_iter(text)
        // Not the domain of an address, nor part of a word.
        .filter(|m| {
            !text[..m.start()].ends_with(['@', '.', '-'])
                && !text[..m.start()].ends_with(|c: char| c.is_alphanumeric())
                && !text[m.end()..].starts_with(|c: char| c.is_alphanumeric())
        })
        .map(|m| m.range())
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

/// Runs of digits with single separators between groups (spaces, dashes,
/// dots, a parenthesised area code), from a `+` or a digit.
static NUMBER_RUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\+ ?|\(\+?)?\d+(?:(?:\)[ \-./]?|[ \-./\u{a0}]?\(|[ \-./\u{a0}])\d+)*\)?")
        .expect("valid number regex")
});

/// Fewest digits of a phone number.
pub(super) const MIN_PHONE_DIGITS: usize = 8;

/// The runs of `body` that could be phone numbers: eight digits or more.
pub(super) fn phones(body: &str) -> Vec<Range<usize>> {
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
