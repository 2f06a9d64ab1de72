//! `max-length`: the reply is longer than its channel allows, counted in the
//! channel's own unit.

use super::{Context, Rule, Sink};
use crate::diagnostic::{Part, Span};
use crate::text::count::Unit;
use unicode_segmentation::UnicodeSegmentation;

crate::declare_rule! {
    /// ## What it does
    /// Reports a reply longer than its channel's limit, counted the way the
    /// platform counts: grapheme clusters, UTF-8 bytes (Instagram, Google
    /// Business), UTF-16 units, twitter-text weight (X) or SMS parts. The
    /// diagnostic starts at the first character past the limit, so an editor
    /// highlights exactly what does not fit, and runs to the end of that
    /// line. A reply exactly at the limit passes.
    ///
    /// Where the overflow starts:
    /// - Text is measured in user-perceived characters (grapheme clusters),
    ///   so the highlight never starts inside one: when a limit in bytes or
    ///   UTF-16 units falls inside a character (a 2-byte `é`, a 4-byte
    ///   emoji, an 18-byte family emoji, an `e` with a combining accent),
    ///   that whole character is the first one past the limit.
    /// - On `twitter` a URL is one piece weighing 23: a URL that crosses the
    ///   limit is highlighted from its start.
    /// - In SMS parts, the highlight starts where the first part over the
    ///   limit starts (153 GSM-7 septets or 67 UCS-2 units per part), and
    ///   the help names the encoding.
    /// - When the first character past the limit is a line break, the
    ///   highlight is that line break.
    ///
    /// ## Why is this bad?
    /// The platform rejects or cuts the reply, or (SMS) bills it as several
    /// messages. A counter that is off by one is worse than none: the
    /// operator trusts it.
    ///
    /// ## Example
    /// On `twitter`, a 301-character English reply:
    /// ```text
    /// Hi Anna, thanks for waiting! … (301 weighted characters)
    /// ```
    /// Use instead: a reply of at most 280 weighted characters, or a link to
    /// a longer answer (every URL weighs 23).
    ///
    /// ## Options
    /// - `unit` (channel setting): `graphemes`, `bytes`, `utf16`,
    ///   `tweet-weight` or `sms-parts`.
    /// - `max-length` (channel setting): the limit in that unit; unset means
    ///   no limit.
    /// - `max-header-length`, `max-footer-length` (channel settings): the
    ///   header's and footer's limits in characters; unset means no limit.
    pub struct MaxLength {
        id: "max-length",
        severity: Error,
        fix: None,
    }
}

impl Rule for MaxLength {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        let meta = &cx.reply.meta;
        let fields = [
            (Part::Header, &meta.header, cx.channel.max_header_length),
            (Part::Footer, &meta.footer, cx.channel.max_footer_length),
        ];
        for (part, field, limit) in fields {
            if let (Some(field), Some(limit)) = (field, limit) {
                check_field(cx, sink, part, &field.text, limit);
            }
        }
        let Some(limit) = cx.channel.max_length else {
            return;
        };
        let body = cx.body();
        let measured = cx.measured();
        let m = cx.measure_against(&measured, limit);
        let Some(overflow) = m.overflow else {
            return;
        };
        let start = measured.to_body(overflow);
        let end = overflow_end(body, start);
        let over = m.count - limit;
        let message = format!(
            "{}/{} {} on `{}`{}",
            m.count,
            limit,
            m.unit.noun(),
            cx.channel.id,
            measured.note()
        );
        let help = match m.unit {
            Unit::SmsParts => format!(
                "this text is sent as {} {} SMS parts; the highlighted text starts part {}",
                m.count,
                cx.measured_sms().encoding.as_str(),
                limit + 1
            ),
            _ => format!("shorten the reply by {}", m.unit.amount(over)),
        };
        sink.report(Span::new(start, end), message).with_help(help);
    }
}

/// A header or footer longer than `limit` grapheme clusters.
fn check_field(cx: &Context<'_>, sink: &mut Sink, part: Part, text: &str, limit: u64) {
    let count = crate::text::graphemes::count(text) as u64;
    if count <= limit {
        return;
    }
    let start = super::subject_length::past(text, limit);
    let what = part.as_str();
    sink.report(
        Span::new(start, text.len()),
        format!(
            "{what} is {count}/{limit} characters on `{}`",
            cx.channel.id
        ),
    )
    .in_part(part)
    .with_help(format!(
        "shorten the {what} by {} characters",
        count - limit
    ));
}

/// End of the highlighted overflow: the rest of the line the overflow
/// starts on (so the caret line stays readable), at least one cluster (the
/// line break itself when that is the first piece past the limit).
fn overflow_end(body: &str, start: usize) -> usize {
    let line_end = body[start..].find('\n').map_or(body.len(), |i| start + i);
    if line_end > start {
        line_end
    } else {
        body[start..]
            .graphemes(true)
            .next()
            .map_or(start, |g| start + g.len())
    }
}
