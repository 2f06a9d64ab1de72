//! Word lists with Hunspell's case rules, the built-in support vocabulary
//! (`rules/lexicon/spelling.toml`) and the team's own words (`[spelling]
//! accept` and `reject`).
//!
//! A word listed in lower case is accepted in lower case, with an initial
//! capital and in capitals (`ticket`, `Ticket`, `TICKET`); a word listed
//! with a capital only as listed and in capitals (`iPhone`, `IPHONE`),
//! and written in any other case it is *miscased* (`Iphone`): the rule
//! reports it with the listed form. Apostrophes are compared as `'`.

use crate::lang::Language;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;

/// How a word is capitalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// No capital (`ticket`, `e-mail`, `l'ordine`).
    Lower,
    /// A capital first, then none (`Ticket`).
    Title,
    /// Capitals only, two letters or more (`TICKET`).
    Upper,
    /// Anything else (`iPhone`, `WhatsApp`).
    Mixed,
}

pub fn shape(word: &str) -> Shape {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else {
        return Shape::Lower;
    };
    let (mut upper, mut lower) = (0, 0);
    for c in letters {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        }
    }
    match (first.is_uppercase(), upper, lower) {
        (false, 0, _) => Shape::Lower,
        (true, 0, 1..) => Shape::Title,
        (true, _, 0) if upper > 0 => Shape::Upper,
        (true, 0, 0) => Shape::Title,
        _ => Shape::Mixed,
    }
}

/// `word` in lower case, apostrophes as `'`.
pub fn lower(word: &str) -> String {
    crate::text::fold_str(word)
}

/// `word` with a capital first and the rest in lower case.
pub fn title(word: &str) -> String {
    let lower = lower(word);
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => lower,
    }
}

/// `word` composed (NFC: `e` + U+0301 is `é`), with its apostrophes as
/// `'`.
pub fn normalise(word: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::UnicodeNormalization;
    if word.is_ascii() {
        return word.into();
    }
    let composed: std::borrow::Cow<'_, str> = if unicode_normalization::is_nfc_quick(word.chars())
        == unicode_normalization::IsNormalized::Yes
    {
        word.into()
    } else {
        word.nfc().collect::<String>().into()
    };
    if composed.contains(['\u{2019}', '\u{2018}', '\u{02BC}']) {
        composed
            .replace(['\u{2019}', '\u{2018}', '\u{02BC}'], "'")
            .into()
    } else {
        composed
    }
}

/// Whether a list whose exact membership is `has` accepts `word` under
/// Hunspell's case rules: as written, or, written with an initial capital
/// or in capitals, as listed in lower case or with an initial capital.
pub fn accepts(word: &str, has: impl Fn(&str) -> bool) -> bool {
    if has(word) {
        return true;
    }
    match shape(word) {
        Shape::Lower | Shape::Mixed => false,
        Shape::Title => has(&lower(word)),
        Shape::Upper => has(&lower(word)) || has(&title(word)),
    }
}

/// `preferred` written the way `word` is capitalised (`E-mail` →
/// `Email`), unless `preferred` has capitals of its own.
pub fn with_case_of(word: &str, preferred: &str) -> String {
    if shape(preferred) != Shape::Lower {
        return preferred.to_owned();
    }
    match shape(word) {
        Shape::Title => title(preferred),
        Shape::Upper => preferred.to_uppercase(),
        Shape::Lower | Shape::Mixed => preferred.to_owned(),
    }
}

/// Words accepted as listed, with Hunspell's case rules.
#[derive(Debug, Clone, Default)]
pub struct WordList {
    exact: HashSet<String>,
    /// Lower case → the listed form, for the words listed with capitals.
    cased: HashMap<String, String>,
}

impl WordList {
    pub fn new<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> Self {
        let mut list = WordList::default();
        list.extend(words);
        list
    }

