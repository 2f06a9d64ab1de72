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

use super::{Emitter, FileReport, Summary};
use crate::input::InputError;
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
