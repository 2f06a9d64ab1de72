//! `readability`: the reply's readability score (Gulpease for Italian, a
//! Flesch formula with per-language constants otherwise) is not below the
//! channel's minimum. Also home of what `sentence-length` shares with it:
//! the part of the reply that is prose, and its sentences.

use super::{Context, Rule, Sink};
use crate::diagnostic::Span;
use crate::lang::Language;
use crate::text::{sentences, syllables};
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
    /// language's diphthongs (see `src/text/syllables.rs`).
    ///
    /// Only the prose is scored: the salutation line ("Dear Ms Smith,")
    /// and the sign-off with the signature below it are left out. Words
    /// are the white-space separated tokens with a letter; links, e-mail
    /// addresses and helpdesk variables are not words here. Sentences end
    /// at `.` `!` `?` `…`, at blank lines, before list items and at line
    /// breaks where the text does not go on (see `src/text/sentences.rs`,
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

/// Below this many words of prose, no score is given.
pub const MIN_WORDS: usize = 40;

/// A readability index.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Index {
    /// 89 + (300 · sentences − 10 · letters) / words.
    Gulpease,
    /// `base − asl · words/sentences − asw · syllables/words`.
    Flesch {
        name: &'static str,
        base: f64,
        asl: f64,
        asw: f64,
    },
}

impl Index {
    /// The index used for `language`.
    pub const fn of(language: Language) -> Index {
        match language {
            Language::It => Index::Gulpease,
            Language::En => Index::Flesch {
                name: "Flesch reading ease",
                base: 206.835,
                asl: 1.015,
                asw: 84.6,
            },
            Language::Es => Index::Flesch {
                name: "Fernández Huerta index",
                base: 206.84,
                asl: 1.02,
                asw: 60.0,
            },
            Language::Fr => Index::Flesch {
                name: "Kandel–Moles index",
                base: 207.0,
                asl: 1.015,
                asw: 73.6,
            },
            Language::De => Index::Flesch {
                name: "Amstad index",
                base: 180.0,
                asl: 1.0,
                asw: 58.5,
            },
            // Martins et al. (1996): Flesch + 42.
            Language::Pt => Index::Flesch {
                name: "Flesch reading ease (Martins et al.)",
                base: 248.835,
                asl: 1.015,
                asw: 84.6,
            },
        }
    }

    pub const fn name(self) -> &'static str {
        match self {
            Index::Gulpease => "Gulpease index",
            Index::Flesch { name, .. } => name,
        }
    }

    /// The score of `stats` (`None` without a word or a sentence).
    pub fn score(self, stats: &Stats) -> Option<f64> {
        if stats.words == 0 || stats.sentences == 0 {
            return None;
        }
        let words = stats.words as f64;
        let sentences = stats.sentences as f64;
        Some(match self {
            Index::Gulpease => 89.0 + (300.0 * sentences - 10.0 * stats.letters as f64) / words,
            Index::Flesch { base, asl, asw, .. } => {
                base - asl * words / sentences - asw * stats.syllables as f64 / words
            }
        })
    }
}

/// What the formulas count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    pub sentences: usize,
    pub words: usize,
    pub letters: usize,
    pub syllables: usize,
}

impl Stats {
    /// Counts of one sentence (0 or 1 sentence: 1 when it has a word).
    pub fn of_sentence(sentence: &str, language: Language) -> Stats {
        let mut stats = Stats::default();
        for token in sentence.split_whitespace() {
            let Some(letters) = scored_letters(token) else {
                continue;
            };
            stats.words += 1;
            stats.letters += letters;
            stats.syllables += syllables::count(token, language);
        }
        stats.sentences = usize::from(stats.words > 0);
        stats
    }

    fn add(&mut self, other: Stats) {
        self.sentences += other.sentences;
        self.words += other.words;
        self.letters += other.letters;
        self.syllables += other.syllables;
    }
}

/// The letters of a token that counts as a word for the formulas: it has
/// a letter and is not a link, an e-mail address, an @handle or a helpdesk
/// variable (`None` otherwise). One pass over the token: a link's `://`
/// has the `/` that rules it out.
fn scored_letters(token: &str) -> Option<usize> {
    if token
        .as_bytes()
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case(b"www."))
    {
        return None;
    }
    let mut letters = 0;
    for c in token.chars() {
        if matches!(c, '@' | '{' | '}' | '[' | ']' | '<' | '>' | '%' | '/') {
            return None;
        }
        letters += usize::from(c.is_alphabetic());
    }
    (letters > 0).then_some(letters)
}

