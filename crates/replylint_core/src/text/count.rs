//! Counting units: how long a text is in the unit a channel counts, and
//! where it first goes past a limit.
//!
//! Every unit is measured over the text's pieces (grapheme clusters, or a
//! whole URL for tweets) so that the overflow position always falls on a
//! character boundary an editor can highlight.

use serde::{Deserialize, Serialize};

/// The unit a channel counts its length in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    /// User-perceived characters (extended grapheme clusters).
    Graphemes,
    /// UTF-8 bytes (Instagram, Google Business Profile).
    Bytes,
    /// UTF-16 code units (what JavaScript's `length` says).
    Utf16,
    /// twitter-text v3 weighted length.
    TweetWeight,
    /// SMS parts (GSM-7 or UCS-2 segments).
    SmsParts,
}

impl Unit {
    pub const ALL: [Unit; 5] = [
        Unit::Graphemes,
        Unit::Bytes,
        Unit::Utf16,
        Unit::TweetWeight,
        Unit::SmsParts,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Unit::Graphemes => "graphemes",
            Unit::Bytes => "bytes",
            Unit::Utf16 => "utf16",
            Unit::TweetWeight => "tweet-weight",
            Unit::SmsParts => "sms-parts",
        }
    }

    /// How a count in this unit is named in messages ("301/280 weighted
    /// characters").
    pub const fn noun(self) -> &'static str {
        match self {
            Unit::Graphemes => "characters",
            Unit::Bytes => "bytes",
            Unit::Utf16 => "UTF-16 units",
            Unit::TweetWeight => "weighted characters",
            Unit::SmsParts => "SMS parts",
        }
    }

    /// `n` of this unit, in words: "1 character", "21 weighted characters".
    pub fn amount(self, n: u64) -> String {
        let noun = self.noun();
        if n == 1 {
            format!("1 {}", noun.strip_suffix('s').unwrap_or(noun))
        } else {
            format!("{n} {noun}")
        }
    }
}

/// The length of a text in one unit, and where it crosses a limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Measure {
    pub unit: Unit,
    pub count: u64,
    /// Byte offset of the first piece past the limit, when there is one.
    pub overflow: Option<usize>,
}

/// Measure `text` in `unit`; `limit` (if any) locates the overflow.
pub fn measure(unit: Unit, text: &str, limit: Option<u64>) -> Measure {
    match unit {
        Unit::Graphemes => by_pieces(
            unit,
            super::graphemes::indices(text).map(|(i, _)| (i, 1)),
            limit,
        ),
        Unit::Bytes => by_pieces(
            unit,
            super::graphemes::indices(text).map(|(i, g)| (i, g.len() as u64)),
            limit,
        ),
        Unit::Utf16 => by_pieces(
            unit,
            super::graphemes::indices(text).map(|(i, g)| (i, g.encode_utf16().count() as u64)),
            limit,
        ),
        Unit::TweetWeight => by_pieces(unit, super::tweet::pieces(text).into_iter(), limit),
        Unit::SmsParts => sms_parts(&super::sms::analyse(text), limit),
    }
}

/// [`measure`] in SMS parts of a text analysed already.
pub fn sms_parts(info: &super::sms::SmsInfo, limit: Option<u64>) -> Measure {
    let overflow = limit
        .and_then(|l| usize::try_from(l).ok())
        .and_then(|l| info.part_starts.get(l).copied());
    Measure {
        unit: Unit::SmsParts,
        count: info.parts() as u64,
        overflow,
    }
}

/// Sum `(offset, cost)` pieces; the overflow is the first piece whose cost
/// takes the running total past `limit`.
fn by_pieces(
    unit: Unit,
    pieces: impl Iterator<Item = (usize, u64)>,
    limit: Option<u64>,
) -> Measure {
    let mut count = 0u64;
    let mut overflow = None;
    for (offset, cost) in pieces {
        count += cost;
        if overflow.is_none() && limit.is_some_and(|l| count > l) {
            overflow = Some(offset);
        }
    }
    Measure {
        unit,
        count,
        overflow,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

    #[test]
    fn graphemes_bytes_and_utf16_differ_on_emoji_and_accents() {
        let text = "e\u{301}👍🏽中";
        assert_eq!(measure(Unit::Graphemes, text, None).count, 3);
        assert_eq!(measure(Unit::Bytes, text, None).count, text.len() as u64);
        assert_eq!(measure(Unit::Utf16, text, None).count, 2 + 4 + 1);
    }

    #[test]
    fn overflow_is_the_first_piece_past_the_limit() {
        let text = "ab👍🏽cd";
        let m = measure(Unit::Graphemes, text, Some(3));
        assert_eq!(m.overflow, Some(text.find('c').unwrap()));
        // In bytes the emoji cluster itself crosses a limit of 4.
        let m = measure(Unit::Bytes, text, Some(4));
        assert_eq!(m.overflow, Some(2));
        assert_eq!(measure(Unit::Graphemes, text, Some(5)).overflow, None);
    }

    #[test]
    fn amounts_are_singular_for_one() {
        assert_eq!(Unit::Graphemes.amount(1), "1 character");
        assert_eq!(Unit::Utf16.amount(1), "1 UTF-16 unit");
        assert_eq!(Unit::TweetWeight.amount(21), "21 weighted characters");
        assert_eq!(Unit::Bytes.amount(0), "0 bytes");
    }

    #[test]
    fn every_unit_overflows_on_a_cluster_boundary() {
        let text = "ab👨\u{200d}👩\u{200d}👧e\u{301}中 https://example.com/x 👍🏽z";
        let boundaries: Vec<usize> = text.grapheme_indices(true).map(|(i, _)| i).collect();
        for unit in [Unit::Graphemes, Unit::Bytes, Unit::Utf16, Unit::TweetWeight] {
            let total = measure(unit, text, None).count;
            assert_eq!(measure(unit, text, Some(total)).overflow, None, "{unit:?}");
            for limit in 0..total {
                let m = measure(unit, text, Some(limit));
                let at = m.overflow.expect("over the limit");
                assert!(boundaries.contains(&at), "{unit:?} limit {limit}: {at}");
                // Everything before the overflow fits; adding the piece
                // that starts there does not.
                let before = measure(unit, &text[..at], None).count;
                assert!(
                    before <= limit,
                    "{unit:?} limit {limit}: {before} before {at}"
                );
                let next = text[at..].graphemes(true).next().map_or(0, str::len);
                let with = measure(unit, &text[..at + next], None).count;
                assert!(
                    with > limit || unit == Unit::TweetWeight,
                    "{unit:?} limit {limit}: {with} with the piece at {at}"
                );
            }
        }
    }

    #[test]
    fn bytes_highlight_the_character_that_straddles_the_limit() {
        // 'é' is 2 bytes: with a limit of 4, "abc" fits and "é" straddles.
        let text = "abcéd";
        assert_eq!(measure(Unit::Bytes, text, Some(4)).overflow, Some(3));
        assert_eq!(measure(Unit::Bytes, text, Some(5)).overflow, Some(5));
        // A ZWJ family is one cluster of 18 bytes: it is highlighted whole.
        let text = "a👨\u{200d}👩\u{200d}👧";
        for limit in 1..19 {
            assert_eq!(measure(Unit::Bytes, text, Some(limit)).overflow, Some(1));
        }
        assert_eq!(measure(Unit::Bytes, text, Some(19)).overflow, None);
    }
}
