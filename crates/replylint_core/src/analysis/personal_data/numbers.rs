//! Numbers: runs of digits with single separators, and the card and
//! phone shapes among them (card schemes' prefixes and lengths with the
//! Luhn check; international, national, mobile and North American phone
//! numbers, without toll-free and shared-cost service numbers).

use super::cues::Cue;
use crate::text::validate::{self, CardScheme};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Runs of digits with single separators between groups: spaces, dashes,
/// dots, slashes, and parentheses around an area code (`(02)`, `(0)`).
pub(super) static NUMBER_RUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\+ ?|\(\+?)?\d+(?:(?:\)[ \-./]?|[ \-./\u{a0}]?\(|[ \-./\u{a0}])\d+)*\)?")
        .expect("valid number regex")
});

/// Fewest ASCII digits of a number [`card_in`] or [`phone_in`] takes: a
/// phone number after a country code has eight, a card thirteen.
pub(super) const MIN_NUMBER_DIGITS: usize = 8;

/// How many ASCII digits `bytes` has, those [`card_in`] and [`phone_in`]
/// count. Counted in a byte per chunk of 255 bytes, which the compiler
/// turns into vector instructions.
pub(super) fn ascii_digits(bytes: &[u8]) -> usize {
    bytes
        .chunks(usize::from(u8::MAX))
        .map(|chunk| {
            let n = chunk
                .iter()
                .fold(0_u8, |n, b| n + u8::from(b.is_ascii_digit()));
            usize::from(n)
        })
        .sum()
}

/// The digit groups of a run and the separators between them.
fn groups(s: &str) -> (Vec<Range<usize>>, Vec<&str>) {
    let mut groups = Vec::new();
    let mut seps = Vec::new();
    let mut start = None;
    let mut last_end = 0;
    for (i, c) in s.char_indices() {
        if c.is_ascii_digit() {
            if start.is_none() {
                if !groups.is_empty() {
                    seps.push(&s[last_end..i]);
                }
                start = Some(i);
            }
        } else if let Some(st) = start.take() {
            groups.push(st..i);
            last_end = i;
        }
    }
    if let Some(st) = start {
        groups.push(st..s.len());
    }
    (groups, seps)
}

/// Whether group lengths look like a card's: fours with a shorter last
/// group (`4-4-4-4`, `4-4-4-4-3`, `4-4-4-1`), or American Express and
/// Diners Club's `4-6-5` and `4-6-4`.
fn card_grouping(lens: &[usize]) -> bool {
    match lens {
        [_] => true,
        [4, 6, 5] | [4, 6, 4] => true,
        [rest @ .., last] => rest.iter().all(|&l| l == 4) && (1..=4).contains(last),
        [] => false,
    }
}

/// A card number at the start of the run at `run`: the longest prefix of
/// its groups that has 13–19 digits, one kind of separator (space or
/// dash), a card's grouping, a scheme's prefix and length and a valid
/// Luhn check. Digits after it must be set apart (a different separator,
/// or three digits at most: a security code). A single run of digits
/// after a reference cue is no card.
/// `cue`: the cue before the run, looked for when needed.
pub(super) fn card_in(
    text: &str,
    run: Range<usize>,
    cue: impl Fn() -> Option<Cue>,
) -> Option<(Range<usize>, CardScheme)> {
    let s = &text[run.clone()];
    if s.starts_with('+') || s.starts_with('(') {
        return None;
    }
    let (groups, seps) = groups(s);
    for end in (1..=groups.len()).rev() {
        let window = &groups[..end];
        if !(13..=19).contains(&window.iter().map(Range::len).sum::<usize>()) {
            continue;
        }
        let inner = &seps[..end - 1];
        let uniform = inner.iter().all(|&sep| sep == " " || sep == "-")
            && inner.windows(2).all(|w| w[0] == w[1]);
        let lens: Vec<usize> = window.iter().map(Range::len).collect();
        if !uniform || !card_grouping(&lens) {
            continue;
        }
        if end < groups.len() {
            let next_sep = seps[end - 1];
            let rest_digits: usize = groups[end..].iter().map(Range::len).sum();
            let set_apart = inner.first().is_none_or(|&sep| sep != next_sep) || rest_digits <= 3;
            if !set_apart {
                continue;
            }
        }
        if cue() == Some(Cue::Reference) {
            return None;
        }
        let digits: String = window.iter().map(|g| &s[g.clone()]).collect();
        let Some(scheme) = validate::card_scheme(&digits) else {
            continue;
        };
        if !validate::luhn(&digits) {
            continue;
        }
        let span = run.start + window[0].start..run.start + window[end - 1].end;
        return Some((span, scheme));
    }
    None
}

