//! `whitespace`: trailing spaces, double spaces, runs of blank lines.

use super::{Context, Rule, Sink};
use crate::channel::Renders;
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity, Span};
use std::cell::OnceCell;
use unicode_segmentation::UnicodeSegmentation;

crate::declare_rule! {
    /// ## What it does
    /// Reports the whitespace a customer sees or pays for: more than one
    /// blank line in a row, two or more spaces between words on a channel
    /// that shows spaces as typed (every channel but HTML e-mail: chat
    /// bubbles, SMS, X, WhatsApp, and `generic`, whose medium is unknown,
    /// unless the reply is written in Markdown: a link `[text](…)`, `**`,
    /// code), and, in a reply over its channel's length limit
    /// (SMS parts, characters), every trailing or doubled space, since each
    /// one costs. Each has a safe fix: delete the trailing whitespace, keep
    /// one space, keep one blank line.
    ///
    /// Whitespace nobody sees is reported at the level of the top-level
    /// `invisible-whitespace` option, `off` by default: a space at the end
    /// of a line, two spaces after a full stop (a typing habit), and double
    /// spaces in HTML e-mail, which collapses them.
    ///
    /// What counts:
    /// - *Trailing whitespace*: spaces, tabs, no-break spaces or any other
    ///   Unicode white space before the end of a line or of the reply. A
    ///   line of only white space is a blank line: on its own it is
    ///   trailing whitespace, inside a run of blank lines the run's fix
    ///   removes it. Markdown's two-space hard line break is trailing
    ///   whitespace too: end the line with `\` instead.
    /// - *Double spaces*: two or more space characters between two words on
    ///   one line. Spaces are U+0020, the no-break space U+00A0 and the
    ///   narrow no-break space U+202F, in any mix (`a␣⍽b` looks like a
    ///   double space). The fix keeps one space, and keeps it no-break when
    ///   the run had one, so French `merci ⍽!` becomes `merci⍽!`. A single
    ///   no-break space between words is fine. Indentation at the start of
    ///   a line is not a double space, and tabs are left alone: a tab
    ///   between words is deliberate alignment. After `.`, `!`, `?` or `…`
    ///   two spaces are a typing convention, and after an emoji
    ///   (`🤔  All operators are busy`) deliberate spacing, not a gap.
    /// - *Blank lines*: two or more empty (or white-space-only) lines in a
    ///   row, anywhere in the reply, at its start and end included (the
    ///   line break that ends a file is not a blank line). One blank line
    ///   between paragraphs is fine. The fix keeps one blank line.
    ///
    /// ## Why is this bad?
    /// A gap in the middle of a sentence shows in a text message or a tweet;
    /// holes of blank lines show everywhere; and on a channel that counts
    /// characters or bills by the part, stray spaces cost money or push the
    /// reply over the limit.
    ///
    /// ## Example
    /// On `sms`:
    /// ```text
    /// Your order  has shipped.
    ///
    ///
    /// Track it in the app.
    /// ```
    /// Use instead:
    /// ```text
    /// Your order has shipped.
    ///
    /// Track it in the app.
    /// ```
    ///
    /// ## Options
    /// - `invisible-whitespace` (top level): the level of whitespace nobody
    ///   sees, `off` (default), `info`, `warning` or `error`.
    /// - `renders` (channel setting): `html` collapses runs of spaces;
    ///   `plain`, `markdown`, `whatsapp` and `any` show them as typed.
    pub struct Whitespace {
        id: "whitespace",
        severity: Warning,
        fix: Always,
    }
}

/// Whether `body` is written in Markdown: it has a link (`[text](…)`),
/// bold (`**`), a code fence or inline code.
fn written_in_markdown(body: &str) -> bool {
    body.contains("](") || body.contains("**") || body.contains("```") || {
        let ticks = body.matches('`').count();
        ticks >= 2 && ticks.is_multiple_of(2)
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

/// How a reply's whitespace is reported: whether its channel shows runs of
/// spaces, whether every character costs, and the level of what nobody
/// sees. The first two are worked out on first need: most replies have no
/// stray whitespace at all.
struct Seen<'c, 'a> {
    cx: &'c Context<'a>,
    spaces: OnceCell<bool>,
    costly: OnceCell<bool>,
    /// The level of whitespace nobody sees (`None`: not reported).
    invisible: Option<Severity>,
}

impl Seen<'_, '_> {
    /// Whether the channel shows runs of spaces as typed. HTML collapses
    /// them; chat bubbles, texts and tweets show them. On an unknown
    /// medium, a reply written in Markdown is rendered as Markdown (a
    /// forum, an issue tracker), which collapses them too.
    fn spaces(&self) -> bool {
        *self.spaces.get_or_init(|| match self.cx.channel.renders {
            Renders::Html => false,
            Renders::Any => !written_in_markdown(self.cx.body()),
            _ => true,
        })
    }

    /// Whether the reply is over a length limit: then every space costs.
    fn costly(&self) -> bool {
        *self.costly.get_or_init(|| self.cx.over_limit())
    }

    /// Report `span` at the rule's severity when `visible` (or costly),
    /// else at the `invisible-whitespace` level, if any.
    fn report<'s>(
        &self,
        sink: &'s mut Sink,
        visible: bool,
        span: Span,
        message: String,
    ) -> Option<&'s mut Diagnostic> {
        if visible || self.costly() {
            Some(sink.report(span, message))
        } else {
            let severity = self.invisible?;
            Some(sink.report_with_severity(span, message, severity))
        }
    }
}

