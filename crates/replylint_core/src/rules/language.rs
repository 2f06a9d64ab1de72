//! `language`: the reply is written in another language than the one it is
//! expected in.

use super::{Context, Rule, Sink};
use crate::diagnostic::Span;

crate::declare_rule! {
    /// ## What it does
    /// Detects the language of a reply and reports a reply written in
    /// another language than the expected one. The expected language comes
    /// from the reply's front matter or library field, `--lang`, the
    /// config's path patterns or its default `language`, or a folder or
    /// file-name part (`it/`, `reply.de.md`); with none of these, there is
    /// nothing to compare with and the rule says nothing.
    ///
    /// Detection chooses among the configured candidate languages
    /// (`languages`, default it, en, es, fr, de, pt) and does not guess: on
    /// a reply with too little prose (under 40 letters once placeholders,
    /// links, addresses, @handles and numbers are set aside), when it is
    /// not confident, or when the reply's function words (articles,
    /// pronouns, prepositions) point to another language than the one it
    /// found, the rule says nothing. A reply that is only partly in
    /// another language (a paragraph or sentence in the expected language
    /// is found) is left to `mixed-language`.
    ///
    /// ## Why is this bad?
    /// A customer who wrote in Italian and gets an answer in English feels
    /// processed, not helped; in a library of canned responses, a reply in
    /// the wrong folder or with the wrong `language` field is sent to the
    /// wrong customers.
    ///
    /// ## Example
    /// With `--lang it`:
    /// ```text
    /// Thank you for your message. Your refund was issued today and should
    /// reach your account within five working days.
    /// ```
    /// Use instead:
    /// ```text
    /// Grazie per il messaggio. Il rimborso è stato emesso oggi e arriverà
    /// sul conto entro cinque giorni lavorativi.
    /// ```
    ///
    /// ## Options
    /// - `languages` (top-level setting): the candidate languages detection
    ///   chooses among. A reply expected in a language that is not a
    ///   candidate is not checked.
    pub struct Language {
        id: "language",
        severity: Warning,
        fix: None,
    }
}

impl Rule for Language {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        let Some(expected) = cx.language else {
            return;
        };
        let detector = &cx.settings.detector;
        if !detector.knows(expected) {
            return;
        }
        let body = cx.body();
        // Function words clearly in the expected language: nothing to do.
        if cx.tally().leans(expected) {
            return;
        }
        let Some(detected) = cx.detected() else {
            return;
        };
        if detected.language == expected {
            return;
        }
        // Partly in the expected language: a mix, for `mixed-language`.
        if cx.segments().iter().any(|s| s.language == expected) {
            return;
        }
        sink.report(
            first_line(body),
            format!(
                "reply is in {}, expected {}",
                detected.language.name(),
                expected.name()
            ),
        )
        .with_help(format!(
            "translate the reply into {}, or correct its expected language (`language` \
             in the front matter or config, or `--lang`)",
            expected.name()
        ));
    }
}

/// The first line with text, trimmed: where the reply starts.
fn first_line(body: &str) -> Span {
    crate::text::lines(body)
        .find_map(|r| {
            let line = &body[r.clone()];
            let trimmed = line.trim();
            (!trimmed.is_empty()).then(|| {
                let start = r.start + (line.len() - line.trim_start().len());
                Span::new(start, start + trimmed.len())
            })
        })
        .unwrap_or(Span::empty(0))
}