/// The phone number the run at `run` is, if it is one (see the rule's
/// docs for the shapes), and not a toll-free or shared-cost service
/// number.
pub(super) fn phone_in(text: &str, run: Range<usize>) -> Option<Range<usize>> {
    let mut s = &text[run.clone()];
    // An unbalanced closing parenthesis belongs to the text around it.
    if s.ends_with(')') && s.matches(')').count() > s.matches('(').count() {
        s = &s[..s.len() - 1];
    }
    let span = run.start..run.start + s.len();
    let (groups, seps) = groups(s);
    let digits: String = groups.iter().map(|g| &s[g.clone()]).collect();
    let n = digits.len();
    let separated = !seps.is_empty();
    let only_spaces_dashes = seps.iter().all(|&sep| matches!(sep, " " | "-" | "\u{a0}"));

    // International: `+39 …`, `0039 …`.
    let international = if s.starts_with('+') || s.starts_with("(+") {
        Some(digits.as_str())
    } else if digits.starts_with("00") && separated && s.starts_with("00") {
        Some(&digits[2..])
    } else {
        None
    };
    if let Some(number) = international {
        if !(8..=15).contains(&number.len()) || international_service(number) {
            return None;
        }
        return Some(span);
    }

    let lens: Vec<usize> = groups.iter().map(Range::len).collect();
    // North America: (555) 123-4567, 555-123-4567, 1-800-123-4567.
    let nanp = match lens.as_slice() {
        [3, 3, 4] => Some(&digits[..3]),
        [1, 3, 3, 4] if digits.starts_with('1') => Some(&digits[1..4]),
        _ => None,
    };
    if let Some(area) = nanp
        && (s.contains('(') || seps.iter().all(|&sep| sep == "-" || sep == "."))
        && !area.starts_with(['0', '1'])
    {
        return (!matches!(
            area,
            "800" | "833" | "844" | "855" | "866" | "877" | "888" | "900"
        ))
        .then_some(span);
    }

    // A trunk `0`, with separators: 02 1234 5678, 06 12 34 56 78, 020 7946 0958.
    if digits.starts_with('0') && !digits.starts_with("00") {
        let contiguous_uk_mobile = !separated && n == 11 && digits.starts_with("07");
        if !(separated || contiguous_uk_mobile) || !(9..=11).contains(&n) {
            return None;
        }
        let national = &digits[1..];
        let service = national.starts_with('8')
            || national.starts_with("90")
            || national.starts_with("180")
            || national.starts_with("137")
            || (national.starts_with('3') && n == 11)
            || national.starts_with("500");
        return (!service).then_some(span);
    }

    // Italian mobile: 3xx and seven digits, in any grouping.
    if n == 10 && digits.starts_with('3') && !digits.starts_with("30") && only_spaces_dashes {
        return Some(span);
    }

    // Spanish and Portuguese: nine digits in groups (612 345 678, 912 34 56 78).
    if n == 9
        && seps.len() >= 2
        && only_spaces_dashes
        && digits.starts_with(['2', '6', '7', '9'])
        && !["90", "80", "70", "76"]
            .iter()
            .any(|p| digits.starts_with(p))
    {
        return Some(span);
    }
    None
}

/// Service numbers after a country code: toll-free, shared-cost and
/// premium ranges, which belong to companies.
fn international_service(number: &str) -> bool {
    let after = |cc: &str| number.strip_prefix(cc).map(|r| r.trim_start_matches('0'));
    if number.starts_with("800") || number.starts_with("808") {
        return true; // +800 universal freephone, +808 shared cost
    }
    if let Some(r) = after("1") {
        return ["800", "833", "844", "855", "866", "877", "888", "900"]
            .iter()
            .any(|p| r.starts_with(p));
    }
    if let Some(r) = after("39") {
        return r.starts_with('8') || r.starts_with("199") || r.starts_with("166");
    }
    if let Some(r) = after("44") {
        return r.starts_with('8') || r.starts_with('3') || r.starts_with('9');
    }
    if let Some(r) = after("33") {
        return r.starts_with('8');
    }
    if let Some(r) = after("49") {
        return ["800", "180", "900", "137", "138"]
            .iter()
            .any(|p| r.starts_with(p));
    }
    if let Some(r) = after("351") {
        return ["80", "707", "708", "760"].iter().any(|p| r.starts_with(p));
    }
    if let Some(r) = after("34") {
        return ["90", "80"].iter().any(|p| r.starts_with(p));
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_eight_digits_at_least() {
        // Up to seven digits, written every way the run expression takes.
        let seps = [" ", "-", ".", "/", ") ", " (", "\u{a0}"];
        let prefixes = ["", "+", "+ ", "(+", "(", "00", "+1 ", "+39 "];
        for digits in [
            "3471234", "0012345", "5551234", "0800123", "4111111", "0612345",
        ] {
            for n in 1..=digits.len() {
                for mask in 0..1_u32 << (n - 1) {
                    for sep in seps {
                        let mut number = String::new();
                        for (i, d) in digits[..n].char_indices() {
                            if i > 0 && mask & 1 << (i - 1) != 0 {
                                number.push_str(sep);
                            }
                            number.push(d);
                        }
                        for prefix in prefixes {
                            let text = format!("{prefix}{number})");
                            for m in NUMBER_RUN.find_iter(&text) {
                                if ascii_digits(m.as_str().as_bytes()) >= MIN_NUMBER_DIGITS {
                                    continue;
                                }
                                assert_eq!(card_in(&text, m.range(), || None), None, "{text}");
                                assert_eq!(phone_in(&text, m.range()), None, "{text}");
                            }
                        }
                    }
                }
            }
        }
    }
}
