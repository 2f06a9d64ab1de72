//! Register: formal and informal address. The cues of each register are
//! data, in `rules/lexicon/register.toml` (embedded in the binary), found
//! with one phrase set (an Aho-Corasick automaton) per language, built
//! the first time a reply in that language is checked, and by the endings
//! of words (Spanish `-áis`, `-éis`: "podéis", "queráis").

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
    /// Addresses several people (Spanish `vosotros`, `ustedes`). A weak
    /// plural cue counts only next to a strong plural cue of the other
    /// side (`ustedes` beside `podéis`, not beside `tú`).
    pub plural: bool,
    /// Byte range in the text.
    pub span: Range<usize>,
}

/// One cue as listed in the data file.
#[derive(Debug, Clone)]
struct Entry {
    side: Side,
    weak: bool,
    plural: bool,
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
    /// Word endings that make a strong plural informal cue (folded), and
    /// the words with them that are none.
    plural_informal_endings: Vec<String>,
    not_plural_informal: Vec<String>,
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
    #[serde(default)]
    plural_formal: Vec<String>,
    #[serde(default)]
    plural_informal: Vec<String>,
    #[serde(default)]
    plural_informal_endings: Vec<String>,
    #[serde(default)]
    not_plural_informal: Vec<String>,
}

/// The cues shipped in `rules/lexicon/register.toml`.
pub static BUILTIN: LazyLock<Cues> =
    LazyLock::new(|| crate::lang::builtin::load("register", Cues::parse));

impl Cues {
    /// Parse a register lexicon: one table per language code, each with
    /// `formal`, `informal`, `weak-formal`, `weak-informal`,
    /// `plural-formal` (weak), `plural-informal` (strong),
    /// `plural-informal-endings` and `not-plural-informal` lists.
    pub fn parse<'a>(text: impl Into<crate::lang::builtin::Source<'a>>) -> Result<Self, String> {
        let raw: BTreeMap<String, RawLists> = text.into().read()?;
        let mut by_language = BTreeMap::new();
        for (code, lists) in raw {
            let language: Language = code.parse()?;
            let mut phrases: Vec<(String, Entry)> = Vec::new();
            for (side, weak, plural, list) in [
                (Side::Formal, false, false, lists.formal),
                (Side::Informal, false, false, lists.informal),
                (Side::Formal, true, false, lists.weak_formal),
                (Side::Informal, true, false, lists.weak_informal),
                (Side::Formal, true, true, lists.plural_formal),
                (Side::Informal, false, true, lists.plural_informal),
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
                        plural,
                        exact: capitalised.then(|| cue.clone()),
                    };
                    phrases.push((cue, entry));
                }
            }
            let fold = |list: Vec<String>| -> Result<Vec<String>, String> {
                list.iter()
                    .map(|w| {
                        let w = crate::text::fold_str(w.trim());
                        if w.is_empty() {
                            Err(format!("[{code}]: empty register cue"))
                        } else {
                            Ok(w)
                        }
                    })
                    .collect()
            };
            by_language.insert(
                language,
                LanguageCues {
                    phrases,
                    set: OnceLock::new(),
                    plural_informal_endings: fold(lists.plural_informal_endings)?,
                    not_plural_informal: fold(lists.not_plural_informal)?,
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
        let mut found: Vec<Cue> = cues
            .set()
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
                    plural: entry.plural,
                    span,
                })
            })
            .collect();
        if !cues.plural_informal_endings.is_empty() {
            let verbs: Vec<Cue> = words(text)
                .filter(|&(_, word)| cues.is_plural_informal_verb(word))
                .filter(|(span, _)| !found.iter().any(|c| overlap(&c.span, span)))
                .map(|(span, _)| Cue {
                    side: Side::Informal,
                    weak: false,
                    plural: true,
                    span,
                })
                .collect();
            found.extend(verbs);
            found.sort_by_key(|c| c.span.start);
        }
        found
    }
}

impl LanguageCues {
    /// Whether `word` ends like a plural informal verb ("podéis") and is
    /// not one of the exceptions ("país").
    fn is_plural_informal_verb(&self, word: &str) -> bool {
        let folded = crate::text::fold_str(word);
        let letters = folded.chars().count();
        self.plural_informal_endings
            .iter()
            .any(|e| folded.ends_with(e.as_str()) && letters > e.chars().count())
            && !self.not_plural_informal.contains(&folded)
    }
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// The words of `text`: runs of letters, with their byte ranges.
fn words(text: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = at + text[at..].find(char::is_alphabetic)?;
        let len = text[start..]
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(text.len() - start);
        at = start + len;
        Some((start..at, &text[start..at]))
    })
}

/// The cues of `cues` that count: every strong cue, and each weak cue
/// next to a strong cue of the other side (a weak plural cue, next to a
/// strong plural one).
pub fn counted(cues: &[Cue]) -> impl Iterator<Item = &Cue> {
    let strong = |side: Side, plural: bool| {
        cues.iter()
            .any(|c| c.side == side && !c.weak && (c.plural || !plural))
    };
    let pairs = [
        (strong(Side::Formal, false), strong(Side::Formal, true)),
        (strong(Side::Informal, false), strong(Side::Informal, true)),
    ];
    cues.iter().filter(move |c| {
        let (any, plural) = pairs[c.side.other() as usize];
        !c.weak || if c.plural { plural } else { any }
    })
}

/// Whether `cues` mix the registers: cues of both sides count (a weak cue
/// alone decides nothing).
pub fn is_mixed(cues: &[Cue]) -> bool {
    let mut sides = counted(cues).map(|c| c.side);
    sides
        .next()
        .is_some_and(|first| sides.any(|side| side != first))
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
    fn plural_address() {
        let es = |t| found(t, Language::Es);
        assert_eq!(
            es("Si queréis, podéis escribirnos desde vuestro país."),
            [
                ("queréis", Side::Informal, false),
                ("podéis", Side::Informal, false),
                ("vuestro", Side::Informal, false)
            ]
        );
        let mixed = |t: &str, l| is_mixed(&BUILTIN.find(t, l));
        assert!(mixed(
            "Usted puede verlo. Si queréis, escribidnos.",
            Language::Es
        ));
        assert!(mixed(
            "Gracias a ustedes. Podéis escribirnos.",
            Language::Es
        ));
        assert!(!mixed("Gracias a ustedes. Tu pedido llegó.", Language::Es));
        assert!(mixed(
            "Danke für Ihre Geduld. Ihr könnt uns schreiben.",
            Language::De
        ));
        assert!(!mixed(
            "Wir haben Ihre Kollegin informiert und ihr die Unterlagen geschickt.",
            Language::De
        ));
        assert!(mixed("La ringraziamo. Potete scriverci.", Language::It));
        assert!(!mixed(
            "Grazie per il vostro ordine, potete scriverci.",
            Language::It
        ));
        assert!(!mixed(
            "Grazie per il vostro ordine, ti scriviamo domani.",
            Language::It
        ));
        let plural_only = BUILTIN.find("Gracias a ustedes. Tu pedido.", Language::Es);
        assert_eq!(counted(&plural_only).count(), 1, "{plural_only:?}");
    }

    #[test]
    fn bad_lexicons_are_errors() {
        assert!(Cues::parse("[xx]\nformal = [\"a\"]").is_err());
        assert!(Cues::parse("[it]\nformal = [\"\"]").is_err());
        assert!(Cues::parse("[it]\nneutral = [\"a\"]").is_err());
        assert!(Cues::parse("[es]\nplural-informal-endings = [\" \"]").is_err());
    }
}
