//! `whitespace`: trailing spaces, double spaces, runs of blank lines.

use super::{Context, Rule, RuleMeta, Sink};
use crate::diagnostic::{Edit, Fix, Span};
use regex::Regex;
use std::sync::LazyLock;

crate::declare_rule! {
    /// ## What it does
    /// Reports spaces or tabs at the end of a line, two or more spaces
    /// between words, and more than one blank line in a row. Each has a safe
    /// fix: delete the trailing spaces, keep one space, keep one blank line.
    ///
    /// ## Why is this bad?
    /// Stray whitespace is invisible in the editor and visible to the
    /// customer: uneven gaps in a chat bubble, an SMS billed for spaces,
    /// a letter with holes in it.
    ///
    /// ## Example
    /// ```text
    /// Thanks for waiting.  Your order has shipped.␠␠
    /// ```
    /// Use instead:
    /// ```text
    /// Thanks for waiting. Your order has shipped.
    /// ```
    ///
    /// ## Options
    /// None.
    pub struct Whitespace {
        id: "whitespace",
        severity: Warning,
        fix: Always,
    }
}

static TRAILING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)[ \t]+$").expect("valid regex"));
static DOUBLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[^ \t\n] {2,}[^ \t\n]").expect("valid regex"));
static BLANK_RUN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\n(?:[ \t]*\n){2,}").expect("valid regex"));

impl Rule for Whitespace {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        let body = cx.body();
        let runs: Vec<_> = BLANK_RUN.find_iter(body).map(|m| m.range()).collect();
        for m in TRAILING.find_iter(body) {
            // A line of only spaces inside a blank-line run is the run's business.
            if runs.iter().any(|r| r.start < m.start() && m.end() < r.end) {
                continue;
            }
            let span = Span::from(m.range());
            sink.report(span, "trailing whitespace")
                .with_help("remove it")
                .with_fix(Fix::safe(vec![Edit::delete(span)]));
        }
        for m in DOUBLE.find_iter(body) {
            let first = body[m.start()..].chars().next().map_or(1, char::len_utf8);
            let last = body[..m.end()]
                .chars()
                .next_back()
                .map_or(1, char::len_utf8);
            let span = Span::new(m.start() + first, m.end() - last);
            sink.report(span, format!("{} spaces between words", span.len()))
                .with_help("keep one space")
                .with_fix(Fix::safe(vec![Edit::replace(span, " ")]));
        }
        for run in runs {
            // Keep "\n\n" (one blank line); the rest goes.
            let extra = Span::new(run.start + 1, run.end - 1);
            let blank = body[run].matches('\n').count() - 1;
            sink.report(extra, format!("{blank} blank lines in a row"))
                .with_help("keep one blank line between paragraphs")
                .with_fix(Fix::safe(vec![Edit::replace(extra, "")]));
        }
    }
}
