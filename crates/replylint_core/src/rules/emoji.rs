//! `emoji`: emoji where the channel does not use them, or more than it
//! allows. What an emoji is: [`crate::analysis::tokens::is_emoji`].

use super::{Context, Rule, Sink};
use crate::diagnostic::{Edit, Fix, Span};
use std::ops::Range;

crate::declare_rule! {
    /// ## What it does
    /// Reports emoji on a channel that does not use them (`email`) and
    /// more emoji than the channel's `max-emoji`, counting an emoji
    /// sequence once.
    ///
    /// With `max-emoji = 0` each group of adjacent emoji is reported, with
    /// an unsafe fix that deletes the group and one space next to it.
    /// Above a limit, one diagnostic points at the first emoji over it.
    ///
    /// An emoji is counted once however many code points it takes: a ZWJ
    /// sequence (`👨‍👩‍👧`), a skin tone (`👍🏽`), a flag (`🇮🇹`) or a keycap
    /// (`1️⃣`) is one emoji. Symbols that are usually shown as text are not
    /// emoji unless followed by the emoji variation selector U+FE0F: `©`,
    /// `®`, `™`, arrows, `▶`, `★`, `✓`; the hearts, smileys and dingbats
    /// of the Miscellaneous Symbols and Dingbats blocks (`❤`, `☺`, `✔`)
    /// are, since phones draw them as emoji. Emoticons such as `:)` are
    /// not emoji.
    ///
    /// Built-in limits: `email` 0 (no emoji); `app-store`, `google-play`
    /// and `google-business` 2; `chat`, `whatsapp`, `whatsapp-template`,
    /// `messenger`, `instagram`, `facebook-comment` and `twitter` 3. On
    /// `sms` an emoji forces UCS-2, which `sms-encoding` reports; `generic`
    /// has no limit.
    ///
    /// ## Why is this bad?
    /// Emoji in a formal e-mail look careless, and some mail clients show
    /// them as empty boxes. Elsewhere one or two add warmth, but a row of
    /// them buries the message and can read as mockery to an upset
    /// customer.
    ///
    /// ## Example
    /// On `email`:
    /// ```text
    /// Your refund has been issued 🎉 and will reach you within 5 days 😊
    /// ```
    /// Use instead:
    /// ```text
    /// Your refund has been issued and will reach you within 5 days.
    /// ```
    ///
    /// ## Options
    /// - `max-emoji` (channel setting): how many emoji a reply may have; `0`
    ///   means emoji are not used on the channel; unset means no limit.
    pub struct Emoji {
        id: "emoji",
        severity: Warning,
        fix: Sometimes,
    }
}

impl Rule for Emoji {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        let Some(max) = cx.channel.max_emoji else {
            return;
        };
        let body = cx.body();
        let found = cx.emoji();
        let count = found.len() as u64;
        if count <= max {
            return;
        }
        if max == 0 {
            for group in groups(found) {
                let span = Span::new(group.start, group.end);
                let text = &body[group.clone()];
                let n = found
                    .iter()
                    .filter(|e| group.start <= e.start && e.end <= group.end)
                    .count();
                let message = if n == 1 {
                    format!(
                        "emoji `{text}` on `{}`, which does not use emoji",
                        cx.channel.id
                    )
                } else {
                    format!(
                        "{n} emoji `{text}` on `{}`, which does not use emoji",
                        cx.channel.id
                    )
                };
                sink.report(span, message)
                    .with_help("say it in words")
                    .with_fix(Fix::unsafe_(vec![Edit::delete(deletion(body, group))]));
            }
            return;
        }
        let Some(over) = usize::try_from(max).ok().and_then(|m| found.get(m)) else {
            return;
        };
        sink.report(
            Span::new(over.start, over.end),
            format!("{count} emoji; `{}` allows {max}", cx.channel.id),
        )
        .with_help("keep the one or two that add something");
    }
}

/// Adjacent emoji, merged.
fn groups(found: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for e in found {
        match out.last_mut() {
            Some(last) if last.end == e.start => last.end = e.end,
            _ => out.push(e.clone()),
        }
    }
    out
}

/// What deleting the emoji `group` should remove: the group and one
/// space before it (or, at the start of a line or before a space, one
/// space after it), so no double or stray space is left.
fn deletion(body: &str, group: Range<usize>) -> Span {
    let before = body[..group.start].chars().next_back();
    let after = body[group.end..].chars().next();
    let is_space = |c: Option<char>| matches!(c, Some(' ' | '\u{a0}' | '\u{202f}'));
    if is_space(before) {
        let width = before.map_or(0, char::len_utf8);
        Span::new(group.start - width, group.end)
    } else if is_space(after) {
        let width = after.map_or(0, char::len_utf8);
        Span::new(group.start, group.end + width)
    } else {
        Span::new(group.start, group.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tokens::emoji;

    #[test]
    fn deletion_takes_one_space() {
        let body = "Grazie 😊! 🎉 Ciao";
        let found = emoji(body);
        let d0 = deletion(body, found[0].clone());
        assert_eq!(&body[d0.start..d0.end], " 😊");
        let body = "🎉 Ciao";
        let d = deletion(body, emoji(body)[0].clone());
        assert_eq!(&body[d.start..d.end], "🎉 ");
    }
}
