//! Greeting and sign-off lexicons, one list per language and style, read
//! from `rules/lexicon/*.toml` (embedded in the binary).

use super::Language;
use serde::Deserialize;
use std::collections::BTreeMap;

/// Whether a phrase belongs in a letter or in a conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// "Dear …", "Gentile …", "Kind regards": right for email, stiff in chat.
    Letter,
    /// "Hi Anna!", "Ciao", "Cheers": fine anywhere.
    Conversational,
}

impl Style {
    pub const fn as_str(self) -> &'static str {
        match self {
            Style::Letter => "letter-style",
            Style::Conversational => "conversational",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Phrase {
    pub text: String,
    pub style: Style,
    pub language: Language,
}

/// One lexicon (greetings or sign-offs) across languages.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    phrases: Vec<Phrase>,
    /// Each phrase folded the way matching folds text, same order.
    folded: Vec<String>,
    /// Indexes into `phrases` (longest first) by their first two folded
    /// characters, sorted by those: a line is only compared with the few
    /// phrases that can open it.
    by_start: Vec<(Start, Vec<usize>)>,
}

/// A phrase found at the start of a line.
#[derive(Debug, Clone, Copy)]
pub struct PhraseMatch<'a> {
    pub phrase: &'a Phrase,
    /// Length in bytes of the matched text in the line.
    pub len: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLists {
    #[serde(default)]
    letter: Vec<String>,
    #[serde(default)]
    conversational: Vec<String>,
}

impl Lexicon {
    /// Parse a lexicon file: one table per language code, each with
    /// `letter` and `conversational` phrase lists.
    pub fn parse<'a>(text: impl Into<crate::lang::builtin::Source<'a>>) -> Result<Self, String> {
        let raw: BTreeMap<String, RawLists> = text.into().read()?;
        let mut phrases = Vec::new();
        for (code, lists) in raw {
            let language: Language = code.parse()?;
            for (style, list) in [
                (Style::Letter, lists.letter),
                (Style::Conversational, lists.conversational),
            ] {
                phrases.extend(list.into_iter().map(|text| Phrase {
                    text,
                    style,
                    language,
                }));
            }
        }
        // Longest first, so "Dear Sir or Madam" wins over "Dear".
        phrases.sort_by_cached_key(|p| std::cmp::Reverse(p.text.chars().count()));
        let folded: Vec<String> = phrases.iter().map(|p| fold(&p.text)).collect();
        let mut by_start: BTreeMap<Start, Vec<usize>> = BTreeMap::new();
        for (i, p) in phrases.iter().enumerate() {
            if let Some(key) = start(&p.text) {
                by_start.entry(key).or_default().push(i);
            }
        }
        let by_start = by_start.into_iter().collect();
        Ok(Lexicon {
            phrases,
            folded,
            by_start,
        })
    }

    /// The longest phrase that opens `line` (case-insensitively, followed by
    /// a non-letter), restricted to `language` when it is known.
    pub fn match_start(&self, line: &str, language: Option<Language>) -> Option<PhraseMatch<'_>> {
        let (first, second) = start(line)?;
        // Phrases of two characters or more, then of one.
        let candidates = second
            .and_then(|_| self.starting(first, second))
            .into_iter()
            .chain(self.starting(first, None))
            .flatten();
        candidates
            .filter(|&&i| language.is_none_or(|l| l == self.phrases[i].language))
            .find_map(|&i| {
                let len = folded_prefix_len(line, &self.folded[i])?;
                let phrase = &self.phrases[i];
                // "Hi" does not open "Hijack"; "Egr." opens "Egr.Rossi".
                let ends_word = phrase.text.ends_with(char::is_alphanumeric);
                (!ends_word || crate::text::boundary::is_boundary(line, len))
                    .then_some(PhraseMatch { phrase, len })
            })
    }

    /// The phrases whose first two folded characters are these.
    fn starting(&self, first: char, second: Option<char>) -> Option<&[usize]> {
        let i = self
            .by_start
            .binary_search_by_key(&(first, second), |(key, _)| *key)
            .ok()?;
        Some(&self.by_start[i].1)
    }

    /// Phrases of one language and style, in file order of length.
    pub fn examples(&self, language: Language, style: Style) -> impl Iterator<Item = &Phrase> {
        self.phrases
            .iter()
            .filter(move |p| p.language == language && p.style == style)
    }
}

use crate::text::fold_char;

/// The first two folded characters of a text (the second absent when it
/// has only one).
type Start = (char, Option<char>);

/// The [`Start`] of `text`, `None` when it is empty.
fn start(text: &str) -> Option<Start> {
    let mut folded = text.chars().flat_map(fold_char);
    Some((folded.next()?, folded.next()))
}

