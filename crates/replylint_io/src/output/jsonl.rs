//! `jsonl`: JSON Lines, streamed. Each line is an object with a `type`:
//! `"diagnostic"` (the fields of the `json` format's diagnostics), `"error"`
//! (a file that could not be read) and, last, `"summary"`.

use super::{Emitter, FileReport, JsonDiagnostic, JsonError, Summary};
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
