//! `human`: rustc-style snippets for people, and a summary line.
//!
//! ```text
//! error[max-length]: 301/280 weighted characters on `twitter`
//!  --> drafts/tweet.txt:1:281
//!   |
//! 1 | Hi Anna, …
//!   |          ^^^
//!   = help: shorten the reply by 21 weighted characters
//! ```
//!
//! A finding on one line is drawn here, the way `annotate-snippets` (and
//! rustc) draw one, at a cost bounded by what is shown: a line wider than
//! the terminal is cut to a window around the span, with `...` where it was
//! cut, and finding the window in a long line starts from the
//! [`LineFacts`] of that line, worked out once per file and line. Findings
//! over several lines are drawn by `annotate-snippets`.
//!
//! A library finding (about several replies) is drawn the same way, one
//! snippet per place: the first under `-->`, where it is reported, the
//! others under `:::` with `-` marks in the colour of the line numbers, as
//! rustc draws secondary spans in other files, each labelled with what the
//! reply says there (and, for the others, which reply it is):
//!
//! ```text
//! warning[inconsistent-fact]: refund window of 30 days here, 14 days in 2 other replies
//!  --> macros/refunds.toml:5:29
//!   |
//! 5 | Refunds are accepted within 30 days of delivery.
//!   |                             ------- states 30 days
//!   |
//!  ::: emails/resi.md:4:34
//!   |
//! 4 |     Grazie 😊! Può restituirlo entro 14 giorni — 漢字 é là.
//!   |                                      --------- states 14 days, in reply `resi`
//!   |
//!   = note: reply `refund-1` (Refund approved)
//!   = help: say the same number of days in every reply
//! ```
//!
//! A place whose span runs past the end of its line is drawn to the end of
//! the line.
//!
//! Control characters and bidirectional controls in a reply are shown as
//! [`super::escape`] shows them, tabs as four spaces, and the carets
//! under the span count those replacements, wide characters (two columns)
//! and combining marks (none).

use super::escape;
use super::{Emitter, FileReport, Finding, LibraryFinding, Place, Summary};
use annotate_snippets::renderer::{AnsiColor, Effects, Style};
use annotate_snippets::{Level, Renderer, Snippet};
use colored::Colorize;
use replylint_core::diagnostic::Severity;
use replylint_core::location::LineIndex;
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{self, Write};
use std::ops::Range;
use unicode_width::UnicodeWidthChar;

pub struct Human {
    color: bool,
    renderer: Renderer,
    styles: Styles,
}

impl Human {
    pub fn new(color: bool) -> Self {
        let (renderer, styles) = if color {
            (Renderer::styled(), Styles::styled())
        } else {
            (Renderer::plain(), Styles::plain())
        };
        Human {
            color,
            renderer,
            styles,
        }
    }
}

impl Human {
    /// A library finding: every place a snippet of its line, the first
    /// where it is reported, the others under `:::`, each with what the
    /// reply says there as the label of its span (and, for the others,
    /// which reply it is); the first place's reply and the help as
    /// footers. `None` for a finding without places.
    fn render_library<'a>(
        &self,
        f: &'a LibraryFinding,
        cache: &mut PlaceFacts<'a>,
    ) -> Option<String> {
        let first = f.places.first()?;
        let origins: Vec<Cow<'_, str>> = f
            .places
            .iter()
            .map(|p| escape::controls(&p.path, &[]))
            .collect();
        let labels: Vec<String> = f
            .places
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let mut label = p.note.clone();
                if let Some(reply) = p.reply_label().filter(|_| i > 0) {
                    if !label.is_empty() {
                        label.push_str(", ");
                    }
                    label.push_str("in ");
                    label.push_str(&reply);
                }
                one_line(&label)
            })
            .collect();
        let facts: Vec<usize> = f.places.iter().map(|p| cache.of(p)).collect();
        let spots: Vec<Spot<'_>> = f
            .places
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let line = p.line_text();
                let mut range = p.span_in_line();
                if range.is_empty() {
                    // Empty span: point at the character there.
                    range.end += line[range.start..].chars().next().map_or(0, char::len_utf8);
                }
                Spot {
                    origin: &origins[i],
                    line,
                    facts: &cache.facts[facts[i]],
                    number: p.start.line,
                    column: p.start.column,
                    range,
                    label: &labels[i],
                }
            })
            .collect();
        let mut footers = Vec::new();
        if let Some(reply) = first.reply_label() {
            footers.push(("note", Cow::Owned(text(&reply).into_owned())));
        }
        if let Some(help) = &f.help {
            footers.push(("help", text(help)));
        }
        let message = text(&f.message);
        let shown = Shown {
            severity: f.severity,
            rule: f.rule,
            message: &message,
            origin: &origins[0],
            footers,
        };
        Some(render_spots(&shown, &self.styles, &spots))
    }
}

/// The [`LineFacts`] of the lines places are on, worked out once per
/// file and line: places on a long line, each with a copy of it, do not
/// each read all of it again.
#[derive(Default)]
struct PlaceFacts<'a> {
    /// By file and line number: the lines met (one, unless places do not
    /// agree on it) with the index of their facts.
    index: HashMap<(&'a str, usize), Vec<(&'a str, usize)>>,
    facts: Vec<LineFacts>,
}

impl<'a> PlaceFacts<'a> {
    /// The index in `facts` of the facts of `p`'s line.
    fn of(&mut self, p: &'a Place) -> usize {
        let line = p.line_text();
        let met = self.index.entry((&p.path, p.start.line)).or_default();
        if let Some(&(_, i)) = met.iter().find(|(kept, _)| *kept == line) {
            return i;
        }
        self.facts.push(LineFacts::new(line));
        met.push((line, self.facts.len() - 1));
        self.facts.len() - 1
    }
}

/// Text shown on one line (a label): its line breaks and tabs are spaces,
/// and everything else a terminal would act on is shown escaped.
fn one_line(s: &str) -> String {
    let s = s.replace("\r\n", " ").replace(['\r', '\n', '\t'], " ");
    escape::controls(&s, &[]).into_owned()
}

fn level(s: Severity) -> Level {
    match s {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Info => Level::Info,
    }
}

