//! `jsonl`: JSON Lines, streamed. Each line is an object with a `type`:
//! `"diagnostic"` (the fields of the `json` format's diagnostics), `"error"`
//! (a file that could not be read) and, last, `"summary"`. The library
//! rules' diagnostics come after the files', with `note` and `related` as
//! in the `json` format.

use super::{Emitter, FileReport, JsonDiagnostic, JsonError, LibraryFinding, Summary};
use crate::input::InputError;
use serde::Serialize;
use std::io::{self, Write};

pub struct Jsonl;

#[derive(Serialize)]
struct Tagged<T: Serialize> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(flatten)]
    value: T,
}

fn write_line(out: &mut dyn Write, kind: &'static str, value: impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &Tagged { kind, value })?;
    writeln!(out)
}

impl Emitter for Jsonl {
    fn render(&self, report: &FileReport) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        for f in &report.findings {
            write_line(
                &mut out,
                "diagnostic",
                JsonDiagnostic::new(&report.source.name, f),
            )?;
        }
        Ok(out)
    }

    fn library(&mut self, out: &mut dyn Write, findings: &[LibraryFinding]) -> io::Result<()> {
        for d in findings.iter().filter_map(JsonDiagnostic::library) {
            write_line(out, "diagnostic", d)?;
        }
        Ok(())
    }

    fn input_error(&mut self, out: &mut dyn Write, error: &InputError) -> io::Result<()> {
        write_line(out, "error", JsonError::new(error))
    }

    fn carries_errors(&self) -> bool {
        true
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        write_line(out, "summary", summary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::sample;

    #[test]
    fn a_library_diagnostic_is_a_line_with_its_places_as_related() {
        let mut out = Vec::new();
        Jsonl.library(&mut out, &sample::findings()).unwrap();
        let text = String::from_utf8(out).unwrap();
        for line in text.lines() {
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            assert_eq!(value["type"], "diagnostic");
        }
        insta::assert_snapshot!(text);
    }
}
