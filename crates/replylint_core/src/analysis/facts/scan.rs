//! A reply as fact extraction reads it: its tokens ([`crate::analysis::tokens`])
//! as items (words split at apostrophes, numbers without the punctuation
//! that ends them, bare links such as `acme.com/returns` made one item,
//! what is quoted or code set aside), each with its folded key; the
//! phrases of the lexicon found at them; the sentences of
//! [`crate::analysis::sentences`] split into clauses; and the runs of
//! digits shaped like phone numbers.

use super::items::{self, Item, ItemKind, phones};
use super::lexicon::{Found, LEXICON};
use crate::lang::Language;
use std::ops::Range;

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
    /// The sentences read, when not all of them are (see [`Scan::windowed`]).
    sentences: Option<Vec<Range<usize>>>,
    clauses: std::cell::OnceCell<Vec<Clause>>,
    /// The runs of digits shaped like phone numbers, by start.
    pub phones: Vec<Range<usize>>,
}

impl<'a> Scan<'a> {
    /// `body` read whole, whose tokens ([`crate::analysis::tokens::tokenize`])
    /// are `tokens`.
    pub(super) fn new(
        body: &'a str,
        tokens: &[crate::analysis::tokens::Token],
        language: Option<Language>,
    ) -> Self {
        let items = items::items(body, tokens, true);
        Scan::of(body, items, phones(body), language, None)
    }

    /// `body` read as [`Scan::new`] reads it, but only its sentences that
    /// hold one of `evidence`'s offsets ([`super::screen::evidence_in`],
    /// sorted): every fact is read within one sentence (its value, its
    /// subject, the clause that labels it, the cue of a phone number or of
    /// opening hours), and every value holds evidence, so the others are
    /// not read at all. A run of sentences read is followed by an empty
    /// [`ItemKind::Skipped`] item, so that no phrase goes from one run to
    /// the next.
    pub(super) fn windowed(
        body: &'a str,
        tokens: &[crate::analysis::tokens::Token],
        language: Option<Language>,
        evidence: &[usize],
    ) -> Self {
        let all = crate::analysis::sentences::split(body, language);
        // What each sentence reads: from the end of the one before (marks
        // that open it, a list marker) to its end, or to the end of the
        // body for the last one.
        let reach = |i: usize| {
            let start = if i == 0 { 0 } else { all[i - 1].end };
            let end = if i + 1 == all.len() {
                body.len()
            } else {
                all[i].end
            };
            start..end
        };
        let kept: Vec<bool> = (0..all.len())
            .map(|i| {
                let reach = reach(i);
                let first = evidence.partition_point(|&at| at < reach.start);
                evidence.get(first).is_some_and(|&at| at < reach.end)
            })
            .collect();
        let reader = items::Reader::new(body, true);
        // Room for a reply's items at once (a huge reply's grow with the
        // sentences read, which may be few).
        let mut items = Vec::with_capacity((tokens.len() + 4).min(1 << 10));
        let mut phone_runs = Vec::new();
        let mut sentences = Vec::with_capacity(all.len());
        let mut run = 0;
        while run < all.len() {
            if !kept[run] {
                run += 1;
                continue;
            }
            let mut end = run + 1;
            while end < all.len() && kept[end] {
                end += 1;
            }
            sentences.extend_from_slice(&all[run..end]);
            let span = reach(run).start..reach(end - 1).end;
            let first = tokens.partition_point(|t| t.start() < span.start);
            let last = first + tokens[first..].partition_point(|t| t.start() < span.end);
            reader.push(&mut items, &tokens[first..last]);
            items.push(Item {
                range: span.end..span.end,
                kind: ItemKind::Skipped,
                key: 0..0,
            });
            phone_runs.extend(
                phones(&body[span.clone()])
                    .into_iter()
                    .map(|r| r.start + span.start..r.end + span.start),
            );
            run = end;
        }
        Scan::of(body, items, phone_runs, language, Some(sentences))
    }

    fn of(
        body: &'a str,
        items: Vec<Item>,
        phones: Vec<Range<usize>>,
        language: Option<Language>,
        sentences: Option<Vec<Range<usize>>>,
    ) -> Self {
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
        Scan {
            body,
            items,
            folded,
            found,
            found_at,
            language,
            sentences,
            clauses: std::cell::OnceCell::new(),
            phones,
        }
    }

    /// The clauses, split the first time they are asked for (a reply
    /// with no value never is).
    pub(super) fn clauses(&self) -> &[Clause] {
        self.clauses.get_or_init(|| {
            let split;
            let sentences = match &self.sentences {
                Some(kept) => kept,
                None => {
                    split = crate::analysis::sentences::split(self.body, self.language);
                    &split
                }
            };
            clauses(self.body, &self.items, sentences)
        })
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

/// The clauses of `body`: its sentences ([`crate::analysis::sentences::split`])
/// split after `,` `;` `:` `|` `·` `•` `—` and a spaced `–`.
fn clauses(body: &str, items: &[Item], sentences: &[Range<usize>]) -> Vec<Clause> {
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
        // The first item is the clause's, even an empty one.
        let first = i;
        while i < items.len() && (i == first || items[i].range.start < end_offset) {
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
