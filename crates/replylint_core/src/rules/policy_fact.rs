//! `policy-fact`: a reply that contradicts the policy written in the
//! configuration's `[facts]` table (a refund window, a delivery time, a
//! price, the support line). The facts are found by
//! [`crate::analysis::facts`]; this file compares them with the table.

use super::options::FactPolicy;
use super::{Context, Rule, Sink};
use crate::analysis::facts::{self, Fact, FactKind, FactValue};
use crate::diagnostic::{Edit, Fix, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports a fact a reply states that contradicts the policy written
    /// in the configuration's `[facts]` table: a refund, return, exchange,
    /// withdrawal or cancellation window, a delivery or response time, a
    /// warranty or trial period, a price or fee, the support phone number,
    /// e-mail address or opening hours, a link to a section of the site.
    ///
    /// The facts are read in Italian, English, Spanish, French, German and
    /// Portuguese, and compared as values: "14 days", "two weeks", "entro 14
    /// giorni", "14 Tage" and "quatorze jours" are the same window; "3-5
    /// business days" is a range of business days, never calendar days;
    /// "+39 02 1234 5678" and "02 1234 5678" are the same number. A fact
    /// is only read when its clause names what it is about, and names one
    /// thing only: "14 days for refunds, 30 days for returns" states two
    /// facts; "refunds for returns take 14 days" none. A window a refund is
    /// processed in ("refunds are processed within 5-7 business days",
    /// subject `refund:processing`) is not the window to ask for one
    /// (`refund`); express delivery (`delivery:express`) is checked only
    /// against `delivery-express-…` keys, never against `delivery-…`. A
    /// reply that gives two different values for the same thing states
    /// neither. Durations are compared in the unit of the key: a reply
    /// that gives a refund window in hours is not checked against
    /// `refund-days`, nor a price in dollars against a fee in euros. See
    /// docs/facts.md for the subjects, the words that name them and the
    /// keys.
    ///
    /// The fix (unsafe) writes the policy's number in place of the reply's
    /// when the reply writes the window with digits in the key's unit
    /// ("30 days" becomes "14 days", "3-5" becomes "2-4"), and the policy's
    /// address or phone number in place of the reply's.
    ///
    /// ## Why is this bad?
    /// A reply that promises 30 days when the policy gives 14 is a promise
    /// the team then has to keep or take back in front of the customer;
    /// a wrong phone number or address sends the customer nowhere. Canned
    /// replies outlive the policy they were written for: the check finds
    /// the ones a policy change left behind.
    ///
    /// ## Example
    /// With `refund-days = 14`:
    /// ```text
    /// You can ask for a refund within 30 days of delivery.
    /// ```
    /// Use instead:
    /// ```text
    /// You can ask for a refund within 14 days of delivery.
    /// ```
    ///
    /// ## Options
    /// - `facts` (top level): the `[facts]` table, one key a fact,
    ///   `<subject>[-<qualifier>]-<what>`: `refund-days = 14`,
    ///   `return-days = 30`, `delivery-business-days = "3-5"`,
    ///   `delivery-express-days = "1-2"`, `response-hours = 24`,
    ///   `warranty-months = 24`, `delivery-fee = "€4.90"`,
    ///   `support-phone = "+39 02 1234 5678"`, `support-email =
    ///   "help@acme.com"`, `support-hours = "9-18"`,
    ///   `support-saturday-hours = "9-13"`, `return-url =
    ///   "acme.com/returns"`. Without the table the rule checks nothing.
    pub struct PolicyFact {
        id: "policy-fact",
        severity: Error,
        fix: Sometimes,
    }
}

impl Rule for PolicyFact {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        let policy = &cx.settings.facts.entries;
        if policy.is_empty() || !facts::may_state_facts(cx.body()) {
            return;
        }
        let body = cx.body();
        for fact in cx.facts(cx.language_or_detected()).iter() {
            for entry in policy.iter().filter(|e| applies(e, fact)) {
                if facts::same_value(fact.kind, &fact.value, &entry.value) {
                    continue;
                }
                let written = &body[fact.span.clone()];
                let (message, help) = message(fact, written, entry);
                let d = sink.report(Span::from(fact.span.clone()), message);
                d.with_help(help);
                if let Some(fix) = fix(fact, written, entry) {
                    d.with_fix(fix);
                }
            }
        }
    }
}

