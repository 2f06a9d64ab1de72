//! Register: formal and informal address. The cues of each register are
//! data, in `rules/lexicon/register.toml` (embedded in the binary), found
//! with one phrase set (an Aho-Corasick automaton) per language, built
//! the first time a reply in that language is checked.

use super::Language;
use crate::text::phrases::{Folded, PhraseSet};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

/// The register a channel expects (`register` channel setting).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Register {
    /// Formal address only (`Lei`, `Sie`, `vous`, `usted`, `o senhor`).
    Formal,
    /// Informal address only (`tu`, `du`, `tú`).
    Informal,
    /// Either, as long as one reply does not mix them.
    Any,
}

/// Which register a cue belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Side {
    Formal,
    Informal,
}

impl Side {
    pub const fn as_str(self) -> &'static str {
        match self {
            Side::Formal => "formal",
            Side::Informal => "informal",
        }
    }

    pub const fn other(self) -> Side {
        match self {
            Side::Formal => Side::Informal,
            Side::Informal => Side::Formal,
        }
    }
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One cue found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    pub side: Side,
    /// A weak cue (French `vous`) counts only next to a strong cue of the
    /// other side.
    pub weak: bool,
    /// Byte range in the text.
    pub span: Range<usize>,
}

/// One cue as listed in the data file.
#[derive(Debug, Clone)]
struct Entry {
    side: Side,
    weak: bool,
    /// Written with a capital letter: matches only as written, and not at
    /// the start of a sentence.
    exact: Option<String>,
}

/// The cues of every language that has them.
#[derive(Debug, Default)]
pub struct Cues {
    by_language: BTreeMap<Language, LanguageCues>,
}

/// One language's cues, compiled on first use: a run lints replies in one
/// or two languages, not in all of them.
#[derive(Debug)]
struct LanguageCues {
    phrases: Vec<(String, Entry)>,
    set: OnceLock<PhraseSet<Entry>>,
}

