//! `json`: one document, written as the run goes: its head, each file's
//! diagnostics as soon as the file is checked, then the library rules'
//! diagnostics, the errors and the summary. Only the errors (one per file
//! that could not be read) are held until the end, where the document
//! lists them; the bytes are those `serde_json` pretty-prints for the
//! whole document.
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
    /// How far the document is written.
    written: Written,
    errors: Vec<serde_json::Value>,
}

/// How far the `json` document is written.
#[derive(Default, Clone, Copy, PartialEq, Eq)]
enum Written {
    /// Nothing yet.
    #[default]
    Nothing,
    /// The head, up to `"diagnostics": `, and no diagnostic.
    Head,
    /// The head and at least one diagnostic: the array is open.
    Diagnostics,
}

impl Json {
    /// Write the head of the document, `{ "version": 1, "diagnostics": `,
    /// unless it is written.
    fn head(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.written == Written::Nothing {
            write!(out, "{{\n  \"version\": {VERSION},\n  \"diagnostics\": ")?;
            self.written = Written::Head;
        }
        Ok(())
    }

    /// Write diagnostics rendered at their depth in the document and
    /// separated by commas (nothing when `rendered` is empty), after those
    /// written before.
    /// The head waits for the first diagnostic: a run with none prints
    /// its whole document at the end, after what it says on stderr, as
    /// before the document was written as it goes.
    fn diagnostics(&mut self, out: &mut dyn Write, rendered: &[u8]) -> io::Result<()> {
        if rendered.is_empty() {
            return Ok(());
        }
        self.head(out)?;
        out.write_all(if self.written == Written::Diagnostics {
            b",\n"
        } else {
            b"[\n"
        })?;
        self.written = Written::Diagnostics;
        out.write_all(rendered)
    }
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

    /// The file's diagnostics, written as they come.
    fn file(
        &mut self,
        out: &mut dyn Write,
        _report: &FileReport,
        rendered: Vec<u8>,
    ) -> io::Result<()> {
        self.diagnostics(out, &rendered)
    }

    /// The library diagnostics, after the files', each written as it is
    /// rendered (one can have thousands of places).
    fn library(&mut self, out: &mut dyn Write, findings: &[LibraryFinding]) -> io::Result<()> {
        let mut rendered = Vec::new();
        for d in findings.iter().filter_map(JsonDiagnostic::library) {
            rendered.clear();
            rendered.extend_from_slice(b"    ");
            nested(&mut rendered, &d, 2)?;
            self.diagnostics(out, &rendered)?;
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

    /// The rest of the document: the end of the diagnostics, the errors
    /// and the summary, as `serde_json` pretty-prints them.
    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        self.head(out)?;
        let mut doc = if self.written == Written::Diagnostics {
            b"\n  ]".to_vec()
        } else {
            b"[]".to_vec()
        };
        self.written = Written::Nothing;
        doc.extend_from_slice(b",\n  \"errors\": ");
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
    fn the_document_is_written_as_it_goes() {
        let mut json = Json::default();
        let mut out = Vec::new();
        json.diagnostics(&mut out, b"").unwrap();
        assert!(out.is_empty());
        json.diagnostics(&mut out, b"    {}").unwrap();
        assert_eq!(out, b"{\n  \"version\": 1,\n  \"diagnostics\": [\n    {}");
        json.diagnostics(&mut out, b"").unwrap();
        json.diagnostics(&mut out, b"    []").unwrap();
        assert!(out.ends_with(b"\"diagnostics\": [\n    {},\n    []"));
        json.finish(&mut out, &summary()).unwrap();
        let text = String::from_utf8(out).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(text, serde_json::to_string_pretty(&value).unwrap() + "\n");
        assert_eq!(value["diagnostics"], serde_json::json!([{}, []]));
    }

    #[test]
    fn a_document_without_diagnostics() {
        let mut json = Json::default();
        let mut out = Vec::new();
        json.library(&mut out, &[]).unwrap();
        json.finish(&mut out, &Summary::default()).unwrap();
        let expected = serde_json::json!({
            "version": 1,
            "diagnostics": [],
            "errors": [],
            "summary": Summary::default(),
        });
        let expected = serde_json::to_string_pretty(&expected).unwrap() + "\n";
        assert_eq!(String::from_utf8(out).unwrap(), expected);
        // Without a call before `finish`, the same.
        let mut out = Vec::new();
        Json::default()
            .finish(&mut out, &Summary::default())
            .unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }

    #[test]
    fn library_diagnostics_come_after_the_files() {
        let mut json = Json::default();
        let mut out = Vec::new();
        json.diagnostics(&mut out, b"").unwrap();
        json.diagnostics(&mut out, b"    {}").unwrap();
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
