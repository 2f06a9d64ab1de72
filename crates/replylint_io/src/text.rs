//! One text checked as `replylint check -` checks standard input (read by
//! the same reader, so a front matter block counts; linted by
//! [`crate::check::check_reply`]), its safe fixes applied as `--fix`
//! applies them ([`crate::fix::fix_text`]), and its counts as `replylint
//! count` gives them: what the MCP server's tools and the Python module
//! compute.
//!
//! The text is only ever text: it is read as standard input is, under
//! standard input's name, and nothing names a file to read or write.

use crate::input::{self, InputError, Read};
use crate::output::{Finding, LocatedEdit};
use replylint_core::config::Settings;
use replylint_core::diagnostic::{Applicability, Part, Severity};
use replylint_core::lang::Language;
use replylint_core::location::{self, LineIndex, Position};
use replylint_core::mode::Mode;
use replylint_core::reply::{Reply, STDIN_NAME, Source};
use serde::Serialize;
use std::sync::Arc;

/// A place in the text: 1-based line, 1-based column in Unicode scalar
/// values and in UTF-16 code units, 0-based offset in UTF-8 bytes, in
/// UTF-16 code units and in Unicode scalar values (not in the MCP tools'
/// output, whose clients index strings in UTF-16).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Place {
    pub line: usize,
    pub column: usize,
    pub column_utf16: usize,
    pub offset: usize,
    pub offset_utf16: usize,
    #[serde(skip)]
    pub offset_chars: usize,
}

impl Place {
    pub fn new(text: &str, p: Position) -> Self {
        Place {
            line: p.line,
            column: p.column,
            column_utf16: p.column_utf16,
            offset: p.offset,
            offset_utf16: location::utf16_before(text, p.offset),
            offset_chars: location::chars_before(text, p.offset),
        }
    }
}

/// One problem found.
#[derive(Debug, Serialize)]
pub struct Problem {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    /// The part of the reply it is about when not the body: `subject`,
    /// `header` or `footer`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<Part>,
    /// The text flagged (at most [`EXCERPT_CHARS`] characters, then `…`).
    pub excerpt: String,
    pub start: Place,
    pub end: Place,
    pub fix: Option<FixOut>,
}

/// Excerpts longer than this are cut.
pub const EXCERPT_CHARS: usize = 120;

#[derive(Debug, Serialize)]
pub struct FixOut {
    pub applicability: Applicability,
    pub edits: Vec<EditOut>,
}

/// Replace the text from `start` to `end` by `replacement`.
#[derive(Debug, Serialize)]
pub struct EditOut {
    pub start: Place,
    pub end: Place,
    pub replacement: String,
}

