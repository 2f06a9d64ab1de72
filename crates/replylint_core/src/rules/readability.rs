//! `readability`: the reply's readability score (Gulpease for Italian, a
//! Flesch formula with per-language constants otherwise) is not below the
//! channel's minimum. The formulas, what they count and the prose they
//! score are in [`crate::analysis::readability`].

use super::{Context, Rule, Sink};
use crate::analysis::readability::{Index, MIN_WORDS, Stats};
use crate::diagnostic::Span;
use std::ops::Range;

crate::declare_rule! {
    /// ## What it does
    /// Scores how easy the reply is to read and reports a score below the
    /// channel's `min-readability`. The rule does nothing on a channel
    /// without that setting (built in: only `email` has one; on `twitter`,
    /// `sms`, `chat` and `google-play` replies are too short for a score
    /// to mean anything), when the reply's language is unknown, and on
    /// fewer than 40 words of prose, where one long word moves the score
    /// by tens of points.
    ///
    /// Every score is on a scale where higher is easier, roughly 0–100:
    ///
    /// | language | index | formula |
    /// |---|---|---|
    /// | it | Gulpease | 89 + (300 · sentences − 10 · letters) / words |
    /// | en | Flesch reading ease | 206.835 − 1.015 · words/sentences − 84.6 · syllables/words |
    /// | es | Fernández Huerta | 206.84 − 1.02 · words/sentences − 60 · syllables/words |
    /// | fr | Kandel–Moles | 207 − 1.015 · words/sentences − 73.6 · syllables/words |
    /// | de | Amstad | 180 − words/sentences − 58.5 · syllables/words |
    /// | pt | Flesch adapted by Martins et al. (1996) | 248.835 − 1.015 · words/sentences − 84.6 · syllables/words |
    ///
    /// Italian uses Gulpease (Lucisano and Piemontese, 1988), which counts
    /// letters, not syllables. Portuguese uses the adaptation of Flesch
    /// by T. B. F. Martins, C. M. Ghiraldelo, M. G. V. Nunes and O. N.
    /// Oliveira Jr., "Readability formulas applied to textbooks in
    /// Brazilian Portuguese" (Notas do ICMSC-USP, 1996): Flesch plus 42.
    /// Syllables are counted per language from vowel groups and the
    /// language's diphthongs (see `analysis/syllables.rs` in the core crate).
    ///
    /// Only the prose is scored: the salutation line ("Dear Ms Smith,")
    /// and the sign-off with the signature below it are left out. Words
    /// are the white-space separated tokens with a letter; links, e-mail
    /// addresses and helpdesk variables are not words here. Sentences end
    /// at `.` `!` `?` `…`, at blank lines, before list items and at line
    /// breaks where the text does not go on (see `analysis/sentences.rs`,
    /// shared with `sentence-length` and `count`). The diagnostic points at the hardest
    /// sentence (the lowest score of its own), where rewriting helps most.
    ///
    /// ## Why is this bad?
    /// A customer reads a support reply to act on it. Long sentences and
    /// long words make the reply slower to read and easier to
    /// misunderstand, and readers who are not native speakers suffer most.
    ///
    /// ## Example
    /// On `email`, with `--lang en`, a reply whose sentences run to forty
    /// words of administrative vocabulary ("In consideration of the
    /// aforementioned circumstances, the reimbursement…") scores below 40.
    /// Use instead short sentences and everyday words: "We have refunded
    /// your order. The money reaches your account in five days."
    ///
    /// ## Options
    /// - `min-readability` (channel setting): the lowest score accepted,
    ///   either one number for every language (`min-readability = 40`) or
    ///   a table by language code (`min-readability = { it = 40, de = 30
    ///   }`; a language left out is not checked). Unset, the rule checks
    ///   nothing. Built in: `email` has `{ it = 40, en = 40, es = 40, fr =
    ///   40, de = 30, pt = 20 }`. The scales differ in practice: on the
    ///   same plain care e-mails German (Amstad) scores about 15 points
    ///   below English, and Portuguese (Martins) about 30, so each minimum
    ///   sits below the scores of correct e-mails in its language. Below
    ///   40, Gulpease is hard even for readers with a secondary-school
    ///   diploma and Flesch reads as "difficult".
    pub struct Readability {
        id: "readability",
        severity: Info,
        fix: None,
    }
}

impl Rule for Readability {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        let Some(language) = cx.language else {
            return;
        };
        let Some(&min) = cx.channel.min_readability.get(&language) else {
            return;
        };
        // Template code, links and numbers are blanked out of the prose.
        let body = cx.prose();
        let index = Index::of(language);
        let mut total = Stats::default();
        // The hardest sentence: its range, stats and score.
        let mut hardest: Option<(Range<usize>, Stats, f64)> = None;
        for r in cx.prose_sentences().iter().cloned() {
            let stats = Stats::of_sentence(&body[r.clone()], language);
            let Some(value) = index.score(&stats) else {
                continue;
            };
            total.add(stats);
            if hardest.as_ref().is_none_or(|(_, _, v)| value < *v) {
                hardest = Some((r, stats, value));
            }
        }
        if total.words < MIN_WORDS {
            return;
        }
        let (Some(value), Some((range, stats, _))) = (index.score(&total), hardest) else {
            return;
        };
        if value >= min as f64 {
            return;
        }
        let per_word = match index {
            Index::Gulpease => format!(
                "{:.1} letters per word",
                stats.letters as f64 / stats.words as f64
            ),
            Index::Flesch { .. } => format!(
                "{:.1} syllables per word",
                stats.syllables as f64 / stats.words as f64
            ),
        };
        sink.report(
            Span::new(range.start, range.end),
            format!(
                "{} is {:.0}, below this channel's minimum of {min}",
                index.name(),
                value.floor()
            ),
        )
        .with_help(format!(
            "this is the hardest sentence ({} words, {per_word}): split long sentences and prefer short, everyday words",
            stats.words
        ));
    }
}
