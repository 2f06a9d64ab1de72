//! `human`: rustc-style snippets for people, rendered by
//! `annotate-snippets`, and a summary line.
//!
//! ```text
//! error[max-length]: 301/280 weighted characters on `twitter`
//!  --> drafts/tweet.txt:1:281
//!   |
//! 1 | Hi Anna, …
//!   |          ^^^
//!   = help: shorten the reply by 21 weighted characters
//! ```

use super::{Emitter, FileReport, Finding, Summary};
use annotate_snippets::{Level, Renderer, Snippet};
use colored::Colorize;
use replylint_core::diagnostic::Severity;
use std::io::{self, Write};

pub struct Human {
    color: bool,
    renderer: Renderer,
}

impl Human {
    pub fn new(color: bool) -> Self {
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        Human { color, renderer }
    }
}

fn level(s: Severity) -> Level {
    match s {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Info => Level::Info,
    }
}

/// The lines a finding spans, without `\r`, and the span's byte range in
/// that excerpt (never empty, so a caret always shows). A span on blank
/// lines gets the neighbouring lines as context.
fn excerpt(report: &FileReport, f: &Finding) -> (String, usize, std::ops::Range<usize>) {
    let text = report.source.text.as_str();
    let index = &report.index;
    let blank = |line: usize| text[index.line_range(text, line)].trim().is_empty();
    // A span that ends by covering a line break ends on the line it breaks.
    let (end_line, end_offset) = if f.end.line > f.start.line && f.end.column == 1 {
        (f.end.line - 1, index.line_range(text, f.end.line - 1).end)
    } else {
        (f.end.line, f.end.offset)
    };
    let mut first = f.start.line;
    let mut last = end_line;
    if (first..=last).all(blank) {
        first = first.saturating_sub(1).max(1);
        last = (last + 1).min(index.len());
    }
    let mut out = String::new();
    let mut range = 0..0;
    for line in first..=last {
        let r = index.line_range(text, line);
        if line > first {
            out.push('\n');
        }
        let base = out.len();
        let at = |offset: usize| base + offset.clamp(r.start, r.end) - r.start;
        if line == f.start.line {
            range.start = at(f.start.offset);
        }
        if line == end_line {
            range.end = at(end_offset);
        }
        out.push_str(&text[r]);
    }
    if range.end <= range.start {
        // Empty span: point at the character there, or the line break.
        range.end = range.start + out[range.start..].chars().next().map_or(0, char::len_utf8);
    }
    (out, first, range)
}

/// One finding as it is shown: a title, the excerpt with the finding's
/// span underlined, and footers.
struct Shown<'a> {
    severity: Severity,
    rule: &'a str,
    message: &'a str,
    origin: &'a str,
    /// The lines of the file the span is on, and the number of the first.
    source: &'a str,
    first_line: usize,
    /// The span, in `source`.
    range: std::ops::Range<usize>,
    /// `("note" | "help", text)`.
    footers: Vec<(&'static str, &'a str)>,
}

impl Shown<'_> {
    /// Rendered by `annotate-snippets`.
    fn render(&self, renderer: &Renderer) -> String {
        let lvl = level(self.severity);
        let mut message = lvl.title(self.message).id(self.rule).snippet(
            Snippet::source(self.source)
                .line_start(self.first_line)
                .origin(self.origin)
                .annotation(lvl.span(self.range.clone())),
        );
        for &(kind, text) in &self.footers {
            let footer = if kind == "help" {
                Level::Help
            } else {
                Level::Note
            };
            message = message.footer(footer.title(text));
        }
        renderer.render(message).to_string()
    }
}

