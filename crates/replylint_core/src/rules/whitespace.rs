//! `whitespace`: trailing spaces, double spaces, runs of blank lines.

use super::{Context, Rule, Sink};
use crate::diagnostic::{Edit, Fix, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports spaces or tabs at the end of a line, two or more spaces
    /// between words, and more than one blank line in a row. Each has a safe fix:
    /// delete the trailing whitespace, keep one space, keep one blank line.
    ///
    /// What counts:
    /// - *Trailing whitespace*: spaces, tabs, no-break spaces or any other
    ///   Unicode white space before the end of a line or of the reply. A
    ///   line of only white space is a blank line: on its own it is
    ///   reported as trailing whitespace, inside a run of blank lines the
    ///   run's fix removes it. Markdown's two-space hard line break is
    ///   trailing whitespace too: end the line with `\` instead.
    /// - *Double spaces*: two or more space characters between two words on
    ///   one line. Spaces are U+0020, the no-break space U+00A0 and the
    ///   narrow no-break space U+202F, in any mix (`a␣⍽b` looks like a
    ///   double space). The fix keeps one space, and keeps it no-break when
    ///   the run had one, so French `merci ⍽!` becomes `merci⍽!`. A single
    ///   no-break space between words is fine. Indentation at the start of
    ///   a line is not a double space, and tabs are left alone: a tab
    ///   between words is deliberate alignment.
    /// - *Blank lines*: two or more empty (or white-space-only) lines in a
    ///   row, anywhere in the reply, at its start and end included (the
    ///   line break that ends a file is not a blank line). One blank line
    ///   between paragraphs is fine. The fix keeps one blank line.
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

/// A no-break space, kept by the double-space fix.
fn is_no_break(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{202f}')
}

/// White space inside a line.
fn is_blank(c: char) -> bool {
    c != '\n' && c.is_whitespace()
}

/// The length in bytes of the character that reads as a space between
/// words (U+0020, U+00A0, U+202F) that `bytes` starts with, 0 if none.
/// Each starts with a byte that never continues a character in UTF-8, so a
/// line is scanned byte by byte without decoding it.
fn space_len(bytes: &[u8]) -> usize {
    match bytes {
        [b' ', ..] => 1,
        // U+00A0
        [0xc2, 0xa0, ..] => 2,
        // U+202F
        [0xe2, 0x80, 0xaf, ..] => 3,
        _ => 0,
    }
}

/// One line of the body: where it starts and its text without the `\n`.
#[derive(Clone, Copy)]
struct Line<'a> {
    start: usize,
    text: &'a str,
}

impl Line<'_> {
    fn is_blank(&self) -> bool {
        self.text.chars().all(is_blank)
    }

    fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

/// The lines of `body`, each without its `\n`. Readers leave the line
/// break that ends a file out of the body, so a body ending with `\n` ends
/// with an empty line.
fn lines(body: &str) -> impl Iterator<Item = Line<'_>> {
    let mut start = 0;
    body.split('\n').map(move |text| {
        let line = Line { start, text };
        start += text.len() + 1;
        line
    })
}

/// Blank lines in a row: the first, the last and how many.
struct BlankRun<'a> {
    first: Line<'a>,
    last: Line<'a>,
    lines: usize,
}

impl Rule for Whitespace {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        // The blank lines just before the current line.
        let mut run: Option<BlankRun<'_>> = None;
        for line in lines(cx.body()) {
            if line.is_blank() {
                match &mut run {
                    Some(run) => {
                        run.last = line;
                        run.lines += 1;
                    }
                    None => {
                        run = Some(BlankRun {
                            first: line,
                            last: line,
                            lines: 1,
                        });
                    }
                }
                continue;
            }
            if let Some(run) = run.take() {
                blank_lines(&run, sink);
            }
            double_spaces(&line, sink);
            trailing(&line, sink);
        }
        if let Some(run) = run {
            blank_lines(&run, sink);
        }
    }
}

/// Blank lines in a row: one is trailing whitespace if anything, more
/// are a run of blank lines.
fn blank_lines(run: &BlankRun<'_>, sink: &mut Sink) {
    if run.lines > 1 {
        blank_run(run, sink);
    } else {
        trailing(&run.first, sink);
    }
}

/// Whitespace at the end of `line`.
fn trailing(line: &Line<'_>, sink: &mut Sink) {
    let kept = line.text.trim_end_matches(is_blank).len();
    if kept == line.text.len() {
        return;
    }
    let span = Span::new(line.start + kept, line.end());
    sink.report(span, "trailing whitespace")
        .with_help("remove it")
        .with_fix(Fix::safe(vec![Edit::delete(span)]));
}

