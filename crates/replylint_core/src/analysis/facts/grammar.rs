//! How values are written: counts and units ("14 days", "3-5 business
//! days", "da 3 a 5 giorni", "two weeks", "48h", "30-day"), amounts with a
//! currency ("€9.90", "9,90 €", "R$ 20,00", "between €5 and €10"),
//! opening hours ("9-18", "dalle 9 alle 18", "from 9am to 6pm"), phone
//! numbers, e-mail addresses and links. Each reader looks at the items of
//! a [`Scan`] from one item and says what value starts there and where it
//! ends; whose value it is, is for [`super`] to say.

use super::items::{ItemKind, MIN_PHONE_DIGITS};
use super::lexicon::{ALL_LANGS, LEXICON, Langs, Meaning, Unit};
use super::scan::Scan;
use super::{DurationUnit, FactKind, FactValue};
use std::ops::Range;

/// A value found at an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Value {
    pub kind: FactKind,
    pub value: FactValue,
    /// Bytes of the body.
    pub span: Range<usize>,
    /// The item after it.
    pub next: usize,
}

/// Reads values in a scan, with the words of `langs`.
pub(super) struct Reader<'s, 'a> {
    pub scan: &'s Scan<'a>,
    pub langs: Langs,
}

/// A count: a number, a number word or an article, or a range of them,
/// and the unit glued to it if any ("48h").
#[derive(Debug, Clone, Copy)]
struct Count {
    min: u32,
    max: u32,
    /// Byte where it starts.
    start: usize,
    /// The item after it.
    next: usize,
    /// A unit glued to the number, and whether it is a bare `h`.
    unit: Option<(Unit, bool)>,
    article: bool,
}

impl Reader<'_, '_> {
    fn kind(&self, i: usize) -> Option<ItemKind> {
        self.scan.items.get(i).map(|item| item.kind)
    }

    /// The longest phrase at item `i`, ending at `limit` at most, whose
    /// meaning `pred` accepts: its end and meaning.
    fn phrase(
        &self,
        i: usize,
        limit: usize,
        pred: impl Fn(Meaning) -> bool,
    ) -> Option<(usize, Meaning)> {
        self.scan
            .found_at(i)
            .iter()
            .find(|f| f.langs & self.langs != 0 && f.end as usize <= limit && pred(f.meaning))
            .map(|f| (f.end as usize, f.meaning))
    }

    /// The end of the longest phrase meaning `meaning` at item `i`.
    fn is(&self, i: usize, limit: usize, meaning: Meaning) -> Option<usize> {
        self.phrase(i, limit, |m| m == meaning).map(|(end, _)| end)
    }

    /// Whether a phrase meaning `meaning` ends right before item `i`.
    fn ends_at(&self, i: usize, meaning: Meaning) -> bool {
        (i.saturating_sub(4)..i).any(|s| {
            self.scan
                .found_at(s)
                .iter()
                .any(|f| f.end as usize == i && f.meaning == meaning && f.langs & self.langs != 0)
        })
    }

    /// Whether item `i` is one of the marks `marks`.
    fn punct(&self, i: usize, limit: usize, marks: &[&str]) -> bool {
        i < limit && self.kind(i) == Some(ItemKind::Punct) && marks.contains(&self.scan.text(i))
    }

    /// The unit a word glued to a number names ("h", "day", "gg").
    fn glued_unit(&self, suffix: &str) -> Option<(Unit, bool)> {
        let folded = crate::text::fold_str(suffix);
        LEXICON
            .word_meanings(&folded, self.langs)
            .find_map(|m| match m {
                Meaning::Unit(u) => Some((u, folded == "h")),
                _ => None,
            })
    }

    /// The count at item `i`.
    fn count_at(&self, i: usize, limit: usize) -> Option<Count> {
        if i >= limit {
            return None;
        }
        let start = self.scan.items[i].range.start;
        match self.kind(i)? {
            ItemKind::Number => {
                let (min, max, suffix) = count_token(self.scan.text(i))?;
                let unit = if suffix.is_empty() {
                    None
                } else {
                    Some(self.glued_unit(suffix)?)
                };
                Some(Count {
                    min,
                    max,
                    start,
                    next: i + 1,
                    unit,
                    article: false,
                })
            }
            ItemKind::Word => {
                if let Some((end, Meaning::Number(n))) =
                    self.phrase(i, limit, |m| matches!(m, Meaning::Number(_)))
                {
                    return Some(Count {
                        min: n,
                        max: n,
                        start,
                        next: end,
                        unit: None,
                        article: false,
                    });
                }
                let end = self.is(i, limit, Meaning::Article)?;
                self.ends_at(i, Meaning::Window).then_some(Count {
                    min: 1,
                    max: 1,
                    start,
                    next: end,
                    unit: None,
                    article: true,
                })
            }
            _ => None,
        }
    }

