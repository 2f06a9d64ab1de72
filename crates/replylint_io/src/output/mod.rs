//! Output formats. The core hands every format the same located findings;
//! each format is one implementation of [`Emitter`] in its own file.

pub mod checkstyle;
pub mod escape;
pub mod github;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod line;
pub mod sarif;

use crate::input::InputError;
use replylint_core::diagnostic::{Applicability, Diagnostic, Severity};
use replylint_core::location::{LineIndex, Position};
use replylint_core::reply::{Reply, Source, locate_diagnostic};
use serde::Serialize;
use std::io::{self, Write};
use std::ops::Range;
use std::sync::Arc;

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Format {
    /// For people: snippets with carets, a summary, colour on a terminal.
    Human,
    /// `path:line:col: severity[rule]: message`, for editors' error formats.
    Line,
    /// One JSON document (versioned) with diagnostics, errors and summary.
    Json,
    /// JSON Lines: one object per diagnostic as it is found, then a summary.
    Jsonl,
    /// SARIF 2.1.0, for code scanning (GitHub, Azure DevOps, IDE viewers).
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// Checkstyle XML, for Jenkins, reviewdog and CI dashboards.
    Checkstyle,
}

pub use replylint_core::reply::LocatedEdit;

/// A diagnostic with everything a format needs: where it is in the file on
/// disk and which reply it belongs to.
#[derive(Debug, Clone)]
pub struct Finding {
    pub diagnostic: Diagnostic,
    pub start: Position,
    pub end: Position,
    pub reply_id: Option<String>,
    pub reply_title: Option<String>,
    pub channel: String,
    pub fix: Option<(Applicability, Vec<LocatedEdit>)>,
}

impl Finding {
    /// Locate a reply's diagnostic in its source file, and the places its
    /// message names.
    pub fn new(
        reply: &Reply,
        index: &LineIndex,
        channel: &str,
        mut diagnostic: Diagnostic,
    ) -> Self {
        let (start, end, fix) = locate_diagnostic(reply, index, &mut diagnostic);
        Finding {
            diagnostic,
            start,
            end,
            reply_id: reply.meta.id.clone(),
            reply_title: reply.meta.title.clone(),
            channel: channel.to_owned(),
            fix,
        }
    }

    /// "reply `refund-1` (Refund approved)", when the reply has an id or
    /// title.
    pub fn reply_label(&self) -> Option<String> {
        label(self.reply_id.as_deref(), self.reply_title.as_deref())
    }
}

/// A diagnostic of a library rule (`inconsistent-fact`, `near-duplicate`,
/// …): about several replies, perhaps in several files, found once every
/// file has been checked. The first place is where it is reported; each
/// format shows every place.
#[derive(Debug, Clone)]
pub struct LibraryFinding {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    /// The channel of the reply at the first place.
    pub channel: String,
    /// Every place involved, the one reported first: never empty.
    pub places: Vec<Place>,
}

impl LibraryFinding {
    /// The message shown at place `i`, for the formats that show every
    /// place on its own (`github`, `checkstyle`), on several lines. At the
    /// first place: the message, the reply, what it says there, every
    /// other place with what it says there, and the help:
    ///
    /// ```text
    /// refund window of 30 days here, 14 days in 2 other replies
    /// in reply `refund-1` (Refund approved)
    /// here: states 30 days
    /// see also emails/returns.md:3:10 (reply `returns`): states 14 days
    /// help: say the same number of days in every reply
    /// ```
    ///
    /// At another place: what the reply says there, the reply, the first
    /// place with the message, and the help:
    ///
    /// ```text
    /// states 14 days
    /// in reply `returns`
    /// see macros/refunds.toml:5:29: refund window of 30 days here, …
    /// help: say the same number of days in every reply
    /// ```
    pub fn place_message(&self, i: usize) -> String {
        let mut lines = Vec::new();
        let (Some(first), Some(place)) = (self.places.first(), self.places.get(i)) else {
            return self.message.clone();
        };
        let reply = place.reply_label().map(|r| format!("in {r}"));
        if i == 0 {
            lines.push(self.message.clone());
            lines.extend(reply);
            if !place.note.is_empty() {
                lines.push(format!("here: {}", place.note));
            }
            for other in &self.places[1..] {
                let mut line = format!("see also {}", other.position());
                if let Some(r) = other.reply_label() {
                    line.push_str(&format!(" ({r})"));
                }
                if !other.note.is_empty() {
                    line.push_str(": ");
                    line.push_str(&other.note);
                }
                lines.push(line);
            }
        } else {
            if !place.note.is_empty() {
                lines.push(place.note.clone());
            }
            lines.extend(reply);
            lines.push(format!("see {}: {}", first.position(), self.message));
        }
        if let Some(help) = &self.help {
            lines.push(format!("help: {help}"));
        }
        lines.join("\n")
    }
}

