//! Readability: the indices (Gulpease for Italian, a Flesch formula with
//! per-language constants otherwise), what they count (sentences, words,
//! letters, syllables) and the part of a reply they score: its prose
//! between the salutation line and the sign-off ([`prose_sentences`]).
//! The `readability` rule reports a score below the channel's minimum;
//! `sentence-length` reads the same sentences; `replylint count` prints
//! the score of a whole draft.
//!
//! A word for the formulas is a spaced word with a letter that is not a
//! link, an e-mail address, an @handle or a helpdesk variable (see
//! [`crate::analysis::tokens`]); sentences are those of
//! [`crate::analysis::sentences`].

use super::letter::Letter;
use super::tokens;
use crate::analysis::{sentences, syllables};
use crate::lang::Language;
use std::ops::Range;

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
        for token in tokens::spaced(sentence) {
            let Some(letters) = tokens::prose_letters(token) else {
                continue;
            };
            stats.words += 1;
            stats.letters += letters;
            stats.syllables += syllables::count(token, language);
        }
        stats.sentences = usize::from(stats.words > 0);
        stats
    }

    pub fn add(&mut self, other: Stats) {
        self.sentences += other.sentences;
        self.words += other.words;
        self.letters += other.letters;
        self.syllables += other.syllables;
    }
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

/// The sentences of the reply's prose (`range`, see [`super::letter::prose`]),
/// as byte ranges of the body, split in `prose` (the body with what is not
/// prose blanked out, byte for byte: template code, links and numbers
/// neither end a sentence nor count as its words). `Context::prose_sentences`
/// keeps them for every rule.
pub fn prose_sentences(letter: &Letter<'_>, range: Range<usize>, prose: &str) -> Vec<Range<usize>> {
    let text = &prose[range.clone()];
    sentences::split(text, letter.language)
        .into_iter()
        .map(|r| r.start + range.start..r.end + range.start)
        .collect()
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
