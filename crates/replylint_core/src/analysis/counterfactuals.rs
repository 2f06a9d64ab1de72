//! Counterfactual reproaches: an opener of the blame lexicon ("you should
//! have", "avresti dovuto", "Sie hätten") followed by what the customer
//! should have done ("downloaded", "scaricare", "… lesen sollen"), not by
//! an expectation ("you should have received an e-mail"). The lexicon is
//! [`crate::lang::blame`]; the `blame` rule reports what this finds.

use crate::lang::blame::Counterfactual;
use crate::text::{fold_str, starts_with_words};
use std::ops::Range;

/// Most words between a German opener and its closer ("Sie hätten | die
/// neueste Version herunterladen | sollen").
const CLOSER_REACH: usize = 12;

/// Most `between` words skipped before the verb.
const MOST_BETWEEN: usize = 4;

/// The reproach that the opener at `opener` of `text` starts, if it is
/// one: from the opener to the verb (or to the closer, in German).
/// `either`: the opener is also the first or third person, and counts only
/// where it opens a sentence or a clause.
pub fn reproach(
    text: &str,
    opener: Range<usize>,
    either: bool,
    cf: &Counterfactual,
) -> Option<Range<usize>> {
    if either && !opens_clause(text, opener.start) {
        return None;
    }
    if !cf.closers.is_empty() {
        return closed(text, opener, cf);
    }
    let mut at = opener.end;
    for _ in 0..=MOST_BETWEEN {
        let rest = &text[at..];
        let trimmed = rest.trim_start();
        at += rest.len() - trimmed.len();
        match cf
            .between
            .iter()
            .find_map(|b| starts_with_words(trimmed, b))
        {
            Some(len) => at += len,
            None => break,
        }
    }
    let word = leading_word(&text[at..]);
    if word.is_empty() || !cf.reproaches(&fold_str(word)) {
        return None;
    }
    Some(opener.start..at + word.len())
}

/// The German form: a closer ("sollen", "müssen") later in the sentence,
/// the verb just before it.
fn closed(text: &str, opener: Range<usize>, cf: &Counterfactual) -> Option<Range<usize>> {
    let rest = &text[opener.end..];
    let sentence = &rest[..rest
        .find(['.', '!', '?', ';', ':', '\n'])
        .unwrap_or(rest.len())];
    let mut previous: Option<&str> = None;
    for (n, (at, word)) in words(sentence).enumerate() {
        if n > CLOSER_REACH {
            return None;
        }
        if cf.closes(&fold_str(word)) {
            let verb = previous?;
            return (!cf.expects(&fold_str(verb)))
                .then(|| opener.start..opener.end + at + word.len());
        }
        previous = Some(word);
    }
    None
}

/// The letters (and hyphens) that open `text`.
fn leading_word(text: &str) -> &str {
    let end = text
        .char_indices()
        .find(|&(_, c)| !(c.is_alphabetic() || c == '-'))
        .map_or(text.len(), |(i, _)| i);
    &text[..end]
}

/// The words of `text` (runs of letters and hyphens) with their offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = at + text[at..].find(char::is_alphabetic)?;
        let word = leading_word(&text[start..]);
        at = start + word.len();
        Some((start, word))
    })
}

/// Whether `at` opens a sentence or a clause: before it, past white space
/// and opening marks, the start of the text, a line break, or a `.` `!`
/// `?` `…` `:` `;` `,`.
fn opens_clause(text: &str, at: usize) -> bool {
    for c in text[..at].chars().rev() {
        match c {
            '\n' | '.' | '!' | '?' | '…' | ':' | ';' | ',' => return true,
            c if c.is_whitespace() => {}
            '"' | '“' | '„' | '«' | '(' | '-' | '–' | '—' | '*' | '•' | '¿' | '¡' => {}
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Language;
    use crate::lang::blame::{BUILTIN, Kind};

    /// The reproaches in `text`, in `language`.
    fn found(text: &str, language: Language) -> Vec<&str> {
        let cf = BUILTIN.counterfactual(language).unwrap();
        BUILTIN
            .phrases
            .find_iter(text)
            .into_iter()
            .filter(|m| m.payload.language == language)
            .filter_map(|m| match m.payload.kind {
                Kind::Counterfactual { either } => reproach(text, m.span, either, cf),
                _ => None,
            })
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn reproaches_in_six_languages() {
        for (language, text, want) in [
            (
                Language::En,
                "You should have downloaded the update.",
                "You should have downloaded",
            ),
            (
                Language::En,
                "you should’ve simply added it",
                "you should’ve simply added",
            ),
            (
                Language::It,
                "Avrebbe dovuto già scaricarla.",
                "Avrebbe dovuto già scaricarla",
            ),
            (
                Language::Es,
                "Deberías habernos avisado.",
                "Deberías habernos avisado",
            ),
            (
                Language::Fr,
                "Vous auriez dû l’installer.",
                "Vous auriez dû l’installer",
            ),
            (
                Language::De,
                "Sie hätten die Anleitung vorher lesen sollen.",
                "Sie hätten die Anleitung vorher lesen sollen",
            ),
            (
                Language::Pt,
                "Devia ter baixado a versão nova.",
                "Devia ter baixado",
            ),
        ] {
            assert_eq!(found(text, language), [want], "{text}");
        }
    }

    #[test]
    fn expectations_possessions_and_third_persons_are_not() {
        for (language, text) in [
            (Language::En, "You should have received an e-mail."),
            (Language::En, "You should have already got a code."),
            (Language::En, "You should have access now."),
            (Language::En, "You should have been sent a code."),
            (Language::It, "Il corriere avrebbe dovuto consegnare ieri."),
            (Language::It, "Avresti dovuto riceverla ieri."),
            (Language::Es, "Debería haber un botón en el menú."),
            (Language::Es, "Deberías haber recibido un correo."),
            (Language::Fr, "Vous auriez dû recevoir un e-mail."),
            (
                Language::Fr,
                "Sans cela, vous auriez du mal à vous connecter.",
            ),
            (Language::De, "Sie hätten eine E-Mail erhalten sollen."),
            (Language::De, "Sie hätten die Möglichkeit, es zu ändern."),
            (Language::Pt, "O pacote deveria ter chegado ontem."),
            (Language::Pt, "Você deveria ter recebido um SMS."),
        ] {
            assert_eq!(found(text, language), Vec::<&str>::new(), "{text}");
        }
    }

    #[test]
    fn either_forms_open_a_clause() {
        assert!(opens_clause("Ok. Avrebbe", 4));
        assert!(opens_clause("Purtroppo, avrebbe", 11));
        assert!(opens_clause("«Avrebbe", "«".len()));
        assert!(!opens_clause("Il pacco avrebbe", 9));
    }
}
