//! `json`: one document at the end of the run.
//!
//! ```json
//! {
//!   "version": 1,
//!   "diagnostics": [ { "path", "reply_id", "reply_title", "channel", "rule",
//!                      "severity", "message", "help", "start", "end", "fix" } ],
//!   "errors": [ { "path", "line", "column", "message" } ],
//!   "summary": { "files", "replies", "errors", "warnings", "infos",
//!                "replies_without_channel", "input_errors" }
//! }
//! ```
//!
//! `start` and `end` are `{ "line", "column", "column_utf16", "offset" }`:
//! 1-based line, 1-based column in Unicode scalar values, 1-based column in
//! UTF-16 code units, and the byte offset in the file on disk. A diagnostic
//! about the reply's subject, header or footer also has `"part"`
//! (`"subject"`, `"header"`, `"footer"`); body diagnostics have none.

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
/// (two spaces a level): its lines after the first indented. A JSON string
/// holds no raw line break, so every line break is the printer's.
pub(super) fn nested(out: &mut Vec<u8>, value: &impl Serialize, depth: usize) -> io::Result<()> {
    let text = serde_json::to_vec_pretty(value)?;
    for (i, line) in text.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.push(b'\n');
            out.extend(std::iter::repeat_n(b' ', 2 * depth));
        }
        out.extend_from_slice(line);
    }
    Ok(())
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