/// Runs of two or more spaces between words of a (non-blank) `line`.
fn double_spaces(line: &Line<'_>, sink: &mut Sink) {
    let text = line.text;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let len = space_len(&bytes[i..]);
        if len == 0 {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + len;
        let mut count = 1;
        loop {
            let len = space_len(&bytes[end..]);
            if len == 0 {
                break;
            }
            end += len;
            count += 1;
        }
        i = end;
        if count < 2 {
            continue;
        }
        let between_words = text[..start]
            .chars()
            .next_back()
            .is_some_and(|p| !is_blank(p))
            && text[end..].chars().next().is_some_and(|n| !is_blank(n));
        if !between_words {
            continue;
        }
        let run = &text[start..end];
        let keep = run.chars().find(|&c| is_no_break(c)).unwrap_or(' ');
        let span = Span::new(line.start + start, line.start + end);
        let help = if is_no_break(keep) {
            "keep one (no-break) space"
        } else {
            "keep one space"
        };
        sink.report(span, format!("{count} spaces between words"))
            .with_help(help)
            .with_fix(Fix::safe(vec![Edit::replace(span, keep.to_string())]));
    }
}

/// Two or more blank lines in a row: delete all but the last, and the
/// white space on it, so one empty line is left.
fn blank_run(run: &BlankRun<'_>, sink: &mut Sink) {
    let span = Span::new(run.first.start, run.last.end());
    sink.report(span, format!("{} blank lines in a row", run.lines))
        .with_help("keep one blank line between paragraphs")
        .with_fix(Fix::safe(vec![Edit::delete(span)]));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::config::settings::CliOverrides;
    use crate::mode::Mode;
    use crate::reply::{Reply, ReplyMeta, Source};
    use crate::rules::Context;
    use std::sync::Arc;

    fn check(body: &str) -> Vec<crate::diagnostic::Diagnostic> {
        let settings =
            Settings::from_text(None, &CliOverrides::default(), std::path::Path::new("."))
                .expect("built-in settings");
        let reply = Reply {
            body: body.to_owned(),
            meta: ReplyMeta::default(),
            offsets: crate::reply::OffsetMap::starting_at(0),
            source: Arc::new(Source {
                path: None,
                name: "t".into(),
                text: body.to_owned(),
            }),
        };
        let cx = Context {
            reply: &reply,
            channel: &settings.channels[crate::channel::GENERIC],
            language: None,
            mode: Mode::Draft,
            settings: &settings.rule_settings,
            templating: &settings,
            shared: &Default::default(),
        };
        let mut sink = Sink::new(Whitespace::META.id, Whitespace::META.default_severity);
        Whitespace.check(&cx, &mut sink);
        sink.diagnostics
    }

    /// Apply every fix, last edit first; edits must not overlap.
    fn fix_all(body: &str) -> String {
        let mut edits: Vec<Edit> = check(body)
            .into_iter()
            .flat_map(|d| d.fix.expect("every whitespace diagnostic has a fix").edits)
            .collect();
        edits.sort_by_key(|e| e.span);
        for pair in edits.windows(2) {
            assert!(
                pair[0].span.end <= pair[1].span.start,
                "overlapping edits {pair:?}"
            );
        }
        let mut out = body.to_owned();
        for e in edits.iter().rev() {
            out.replace_range(e.span.start..e.span.end, &e.content);
        }
        out
    }

    #[test]
    fn fixes_give_clean_text_that_lints_clean() {
        let cases = [
            (
                "Hi Anna,  \n\n\n\nthanks  for\u{a0} waiting.\t\nBye \u{202f}!",
                "Hi Anna,\n\nthanks for\u{a0}waiting.\nBye\u{202f}!",
            ),
            (
                "  Indented  twice \n\t\tTabbed\tword",
                "  Indented twice\n\t\tTabbed\tword",
            ),
            ("\n\n\nStart", "\nStart"),
            ("End\n\n  \n \n", "End\n"),
            ("End\n\n   ", "End\n"),
            ("\n\n", ""),
            ("a  b  c   d", "a b c d"),
            ("👍🏽  e\u{301}  中文  ok ", "👍🏽 e\u{301} 中文 ok"),
        ];
        for (dirty, clean) in cases {
            assert!(!check(dirty).is_empty(), "{dirty:?} should be reported");
            let fixed = fix_all(dirty);
            assert_eq!(fixed, clean, "fixing {dirty:?}");
            assert!(
                check(&fixed).is_empty(),
                "{fixed:?} is not clean: {:?}",
                check(&fixed)
            );
        }
    }

    #[test]
    fn clean_text_has_nothing_to_fix() {
        for clean in [
            "",
            "One line",
            "Para one.\n\nPara two.\n",
            "Ends with one empty line\n",
            "  - indented item\n  - another",
            "prix\u{a0}: 10\u{a0}€",
            "col1\tcol2",
        ] {
            assert!(check(clean).is_empty(), "{clean:?}: {:?}", check(clean));
        }
    }

    #[test]
    fn every_run_of_double_spaces_on_a_line_is_found() {
        let d = check("a  b  c");
        let spans: Vec<_> = d.iter().map(|d| (d.span.start, d.span.end)).collect();
        assert_eq!(spans, vec![(1, 3), (4, 6)]);
    }
}
