//! Facts a reply states: time windows (refund, return, delivery, response
//! times…), money amounts, phone numbers, e-mail addresses, links to the
//! site's sections and opening hours, each with its subject (what the
//! window, the price or the number is for), normalised so that the same
//! fact written two ways compares equal ("14 days", "two weeks", "entro 14
//! giorni", "14 Tage").
//!
//! The subjects and the words that name them, per language, are data:
//! `rules/lexicon/facts.toml`. Precision over recall: a fact whose subject
//! is not named in its clause, or whose clause names two subjects, is not
//! extracted.

use crate::lang::Language;
use std::fmt;
use std::ops::Range;

/// What kind of fact a value is: values of different kinds are never
/// compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FactKind {
    /// A time window or delay ("within 14 days", "24 ore").
    Duration,
    /// A money amount or price ("€9.90", "49 dollars").
    Money,
    /// A phone number.
    Phone,
    /// An e-mail address.
    Email,
    /// A link to a section of a site.
    Url,
    /// Opening hours ("9-18", "from 9am to 6pm", "dalle 9 alle 18").
    Hours,
}

impl FactKind {
    pub const fn as_str(self) -> &'static str {
        match self {
            FactKind::Duration => "time window",
            FactKind::Money => "amount",
            FactKind::Phone => "phone number",
            FactKind::Email => "e-mail address",
            FactKind::Url => "link",
            FactKind::Hours => "opening hours",
        }
    }
}

/// A fact's value, normalised: equal values state the same fact.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FactValue {
    /// A duration, or a range of durations ("3-5 days"), in `unit`s.
    Duration {
        min: u32,
        max: u32,
        unit: DurationUnit,
    },
    /// An amount in hundredths (cents), or a range, in a currency (ISO
    /// 4217 code, upper case).
    Money {
        min: u64,
        max: u64,
        currency: [u8; 3],
    },
    /// Opening hours, in minutes after midnight.
    Hours { open: u16, close: u16 },
    /// A phone number (digits, with a leading `+` when international), an
    /// e-mail address (lower case) or a link (host and path, lower case,
    /// without scheme, `www.`, query or trailing `/`).
    Text(String),
}

/// The unit a duration is normalised to: weeks become days, business days
/// stay apart (they are not comparable with calendar days), minutes
/// become hours only when whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DurationUnit {
    Minutes,
    Hours,
    Days,
    BusinessDays,
    Months,
}

impl fmt::Display for FactValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FactValue::Duration { min, max, unit } => {
                let unit = match (unit, *max == 1) {
                    (DurationUnit::Minutes, true) => "minute",
                    (DurationUnit::Minutes, false) => "minutes",
                    (DurationUnit::Hours, true) => "hour",
                    (DurationUnit::Hours, false) => "hours",
                    (DurationUnit::Days, true) => "day",
                    (DurationUnit::Days, false) => "days",
                    (DurationUnit::BusinessDays, true) => "business day",
                    (DurationUnit::BusinessDays, false) => "business days",
                    (DurationUnit::Months, true) => "month",
                    (DurationUnit::Months, false) => "months",
                };
                if min == max {
                    write!(f, "{min} {unit}")
                } else {
                    write!(f, "{min}-{max} {unit}")
                }
            }
            FactValue::Money { min, max, currency } => {
                let code = std::str::from_utf8(currency).unwrap_or("???");
                let amount = |cents: u64| {
                    if cents.is_multiple_of(100) {
                        format!("{}", cents / 100)
                    } else {
                        format!("{}.{:02}", cents / 100, cents % 100)
                    }
                };
                if min == max {
                    write!(f, "{} {code}", amount(*min))
                } else {
                    write!(f, "{}-{} {code}", amount(*min), amount(*max))
                }
            }
            FactValue::Hours { open, close } => {
                let time = |m: u16| {
                    if m.is_multiple_of(60) {
                        format!("{}", m / 60)
                    } else {
                        format!("{}:{:02}", m / 60, m % 60)
                    }
                };
                write!(f, "{}-{}", time(*open), time(*close))
            }
            FactValue::Text(s) => f.write_str(s),
        }
    }
}

/// One fact a reply states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub kind: FactKind,
    /// What the fact is about: a subject id of `rules/lexicon/facts.toml`
    /// (`refund`, `return`, `delivery`, `support`…), possibly with a
    /// qualifier (`delivery:express`).
    pub subject: String,
    pub value: FactValue,
    /// The bytes of the body that state the value ("14 days", "+39 02
    /// 1234 5678").
    pub span: Range<usize>,
}

/// The facts `body` states, in body order. `language` is the reply's
/// language when known (its lexicon is tried first; without one, every
/// language's is).
pub fn extract(body: &str, language: Option<Language>) -> Vec<Fact> {
    let _ = (body, language);
    Vec::new()
}
