//! `line`: one diagnostic per line, `path:line:col: severity[rule]: message`,
//! the shape editors' error formats (`errorformat`, problem matchers,
//! `compilation-mode`) parse. Columns are Unicode scalar values. A line
//! break in the message becomes a space, and control characters in the
//! path or the message are shown as [`super::escape`] shows them, so that a
//! diagnostic stays one line and nothing in it acts on a terminal.

use super::{Emitter, FileReport, Summary, escape};
use std::io::{self, Write};

pub struct Line;

impl Emitter for Line {
    fn render(&self, report: &FileReport) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        let path = escape::controls(&report.source.name, &[]);
        for f in &report.findings {
            let d = &f.diagnostic;
            writeln!(
                &mut out,
                "{}:{}:{}: {}[{}]: {}",
                path,
                f.start.line,
                f.start.column,
                d.severity,
                d.rule,
                escape::controls(&d.message.replace('\n', " "), &['\t'])
            )?;
        }
        Ok(out)
    }

    fn finish(&mut self, _out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}
