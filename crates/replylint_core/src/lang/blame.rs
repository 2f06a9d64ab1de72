//! The blame lexicon: phrases that blame or lecture the customer ("as I
//! already said", "come già detto"), per language, with the exceptions
//! that contain one but do not blame, and the counterfactuals ("you should
//! have …", "avresti dovuto …"): their openers and what the verb after
//! them must and must not be. Read from `rules/lexicon/blame.toml`
//! (embedded in the binary). The `blame` rule, the analysis layer's
//! counterfactuals and its one-scan body screen read it.

use super::Language;
use crate::text::fold_str;
use crate::text::phrases::PhraseSet;
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::LazyLock;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLists {
    #[serde(default)]
    phrases: Vec<String>,
    #[serde(default)]
    allow: Vec<String>,
    #[serde(default)]
    counterfactual: Option<RawCounterfactual>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawCounterfactual {
    #[serde(default)]
    you: Vec<String>,
    #[serde(default)]
    either: Vec<String>,
    #[serde(default)]
    then: Vec<String>,
    #[serde(default)]
    between: Vec<String>,
    #[serde(default)]
    endings: Vec<String>,
    #[serde(default)]
    verbs: Vec<String>,
    #[serde(default)]
    not_verbs: Vec<String>,
    #[serde(default)]
    expect: Vec<String>,
    #[serde(default)]
    closers: Vec<String>,
}

/// What a phrase of the lexicon is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Blames wherever it appears.
    Blame,
    /// An exception: a phrase that contains a blame phrase but does not
    /// blame.
    Allow,
    /// Opens a counterfactual ("you should have"): blames when the verb
    /// after it is a reproach ([`Counterfactual`]). `either`: the form is
    /// also the first or third person, and counts only where it opens a
    /// sentence or a clause.
    Counterfactual { either: bool },
}

/// One phrase of the list.
#[derive(Debug, Clone)]
pub struct Entry {
    pub language: Language,
    pub kind: Kind,
    /// The phrase as written in the list.
    pub phrase: String,
}

/// One language's counterfactuals: what may come between the opener and
/// the verb, and what the verb must look like. Words are folded
/// ([`fold_str`]).
#[derive(Debug, Clone, Default)]
pub struct Counterfactual {
    /// Adverbs and pronouns that may come before the verb, longest first.
    pub between: Vec<String>,
    endings: Vec<String>,
    verbs: Vec<String>,
    not_verbs: Vec<String>,
    expect: Vec<String>,
    /// Words that end the construction, the verb before them (German
    /// "sollen"); none: the verb follows the opener.
    pub closers: Vec<String>,
}

impl Counterfactual {
    /// Whether `word` (folded) is the verb of an expectation ("received"),
    /// not of a reproach.
    pub fn expects(&self, word: &str) -> bool {
        self.expect.iter().any(|e| word.starts_with(e.as_str()))
    }

    /// Whether `word` (folded) is a verb form that can follow the opener
    /// (a participle, an infinitive) and makes a reproach.
    pub fn reproaches(&self, word: &str) -> bool {
        if self.expects(word) || self.not_verbs.iter().any(|w| w == word) {
            return false;
        }
        let letters = word.chars().count();
        self.verbs.iter().any(|w| w == word)
            || self
                .endings
                .iter()
                .any(|e| word.ends_with(e.as_str()) && letters > e.chars().count())
    }

    /// Whether `word` (folded) closes the construction.
    pub fn closes(&self, word: &str) -> bool {
        self.closers.iter().any(|c| c == word)
    }
}

/// The blame lexicon: its phrases (blame, exceptions and counterfactual
/// openers, in one set) and each language's counterfactuals.
#[derive(Debug)]
pub struct Lexicon {
    pub phrases: PhraseSet<Entry>,
    counterfactuals: BTreeMap<Language, Counterfactual>,
}

impl Lexicon {
    /// The counterfactuals of `language`, if it has any.
    pub fn counterfactual(&self, language: Language) -> Option<&Counterfactual> {
        self.counterfactuals.get(&language)
    }
}

