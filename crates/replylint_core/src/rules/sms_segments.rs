//! `sms-segments`: an SMS that is sent (and billed) as more parts than the
//! channel allows.

use super::{Context, Rule, Sink};
use crate::diagnostic::Span;
use crate::text::sms::Encoding;
use unicode_segmentation::UnicodeSegmentation;

crate::declare_rule! {
    /// ## What it does
    /// Reports an SMS that takes more parts than the channel's
    /// `max-segments` (1 on the built-in `sms` channel), and says in which
    /// encoding and how long it is: "2 SMS parts (GSM-7, 161 septets); the
    /// limit is 1". The diagnostic starts at the first character of the
    /// first part past the limit.
    ///
    /// Parts are counted as carriers count them (and exactly as Twilio's
    /// segment calculator does): a GSM-7 message holds 160 septets in one
    /// part and 153 per part once split, the extension characters
    /// `^ { } \ [ ] ~ |` and `€` taking two; any character outside the GSM
    /// 03.38 tables turns the whole message into UCS-2, 70 UTF-16 units in
    /// one part and 67 per part. An escape pair, a surrogate pair or an
    /// emoji sequence is never split across parts, so a part can end a
    /// little early. The rule only runs on channels that set
    /// `max-segments`.
    ///
    /// ## Why is this bad?
    /// Every extra part is billed as another message, and on some phones a
    /// split message arrives in pieces or out of order.
    ///
    /// ## Example
    /// On `sms`, 159 GSM-7 characters followed by `€` are 161 septets: two
    /// parts. Use instead: cut at least one character (or write `EUR`), and
    /// keep to GSM-7 characters (see `sms-encoding`).
    ///
    /// ## Options
    /// - `max-segments` (channel setting): the number of parts allowed;
    ///   unset means the channel is not an SMS channel and the rule is off.
    pub struct SmsSegments {
        id: "sms-segments",
        severity: Warning,
        fix: None,
    }
}

impl Rule for SmsSegments {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        let Some(limit) = cx.channel.max_segments else {
            return;
        };
        let body = cx.body();
        let measured = cx.measured();
        let info = cx.measured_sms();
        let parts = info.parts() as u64;
        if parts <= limit {
            return;
        }
        let first_extra = usize::try_from(limit)
            .ok()
            .and_then(|l| info.part_starts.get(l).copied())
            .map_or(0, |o| measured.to_body(o));
        let body_starts: Vec<usize> = info
            .part_starts
            .iter()
            .map(|&o| measured.to_body(o))
            .collect();
        let end = part_line_end(body, &body_starts, first_extra);
        let message = format!(
            "{parts} SMS parts ({}, {}); the limit is {limit}{}",
            info.encoding.as_str(),
            units(info.encoding, info.units),
            measured.note()
        );
        let mut help = format!(
            "the highlighted text starts part {}; cut at least {} to fit in {}",
            limit + 1,
            units(info.encoding, excess(info.encoding, info.units, limit)),
            plural(limit as usize, "part")
        );
        if info.encoding == Encoding::Ucs2 {
            help.push_str(", or keep to GSM-7 characters (see `sms-encoding`)");
        }
        sink.report(Span::new(first_extra, end), message)
            .with_help(help);
    }
}

/// Units over the capacity of `limit` parts.
fn excess(encoding: Encoding, units: usize, limit: u64) -> usize {
    let (single, per_part) = encoding.capacity();
    let capacity = match limit {
        0 => 0,
        1 => single,
        n => usize::try_from(n).map_or(usize::MAX, |n| n.saturating_mul(per_part)),
    };
    units.saturating_sub(capacity)
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// "161 septets", "1 UTF-16 unit".
fn units(encoding: Encoding, n: usize) -> String {
    match encoding {
        Encoding::Gsm7 => plural(n, "septet"),
        Encoding::Ucs2 => plural(n, "UTF-16 unit"),
    }
}

/// End of the highlight: the end of the part that starts at `start`, or of
/// its first line, whichever comes first (at least one cluster).
fn part_line_end(body: &str, part_starts: &[usize], start: usize) -> usize {
    let part_end = part_starts
        .iter()
        .copied()
        .find(|&s| s > start)
        .unwrap_or(body.len());
    let line_end = body[start..].find('\n').map_or(body.len(), |i| start + i);
    let end = part_end.min(line_end);
    if end > start {
        end
    } else {
        body[start..]
            .graphemes(true)
            .next()
            .map_or(start, |g| start + g.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excess_over_one_and_several_parts() {
        assert_eq!(excess(Encoding::Gsm7, 161, 1), 1);
        assert_eq!(excess(Encoding::Gsm7, 310, 2), 4);
        assert_eq!(excess(Encoding::Ucs2, 71, 1), 1);
        assert_eq!(excess(Encoding::Ucs2, 140, 2), 6);
    }

    #[test]
    fn highlight_stops_at_the_end_of_the_part_or_line() {
        let body = "aaaa\nbbbb";
        assert_eq!(part_line_end(body, &[0, 2], 2), 4);
        assert_eq!(part_line_end(body, &[0, 4], 4), 5);
        assert_eq!(part_line_end(body, &[0, 6, 8], 6), 8);
    }
}
