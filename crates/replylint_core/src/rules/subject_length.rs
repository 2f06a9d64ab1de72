//! `subject-length`: the email subject is longer than the channel allows, or
//! long enough to be cut on a phone.

use super::{Context, Rule, Sink};
use crate::diagnostic::{Part, Severity, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports an email subject longer than the channel's
    /// `max-subject-length` or, below that, longer than its
    /// `warn-subject-length` (never above a warning), counted in user-perceived
    /// characters (grapheme clusters). The diagnostic points into the
    /// subject where it was written (front matter, a library entry, a
    /// Zendesk `subject` action), from the first character past the limit
    /// to the end of the subject. A subject exactly at a limit passes; a
    /// reply without a subject, or on a channel without subject limits, is
    /// not checked.
    ///
    /// ## Why is this bad?
    /// A subject is one header line: past 78 characters (RFC 5322) mail
    /// software folds it and some clients show it broken. Past about 60,
    /// phones cut it, and the customer never sees the end of it.
    ///
    /// ## Example
    /// On `email`:
    /// ```text
    /// subject = "Your refund for order 12345 has been approved and will reach your account within five working days"
    /// ```
    /// Use instead:
    /// ```text
    /// subject = "Your refund for order 12345 is approved"
    /// ```
    ///
    /// ## Options
    /// - `max-subject-length` (channel setting): the limit in characters,
    ///   above which the subject is reported at the rule's severity (a
    ///   warning: mail software folds a long subject, it does not reject
    ///   it); unset means no limit.
    /// - `warn-subject-length` (channel setting): the length in characters
    ///   above which the subject is a warning; unset means no warning.
    pub struct SubjectLength {
        id: "subject-length",
        severity: Warning,
        fix: None,
    }
}

impl Rule for SubjectLength {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        let Some(subject) = &cx.reply.meta.subject else {
            return;
        };
        let text = subject.text.as_str();
        let count = crate::text::graphemes::count(text) as u64;
        let id = &cx.channel.id;
        if let Some(limit) = cx.channel.max_subject_length.filter(|&l| count > l) {
            let span = Span::new(past(text, limit), text.len());
            sink.report(
                span,
                format!("subject is {count}/{limit} characters on `{id}`"),
            )
            .in_part(Part::Subject)
            .with_help(format!(
                "shorten the subject by {} characters",
                count - limit
            ));
        } else if let Some(limit) = cx.channel.warn_subject_length.filter(|&l| count > l) {
            let span = Span::new(past(text, limit), text.len());
            let severity = sink.severity().min(Severity::Warning);
            sink.report_with_severity(
                span,
                format!(
                    "subject is {count} characters on `{id}`, more than the {limit} a phone shows"
                ),
                severity,
            )
            .in_part(Part::Subject)
            .with_help(format!("keep what matters in the first {limit} characters"));
        }
    }
}

/// Byte offset in `text` of the first grapheme cluster past the first
/// `limit`.
pub fn past(text: &str, limit: u64) -> usize {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    crate::text::graphemes::indices(text)
        .nth(limit)
        .map_or(text.len(), |(i, _)| i)
}