/// The styles of [`Renderer::styled`] (or none at all), for the findings
/// drawn here.
#[derive(Debug, Clone, Copy)]
struct Styles {
    styled: bool,
    error: Style,
    warning: Style,
    info: Style,
    note: Style,
    help: Style,
    line_no: Style,
    emphasis: Style,
}

impl Styles {
    fn plain() -> Self {
        let none = Style::new();
        Styles {
            styled: false,
            error: none,
            warning: none,
            info: none,
            note: none,
            help: none,
            line_no: none,
            emphasis: none,
        }
    }

    fn styled() -> Self {
        let windows = cfg!(windows);
        let bright_blue = if windows {
            AnsiColor::BrightCyan
        } else {
            AnsiColor::BrightBlue
        };
        let bold = |c: AnsiColor| c.on_default().effects(Effects::BOLD);
        Styles {
            styled: true,
            error: bold(AnsiColor::BrightRed),
            warning: bold(if windows {
                AnsiColor::BrightYellow
            } else {
                AnsiColor::Yellow
            }),
            info: bold(bright_blue),
            note: bold(AnsiColor::BrightGreen),
            help: bold(AnsiColor::BrightCyan),
            line_no: bold(bright_blue),
            emphasis: if windows {
                bold(AnsiColor::BrightWhite)
            } else {
                Style::new().effects(Effects::BOLD)
            },
        }
    }

    fn level(&self, s: Severity) -> Style {
        match s {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
            Severity::Info => self.info,
        }
    }
}

/// Where a finding is in its file, as it is shown.
enum Excerpt {
    /// On line `number`, bytes `range` of the line (without its line
    /// break); an empty range is after the end of the line.
    Line { number: usize, range: Range<usize> },
    /// Over several lines: their text, without `\r`, the number of the
    /// first, and the span's byte range in that text (never empty).
    Lines {
        source: String,
        first_line: usize,
        range: Range<usize>,
    },
}

/// The lines a finding spans. A span on blank lines gets the
/// neighbouring lines as context.
fn excerpt(report: &FileReport, lines: &mut Lines<'_>, f: &Finding) -> Excerpt {
    let text = report.source.text.as_str();
    let index = &report.index;
    let mut blank = |line: usize| lines.get(line).1.blank;
    // A span that ends by covering a line break ends on the line it breaks.
    let (end_line, end_offset) = if f.end.line > f.start.line && f.end.column == 1 {
        (f.end.line - 1, index.line_range(text, f.end.line - 1).end)
    } else {
        (f.end.line, f.end.offset)
    };
    let mut first = f.start.line;
    let mut last = end_line;
    if (first..=last).all(&mut blank) {
        first = first.saturating_sub(1).max(1);
        last = (last + 1).min(index.len());
    }
    if first == last {
        let r = index.line_range(text, first);
        let at = |offset: usize| offset.clamp(r.start, r.end) - r.start;
        let line = &text[r.clone()];
        let start = at(f.start.offset);
        let mut end = at(end_offset).max(start);
        if end == start {
            // Empty span: point at the character there.
            end += line[start..].chars().next().map_or(0, char::len_utf8);
        }
        return Excerpt::Line {
            number: first,
            range: start..end,
        };
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
    Excerpt::Lines {
        source: out,
        first_line: first,
        range,
    }
}

/// One finding as it is shown: a title, where, and footers (the excerpt
/// apart). Every text is escaped already.
struct Shown<'a> {
    severity: Severity,
    rule: &'a str,
    message: &'a str,
    origin: &'a str,
    /// `("note" | "help", text)`.
    footers: Vec<(&'static str, Cow<'a, str>)>,
}

impl Shown<'_> {
    /// Rendered by `annotate-snippets`: `source` is the lines of the file
    /// the span is on, from line `first_line`, and `range` the span in it.
    fn render(
        &self,
        renderer: &Renderer,
        source: &str,
        first_line: usize,
        range: Range<usize>,
    ) -> String {
        let lvl = level(self.severity);
        let mut message = lvl.title(self.message).id(self.rule).snippet(
            Snippet::source(source)
                .line_start(first_line)
                .origin(self.origin)
                .annotation(lvl.span(range)),
        );
        for (kind, text) in &self.footers {
            let footer = if *kind == "help" {
                Level::Help
            } else {
                Level::Note
            };
            message = message.footer(footer.title(text));
        }
        renderer.render(message).to_string()
    }
}

