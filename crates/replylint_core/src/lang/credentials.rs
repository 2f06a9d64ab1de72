//! The credential-request lexicon, read from
//! `rules/lexicon/credential-request.toml` (embedded in the binary): per
//! language, the phrases that ask for something (requests, questions), the
//! secrets (passwords, PINs, security codes, full card numbers), and the
//! function words that change what a request means (gap words, negations
//! and what masks them, conditionals). The analysis layer finds requests
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
    Question,
    Secret,
    Gap,
    Negation,
    NotNegation,
    Conditional,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub role: Role,
    pub language: Language,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawLists {
    request: Vec<String>,
    #[serde(default)]
    question: Vec<String>,
    secret: Vec<String>,
    gap: Vec<String>,
    negation: Vec<String>,
    not_negation: Vec<String>,
    conditional: Vec<String>,
}

/// The lexicon as written, by language code.
static RAW: LazyLock<BTreeMap<String, RawLists>> =
    LazyLock::new(|| crate::lang::builtin::load("credential-request", toml::from_str));

/// The secrets alone: a reply that names none (most) asks for none, and
/// this small set, built first, says so faster than the whole lexicon.
pub static SECRETS: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    let secrets = RAW
        .values()
        .flat_map(|lists| lists.secret.iter().map(|p| (p.clone(), ())));
    PhraseSet::new(secrets).expect("credential-request phrases compile")
});

/// The groups of [`PHRASES`].
const CONTENT: usize = 0;
const GAPS: usize = 1;
const NEGATIONS: usize = 2;
const CONDITIONALS: usize = 3;

/// Content phrases (requests, questions, secrets), gap words, negations
/// (with the not-negations that mask them) and conditionals are matched
/// separately, so that one never hides another where they overlap ("what
/// is your" and "when"; "if" is a gap word and a conditional).
/// They are the groups of one phrase set, found in one scan.
pub static PHRASES: LazyLock<PhraseSet<Entry>> = LazyLock::new(|| {
    let mut groups: [Vec<(String, Entry)>; 4] = Default::default();
    for (code, lists) in RAW.iter() {
        let language: Language = code
            .parse()
            .expect("credential-request lexicon tables are language codes");
        for (role, list) in [
            (Role::Request, &lists.request),
            (Role::Question, &lists.question),
            (Role::Secret, &lists.secret),
            (Role::Gap, &lists.gap),
            (Role::Negation, &lists.negation),
            (Role::NotNegation, &lists.not_negation),
            (Role::Conditional, &lists.conditional),
        ] {
            let out = match role {
                Role::Request | Role::Question | Role::Secret => &mut groups[CONTENT],
                Role::Gap => &mut groups[GAPS],
                Role::Negation | Role::NotNegation => &mut groups[NEGATIONS],
                Role::Conditional => &mut groups[CONDITIONALS],
            };
            out.extend(list.iter().map(|p| (p.clone(), Entry { role, language })));
        }
    }
    PhraseSet::grouped(groups).expect("credential-request phrases compile")
});
