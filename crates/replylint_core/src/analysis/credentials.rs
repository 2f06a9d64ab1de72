//! Requests for secrets: a request or question phrase ("send us",
//! "what's your"), or an imperative that opens its clause ("please send",
//! "DM"), followed, in the same sentence and within a few words, by a
//! secret ("password", "PIN", "CVV"), unless a negation ("never", "don't")
//! holds in the sentence or a gap word ("if", "whether") comes between. The phrases are the lexicon of [`crate::lang::credentials`];
//! the `credential-request` rule reports what this finds.

use super::tokens::{elided_word_count, trailing_alphanumerics};
use crate::analysis::sentences::clauses;
use crate::lang::Language;
use crate::lang::credentials::{Entry, LEADS, PHRASES, Role, SECRETS};
use crate::text::phrases::{Folded, PhraseMatch};
use crate::text::{is_name_char, starts_with_words};
use std::ops::Range;

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

/// The requests for secrets in `text`, known to name a secret (`folded`
/// is `text` folded for phrase matching).
pub fn requests_in(text: &str, folded: &Folded, language: Option<Language>) -> Vec<Request> {
    let mut groups = PHRASES.find_groups(folded).into_iter();
    let content = groups.next().unwrap_or_default();
    let keep = |e: &Entry| language.is_none_or(|l| e.is_of(l) || e.is_of(Language::En));
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
    for sentence in clauses(text) {
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
                Role::Imperative if is_imperative(text, &sentence, &ask.span) => REQUEST_REACH,
                Role::Question => QUESTION_REACH,
                _ => continue,
            };
            let Some(secret) = here[i + 1..]
                .iter()
                .take_while(|m| match m.payload.role {
                    Role::Request | Role::Question => false,
                    // A verb that is no imperative here ("in DM") asks
                    // nothing, and leaves the secret to the request before.
                    Role::Imperative => !is_imperative(text, &sentence, &m.span),
                    _ => true,
                })
                .find(|m| m.payload.role == Role::Secret)
            else {
                continue;
            };
            let gap = ask.span.end..secret.span.start;
            if elided_word_count(&text[gap.clone()]) > reach
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

/// Whether a verb at `span` is an imperative: it opens its clause, and is
/// not a label (`Text: your one-time password is …`).
fn is_imperative(text: &str, sentence: &Range<usize>, span: &Range<usize>) -> bool {
    !text[span.end..].starts_with(':') && opens_clause(text, sentence, span.start)
}

/// Whether an imperative at `at` opens its clause: between it and the
/// start of `sentence` (or the last `,` `:` `(` or dash before it) there
/// are only lead words ("please", "bitte", "per favore"), @mentions, white
/// space and punctuation. "Please send your password" asks; "we'll send
/// your PIN by post" does not.
fn opens_clause(text: &str, sentence: &Range<usize>, at: usize) -> bool {
    let before = &text[sentence.start..at];
    let from = before
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, ',' | ':' | '(' | '–' | '—'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let mut rest = &before[from..];
    loop {
        rest = rest.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '@');
        if rest.is_empty() {
            return true;
        }
        if let Some(handle) = rest.strip_prefix('@') {
            let len = handle
                .find(|c: char| !is_name_char(c))
                .unwrap_or(handle.len());
            rest = &handle[len..];
            continue;
        }
        match LEADS.iter().find_map(|lead| starts_with_words(rest, lead)) {
            Some(len) => rest = &rest[len..],
            None => return false,
        }
    }
}

/// A lower-case `pin` after "a" or "un": a pin on a map ("send us a pin
/// of your location"), not a PIN.
fn map_pin(text: &str, secret: &Range<usize>) -> bool {
    let word = &text[secret.clone()];
    if word != "pin" && word != "pins" {
        return false;
    }
    let before = text[..secret.start].trim_end();
    let last = trailing_alphanumerics(before).to_lowercase();
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
        asks_in(text, None)
    }

    fn asks_in(text: &str, language: Option<Language>) -> Vec<&str> {
        find(text, language)
            .into_iter()
            .map(|r| &text[r.span])
            .collect()
    }

    #[test]
    fn imperatives_that_open_their_clause() {
        for (text, want) in [
            ("Please send your password.", "send your password"),
            ("@joe DM your PIN and we'll check.", "DM your PIN"),
            (
                "Please reply together with your username and password.",
                "reply together with your username and password",
            ),
            ("Hi Jo, text your PIN to us.", "text your PIN"),
            (
                "Bitte senden Sie Ihr Passwort per DM.",
                "senden Sie Ihr Passwort",
            ),
            (
                "Envoyez votre mot de passe en privé.",
                "Envoyez votre mot de passe",
            ),
            ("Per favore invia la password.", "invia la password"),
        ] {
            assert_eq!(asks(text), [want], "{text}");
        }
    }

    #[test]
    fn forms_that_only_ask_are_requests_anywhere() {
        assert_eq!(
            asks("Per sbloccarlo risponda con nome utente e password."),
            ["risponda con nome utente e password"]
        );
        assert_eq!(asks("Envie sua senha por DM."), ["Envie sua senha"]);
        assert_eq!(
            asks("Merci d'envoyer votre code PIN."),
            ["Merci d'envoyer votre code PIN"]
        );
        // "DM" here is no imperative, and leaves the secret to "Scrivici".
        assert_eq!(
            asks("Scrivici in DM la password."),
            ["Scrivici in DM la password"]
        );
    }

    #[test]
    fn a_negation_counts_in_each_language_that_lists_it() {
        // "nunca" is Spanish and Portuguese.
        assert!(asks_in("Nunca partilhe a sua senha.", Some(Language::Pt)).is_empty());
        assert!(asks_in("Nunca compartas tu contraseña.", Some(Language::Es)).is_empty());
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
            "We'll send your new PIN by post.",
            "We will send your PIN by post within five days.",
            "Forward us the password reset e-mail you received.",
            "Il sistema invia la password via SMS.",
            "Text: your one-time password is 123456.",
            "Include a symbol in your password.",
            "Informe sua senha apenas no site oficial.",
        ] {
            assert!(asks(text).is_empty(), "{text}: {:?}", asks(text));
        }
    }
}
