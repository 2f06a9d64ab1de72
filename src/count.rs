//! `replylint count`: where a draft stands in every unit the channels count
//! in, before it is sent.

use crate::location::{LineIndex, Position, locate};
use crate::reply::Reply;
use crate::text::count::{Unit, measure};
use crate::text::{sms, tweet};
use serde::Serialize;
use std::fmt::Write as _;

/// A character that forces an SMS into UCS-2, and where it is.
#[derive(Debug, Clone, Serialize)]
pub struct NonGsm {
    pub character: String,
    /// `U+2019`.
    pub code_point: String,
    pub position: Position,
}

/// Every count of one draft.
#[derive(Debug, Clone, Serialize)]
pub struct Counts {
    pub characters: u64,
    pub code_points: usize,
    pub bytes: usize,
    pub utf16_units: usize,
    pub tweet_weight: u64,
    pub tweet_valid: bool,
    pub sms_encoding: sms::Encoding,
    /// Septets (GSM-7) or UTF-16 units (UCS-2).
    pub sms_units: usize,
    pub sms_parts: usize,
    /// What the message would cost if the characters forcing UCS-2 were
    /// replaced by GSM-7 ones.
    pub sms_non_gsm: Vec<NonGsm>,
    pub words: usize,
    pub sentences: usize,
    pub lines: usize,
}

/// Count a reply's body.
pub fn count(reply: &Reply) -> Counts {
    let body = reply.body.as_str();
    let index = LineIndex::new(&reply.source.text);
    let info = sms::analyse(body);
    let sms_non_gsm = info
        .non_gsm
        .iter()
        .map(|&offset| {
            let c = body[offset..].chars().next().unwrap_or_default();
            let (position, _) = locate(
                reply,
                &index,
                crate::diagnostic::Span::new(offset, offset + c.len_utf8()),
            );
            NonGsm {
                character: c.to_string(),
                code_point: format!("U+{:04X}", u32::from(c)),
                position,
            }
        })
        .collect();
    let tweet = tweet::parse(body, tweet::Weighting::V3, tweet::LeadingMentions::Skip);
    Counts {
        characters: measure(Unit::Graphemes, body, None).count,
        code_points: body.chars().count(),
        bytes: body.len(),
        utf16_units: body.encode_utf16().count(),
        tweet_weight: tweet.weighted_length,
        tweet_valid: tweet.valid,
        sms_encoding: info.encoding,
        sms_units: info.units,
        sms_parts: info.parts(),
        sms_non_gsm,
        words: crate::text::word_count(body),
        sentences: sentence_count(body),
        lines: if body.is_empty() {
            0
        } else {
            body.trim_end_matches('\n').split('\n').count()
        },
    }
}

/// Sentences, as `sentence-length` and `readability` split them (see
/// [`crate::text::sentences`]).
pub fn sentence_count(text: &str) -> usize {
    crate::text::sentences::count(text)
}

/// The counts as an aligned table.
pub fn table(c: &Counts) -> String {
    let mut rows: Vec<(&str, String)> = vec![
        ("characters", c.characters.to_string()),
        ("code points", c.code_points.to_string()),
        ("UTF-8 bytes", c.bytes.to_string()),
        ("UTF-16 units", c.utf16_units.to_string()),
        (
            "tweet weight",
            format!(
                "{}/{}{}",
                c.tweet_weight,
                tweet::MAX_WEIGHTED_LENGTH,
                if c.tweet_valid {
                    ""
                } else {
                    " (not a valid tweet)"
                }
            ),
        ),
        (
            "SMS",
            format!(
                "{} part{}, {}, {} {}",
                c.sms_parts,
                if c.sms_parts == 1 { "" } else { "s" },
                c.sms_encoding.as_str(),
                c.sms_units,
                match c.sms_encoding {
                    sms::Encoding::Gsm7 => "septets",
                    sms::Encoding::Ucs2 => "UTF-16 units",
                }
            ),
        ),
    ];
    if !c.sms_non_gsm.is_empty() {
        let list: Vec<String> = c
            .sms_non_gsm
            .iter()
            .map(|n| {
                format!(
                    "`{}` {} at {}:{}",
                    n.character, n.code_point, n.position.line, n.position.column
                )
            })
            .collect();
        rows.push(("forced UCS-2", list.join(", ")));
    }
    rows.push(("words", c.words.to_string()));
    rows.push(("sentences", c.sentences.to_string()));
    rows.push(("lines", c.lines.to_string()));
    let width = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    let mut s = String::new();
    for (k, v) in rows {
        let _ = writeln!(s, "{k:width$}  {v}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_and_runs_of_terminators() {
        assert_eq!(sentence_count("Hi! How are you?? Fine… thanks"), 4);
        assert_eq!(sentence_count(""), 0);
        assert_eq!(sentence_count("..."), 0);
    }
}