impl LanguageCues {
    fn set(&self) -> &PhraseSet<Entry> {
        self.set.get_or_init(|| {
            PhraseSet::new(self.phrases.iter().cloned()).expect("register cues compile")
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawLists {
    #[serde(default)]
    formal: Vec<String>,
    #[serde(default)]
    informal: Vec<String>,
    #[serde(default)]
    weak_formal: Vec<String>,
    #[serde(default)]
    weak_informal: Vec<String>,
}

/// The cues shipped in `rules/lexicon/register.toml`.
pub static BUILTIN: LazyLock<Cues> =
    LazyLock::new(|| crate::lang::builtin::load("register", Cues::parse));

impl Cues {
    /// Parse a register lexicon: one table per language code, each with
    /// `formal`, `informal`, `weak-formal` and `weak-informal` lists.
    pub fn parse(text: &str) -> Result<Self, String> {
        let raw: BTreeMap<String, RawLists> = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut by_language = BTreeMap::new();
        for (code, lists) in raw {
            let language: Language = code.parse()?;
            let mut phrases: Vec<(String, Entry)> = Vec::new();
            for (side, weak, list) in [
                (Side::Formal, false, lists.formal),
                (Side::Informal, false, lists.informal),
                (Side::Formal, true, lists.weak_formal),
                (Side::Informal, true, lists.weak_informal),
            ] {
                for cue in list {
                    let cue = cue.trim().to_owned();
                    if cue.is_empty() {
                        return Err(format!("[{code}]: empty register cue"));
                    }
                    let capitalised = cue.chars().any(char::is_uppercase);
                    let entry = Entry {
                        side,
                        weak,
                        exact: capitalised.then(|| cue.clone()),
                    };
                    phrases.push((cue, entry));
                }
            }
            by_language.insert(
                language,
                LanguageCues {
                    phrases,
                    set: OnceLock::new(),
                },
            );
        }
        Ok(Cues { by_language })
    }

    /// Whether `language` has register cues (English has none).
    pub fn has(&self, language: Language) -> bool {
        self.by_language.contains_key(&language)
    }

    /// Every cue of `language` in `text`, in order.
    pub fn find(&self, text: &str, language: Language) -> Vec<Cue> {
        if !self.has(language) {
            return Vec::new();
        }
        self.find_in(text, &Folded::new(text), language)
    }

    /// [`Self::find`] in a text folded already.
    pub fn find_in(&self, text: &str, folded: &Folded, language: Language) -> Vec<Cue> {
        let Some(cues) = self.by_language.get(&language) else {
            return Vec::new();
        };
        cues.set()
            .find_in(folded)
            .into_iter()
            .filter_map(|m| {
                let entry = m.payload;
                let span = m.span;
                // Before a word that an apostrophe joins to it (`dell'`),
                // it is part of that word.
                if text[..span.start].ends_with(['\'', '\u{2019}']) {
                    return None;
                }
                if let Some(exact) = &entry.exact
                    && (text[span.clone()] != **exact || sentence_start(text, span.start))
                {
                    return None;
                }
                Some(Cue {
                    side: entry.side,
                    weak: entry.weak,
                    span,
                })
            })
            .collect()
    }
}

/// Whether `cues` mix the registers: a strong cue of one side with any
/// cue of the other (a weak cue alone decides nothing).
pub fn is_mixed(cues: &[Cue]) -> bool {
    let strong = |side: Side| cues.iter().any(|c| c.side == side && !c.weak);
    let any = |side: Side| cues.iter().any(|c| c.side == side);
    (strong(Side::Formal) && any(Side::Informal)) || (strong(Side::Informal) && any(Side::Formal))
}

/// Whether byte `at` of `text` opens a sentence or a line: only white
/// space and opening punctuation stand between it and the start of the
/// text, a line break, or a `.` `!` `?` `…` `:`.
fn sentence_start(text: &str, at: usize) -> bool {
    for c in text[..at].chars().rev() {
        match c {
            '\n' | '.' | '!' | '?' | '…' | ':' => return true,
            c if c.is_whitespace() => {}
            '"' | '“' | '„' | '«' | '‹' | '¿' | '¡' | '(' | '[' | '\'' | '‘' | '‚' | '-' | '–'
            | '—' | '*' | '_' => {}
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, language: Language) -> Vec<(&str, Side, bool)> {
        BUILTIN
            .find(text, language)
            .into_iter()
            .map(|c| (&text[c.span], c.side, c.weak))
            .collect()
    }

    #[test]
    fn builtin_lexicon_covers_every_language_but_english() {
        for lang in Language::ALL {
            assert_eq!(BUILTIN.has(lang), lang != Language::En, "{lang}");
        }
    }

    #[test]
    fn capitalised_cues_match_only_capitalised_and_not_sentence_initial() {
        let text = "Wir danken Ihnen. Sie ist angekommen, sagt sie. Können Sie das prüfen?";
        assert_eq!(
            found(text, Language::De),
            [("Ihnen", Side::Formal, false), ("Sie", Side::Formal, false)]
        );
        assert_eq!(found("Lei ha ragione, grazie a lei.", Language::It), []);
        assert_eq!(
            found(
                "Grazie per la Sua pazienza e per il tuo ordine.",
                Language::It
            ),
            [("Sua", Side::Formal, false), ("tuo", Side::Informal, false)]
        );
    }

    #[test]
    fn lower_case_cues_match_in_any_case_on_word_boundaries() {
        assert_eq!(
            found("¿Tú? TU pedido, tutti, sutil", Language::Es),
            [("Tú", Side::Informal, false), ("TU", Side::Informal, false)]
        );
        assert_eq!(
            found("Je t’envoie ton colis, merci à vous.", Language::Fr),
            [
                ("t’", Side::Informal, false),
                ("ton", Side::Informal, false),
                ("vous", Side::Formal, true)
            ]
        );
        assert_eq!(
            found("Informamos a senhora que o pedido chegou.", Language::Pt),
            [("a senhora", Side::Formal, false)]
        );
        assert_eq!(found("Thank you, you are right.", Language::En), []);
    }

    #[test]
    fn bad_lexicons_are_errors() {
        assert!(Cues::parse("[xx]\nformal = [\"a\"]").is_err());
        assert!(Cues::parse("[it]\nformal = [\"\"]").is_err());
        assert!(Cues::parse("[it]\nneutral = [\"a\"]").is_err());
    }
}
