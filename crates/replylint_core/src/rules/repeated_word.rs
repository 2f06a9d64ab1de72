//! `repeated-word`: the same word twice in a row (`the the`, `il il`). The
//! words are the word tokens of the reply, split at hyphens outside ASCII
//! ([`crate::analysis::tokens`]).

use super::{Context, Rule, Sink};
use crate::analysis::tokens::{Joiners, words};
use crate::diagnostic::{Edit, Fix, Span};
use crate::lang::Language;
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use std::sync::LazyLock;

crate::declare_rule! {
    /// ## What it does
    /// Reports a word written twice in a row with only spaces between the
    /// two copies, on one line, whatever their case (`the the`, `Il il`).
    /// The safe fix deletes the second copy and the space before it.
    ///
    /// Doublings that are right are left alone:
    /// - words the list in `rules/lexicon/repeated-words.toml` accepts
    ///   twice: grammar (French `nous nous excusons`, `vous vous êtes`,
    ///   German `die die`, English `that that`, `had had`), reduplication
    ///   (`ciao ciao`, `piano piano`, `bye bye`, `very very`), answers and
    ///   interjections (`no no`, `sì sì`, `ha ha`);
    /// - a second copy that starts with a capital (`Bora Bora`, `Duran
    ///   Duran`), since a typo repeats the word as it was;
    /// - numbers (`10 10`) and codes, placeholders, URLs, @handles;
    /// - copies separated by punctuation (`no, no`) or a line break.
    ///
    /// ## Why is this bad?
    /// A doubled word is the typo spell checkers miss, and the customer
    /// notices it at once.
    ///
    /// ## Example
    /// ```text
    /// We have sent the the replacement today.
    /// ```
    /// Use instead:
    /// ```text
    /// We have sent the replacement today.
    /// ```
    ///
    /// ## Options
    /// None.
    pub struct RepeatedWord {
        id: "repeated-word",
        severity: Warning,
        fix: Always,
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawList {
    #[serde(default)]
    allow: Vec<String>,
}

/// Parse the list of words accepted twice: tables `any` and one per
/// language code, each with an `allow` list. Words are folded.
pub fn parse<'a>(text: impl Into<crate::lang::builtin::Source<'a>>) -> Result<HashSet<String>, String> {
    let raw: BTreeMap<String, RawList> = text.into().read()?;
    let mut out = HashSet::new();
    for (key, list) in raw {
        if key != "any" {
            key.parse::<Language>()?;
        }
        out.extend(list.allow.iter().map(|w| fold(w.trim())));
    }
    Ok(out)
}

/// The words shipped in `rules/lexicon/repeated-words.toml`.
pub static ALLOWED: LazyLock<HashSet<String>> = LazyLock::new(|| {
    crate::lang::builtin::load("repeated-words", parse)
});

fn fold(word: &str) -> String {
    crate::text::fold_str(word)
}

/// `a` and `b` are the same word, whatever their case (no allocation).
fn same_word(a: &str, b: &str) -> bool {
    // Most pairs differ at once: an ASCII first letter folds to itself
    // lower-cased, whatever follows.
    if let (Some(&x), Some(&y)) = (a.as_bytes().first(), b.as_bytes().first())
        && x.is_ascii()
        && y.is_ascii()
        && !x.eq_ignore_ascii_case(&y)
    {
        return false;
    }
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.chars()
        .flat_map(crate::text::fold_char)
        .eq(b.chars().flat_map(crate::text::fold_char))
}

/// Whether two words in a row of `text` are the same word.
fn repeats(text: &str) -> bool {
    let mut words = words(text, Joiners::Ascii).map(|r| &text[r]);
    let Some(mut previous) = words.next() else {
        return false;
    };
    words.any(|word| same_word(std::mem::replace(&mut previous, word), word))
}

impl Rule for RepeatedWord {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        let body = cx.body();
        // Most replies repeat no word: only then read the tokens, where
        // links, placeholders and codes are no words.
        if !repeats(body) {
            return;
        }
        // The words of the prose, joined by ASCII hyphens and apostrophes.
        let mut words = cx.words().flat_map(|t| t.ascii_joined(body));
        let Some(mut previous) = words.next() else {
            return;
        };
        for b in words {
            let a = std::mem::replace(&mut previous, b.clone());
            let gap = &body[a.end..b.start];
            if gap.is_empty() || !gap.chars().all(|c| c != '\n' && c.is_whitespace()) {
                continue;
            }
            let (first, second) = (&body[a.clone()], &body[b.clone()]);
            if second.chars().next().is_some_and(char::is_uppercase)
                || !second.chars().any(char::is_alphabetic)
            {
                continue;
            }
            if !same_word(first, second) || ALLOWED.contains(&fold(first)) {
                continue;
            }
            sink.report(Span::new(a.start, b.end), format!("`{second}` is repeated"))
                .with_help(format!("delete the second `{second}`"))
                .with_fix(Fix::safe(vec![Edit::delete(Span::new(a.end, b.end))]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_list_parses() {
        assert!(ALLOWED.contains("nous"));
        assert!(ALLOWED.contains("ciao"));
        assert!(!ALLOWED.contains("the"));
        assert!(parse("[xx]\nallow = []").is_err());
    }
}