/// Whether the policy entry speaks of the fact: same kind, same subject
/// (qualifier included), a duration in the key's unit, an amount in the
/// policy's currency.
fn applies(entry: &FactPolicy, fact: &Fact) -> bool {
    if entry.kind != fact.kind || entry.subject != fact.subject {
        return false;
    }
    match (&fact.value, &entry.value) {
        (FactValue::Duration { unit, .. }, _) => entry.unit == Some(*unit),
        // A price in another currency is another market's, not a
        // contradiction.
        (FactValue::Money { currency, .. }, FactValue::Money { currency: policy, .. }) => {
            currency == policy
        }
        _ => true,
    }
}

/// The message and the help line.
fn message(fact: &Fact, written: &str, entry: &FactPolicy) -> (String, String) {
    let what = facts::describe(fact.kind, &fact.subject);
    let policy = match fact.kind {
        FactKind::Duration | FactKind::Hours => entry.value.to_string(),
        FactKind::Money => entry.written.clone(),
        _ => format!("`{}`", entry.written),
    };
    let said = match fact.kind {
        FactKind::Duration => format!("this reply promises a {what} of {}", fact.value),
        FactKind::Money => format!("this reply gives a {what} of {}", fact.value),
        _ => format!("this reply gives `{written}` as the {what}"),
    };
    (
        format!(
            "{said}; the policy (`{}` in the config) is {policy}",
            entry.key
        ),
        format!("write {policy}"),
    )
}

/// The unsafe fix, when the rewrite is plainly right: the policy's digits
/// in place of the reply's, in the same unit ("30 days" → "14 days",
/// "3-5 business days" → "2-4 business days"; not "two weeks", not "1
/// day" to "14 day"), or the policy's address or phone number.
fn fix(fact: &Fact, written: &str, entry: &FactPolicy) -> Option<Fix> {
    match (&fact.value, &entry.value) {
        (
            FactValue::Duration { min, max, .. },
            FactValue::Duration {
                min: new_min,
                max: new_max,
                ..
            },
        ) => {
            let (lo, hi, len) = leading_count(written)?;
            // The digits say the value itself: no weeks made days.
            if (lo, hi) != (*min, *max) || [lo, hi, *new_min, *new_max].contains(&1) {
                return None;
            }
            let ranged = lo != hi;
            if ranged != (new_min != new_max) {
                return None;
            }
            let content = if ranged {
                format!("{new_min}-{new_max}")
            } else {
                new_min.to_string()
            };
            let start = fact.span.start;
            Some(Fix::unsafe_(vec![Edit::replace(
                Span::from(start..start + len),
                content,
            )]))
        }
        (_, FactValue::Text(value)) if fact.kind == FactKind::Email => Some(Fix::unsafe_(vec![
            Edit::replace(Span::from(fact.span.clone()), value.clone()),
        ])),
        (_, FactValue::Text(_)) if fact.kind == FactKind::Phone => Some(Fix::unsafe_(vec![
            Edit::replace(Span::from(fact.span.clone()), entry.written.clone()),
        ])),
        _ => None,
    }
}

/// The digits that open `written` ("30" of "30 days", "3-5" of "3-5
/// business days", "48" of "48h"): the count, and their length; none when
/// another digit follows.
fn leading_count(written: &str) -> Option<(u32, u32, usize)> {
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let a = digits(written);
    if a == 0 || a > 6 {
        return None;
    }
    let lo: u32 = written[..a].parse().ok()?;
    let (hi, len) = match written[a..].strip_prefix('-') {
        Some(rest) if digits(rest) > 0 && digits(rest) <= 6 => {
            let b = digits(rest);
            (rest[..b].parse().ok()?, a + 1 + b)
        }
        _ => (lo, a),
    };
    if written[len..].contains(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((lo, hi, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_count_a_fix_may_replace() {
        assert_eq!(leading_count("30 days"), Some((30, 30, 2)));
        assert_eq!(leading_count("3-5 business days"), Some((3, 5, 3)));
        assert_eq!(leading_count("48h"), Some((48, 48, 2)));
        assert_eq!(leading_count("30-day"), Some((30, 30, 2)));
        assert_eq!(leading_count("two weeks"), None);
        assert_eq!(leading_count("3 to 5 days"), None);
    }
}
