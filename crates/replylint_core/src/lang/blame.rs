//! The blame lexicon: phrases that blame or lecture the customer ("as I
//! already said", "come già detto"), per language, with the exceptions
//! that contain one but do not blame; read from `rules/lexicon/blame.toml`
//! (embedded in the binary). The `blame` rule and the analysis layer's
//! one-scan body screen read it.

use super::Language;
use crate::text::phrases::PhraseSet;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLists {
    #[serde(default)]
    phrases: Vec<String>,
    #[serde(default)]
    allow: Vec<String>,
}

/// One phrase of the list.
#[derive(Debug, Clone)]
pub struct Entry {
    pub language: Language,
    /// An exception: a phrase that contains a blame phrase but does not
    /// blame.
    pub allow: bool,
    /// The phrase as written in the list.
    pub phrase: String,
}

/// Parse a blame lexicon: one table per language code with `phrases` and
/// `allow` lists.
pub fn parse(text: &str) -> Result<PhraseSet<Entry>, String> {
    let raw: BTreeMap<String, RawLists> = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut entries = Vec::new();
    for (code, lists) in raw {
        let language: Language = code.parse()?;
        for (allow, list) in [(false, lists.phrases), (true, lists.allow)] {
            entries.extend(list.into_iter().map(|phrase| {
                (
                    phrase.clone(),
                    Entry {
                        language,
                        allow,
                        phrase,
                    },
                )
            }));
        }
    }
    PhraseSet::new(entries)
}

/// The phrases shipped in `rules/lexicon/blame.toml`, compiled once.
pub static BUILTIN: LazyLock<PhraseSet<Entry>> =
    LazyLock::new(|| crate::lang::builtin::load("blame", parse));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicon_covers_every_language() {
        let set = &*BUILTIN;
        for lang in Language::ALL {
            let text = match lang {
                Language::En => "as I already said",
                Language::It => "come già detto",
                Language::Es => "como ya le dije",
                Language::Fr => "comme je l'ai déjà dit",
                Language::De => "wie bereits gesagt",
                Language::Pt => "como já disse",
            };
            let found = set.find_iter(text);
            assert_eq!(found.len(), 1, "{lang}");
            assert_eq!(found[0].payload.language, lang);
        }
    }

    #[test]
    fn unknown_language_and_keys_are_rejected() {
        assert!(parse("[xx]\nphrases = [\"a\"]").is_err());
        assert!(parse("[en]\nphrase = [\"a\"]").is_err());
    }
}