impl Emitter for Human {
    fn render(&self, report: &FileReport) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        for f in &report.findings {
            let d = &f.diagnostic;
            let (source, first_line, range) = excerpt(report, f);
            let reply = f.reply_label();
            let mut footers = Vec::new();
            if let Some(reply) = &reply {
                footers.push(("note", reply.as_str()));
            }
            if let Some(help) = &d.help {
                footers.push(("help", help.as_str()));
            }
            if let Some((applicability, _)) = &f.fix {
                footers.push((
                    "note",
                    match applicability {
                        replylint_core::diagnostic::Applicability::Safe => {
                            "a safe fix is available"
                        }
                        replylint_core::diagnostic::Applicability::Unsafe => {
                            "an unsafe fix is available"
                        }
                    },
                ));
            }
            let shown = Shown {
                severity: d.severity,
                rule: d.rule,
                message: &d.message,
                origin: &report.source.name,
                source: &source,
                first_line,
                range,
                footers,
            };
            let simple = if self.color {
                None
            } else {
                render_simple(&shown)
            };
            let rendered = simple.unwrap_or_else(|| shown.render(&self.renderer));
            writeln!(&mut out, "{rendered}\n")?;
        }
        Ok(out)
    }

    fn finish(&mut self, out: &mut dyn Write, s: &Summary) -> io::Result<()> {
        let replies = plural(s.replies, "reply", "replies");
        let files = plural(s.files, "file", "files");
        let line = if s.diagnostics() == 0 && s.input_errors > 0 {
            format!("No problems found in {replies} ({files} checked).")
        } else if s.diagnostics() == 0 {
            let msg = format!("All clear: {replies} in {files} checked.");
            if self.color {
                msg.green().bold().to_string()
            } else {
                msg
            }
        } else {
            let mut parts = Vec::new();
            for (n, one, many) in [
                (s.errors, "error", "errors"),
                (s.warnings, "warning", "warnings"),
                (s.infos, "info", "infos"),
            ] {
                if n > 0 {
                    parts.push(plural(n, one, many));
                }
            }
            let msg = format!("Found {} in {replies} ({files} checked).", parts.join(", "));
            if self.color {
                msg.bold().to_string()
            } else {
                msg
            }
        };
        writeln!(out, "{line}")?;
        if s.replies_without_channel > 0 {
            writeln!(
                out,
                "{} had no channel and {} checked as `generic`: set one with --channel, front matter or the config.",
                plural(s.replies_without_channel, "reply", "replies"),
                if s.replies_without_channel == 1 {
                    "was"
                } else {
                    "were"
                }
            )?;
        }
        if s.skipped > 0 {
            writeln!(
                out,
                "{} skipped, not checked; `--verbose` lists them with the reason.",
                plural(s.skipped, "file", "files")
            )?;
        }
        if s.input_errors > 0 {
            let errors = plural(s.input_errors, "error", "errors");
            if s.blocking_errors >= s.input_errors {
                writeln!(
                    out,
                    "{errors} kept part of the input from being checked (see above)."
                )?;
            } else if s.blocking_errors == 0 {
                writeln!(
                    out,
                    "{errors} in the input (see above); every reply was still checked."
                )?;
            } else {
                writeln!(
                    out,
                    "{errors} in the input (see above); {} kept part of it from being checked.",
                    s.blocking_errors
                )?;
            }
        }
        Ok(())
    }
}

