//! `line`: one diagnostic per line, `path:line:col: severity[rule]: message`,
//! the shape editors' error formats (`errorformat`, problem matchers,
//! `compilation-mode`) parse. Columns are Unicode scalar values. A line
//! break in the message becomes a space, and control characters in the
//! path or the message are shown as [`super::escape`] shows them, so that a
//! diagnostic stays one line and nothing in it acts on a terminal.
//!
//! A library diagnostic (about several replies, perhaps in several files)
//! is one line per place, each in the same shape, so that an editor's
//! list of problems has every place: the first, where it is reported, with
//! the message; each other with what the reply says there and where the
//! first place is:
//!
//! ```text
//! macros/refunds.toml:5:29: warning[inconsistent-fact]: refund window of 30 days here, 14 days in 2 other replies
//! macros/refunds.toml:11:34: warning[inconsistent-fact]: states 14 days (see macros/refunds.toml:5:29)
//! emails/resi.md:4:34: warning[inconsistent-fact]: states 14 days (see macros/refunds.toml:5:29)
//! ```
//!
//! A place without a note says `see …` alone.

use super::{Emitter, FileReport, LibraryFinding, Summary, escape};
use std::io::{self, Write};

/// `text` on one line, nothing in it acting on a terminal.
fn one_line(text: &str) -> String {
    escape::controls(
        &text.replace("\r\n", " ").replace(['\n', '\r'], " "),
        &['\t'],
    )
    .into_owned()
}

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

    fn library(&mut self, out: &mut dyn Write, findings: &[LibraryFinding]) -> io::Result<()> {
        // A cluster may have thousands of places, mostly in a few files
        // and with the same note: what is the same for every place is
        // escaped once.
        let mut path: Option<(&str, String)> = None;
        let mut note: Option<(&str, String)> = None;
        for f in findings {
            let Some(first) = f.places.first() else {
                continue;
            };
            let see = one_line(&first.position());
            for (i, place) in f.places.iter().enumerate() {
                if path.as_ref().is_none_or(|(raw, _)| *raw != place.path) {
                    path = Some((&place.path, escape::controls(&place.path, &[]).into_owned()));
                }
                let shown = path.as_ref().map_or("", |(_, shown)| shown.as_str());
                write!(
                    out,
                    "{shown}:{}:{}: {}[{}]: ",
                    place.start.line, place.start.column, f.severity, f.rule,
                )?;
                if i == 0 {
                    writeln!(out, "{}", one_line(&f.message))?;
                } else if place.note.is_empty() {
                    writeln!(out, "see {see}")?;
                } else {
                    if note.as_ref().is_none_or(|(raw, _)| *raw != place.note) {
                        note = Some((&place.note, one_line(&place.note)));
                    }
                    let said = note.as_ref().map_or("", |(_, shown)| shown.as_str());
                    writeln!(out, "{said} (see {see})")?;
                }
            }
        }
        Ok(())
    }

    fn finish(&mut self, _out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::sample;

    fn library(findings: &[LibraryFinding]) -> String {
        let mut out = Vec::new();
        Line.library(&mut out, findings).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_library_finding_is_a_line_per_place() {
        insta::assert_snapshot!(library(&sample::findings()));
    }

    /// Every line is one the editors' recipes parse (the VS Code problem
    /// matcher's regexp of docs/integrations.md), at its place.
    #[test]
    fn every_place_parses_as_a_diagnostic_at_that_place() {
        let mut findings = sample::findings();
        findings[0].places[1].note = "states\n14\u{1b}[31m days".to_owned();
        findings[0].places[2].path = "emails/r\u{202e}esi.md".to_owned();
        let got = library(&findings);
        let places: Vec<_> = findings.iter().flat_map(|f| &f.places).collect();
        assert_eq!(got.lines().count(), places.len(), "{got}");
        for (line, place) in got.lines().zip(places) {
            let (path, rest) = line.split_once(':').unwrap();
            let mut fields = rest.splitn(3, ':');
            assert_eq!(escape::controls(&place.path, &[]), path);
            assert_eq!(fields.next(), Some(place.start.line.to_string().as_str()));
            assert_eq!(fields.next(), Some(place.start.column.to_string().as_str()));
            let message = fields.next().unwrap();
            assert!(
                message.starts_with(" warning[inconsistent-fact]: ")
                    || message.starts_with(" info[missing-translation]: "),
                "{line}"
            );
            assert!(!line.contains(|c: char| c.is_control()), "{line:?}");
        }
        assert!(
            got.contains(": states 14␛[31m days (see macros/refunds.toml:5:29)\n"),
            "{got}"
        );
    }
}
