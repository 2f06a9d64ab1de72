//! `line`: one diagnostic per line, `path:line:col: severity[rule]: message`,
//! the shape editors' error formats (`errorformat`, problem matchers,
//! `compilation-mode`) parse. Columns are Unicode scalar values.

use super::{Emitter, FileReport, Summary};
use std::io::{self, Write};

pub struct Line;

impl Emitter for Line {
    fn render(&self, report: &FileReport) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        for f in &report.findings {
            let d = &f.diagnostic;
            writeln!(
                &mut out,
                "{}:{}:{}: {}[{}]: {}",
                report.source.name,
                f.start.line,
                f.start.column,
                d.severity,
                d.rule,
                d.message.replace('\n', " ")
            )?;
        }
        Ok(out)
    }

    fn finish(&mut self, _out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}