/// `text` folded.
fn fold(text: &str) -> String {
    crate::text::fold_str(text)
}

/// If `line`, folded, starts with `folded`, the byte length of that
/// prefix of `line` (a whole number of characters). Allocates nothing.
fn folded_prefix_len(line: &str, folded: &str) -> Option<usize> {
    // ASCII fast path: compare bytes while the line is ASCII.
    let (lb, fb) = (line.as_bytes(), folded.as_bytes());
    for (i, &f) in fb.iter().enumerate() {
        match lb.get(i) {
            None => return None,
            Some(b) if b.is_ascii() => {
                if b.to_ascii_lowercase() != f {
                    return None;
                }
            }
            // Both are at a character boundary: what came before is ASCII.
            Some(_) => return Some(i + folded_prefix_len_chars(&line[i..], &folded[i..])?),
        }
    }
    Some(fb.len())
}

/// [`folded_prefix_len`], character by character.
fn folded_prefix_len_chars(line: &str, folded: &str) -> Option<usize> {
    let mut want = folded.chars();
    let mut len = 0;
    for c in line.chars() {
        if want.as_str().is_empty() {
            break;
        }
        for f in fold_char(c) {
            if want.next() != Some(f) {
                return None;
            }
        }
        len += c.len_utf8();
    }
    want.as_str().is_empty().then_some(len)
}

/// All lexicons rules use.
#[derive(Debug, Clone)]
pub struct Lexicons {
    pub greetings: Lexicon,
    pub sign_offs: Lexicon,
}

impl Lexicons {
    /// The lexicons shipped in `rules/lexicon/`.
    pub fn builtin() -> Self {
        Lexicons {
            greetings: crate::lang::builtin::load("greetings", Lexicon::parse),
            sign_offs: crate::lang::builtin::load("sign-offs", Lexicon::parse),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicons_cover_every_language_and_style() {
        let lex = Lexicons::builtin();
        for lang in Language::ALL {
            for style in [Style::Letter, Style::Conversational] {
                assert!(
                    lex.greetings.examples(lang, style).next().is_some(),
                    "{lang} {style:?} greetings"
                );
                assert!(
                    lex.sign_offs.examples(lang, style).next().is_some(),
                    "{lang} {style:?} sign-offs"
                );
            }
        }
    }

    #[test]
    fn longest_phrase_wins_and_words_must_end() {
        let lex = Lexicons::builtin();
        let m = lex
            .greetings
            .match_start("Dear Sir or Madam,", Some(Language::En))
            .unwrap();
        assert_eq!(m.phrase.text, "Dear Sir or Madam");
        assert!(
            lex.greetings
                .match_start("Hijack", Some(Language::En))
                .is_none()
        );
        let m = lex.sign_offs.match_start("cordiali saluti,", None).unwrap();
        assert_eq!(m.phrase.language, Language::It);
    }

    /// The index and the folded comparison find what a plain scan with
    /// `text::starts_with_words` finds.
    #[test]
    fn matching_agrees_with_starts_with_words() {
        let lex = Lexicons::builtin();
        for lexicon in [&lex.greetings, &lex.sign_offs] {
            let mut lines = vec![String::new(), "x".to_owned(), "👋 Hi".to_owned()];
            for p in &lexicon.phrases {
                let t = &p.text;
                lines.extend([
                    t.clone(),
                    t.to_uppercase(),
                    format!("{t}, Anna"),
                    format!("{t}x"),
                    format!("{t}é"),
                    t.replace('\'', "\u{2019}"),
                    t.chars().take(t.chars().count() - 1).collect(),
                ]);
            }
            for line in &lines {
                for language in Language::ALL.map(Some).into_iter().chain([None]) {
                    let expected = lexicon
                        .phrases
                        .iter()
                        .filter(|p| language.is_none_or(|l| l == p.language))
                        .find_map(|p| {
                            crate::text::starts_with_words(line, &p.text).map(|len| (&p.text, len))
                        });
                    let got = lexicon
                        .match_start(line, language)
                        .map(|m| (&m.phrase.text, m.len));
                    assert_eq!(got, expected, "{line:?} {language:?}");
                }
            }
        }
    }

    #[test]
    fn first_letter_index_folds_case() {
        let lex = Lexicons::builtin();
        let m = lex.sign_offs.match_start("À BIENTÔT !", None).unwrap();
        assert_eq!(m.phrase.text, "À bientôt");
        assert_eq!(m.len, "À BIENTÔT".len());
        let m = lex.greetings.match_start("ÉGREGIO", None);
        assert!(m.is_none());
        assert!(lex.greetings.match_start("", None).is_none());
        assert!(lex.greetings.match_start("👋 Hi", None).is_none());
    }
}
