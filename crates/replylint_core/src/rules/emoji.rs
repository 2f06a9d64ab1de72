//! `emoji`: emoji where the channel does not use them, or more than it
//! allows.

use super::{Context, Rule, Sink};
use crate::diagnostic::{Edit, Fix, Span};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;
use unicode_segmentation::UnicodeSegmentation;

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

static PRESENTATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{Emoji_Presentation}").expect("valid regex"));
static EMOJI: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\p{Emoji}$").expect("valid regex"));
static PICTOGRAPHIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\p{Extended_Pictographic}$").expect("valid regex"));

/// Whether `text` has a character from U+20E3, the combining keycap, up.
/// Every emoji has one: the keycap, the variation selector U+FE0F or an
/// emoji from U+231A on; accents and typographic punctuation are below.
/// UTF-8 keeps the order of code points, so these characters are the byte
/// sequences from `E2 83 A3` up; a byte above 0xE2 starts one, with two
/// bytes at least after it. Every three bytes in a row are looked at,
/// without stopping at the first that fit, so that the compiler turns the
/// loop into vector instructions.
fn from_keycap_up(text: &str) -> bool {
    text.as_bytes().windows(3).fold(false, |found, w| {
        found
            | (w[0] > 0xE2)
            | ((w[0] == 0xE2) & ((w[1] > 0x83) | ((w[1] == 0x83) & (w[2] >= 0xA3))))
    })
}

/// Whether one grapheme cluster is an emoji.
pub fn is_emoji(grapheme: &str) -> bool {
    let Some(first) = grapheme.chars().next() else {
        return false;
    };
    if !from_keycap_up(grapheme) {
        return false;
    }
    if first.is_ascii() && !grapheme.contains(['\u{fe0f}', '\u{20e3}']) {
        return false;
    }
    if grapheme.contains('\u{20e3}') || PRESENTATION.is_match(grapheme) {
        return true;
    }
    let mut buf = [0; 4];
    let first_str: &str = first.encode_utf8(&mut buf);
    if !EMOJI.is_match(first_str) {
        return false;
    }
    if grapheme.contains('\u{fe0f}') {
        return true;
    }
    let code = u32::from(first);
    PICTOGRAPHIC.is_match(first_str) && ((0x2600..=0x27BF).contains(&code) || code >= 0x1F000)
}

/// Byte ranges of the emoji of `text`, one per emoji.
pub fn emoji(text: &str) -> Vec<Range<usize>> {
    if !from_keycap_up(text) {
        return Vec::new();
    }
    text.grapheme_indices(true)
        .filter(|(_, g)| is_emoji(g))
        .map(|(i, g)| i..i + g.len())
        .collect()
}

impl Rule for Emoji {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        let Some(max) = cx.channel.max_emoji else {
            return;
        };
        let body = cx.body();
        let found = emoji(body);
        let count = found.len() as u64;
        if count <= max {
            return;
        }
        if max == 0 {
            for group in groups(&found) {
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

    fn count(text: &str) -> usize {
        emoji(text).len()
    }

    #[test]
    fn sequences_count_once() {
        assert_eq!(count("👨\u{200d}👩\u{200d}👧"), 1);
        assert_eq!(count("👍🏽"), 1);
        assert_eq!(count("🇮🇹"), 1);
        assert_eq!(count("1\u{fe0f}\u{20e3}"), 1);
        assert_eq!(count("❤\u{fe0f}"), 1);
        assert_eq!(count("😊😊 ok 🎉"), 3);
    }

    #[test]
    fn text_symbols_are_not_emoji() {
        for t in [
            "©", "®", "™", "→", "↔", "▶", "★", "✓", "#1", ":)", "‼", "中文", "é", "€",
        ] {
            assert_eq!(count(t), 0, "{t}");
        }
        for t in ["❤", "☺", "✔", "☀", "⭐", "✨", "©\u{fe0f}"] {
            assert_eq!(count(t), 1, "{t}");
        }
    }

    #[test]
    fn below_the_keycap_nothing_is_an_emoji() {
        let mut buf = [0; 4];
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let s: &str = c.encode_utf8(&mut buf);
            assert_eq!(from_keycap_up(s), c >= '\u{20e3}', "{c:?}");
            if c < '\u{20e3}' {
                assert!(!PRESENTATION.is_match(s), "{c:?}");
            }
        }
    }

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