    pub fn extend<S: AsRef<str>>(&mut self, words: impl IntoIterator<Item = S>) {
        for word in words {
            let word = normalise(word.as_ref().trim()).into_owned();
            if word.is_empty() {
                continue;
            }
            if shape(&word) != Shape::Lower {
                self.cased.insert(lower(&word), word.clone());
            }
            self.exact.insert(word);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.exact.is_empty()
    }

    pub fn accepts(&self, word: &str) -> bool {
        if self.exact.is_empty() {
            return false;
        }
        accepts(word, |w| self.exact.contains(w))
            || (shape(word) == Shape::Upper && self.cased.contains_key(&lower(word)))
    }

    /// The listed form of `word` when it is listed with capitals and
    /// written in another case (`Iphone` → `iPhone`).
    pub fn miscased(&self, word: &str) -> Option<&str> {
        let listed = self.cased.get(&lower(word))?;
        (!self.accepts(word)).then_some(listed.as_str())
    }
}

/// Words to report even when spelt right, each with the form the team
/// prefers, if it names one (`e-mail -> email`).
#[derive(Debug, Clone, Default)]
pub struct Rejected {
    by_lower: HashMap<String, Option<String>>,
}

impl Rejected {
    /// Read entries written `word` or `word -> preferred`.
    pub fn extend<S: AsRef<str>>(&mut self, entries: impl IntoIterator<Item = S>) {
        for entry in entries {
            let entry = entry.as_ref().trim();
            let (word, preferred) = match entry.split_once("->") {
                Some((w, p)) => (
                    w.trim(),
                    Some(p.trim().to_owned()).filter(|p| !p.is_empty()),
                ),
                None => (entry, None),
            };
            if !word.is_empty() {
                self.by_lower.insert(lower(word), preferred);
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.by_lower.is_empty()
    }

    /// `Some(preferred)` when `word` is rejected, in any case.
    pub fn get(&self, word: &str) -> Option<Option<&str>> {
        self.by_lower.get(&lower(word)).map(Option::as_deref)
    }
}

/// One language's table of `rules/lexicon/spelling.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    #[serde(default)]
    words: Vec<String>,
    /// `[British, American]` endings (English only).
    #[serde(default)]
    british: Vec<[String; 2]>,
    /// Pronouns written onto a verb (`informarLa`, `contáctanos`).
    #[serde(default)]
    clitics: Vec<String>,
}

/// The built-in vocabulary of one language.
#[derive(Debug, Default)]
pub struct Vocabulary {
    pub words: WordList,
    /// `(British, American)` endings: `colour` is accepted on English
    /// replies with no variant chosen because `color` is.
    pub british: Vec<(String, String)>,
    /// Pronouns a verb may end with: the word is accepted when it is,
    /// written in lower case (`informarLa`), or when the verb before the
    /// pronoun is, without its accent (`contáctanos`: `contacta`).
    pub clitics: Vec<String>,
}

/// The built-in vocabularies: every language's, and the words of `[any]`
/// under `None`.
#[derive(Debug, Default)]
pub struct Builtin {
    pub any: WordList,
    pub languages: BTreeMap<Language, Vocabulary>,
}

impl Builtin {
    pub fn parse<'a>(text: impl Into<crate::lang::builtin::Source<'a>>) -> Result<Builtin, String> {
        let raw: BTreeMap<String, RawLanguage> = text.into().read()?;
        let mut out = Builtin::default();
        for (key, table) in raw {
            if key == "any" {
                if !table.british.is_empty() || !table.clitics.is_empty() {
                    return Err("[any] takes only `words`".into());
                }
                out.any.extend(&table.words);
                continue;
            }
            let language = key.parse::<Language>()?;
            if !table.british.is_empty() && language != Language::En {
                return Err(format!("[{key}]: `british` is for English only"));
            }
            out.languages.insert(
                language,
                Vocabulary {
                    words: WordList::new(&table.words),
                    british: table.british.into_iter().map(|[a, b]| (a, b)).collect(),
                    clitics: table.clitics,
                },
            );
        }
        Ok(out)
    }

    pub fn language(&self, language: Language) -> Option<&Vocabulary> {
        self.languages.get(&language)
    }
}

/// The vocabulary shipped in `rules/lexicon/spelling.toml`.
pub static BUILTIN: LazyLock<Builtin> =
    LazyLock::new(|| crate::lang::builtin::load("spelling", Builtin::parse));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(shape("ticket"), Shape::Lower);
        assert_eq!(shape("l'ordine"), Shape::Lower);
        assert_eq!(shape("Ticket"), Shape::Title);
        assert_eq!(shape("L'ordine"), Shape::Title);
        assert_eq!(shape("TICKET"), Shape::Upper);
        assert_eq!(shape("iPhone"), Shape::Mixed);
        assert_eq!(shape("WhatsApp"), Shape::Mixed);
        assert_eq!(shape("É"), Shape::Title);
        assert_eq!(shape("PERCHÉ"), Shape::Upper);
    }

    #[test]
    fn lists_follow_hunspell_case_rules() {
        let list = WordList::new(["ticket", "iPhone", "Acme", "l’app"]);
        for ok in [
            "ticket", "Ticket", "TICKET", "iPhone", "IPHONE", "Acme", "ACME", "l'app",
        ] {
            assert!(list.accepts(ok), "{ok}");
        }
        for bad in ["Iphone", "iphone", "acme", "tickets"] {
            assert!(!list.accepts(bad), "{bad}");
        }
        assert_eq!(list.miscased("Iphone"), Some("iPhone"));
        assert_eq!(list.miscased("acme"), Some("Acme"));
        assert_eq!(list.miscased("iPhone"), None);
        assert_eq!(list.miscased("Ticket"), None);
    }

    #[test]
    fn words_are_composed_and_apostrophes_plain() {
        assert_eq!(normalise("cafe\u{301}"), "café");
        assert_eq!(normalise("we\u{2019}ll"), "we'll");
        assert_eq!(normalise("plain"), "plain");
    }

    #[test]
    fn rejected_words_keep_their_preferred_form() {
        let mut rejected = Rejected::default();
        rejected.extend(["e-mail -> email", "irregardless", "  "]);
        assert_eq!(rejected.get("E-Mail"), Some(Some("email")));
        assert_eq!(rejected.get("irregardless"), Some(None));
        assert_eq!(rejected.get("email"), None);
        assert_eq!(with_case_of("E-mail", "email"), "Email");
        assert_eq!(with_case_of("E-MAIL", "email"), "EMAIL");
        assert_eq!(with_case_of("e-mail", "PayPal"), "PayPal");
    }

    #[test]
    fn builtin_vocabulary_parses() {
        assert!(BUILTIN.any.accepts("PayPal"));
        assert!(BUILTIN.language(Language::It).is_some());
        assert!(Builtin::parse("[xx]\nwords = []").is_err());
        assert!(Builtin::parse("[it]\nbritish = [[\"a\", \"b\"]]").is_err());
        assert!(Builtin::parse("[it]\nword = []").is_err());
    }
}
