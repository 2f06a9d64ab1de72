//! `github`: GitHub Actions workflow commands, which the runner turns into
//! annotations on the pull request's diff.
//!
//! ```text
//! ::error file=sms/a.txt,line=1,col=12,endLine=1,endColumn=13,title=replylint (sms-encoding)::[sms-encoding] `’` forces UCS-2 …
//! ```
//!
//! `error`, `warning` and `info` become `::error`, `::warning` and
//! `::notice`. `col` and `endColumn` are 1-based and count characters
//! (Unicode scalar values); `endLine`/`endColumn` point just past the span.
//! The message is escaped as the runner requires (`%` → `%25`, CR → `%0D`,
//! LF → `%0A`), property values too, and also `:` → `%3A` and `,` → `%2C`.
//! Other control characters (an ESC would colour the job's log) and the
//! bidirectional controls are shown as [`super::escape`] shows them, and so
//! is a CR that is not part of a line break.
//! Files that could not be read are `::error` annotations as well.
//!
//! A library rule's diagnostic (about several replies, perhaps in several
//! files) is an annotation at every place, all of its severity, as GitHub
//! shows annotations by file and line: the first with the message, which
//! reply it is, what the reply says there and where the others are; each
//! other with what its reply says there and the first place with the
//! message (see [`LibraryFinding::place_message`]).

use super::{Emitter, FileReport, Finding, LibraryFinding, Summary, escape};
use crate::input::InputError;
use replylint_core::diagnostic::Severity;
use std::io::{self, Write};

pub struct Github;

/// Escape the message of a workflow command.
pub fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '%' => out.push_str("%25"),
            '\r' if chars.peek() == Some(&'\n') => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            '\t' => out.push('\t'),
            c => out.push(escape::picture(c).unwrap_or(c)),
        }
    }
    out
}

/// Escape a property value of a workflow command.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// The text of an annotation: rule and message, then which reply and the
/// help on lines of their own.
pub fn annotation_text(f: &Finding) -> String {
    let d = &f.diagnostic;
    let mut s = format!("[{}] {}", d.rule, d.message);
    if let Some(reply) = f.reply_label() {
        s.push_str("\nin ");
        s.push_str(&reply);
    }
    if let Some(help) = &d.help {
        s.push_str("\nhelp: ");
        s.push_str(help);
    }
    s
}

impl Emitter for Github {
    fn render(&self, report: &FileReport) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        let file = escape_property(&report.source.name);
        for f in &report.findings {
            writeln!(
                &mut out,
                "::{} file={file},line={},col={},endLine={},endColumn={},title={}::{}",
                command(f.diagnostic.severity),
                f.start.line,
                f.start.column,
                f.end.line,
                f.end.column,
                escape_property(&format!("replylint ({})", f.diagnostic.rule)),
                escape_data(&annotation_text(f)),
            )?;
        }
        Ok(out)
    }

    fn library(&mut self, out: &mut dyn Write, findings: &[LibraryFinding]) -> io::Result<()> {
        for f in findings {
            let title = escape_property(&format!("replylint ({})", f.rule));
            for (i, place) in f.places.iter().enumerate() {
                writeln!(
                    out,
                    "::{} file={},line={},col={},endLine={},endColumn={},title={title}::{}",
                    command(f.severity),
                    escape_property(&place.path),
                    place.start.line,
                    place.start.column,
                    place.end.line,
                    place.end.column,
                    escape_data(&format!("[{}] {}", f.rule, f.place_message(i))),
                )?;
            }
        }
        Ok(())
    }

    fn input_error(&mut self, out: &mut dyn Write, error: &InputError) -> io::Result<()> {
        let mut props = format!("file={}", escape_property(&error.path));
        if let Some((line, col)) = error.position {
            props.push_str(&format!(",line={line},col={col}"));
        }
        writeln!(
            out,
            "::error {props},title=replylint::{}",
            escape_data(&error.message)
        )
    }

    fn carries_errors(&self) -> bool {
        true
    }

    fn finish(&mut self, _out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_escape_percent_and_line_breaks() {
        assert_eq!(escape_data("100% done\r\nnext"), "100%25 done%0D%0Anext");
        assert_eq!(
            escape_data("a\u{1b}[31mred\rb\u{202e}c\td"),
            "a␛[31mred␍b\u{fffd}c\td"
        );
        // `%` first, so an escape is not escaped twice.
        assert_eq!(escape_data("%0A"), "%250A");
        assert_eq!(escape_data("a: b, c"), "a: b, c");
    }

    #[test]
    fn a_library_finding_is_an_annotation_at_every_place() {
        let mut out = Vec::new();
        Github
            .library(&mut out, &crate::output::sample::findings())
            .unwrap();
        let text = String::from_utf8(out).unwrap();
        // One workflow command a line, nothing raw in it.
        assert_eq!(text.lines().count(), 4);
        for line in text.lines() {
            assert!(line.starts_with("::warning file=") || line.starts_with("::notice file="));
            assert!(!line.contains(|c: char| c.is_control()), "{line:?}");
        }
        insta::assert_snapshot!(text);
    }

    #[test]
    fn properties_also_escape_colons_and_commas() {
        assert_eq!(
            escape_property("replies/a, b: c%.txt"),
            "replies/a%2C b%3A c%25.txt"
        );
        assert_eq!(escape_property("x\ny"), "x%0Ay");
    }
}