impl Rule for Whitespace {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        let seen = Seen {
            cx,
            spaces: OnceCell::new(),
            costly: OnceCell::new(),
            invisible: cx.settings.invisible_whitespace.severity(),
        };
        let seen = &seen;
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
                blank_lines(&run, seen, sink);
            }
            double_spaces(&line, seen, sink);
            trailing(&line, seen, sink);
        }
        if let Some(run) = run {
            blank_lines(&run, seen, sink);
        }
    }
}

/// Blank lines in a row: one is trailing whitespace if anything, more
/// are a run of blank lines.
fn blank_lines(run: &BlankRun<'_>, seen: &Seen, sink: &mut Sink) {
    if run.lines > 1 {
        blank_run(run, sink);
    } else {
        trailing(&run.first, seen, sink);
    }
}

/// Whitespace at the end of `line`.
fn trailing(line: &Line<'_>, seen: &Seen, sink: &mut Sink) {
    let kept = line.text.trim_end_matches(is_blank).len();
    if kept == line.text.len() {
        return;
    }
    let span = Span::new(line.start + kept, line.end());
    if let Some(d) = seen.report(sink, false, span, "trailing whitespace".to_owned()) {
        d.with_help("remove it")
            .with_fix(Fix::safe(vec![Edit::delete(span)]));
    }
}

/// Runs of two or more spaces between words of a (non-blank) `line`.
fn double_spaces(line: &Line<'_>, seen: &Seen, sink: &mut Sink) {
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
        let after_sentence = text[..start]
            .chars()
            .next_back()
            .is_some_and(|p| matches!(p, '.' | '!' | '?' | '…'))
            || text[..start]
                .graphemes(true)
                .next_back()
                .is_some_and(crate::analysis::tokens::is_emoji);
        let visible = !after_sentence && seen.spaces();
        if let Some(d) = seen.report(sink, visible, span, format!("{count} spaces between words")) {
            d.with_help(help)
                .with_fix(Fix::safe(vec![Edit::replace(span, keep.to_string())]));
        }
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
    use crate::reply::Reply;
    use crate::rules::Context;

    /// Every whitespace problem, seen or not, on `generic`.
    fn check(body: &str) -> Vec<crate::diagnostic::Diagnostic> {
        check_on(body, crate::channel::GENERIC, crate::diagnostic::Level::Warning)
    }

    fn check_on(
        body: &str,
        channel: &str,
        invisible: crate::diagnostic::Level,
    ) -> Vec<crate::diagnostic::Diagnostic> {
        let mut settings =
            Settings::from_text(None, &CliOverrides::default(), std::path::Path::new("."))
                .expect("built-in settings");
        settings.rule_settings.invisible_whitespace = invisible;
        let reply = Reply::of_text(body);
        let cx = Context {
            reply: &reply,
            channel: &settings.channels[channel],
            language: None,
            mode: Mode::Draft,
            partial: false,
            spelling_variants: &[],
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

    /// By default only what a customer sees or pays for is reported.
    #[test]
    fn invisible_whitespace_is_off_by_default() {
        use crate::diagnostic::Level::Off;
        let text = "Thanks.  Your order  has shipped. \n\n\nBye";
        let messages = |channel| -> Vec<String> {
            check_on(text, channel, Off)
                .iter()
                .map(|d| d.message.clone())
                .collect()
        };
        assert_eq!(
            messages("twitter"),
            ["2 spaces between words", "2 blank lines in a row"]
        );
        assert_eq!(messages("email"), ["2 blank lines in a row"]);
        let long = format!("{}  x ", "a".repeat(158));
        assert_eq!(
            check_on(&long, "sms", Off).len(),
            2,
            "over the SMS part limit every space costs"
        );
        let info = check_on(text, "email", crate::diagnostic::Level::Info);
        assert_eq!(info.len(), 4, "{info:?}");
        assert_eq!(info[0].severity, Severity::Info);
    }

    /// Two spaces after a sentence or an emoji are spacing; after a
    /// letter with a combining accent they are a gap like any other.
    #[test]
    fn spacing_after_a_sentence_or_an_emoji_is_not_a_gap() {
        use crate::diagnostic::Level::Off;
        let gaps = |text: &str| check_on(text, "twitter", Off).len();
        assert_eq!(gaps("Done.  Next"), 0);
        assert_eq!(gaps("🤔  All operators are busy"), 0);
        assert_eq!(gaps("👍🏽  ok"), 0);
        assert_eq!(gaps("e\u{301}  ok"), 1);
        assert_eq!(gaps("ritardo:  il pacco"), 1);
    }

    /// On an unknown medium, Markdown collapses runs of spaces.
    #[test]
    fn markdown_on_an_unknown_medium_collapses_double_spaces() {
        use crate::diagnostic::Level::Off;
        let generic = |text: &str| check_on(text, crate::channel::GENERIC, Off).len();
        assert_eq!(generic("Please open a  new issue."), 1);
        assert_eq!(generic("Please open a  new [issue](https://x.org)."), 0);
        assert_eq!(generic("Run `git  log` **now**."), 0);
        assert_eq!(
            check_on("See  the [guide](https://x.org).", "sms", Off).len(),
            1,
            "an SMS shows the Markdown as typed, spaces included"
        );
    }

    #[test]
    fn every_run_of_double_spaces_on_a_line_is_found() {
        let d = check("a  b  c");
        let spans: Vec<_> = d.iter().map(|d| (d.span.start, d.span.end)).collect();
        assert_eq!(spans, vec![(1, 3), (4, 6)]);
    }
}