/// The plain rendering of a finding whose excerpt is one line of
/// characters one column wide each (no tab, control character, wide or
/// zero-width character), exactly as `annotate-snippets` renders it, with
/// the same trimming of long lines, at a small part of the cost: a library
/// run prints a snippet for nearly every reply. `None` for anything else,
/// which `annotate-snippets` renders itself. A test compares the two on
/// generated findings.
fn render_simple(shown: &Shown<'_>) -> Option<String> {
    // `annotate-snippets`' terminal width, and the room it leaves around
    // a span when it trims a long line.
    const TERM_WIDTH: usize = 140;
    const PADDING: usize = 6;
    let &Shown {
        severity,
        rule,
        message,
        origin,
        source: line,
        first_line: line_number,
        ..
    } = shown;
    let range = shown.range.clone();
    let footers = &shown.footers;
    let one_line = |s: &str| !s.contains(['\n', '\r']);
    if !one_line(message)
        || !one_line(origin)
        || !one_line(rule)
        || footers.iter().any(|(_, f)| !one_line(f) || f.is_empty())
        || range.start > range.end
        || !line.is_char_boundary(range.start)
        || !line.is_char_boundary(range.end)
        || !(all_one_column(line) || line.chars().all(one_or_two_columns))
    {
        return None;
    }
    // `annotate-snippets` places the span by display columns (an emoji or
    // a CJK ideograph takes two), but draws the code line into a grid of
    // one character a cell: where a line has two-column characters, its
    // cut marks land by columns among cells.
    let columns = |text: &str| -> usize { text.chars().map(columns_of).sum() };
    let start_char = line[..range.start].chars().count();
    let start_col = columns(&line[..range.start]);
    let mut end_col = start_col + columns(&line[range.clone()]);
    if end_col == start_col {
        end_col += 1;
    }
    // The margin: which columns of the line are shown.
    let whitespace_left = match line.find(|c: char| !c.is_whitespace()) {
        Some(at) => line[..at].chars().count(),
        None => usize::MAX,
    }
    .saturating_sub(PADDING);
    // The span has no label: its right edge is the label's too, for
    // which `annotate-snippets` keeps a branch of its own that this case
    // never reaches.
    let span_left = start_col.saturating_sub(PADDING);
    let span_right = end_col + PADDING;
    let term_width = TERM_WIDTH.saturating_sub(3 + (line_number + 1).to_string().len());
    let line_len = line.len();
    let mut computed_left = if whitespace_left > 20 {
        whitespace_left - 16
    } else {
        0
    };
    let mut computed_right = line_len.max(computed_left);
    if computed_right - computed_left > term_width {
        // Wrapping as `annotate-snippets` does in release builds (a span in
        // the leading white space of a long line).
        if span_right.wrapping_sub(whitespace_left) <= term_width {
            computed_left = whitespace_left;
            computed_right = computed_left + term_width;
        } else if span_right - span_left <= term_width {
            let padding_left = (term_width - (span_right - span_left)) / 2;
            computed_left = span_left.saturating_sub(padding_left);
            computed_right = computed_left + term_width;
        } else {
            computed_left = span_left;
            computed_right = span_right;
        }
    }
    let left = computed_left.min(line_len);
    let right = if line_len.saturating_sub(computed_left) <= term_width {
        line_len
    } else {
        line_len.min(computed_right)
    };
    let room = right.checked_sub(left)?;
    // The characters shown, from the `left`-th, as many as fit in `room`
    // columns: how many, and their columns.
    let (taken_chars, taken) = line
        .chars()
        .skip(left)
        .map(columns_of)
        .scan(0, |sum, w| {
            *sum += w;
            (*sum <= room).then_some(*sum)
        })
        .enumerate()
        .last()
        .map_or((0, 0), |(i, sum)| (i + 1, sum));
    let cut_left = computed_left > 0;
    let cut_right = {
        let right = if computed_right == span_right {
            computed_right.checked_sub(PADDING)?
        } else {
            computed_right
        };
        right < line_len && computed_left + term_width < line_len
    };
    if (cut_left || cut_right) && taken < 3 {
        return None;
    }
    let left_width: usize = line.chars().take(left).map(columns_of).sum();

    let width = line_number.to_string().len();
    let code_offset = width + 3;
    let (name, mark) = match severity {
        Severity::Error => ("error", '^'),
        Severity::Warning => ("warning", '-'),
        Severity::Info => ("info", '-'),
    };
    let bar = |out: &mut String| {
        out.extend(std::iter::repeat_n(' ', width + 1));
        out.push('|');
    };
    let mut out = String::with_capacity(2 * TERM_WIDTH + 64 * footers.len() + message.len());
    // error[rule]: message
    out.push_str(name);
    out.push('[');
    out.push_str(rule);
    out.push(']');
    if !message.is_empty() {
        out.push_str(": ");
        out.push_str(message);
    }
    //  --> origin:line:column
    out.push('\n');
    out.extend(std::iter::repeat_n(' ', width));
    out.push_str("--> ");
    out.push_str(origin);
    out.push_str(&format!(":{line_number}:{}", start_char + 1));
    //   |
    out.push('\n');
    bar(&mut out);
    // n | code, "..." over its first or last three characters when cut
    out.push('\n');
    out.push_str(&format!("{line_number:>width$} |"));
    // The bytes where the `n`th character of `text` starts.
    let at = |text: &str, n: usize| {
        if text.is_ascii() {
            n.min(text.len())
        } else {
            text.char_indices().nth(n).map_or(text.len(), |(i, _)| i)
        }
    };
    let code = &line[at(line, left)..at(line, left + taken_chars)];
    if !code.is_empty() {
        out.push(' ');
        if !cut_left && !cut_right {
            out.push_str(code);
        } else {
            // "..." over the first three cells, and over the three cells
            // before the `taken`-th (a column count).
            let mut cells: Vec<char> = code.chars().collect();
            let mut dots = |from: usize| {
                if cells.len() < from + 3 {
                    cells.resize(from + 3, ' ');
                }
                cells[from..from + 3].fill('.');
            };
            if cut_left {
                dots(0);
            }
            if cut_right {
                dots(taken - 3);
            }
            out.extend(cells);
        }
    }
    //   |    ^^^
    out.push('\n');
    let mut marks = vec![b' '; width + 1];
    marks.push(b'|');
    let mark = mark as u8;
    for p in start_col..end_col {
        let col = (code_offset + p).saturating_sub(left_width);
        if col >= marks.len() {
            marks.resize(col + 1, b' ');
        }
        marks[col] = mark;
    }
    out.push_str(std::str::from_utf8(&marks).expect("ASCII"));
    //   |
    out.push('\n');
    bar(&mut out);
    //   = note: text
    for (name, text) in footers {
        out.push('\n');
        out.extend(std::iter::repeat_n(' ', width + 1));
        out.push_str("= ");
        out.push_str(name);
        out.push_str(": ");
        out.push_str(text);
    }
    Some(out)
}

/// Whether every character of `text` is [`one_column`]; ASCII text by
/// bytes.
fn all_one_column(text: &str) -> bool {
    if text.is_ascii() {
        text.bytes().all(|b| matches!(b, b' '..=b'~'))
    } else {
        text.chars().all(one_column)
    }
}