/// One place a library diagnostic involves: a span of a reply, located in
/// its file, with what the reply says there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The file's name as reports show it.
    pub path: String,
    pub start: Position,
    pub end: Position,
    pub reply_id: Option<String>,
    pub reply_title: Option<String>,
    /// What the reply says or is there ("states 30 days"), shown beside
    /// the place.
    pub note: String,
    /// The text of the line `start` is on (without its line break), for
    /// formats that show the line; a window of it around `start` when the
    /// line is very long.
    pub line: String,
    /// The byte offset in the file where `line` starts: the span is
    /// `start.offset - line_start ..` in `line`.
    pub line_start: usize,
}

impl Place {
    /// "reply `refund-1` (Refund approved)", when the reply has an id or
    /// title.
    pub fn reply_label(&self) -> Option<String> {
        label(self.reply_id.as_deref(), self.reply_title.as_deref())
    }

    /// [`Place::line`], without a line break even if it was given one.
    pub fn line_text(&self) -> &str {
        let line = self.line.strip_suffix('\n').unwrap_or(&self.line);
        line.strip_suffix('\r').unwrap_or(line)
    }

    /// The bytes of [`Place::line_text`] the place covers, from its
    /// offsets: from `start` to `end`, or to the end of the line when it
    /// runs past it; empty where it covers nothing.
    pub fn span_in_line(&self) -> Range<usize> {
        let line = self.line_text();
        let at = |offset: usize| {
            let mut i = offset.saturating_sub(self.line_start).min(line.len());
            while !line.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let start = at(self.start.offset);
        let end = if self.end.line == self.start.line {
            at(self.end.offset).max(start)
        } else {
            line.len()
        };
        start..end
    }

    /// "path:line:column" of the place's start.
    pub fn position(&self) -> String {
        format!("{}:{}:{}", self.path, self.start.line, self.start.column)
    }
}

/// "reply `refund-1` (Refund approved)" from a reply's id and title.
fn label(id: Option<&str>, title: Option<&str>) -> Option<String> {
    match (id, title) {
        (Some(id), Some(t)) => Some(format!("reply `{id}` ({t})")),
        (Some(id), None) => Some(format!("reply `{id}`")),
        (None, Some(t)) => Some(format!("reply \"{t}\"")),
        (None, None) => None,
    }
}

/// Everything found in one file.
#[derive(Debug)]
pub struct FileReport {
    pub source: Arc<Source>,
    pub index: LineIndex,
    pub replies: usize,
    pub findings: Vec<Finding>,
}

/// Totals for the whole run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub files: usize,
    pub replies: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Replies that nothing gave a channel (checked as `generic`).
    pub replies_without_channel: usize,
    /// Errors about the input: files that could not be read or
    /// understood, unknown rule ids in `allow` or suppression comments, …
    pub input_errors: usize,
    /// Of `input_errors`, those that kept a file, a part of a library or a
    /// reply from being checked (not part of the JSON summary).
    #[serde(skip)]
    pub blocking_errors: usize,
    /// Files met while walking a directory and not checked: binary files,
    /// files of other tools, links and special files (in the JSON summary
    /// only when there are some).
    #[serde(skip_serializing_if = "is_zero")]
    pub skipped: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Summary {
    pub fn count(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }

    pub fn diagnostics(&self) -> usize {
        self.errors + self.warnings + self.infos
    }
}

/// One output format.
///
/// A file's part of the output is rendered by [`Emitter::render`] on the
/// thread that checked the file, so that formats printed as they go cost
/// the run nothing but the write; [`Emitter::file`] then sees the files one
/// at a time, in path order. Every format writes a file's part as it comes
/// but `sarif`, whose log begins with what is known only at the end: it
/// sets the results aside (in a temporary file past a few megabytes) and
/// prints the log in `finish`.
pub trait Emitter: Sync {
    /// One file's part of the output, rendered on any thread.
    fn render(&self, report: &FileReport) -> io::Result<Vec<u8>> {
        let _ = report;
        Ok(Vec::new())
    }
    /// Called once per file, in path order, as soon as it is linted, with
    /// what [`Emitter::render`] gave for it (to write, or to set aside for
    /// a format that prints it at the end).
    fn file(
        &mut self,
        out: &mut dyn Write,
        report: &FileReport,
        rendered: Vec<u8>,
    ) -> io::Result<()> {
        let _ = report;
        out.write_all(&rendered)
    }
    /// Whether [`Emitter::library`] shows the line of each place
    /// ([`Place::line`]); when not, the files are not read again for it.
    fn shows_lines(&self) -> bool {
        false
    }
    /// The library rules' diagnostics, once every file is checked, before
    /// the input errors and [`Emitter::finish`].
    fn library(&mut self, out: &mut dyn Write, findings: &[LibraryFinding]) -> io::Result<()> {
        let _ = (out, findings);
        Ok(())
    }
    /// A file that could not be read (also printed on stderr by the caller
    /// for formats that do not carry errors).
    fn input_error(&mut self, out: &mut dyn Write, error: &InputError) -> io::Result<()> {
        let _ = (out, error);
        Ok(())
    }
    /// Whether `input_error` puts errors in the output itself.
    fn carries_errors(&self) -> bool {
        false
    }
    /// Called once at the end.
    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()>;
}

/// The emitter for a format.
pub fn emitter(format: Format, color: bool) -> Box<dyn Emitter> {
    match format {
        Format::Human => Box::new(human::Human::new(color)),
        Format::Line => Box::new(line::Line),
        Format::Json => Box::new(json::Json::default()),
        Format::Jsonl => Box::new(jsonl::Jsonl),
        Format::Sarif => Box::new(sarif::Sarif::default()),
        Format::Github => Box::new(github::Github),
        Format::Checkstyle => Box::new(checkstyle::Checkstyle::default()),
    }
}

/// The JSON shape of one diagnostic, shared by `json` and `jsonl`. This is
/// a stable wire format: fields are only ever added.
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic<'a> {
    pub path: &'a str,
    pub reply_id: Option<&'a str>,
    pub reply_title: Option<&'a str>,
    pub channel: &'a str,
    pub rule: &'a str,
    pub severity: Severity,
    pub message: &'a str,
    pub help: Option<&'a str>,
    /// The part of the reply the diagnostic is about, when it is not the
    /// body: `subject`, `header` or `footer`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<replylint_core::diagnostic::Part>,
    /// 1-based line, column (Unicode scalar values), UTF-16 column and byte
    /// offset in the file.
    pub start: Position,
    pub end: Position,
    pub fix: Option<JsonFix<'a>>,
    /// A library diagnostic's: what the reply says where it is reported.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'a str>,
    /// A library diagnostic's: the other places it involves, in order
    /// (none for a diagnostic of one place).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related: Option<Vec<JsonRelated<'a>>>,
}

