//! `mixed-language`: a paragraph or sentence in another language than the
//! rest of the reply (the half-translated canned response).

use super::{Context, Rule, Sink};
use crate::lang::Language;
use crate::lang::detect::{Segment, SegmentKind};
use std::collections::BTreeMap;

crate::declare_rule! {
    /// ## What it does
    /// Reports a paragraph, or a sentence, written in another language than
    /// the rest of the reply: the half-translated canned response, or the
    /// English sentence pasted into an Italian email.
    ///
    /// The reply's language is the expected one (front matter, `--lang`,
    /// config), unless the reply is confidently and wholly in another
    /// language (that is for the `language` rule); without an expected
    /// language, it is the language most of the reply is in. Each paragraph, and each sentence
    /// of a paragraph of several sentences, is detected on its own, among
    /// the configured candidate languages (`languages`). Only confident
    /// detections count: a paragraph or sentence needs at least 40 letters
    /// of prose (placeholders, links, addresses, @handles and numbers set
    /// aside), and a sentence a higher confidence than a paragraph, so
    /// short lines, names and loanwords never count. A reply wholly in
    /// another language is left to the `language` rule.
    ///
    /// Outside it, en, es, fr, de and pt (a Dutch reply), or when detection
    /// is not sure of a paragraph or sentence, the rule says nothing about
    /// it.
    ///
    /// ## Why is this bad?
    /// A reply that switches language halfway shows the customer that it
    /// was pasted together, and the part they cannot read may be the one
    /// that matters.
    ///
    /// ## Example
    /// With `--lang it`:
    /// ```text
    /// Gentile Mario,
    ///
    /// il rimborso è stato emesso oggi e arriverà entro cinque giorni.
    ///
    /// Please do not hesitate to contact us if you need anything else.
    ///
    /// Cordiali saluti
    /// ```
    /// Use instead:
    /// ```text
    /// Gentile Mario,
    ///
    /// il rimborso è stato emesso oggi e arriverà entro cinque giorni.
    ///
    /// Non esiti a contattarci per qualsiasi altra necessità.
    ///
    /// Cordiali saluti
    /// ```
    ///
    /// ## Options
    /// - `languages` (top-level setting): the candidate languages detection
    ///   chooses among.
    pub struct MixedLanguage {
        id: "mixed-language",
        severity: Warning,
        fix: None,
    }
}

impl Rule for MixedLanguage {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        let segments = cx.segments();
        if segments.is_empty() {
            return;
        }
        // The expected language, unless the reply is wholly in another one
        // (that is for the `language` rule).
        let expected = cx.language.filter(|&l| {
            segments.iter().any(|s| s.language == l)
                || cx.detected().is_none_or(|d| d.language == l)
        });
        let Some(base) = expected.or_else(|| majority(segments)) else {
            return;
        };
        let mut reported: Vec<&Segment> = Vec::new();
        for segment in segments {
            let language = segment.language;
            if language == base
                || reported.iter().any(|r| {
                    r.range.start <= segment.range.start && segment.range.end <= r.range.end
                })
            {
                continue;
            }
            let kind = segment.kind.as_str();
            sink.report(
                segment.range.clone(),
                format!(
                    "{} {kind} in {} reply",
                    language.name(),
                    base.with_article()
                ),
            )
            .with_help(format!(
                "translate this {kind} into {}, like the rest of the reply",
                base.name()
            ));
            reported.push(segment);
        }
    }
}

/// The language with the most letters among confident paragraphs (among
/// sentences when no paragraph is confident); the first one on a tie.
fn majority(segments: &[Segment]) -> Option<Language> {
    let kind = if segments.iter().any(|s| s.kind == SegmentKind::Paragraph) {
        SegmentKind::Paragraph
    } else {
        SegmentKind::Sentence
    };
    let mut letters: BTreeMap<Language, (usize, usize)> = BTreeMap::new();
    for (i, s) in segments.iter().enumerate().filter(|(_, s)| s.kind == kind) {
        let entry = letters.entry(s.language).or_insert((0, usize::MAX - i));
        entry.0 += s.letters;
    }
    letters
        .into_iter()
        .max_by_key(|&(_, key)| key)
        .map(|(language, _)| language)
}