    /// Where the second count of a range starts, after the first one
    /// ends at `at`: after `-`, `–`, "to", "a", "bis"…, or "and" after
    /// "between".
    fn range_link(&self, at: usize, limit: usize, between: bool) -> Option<usize> {
        if self.punct(at, limit, &["-", "–"]) {
            return Some(at + 1);
        }
        if between {
            self.is(at, limit, Meaning::RangeAnd)
                .or_else(|| self.is(at, limit, Meaning::RangeTo))
        } else {
            self.is(at, limit, Meaning::RangeTo)
        }
    }

    /// A count without a unit, or a range of two ("14", "3-5", "3 to 5",
    /// "two"): its bounds and the item after it.
    pub(super) fn bare_count(&self, i: usize, limit: usize) -> Option<(u32, u32, usize)> {
        let first = self
            .count_at(i, limit)
            .filter(|c| c.unit.is_none() && !c.article)?;
        if first.min == first.max
            && let Some(k) = self.range_link(first.next, limit, false)
            && let Some(second) = self
                .count_at(k, limit)
                .filter(|c| c.unit.is_none() && !c.article && c.min == c.max)
        {
            return (first.min <= second.max).then_some((first.min, second.max, second.next));
        }
        Some((first.min, first.max, first.next))
    }

    /// A time window at item `i` ("14 days", "3-5 business days", "da 3 a
    /// 5 giorni", "entro un mese"), unless it is no window ("3 days ago",
    /// "negli ultimi 3 giorni"); with whether its unit is a bare `h`.
    pub(super) fn duration_at(&self, i: usize, limit: usize) -> Option<(Value, bool)> {
        let (mut j, between) = if let Some(e) = self.is(i, limit, Meaning::RangeBetween) {
            (e, true)
        } else if let Some(e) = self.is(i, limit, Meaning::RangeFrom) {
            (e, false)
        } else {
            (i, false)
        };
        let mut first = self.count_at(j, limit);
        if first.is_none() && j != i {
            // "tra" and "da" also come before a single count.
            j = i;
            first = self.count_at(j, limit);
        }
        let first = first?;
        let (mut max, mut next, mut unit) = (first.max, first.next, first.unit);
        let mut ranged = first.min != first.max;
        if !ranged
            && unit.is_none()
            && !first.article
            && let Some(k) = self.range_link(next, limit, between)
            && let Some(second) = self
                .count_at(k, limit)
                .filter(|c| !c.article && c.min == c.max)
        {
            max = second.max;
            next = second.next;
            unit = second.unit;
            ranged = true;
        }
        // A prefix with a single count is no range: "da 3 giorni" is
        // "for 3 days" (no window), "tra 3 giorni" "in 3 days".
        let opening = if ranged {
            i
        } else {
            j.max(self.first_count_item(first))
        };
        let (unit, bare_h, end) = match unit {
            Some((u, bare)) => (u, bare, next),
            None => {
                let (end, meaning) = self.phrase(next, limit, |m| matches!(m, Meaning::Unit(_)))?;
                let Meaning::Unit(u) = meaning else {
                    return None;
                };
                (u, end == next + 1 && self.scan.key(next) == "h", end)
            }
        };
        if self.ends_at(opening, Meaning::NotWindowBefore)
            || self
                .phrase(end, usize::MAX, |m| m == Meaning::NotWindowAfter)
                .is_some()
        {
            return None;
        }
        let value = duration_value(first.min, max, unit)?;
        let span = first.start..self.scan.items[end - 1].range.end;
        Some((
            Value {
                kind: FactKind::Duration,
                value,
                span,
                next: end,
            },
            bare_h,
        ))
    }