/// The JSON shape of another place a library diagnostic involves.
#[derive(Debug, Serialize)]
pub struct JsonRelated<'a> {
    pub path: &'a str,
    pub reply_id: Option<&'a str>,
    pub reply_title: Option<&'a str>,
    pub start: Position,
    pub end: Position,
    /// What the reply says there.
    pub message: &'a str,
}

#[derive(Debug, Serialize)]
pub struct JsonFix<'a> {
    pub applicability: Applicability,
    pub edits: &'a [LocatedEdit],
}

impl<'a> JsonDiagnostic<'a> {
    pub fn new(path: &'a str, f: &'a Finding) -> Self {
        JsonDiagnostic {
            path,
            reply_id: f.reply_id.as_deref(),
            reply_title: f.reply_title.as_deref(),
            channel: &f.channel,
            rule: f.diagnostic.rule,
            severity: f.diagnostic.severity,
            message: &f.diagnostic.message,
            help: f.diagnostic.help.as_deref(),
            part: (!f.diagnostic.part.is_body()).then_some(f.diagnostic.part),
            start: f.start,
            end: f.end,
            fix: f.fix.as_ref().map(|(a, edits)| JsonFix {
                applicability: *a,
                edits,
            }),
            note: None,
            related: None,
        }
    }

    /// A library diagnostic, at its first place with the others as
    /// `related`; `None` without places.
    pub fn library(f: &'a LibraryFinding) -> Option<Self> {
        let (first, others) = f.places.split_first()?;
        Some(JsonDiagnostic {
            path: &first.path,
            reply_id: first.reply_id.as_deref(),
            reply_title: first.reply_title.as_deref(),
            channel: &f.channel,
            rule: f.rule,
            severity: f.severity,
            message: &f.message,
            help: f.help.as_deref(),
            part: None,
            start: first.start,
            end: first.end,
            fix: None,
            note: Some(&first.note),
            related: Some(
                others
                    .iter()
                    .map(|p| JsonRelated {
                        path: &p.path,
                        reply_id: p.reply_id.as_deref(),
                        reply_title: p.reply_title.as_deref(),
                        start: p.start,
                        end: p.end,
                        message: &p.note,
                    })
                    .collect(),
            ),
        })
    }
}

