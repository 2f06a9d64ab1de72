//! `json`: one document at the end of the run.
//!
//! ```json
//! {
//!   "version": 1,
//!   "diagnostics": [ { "path", "reply_id", "reply_title", "channel", "rule",
//!                      "severity", "message", "help", "start", "end", "fix" } ],
//!   "errors": [ { "path", "line", "column", "message" } ],
//!   "summary": { "files", "replies", "errors", "warnings", "infos",
//!                "replies_without_channel", "input_errors", "skipped"? }
//! }
//! ```
//!
//! `start` and `end` are `{ "line", "column", "column_utf16", "offset" }`:
//! 1-based line, 1-based column in Unicode scalar values, 1-based column in
//! UTF-16 code units, and the byte offset in the file on disk (in a UTF-16
//! file, in its text as UTF-8). A diagnostic about the reply's subject,
//! header or footer also has `"part"` (`"subject"`, `"header"`,
//! `"footer"`); body diagnostics have none. `skipped` (files not checked)
//! is in the summary only when some were.

use super::{Emitter, FileReport, JsonDiagnostic, JsonError, Summary};
use crate::input::InputError;
use serde::Serialize;
use std::io::{self, Write};

/// Version of the JSON document; bumped only on incompatible changes.
pub const VERSION: u32 = 1;

#[derive(Default)]
pub struct Json {
    /// The diagnostics so far, file by file (files without any left out),
    /// each printed at its depth in the document, separated by commas.
    diagnostics: Vec<Vec<u8>>,
    errors: Vec<serde_json::Value>,
}

/// `value` pretty-printed as it stands `depth` levels deep in the document
/// (two spaces a level): what `serde_json::to_vec_pretty` prints, its
/// lines after the first indented.
pub(super) fn nested(out: &mut Vec<u8>, value: &impl Serialize, depth: usize) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(out, Nested::at(depth));
    value.serialize(&mut serializer)?;
    Ok(())
}

/// `serde_json`'s `PrettyFormatter` (two spaces), starting `depth` levels
/// in.
struct Nested {
    indent: usize,
    has_value: bool,
}

impl Nested {
    fn at(depth: usize) -> Self {
        Nested {
            indent: depth,
            has_value: false,
        }
    }

    fn newline<W: ?Sized + Write>(&self, writer: &mut W, first: bool) -> io::Result<()> {
        writer.write_all(if first { b"\n" } else { b",\n" })?;
        self.pad(writer)
    }

    fn pad<W: ?Sized + Write>(&self, writer: &mut W) -> io::Result<()> {
        const SPACES: &[u8] = &[b' '; 64];
        let mut left = 2 * self.indent;
        while left > 0 {
            let n = left.min(SPACES.len());
            writer.write_all(&SPACES[..n])?;
            left -= n;
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.indent += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.indent -= 1;
        if self.has_value {
            writer.write_all(b"\n")?;
            self.pad(writer)?;
        }
        writer.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.newline(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.newline(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

impl Emitter for Json {
    /// The file's diagnostics as they appear in the document, rendered on
    /// the thread that checked the file.
    fn render(&self, report: &FileReport) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        for (i, f) in report.findings.iter().enumerate() {
            out.extend_from_slice(if i == 0 { b"    " } else { b",\n    " });
            nested(&mut out, &JsonDiagnostic::new(&report.source.name, f), 2)?;
        }
        Ok(out)
    }

    fn file(
        &mut self,
        _out: &mut dyn Write,
        _report: &FileReport,
        rendered: Vec<u8>,
    ) -> io::Result<()> {
        if !rendered.is_empty() {
            self.diagnostics.push(rendered);
        }
        Ok(())
    }

    fn input_error(&mut self, _out: &mut dyn Write, error: &InputError) -> io::Result<()> {
        self.errors
            .push(serde_json::to_value(JsonError::new(error))?);
        Ok(())
    }

    fn carries_errors(&self) -> bool {
        true
    }

    /// The document, as `serde_json` pretty-prints it, with the diagnostics
    /// rendered file by file.
    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        write!(out, "{{\n  \"version\": {VERSION},\n  \"diagnostics\": ")?;
        if self.diagnostics.is_empty() {
            out.write_all(b"[]")?;
        } else {
            out.write_all(b"[\n")?;
            for (i, file) in std::mem::take(&mut self.diagnostics)
                .into_iter()
                .enumerate()
            {
                if i > 0 {
                    out.write_all(b",\n")?;
                }
                out.write_all(&file)?;
            }
            out.write_all(b"\n  ]")?;
        }
        let mut doc = b",\n  \"errors\": ".to_vec();
        nested(&mut doc, &std::mem::take(&mut self.errors), 1)?;
        doc.extend_from_slice(b",\n  \"summary\": ");
        nested(&mut doc, summary, 1)?;
        doc.extend_from_slice(b"\n}\n");
        out.write_all(&doc)
    }
}
