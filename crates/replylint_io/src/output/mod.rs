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
use replylint_core::diagnostic::{Applicability, Diagnostic, Severity, Span};
use replylint_core::location::{LineIndex, Position};
use replylint_core::reply::{Reply, Source, locate, locate_in};
use serde::Serialize;
use std::io::{self, Write};
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

/// A fix edit located in the source file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LocatedEdit {
    pub start: Position,
    pub end: Position,
    pub content: String,
}

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
        diagnostic.locate_message(|offset| locate(reply, index, Span::empty(offset)).0);
        let (start, end) = locate_in(reply, index, diagnostic.part, diagnostic.span);
        let fix = diagnostic.fix.as_ref().map(|f| {
            let edits = f
                .edits
                .iter()
                .map(|e| {
                    let (start, end) = locate(reply, index, e.span);
                    LocatedEdit {
                        start,
                        end,
                        content: e.content.clone(),
                    }
                })
                .collect();
            (f.applicability, edits)
        });
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
/// at a time, in path order. Formats that are one document (`json`,
/// `sarif`) collect in `file` and print in `finish`.
pub trait Emitter: Sync {
    /// One file's part of the output, rendered on any thread.
    fn render(&self, report: &FileReport) -> io::Result<Vec<u8>> {
        let _ = report;
        Ok(Vec::new())
    }
    /// Called once per file, in path order, as soon as it is linted, with
    /// what [`Emitter::render`] gave for it (to keep, for the formats that
    /// print everything at the end).
    fn file(
        &mut self,
        out: &mut dyn Write,
        report: &FileReport,
        rendered: Vec<u8>,
    ) -> io::Result<()> {
        let _ = report;
        out.write_all(&rendered)
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
        }
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
