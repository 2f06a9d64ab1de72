//! `inconsistent-fact`: the same kind of fact, about the same subject,
//! stated with different values in different replies.
//!
//! Facts are grouped in one map by kind, subject and what keeps two
//! values from being comparable (a currency, a country code, a site):
//! each group's values are counted by reply (a translation group counts
//! once, its own differences being `translation-drift`'s), and every
//! value but the most stated one is reported once, with every place that
//! states it and every place that states the most stated value.

use super::translations::Groups;
use super::{Finding, INCONSISTENT_FACT, Involved, Profile, RULES, count, describe};
use crate::analysis::facts::{DurationUnit, Fact, FactKind, FactValue};
use std::collections::{BTreeSet, HashMap};

/// The subject of a contact detail whose clause names none.
const GENERIC: &str = "contact";

/// Facts are comparable when their keys are equal.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key<'a> {
    kind: FactKind,
    subject: &'a str,
    /// What keeps values apart: a currency, a country code, a host, a
    /// unit that does not convert.
    partition: String,
}

/// Values equal when they state the same fact.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Compared {
    Range(u64, u64),
    Text(String),
}

/// A fact's key and its value as compared.
fn compared(fact: &Fact) -> (Key<'_>, Compared) {
    let key = |partition: String| Key {
        kind: fact.kind,
        subject: &fact.subject,
        partition,
    };
    match &fact.value {
        FactValue::Duration { min, max, unit } => {
            // Calendar time compares in hours; business days only with
            // business days.
            let (hours, partition) = match unit {
                DurationUnit::Minutes => (None, "minutes"),
                DurationUnit::Hours => (Some(1), "time"),
                DurationUnit::Days => (Some(24), "time"),
                DurationUnit::Months => (Some(24 * 30), "time"),
                DurationUnit::BusinessDays => (None, "business-days"),
            };
            let scale = hours.unwrap_or(1);
            (
                key(partition.to_owned()),
                Compared::Range(u64::from(*min) * scale, u64::from(*max) * scale),
            )
        }
        FactValue::Money { min, max, currency } => (
            key(String::from_utf8_lossy(currency).into_owned()),
            Compared::Range(*min, *max),
        ),
        FactValue::Hours { open, close } => (
            key(String::new()),
            Compared::Range(u64::from(*open), u64::from(*close)),
        ),
        FactValue::Text(text) => match fact.kind {
            FactKind::Phone => {
                // The same number with and without its country code are
                // one; numbers of two countries are not compared.
                let digits: String = text.chars().filter(char::is_ascii_digit).collect();
                let country = if text.starts_with('+') {
                    digits.chars().take(2).collect()
                } else {
                    String::new()
                };
                let tail = digits[digits.len().saturating_sub(9)..].to_owned();
                (key(country), Compared::Text(tail))
            }
            FactKind::Url => {
                let (host, path) = text.split_once('/').unwrap_or((text, ""));
                (key(host.to_owned()), Compared::Text(path.to_owned()))
            }
            _ => (key(String::new()), Compared::Text(text.clone())),
        },
    }
}

/// Where one value is stated: the profile, the fact.
type Stated = (usize, usize);

pub fn check<L: Clone>(profiles: &[Profile<L>], groups: &Groups, out: &mut Vec<Finding<L>>) {
    // Key → value → where, in library order.
    let mut facts: HashMap<Key<'_>, Vec<(Compared, Vec<Stated>)>> = HashMap::new();
    let mut order: Vec<Key<'_>> = Vec::new();
    for (i, p) in profiles.iter().enumerate() {
        if p.level(INCONSISTENT_FACT).is_none() {
            continue;
        }
        for (j, (fact, _)) in p.facts.iter().enumerate() {
            // A phone number or an address with nothing saying what it is
            // for (`contact`) may be any of a team's: not compared.
            if fact.subject == GENERIC {
                continue;
            }
            let (key, value) = compared(fact);
            let values = facts.entry(key.clone()).or_insert_with(|| {
                order.push(key);
                Vec::new()
            });
            match values.iter_mut().find(|(v, _)| *v == value) {
                Some((_, at)) => at.push((i, j)),
                None => values.push((value, vec![(i, j)])),
            }
        }
    }
    // A translation group speaks once.
    let unit = |reply: usize| groups.of.get(&reply).map_or(reply, |g| usize::MAX - g);
    let units = |at: &[Stated]| at.iter().map(|&(i, _)| unit(i)).collect::<BTreeSet<_>>();
    for key in order {
        let values = &facts[&key];
        if values.len() < 2 {
            continue;
        }
        let (most, _) = values
            .iter()
            .enumerate()
            .map(|(n, (_, at))| (n, units(at).len()))
            .fold(
                (0, 0),
                |best, (n, c)| if c > best.1 { (n, c) } else { best },
            );
        let majority = &values[most].1;
        let majority_units = units(majority);
        let fact = |&(i, j): &Stated| &profiles[i].facts[j];
        for (n, (_, at)) in values.iter().enumerate() {
            if n == most {
                continue;
            }
            // Only where another macro states the most stated value.
            let ours = units(at);
            let others: Vec<&Stated> = majority
                .iter()
                .filter(|(i, _)| !ours.contains(&unit(*i)))
                .collect();
            if others.is_empty() || majority_units.is_subset(&ours) {
                continue;
            }
            let first = fact(&at[0]);
            let here = &first.0.value;
            let there = &fact(others[0]).0.value;
            let what = describe(&first.0);
            let other_replies: BTreeSet<usize> = others.iter().map(|(i, _)| *i).collect();
            let mut places: Vec<Involved<L>> = Vec::new();
            for s in at {
                let (f, l) = fact(s);
                places.push(Involved {
                    reply: s.0,
                    at: l.clone(),
                    note: format!("states {}", f.value),
                });
            }
            for s in &others {
                let (f, l) = fact(s);
                places.push(Involved {
                    reply: s.0,
                    at: l.clone(),
                    note: format!("states {}", f.value),
                });
            }
            out.push(Finding {
                rule: RULES[INCONSISTENT_FACT],
                severity: profiles[at[0].0].level(INCONSISTENT_FACT).expect("on"),
                message: format!(
                    "{what}: {here} here, but {there} in {}",
                    count(other_replies.len(), "other reply", "other replies")
                ),
                help: Some(format!(
                    "state the same {what} everywhere, or name what makes this case different"
                )),
                places,
            });
        }
    }
}