    /// The item a count starts at.
    fn first_count_item(&self, count: Count) -> usize {
        self.scan
            .items
            .partition_point(|item| item.range.start < count.start)
    }

    /// The amount (in cents) at item `i`, a range when the number is one
    /// ("5-10"), with its bytes.
    fn amount_at(&self, i: usize, limit: usize) -> Option<(u64, u64, Range<usize>)> {
        if i >= limit || self.kind(i)? != ItemKind::Number {
            return None;
        }
        let (min, max, len) = amount_token(self.scan.text(i))?;
        let start = self.scan.items[i].range.start;
        Some((min, max, start..start + len))
    }

    fn currency_at(&self, i: usize, limit: usize) -> Option<(usize, [u8; 3])> {
        match self.phrase(i, limit, |m| matches!(m, Meaning::Currency(_)))? {
            (end, Meaning::Currency(code)) => Some((end, code)),
            _ => None,
        }
    }

    /// An amount with its currency at item `i` ("€9.90", "9,90 €", "EUR
    /// 5", "49 dollars", "€5-10", "between €5 and €10").
    pub(super) fn money_at(&self, i: usize, limit: usize) -> Option<Value> {
        let between = self.ends_at(i, Meaning::RangeBetween);
        let start = self.scan.items.get(i)?.range.start;
        if let Some((after, code)) = self.currency_at(i, limit) {
            let (min, mut max, bytes) = self.amount_at(after, limit)?;
            let mut end = bytes.end;
            let mut next = after + 1;
            if min == max
                && let Some(k) = self.range_link(next, limit, between)
            {
                let k = match self.currency_at(k, limit) {
                    Some((e, c)) if c == code => e,
                    Some(_) => return None,
                    None => k,
                };
                if let Some((m, n, b)) = self.amount_at(k, limit).filter(|(m, n, _)| m == n) {
                    let _ = m;
                    max = n;
                    end = b.end;
                    next = k + 1;
                }
            }
            return money(min, max, code, start..end, next);
        }
        let (min, mut max, bytes) = self.amount_at(i, limit)?;
        let mut next = i + 1;
        if min == max
            && let Some(k) = self.range_link(next, limit, between)
            && let Some((m, n, _)) = self.amount_at(k, limit)
            && m == n
        {
            max = n;
            next = k + 1;
        }
        // The currency after the amount, glued or not, but not after the
        // end of a number token cut short ("49/month").
        let _ = bytes;
        let (after, code) = self.currency_at(next, limit)?;
        let end = self.scan.items[after - 1].range.end;
        money(min, max, code, start..end, after)
    }

    /// A time at item `i`, and a second one when the item holds a range
    /// ("9-18", "9:00-18:00", "9am-6pm"), with the item after them (after
    /// "am", "pm", "Uhr", "h" following them).
    fn time_at(&self, i: usize, limit: usize) -> Option<(Time, Option<Time>, usize)> {
        if i >= limit || self.kind(i)? != ItemKind::Number {
            return None;
        }
        let (mut first, mut second) = time_token(self.scan.text(i))?;
        let mut next = i + 1;
        let last = second.as_mut().unwrap_or(&mut first);
        if last.pm.is_none() {
            if let Some(end) = self.is(next, limit, Meaning::Am) {
                last.pm = Some(false);
                last.marked = true;
                next = end;
            } else if let Some(end) = self.is(next, limit, Meaning::Pm) {
                last.pm = Some(true);
                last.marked = true;
                next = end;
            }
        }
        if let Some(end) = self.is(next, limit, Meaning::OClock) {
            last.marked = true;
            next = end;
        } else if next < limit && self.scan.key(next) == "h" {
            last.marked = true;
            next += 1;
        }
        Some((first, second, next))
    }

