//! Tweet weight, after twitter-text's v3 configuration.
//!
//! The text is NFC-normalised cluster by cluster; a code point weighs 1 in
//! the ranges 0–4351, U+2000–200D, U+2010–201F and U+2032–2037, 2 elsewhere;
//! every URL (with or without a scheme) weighs 23; an emoji sequence weighs
//! 2; the @handles that open a reply weigh nothing.

use linkify::{LinkFinder, LinkKind};
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// The weight of every URL.
pub const URL_WEIGHT: u64 = 23;

/// Maximum weighted length of a tweet.
pub const MAX_WEIGHTED_LENGTH: u64 = 280;

static LEADING_MENTIONS: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"^(?:[ \t\n]*@[A-Za-z0-9_]{1,15}\b)+[ \t\n]*").expect("valid regex")
});

/// Weight of one code point in the v3 configuration.
pub fn char_weight(c: char) -> u64 {
    match u32::from(c) {
        0..=4351 | 0x2000..=0x200D | 0x2010..=0x201F | 0x2032..=0x2037 => 1,
        _ => 2,
    }
}

/// Whether a grapheme cluster is an emoji sequence (counted as 2 whatever
/// its code points).
fn is_emoji_cluster(cluster: &str) -> bool {
    let mut chars = cluster.chars();
    let first = chars.next().map_or(0, u32::from);
    let multi = chars.next().is_some();
    let pictographic = |c: u32| matches!(c, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF);
    if !multi {
        return pictographic(first);
    }
    cluster.chars().map(u32::from).any(|c| {
        matches!(c, 0xFE0F | 0x20E3 | 0x200D | 0x1F3FB..=0x1F3FF | 0x1F1E6..=0x1F1FF | 0xE0020..=0xE007F)
            || pictographic(c)
    })
}

/// `(byte offset, weight)` of each counted piece of `text`: a URL, or a
/// grapheme cluster. Leading @handles are pieces of weight 0.
pub fn pieces(text: &str) -> Vec<(usize, u64)> {
    let mentions_end = LEADING_MENTIONS.find(text).map_or(0, |m| m.end());
    let mut finder = LinkFinder::new();
    finder.url_must_have_scheme(false).kinds(&[LinkKind::Url]);
    let urls: Vec<(usize, usize)> = finder.links(text).map(|l| (l.start(), l.end())).collect();

    let mut out = Vec::with_capacity(text.len());
    let mut next_url = urls.iter().peekable();
    let mut skip_until = 0;
    for (i, cluster) in text.grapheme_indices(true) {
        if i < skip_until {
            continue;
        }
        if i < mentions_end {
            out.push((i, 0));
            continue;
        }
        while next_url.peek().is_some_and(|&&(_, end)| end <= i) {
            next_url.next();
        }
        if let Some(&&(start, end)) = next_url.peek()
            && start == i
        {
            out.push((i, URL_WEIGHT));
            skip_until = end;
            continue;
        }
        let weight = if is_emoji_cluster(cluster) {
            2
        } else {
            cluster.nfc().map(char_weight).sum()
        };
        out.push((i, weight));
    }
    out
}

/// Weighted length of `text`.
pub fn weighted_length(text: &str) -> u64 {
    pieces(text).iter().map(|&(_, w)| w).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_cjk_urls_and_emoji() {
        assert_eq!(weighted_length("hello"), 5);
        assert_eq!(weighted_length("中文"), 4);
        assert_eq!(
            weighted_length("see https://example.com/a/b now"),
            4 + 23 + 4
        );
        assert_eq!(weighted_length("see acme.com/returns"), 4 + 23);
        assert_eq!(weighted_length("👨‍👩‍👧‍👦"), 2);
        assert_eq!(weighted_length("🇮🇹"), 2);
        assert_eq!(weighted_length("e\u{301}"), 1);
    }

    #[test]
    fn leading_mentions_are_free() {
        assert_eq!(weighted_length("@acme @bob thanks"), 6);
        assert_eq!(weighted_length("thanks @acme"), 12);
    }
}