/// Parse a blame lexicon: one table per language code with `phrases` and
/// `allow` lists and a `counterfactual` table.
pub fn parse_lexicon<'a>(
    text: impl Into<crate::lang::builtin::Source<'a>>,
) -> Result<Lexicon, String> {
    let raw: BTreeMap<String, RawLists> = text.into().read()?;
    let mut entries = Vec::new();
    let mut counterfactuals = BTreeMap::new();
    for (code, lists) in raw {
        let language: Language = code.parse()?;
        for (kind, list) in [(Kind::Blame, lists.phrases), (Kind::Allow, lists.allow)] {
            entries.extend(list.into_iter().map(|phrase| {
                (
                    phrase.clone(),
                    Entry {
                        language,
                        kind,
                        phrase,
                    },
                )
            }));
        }
        let Some(cf) = lists.counterfactual else {
            continue;
        };
        if cf.you.is_empty() && cf.either.is_empty() {
            return Err(format!(
                "[{code}.counterfactual]: no `you` or `either` form"
            ));
        }
        if cf.closers.is_empty() && cf.endings.is_empty() && cf.verbs.is_empty() {
            return Err(format!(
                "[{code}.counterfactual]: no `endings`, `verbs` or `closers`: no verb would do"
            ));
        }
        let then: Vec<&str> = if cf.then.is_empty() {
            vec![""]
        } else {
            cf.then.iter().map(String::as_str).collect()
        };
        for (either, forms) in [(false, &cf.you), (true, &cf.either)] {
            for form in forms {
                for next in &then {
                    // "you should" + "'ve": no space before an apostrophe.
                    let phrase = match next.chars().next() {
                        None => form.clone(),
                        Some('\'' | '\u{2019}') => format!("{form}{next}"),
                        Some(_) => format!("{form} {next}"),
                    };
                    entries.push((
                        phrase.clone(),
                        Entry {
                            language,
                            kind: Kind::Counterfactual { either },
                            phrase,
                        },
                    ));
                }
            }
        }
        let fold =
            |list: Vec<String>| -> Vec<String> { list.iter().map(|w| fold_str(w)).collect() };
        let mut between = fold(cf.between);
        between.sort_by_key(|w| std::cmp::Reverse(w.len()));
        counterfactuals.insert(
            language,
            Counterfactual {
                between,
                endings: fold(cf.endings),
                verbs: fold(cf.verbs),
                not_verbs: fold(cf.not_verbs),
                expect: fold(cf.expect),
                closers: fold(cf.closers),
            },
        );
    }
    Ok(Lexicon {
        phrases: PhraseSet::new(entries)?,
        counterfactuals,
    })
}

/// The phrases of a blame lexicon ([`parse_lexicon`]).
pub fn parse(text: &str) -> Result<PhraseSet<Entry>, String> {
    parse_lexicon(text).map(|l| l.phrases)
}

/// The lexicon shipped in `rules/lexicon/blame.toml`, compiled once.
pub static BUILTIN: LazyLock<Lexicon> =
    LazyLock::new(|| crate::lang::builtin::load("blame", parse_lexicon));

/// What [`Words`] reads of a language's table; the other keys are
/// skipped unread.
#[derive(Deserialize)]
struct RawWords<'a> {
    #[serde(default, borrow)]
    phrases: Vec<&'a str>,
    #[serde(default, borrow)]
    allow: Vec<&'a str>,
    #[serde(default, borrow)]
    counterfactual: Option<RawForms<'a>>,
}

#[derive(Deserialize)]
struct RawForms<'a> {
    #[serde(default, borrow)]
    you: Vec<&'a str>,
    #[serde(default, borrow)]
    either: Vec<&'a str>,
}