    /// Opening hours at item `i` ("9-18", "9:00–18:00", "dalle 9 alle
    /// 18", "from 9am to 6pm", "von 9 bis 18 Uhr"), and whether they are
    /// written as times of day (a colon, `h`, am/pm, "Uhr", "dalle …
    /// alle"): bare numbers ("9-18") are hours only with a cue nearby,
    /// which the caller checks.
    pub(super) fn hours_at(&self, i: usize, limit: usize, config: bool) -> Option<(Value, bool)> {
        let mut j = i;
        let mut words = false;
        let mut between = false;
        if let Some(e) = self.is(j, limit, Meaning::TimeFrom) {
            j = e;
            words = true;
        } else if let Some(e) = self.is(j, limit, Meaning::RangeBetween) {
            j = e;
            between = true;
        } else if let Some(e) = self.is(j, limit, Meaning::RangeFrom) {
            j = e;
        }
        if let Some(e) = self.is(j, limit, Meaning::TimeFiller) {
            j = e;
        }
        let (open, second, mut next) = self.time_at(j, limit)?;
        let close = match second {
            Some(close) => close,
            None => {
                let k = if let Some(e) = self.is(next, limit, Meaning::TimeTo) {
                    words = true;
                    e
                } else {
                    self.range_link(next, limit, between)?
                };
                let k = self.is(k, limit, Meaning::TimeFiller).unwrap_or(k);
                let (close, none, after) = self.time_at(k, limit)?;
                if none.is_some() {
                    return None;
                }
                next = after;
                close
            }
        };
        let strong = words || open.marked || close.marked;
        let (open_at, close_at) = day_minutes(open, close)?;
        let plausible = config
            || ((5 * 60..=14 * 60).contains(&open_at)
                && (10 * 60..=24 * 60).contains(&close_at)
                && close_at - open_at >= 3 * 60);
        if !plausible {
            return None;
        }
        // Not the start of a duration or an amount.
        if self
            .phrase(next, usize::MAX, |m| {
                matches!(m, Meaning::Unit(_) | Meaning::Currency(_))
            })
            .is_some()
        {
            return None;
        }
        let start = self.scan.items[j].range.start;
        let start = if words {
            self.scan.items[i].range.start
        } else {
            start
        };
        let span = start..self.scan.items[next - 1].range.end;
        Some((
            Value {
                kind: FactKind::Hours,
                value: FactValue::Hours {
                    open: open_at,
                    close: close_at,
                },
                span,
                next,
            },
            strong,
        ))
    }

    /// A phone number at item `i`: a run of eight digits or more
    /// ([`Scan::phones`]) starting there, with a country code (`+39`,
    /// `0039`) or after a phone cue in its sentence ("call", "tel",
    /// "numero"), and not after a reference word ("order number").
    pub(super) fn phone_at(&self, i: usize, sentence_start: usize) -> Option<Value> {
        let at = self.scan.items.get(i)?.range.start;
        let run = self.scan.phone_at(at)?;
        let written = &self.scan.body[run.clone()];
        let number = phone_number(written)?;
        // The nearest cue before it in its sentence.
        let mut cue = None;
        for s in sentence_start..i {
            for f in self.scan.found_at(s) {
                if f.langs & self.langs != 0
                    && (f.end as usize) <= i
                    && matches!(f.meaning, Meaning::PhoneCue | Meaning::Reference)
                {
                    cue = Some(f.meaning);
                }
            }
        }
        let international = number.starts_with('+');
        let accepted = match cue {
            Some(Meaning::Reference) => false,
            Some(_) => true,
            None => international,
        };
        if !accepted {
            return None;
        }
        let next = self
            .scan
            .items
            .partition_point(|item| item.range.start < run.end);
        Some(Value {
            kind: FactKind::Phone,
            value: FactValue::Text(number),
            span: run,
            next,
        })
    }

    /// An e-mail address or a link at item `i`.
    pub(super) fn address_at(&self, i: usize) -> Option<Value> {
        let item = self.scan.items.get(i)?;
        let text = self.scan.text(i);
        match item.kind {
            ItemKind::Email => Some(Value {
                kind: FactKind::Email,
                value: FactValue::Text(text.to_lowercase()),
                span: item.range.clone(),
                next: i + 1,
            }),
            ItemKind::Url => {
                let (link, len) = normal_link(text)?;
                Some(Value {
                    kind: FactKind::Url,
                    value: FactValue::Text(link),
                    span: item.range.start..item.range.start + len,
                    next: i + 1,
                })
            }
            _ => None,
        }
    }
}