/// A problem with the reply's own settings or suppression comments (a
/// misspelt rule id): the reply is still checked when it can be.
#[derive(Debug, Serialize)]
pub struct InputProblem {
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl From<&InputError> for InputProblem {
    fn from(e: &InputError) -> Self {
        InputProblem {
            line: e.position.map(|p| p.0),
            column: e.position.map(|p| p.1),
            message: e.message.clone(),
        }
    }
}

/// What `check_reply` gives.
#[derive(Debug, Serialize)]
pub struct Checked {
    /// No error and no warning (infos are suggestions).
    pub clean: bool,
    /// The channel, language and mode it was checked as.
    pub channel: String,
    pub language: Option<Language>,
    pub mode: Mode,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub diagnostics: Vec<Problem>,
    pub input_errors: Vec<InputProblem>,
    /// The text with every safe fix applied, when there is one to apply.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fixed_text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fixes_applied: Option<usize>,
    /// Safe fixes that could not be applied, and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fix_notes: Vec<String>,
}

/// The reply `text` holds, read as standard input is: `Err` with the
/// messages of what could not be read.
fn read(text: &str) -> Result<(Arc<Source>, Reply), String> {
    let source = Arc::new(Source {
        path: None,
        name: STDIN_NAME.to_owned(),
        text: text.to_owned(),
    });
    match input::read_source(source, true) {
        Ok((Read::Replies(source, replies), errors)) if errors.is_empty() => {
            match <[Reply; 1]>::try_from(replies) {
                Ok([reply]) => Ok((source, reply)),
                Err(replies) => Err(format!(
                    "the text holds {} replies; give one at a time",
                    replies.len()
                )),
            }
        }
        Ok((Read::Replies(..), errors)) => Err(messages(&errors)),
        Ok((Read::Skipped(reason), _)) => Err(format!("the text was not read: {reason}")),
        Err(e) => Err(messages(&[e])),
    }
}

/// Errors as lines of `line:column: message`.
fn messages(errors: &[InputError]) -> String {
    errors
        .iter()
        .map(|e| match e.position {
            Some((line, column)) => format!("{line}:{column}: {}", e.message),
            None => e.message.clone(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Check `text` as one reply with `settings`; `Err` with the messages of
/// what kept it from being checked (front matter that does not parse, an
/// unknown channel or language in it).
pub fn check(settings: &Settings, text: &str) -> Result<Checked, String> {
    let (source, reply) = read(text)?;
    let index = LineIndex::new(&source.text);
    let at = settings.path_context(None);
    let (channel, language, mode) = match settings.reply_context_in(&at, &reply.meta) {
        Ok(rc) => (rc.channel.id.clone(), rc.language, rc.mode),
        Err((offset, message)) => {
            let p = index.position(&source.text, offset);
            return Err(format!("{}:{}: {message}", p.line, p.column));
        }
    };
    let outcome = crate::check::check_reply(settings, &at, &source, &index, (0, &reply), false);
    if !outcome.linted {
        return Err(messages(&outcome.errors));
    }
    let text = source.text.as_str();
    let diagnostics: Vec<Problem> = outcome.findings.iter().map(|f| problem(text, f)).collect();
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
    let (errors, warnings, infos) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    let safe = diagnostics.iter().any(|d| {
        d.fix
            .as_ref()
            .is_some_and(|f| f.applicability == Applicability::Safe)
    });
    let mut checked = Checked {
        clean: errors == 0 && warnings == 0 && outcome.errors.is_empty(),
        channel,
        language,
        mode,
        errors,
        warnings,
        infos,
        diagnostics,
        input_errors: outcome.errors.iter().map(InputProblem::from).collect(),
        fixed_text: None,
        fixes_applied: None,
        fix_notes: Vec::new(),
    };
    if safe {
        let fixed = crate::fix::fix_text(
            settings,
            None,
            &source.name,
            text,
            crate::fix::FixOptions::default(),
        );
        if fixed.applied > 0 && fixed.text != text {
            checked.fixed_text = Some(fixed.text);
            checked.fixes_applied = Some(fixed.applied);
        }
        checked.fix_notes = fixed.notes;
    }
    Ok(checked)
}

fn problem(text: &str, f: &Finding) -> Problem {
    let d = &f.diagnostic;
    let place = |p: Position| Place::new(text, p);
    let flagged = text.get(f.start.offset..f.end.offset).unwrap_or_default();
    let mut excerpt: String = flagged.chars().take(EXCERPT_CHARS).collect();
    if excerpt.len() < flagged.len() {
        excerpt.push('…');
    }
    let edit = |e: &LocatedEdit| EditOut {
        start: place(e.start),
        end: place(e.end),
        replacement: e.content.clone(),
    };
    Problem {
        rule: d.rule.to_owned(),
        severity: d.severity,
        message: d.message.clone(),
        help: d.help.clone(),
        part: (!d.part.is_body()).then_some(d.part),
        excerpt,
        start: place(f.start),
        end: place(f.end),
        fix: f.fix.as_ref().map(|(applicability, edits)| FixOut {
            applicability: *applicability,
            edits: edits.iter().map(edit).collect(),
        }),
    }
}

/// The counts of `text` as `replylint count --format json` gives them, in
/// `language` if given (else the front matter's, else the detected one).
pub fn count(text: &str, language: Option<Language>) -> Result<serde_json::Value, String> {
    let (_, reply) = read(text)?;
    let declared = match language {
        Some(l) => Some(l),
        None => reply
            .meta
            .language
            .as_ref()
            .map(|l| l.value.parse::<Language>())
            .transpose()?,
    };
    let counts = replylint_core::count::count(&reply, declared);
    serde_json::to_value(&counts).map_err(|e| e.to_string())
}
