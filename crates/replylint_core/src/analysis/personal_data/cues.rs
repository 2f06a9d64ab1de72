//! What the text around a number says about it: the cues before it
//! ("order", "call us on", "our IBAN"), per language in
//! `rules/lexicon/personal-data.toml` (embedded in the binary) with the
//! shared mailboxes and contact labels of the same file; a contact label
//! opening its line (`Tel.`); a signature's contact line.

use crate::text::phrases::{PhraseMatch, PhraseSet};
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

/// What a word before a number says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cue {
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

pub(super) struct Lexicon {
    /// One group per kind of cue, so that overlapping cues of different
    /// kinds ("il tuo numero d'ordine") are all found.
    pub(super) cues: PhraseSet<Cue>,
    pub(super) shared_mailboxes: HashSet<String>,
    pub(super) contact_labels: HashSet<String>,
}

pub(super) static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let raw: RawFile = crate::lang::builtin::load("personal-data", |source| source.read());
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
pub(super) fn cue_before(text: &str, cues: &[PhraseMatch<'_, Cue>], at: usize) -> Option<Cue> {
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
pub(super) fn in_signature(text: &str, lines: &Lines, span: &Range<usize>) -> bool {
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
pub(super) struct Lines {
    /// Offsets of every `\n`.
    breaks: Vec<usize>,
    /// Offsets of the `\n` that end a blank (white-space-only) line.
    blank_ends: Vec<usize>,
    len: usize,
}

impl Lines {
    pub(super) fn new(text: &str) -> Self {
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
pub(super) fn labelled(text: &str, lines: &Lines, at: usize, labels: &HashSet<String>) -> bool {
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
