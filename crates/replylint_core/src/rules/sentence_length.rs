//! `sentence-length`: no sentence of the reply's prose is longer than the
//! channel's `max-sentence-words`. Its sentences and words are those of
//! the document model ([`crate::analysis`]).

use super::{Context, Rule, Sink};
use crate::analysis::tokens::wordlike_count;
use crate::diagnostic::Span;

crate::declare_rule! {
    /// ## What it does
    /// Reports a sentence of more words than the channel's
    /// `max-sentence-words`, and points at the whole sentence. The rule
    /// does nothing on a channel without that setting (built in: only
    /// `email` has one, 35 words).
    ///
    /// Sentences are those of the reply's prose, as `readability` finds
    /// them: the salutation line and the closing sign-off with the
    /// signature are left out; a sentence ends at `.` `!` `?` `…`
    /// followed by a space (not after "Mr.", "e.g.", "Sr.", nor a German
    /// ordinal such as "3. Mai"), at a blank line, before a list item, and
    /// at a line break where the text does not go on (the line ends
    /// without `,` `;` `:` or a dash, and the next starts with a capital);
    /// a line wrapped inside a sentence ("We have⏎checked your order")
    /// stays one sentence. A word is any white-space separated token with a
    /// letter or a digit: a link or a number counts as one word. Works in
    /// any language, also when the reply's language is unknown.
    ///
    /// ## Why is this bad?
    /// Past 25–30 words a sentence is hard to take in at one reading; in a
    /// support reply that usually means two instructions, or an
    /// instruction and an excuse, tied together. The customer misses one
    /// of them.
    ///
    /// ## Example
    /// ```text
    /// We have checked your order and we can confirm that the parcel left our warehouse yesterday, so it should reach you within three working days, but if it does not arrive by Friday please write to us again and we will open a claim with the courier.
    /// ```
    /// Use instead:
    /// ```text
    /// Your parcel left our warehouse yesterday and should reach you within three working days. If it has not arrived by Friday, write to us and we will open a claim with the courier.
    /// ```
    ///
    /// ## Options
    /// - `max-sentence-words` (channel setting): the most words a sentence
    ///   may have (unset: the rule checks nothing). Built in: `email` 35.
    pub struct SentenceLength {
        id: "sentence-length",
        severity: Warning,
        fix: None,
    }
}

impl Rule for SentenceLength {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        let Some(max) = cx.channel.max_sentence_words else {
            return;
        };
        // Words of prose: template code, links and numbers are blanked.
        let prose = cx.prose();
        for r in cx.prose_sentences().iter().cloned() {
            let words = wordlike_count(&prose[r.clone()]);
            if words as u64 > max {
                sink.report(
                    Span::new(r.start, r.end),
                    format!("sentence has {words} words (this channel's maximum is {max})"),
                )
                .with_help("split it into shorter sentences, one idea each");
            }
        }
    }
}
