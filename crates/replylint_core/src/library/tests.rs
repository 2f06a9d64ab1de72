//! The library pass on profiles written by hand.

use super::*;
use crate::analysis::facts::{DurationUnit, FactKind, FactValue};

fn profile(facts: Vec<Fact>) -> Profile<usize> {
    Profile {
        levels: [Some(Severity::Warning); 4],
        id: None,
        anchor: 0,
        facts: facts.into_iter().map(|f| (f, 1)).collect(),
        language: None,
        group: None,
        drift: None,
        signature: None,
    }
}

fn days(subject: &str, n: u32) -> Fact {
    Fact {
        kind: FactKind::Duration,
        subject: subject.to_owned(),
        value: FactValue::Duration {
            min: n,
            max: n,
            unit: DurationUnit::Days,
        },
        span: 0..1,
    }
}

#[test]
fn a_value_against_the_most_stated_one_is_reported_once_with_every_place() {
    let profiles = vec![
        profile(vec![days("refund", 14)]),
        profile(vec![days("refund", 14), days("return", 30)]),
        profile(vec![days("refund", 30)]),
        profile(vec![days("return", 30)]),
    ];
    let found = check(&profiles, &LibraryOptions::default());
    assert_eq!(found.len(), 1, "{found:#?}");
    let f = &found[0];
    assert_eq!(f.rule, "inconsistent-fact");
    assert_eq!(
        f.message,
        "refund time window: 30 days here, but 14 days in 2 other replies"
    );
    let replies: Vec<usize> = f.places.iter().map(|p| p.reply).collect();
    assert_eq!(replies, [2, 0, 1]);
}

#[test]
fn different_subjects_and_units_are_not_compared() {
    let weeks = Fact {
        value: FactValue::Duration {
            min: 2,
            max: 2,
            unit: DurationUnit::BusinessDays,
        },
        ..days("refund", 0)
    };
    let profiles = vec![
        profile(vec![days("refund", 14)]),
        profile(vec![days("return", 30)]),
        profile(vec![weeks]),
        profile(vec![days("delivery:express", 2), days("delivery", 5)]),
    ];
    assert_eq!(check(&profiles, &LibraryOptions::default()), []);
}

#[test]
fn a_rule_off_for_a_reply_leaves_it_out() {
    let mut off = profile(vec![days("refund", 30)]);
    off.levels[INCONSISTENT_FACT] = None;
    let profiles = vec![profile(vec![days("refund", 14)]), off];
    assert_eq!(check(&profiles, &LibraryOptions::default()), []);
}
