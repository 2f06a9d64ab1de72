//! `credential-request`: a reply asking the customer for a password, a
//! PIN, a card's security code or its full number.

use super::screen::Screened;
use super::{Context, Rule, Sink};
use crate::lang::Language;
use crate::text::phrases::{Folded, PhraseMatch, PhraseSet};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

crate::declare_rule! {
    /// ## What it does
    /// Reports a reply that asks the customer for a secret: a password, a
    /// PIN, a card's security code, the full card number or login
    /// credentials.
    ///
    /// Requests are recognised in Italian, English, Spanish, French,
    /// German and Portuguese ("send us your password", "inviaci la
    /// password", "envíanos tu contraseña", "communiquez-nous votre mot de
    /// passe", "teilen Sie uns Ihre PIN mit", "envie-nos a sua senha").
    ///
    /// A request is a phrase that asks for something ("send us", "DM us",
    /// "tell us", "we need", "inviaci", "ci comunichi", "indícanos",
    /// "nous communiquer", "senden Sie uns", "informe-nos") followed in the
    /// same sentence, within eight words, by a secret; or a question
    /// ("what's your", "qual è la tua") followed within two words by one.
    /// What is not a request:
    /// - a warning: a sentence with a negation is advice, not a request
    ///   ("we will never ask for your password", "non ti chiederemo mai il
    ///   PIN", "please don't share your PIN with anyone", "no compartas tu
    ///   contraseña"). Phrases like "don't worry" or "non esitare" are not
    ///   negations, and a negation inside a conditional clause ("if you
    ///   can't log in, send us your password") negates nothing;
    /// - a secret in another clause or one the company gives: "let us know
    ///   whether your PIN works", "we'll send you a new password", "tell us
    ///   if you forgot your password";
    /// - the last digits of a card: only the *full* card number is a
    ///   secret ("full card number", "numero completo della carta").
    ///
    /// The phrases are data, per language, in
    /// `rules/lexicon/credential-request.toml`. Requests and secrets of
    /// every language are looked for in every reply (a canned Italian
    /// phrase in an English reply is still caught); negations and clause
    /// words are those of the reply's language (expected or detected) and
    /// English.
    ///
    /// ## Why is this bad?
    /// No real company asks for these in a message: it is the first thing
    /// phishing does, and customers are told so. A reply that asks for them
    /// teaches customers to hand them over, exposes the secret in chat
    /// logs, and breaks PCI DSS when card data is involved. Send the
    /// customer to a secure page, or identify them with data that is not a
    /// secret (the last four digits of a card, an order number).
    ///
    /// ## Example
    /// ```text
    /// To verify your account, please send us your password and PIN.
    /// ```
    /// Use instead:
    /// ```text
    /// To verify your account, please send us your order number and the
    /// last four digits of your card. We will never ask for your password.
    /// ```
    ///
    /// ## Options
    /// None. The phrase lists are data in
    /// `rules/lexicon/credential-request.toml`.
    pub struct CredentialRequest {
        id: "credential-request",
        severity: Error,
        fix: None,
    }
}

impl Rule for CredentialRequest {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        if !cx.body_has(Screened::Secrets) {
            return;
        }
        let body = cx.body();
        let language = cx.language.or_else(|| cx.detected().map(|d| d.language));
        for r in requests_in(body, cx.folded_body(), language) {
            let secret = &body[r.secret.clone()];
            sink.report(
                r.span,
                format!("asks the customer for a secret (`{secret}`)"),
            )
            .with_help(
                "never ask for passwords, PINs, security codes or full card numbers in a reply: \
                 point to a secure page, or ask for something that is not a secret (an order \
                 number, the card's last four digits)",
            );
        }
    }
}

