//! The text-speak lexicon: chat abbreviations (`pls`, `thx`, `cmq`,
//! `xké`) per language, with their full forms, read from
//! `rules/lexicon/text-speak.toml` (embedded in the binary). An
//! abbreviation several languages list is one entry with a sense per
//! language. The `text-speak` rule and the analysis layer's one-scan body
//! screen read it.

use super::Language;
use crate::text::phrases::PhraseSet;
use serde::Deserialize;
use std::borrow::Cow;
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

/// The abbreviations of a text-speak lexicon, folded, for a screen that
/// needs no phrase set: what one draft is checked against before the
/// lexicon is compiled (nearly a tenth of its instructions went to
/// compiling it for a draft with no abbreviation).
pub struct Terms {
    /// Those that are one word (a word character at each end, no word
    /// boundary inside), sorted: a text holds one, on word boundaries,
    /// only as one of its words.
    words: Vec<Cow<'static, str>>,
    /// The others (`w/`): a text holds one only if it holds its text.
    others: Vec<Cow<'static, str>>,
}

impl Terms {
    /// The terms of the built-in lexicon, borrowed from the binary where
    /// folding leaves them as they are.
    fn builtin() -> Terms {
        #[derive(Deserialize)]
        struct RawKeys {
            #[serde(default, borrow)]
            words: BTreeMap<&'static str, serde::de::IgnoredAny>,
            #[serde(default, borrow)]
            ambiguous: BTreeMap<&'static str, serde::de::IgnoredAny>,
        }
        let raw: BTreeMap<&'static str, RawKeys> =
            crate::lang::builtin::read_in_place("text-speak");
        let (mut words, mut others) = (Vec::new(), Vec::new());
        for tables in raw.into_values() {
            for term in tables.words.into_keys().chain(tables.ambiguous.into_keys()) {
                let term = crate::text::fold_cow(term.trim());
                let one_word = term.starts_with(crate::text::is_name_char)
                    && term.ends_with(crate::text::is_name_char)
                    && !term
                        .char_indices()
                        .skip(1)
                        .any(|(i, _)| crate::text::boundary::is_boundary(&term, i));
                if one_word {
                    words.push(term);
                } else if !term.is_empty() {
                    others.push(term);
                }
            }
        }
        words.sort_unstable();
        words.dedup();
        Terms { words, others }
    }

    /// Whether `folded` ([`crate::text::phrases::Folded`]) may hold an
    /// abbreviation on word boundaries: one of its words (the text between
    /// two word boundaries) is one, or it holds the text of another.
    pub fn may_be_in(&self, folded: &str) -> bool {
        if self.others.iter().any(|t| folded.contains(&**t)) {
            return true;
        }
        let mut start = 0;
        for (i, _) in folded.char_indices().skip(1).chain([(folded.len(), ' ')]) {
            if crate::text::boundary::is_boundary(folded, i) {
                let word = &folded[start..i];
                if self.words.binary_search_by(|t| (**t).cmp(word)).is_ok() {
                    return true;
                }
                start = i;
            }
        }
        false
    }
}

/// The abbreviations of the built-in lexicon.
pub static BUILTIN_TERMS: LazyLock<Terms> = LazyLock::new(Terms::builtin);

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

    /// A text in which the set finds an abbreviation passes the screen.
    fn screen_agrees(text: &str) {
        let folded = crate::text::phrases::Folded::new(text);
        if !BUILTIN.find_in(&folded).is_empty() {
            assert!(BUILTIN_TERMS.may_be_in(folded.as_str()), "{text:?}");
        }
    }

    #[test]
    fn every_abbreviation_the_set_finds_passes_the_screen() {
        let contexts = [
            "{}",
            "ok {} then",
            "({}).",
            "Anna, {}!",
            "re-{}-do",
            "l'{}",
            "{}’s",
            "2{}3",
            "é{}è",
            "李{}李",
            "{}\u{301}",
            "\u{301}{}",
            "x{}",
            "{}x",
            "w/{}/o",
        ];
        let mut found = 0;
        for phrase in BUILTIN.phrases() {
            for context in contexts {
                let text = context.replace("{}", phrase);
                screen_agrees(&text);
                screen_agrees(&text.to_uppercase());
                found += usize::from(!BUILTIN.find_iter(&text).is_empty());
            }
        }
        assert!(found > 1_000, "{found} texts with an abbreviation");
    }

    #[test]
    fn ordinary_drafts_are_turned_away() {
        for text in [
            "Hi Anna, thanks for reaching out. Your refund will arrive within 5 days. Best, Marta",
            "Gentile cliente, la ringraziamo per la pazienza: il rimborso arriverà entro 5 giorni.",
            "Hola Ana, gracias por escribirnos. El reembolso llegará en cinco días hábiles.",
            "Bonjour, merci pour votre message. Le remboursement arrivera sous cinq jours.",
            "Hallo Anna, vielen Dank für Ihre Nachricht. Die Erstattung kommt in fünf Tagen.",
        ] {
            let folded = crate::text::phrases::Folded::new(text);
            assert!(!BUILTIN_TERMS.may_be_in(folded.as_str()), "{text}");
            assert!(BUILTIN.find_in(&folded).is_empty(), "{text}");
        }
        let folded = crate::text::phrases::Folded::new("ok thx, see u tmrw");
        assert!(BUILTIN_TERMS.may_be_in(folded.as_str()));
    }

    proptest::proptest! {
        #[test]
        fn texts_of_abbreviations_and_marks_pass_the_screen_when_the_set_finds_one(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(vec!["thx", "u", "w/", "w/o", "xké", "pls", "k", "q"]),
                    proptest::sample::select(vec![" ", "-", "'", "/", ".", "a", "é", "2", "_", "李", "\u{301}"]),
                ],
                0..8,
            )
        ) {
            screen_agrees(&parts.concat());
        }
    }

    #[test]
    fn unknown_language_and_keys_are_rejected() {
        assert!(parse("[xx.words]\na = \"b\"").is_err());
        assert!(parse("[en.word]\na = \"b\"").is_err());
    }
}
