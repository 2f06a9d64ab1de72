//! The diagnostic model: what a rule reports about a reply.
//!
//! Spans are byte ranges into the reply body (`Reply::body`), or into one of
//! its fields (subject, header, footer) when the diagnostic's [`Part`] says
//! so. They become
//! positions in the file on disk in exactly one place, [`crate::location`].

use crate::location::Position;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How serious a diagnostic is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rule's configured level: a severity, or `off` (the default).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    #[default]
    Off,
    Info,
    Warning,
    Error,
}

impl Level {
    pub const fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

impl From<Severity> for Level {
    fn from(s: Severity) -> Self {
        match s {
            Severity::Info => Level::Info,
            Severity::Warning => Level::Warning,
            Severity::Error => Level::Error,
        }
    }
}

/// A byte range `start..end` into a reply body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub const fn empty(at: usize) -> Self {
        Span { start: at, end: at }
    }

    pub const fn len(self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// Whether a fix can be applied without a human looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Applied by `check --fix`: it cannot change what the reply means.
    Safe,
    /// Applied only with `--unsafe-fixes`: it may change meaning or tone.
    Unsafe,
}

/// Replace the bytes of `span` with `content` (empty content removes them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub span: Span,
    pub content: String,
}

impl Edit {
    pub fn replace(span: Span, content: impl Into<String>) -> Self {
        Edit {
            span,
            content: content.into(),
        }
    }

    pub fn delete(span: Span) -> Self {
        Edit::replace(span, "")
    }

    pub fn insert(at: usize, content: impl Into<String>) -> Self {
        Edit::replace(Span::empty(at), content)
    }
}

/// A remedy: one or more non-overlapping edits applied together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(edits: Vec<Edit>) -> Self {
        Fix {
            applicability: Applicability::Safe,
            edits,
        }
    }

    pub fn unsafe_(edits: Vec<Edit>) -> Self {
        Fix {
            applicability: Applicability::Unsafe,
            edits,
        }
    }
}

/// The part of a reply a diagnostic's span points into: the body, or one
/// of the short fields some channels send beside it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Part {
    #[default]
    Body,
    /// The email subject line.
    Subject,
    /// A WhatsApp template's header.
    Header,
    /// A WhatsApp template's footer.
    Footer,
}

impl Part {
    pub const fn is_body(self) -> bool {
        matches!(self, Part::Body)
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            Part::Body => "body",
            Part::Subject => "subject",
            Part::Header => "header",
            Part::Footer => "footer",
        }
    }
}

/// One problem found in one reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Places in the file the message names, still to be written into it
    /// as `line:column` (see [`Message`]); empty once the diagnostic is
    /// located ([`Diagnostic::locate_message`]).
    pub message_positions: Vec<MessagePosition>,
    /// What to do about it, when there is something specific to say.
    pub help: Option<String>,
    /// The part of the reply `span` is a range of. Fixes only ever edit
    /// the body.
    pub part: Part,
    pub span: Span,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn with_help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }

    /// Say that the span is a range of `part` rather than of the body.
    pub fn in_part(&mut self, part: Part) -> &mut Self {
        self.part = part;
        self
    }

    pub fn with_fix(&mut self, fix: Fix) -> &mut Self {
        self.fix = Some(fix);
        self
    }

    /// Write the `line:column` of each of [`Self::message_positions`] into
    /// the message; `position` gives the place in the file of a body
    /// offset.
    pub fn locate_message(&mut self, position: impl Fn(usize) -> Position) {
        for p in std::mem::take(&mut self.message_positions).iter().rev() {
            let at = position(p.offset);
            self.message
                .insert_str(p.index, &format!("{}:{}", at.line, at.column));
        }
    }
}

/// A place in the file named by a diagnostic's message: the body offset,
/// and the byte of the message its `line:column` goes before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MessagePosition {
    pub index: usize,
    pub offset: usize,
}

/// A message that names places in the file ("formal `Lei` (3:1) mixed with
/// informal `tuo` (3:39)"). A rule knows byte offsets into the body, not
/// lines and columns, which are computed in one place, when the
/// diagnostic is located: the message keeps the offsets until then.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Message {
    text: String,
    positions: Vec<MessagePosition>,
}

impl Message {
    pub fn new(text: impl Into<String>) -> Self {
        Message {
            text: text.into(),
            positions: Vec::new(),
        }
    }

    /// More text.
    pub fn then(mut self, text: &str) -> Self {
        self.text.push_str(text);
        self
    }

    /// The `line:column` of body offset `offset`.
    pub fn at(mut self, offset: usize) -> Self {
        self.positions.push(MessagePosition {
            index: self.text.len(),
            offset,
        });
        self
    }

    /// The text, and the places still to be written into it.
    pub fn into_parts(self) -> (String, Vec<MessagePosition>) {
        (self.text, self.positions)
    }
}