/// The JSON shape of an input error.
#[derive(Debug, Serialize)]
pub struct JsonError<'a> {
    pub path: &'a str,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: &'a str,
}

impl<'a> JsonError<'a> {
    pub fn new(e: &'a InputError) -> Self {
        JsonError {
            path: &e.path,
            line: e.position.map(|p| p.0),
            column: e.position.map(|p| p.1),
            message: &e.message,
        }
    }
}

/// Library findings to render in every format's tests.
#[cfg(test)]
pub(crate) mod sample {
    use super::{LibraryFinding, Place};
    use replylint_core::diagnostic::Severity;
    use replylint_core::location::LineIndex;

    /// A TOML library with two replies.
    pub const REFUNDS: &str = concat!(
        "[[reply]]\n",
        "id = \"refund-1\"\n",
        "title = \"Refund approved\"\n",
        "text = \"\"\"\n",
        "Refunds are accepted within 30 days of delivery.\n",
        "Thanks for your patience!\n",
        "\"\"\"\n",
        "\n",
        "[[reply]]\n",
        "id = \"refund-7\"\n",
        "text = \"You can return it within 14 days.\"\n",
    );

    /// A Markdown reply with CRLF line breaks, whose line has a tab, an
    /// emoji, CJK and a combining accent before and after the span.
    pub const RESI: &str = concat!(
        "---\r\n",
        "id: resi\r\n",
        "---\r\n",
        "\tGrazie 😊! Può restituirlo entro 14 giorni — 漢字 e\u{301} là.\r\n",
    );

    /// The place the first `needle` is in `text`, located as the caller
    /// locates one: positions and line from the file's line index.
    pub fn place(
        path: &str,
        text: &str,
        needle: &str,
        id: Option<&str>,
        title: Option<&str>,
        note: &str,
    ) -> Place {
        let index = LineIndex::new(text);
        let at = text.find(needle).expect("the needle is in the text");
        let start = index.position(text, at);
        let end = index.position(text, at + needle.len());
        Place {
            path: path.to_owned(),
            start,
            end,
            reply_id: id.map(str::to_owned),
            reply_title: title.map(str::to_owned),
            note: note.to_owned(),
            line: text[index.line_range(text, start.line)].to_owned(),
            line_start: index.line_range(text, start.line).start,
        }
    }

