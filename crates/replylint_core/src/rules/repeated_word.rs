//! `repeated-word`: the same word twice in a row (`the the`, `il il`).

use super::{Context, Rule, Sink};
use crate::diagnostic::{Edit, Fix, Span};
use crate::lang::Language;
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
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
pub fn parse(text: &str) -> Result<HashSet<String>, String> {
    let raw: BTreeMap<String, RawList> = toml::from_str(text).map_err(|e| e.to_string())?;
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
    parse(include_str!(
        "../../../../rules/lexicon/repeated-words.toml"
    ))
    .expect("built-in repeated-word list is valid")
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

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// The character of `text` at byte `i` and its length (`i` is on a
/// character boundary); ASCII without decoding.
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let &b = text.as_bytes().get(i)?;
    if b.is_ascii() {
        return Some((char::from(b), 1));
    }
    let c = text[i..].chars().next()?;
    Some((c, c.len_utf8()))
}

/// Words of `text`: runs of word characters joined by an inner apostrophe
/// or hyphen (`it's`, `e-mail`).
fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// The iterator of [`words`]: one word at a time, no list kept.
struct Words<'a> {
    text: &'a str,
    /// Where to look for the next word.
    at: usize,
}

impl Iterator for Words<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let text = self.text;
        let mut i = self.at;
        let start = loop {
            let (c, len) = char_at(text, i)?;
            if is_word_char(c) {
                break i;
            }
            i += len;
        };
        let mut end = start;
        while let Some((c, len)) = char_at(text, end) {
            let joins = || {
                matches!(c, '\'' | '\u{2019}' | '-')
                    && char_at(text, end + len).is_some_and(|(n, _)| is_word_char(n))
            };
            if !is_word_char(c) && !joins() {
                break;
            }
            end += len;
        }
        self.at = end;
        Some(start..end)
    }
}

/// Whether two words in a row of `text` are the same word.
fn repeats(text: &str) -> bool {
    let mut words = words(text).map(|r| &text[r]);
    let Some(mut previous) = words.next() else {
        return false;
    };
    words.any(|word| same_word(std::mem::replace(&mut previous, word), word))
}

impl Rule for RepeatedWord {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        let body = cx.body();
        // Most replies repeat no word: only then blank out links,
        // placeholders and codes.
        if !repeats(body) {
            return;
        }
        let prose = cx.prose();
        let mut words = words(prose);
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

    #[test]
    fn words_join_apostrophes_and_hyphens() {
        let text = "it's e-mail 'x' -y";
        let got: Vec<&str> = words(text).map(|r| &text[r]).collect();
        assert_eq!(got, ["it's", "e-mail", "x", "y"]);
    }
}
