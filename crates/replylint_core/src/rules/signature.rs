//! `signature`: on a channel with a `signature-pattern`, a reply ends with
//! the agent's signature ("^MM", "/AY", "-Sarah"), before any trailing
//! link.

use super::{Context, Rule, Sink};
use crate::analysis::tokens;
use crate::diagnostic::Span;
use crate::mode::Mode;

crate::declare_rule! {
    /// ## What it does
    /// Checks that a reply ends with the agent's signature, on channels
    /// that ask for one: public social replies are often signed with the
    /// agent's initials or first name (`^MM`, `/AY`, `-Sarah`) so that the
    /// customer knows who answered. The rule does nothing unless the
    /// channel sets `signature-pattern`; no built-in channel does.
    ///
    /// The pattern is a regular expression matched against the end of the
    /// reply: trailing white space, and the links that close a reply
    /// ("…we'll fix it ^MM https://acme.co/help", with any `.` `)` `!`
    /// after them), are set aside first, and the pattern is anchored at
    /// that end, so `(?:\^|/|-)[A-Z]{2}` accepts "… ^MM" and
    /// "… ^MM https://acme.co/help" but not "^MM, we'll fix it". A
    /// signature on a line of its own at the end matches too. A list of
    /// names is an alternation: `-(?:Sarah|Tom|Ana)`. In `template` mode a
    /// reply that ends with a helpdesk variable (`{{agent.initials}}`) is
    /// accepted. An empty reply is not checked.
    ///
    /// The diagnostic points at the last word before the trailing links,
    /// where the signature belongs, and shows the expected pattern.
    ///
    /// ## Why is this bad?
    /// On a public channel several agents answer from one account; a team
    /// that signs its replies and forgets to in one reply leaves the
    /// customer talking to nobody in particular, and makes the reply hard
    /// to trace.
    ///
    /// ## Example
    /// With `signature-pattern = '(?:\^|/|-)[A-Z]{2}'` on `twitter`:
    /// ```text
    /// @bob We're sorry! We'll fix it today. https://acme.co/help
    /// ```
    /// Use instead:
    /// ```text
    /// @bob We're sorry! We'll fix it today ^MM https://acme.co/help
    /// ```
    ///
    /// ## Options
    /// - `signature-pattern` (channel setting): a regular expression (Rust
    ///   `regex` syntax; write a literal `^` as `\^`) that the end of every
    ///   reply must match; unset, the rule checks nothing. An invalid
    ///   pattern, or one that matches an empty end, is a configuration
    ///   error.
    pub struct Signature {
        id: "signature",
        severity: Warning,
        fix: None,
    }
}

impl Rule for Signature {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        let Some(pattern) = &cx.channel.signature_pattern else {
            return;
        };
        let body = cx.body();
        let end = end_before_links(body);
        let text = &body[..end];
        if text.trim().is_empty() || pattern.ends(text) {
            return;
        }
        if cx.mode == Mode::Template && text.ends_with(['}', ']']) {
            // "{{agent.initials}}": filled in later.
            return;
        }
        let start = end - tokens::trailing_spaced(text).len();
        sink.report(
            Span::new(start, end),
            format!(
                "reply does not end with the agent's signature (expected a match for `{pattern}`)"
            ),
        )
        .with_help("sign the reply at its end, before any trailing link");
    }
}

/// Where the reply's text ends once trailing white space and trailing
/// links (with the `.` `)` `!` `,` after them) are set aside.
pub fn end_before_links(body: &str) -> usize {
    let mut end = body.trim_end().len();
    let urls = crate::text::tweet::urls(body);
    for url in urls.iter().rev() {
        if url.end > end {
            continue;
        }
        let after = &body[url.end..end];
        if !after
            .chars()
            .all(|c| matches!(c, '.' | ')' | '!' | ',' | ';'))
        {
            break;
        }
        end = body[..url.start].trim_end().len();
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_at_the_end_are_set_aside() {
        fn cut(s: &str) -> &str {
            &s[..end_before_links(s)]
        }
        assert_eq!(cut("fix it ^MM https://acme.co/help"), "fix it ^MM");
        assert_eq!(cut("fix it ^MM\nhttps://acme.co/help.  \n"), "fix it ^MM");
        assert_eq!(
            cut("see https://a.co and https://b.co/x -AY https://c.co"),
            "see https://a.co and https://b.co/x -AY"
        );
        assert_eq!(cut("fix it ^MM acme.co/help"), "fix it ^MM");
        assert_eq!(cut("no links here ^MM  "), "no links here ^MM");
        assert_eq!(cut("https://acme.co"), "");
        assert_eq!(cut(""), "");
    }
}