    /// An `inconsistent-fact` warning with three places in two files (the
    /// last on the CRLF line with a tab, an emoji, CJK and a combining
    /// accent), and a `missing-translation` info with one place whose span
    /// runs over two lines.
    pub fn findings() -> Vec<LibraryFinding> {
        vec![
            LibraryFinding {
                rule: "inconsistent-fact",
                severity: Severity::Warning,
                message: "refund window of 30 days here, 14 days in 2 other replies".to_owned(),
                help: Some("say the same number of days in every reply".to_owned()),
                channel: "email".to_owned(),
                places: vec![
                    place(
                        "macros/refunds.toml",
                        REFUNDS,
                        "30 days",
                        Some("refund-1"),
                        Some("Refund approved"),
                        "states 30 days",
                    ),
                    place(
                        "macros/refunds.toml",
                        REFUNDS,
                        "14 days",
                        Some("refund-7"),
                        None,
                        "states 14 days",
                    ),
                    place(
                        "emails/resi.md",
                        RESI,
                        "14 giorni",
                        Some("resi"),
                        None,
                        "states 14 days",
                    ),
                ],
            },
            LibraryFinding {
                rule: "missing-translation",
                severity: Severity::Info,
                message: "reply `refund-1` has no Italian version".to_owned(),
                help: None,
                channel: "email".to_owned(),
                places: vec![place(
                    "macros/refunds.toml",
                    REFUNDS,
                    "delivery.\nThanks",
                    Some("refund-1"),
                    Some("Refund approved"),
                    "",
                )],
            },
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::sample::{self, REFUNDS, RESI, place};

    #[test]
    fn a_place_is_found_in_its_line_by_its_columns() {
        // After a tab, an emoji, accents; the line has no CR.
        let p = place("r.md", RESI, "14 giorni", None, None, "");
        assert_eq!(p.line_text(), p.line);
        assert!(!p.line.contains('\r'));
        assert_eq!(&p.line_text()[p.span_in_line()], "14 giorni");
        // A span over two lines runs to the end of the first.
        let p = place("r.toml", REFUNDS, "delivery.\nThanks", None, None, "");
        assert_eq!(&p.line_text()[p.span_in_line()], "delivery.");
        // A line given with its break; columns past the end of the line.
        let mut p = place("r.md", RESI, "là.", None, None, "");
        p.line.push_str("\r\n");
        assert_eq!(&p.line_text()[p.span_in_line()], "là.");
        p.start.offset += 50;
        p.end.offset += 50;
        assert_eq!(p.span_in_line(), p.line_text().len()..p.line_text().len());
        // An empty span is an empty range where it is.
        let mut p = place("r.md", RESI, "14", None, None, "");
        p.end = p.start;
        let r = p.span_in_line();
        assert!(r.is_empty() && p.line_text()[r.start..].starts_with("14"));
    }

    #[test]
    fn each_place_has_its_message_for_formats_that_show_places_apart() {
        let f = &sample::findings()[0];
        assert_eq!(
            f.place_message(0),
            [
                "refund window of 30 days here, 14 days in 2 other replies",
                "in reply `refund-1` (Refund approved)",
                "here: states 30 days",
                "see also macros/refunds.toml:11:34 (reply `refund-7`): states 14 days",
                "see also emails/resi.md:4:34 (reply `resi`): states 14 days",
                "help: say the same number of days in every reply",
            ]
            .join("\n")
        );
        assert_eq!(
            f.place_message(2),
            [
                "states 14 days",
                "in reply `resi`",
                "see macros/refunds.toml:5:29: refund window of 30 days here, 14 days in 2 other replies",
                "help: say the same number of days in every reply",
            ]
            .join("\n")
        );
        // No note, no reply, no help: what is left.
        let f = &sample::findings()[1];
        assert_eq!(
            f.place_message(0),
            "reply `refund-1` has no Italian version\nin reply `refund-1` (Refund approved)"
        );
        assert_eq!(f.place_message(7), f.message);
    }
}
