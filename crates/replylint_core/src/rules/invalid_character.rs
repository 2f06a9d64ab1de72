//! `invalid-character`: characters that make X reject a tweet.

use super::{Context, Rule, Sink};
use crate::diagnostic::{Edit, Fix, Span};
use crate::text::count::Unit;
use crate::text::tweet;

crate::declare_rule! {
    /// ## What it does
    /// On channels counted in tweet weight (`twitter`), reports the
    /// characters twitter-text declares invalid: U+FEFF (a byte-order mark
    /// or zero-width no-break space, usually pasted from a Windows
    /// document), U+FFFE and U+FFFF (non-characters). Each has a safe fix
    /// that removes it.
    ///
    /// ## Why is this bad?
    /// X refuses the whole post, and the character is invisible in the
    /// editor, so the operator cannot see why.
    ///
    /// ## Example
    /// ```text
    /// Thanks Anna!\u{FEFF} We'll DM you the tracking link.
    /// ```
    /// Use instead:
    /// ```text
    /// Thanks Anna! We'll DM you the tracking link.
    /// ```
    ///
    /// ## Options
    /// - `unit` (channel setting): the rule runs where it is `tweet-weight`.
    pub struct InvalidCharacter {
        id: "invalid-character",
        severity: Error,
        fix: Always,
    }
}

fn describe(c: char) -> &'static str {
    match c {
        '\u{FEFF}' => "a byte-order mark (zero-width no-break space)",
        _ => "a Unicode non-character",
    }
}

impl Rule for InvalidCharacter {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        if cx.channel.unit != Unit::TweetWeight {
            return;
        }
        for (offset, c) in tweet::invalid_characters(cx.body()) {
            let span = Span::new(offset, offset + c.len_utf8());
            sink.report(
                span,
                format!(
                    "U+{:04X}, {}, makes the post invalid on `{}`",
                    u32::from(c),
                    describe(c),
                    cx.channel.id
                ),
            )
            .with_help("remove it: it is invisible and the platform rejects the post")
            .with_fix(Fix::safe(vec![Edit::delete(span)]));
        }
    }
}
