//! `placeholder`: placeholders and fillers left in a reply.

use super::{Context, Rule, RuleMeta, Sink};
use crate::mode::Mode;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

crate::declare_rule! {
    /// ## What it does
    /// In `draft` mode, reports any placeholder or filler left in the text:
    /// helpdesk variables (`{{ticket.requester.first_name}}`, `{% if %}`,
    /// `{!Contact.FirstName}`, `[[name]]`, `{$name}`), fill-in markers
    /// (`[NAME]`, `<ORDER NUMBER>`, `%s`) and fillers (`XXX`, `TODO`, `TBD`,
    /// `FIXME`, `lorem ipsum`). In `template` mode variables and fill-in
    /// markers are expected and left alone, but fillers, empty variables
    /// (`{{ }}`) and unbalanced delimiters (a `{{` or `{%` never closed, a
    /// `}}` or `%}` never opened) are still reported.
    ///
    /// What counts, and what does not:
    /// - A fill-in marker is two or more capital letters (any script, with
    ///   digits, `_`, spaces, `.`, `-` or `/` between words) in square or
    ///   angle brackets: `[NAME]`, `[NÚMERO DE PEDIDO]`, `<ORDER_ID>`.
    ///   Not markers: a Markdown link text `[FAQ](https://…)` or
    ///   `[FAQ][1]`, footnotes `[1]`, a single letter `[A]`, lower-case or
    ///   mixed-case text `[sic]`, `<br>`, `<anna@example.com>`, `<3`, and
    ///   upper-case HTML tags such as `<BR>` or `<STRONG>` (the `markup`
    ///   rule's business).
    /// - `%s`, `%d` and `%1$s` are printf markers; `50%`, `50% di
    ///   sconto` and `20%di` (a percentage run into a word) are not.
    /// - `XXX` is three or more `X` (or `x`) standing alone, reported once
    ///   with the groups that follow it (`XXX XXX XXXX`): `XXL` and `XXXL`
    ///   are sizes, and a masked number that ends in digits
    ///   (`XXXX-XXXX-XXXX-1234`) is not a filler.
    /// - `TODO`, `TBD` and `FIXME` are matched in capitals as whole words:
    ///   `todo`, `Todo bien`, `TODOS` and `TBDX` are not fillers. `TODO`
    ///   next to another word in capitals is Spanish or Portuguese
    ///   shouting (`GRACIAS POR TODO`) and is left to the `shouting` rule.
    /// - `lorem ipsum` in any case.
    ///
    /// ## Why is this bad?
    /// A customer who reads "Hi {{ticket.requester.first_name}}" or "your
    /// order XXX" knows nobody read the reply before it was sent.
    ///
    /// ## Example
    /// ```text
    /// Hi {{ticket.requester.first_name}}, your refund for order [ORDER] is on its way.
    /// ```
    /// Use instead:
    /// ```text
    /// Hi Anna, your refund for order 48213 is on its way.
    /// ```
    /// or lint canned responses with `--mode template`.
    ///
    /// ## Options
    /// - `mode` (front matter, `--mode`, config): `draft` or `template`.
    pub struct Placeholder {
        id: "placeholder",
        severity: Error,
        fix: None,
    }
}

/// What a match is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Helpdesk variable syntax: fine in a template.
    Variable,
    /// A masked number (`XXXX-XXXX-1234`): never reported, and keeps its
    /// X's from being taken for a filler.
    Masked,
    /// Never fine.
    Filler,
    /// A marker for a human to fill in: fine in a template.
    Marker,
    /// An opening `{{` or `{%` that is never closed.
    Unclosed,
    /// A closing `}}` or `%}` that was never opened.
    Unopened,
}

/// Letters, digits and `_` of a marker word: capitals only.
const CAPS_WORD: &str = r"[\p{Lu}\p{N}_]+";