/// The duration `min..=max` `unit`s, normalised: weeks to days, years to
/// months, whole hours of minutes to hours.
fn duration_value(min: u32, max: u32, unit: Unit) -> Option<FactValue> {
    let (mut unit, times) = unit.normal();
    let (mut min, mut max) = (min.checked_mul(times)?, max.checked_mul(times)?);
    if unit == DurationUnit::Minutes && min.is_multiple_of(60) && max.is_multiple_of(60) {
        unit = DurationUnit::Hours;
        min /= 60;
        max /= 60;
    }
    (min >= 1 && min <= max && max <= 100_000).then_some(FactValue::Duration { min, max, unit })
}

fn money(min: u64, max: u64, currency: [u8; 3], span: Range<usize>, next: usize) -> Option<Value> {
    (min <= max && max > 0).then_some(Value {
        kind: FactKind::Money,
        value: FactValue::Money { min, max, currency },
        span,
        next,
    })
}

/// A number token as a count: digits ("14"), a range ("3-5", "24/48"),
/// and the letters glued after them ("48h", "30-day", "14gg"; empty
/// when none). Not a decimal, a date, a time or a code.
fn count_token(text: &str) -> Option<(u32, u32, &str)> {
    let (a, rest) = leading_number(text, 4)?;
    let (b, rest) = match rest
        .strip_prefix(['-', '/'])
        .and_then(|r| leading_number(r, 4))
    {
        Some((b, r)) => (b, r),
        None => (a, rest),
    };
    let suffix = rest.strip_prefix('-').unwrap_or(rest);
    if !suffix.chars().all(char::is_alphabetic) || (rest.starts_with('-') && suffix.is_empty()) {
        return None;
    }
    (a <= b).then_some((a, b, suffix))
}

/// The number that opens `text` (at most `max_digits` ASCII digits) and
/// what follows it.
fn leading_number(text: &str, max_digits: usize) -> Option<(u32, &str)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > max_digits {
        return None;
    }
    Some((text[..digits].parse().ok()?, &text[digits..]))
}

/// A number token as an amount, in cents: "49", "9.90", "9,90", "1.000",
/// "1,000.50", "1.000,50", a range "5-10", and what per-unit suffix
/// follows ("49/month": its length stops before the `/`).
fn amount_token(text: &str) -> Option<(u64, u64, usize)> {
    let (numeric, _per) = match text.split_once('/') {
        Some((n, per)) if !per.is_empty() && per.chars().all(char::is_alphabetic) => (n, per),
        Some(_) => return None,
        None => (text, ""),
    };
    let (min, max) = match numeric.split_once('-') {
        Some((a, b)) => (cents(a)?, cents(b)?),
        None => {
            let c = cents(numeric)?;
            (c, c)
        }
    };
    (min <= max).then_some((min, max, numeric.len()))
}

/// "9.90", "9,90", "1.000", "1,000.50", "1.000,50", "49" in cents.
fn cents(text: &str) -> Option<u64> {
    let is_sep = |c: char| c == '.' || c == ',';
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit() || is_sep(c)) {
        return None;
    }
    let last_sep = text.rfind(is_sep);
    // A separator followed by one or two digits is the decimal one.
    let (whole, decimals) = match last_sep {
        Some(i) if (1..=2).contains(&(text.len() - i - 1)) => (&text[..i], &text[i + 1..]),
        _ => (text, ""),
    };
    // The others separate thousands: all of one kind, not the decimal
    // one, between groups of three.
    let seps: Vec<char> = whole.chars().filter(|&c| is_sep(c)).collect();
    if let Some(&sep) = seps.first() {
        if seps.iter().any(|&c| c != sep) {
            return None;
        }
        if !decimals.is_empty() && last_sep.is_some_and(|i| text[i..].starts_with(sep)) {
            return None;
        }
        let groups: Vec<&str> = whole.split(sep).collect();
        if groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3) {
            return None;
        }
    }
    let digits: String = whole.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() || digits.len() > 9 {
        return None;
    }
    let whole: u64 = digits.parse().ok()?;
    let decimals: u64 = match decimals.len() {
        0 => 0,
        1 => decimals.parse::<u64>().ok()? * 10,
        _ => decimals.parse().ok()?,
    };
    Some(whole * 100 + decimals)
}

/// A time of day as written.
#[derive(Debug, Clone, Copy)]
struct Time {
    hour: u16,
    minute: u16,
    /// Written as a time: minutes, `h`, am/pm, "Uhr".
    marked: bool,
    /// `Some(true)` for pm, `Some(false)` for am.
    pm: Option<bool>,
}

