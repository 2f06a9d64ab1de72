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
    pub fn parse(text: &str) -> Result<Self, String> {
        let raw: BTreeMap<String, RawLists> = toml::from_str(text).map_err(|e| e.to_string())?;
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
        phrases.sort_by_key(|p| std::cmp::Reverse(p.text.chars().count()));
        Ok(Lexicon { phrases })
    }

    /// The longest phrase that opens `line` (case-insensitively, followed by
    /// a non-letter), restricted to `language` when it is known.
    pub fn match_start(&self, line: &str, language: Option<Language>) -> Option<PhraseMatch<'_>> {
        self.phrases
            .iter()
            .filter(|p| language.is_none_or(|l| l == p.language))
            .find_map(|p| {
                let len = crate::text::starts_with_words(line, &p.text)?;
                Some(PhraseMatch { phrase: p, len })
            })
    }

    /// Phrases of one language and style, in file order of length.
    pub fn examples(&self, language: Language, style: Style) -> impl Iterator<Item = &Phrase> {
        self.phrases
            .iter()
            .filter(move |p| p.language == language && p.style == style)
    }
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
            greetings: Lexicon::parse(include_str!("../../rules/lexicon/greetings.toml"))
                .expect("built-in greetings lexicon is valid"),
            sign_offs: Lexicon::parse(include_str!("../../rules/lexicon/sign-offs.toml"))
                .expect("built-in sign-offs lexicon is valid"),
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
}