/// A finding over several lines, rendered by `annotate-snippets`, with the
/// characters of the excerpt shown as [`shown`] shows them. The column in
/// the `-->` line stays the column in the file (in characters): it is put
/// back where a tab, shown as four spaces, comes before the span.
fn render_lines(
    shown: &Shown<'_>,
    renderer: &Renderer,
    source: &str,
    first_line: usize,
    range: Range<usize>,
) -> String {
    let mut escaped = String::with_capacity(source.len());
    let mut new_range = 0..0;
    let (mut column, mut shown_column) = (1, 1);
    for (i, c) in source.char_indices() {
        if i == range.start {
            new_range.start = escaped.len();
        }
        if i == range.end {
            new_range.end = escaped.len();
        }
        if i < range.start {
            (column, shown_column) = if c == '\n' {
                (1, 1)
            } else {
                (column + 1, shown_column + if c == '\t' { 4 } else { 1 })
            };
        }
        match c {
            '\t' => escaped.push_str("    "),
            '\n' => escaped.push('\n'),
            c => escaped.push(escape::picture(c).unwrap_or(c)),
        }
    }
    if range.start >= source.len() {
        new_range.start = escaped.len() + (range.start - source.len());
    }
    if range.end >= source.len() {
        new_range.end = escaped.len() + (range.end - source.len());
    }
    let rendered = shown.render(renderer, &escaped, first_line, new_range);
    if column == shown_column {
        return rendered;
    }
    // The `-->` line comes right after the title, which has as many lines
    // as the message.
    let header = shown.message.matches('\n').count() + 1;
    let wrong = format!(":{shown_column}");
    rendered
        .split('\n')
        .enumerate()
        .map(|(i, line)| match line.strip_suffix(&wrong) {
            Some(rest) if i == header => Cow::Owned(format!("{rest}:{column}")),
            _ => Cow::Borrowed(line),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Text that may run on several lines, in a title or a footer: it keeps
/// its line breaks and tabs; everything else a terminal would act on is
/// shown escaped.
fn text(s: &str) -> Cow<'_, str> {
    escape::controls(s, &['\n', '\t'])
}

impl Emitter for Human {
    fn shows_lines(&self) -> bool {
        true
    }

    fn render(&self, report: &FileReport) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        let origin = escape::controls(&report.source.name, &[]);
        let mut lines = Lines::new(&report.source.text, &report.index);
        for f in &report.findings {
            let d = &f.diagnostic;
            // Text that may run on several lines keeps its line breaks and
            // tabs; everything else a terminal would act on is shown.
            let mut footers = Vec::new();
            if let Some(reply) = f.reply_label() {
                footers.push(("note", Cow::Owned(text(&reply).into_owned())));
            }
            if let Some(help) = &d.help {
                footers.push(("help", text(help)));
            }
            if let Some((applicability, _)) = &f.fix {
                footers.push((
                    "note",
                    Cow::Borrowed(match applicability {
                        replylint_core::diagnostic::Applicability::Safe => {
                            "a safe fix is available"
                        }
                        replylint_core::diagnostic::Applicability::Unsafe => {
                            "an unsafe fix is available"
                        }
                    }),
                ));
            }
            let message = text(&d.message);
            let shown = Shown {
                severity: d.severity,
                rule: d.rule,
                message: &message,
                origin: &origin,
                footers,
            };
            let rendered = match excerpt(report, &mut lines, f) {
                Excerpt::Line { number, range } => {
                    // The column the file's line index has found.
                    let column = f.start.column;
                    let (line, facts) = lines.get(number);
                    render_line(&shown, &self.styles, line, facts, number, column, range)
                }
                Excerpt::Lines {
                    source,
                    first_line,
                    range,
                } => render_lines(&shown, &self.renderer, &source, first_line, range),
            };
            writeln!(&mut out, "{rendered}\n")?;
        }
        Ok(out)
    }

    fn library(&mut self, out: &mut dyn Write, findings: &[LibraryFinding]) -> io::Result<()> {
        let mut facts = PlaceFacts::default();
        for f in findings {
            if let Some(rendered) = self.render_library(f, &mut facts) {
                writeln!(out, "{rendered}\n")?;
            }
        }
        Ok(())
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

/// How a character of a reply is shown: as `count` cells of `cell`, each
/// `width` columns wide. A tab is four spaces, a control character its
/// picture, a zero-width joiner nothing (as `annotate-snippets` shows
/// it), a combining mark a cell of no width.
#[derive(Debug, Clone, Copy)]
struct Cells {
    cell: char,
    count: usize,
    width: usize,
}

fn cells(c: char) -> Cells {
    match c {
        ' '..='~' => Cells {
            cell: c,
            count: 1,
            width: 1,
        },
        '\t' => Cells {
            cell: ' ',
            count: 4,
            width: 1,
        },
        '\u{200d}' => Cells {
            cell: c,
            count: 0,
            width: 0,
        },
        c => match escape::picture(c) {
            Some(p) => Cells {
                cell: p,
                count: 1,
                width: 1,
            },
            None => Cells {
                cell: c,
                count: 1,
                width: c.width().unwrap_or(0),
            },
        },
    }
}

/// The columns `c` is shown on.
fn columns_of(c: char) -> usize {
    if matches!(c, ' '..='~') {
        return 1;
    }
    let c = cells(c);
    c.count * c.width
}

/// The columns `s` is shown on; printable ASCII by its length.
fn columns_of_str(s: &str) -> usize {
    read(s.len());
    if s.bytes().all(|b| matches!(b, b' '..=b'~')) {
        s.len()
    } else {
        s.chars().map(columns_of).sum()
    }
}

/// In a line longer than this many bytes, a checkpoint every this many
/// bytes or so: a column is counted from the last one before it.
const STRIDE: usize = 256;

/// What the window of a line depends on, worked out once per line.
#[derive(Debug)]
struct LineFacts {
    /// Whether the line is white space only (or empty).
    blank: bool,
    /// Columns of the leading white space, if the line has anything else.
    indent: Option<usize>,
    /// Columns of the whole line.
    width: usize,
    /// `(byte, column)` every [`STRIDE`] bytes of a long line.
    checkpoints: Vec<(usize, usize)>,
}

#[cfg(test)]
thread_local! {
    /// Characters of lines looked at since the start of the thread, to
    /// test that drawing a finding does not read its whole line.
    static READ: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Count `n` characters read (in tests).
fn read(n: usize) {
    #[cfg(test)]
    READ.with(|r| r.set(r.get() + n));
    let _ = n;
}

impl LineFacts {
    fn new(line: &str) -> Self {
        let mut indent = None;
        let mut width = 0;
        let mut checkpoints = Vec::new();
        let mut last = 0;
        for (i, c) in line.char_indices() {
            if i - last >= STRIDE {
                checkpoints.push((i, width));
                last = i;
            }
            if indent.is_none()
                && !(c.is_whitespace() && (c == '\t' || escape::picture(c).is_none()))
            {
                indent = Some(width);
            }
            width += columns_of(c);
        }
        read(line.len());
        LineFacts {
            blank: line.trim().is_empty(),
            indent,
            width,
            checkpoints,
        }
    }

    /// The last checkpoint at or before byte `at`, or the one at or
    /// before column `column`.
    fn checkpoint(&self, at: Option<usize>, column: Option<usize>) -> (usize, usize) {
        let i = self.checkpoints.partition_point(|&(b, c)| {
            at.is_some_and(|at| b <= at) || column.is_some_and(|col| c <= col)
        });
        i.checked_sub(1).map_or((0, 0), |i| self.checkpoints[i])
    }

    /// Columns of `line[..at]`.
    fn columns_at(&self, line: &str, at: usize) -> usize {
        let (from, column) = self.checkpoint(Some(at), None);
        column + columns_of_str(&line[from..at])
    }

    /// The cells of `line` shown from column `left`, as many as fit in
    /// `room` columns, each with its column; the first is the first cell
    /// that starts at `left` or after.
    fn window(&self, line: &str, left: usize, room: usize) -> Vec<(char, usize, usize)> {
        let (from, mut column) = self.checkpoint(None, Some(left));
        let mut shown = Vec::new();
        let mut taken = 0;
        'line: for c in line[from..].chars() {
            read(1);
            let Cells { cell, count, width } = cells(c);
            for _ in 0..count {
                if column >= left {
                    if taken + width > room {
                        break 'line;
                    }
                    taken += width;
                    shown.push((cell, column, width));
                }
                column += width;
            }
        }
        shown
    }
}

/// The lines of one file findings are drawn on, with their facts.
struct Lines<'a> {
    text: &'a str,
    index: &'a LineIndex,
    facts: HashMap<usize, LineFacts>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str, index: &'a LineIndex) -> Self {
        Lines {
            text,
            index,
            facts: HashMap::new(),
        }
    }

    /// Line `number`, without its line break, and its facts.
    fn get(&mut self, number: usize) -> (&'a str, &LineFacts) {
        let line = &self.text[self.index.line_range(self.text, number)];
        let facts = self
            .facts
            .entry(number)
            .or_insert_with(|| LineFacts::new(line));
        (line, facts)
    }
}

/// Text with styles, rendered as `annotate-snippets` renders its buffer:
/// a style's codes where it changes, a reset at the end of every line.
struct Painted {
    out: String,
    styled: bool,
    current: Style,
}

impl Painted {
    fn new(styled: bool, capacity: usize) -> Self {
        Painted {
            out: String::with_capacity(capacity),
            styled,
            current: Style::new(),
        }
    }

    fn put(&mut self, text: &str, style: Style) {
        if text.is_empty() {
            return;
        }
        if self.styled && style != self.current {
            use std::fmt::Write as _;
            let _ = write!(
                self.out,
                "{}{}",
                self.current.render_reset(),
                style.render()
            );
            self.current = style;
        }
        self.out.push_str(text);
    }

    fn spaces(&mut self, n: usize) {
        for _ in 0..n {
            self.put(" ", Style::new());
        }
    }

    fn newline(&mut self) {
        self.end();
        self.out.push('\n');
    }

    fn end(&mut self) {
        if self.styled {
            use std::fmt::Write as _;
            let _ = write!(self.out, "{}", self.current.render_reset());
            self.current = Style::new();
        }
    }
}

/// A finding on one line (`range` of `line`, line `number` of the file,
/// starting at character `column` of the line, 1-based), drawn as
/// [`render_spots`] draws one spot.
fn render_line(
    shown: &Shown<'_>,
    styles: &Styles,
    line: &str,
    facts: &LineFacts,
    number: usize,
    column: usize,
    range: Range<usize>,
) -> String {
    render_spots(
        shown,
        styles,
        &[Spot {
            origin: shown.origin,
            line,
            facts,
            number,
            column,
            range,
            label: "",
        }],
    )
}

/// A span on one line of a file, drawn as one snippet of a finding.
struct Spot<'a> {
    /// The file's name, escaped.
    origin: &'a str,
    /// The line, without its line break.
    line: &'a str,
    facts: &'a LineFacts,
    /// The line's number in its file.
    number: usize,
    /// The character of the line the span starts at, 1-based.
    column: usize,
    /// The span's bytes in `line`; an empty range is after the end of the
    /// line.
    range: Range<usize>,
    /// Drawn after the marks: escaped already, one line; empty for none.
    label: &'a str,
}

