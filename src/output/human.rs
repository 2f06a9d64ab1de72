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
use crate::diagnostic::Severity;
use annotate_snippets::{Level, Renderer, Snippet};
use colored::Colorize;
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

impl Emitter for Human {
    fn render(&self, report: &FileReport) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        for f in &report.findings {
            let d = &f.diagnostic;
            let (source, first_line, range) = excerpt(report, f);
            let lvl = level(d.severity);
            let reply = f.reply_label();
            let fix_note = f.fix.as_ref().map(|(a, _)| match a {
                crate::diagnostic::Applicability::Safe => "a safe fix is available",
                crate::diagnostic::Applicability::Unsafe => "an unsafe fix is available",
            });
            let mut message = lvl.title(&d.message).id(d.rule).snippet(
                Snippet::source(&source)
                    .line_start(first_line)
                    .origin(&report.source.name)
                    .annotation(lvl.span(range)),
            );
            if let Some(reply) = &reply {
                message = message.footer(Level::Note.title(reply));
            }
            if let Some(help) = &d.help {
                message = message.footer(Level::Help.title(help));
            }
            if let Some(note) = fix_note {
                message = message.footer(Level::Note.title(note));
            }
            writeln!(&mut out, "{}\n", self.renderer.render(message))?;
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

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