/// "9", "9:00", "9.30", "9h", "9h30", "9am", "9:30pm".
fn parse_time(text: &str) -> Option<Time> {
    let (hour, rest) = leading_number(text, 2)?;
    let lower = rest.to_ascii_lowercase();
    let (minute, rest, mut marked) = if let Some(after) = lower.strip_prefix([':', '.']) {
        let (m, r) = leading_number(after, 2)?;
        if after.len() - r.len() != 2 {
            return None;
        }
        (m, r.to_owned(), true)
    } else if let Some(r) = lower.strip_prefix('h') {
        match leading_number(r, 2) {
            Some((m, r2)) if r.len() - r2.len() == 2 => (m, r2.to_owned(), true),
            Some(_) => return None,
            None => (0, r.to_owned(), true),
        }
    } else {
        (0, lower.clone(), false)
    };
    let pm = match rest.as_str() {
        "" => None,
        "am" => Some(false),
        "pm" => Some(true),
        _ => return None,
    };
    marked |= pm.is_some();
    let hour = u16::try_from(hour).ok()?;
    let minute = u16::try_from(minute).ok()?;
    (hour <= 24 && minute < 60).then_some(Time {
        hour,
        minute,
        marked,
        pm,
    })
}

/// A number token as one time or two ("9-18", "9:00-18:00", "9h-18h").
fn time_token(text: &str) -> Option<(Time, Option<Time>)> {
    match text.split_once('-') {
        Some((a, b)) => Some((parse_time(a)?, Some(parse_time(b)?))),
        None => Some((parse_time(text)?, None)),
    }
}

/// Opening and closing time in minutes after midnight: am/pm applied, a
/// closing hour before the opening one read in the afternoon ("9 to 5").
fn day_minutes(open: Time, close: Time) -> Option<(u16, u16)> {
    let at = |t: Time| -> Option<u16> {
        let hour = match t.pm {
            Some(true) if t.hour < 12 => t.hour + 12,
            Some(false) if t.hour == 12 => 0,
            Some(_) if t.hour > 12 => return None,
            _ => t.hour,
        };
        let m = hour * 60 + t.minute;
        (m <= 24 * 60).then_some(m)
    };
    let open_at = at(open)?;
    let mut close_at = at(close)?;
    if close_at <= open_at && close.pm.is_none() && close.hour < 12 {
        close_at += 12 * 60;
    }
    (open_at < close_at && close_at <= 24 * 60).then_some((open_at, close_at))
}

/// A phone number as compared: its digits, with `+` for a country code
/// (`00` becomes `+`, a trunk `(0)` after it goes).
pub(super) fn phone_number(written: &str) -> Option<String> {
    let trimmed = written.trim();
    let international = trimmed.starts_with('+') || trimmed.starts_with("(+");
    let mut body = trimmed.to_owned();
    if international || trimmed.starts_with("00") {
        body = body.replacen("(0)", "", 1);
    }
    let digits: String = body.chars().filter(char::is_ascii_digit).collect();
    let (plus, digits) = if international {
        (true, digits.as_str())
    } else if let Some(rest) = digits
        .strip_prefix("00")
        .filter(|_| trimmed.starts_with("00"))
    {
        (true, rest)
    } else {
        (false, digits.as_str())
    };
    let length = (MIN_PHONE_DIGITS..=15).contains(&digits.len())
        || (plus && (7..=15).contains(&digits.len()));
    if !length || looks_like_date(trimmed) {
        return None;
    }
    Some(if plus {
        format!("+{digits}")
    } else {
        digits.to_owned()
    })
}

/// `01.02.2024`, `2024-01-02`, `01/02/2024`.
fn looks_like_date(text: &str) -> bool {
    let groups: Vec<&str> = text.split(['.', '/', '-']).collect();
    let lens: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    groups.len() == 3
        && groups
            .iter()
            .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()))
        && matches!(lens.as_slice(), [1 | 2, 1 | 2, 2 | 4] | [4, 2, 2])
}

