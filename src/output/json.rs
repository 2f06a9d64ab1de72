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
use std::io::{self, Write};

/// Version of the JSON document; bumped only on incompatible changes.
pub const VERSION: u32 = 1;

#[derive(Default)]
pub struct Json {
    diagnostics: Vec<serde_json::Value>,
    errors: Vec<serde_json::Value>,
}

impl Emitter for Json {
    fn file(&mut self, _out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        for f in &report.findings {
            self.diagnostics
                .push(serde_json::to_value(JsonDiagnostic::new(
                    &report.source.name,
                    f,
                ))?);
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

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let doc = serde_json::json!({
            "version": VERSION,
            "diagnostics": std::mem::take(&mut self.diagnostics),
            "errors": std::mem::take(&mut self.errors),
            "summary": summary,
        });
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)
    }
}