/// Patterns in priority order: a match overlapping an earlier one is
/// dropped.
static PATTERNS: LazyLock<Vec<(Kind, Regex)>> = LazyLock::new(|| {
    let bracketed = |open: &str, close: &str| {
        format!(r"{open}\p{{Lu}}{CAPS_WORD}?(?:[ ._/-]+{CAPS_WORD})*{close}")
    };
    [
        (Kind::Variable, r"\{\{[^{}\n]*\}\}".to_owned()),
        (Kind::Variable, r"\{%[^\n]*?%\}".to_owned()),
        (Kind::Variable, r"\{![^{}\n]*\}".to_owned()),
        (Kind::Variable, r"\[\[[^\[\]\n]*\]\]".to_owned()),
        (Kind::Variable, r"\{\$[^{}\n]*\}".to_owned()),
        (
            Kind::Masked,
            r"\b(?:X{2,}|x{2,})(?:[ .-]?(?:X{2,}|x{2,}))*[ .-]?\d{2,}\b".to_owned(),
        ),
        (
            Kind::Filler,
            r"\b(?:X{3,}|x{3,})(?:[ .-](?:X{2,}|x{2,}))*\b".to_owned(),
        ),
        (Kind::Filler, r"\b(?:TODO|TBD|FIXME)\b".to_owned()),
        (Kind::Filler, r"(?i:\blorem ipsum\b)".to_owned()),
        (Kind::Marker, bracketed(r"\[", r"\]")),
        (Kind::Marker, bracketed("<", ">")),
        (Kind::Marker, r"%(?:\d+\$)?[sd]\b".to_owned()),
        (Kind::Unclosed, r"\{\{|\{%".to_owned()),
        (Kind::Unopened, r"\}\}|%\}".to_owned()),
    ]
    .into_iter()
    .map(|(k, p)| (k, Regex::new(&p).expect("valid placeholder regex")))
    .collect()
});

/// Upper-case HTML element names: `<BR>` is markup, not a marker.
const HTML_TAGS: &[&str] = &[
    "A",
    "ABBR",
    "B",
    "BIG",
    "BLOCKQUOTE",
    "BODY",
    "BR",
    "CENTER",
    "CODE",
    "DD",
    "DIV",
    "DL",
    "DT",
    "EM",
    "FONT",
    "H1",
    "H2",
    "H3",
    "H4",
    "H5",
    "H6",
    "HEAD",
    "HR",
    "HTML",
    "I",
    "IMG",
    "LI",
    "OL",
    "P",
    "PRE",
    "S",
    "SMALL",
    "SPAN",
    "STRIKE",
    "STRONG",
    "SUB",
    "SUP",
    "TABLE",
    "TBODY",
    "TD",
    "TH",
    "THEAD",
    "TR",
    "TT",
    "U",
    "UL",
];

/// Filler words, which do not make a neighbouring `TODO` a shouted word.
const FILLERS: &[&str] = &["TODO", "TBD", "FIXME"];

/// Whether the match at `range` is not what its pattern looks for.
fn is_false_positive(kind: Kind, body: &str, range: &Range<usize>) -> bool {
    let text = &body[range.clone()];
    match kind {
        Kind::Marker if text.starts_with('[') => {
            // Markdown link text: `[FAQ](…)`, `[FAQ][1]`.
            body[range.end..].starts_with(['(', '['])
                || text.chars().filter(|c| c.is_uppercase()).count() < 2
        }
        Kind::Marker if text.starts_with('<') => {
            let inner = &text[1..text.len() - 1];
            HTML_TAGS.contains(&inner) || text.chars().filter(|c| c.is_uppercase()).count() < 2
        }
        // `50%d`: a percentage run into a word, not a printf marker.
        Kind::Marker if text.starts_with('%') => body[..range.start]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit()),
        Kind::Filler if text == "TODO" => {
            is_shouted(word_before(body, range.start)) || is_shouted(word_after(body, range.end))
        }
        _ => false,
    }
}