/// Whether `c` takes one column, the same for `annotate-snippets` as for
/// the terminal: not a tab, control, wide or zero-width character, nor one
/// of the characters it leaves out of the lines it shows.
fn one_column(c: char) -> bool {
    use unicode_width::UnicodeWidthChar;
    if c.is_ascii() {
        return matches!(c, ' '..='~');
    }
    c.width() == Some(1)
        && !matches!(c, '\u{200D}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `c` takes one column or two (an emoji, a CJK ideograph), the
/// same for `annotate-snippets` as for the terminal.
fn one_or_two_columns(c: char) -> bool {
    use unicode_width::UnicodeWidthChar;
    one_column(c) || (!c.is_ascii() && c.width() == Some(2))
}

/// The columns `c` takes, as `annotate-snippets` counts them.
fn columns_of(c: char) -> usize {
    use unicode_width::UnicodeWidthChar;
    c.width().unwrap_or(1)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_width::UnicodeWidthChar;

    /// Lines of one-column characters (ASCII, accented letters, no-break
    /// spaces), long leading white space or not, and now and then a wide,
    /// zero-width or control character the simple renderer leaves alone.
    fn line() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            8 => "[a-zA-Z .,!?'\"-]{1,12}",
            2 => "[éüßçñ\u{a0}]{1,3}",
            1 => "[\t漢😀\u{301}\u{200d}\u{1}]",
            2 => "[漢字😀📦🙏👍🏽]{1,2}",
        ];
        (0usize..40, prop::collection::vec(piece, 0..40))
            .prop_map(|(indent, pieces)| " ".repeat(indent) + &pieces.concat())
    }

    fn shown() -> impl Strategy<Value = (String, usize, usize, usize, u8, u8)> {
        (
            line(),
            any::<usize>(),
            any::<usize>(),
            prop_oneof![1usize..12, 1usize..120, 1usize..12_000],
            0u8..3,
            0u8..8,
        )
    }

    #[test]
    fn lines_with_emoji_and_cjk_are_drawn_directly() {
        let short = "Grazie 😊 a presto, 漢字 👍🏽 ciao".to_owned();
        let long = format!(
            "{} 😊 {} 漢字 👍🏽 {}",
            "a".repeat(90),
            "b".repeat(60),
            "c".repeat(90)
        );
        for line in [short, long] {
            let at = |s: &str| line.find(s).unwrap();
            let spans = [
                (at("😊"), at("😊") + "😊".len()),
                (at("漢"), at(" 👍")),
                (at("👍"), at("👍") + "👍🏽".len()),
                (line.len(), line.len()),
                (0, line.len()),
            ];
            for (start, end) in spans {
                let shown = Shown {
                    severity: Severity::Warning,
                    rule: "emoji",
                    message: "an emoji",
                    origin: "a.txt",
                    source: &line,
                    first_line: 3,
                    range: start..end,
                    footers: vec![("help", "remove it")],
                };
                let expected = shown.render(&Renderer::plain());
                assert_eq!(
                    render_simple(&shown).as_deref(),
                    Some(&*expected),
                    "{start}..{end}"
                );
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        #[test]
        fn simple_rendering_is_what_annotate_snippets_renders(
            (line, a, b, first_line, severity, footers) in shown()
        ) {
            let bounds: Vec<usize> = (0..=line.len()).filter(|&i| line.is_char_boundary(i)).collect();
            let (a, b) = (bounds[a % bounds.len()], bounds[b % bounds.len()]);
            let severity = [Severity::Error, Severity::Warning, Severity::Info][usize::from(severity)];
            let all = [("note", "reply `r1` (Refund)"), ("help", "say it shorter"), ("note", "a safe fix is available")];
            let footers = all.iter().enumerate().filter(|(i, _)| footers & (1 << i) != 0).map(|(_, f)| *f).collect();
            let shown = Shown {
                severity,
                rule: "max-length",
                message: "301/280 weighted characters on `twitter`",
                origin: "library/replies.toml",
                source: &line,
                first_line,
                range: a.min(b)..a.max(b),
                footers,
            };
            // `annotate-snippets` overflows in debug builds on a span in the
            // leading white space of a long line: those are not compared.
            let leading = line.chars().take_while(|c| c.is_whitespace()).count();
            prop_assume!(line[..a.max(b)].chars().count() + 12 >= leading);
            let expected = std::panic::catch_unwind(|| shown.render(&Renderer::plain()));
            prop_assume!(expected.is_ok());
            let expected = expected.unwrap();
            match render_simple(&shown) {
                Some(got) => prop_assert_eq!(got, expected),
                None => prop_assert!(
                    line.chars().any(|c| c.width() != Some(1)) || line.trim().is_empty(),
                    "a line of one-column characters left to annotate-snippets: {:?}",
                    line
                ),
            }
        }
    }
}
