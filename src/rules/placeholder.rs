//! `placeholder`: placeholders and fillers left in a reply.

use super::{Context, Rule, RuleMeta, Sink};
use crate::mode::Mode;
use regex::Regex;
use std::sync::LazyLock;

crate::declare_rule! {
    /// ## What it does
    /// In `draft` mode, reports any placeholder or filler left in the text:
    /// helpdesk variables (`{{ticket.requester.first_name}}`, `{% if %}`,
    /// `{!Contact.FirstName}`, `[[name]]`, `{$name}`), fill-in markers
    /// (`[NAME]`, `<ORDER NUMBER>`, `%s`) and fillers (`XXX`, `TODO`, `TBD`,
    /// `FIXME`, `lorem ipsum`). In `template` mode placeholders are expected
    /// and left alone, but fillers and unbalanced braces are still reported.
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
    /// A marker for a human to fill in: fine in a template.
    Marker,
    /// Never fine.
    Filler,
    /// An opening `{{` or `{%` that is never closed.
    Unbalanced,
}

static PATTERNS: LazyLock<Vec<(Kind, Regex)>> = LazyLock::new(|| {
    [
        (Kind::Variable, r"\{\{[^{}\n]*\}\}"),
        (Kind::Variable, r"\{%[^\n]*?%\}"),
        (Kind::Variable, r"\{![^{}\n]*\}"),
        (Kind::Variable, r"\[\[[^\[\]\n]*\]\]"),
        (Kind::Variable, r"\{\$[^{}\n]*\}"),
        // [NAME], [ORDER NUMBER]: not a Markdown link text "[FAQ](…)".
        (
            Kind::Marker,
            r"\[[A-Z][A-Z0-9_]*(?:[ ._-][A-Z0-9_]+)*\](?:[^(]|$)",
        ),
        (Kind::Marker, r"<[A-Z][A-Z0-9_]*(?:[ ._-][A-Z0-9_]+)*>"),
        (Kind::Marker, r"%(?:\d+\$)?[sd]\b"),
        (
            Kind::Filler,
            r"\bX{3,}\b|\b(?:TODO|TBD|FIXME)\b|(?i:\blorem ipsum\b)",
        ),
        (Kind::Unbalanced, r"\{\{|\{%"),
    ]
    .into_iter()
    .map(|(k, p)| (k, Regex::new(p).expect("valid placeholder regex")))
    .collect()
});

impl Rule for Placeholder {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        let body = cx.body();
        let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
        for (kind, re) in PATTERNS.iter() {
            for m in re.find_iter(body) {
                let mut range = m.range();
                if *kind == Kind::Marker && body[range.clone()].starts_with('[') {
                    // The pattern looks one character past "]" to rule out links.
                    range.end = body[..range.end].rfind(']').map_or(range.end, |i| i + 1);
                }
                if taken
                    .iter()
                    .any(|t| t.start < range.end && range.start < t.end)
                {
                    continue;
                }
                taken.push(range.clone());
                let text = &body[range.clone()];
                let template = cx.mode == Mode::Template;
                let (message, help) = match kind {
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
                    Kind::Unbalanced => (
                        format!("`{text}` opens a placeholder that is never closed"),
                        "close it (`}}` or `%}`) or remove it",
                    ),
                };
                sink.report(range, message).with_help(help);
            }
        }
    }
}