/// A finding drawn as snippets of one line each, the way
/// `annotate-snippets` draws them, with its trimming of a line wider than
/// the terminal (140 columns), counted in columns: the window is centred
/// on the span (and its label), with the room `annotate-snippets` leaves
/// around it, and `...` over the first and the last three columns where
/// the line was cut. Only the window of a line is read, from the
/// checkpoint of its [`LineFacts`] before it.
///
/// The first spot, under `-->`, is where the finding is reported, marked
/// as its severity marks (`^` for an error, `-` otherwise) in its colour;
/// the others, under `:::`, are marked `-` in the colour of the line
/// numbers, as rustc draws secondary spans in other files. All share the
/// gutter of the widest line number; footers come after the last.
fn render_spots(shown: &Shown<'_>, styles: &Styles, spots: &[Spot<'_>]) -> String {
    let width = digits(spots.iter().map(|s| s.number).max().unwrap_or(1));
    let (name, mark) = match shown.severity {
        Severity::Error => ("error", "^"),
        Severity::Warning => ("warning", "-"),
        Severity::Info => ("info", "-"),
    };
    let none = Style::new();
    let level = styles.level(shown.severity);
    let mut out = Painted::new(
        styles.styled,
        2 * TERM_WIDTH * spots.len() + 64 * shown.footers.len() + shown.message.len(),
    );
    // error[rule]: message
    out.put(name, level);
    out.put("[", level);
    out.put(shown.rule, level);
    out.put("]", level);
    if !shown.message.is_empty() {
        out.put(": ", none);
        out.put(shown.message, styles.emphasis);
    }
    for (i, spot) in spots.iter().enumerate() {
        //  --> origin:line:column (` ::: ` for the others)
        out.newline();
        out.spaces(width);
        out.put(if i == 0 { "-->" } else { ":::" }, styles.line_no);
        out.put(" ", none);
        out.put(spot.origin, none);
        out.put(&format!(":{}:{}", spot.number, spot.column), none);
        //   |
        out.newline();
        out.spaces(width + 1);
        out.put("|", styles.line_no);
        if i == 0 {
            snippet(&mut out, styles, spot, width, (mark, level));
        } else {
            snippet(&mut out, styles, spot, width, ("-", styles.line_no));
        }
        //   |
        out.newline();
        out.spaces(width + 1);
        out.put("|", styles.line_no);
    }
    //   = note: text
    for (kind, text) in &shown.footers {
        let style = if *kind == "help" {
            styles.help
        } else {
            styles.note
        };
        for (i, line) in text.lines().enumerate() {
            out.newline();
            if i == 0 {
                out.spaces(width + 1);
                out.put("=", styles.line_no);
                out.put(" ", styles.line_no);
                out.put(kind, style);
                if !line.is_empty() {
                    out.put(": ", none);
                }
            } else {
                out.spaces(width + 3 + kind.len() + 2);
            }
            out.put(line, none);
        }
    }
    out.end();
    out.out
}