/// What a phrase of the lexicon is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Request,
    Question,
    Secret,
    Gap,
    Negation,
    NotNegation,
    Conditional,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    role: Role,
    language: Language,
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
static RAW: LazyLock<BTreeMap<String, RawLists>> = LazyLock::new(|| {
    toml::from_str(include_str!(
        "../../../../rules/lexicon/credential-request.toml"
    ))
    .expect("built-in credential-request lexicon is valid")
});

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
static PHRASES: LazyLock<PhraseSet<Entry>> = LazyLock::new(|| {
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

/// Most words between a request and its secret.
const REQUEST_REACH: usize = 8;
/// Most words between a question and its secret.
const QUESTION_REACH: usize = 2;

/// One request for a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// From the request phrase to the end of the secret.
    pub span: Range<usize>,
    /// The secret asked for.
    pub secret: Range<usize>,
}

/// Byte ranges of the sentences of `text`: split after `.`, `!`, `?`,
/// `…` or `;` followed by white space, and at line breaks.
fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = i + c.len_utf8();
        let boundary = match c {
            '\n' => true,
            '.' | '!' | '?' | '…' | ';' => chars.peek().is_none_or(|&(_, n)| n.is_whitespace()),
            _ => false,
        };
        if boundary {
            out.push(start..end);
            start = end;
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

fn words(s: &str) -> usize {
    s.split(|c: char| c.is_whitespace() || c == '\'' || c == '’')
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Every request for a secret in `text`. `language` (the reply's, when
/// known) picks the function words; English ones always count.
pub fn find(text: &str, language: Option<Language>) -> Vec<Request> {
    find_in(text, &Folded::new(text), language)
}

/// [`find`] in a text folded already.
fn find_in(text: &str, folded: &Folded, language: Option<Language>) -> Vec<Request> {
    if SECRETS.find_in(folded).is_empty() {
        return Vec::new();
    }
    requests_in(text, folded, language)
}

/// [`find_in`] in a text known to name a secret.
fn requests_in(text: &str, folded: &Folded, language: Option<Language>) -> Vec<Request> {
    let mut groups = PHRASES.find_groups(folded).into_iter();
    let content = groups.next().unwrap_or_default();
    let keep = |e: &Entry| language.is_none_or(|l| e.language == l || e.language == Language::En);
    // Gaps, negations, conditionals.
    let mut function: Vec<PhraseMatch<'_, Entry>> =
        groups.flatten().filter(|m| keep(m.payload)).collect();
    function.sort_by_key(|m| m.span.start);
    let commas: Vec<usize> = text.match_indices(',').map(|(i, _)| i).collect();
    // The matches that start inside `sentence` (both lists are sorted by
    // start), found by binary search: linear time on long texts.
    fn within<'m, 'a>(
        matches: &'m [PhraseMatch<'a, Entry>],
        sentence: &Range<usize>,
    ) -> Vec<&'m PhraseMatch<'a, Entry>> {
        let lo = matches.partition_point(|m| m.span.start < sentence.start);
        let hi = matches.partition_point(|m| m.span.start < sentence.end);
        matches[lo..hi]
            .iter()
            .filter(|m| m.span.end <= sentence.end)
            .collect()
    }
    let mut out = Vec::new();
    for sentence in sentences(text) {
        let here = within(&content, &sentence);
        if !here.iter().any(|m| m.payload.role == Role::Secret) {
            continue;
        }
        let words_here = within(&function, &sentence);
        if negated(&commas, &sentence, &words_here) {
            continue;
        }
        for (i, ask) in here.iter().enumerate() {
            let reach = match ask.payload.role {
                Role::Request => REQUEST_REACH,
                Role::Question => QUESTION_REACH,
                _ => continue,
            };
            let Some(secret) = here[i + 1..]
                .iter()
                .take_while(|m| !matches!(m.payload.role, Role::Request | Role::Question))
                .find(|m| m.payload.role == Role::Secret)
            else {
                continue;
            };
            let gap = ask.span.end..secret.span.start;
            if words(&text[gap.clone()]) > reach
                || words_here.iter().any(|w| {
                    w.payload.role == Role::Gap
                        && gap.start <= w.span.start
                        && w.span.end <= gap.end
                })
                || map_pin(text, &secret.span)
            {
                continue;
            }
            out.push(Request {
                span: ask.span.start..secret.span.end,
                secret: secret.span.clone(),
            });
        }
    }
    out
}

/// A lower-case `pin` after "a" or "un": a pin on a map ("send us a pin
/// of your location"), not a PIN.
fn map_pin(text: &str, secret: &Range<usize>) -> bool {
    let word = &text[secret.clone()];
    if word != "pin" && word != "pins" {
        return false;
    }
    let before = text[..secret.start].trim_end();
    let last = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default()
        .to_lowercase();
    matches!(
        last.as_str(),
        "a" | "un" | "una" | "une" | "um" | "ein" | "location" | "map" | "drop"
    )
}

/// Whether a negation holds in `sentence`: a negation word that is not
/// part of a not-negation phrase ("don't worry") and not inside a
/// conditional clause (from "if" to the next comma).
fn negated(commas: &[usize], sentence: &Range<usize>, words: &[&PhraseMatch<'_, Entry>]) -> bool {
    let conditional: Vec<Range<usize>> = words
        .iter()
        .filter(|w| w.payload.role == Role::Conditional)
        .map(|w| {
            let next = commas.partition_point(|&c| c < w.span.end);
            let end = commas
                .get(next)
                .copied()
                .filter(|&c| c < sentence.end)
                .unwrap_or(sentence.end);
            w.span.start..end
        })
        .collect();
    words.iter().any(|w| {
        w.payload.role == Role::Negation
            && !conditional
                .iter()
                .any(|c| c.start <= w.span.start && w.span.end <= c.end)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asks(text: &str) -> Vec<&str> {
        find(text, None)
            .into_iter()
            .map(|r| &text[r.span])
            .collect()
    }

    #[test]
    fn requests_in_six_languages() {
        assert_eq!(
            asks("Please send us your password."),
            ["send us your password"]
        );
        assert_eq!(
            asks("Inviaci la password, grazie."),
            ["Inviaci la password"]
        );
        assert_eq!(
            asks("Envíanos tu contraseña por DM."),
            ["Envíanos tu contraseña"]
        );
        assert_eq!(
            asks("Pourriez-vous nous communiquer votre mot de passe ?"),
            ["nous communiquer votre mot de passe"]
        );
        assert_eq!(
            asks("Bitte teilen Sie uns Ihre PIN mit."),
            ["teilen Sie uns Ihre PIN"]
        );
        assert_eq!(asks("Envie-nos a sua senha."), ["Envie-nos a sua senha"]);
        assert_eq!(asks("What's your PIN?"), ["What's your PIN"]);
        assert_eq!(
            asks("Can you confirm the CVV on the back of the card?"),
            ["Can you confirm the CVV"]
        );
        assert_eq!(
            asks("DM us the full card number and expiry date."),
            ["DM us the full card number"]
        );
    }

    #[test]
    fn warnings_are_not_requests() {
        for text in [
            "We will never ask for your password.",
            "Non ti chiederemo mai il PIN.",
            "Please don't send us your password or PIN.",
            "Never share your PIN with anyone, not even with us.",
            "No compartas tu contraseña con nadie.",
            "Ne communiquez jamais votre mot de passe.",
            "Bitte teilen Sie uns niemals Ihr Passwort mit.",
            "Nunca partilhe a sua senha.",
        ] {
            assert!(asks(text).is_empty(), "{text}: {:?}", asks(text));
        }
    }

    #[test]
    fn not_negations_and_conditionals_do_not_excuse_a_request() {
        assert_eq!(
            asks("Don't worry, just send us your password."),
            ["send us your password"]
        );
        assert_eq!(
            asks("If you can't log in, send us your password."),
            ["send us your password"]
        );
        assert_eq!(
            asks("Se non riesci ad accedere, inviaci la password."),
            ["inviaci la password"]
        );
    }

    #[test]
    fn other_things_near_a_secret() {
        for text in [
            "Let us know whether your PIN works now.",
            "We'll send you a new password by e-mail.",
            "Tell us if you forgot your password.",
            "Send us the last four digits of your card number.",
            "Send us a screenshot of the error you see when you enter your password in the app.",
            "Send us a pin of your location.",
            "What's the problem with your password?",
            "You can reset your password here: https://brand.com/reset",
        ] {
            assert!(asks(text).is_empty(), "{text}: {:?}", asks(text));
        }
    }

    #[test]
    fn sentences_split_at_terminators_and_lines() {
        let text = "One. Two? Three\nFour 3.5 five";
        let got: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["One.", " Two?", " Three\n", "Four 3.5 five"]);
    }
}
