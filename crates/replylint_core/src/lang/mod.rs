//! Languages replylint knows, the per-language lexicons (greetings,
//! sign-offs, register cues) loaded from the data files under
//! `rules/lexicon/`, and language detection.

pub mod blame;
pub mod builtin;
pub mod credentials;
pub mod detect;
pub mod lexicon;
pub mod prose;
pub mod register;
pub mod text_speak;
pub mod trigram;
mod trigram_tables;
pub mod variant;

use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// A language with lexicons and cues.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    En,
    It,
    Es,
    Fr,
    De,
    Pt,
}

impl Language {
    pub const ALL: [Language; 6] = [
        Language::En,
        Language::It,
        Language::Es,
        Language::Fr,
        Language::De,
        Language::Pt,
    ];

    /// ISO 639-1 code.
    pub const fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::It => "it",
            Language::Es => "es",
            Language::Fr => "fr",
            Language::De => "de",
            Language::Pt => "pt",
        }
    }

    pub const fn name(self) -> &'static str {
        match self {
            Language::En => "English",
            Language::It => "Italian",
            Language::Es => "Spanish",
            Language::Fr => "French",
            Language::De => "German",
            Language::Pt => "Portuguese",
        }
    }

    /// The name with its indefinite article, for messages: "an Italian",
    /// "a German".
    pub fn with_article(self) -> String {
        let name = self.name();
        let article = if name.starts_with(['A', 'E', 'I', 'O', 'U']) {
            "an"
        } else {
            "a"
        };
        format!("{article} {name}")
    }

    pub fn codes() -> impl Iterator<Item = &'static str> {
        Language::ALL.iter().map(|l| l.code())
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Language {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        Language::ALL
            .into_iter()
            .find(|l| l.code() == lower)
            .ok_or_else(|| crate::suggest::unknown("language", s, Language::codes()))
    }
}

/// A language as written in the configuration: its code.
impl<'de> serde::Deserialize<'de> for Language {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = String::deserialize(d)?;
        code.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles() {
        assert_eq!(Language::It.with_article(), "an Italian");
        assert_eq!(Language::De.with_article(), "a German");
        assert_eq!(Language::En.with_article(), "an English");
    }
}