/// A link as compared, and the length of what it is written with (without
/// the punctuation that follows it): host and path, lower case, without
/// scheme, `www.`, query, fragment or trailing `/`.
pub(super) fn normal_link(written: &str) -> Option<(String, usize)> {
    let mut text = written;
    loop {
        let before = text.len();
        text = text.trim_end_matches([
            '.', ',', ';', ':', '!', '?', '\'', '"', '»', '”', '>', '*', '_',
        ]);
        for (close, open) in [(')', '('), (']', '[')] {
            if text.ends_with(close) && text.matches(close).count() > text.matches(open).count() {
                text = &text[..text.len() - 1];
            }
        }
        if text.len() == before {
            break;
        }
    }
    let len = text.len();
    let mut link = text.to_lowercase();
    if let Some(i) = link.find("://") {
        link.drain(..i + 3);
    }
    if let Some(rest) = link.strip_prefix("www.") {
        link = rest.to_owned();
    }
    if let Some(i) = link.find(['?', '#']) {
        link.truncate(i);
    }
    while link.ends_with('/') {
        link.pop();
    }
    (!link.is_empty() && link.contains('.')).then_some((link, len))
}

/// What reads values in a text of its own (a value of the `[facts]`
/// table), with every language's words.
pub(super) fn whole<'s, 'a>(scan: &'s Scan<'a>) -> Reader<'s, 'a> {
    Reader {
        scan,
        langs: ALL_LANGS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_ranges_and_glued_units() {
        assert_eq!(count_token("14"), Some((14, 14, "")));
        assert_eq!(count_token("3-5"), Some((3, 5, "")));
        assert_eq!(count_token("48h"), Some((48, 48, "h")));
        assert_eq!(count_token("30-day"), Some((30, 30, "day")));
        assert_eq!(count_token("24/48h"), Some((24, 48, "h")));
        for no in ["14.5", "01/02/2024", "9:00", "A123", "5-3", "12345", "3-"] {
            assert_eq!(count_token(no), None, "{no}");
        }
    }

    #[test]
    fn amounts_in_cents() {
        assert_eq!(cents("9.90"), Some(990));
        assert_eq!(cents("9,90"), Some(990));
        assert_eq!(cents("49"), Some(4900));
        assert_eq!(cents("1.000"), Some(100_000));
        assert_eq!(cents("1,000.50"), Some(100_050));
        assert_eq!(cents("1.000,50"), Some(100_050));
        assert_eq!(cents("9,5"), Some(950));
        for no in ["9.9.9", "1,00,000", "", "1.000.00,5", "12.3456"] {
            assert_eq!(cents(no), None, "{no}");
        }
        assert_eq!(amount_token("5-10"), Some((500, 1000, 4)));
        assert_eq!(amount_token("49/month"), Some((4900, 4900, 2)));
        assert_eq!(amount_token("01/02/2024"), None);
    }

    #[test]
    fn times_of_day() {
        let t = |s| parse_time(s).map(|t| (t.hour, t.minute, t.marked, t.pm));
        assert_eq!(t("9"), Some((9, 0, false, None)));
        assert_eq!(t("9:30"), Some((9, 30, true, None)));
        assert_eq!(t("18.00"), Some((18, 0, true, None)));
        assert_eq!(t("9h"), Some((9, 0, true, None)));
        assert_eq!(t("9h30"), Some((9, 30, true, None)));
        assert_eq!(t("6pm"), Some((6, 0, true, Some(true))));
        assert_eq!(t("25"), None);
        assert_eq!(t("9:7"), None);
        let open = parse_time("9").unwrap();
        let close = parse_time("5").unwrap();
        assert_eq!(day_minutes(open, close), Some((540, 1020)));
    }

    #[test]
    fn phone_numbers_and_links_as_compared() {
        assert_eq!(
            phone_number("+39 02 1234 5678").as_deref(),
            Some("+390212345678")
        );
        assert_eq!(
            phone_number("0039 02 1234 5678").as_deref(),
            Some("+390212345678")
        );
        assert_eq!(
            phone_number("+44 (0)20 7946 0958").as_deref(),
            Some("+442079460958")
        );
        assert_eq!(phone_number("02 1234 5678").as_deref(), Some("0212345678"));
        assert_eq!(phone_number("01.02.2024"), None);
        assert_eq!(
            normal_link("https://www.Acme.com/Returns/?utm=x#top).")
                .map(|l| l.0)
                .as_deref(),
            Some("acme.com/returns")
        );
        assert_eq!(normal_link("acme.com/returns,").map(|l| l.1), Some(16));
    }
}