/// A token that counts as a word for `sentence-length`: anything with a
/// letter or a digit (a link or a number is read as one word).
pub fn is_word(token: &str) -> bool {
    token.chars().any(char::is_alphanumeric)
}

/// The readability of a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    pub index: Index,
    pub value: f64,
    pub stats: Stats,
}

/// The score of `text` read as `language` (`None` when it has no
/// sentence with a word).
pub fn score(text: &str, language: Language) -> Option<Score> {
    let index = Index::of(language);
    let mut stats = Stats::default();
    for r in sentences::split(text, Some(language)) {
        stats.add(Stats::of_sentence(&text[r], language));
    }
    Some(Score {
        index,
        value: index.score(&stats)?,
        stats,
    })
}

/// The byte range of the reply's prose: without a salutation alone on the
/// first line and without the closing sign-off and signature.
pub(super) fn prose(cx: &Context<'_>) -> Range<usize> {
    let body = cx.body();
    let start = super::greeting::salutation_end(cx).unwrap_or(0);
    let end = super::sign_off::sign_off_start(cx)
        .filter(|&e| e >= start)
        .unwrap_or(body.len());
    start..end
}

/// The sentences of the reply's prose, as byte ranges of the body (see
/// [`Context::prose_sentences`], which keeps them for every rule).
pub(super) fn prose_sentences(cx: &Context<'_>) -> Vec<Range<usize>> {
    let range = prose(cx);
    let text = &cx.body()[range.clone()];
    sentences::split(text, cx.language)
        .into_iter()
        .map(|r| r.start + range.start..r.end + range.start)
        .collect()
}

impl Rule for Readability {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        let Some(language) = cx.language else {
            return;
        };
        let Some(&min) = cx.channel.min_readability.get(&language) else {
            return;
        };
        let body = cx.body();
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

#[cfg(test)]
mod tests {
    use super::*;

    fn stats(sentences: usize, words: usize, letters: usize, syllables: usize) -> Stats {
        Stats {
            sentences,
            words,
            letters,
            syllables,
        }
    }

    #[test]
    fn formulas_use_their_published_constants() {
        let s = stats(1, 6, 17, 6);
        // Gulpease: 89 + (300 − 170) / 6.
        let g = Index::of(Language::It).score(&s).unwrap();
        assert!((g - (89.0 + 130.0 / 6.0)).abs() < 1e-9, "{g}");
        // Flesch: 206.835 − 1.015 · 6 − 84.6 · 1.
        let f = Index::of(Language::En).score(&s).unwrap();
        assert!((f - 116.145).abs() < 1e-9, "{f}");
        let pt = Index::of(Language::Pt).score(&s).unwrap();
        assert!((pt - f - 42.0).abs() < 1e-9, "{pt}");
        let de = Index::of(Language::De).score(&s).unwrap();
        assert!((de - (180.0 - 6.0 - 58.5)).abs() < 1e-9, "{de}");
        let es = Index::of(Language::Es).score(&s).unwrap();
        assert!((es - (206.84 - 1.02 * 6.0 - 60.0)).abs() < 1e-9, "{es}");
        let fr = Index::of(Language::Fr).score(&s).unwrap();
        assert!((fr - (207.0 - 1.015 * 6.0 - 73.6)).abs() < 1e-9, "{fr}");
        assert_eq!(Index::of(Language::En).score(&Stats::default()), None);
    }

    #[test]
    fn the_cat_sat_on_the_mat() {
        let s = score("The cat sat on the mat.", Language::En).unwrap();
        assert_eq!(s.stats, stats(1, 6, 17, 6));
        assert!((s.value - 116.145).abs() < 1e-9);
    }

    #[test]
    fn links_addresses_and_variables_are_not_words() {
        let s = score(
            "Write to help@acme.com or see https://acme.co/help, {{name}}.",
            Language::En,
        )
        .unwrap();
        assert_eq!(s.stats.words, 4, "{s:?}");
    }

    #[test]
    fn italian_gulpease_counts_letters() {
        let s = score("Il pacco è partito. Arriva domani.", Language::It).unwrap();
        assert_eq!(s.stats, stats(2, 6, 27, s.stats.syllables));
        assert!((s.value - (89.0 + (600.0 - 270.0) / 6.0)).abs() < 1e-9);
    }
}
