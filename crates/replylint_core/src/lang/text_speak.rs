//! The text-speak lexicon: chat abbreviations (`pls`, `thx`, `cmq`,
//! `xké`) per language, with their full forms, read from
//! `rules/lexicon/text-speak.toml` (embedded in the binary). An
//! abbreviation several languages list is one entry with a sense per
//! language. The `text-speak` rule and the analysis layer's one-scan body
//! screen read it.

use super::Language;
use crate::text::phrases::PhraseSet;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTables {
    #[serde(default)]
    words: BTreeMap<String, String>,
    #[serde(default)]
    ambiguous: BTreeMap<String, String>,
}

/// What one language says about an abbreviation.
#[derive(Debug, Clone)]
pub struct Sense {
    pub language: Language,
    /// Full form; empty when there is no obvious one.
    pub replacement: String,
    /// Only reported when the reply is known to be in `language`.
    pub ambiguous: bool,
}

/// One abbreviation, with what every language that lists it says.
#[derive(Debug, Clone)]
pub struct Entry {
    pub senses: Vec<Sense>,
}

/// Parse a text-speak lexicon: per language code, `words` and
/// `ambiguous` tables of abbreviation → replacement.
pub fn parse<'a>(
    text: impl Into<crate::lang::builtin::Source<'a>>,
) -> Result<PhraseSet<Entry>, String> {
    let raw: BTreeMap<String, RawTables> = text.into().read()?;
    let mut by_term: BTreeMap<String, Entry> = BTreeMap::new();
    for (code, tables) in raw {
        let language: Language = code.parse()?;
        for (ambiguous, table) in [(false, tables.words), (true, tables.ambiguous)] {
            for (term, replacement) in table {
                let key = crate::text::fold_str(term.trim());
                by_term
                    .entry(key)
                    .or_insert_with(|| Entry { senses: Vec::new() })
                    .senses
                    .push(Sense {
                        language,
                        replacement,
                        ambiguous,
                    });
            }
        }
    }
    PhraseSet::new(by_term)
}

/// The lists shipped in `rules/lexicon/text-speak.toml`, compiled once.
pub static BUILTIN: LazyLock<PhraseSet<Entry>> =
    LazyLock::new(|| crate::lang::builtin::load("text-speak", parse));

impl Entry {
    /// Whether the abbreviation counts in a reply in `language`.
    pub fn applies(&self, language: impl FnOnce() -> Option<Language>) -> bool {
        if self.senses.iter().any(|s| !s.ambiguous) {
            return true;
        }
        language().is_some_and(|l| self.senses.iter().any(|s| s.language == l))
    }

    /// The full form for a reply in `language` (`None`: unknown).
    pub fn replacement(&self, language: Option<Language>) -> Option<&str> {
        let r = match language {
            Some(l) => &self.senses.iter().find(|s| s.language == l)?.replacement,
            None => {
                let first = &self.senses.first()?.replacement;
                if self.senses.iter().any(|s| s.replacement != *first) {
                    return None;
                }
                first
            }
        };
        (!r.is_empty()).then_some(r.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicon_merges_languages() {
        let found = BUILTIN.find_iter("thx");
        assert_eq!(found.len(), 1);
        let entry = found[0].payload;
        assert!(entry.senses.len() > 1);
        assert_eq!(entry.replacement(Some(Language::En)), Some("thanks"));
        assert_eq!(entry.replacement(Some(Language::It)), Some("grazie"));
        assert_eq!(entry.replacement(None), None);
        let xke = BUILTIN.find_iter("xké");
        assert_eq!(xke[0].payload.replacement(None), Some("perché"));
    }

    #[test]
    fn ambiguous_entries_need_the_language() {
        let u = BUILTIN.find_iter("u");
        assert!(!u[0].payload.applies(|| None));
        assert!(!u[0].payload.applies(|| Some(Language::Es)));
        assert!(u[0].payload.applies(|| Some(Language::En)));
    }

    #[test]
    fn unknown_language_and_keys_are_rejected() {
        assert!(parse("[xx.words]\na = \"b\"").is_err());
        assert!(parse("[en.word]\na = \"b\"").is_err());
    }
}
