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
//!
//! The diagnostics of library rules (`inconsistent-fact`, `near-duplicate`,
//! …), about several replies, come after those of the files, in the same
//! array and the same shape, at the place where they are reported (`fix`
//! is `null`), with two more fields, which no other diagnostic has:
//! `note`, what the reply says there (`"states 30 days"`, or `""`), and
//! `related`, the other places, in order (`[]` when there are none):
//!
//! ```json
//! "related": [ { "path", "reply_id", "reply_title", "start", "end",
//!                "message" } ]
//! ```
//!
//! with `message` what the reply says at that place and `start`/`end` as
//! above.

use super::{Emitter, FileReport, JsonDiagnostic, JsonError, LibraryFinding, Summary};
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

    /// The library diagnostics, after the files'.
    fn library(&mut self, _out: &mut dyn Write, findings: &[LibraryFinding]) -> io::Result<()> {
        let mut out = Vec::new();
        for d in findings.iter().filter_map(JsonDiagnostic::library) {
            out.extend_from_slice(if out.is_empty() { b"    " } else { b",\n    " });
            nested(&mut out, &d, 2)?;
        }
        if !out.is_empty() {
            self.diagnostics.push(out);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::sample;

    fn summary() -> Summary {
        Summary {
            files: 2,
            replies: 3,
            warnings: 1,
            infos: 1,
            ..Summary::default()
        }
    }

    #[test]
    fn library_diagnostics_have_their_places_as_related() {
        let mut json = Json::default();
        let mut out = Vec::new();
        json.library(&mut out, &sample::findings()).unwrap();
        json.finish(&mut out, &summary()).unwrap();
        let text = String::from_utf8(out).unwrap();
        // The document is what `serde_json` pretty-prints.
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(text, serde_json::to_string_pretty(&value).unwrap() + "\n");
        let d = &value["diagnostics"];
        assert_eq!(d[0]["related"].as_array().unwrap().len(), 2);
        assert_eq!(d[0]["related"][1]["path"], "emails/resi.md");
        assert_eq!(d[1]["related"], serde_json::json!([]));
        insta::assert_snapshot!(text);
    }

    #[test]
    fn library_diagnostics_come_after_the_files() {
        let mut json = Json::default();
        let mut out = Vec::new();
        json.diagnostics.push(b"    {}".to_vec());
        json.library(&mut out, &sample::findings()).unwrap();
        json.library(&mut out, &[]).unwrap();
        json.finish(&mut out, &summary()).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let d = value["diagnostics"].as_array().unwrap();
        assert_eq!(d.len(), 3);
        assert_eq!(d[0], serde_json::json!({}));
        assert_eq!(d[1]["rule"], "inconsistent-fact");
        assert_eq!(d[2]["rule"], "missing-translation");
    }
}