/// The word just before `at` on the same line, separated by spaces only.
fn word_before(body: &str, at: usize) -> &str {
    let head = body[..at].trim_end_matches([' ', '\u{a0}']);
    if head.len() == at {
        return "";
    }
    let start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric())
        .last()
        .map_or(head.len(), |(i, _)| i);
    &head[start..]
}

/// The word just after `at` on the same line, separated by spaces only.
fn word_after(body: &str, at: usize) -> &str {
    let tail = body[at..].trim_start_matches([' ', '\u{a0}']);
    if tail.len() == body.len() - at {
        return "";
    }
    let end = tail
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(tail.len(), |(i, _)| i);
    &tail[..end]
}

/// A word of two or more letters, all capitals, that is not a filler.
fn is_shouted(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word.chars().all(|c| !c.is_lowercase())
        && !FILLERS.contains(&word)
}

/// Whether a variable has nothing between its delimiters (`{{ }}`).
fn is_empty_variable(text: &str) -> bool {
    let inner = match text.get(..2) {
        Some("{!" | "{$") => text.get(2..text.len() - 1),
        _ => text.get(2..text.len().saturating_sub(2)),
    };
    inner.unwrap_or_default().trim().is_empty()
}

impl Rule for Placeholder {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        let body = cx.body();
        let template = cx.mode == Mode::Template;
        let mut taken: Vec<Range<usize>> = Vec::new();
        // Lines with an unclosed opener: a closer there is the same mistake.
        let mut unclosed_lines: Vec<usize> = Vec::new();
        let line_of = |at: usize| body[..at].matches('\n').count();
        for (kind, re) in PATTERNS.iter() {
            for m in re.find_iter(body) {
                let range = m.range();
                if taken
                    .iter()
                    .any(|t| t.start < range.end && range.start < t.end)
                    || is_false_positive(*kind, body, &range)
                {
                    continue;
                }
                taken.push(range.clone());
                let text = &body[range.clone()];
                let (message, help) = match kind {
                    Kind::Masked => continue,
                    Kind::Variable if template && is_empty_variable(text) => (
                        format!("empty placeholder `{text}`"),
                        "name the variable, or remove the placeholder",
                    ),
                    Kind::Variable | Kind::Marker if template => continue,
                    Kind::Variable => (
                        format!("placeholder `{text}` left in a draft"),
                        "replace it with the real value, or check canned responses with `--mode template`",
                    ),
                    Kind::Marker => (
                        format!("fill-in marker `{text}` left in a draft"),
                        "replace it with the real value before sending",
                    ),
                    Kind::Filler => (
                        format!("filler `{text}` left in the reply"),
                        "write the missing text",
                    ),
                    Kind::Unclosed => {
                        unclosed_lines.push(line_of(range.start));
                        (
                            format!("`{text}` opens a placeholder that is never closed"),
                            "close it (`}}` or `%}`) or remove it",
                        )
                    }
                    Kind::Unopened if unclosed_lines.contains(&line_of(range.start)) => continue,
                    Kind::Unopened => (
                        format!("`{text}` closes a placeholder that was never opened"),
                        "open it (`{{` or `{%`) or remove it",
                    ),
                };
                sink.report(range, message).with_help(help);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_variables() {
        for empty in ["{{}}", "{{ }}", "{%  %}", "{!}", "{$ }", "[[]]"] {
            assert!(is_empty_variable(empty), "{empty}");
        }
        for full in [
            "{{1}}",
            "{% if x %}",
            "{!Contact.FirstName}",
            "{$name}",
            "[[name]]",
        ] {
            assert!(!is_empty_variable(full), "{full}");
        }
    }

    #[test]
    fn neighbouring_words() {
        let s = "POR TODO!";
        assert_eq!(word_before(s, 4), "POR");
        assert_eq!(word_after(s, 8), "");
        let s = "TODO: EL";
        assert_eq!(word_after(s, 4), "");
        let s = "x TODO EL";
        assert_eq!(word_after(s, 6), "EL");
        assert_eq!(word_before(s, 2), "x");
    }
}