/// `annotate-snippets`' terminal width.
const TERM_WIDTH: usize = 140;

/// The line of `spot` (`n | code`) and the marks under its span, `mark`
/// in `style`, with its label, in a gutter `width` digits wide.
fn snippet(
    out: &mut Painted,
    styles: &Styles,
    spot: &Spot<'_>,
    width: usize,
    (mark, style): (&str, Style),
) {
    // The room `annotate-snippets` leaves around a span when it trims a
    // long line.
    const PADDING: usize = 6;
    let Spot {
        line,
        facts,
        number,
        ref range,
        label,
        ..
    } = *spot;
    let start_col = facts.columns_at(line, range.start);
    let mut end_col = if range.len() <= STRIDE {
        start_col + columns_of_str(&line[range.start..range.end.max(range.start)])
    } else {
        facts.columns_at(line, range.end).max(start_col)
    };
    if end_col == start_col {
        end_col += 1;
    }
    let line_len = facts.width;
    // The margin: which columns of the line are shown. A line of white
    // space only has no white space to trim (as in rustc).
    let whitespace_left = facts.indent.unwrap_or(0).saturating_sub(PADDING);
    let span_left = start_col.saturating_sub(PADDING);
    let span_right = end_col + PADDING;
    // A label takes a space and its columns after the span.
    let label_right = if label.is_empty() {
        span_right
    } else {
        span_right + 1 + columns_of_str(label)
    };
    let term_width = TERM_WIDTH.saturating_sub(3 + digits(number + 1));
    let mut computed_left = if whitespace_left > 20 {
        whitespace_left - 16
    } else {
        0
    };
    let mut computed_right = line_len.max(computed_left);
    if computed_right - computed_left > term_width {
        if label_right.wrapping_sub(whitespace_left) <= term_width {
            computed_left = whitespace_left;
            computed_right = computed_left + term_width;
        } else if label_right - span_left <= term_width {
            let padding_left = (term_width - (label_right - span_left)) / 2;
            computed_left = span_left.saturating_sub(padding_left);
            computed_right = computed_left + term_width;
        } else if span_right - span_left <= term_width {
            let padding_left = (term_width - (span_right - span_left)) / 5 * 2;
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
    let window = facts.window(line, left, right.saturating_sub(left));
    let first_col = window.first().map_or(left, |&(_, col, _)| col);
    let taken: usize = window.iter().map(|&(_, _, w)| w).sum();
    let cut_left = computed_left > 0;
    let cut_right = {
        let right = if computed_right == span_right || computed_right == label_right {
            computed_right - PADDING
        } else {
            computed_right
        };
        right < line_len && computed_left + term_width < line_len
    };

    let code_offset = width + 3;
    let none = Style::new();
    // n | code, "..." over its first or last three columns when cut
    out.newline();
    out.put(&format!("{number:>width$} |"), styles.line_no);
    let dots_from = taken.saturating_sub(3);
    let mut code: Vec<(Cow<'_, str>, Style)> = Vec::new();
    let mut text = String::new();
    let mut at = 0;
    if cut_left {
        code.push((Cow::Borrowed("..."), styles.line_no));
        at = 3;
    }
    for &(cell, col, w) in &window {
        let col = col - first_col;
        // Under the dots (a combining mark with the character it is on).
        if cut_left && (col < 3 || (w == 0 && col == 3)) || cut_right && col + w > dots_from {
            continue;
        }
        text.extend(std::iter::repeat_n(' ', col.saturating_sub(at)));
        text.push(cell);
        at = at.max(col + w);
    }
    if cut_right && dots_from + 3 > at {
        text.extend(std::iter::repeat_n(' ', dots_from.saturating_sub(at)));
        code.push((Cow::Owned(std::mem::take(&mut text)), none));
        code.push((
            Cow::Owned(".".repeat(dots_from + 3 - at.max(dots_from))),
            styles.line_no,
        ));
    }
    code.push((Cow::Owned(text), none));
    if code.iter().any(|(s, _)| !s.is_empty()) {
        out.put(" ", none);
        for (s, style) in &code {
            out.put(s, *style);
        }
    }
    //   |    ^^^ label
    out.newline();
    let mut marks: Vec<(&str, Style)> = vec![(" ", none); width + 1];
    marks.push(("|", styles.line_no));
    for p in start_col..end_col {
        let col = (code_offset + p).saturating_sub(first_col);
        if col >= marks.len() {
            marks.resize(col + 1, (" ", none));
        }
        marks[col] = (mark, style);
    }
    if !label.is_empty() {
        let col = (end_col + 1).saturating_sub(first_col) + code_offset;
        marks.resize(marks.len().max(col), (" ", none));
    }
    for (s, style) in marks {
        out.put(s, style);
    }
    out.put(label, style);
}

fn digits(n: usize) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn shown<'a>(footers: Vec<(&'static str, Cow<'a, str>)>) -> Shown<'a> {
        Shown {
            severity: Severity::Warning,
            rule: "whitespace",
            message: "2 spaces between words",
            origin: "a.txt",
            footers,
        }
    }

    /// `line`'s finding at `range`, drawn here, plain or styled.
    fn draw(
        shown: &Shown<'_>,
        line: &str,
        number: usize,
        range: Range<usize>,
        styled: bool,
    ) -> String {
        let styles = if styled {
            Styles::styled()
        } else {
            Styles::plain()
        };
        let column = line[..range.start].chars().count() + 1;
        render_line(
            shown,
            &styles,
            line,
            &LineFacts::new(line),
            number,
            column,
            range,
        )
    }

    /// The same drawn by `annotate-snippets`.
    fn expected(
        shown: &Shown<'_>,
        line: &str,
        number: usize,
        range: Range<usize>,
        styled: bool,
    ) -> String {
        let renderer = if styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        shown.render(&renderer, line, number, range)
    }

    /// Lines of one-column characters (ASCII, accented letters, no-break
    /// spaces), long leading white space or not, wide and zero-width
    /// characters, and now and then a character shown escaped.
    fn line() -> impl Strategy<Value = String> {
        line_of(40, 40)
    }

    fn line_of(indent: usize, pieces: usize) -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            8 => "[a-zA-Z .,!?'\"-]{1,12}",
            2 => "[éüßçñ\u{a0}]{1,3}",
            1 => "[\t\u{301}\u{200d}\u{1}\u{1b}\u{7f}\u{9b}\u{202e}]",
            2 => "[漢字😀📦🙏👍🏽]{1,2}",
        ];
        (0..indent, prop::collection::vec(piece, 0..pieces))
            .prop_map(|(indent, pieces)| " ".repeat(indent) + &pieces.concat())
    }

    #[test]
    fn lines_with_emoji_and_cjk_are_drawn_as_annotate_snippets_draws_them() {
        let short = "Grazie 😊 a presto, 漢字 👍🏽 ciao e\u{301} là".to_owned();
        let at = |s: &str| short.find(s).unwrap();
        for (start, end) in [
            (at("😊"), at("😊") + "😊".len()),
            (at("漢"), at(" 👍")),
            (at("👍"), at("👍") + "👍🏽".len()),
            (at("e\u{301}"), at(" là")),
            (short.len(), short.len()),
            (0, short.len()),
        ] {
            for styled in [false, true] {
                let shown = shown(vec![("help", Cow::Borrowed("remove it"))]);
                assert_eq!(
                    draw(&shown, &short, 3, start..end, styled),
                    expected(&shown, &short, 3, start..end, styled),
                    "{start}..{end}"
                );
            }
        }
    }

    #[test]
    fn a_long_line_of_cjk_is_cut_around_the_span() {
        let line = "お問い合わせありがとうございます。".repeat(12) + "ご確認  ください。";
        let start = line.find("  ").unwrap();
        let got = draw(&shown(vec![]), &line, 1, start..start + 2, false);
        // The window is counted in columns: the span in the middle of
        // what is shown, the carets under it (a wide character cut by the
        // dots leaves a space).
        let expected = [
            "warning[whitespace]: 2 spaces between words",
            " --> a.txt:1:208",
            "  |",
            "1 | ... ありがとうございます。お問い合わせありがとうございます。ご確認  ください。",
            &format!("  |{}--", " ".repeat(67)),
            "  |",
        ];
        assert_eq!(got, expected.join("\n"));
    }

    #[test]
    fn a_finding_far_into_a_long_line_reads_only_its_window() {
        // A megabyte on one line, with a finding every hundred bytes.
        let unit = "We checked it today and the parcel is on its way to you again.  ";
        let unit = format!("{unit}{}", "y".repeat(100 - unit.len()));
        let line = unit.repeat(10_000);
        let facts = LineFacts::new(&line);
        let before = READ.with(|r| r.get());
        let mut longest = 0;
        for at in (0..line.len())
            .step_by(100)
            .map(|i| i + unit.find("  ").unwrap())
        {
            let got = render_line(
                &shown(vec![]),
                &Styles::plain(),
                &line,
                &facts,
                1,
                at + 1,
                at..at + 2,
            );
            longest = longest.max(got.len());
        }
        let read = READ.with(|r| r.get()) - before;
        assert!(
            read < 10_000 * 3 * STRIDE,
            "{} characters read per finding",
            read / 10_000
        );
        assert!(longest < 400, "{longest}");
        // The one at column 500,000 is a window of 140 columns.
        let at = 500_000 + unit.find("  ").unwrap();
        let got = render_line(
            &shown(vec![]),
            &Styles::plain(),
            &line,
            &facts,
            1,
            at + 1,
            at..at + 2,
        );
        let code = got.lines().nth(3).unwrap();
        assert!(
            code.starts_with("1 | ...") && code.ends_with("..."),
            "{code}"
        );
        assert_eq!(code.chars().count(), 4 + 136);
    }

    #[test]
    fn a_finding_over_several_lines_shows_controls_escaped_and_its_file_column() {
        // A tab before the span is shown as four spaces: the `-->` line
        // still gives the column in the file.
        let source = "a\tb\u{1b}[1m  c\u{202e}\nnext line\u{7}";
        let start = source.find("  ").unwrap();
        let shown = shown(vec![("help", Cow::Borrowed("keep one space"))]);
        let got = render_lines(&shown, &Renderer::plain(), source, 7, start..source.len());
        assert!(
            !got.contains(|c: char| c.is_control() && c != '\n'),
            "{got:?}"
        );
        let expected = [
            "warning[whitespace]: 2 spaces between words",
            " --> a.txt:7:8",
            "  |",
            "7 |   a    b␛[1m  c\u{fffd}",
            "  |  ___________-",
            "8 | | next line␇",
            "  | |__________-",
            "  |",
            "  = help: keep one space",
        ];
        assert_eq!(got, expected.join("\n"));
    }

    /// The library findings of [`crate::output::sample`], as `human`
    /// prints them.
    fn library(color: bool) -> String {
        let mut out = Vec::new();
        Human::new(color)
            .library(&mut out, &crate::output::sample::findings())
            .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_library_finding_shows_every_place() {
        // The first place as a finding is drawn, the others under `:::`
        // with `-` marks, each labelled with what the reply says there;
        // the tab is four spaces, the emoji and the CJK two columns, the
        // combining accent none; a span over two lines is drawn to the
        // end of its first.
        insta::assert_snapshot!(library(false));
    }

    #[test]
    fn a_library_finding_in_colour_marks_the_other_places_as_line_numbers() {
        let styled = library(true);
        let styles = Styles::styled();
        let blue = styles.line_no.render().to_string();
        let yellow = styles.warning.render().to_string();
        // Without its colours, the same text.
        let plain = regex_lite_strip(&styled);
        assert_eq!(plain, library(false));
        // The marks and the label in the finding's colour at the first
        // place, in the line numbers' at the others.
        let marked = |label: &str| {
            styled
                .lines()
                .find(|l| l.contains(label))
                .unwrap_or_default()
                .to_owned()
        };
        let first = marked("states 30 days");
        assert!(first.contains(&format!("{yellow}-------")), "{first}");
        assert!(
            first.contains(&format!("{yellow}states 30 days")),
            "{first}"
        );
        let other = marked("states 14 days, in reply `refund-7`");
        assert!(other.contains(&format!("{blue}-------")), "{other}");
        assert!(other.contains(&format!("{blue}states 14 days")), "{other}");
        assert!(!other.contains(&yellow), "{other}");
        assert!(styled.contains(&format!("{blue}:::")), "{styled}");
    }

    /// `s` without its ANSI colour sequences.
    fn regex_lite_strip(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                for c in chars.by_ref() {
                    if c == 'm' {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn labels_notes_and_paths_of_places_show_controls_escaped() {
        let mut f = crate::output::sample::findings().remove(0);
        f.places[1].note = "states\t14\ndays\u{1b}[31m".to_owned();
        f.places[2].path = "emails/\u{202e}resi.md".to_owned();
        let mut out = Vec::new();
        Human::new(false).library(&mut out, &[f]).unwrap();
        let got = String::from_utf8(out).unwrap();
        assert!(
            got.contains("------- states 14 days␛[31m, in reply `refund-7`"),
            "{got}"
        );
        assert!(got.contains("::: emails/\u{fffd}resi.md:4:34"), "{got}");
        assert!(
            !got.contains(|c: char| c.is_control() && c != '\n'),
            "{got:?}"
        );
    }

    #[test]
    fn a_library_finding_without_places_prints_nothing() {
        let mut f = crate::output::sample::findings().remove(0);
        f.places.clear();
        let mut out = Vec::new();
        Human::new(false).library(&mut out, &[f]).unwrap();
        assert!(out.is_empty());
    }

    #[test]
    fn places_on_one_long_line_read_it_once() {
        // A minified export: every place on its one line of 100 kB, each
        // place with its copy of the line.
        let unit = "We checked it today and the parcel is on its way to you again.  ";
        let line = unit.repeat(1_600);
        let place = |at: usize| {
            let column = at + 1;
            let position = |column: usize| replylint_core::location::Position {
                line: 1,
                column,
                column_utf16: column,
                offset: column - 1,
            };
            crate::output::Place {
                path: "export.json".to_owned(),
                start: position(column),
                end: position(column + 7),
                reply_id: None,
                reply_title: None,
                note: "states 14 days".to_owned(),
                line: line.clone(),
                line_start: 0,
            }
        };
        let findings: Vec<LibraryFinding> = (0..50)
            .map(|i| LibraryFinding {
                rule: "inconsistent-fact",
                severity: Severity::Warning,
                message: "refund window of 30 days here".to_owned(),
                help: None,
                channel: "email".to_owned(),
                places: vec![place(i * 1_000), place(90_000 + i)],
            })
            .collect();
        let before = READ.with(|r| r.get());
        let mut out = Vec::new();
        Human::new(false).library(&mut out, &findings).unwrap();
        let read = READ.with(|r| r.get()) - before;
        assert!(read < 2 * line.len(), "{read} characters read");
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.matches("------- states 14 days").count(), 100);
        assert!(text.lines().all(|l| l.chars().count() <= 140), "{text}");
    }

    #[test]
    fn a_long_line_is_cut_around_a_labelled_span() {
        // The label counts in the window: the span and its label are
        // shown whole, with the dots where the line was cut.
        let line = format!(
            "{}30 days{}",
            "a refund is a refund ".repeat(10),
            " and more".repeat(20)
        );
        let start = line.find("30 days").unwrap();
        let facts = LineFacts::new(&line);
        let spot = |label| Spot {
            origin: "a.txt",
            line: &line,
            facts: &facts,
            number: 7,
            column: start + 1,
            range: start..start + 7,
            label,
        };
        let note = "states 30 days, which is longer than the others by far, as a label can be";
        let got = render_spots(&shown(vec![]), &Styles::plain(), &[spot(""), spot(note)]);
        let lines: Vec<&str> = got.lines().collect();
        assert!(
            lines[3].starts_with("7 | ...") && lines[3].ends_with("..."),
            "{got}"
        );
        assert!(
            lines[8].starts_with("7 | ...") && lines[8].ends_with("..."),
            "{got}"
        );
        assert!(lines[9].ends_with(&format!("------- {note}")), "{got}");
        assert!(lines[9].len() <= 140, "{got}");
        let renderer = Renderer::plain();
        let expected = Level::Warning
            .title(shown(vec![]).message)
            .id("whitespace")
            .snippet(
                Snippet::source(&line)
                    .line_start(7)
                    .origin("a.txt")
                    .annotation(Level::Warning.span(start..start + 7)),
            )
            .snippet(
                Snippet::source(&line)
                    .line_start(7)
                    .origin("a.txt")
                    .annotation(Level::Warning.span(start..start + 7).label(note)),
            );
        assert_eq!(got, renderer.render(expected).to_string());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// Several places, the first labelled or not, drawn as
        /// `annotate-snippets` draws a message of several snippets (the
        /// others with warning-level annotations, which it marks `-`
        /// without a prefix): ASCII lines, long ones cut around the span
        /// and its label.
        #[test]
        fn places_are_drawn_as_annotate_snippets_draws_several_snippets(
            places in prop::collection::vec(
                (
                    (0usize..30, "[a-zA-Z .,!?'\"-]{0,300}").prop_map(|(n, s)| " ".repeat(n) + &s),
                    any::<usize>(),
                    any::<usize>(),
                    prop_oneof![1usize..12, 1usize..12_000],
                    "([a-z ]{0,60})?",
                ),
                1..4,
            ),
            severity in 0u8..3,
            footers in 0u8..4,
        ) {
            let severity = [Severity::Error, Severity::Warning, Severity::Info][usize::from(severity)];
            let lvl = level(severity);
            let all = [("note", "reply `r1` (Refund)"), ("help", "say it the same")];
            let footers: Vec<(&'static str, Cow<'_, str>)> = all.iter().enumerate().filter(|(i, _)| footers & (1 << i) != 0).map(|(_, &(k, t))| (k, Cow::Borrowed(t))).collect();
            let shown = Shown {
                severity,
                rule: "inconsistent-fact",
                message: "refund window of 30 days here",
                origin: "macros/a.toml",
                footers,
            };
            let origins = ["macros/a.toml", "emails/b.md", "c.txt"];
            let mut ranges = Vec::new();
            for (line, a, b, _, _) in &places {
                let leading = line.chars().take_while(|c| c.is_whitespace()).count();
                let (a, b) = (a % (line.len() + 1), b % (line.len() + 1));
                let range = a.min(b)..a.max(b);
                // `annotate-snippets` overflows on a span in the leading
                // white space of a long line, and draws a label on a
                // line of white space only apart.
                prop_assume!(range.end + 12 >= leading && !line.trim().is_empty());
                ranges.push(range);
            }
            let facts: Vec<LineFacts> = places.iter().map(|p| LineFacts::new(&p.0)).collect();
            let spots: Vec<Spot<'_>> = places.iter().enumerate().map(|(i, (line, _, _, number, label))| Spot {
                origin: origins[i],
                line,
                facts: &facts[i],
                number: *number,
                column: line[..ranges[i].start].chars().count() + 1,
                range: ranges[i].clone(),
                label,
            }).collect();
            let got = render_spots(&shown, &Styles::plain(), &spots);
            let wanted = std::panic::catch_unwind(|| {
                let mut message = lvl.title(shown.message).id(shown.rule);
                for (i, (line, _, _, number, label)) in places.iter().enumerate() {
                    // An info's label would be prefixed `info: `.
                    let at = if i == 0 && severity != Severity::Info { lvl } else { Level::Warning };
                    let mut annotation = at.span(ranges[i].clone());
                    if !label.is_empty() {
                        annotation = annotation.label(label);
                    }
                    message = message.snippet(
                        Snippet::source(line).line_start(*number).origin(origins[i]).annotation(annotation),
                    );
                }
                for (kind, text) in &shown.footers {
                    let footer = if *kind == "help" { Level::Help } else { Level::Note };
                    message = message.footer(footer.title(text));
                }
                Renderer::plain().render(message).to_string()
            });
            prop_assume!(wanted.is_ok());
            prop_assert_eq!(got, wanted.unwrap());
        }

        /// Where `annotate-snippets` gets it right, the same output, plain
        /// and styled: lines without characters shown escaped, and either
        /// ASCII or short enough not to be cut (it measures a line in
        /// bytes, and counts a cell as a column).
        #[test]
        fn what_annotate_snippets_draws_right_is_drawn_the_same(
            line in prop_oneof![
                (0usize..40, "[a-zA-Z .,!?'\"-]{0,400}").prop_map(|(n, s)| " ".repeat(n) + &s),
                line().prop_map(|l| l.chars().filter(|&c| c != '\t' && c != '\u{200d}' && escape::picture(c).is_none()).take(50).collect()),
            ],
            a in any::<usize>(),
            b in any::<usize>(),
            number in prop_oneof![1usize..12, 1usize..120, 1usize..12_000],
            severity in 0u8..3,
            footers in 0u8..8,
            styled in any::<bool>(),
        ) {
            let bounds: Vec<usize> = (0..=line.len()).filter(|&i| line.is_char_boundary(i)).collect();
            let (a, b) = (bounds[a % bounds.len()], bounds[b % bounds.len()]);
            let all = [("note", "reply `r1` (Refund)"), ("help", "say it shorter"), ("note", "a safe fix is available")];
            let shown = Shown {
                severity: [Severity::Error, Severity::Warning, Severity::Info][usize::from(severity)],
                rule: "max-length",
                message: "301/280 weighted characters on `twitter`",
                origin: "library/replies.toml",
                footers: all.iter().enumerate().filter(|(i, _)| footers & (1 << i) != 0).map(|(_, &(k, t))| (k, Cow::Borrowed(t))).collect(),
            };
            let range = a.min(b)..a.max(b);
            let got = draw(&shown, &line, number, range.clone(), styled);
            let raw = |c: char| escape::picture(c).is_some() && c != '\n' && (!styled || c != '\u{1b}');
            prop_assert!(!got.contains(raw), "{:?}", got);
            prop_assume!((line.is_ascii() || line.len() < 100) && !line.trim().is_empty());
            // `annotate-snippets` overflows in debug builds on a span in
            // the leading white space of a long line.
            let leading = line.chars().take_while(|c| c.is_whitespace()).count();
            prop_assume!(line[..range.end].chars().count() + 12 >= leading);
            let wanted = std::panic::catch_unwind(|| expected(&shown, &line, number, range.clone(), styled));
            prop_assume!(wanted.is_ok());
            prop_assert_eq!(got, wanted.unwrap());
        }

        /// Whatever the line, the carets are under the span: as many as
        /// the columns it is shown on, after as many columns as what is
        /// shown before it.
        #[test]
        fn the_carets_are_under_the_span_as_it_is_shown(
            line in line_of(20, 8),
            a in any::<usize>(),
            b in any::<usize>(),
        ) {
            let indent = line.chars().take_while(|c| c.is_whitespace()).map(columns_of).sum::<usize>();
            prop_assume!(line.len() < 100 && !line.trim().is_empty() && indent <= 26);
            // A line of zero-width characters only (`\u{200d}`) is shown
            // as a blank line.
            prop_assume!(line.chars().map(columns_of).sum::<usize>() > 0);
            let bounds: Vec<usize> = (0..=line.len()).filter(|&i| line.is_char_boundary(i)).collect();
            let (a, b) = (bounds[a % bounds.len()], bounds[b % bounds.len()]);
            let range = a.min(b)..a.max(b);
            let got = draw(&shown(vec![]), &line, 1, range.clone(), false);
            let lines: Vec<&str> = got.lines().collect();
            let shown_width = |s: &str| s.chars().map(columns_of).sum::<usize>();
            let marks = lines[4];
            let first = marks.find('-').unwrap();
            prop_assert_eq!(first, 4 + shown_width(&line[..range.start]));
            let width = shown_width(&line[range.clone()]).max(1);
            prop_assert_eq!(&marks[first..], "-".repeat(width));
            prop_assert_eq!(lines[3], format!("1 | {}", line.chars().map(|c| {
                let Cells { cell, count, .. } = cells(c);
                std::iter::repeat_n(cell, count).collect::<String>()
            }).collect::<String>()));
        }
    }
}
