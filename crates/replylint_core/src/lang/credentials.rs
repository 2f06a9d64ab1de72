//! The credential-request lexicon, read from
//! `rules/lexicon/credential-request.toml` (embedded in the binary): per
//! language, the phrases that ask for something (requests, imperatives,
//! questions), the secrets (passwords, PINs, security codes, full card
//! numbers), and the function words that change what a request means (gap
//! words, negations and what masks them, conditionals, the words that may
//! come before an imperative). The analysis layer finds requests
//! for secrets with it, and screens a reply's body for its secrets.

use super::Language;
use crate::text::phrases::PhraseSet;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// What a phrase of the lexicon is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Request,
    /// A bare verb ("send", "envoyez", "envie") that asks only where it
    /// opens its clause ("please send your password", not "we'll send
    /// your PIN by post").
    Imperative,
    Question,
    Secret,
    /// A phrase that holds a secret's name but is none ("password reset
    /// link"): where it covers a secret, there is none.
    NotSecret,
    Gap,
    Negation,
    NotNegation,
    Conditional,
}

/// A phrase of the lexicon: its role, and the languages that list it
/// ("nunca" is a Spanish and a Portuguese negation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub role: Role,
    languages: u8,
}

impl Entry {
    /// Whether `language` lists the phrase.
    pub fn is_of(&self, language: Language) -> bool {
        self.languages & bit(language) != 0
    }
}

fn bit(language: Language) -> u8 {
    1 << language as u8
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawLists {
    request: Vec<String>,
    #[serde(default)]
    imperative: Vec<String>,
    #[serde(default)]
    lead: Vec<String>,
    #[serde(default)]
    question: Vec<String>,
    secret: Vec<String>,
    #[serde(default)]
    not_secret: Vec<String>,
    gap: Vec<String>,
    negation: Vec<String>,
    not_negation: Vec<String>,
    conditional: Vec<String>,
}

/// The lexicon as written, by language code.
static RAW: LazyLock<BTreeMap<String, RawLists>> =
    LazyLock::new(|| crate::lang::builtin::load("credential-request", |source| source.read()));

/// What [`SECRETS`] reads of a language's table; the other keys are
/// skipped unread.
#[derive(Deserialize)]
struct RawSecrets {
    secret: Vec<String>,
}

/// The secrets alone: a reply that names none (most) asks for none, and
/// this small set, built first and read apart from the rest of the
/// lexicon, says so faster than the whole lexicon.
pub static SECRETS: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    let raw: BTreeMap<String, RawSecrets> =
        crate::lang::builtin::load("credential-request", |source| source.read());
    let secrets = raw
        .into_values()
        .flat_map(|lists| lists.secret.into_iter().map(|p| (p, ())));
    PhraseSet::new(secrets).expect("credential-request phrases compile")
});

/// The words that may come before an imperative at the start of its
/// clause ("please", "bitte", "per favore"), of every language, longest
/// first.
pub static LEADS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut leads: Vec<&str> = RAW
        .values()
        .flat_map(|lists| lists.lead.iter().map(String::as_str))
        .collect();
    leads.sort_by_key(|l| std::cmp::Reverse(l.len()));
    leads.dedup();
    leads
});

/// The groups of [`PHRASES`].
const CONTENT: usize = 0;
const GAPS: usize = 1;
const NEGATIONS: usize = 2;
const CONDITIONALS: usize = 3;

/// Content phrases (requests, imperatives, questions, secrets and what
/// only looks like one), gap words, negations (with the not-negations that
/// mask them) and conditionals are matched separately, so that one never
/// hides another where they overlap ("what is your" and "when"; "if" is a
/// gap word and a conditional).
/// They are the groups of one phrase set, found in one scan.
pub static PHRASES: LazyLock<PhraseSet<Entry>> = LazyLock::new(|| {
    let groups = grouped().unwrap_or_else(|e| panic!("rules/lexicon/credential-request.toml: {e}"));
    PhraseSet::grouped(groups).expect("credential-request phrases compile")
});

/// The phrases of [`PHRASES`], by group. A phrase several languages list
/// is one entry of all of them (otherwise the first language's entry
/// would hide the others'); it must have one role in its group.
fn grouped() -> Result<[Vec<(String, Entry)>; 4], String> {
    let mut groups: [BTreeMap<String, (String, Entry)>; 4] = Default::default();
    for (code, lists) in RAW.iter() {
        let language: Language = code
            .parse()
            .expect("credential-request lexicon tables are language codes");
        for (role, list) in [
            (Role::Request, &lists.request),
            (Role::Imperative, &lists.imperative),
            (Role::Question, &lists.question),
            (Role::Secret, &lists.secret),
            (Role::NotSecret, &lists.not_secret),
            (Role::Gap, &lists.gap),
            (Role::Negation, &lists.negation),
            (Role::NotNegation, &lists.not_negation),
            (Role::Conditional, &lists.conditional),
        ] {
            let out = match role {
                Role::Request
                | Role::Imperative
                | Role::Question
                | Role::Secret
                | Role::NotSecret => &mut groups[CONTENT],
                Role::Gap => &mut groups[GAPS],
                Role::Negation | Role::NotNegation => &mut groups[NEGATIONS],
                Role::Conditional => &mut groups[CONDITIONALS],
            };
            for phrase in list {
                let (_, entry) = out
                    .entry(crate::text::fold_str(phrase))
                    .or_insert((phrase.clone(), Entry { role, languages: 0 }));
                if entry.role != role {
                    return Err(format!(
                        "`{phrase}` is a {role:?} in [{code}] and a {:?} in another language",
                        entry.role
                    ));
                }
                entry.languages |= bit(language);
            }
        }
    }
    Ok(groups.map(|group| group.into_values().collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_secrets_read_apart_are_the_lexicon_s() {
        let read_apart: Vec<&str> = SECRETS.phrases().collect();
        let listed: Vec<&str> = RAW
            .values()
            .flat_map(|lists| lists.secret.iter().map(String::as_str))
            .collect();
        assert_eq!(read_apart, listed);
        assert!(listed.len() > 20, "{}", listed.len());
    }

    #[test]
    fn each_phrase_has_one_role_and_all_its_languages() {
        let groups = grouped().expect("one role per phrase");
        let nunca = groups[NEGATIONS]
            .iter()
            .find(|(p, _)| p == "nunca")
            .map(|(_, e)| *e)
            .expect("nunca");
        assert!(nunca.is_of(Language::Es) && nunca.is_of(Language::Pt));
        assert!(!nunca.is_of(Language::It));
        assert!(!PHRASES.is_empty());
    }
}
