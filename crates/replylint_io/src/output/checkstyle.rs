//! `checkstyle`: the Checkstyle XML report that Jenkins, GitLab code quality
//! converters, reviewdog and most CI dashboards read.
//!
//! ```xml
//! <?xml version="1.0" encoding="UTF-8"?>
//! <checkstyle version="4.3">
//!   <file name="sms/a.txt">
//!     <error line="1" column="12" severity="error" message="…" source="replylint.sms-encoding"/>
//!   </file>
//! </checkstyle>
//! ```
//!
//! One `<file>` per file with findings, in path order; columns count
//! characters (Unicode scalar values). The message carries the reply's id
//! and the help on lines of their own. A file that could not be read gets an `<error>` whose
//! source is `replylint.input`. Attribute values are escaped (`& < > " '`,
//! line breaks and tabs as character references) and characters XML 1.0
//! cannot hold at all (other control characters, U+FFFE, U+FFFF) become
//! U+FFFD.
//!
//! The library rules' diagnostics (about several replies, perhaps in
//! several files) come after the files, before the input errors: an
//! `<error>` at every place, in a `<file>` element of that file (opened
//! again: a file can have two `<file>` elements, which Checkstyle's
//! readers merge), files in path order. The first place's message is the
//! diagnostic's, with which reply it is, what the reply says there and
//! where the others are; each other's says what its reply says there and
//! where the first place is (see [`LibraryFinding::place_message`]).

use super::{Emitter, FileReport, LibraryFinding, Summary};
use crate::input::InputError;
use std::collections::BTreeMap;
use std::io::{self, Write};

#[derive(Default)]
pub struct Checkstyle {
    started: bool,
}

/// Escape an XML attribute value (double-quoted).
pub fn escape_attribute(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            // Lone surrogates cannot occur in a `str`.
            c => out.push(c),
        }
    }
    out
}

impl Checkstyle {
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.started {
            self.started = true;
            writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
            writeln!(out, r#"<checkstyle version="4.3">"#)?;
        }
        Ok(())
    }
}

impl Emitter for Checkstyle {
    fn render(&self, report: &FileReport) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        if report.findings.is_empty() {
            return Ok(out);
        }
        writeln!(
            out,
            r#"  <file name="{}">"#,
            escape_attribute(&report.source.name)
        )?;
        for f in &report.findings {
            let d = &f.diagnostic;
            let mut message = d.message.clone();
            if let Some(reply) = f.reply_label() {
                message.push_str("\nin ");
                message.push_str(&reply);
            }
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            writeln!(
                &mut out,
                r#"    <error line="{}" column="{}" severity="{}" message="{}" source="replylint.{}"/>"#,
                f.start.line,
                f.start.column,
                d.severity,
                escape_attribute(&message),
                escape_attribute(d.rule),
            )?;
        }
        writeln!(out, "  </file>")?;
        Ok(out)
    }

    fn file(
        &mut self,
        out: &mut dyn Write,
        _report: &FileReport,
        rendered: Vec<u8>,
    ) -> io::Result<()> {
        self.start(out)?;
        out.write_all(&rendered)
    }

    fn library(&mut self, out: &mut dyn Write, findings: &[LibraryFinding]) -> io::Result<()> {
        // The `<error>` elements of every place, by file.
        let mut files: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for f in findings {
            for (i, place) in f.places.iter().enumerate() {
                files.entry(&place.path).or_default().push(format!(
                    r#"    <error line="{}" column="{}" severity="{}" message="{}" source="replylint.{}"/>"#,
                    place.start.line,
                    place.start.column,
                    f.severity,
                    escape_attribute(&f.place_message(i)),
                    escape_attribute(f.rule),
                ));
            }
        }
        if files.is_empty() {
            return Ok(());
        }
        self.start(out)?;
        for (path, errors) in files {
            writeln!(out, r#"  <file name="{}">"#, escape_attribute(path))?;
            for error in errors {
                writeln!(out, "{error}")?;
            }
            writeln!(out, "  </file>")?;
        }
        Ok(())
    }

    fn input_error(&mut self, out: &mut dyn Write, error: &InputError) -> io::Result<()> {
        self.start(out)?;
        let (line, column) = error.position.unwrap_or((1, 1));
        writeln!(out, r#"  <file name="{}">"#, escape_attribute(&error.path))?;
        writeln!(
            out,
            r#"    <error line="{line}" column="{column}" severity="error" message="{}" source="replylint.input"/>"#,
            escape_attribute(&error.message)
        )?;
        writeln!(out, "  </file>")
    }

    fn carries_errors(&self) -> bool {
        true
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        self.start(out)?;
        writeln!(out, "</checkstyle>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_library_finding_is_an_error_in_the_file_of_every_place() {
        let mut checkstyle = Checkstyle::default();
        let mut out = Vec::new();
        let mut findings = crate::output::sample::findings();
        findings[0].places[2].note = "states <14> \"days\" & \u{1b}more".to_owned();
        checkstyle.library(&mut out, &findings).unwrap();
        checkstyle.finish(&mut out, &Summary::default()).unwrap();
        let text = String::from_utf8(out).unwrap();
        // Well-formed: every element closed, every `&` an entity, no raw
        // `<` or `"` in an attribute, no control character.
        let mut open = 0;
        for line in text.lines().map(str::trim) {
            if line.starts_with("<file ") || line == "<checkstyle version=\"4.3\">" {
                open += 1;
            } else if line == "</file>" || line == "</checkstyle>" {
                open -= 1;
            } else if let Some(attrs) = line.strip_prefix("<error ") {
                let attrs = attrs.strip_suffix("/>").unwrap();
                assert_eq!(attrs.matches('"').count(), 10, "{line}");
                assert!(!attrs.contains('<') && !attrs.contains('>'), "{line}");
            }
            assert!(open >= 0, "{text}");
        }
        assert_eq!(open, 0, "{text}");
        for (i, _) in text.match_indices('&') {
            let entity = &text[i..text[i..].find(';').map_or(text.len(), |e| i + e + 1)];
            assert!(
                [
                    "&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#10;", "&#9;", "&#13;"
                ]
                .contains(&entity),
                "{entity}"
            );
        }
        assert!(
            !text.contains(|c: char| c.is_control() && c != '\n'),
            "{text:?}"
        );
        insta::assert_snapshot!(text);
    }

    #[test]
    fn no_library_finding_adds_nothing() {
        let mut checkstyle = Checkstyle::default();
        let mut out = Vec::new();
        checkstyle.library(&mut out, &[]).unwrap();
        assert!(out.is_empty());
        checkstyle.finish(&mut out, &Summary::default()).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n</checkstyle>\n"
        );
    }

    #[test]
    fn attributes_escape_markup_quotes_and_control_characters() {
        assert_eq!(
            escape_attribute(r#"<b>"Tom" & 'Jerry'</b>"#),
            "&lt;b&gt;&quot;Tom&quot; &amp; &apos;Jerry&apos;&lt;/b&gt;"
        );
        assert_eq!(escape_attribute("a\nb\tc\r"), "a&#10;b&#9;c&#13;");
        assert_eq!(escape_attribute("x\u{1}\u{ffff}y"), "x\u{fffd}\u{fffd}y");
        assert_eq!(escape_attribute("perché ✓"), "perché ✓");
    }
}