/// The words of each phrase, exception and counterfactual form a blame
/// lexicon lists, folded: every phrase of its set ([`parse_lexicon`])
/// holds all the words of one of them, so a text that holds all the
/// words of none of them has none of its phrases. What one draft is
/// screened with, rather than the whole lexicon (a sixth of its
/// instructions); read in place from the binary, each borrowed where
/// folding leaves it as it is.
pub struct Words(Vec<Cow<'static, str>>);

impl Words {
    fn builtin() -> Words {
        let raw: BTreeMap<&str, RawWords<'static>> = crate::lang::builtin::read_in_place("blame");
        let mut all = Vec::new();
        for lists in raw.into_values() {
            let forms = lists
                .counterfactual
                .into_iter()
                .flat_map(|cf| cf.you.into_iter().chain(cf.either));
            for phrase in lists.phrases.into_iter().chain(lists.allow).chain(forms) {
                let phrase = crate::text::fold_cow(phrase);
                if !phrase.trim().is_empty() {
                    all.push(phrase);
                }
            }
        }
        Words(all)
    }

    /// Whether `folded` ([`crate::text::phrases::Folded`]) may hold a
    /// phrase of the set: all the words of one of the lists' phrases are
    /// in it, as written or inside other words.
    pub fn may_be_in(&self, folded: &str) -> bool {
        self.0
            .iter()
            .any(|phrase| phrase.split_whitespace().all(|w| folded.contains(w)))
    }
}

/// The words of the built-in lexicon's phrases.
pub static BUILTIN_WORDS: LazyLock<Words> = LazyLock::new(Words::builtin);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_phrase_holds_the_words_the_screen_looks_for() {
        // A text that holds a phrase holds the phrase's folded text, and
        // so whatever that text holds.
        let mut phrases = 0;
        for phrase in BUILTIN.phrases.phrases() {
            assert!(
                BUILTIN_WORDS.may_be_in(&fold_str(phrase.trim())),
                "{phrase}"
            );
            phrases += 1;
        }
        assert!(phrases > 100, "{phrases}");
        for text in [
            "Hi Anna, thanks for reaching out. Your refund will arrive within 5 days.",
            "Ciao Marco, il rimborso arriverà entro 5 giorni. Un saluto",
            "Hallo, vielen Dank für Ihre Nachricht.",
        ] {
            let folded = crate::text::phrases::Folded::new(text);
            assert!(!BUILTIN_WORDS.may_be_in(folded.as_str()), "{text}");
            assert!(BUILTIN.phrases.find_in(&folded).is_empty(), "{text}");
        }
        let folded = crate::text::phrases::Folded::new("As I ALREADY said, you should’ve read it");
        assert!(BUILTIN_WORDS.may_be_in(folded.as_str()));
    }

    #[test]
    fn builtin_lexicon_covers_every_language() {
        let set = &BUILTIN.phrases;
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
            assert!(BUILTIN.counterfactual(lang).is_some(), "{lang}");
        }
    }

    #[test]
    fn counterfactual_openers_are_form_and_then() {
        let set = &BUILTIN.phrases;
        for (text, either) in [
            ("you should have", false),
            ("you should’ve", false),
            ("avresti dovuto", false),
            ("avrebbe dovuto", true),
            ("deberías habernos", false),
            ("vous auriez dû", false),
            ("Sie hätten", false),
            ("deveria ter", true),
        ] {
            let found = set.find_iter(text);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(
                found[0].payload.kind,
                Kind::Counterfactual { either },
                "{text}"
            );
        }
    }

    #[test]
    fn what_makes_a_reproach() {
        let en = BUILTIN.counterfactual(Language::En).unwrap();
        assert!(en.reproaches("downloaded"));
        assert!(en.reproaches("read"));
        assert!(!en.reproaches("received"));
        assert!(!en.reproaches("need"));
        assert!(!en.reproaches("an"));
        assert!(!en.reproaches("ed"));
        let pt = BUILTIN.counterfactual(Language::Pt).unwrap();
        assert!(pt.reproaches("lido"));
        let it = BUILTIN.counterfactual(Language::It).unwrap();
        assert!(it.reproaches("contattarci"));
        assert!(!it.reproaches("riceverla"));
        let de = BUILTIN.counterfactual(Language::De).unwrap();
        assert!(de.closes("sollen"));
        assert!(de.expects("erhalten"));
    }

    #[test]
    fn unknown_language_and_keys_are_rejected() {
        assert!(parse("[xx]\nphrases = [\"a\"]").is_err());
        assert!(parse("[en]\nphrase = [\"a\"]").is_err());
        assert!(parse("[en.counterfactual]\nyou = [\"you should\"]").is_err());
        assert!(parse("[en.counterfactual]\nendings = [\"ed\"]").is_err());
        assert!(parse("[en.counterfactual]\nyou = [\"a\"]\nverb = [\"b\"]").is_err());
    }
}
