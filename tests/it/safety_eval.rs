//! A repeatable evaluation of the safety and privacy rules
//! (`personal-data`, `credential-request`, `link`, `markup`) on labelled
//! customer-care replies in it, en, es, fr, de and pt.
//!
//! - `tests/data/safety/correct.jsonl`: correct replies full of things
//!   that look like defects and are not: order, tracking, booking and
//!   invoice numbers (some Luhn-valid), dates, times, amounts, IMEIs and
//!   EANs, the company's own phone numbers and shared mailboxes, links to
//!   the company's pages, security advice that names passwords and PINs
//!   ("we will never ask for your password"), masked cards, and the
//!   formatting each channel does render. None of the four rules may
//!   report anything on them.
//! - `tests/data/safety/holdout.jsonl`: more correct replies of the same
//!   kinds, written after the rules were tuned on the first set and never
//!   tuned on: the honest false-positive rate.
//! - `tests/data/safety/defects.jsonl`: replies with one planted defect
//!   (`defect`: the rule that must report it; `planted`: the text its
//!   diagnostic must cover); `defects-holdout.jsonl`: more of them,
//!   written after the rules were tuned.
//!
//! Run `cargo test --test safety_eval -- --nocapture` to see the numbers
//! and every miss and false positive. The test fails when a number drops
//! below its floor.

use crate::common::eval::{self, Case};
use replylint_core::config::Settings;
use replylint_core::diagnostic::Diagnostic;

const RULES: [&str; 4] = ["personal-data", "credential-request", "link", "markup"];

/// Whether `d` reports the planted defect: the right rule, and a span
/// that overlaps the planted text.
fn finds(case: &Case, d: &Diagnostic) -> bool {
    if case.defect.as_deref() != Some(d.rule) {
        return false;
    }
    let planted = case.planted.as_deref().unwrap_or_default();
    case.text.match_indices(planted).any(|(start, s)| {
        let end = start + s.len();
        d.span.start < end && start < d.span.end.max(d.span.start + 1)
    })
}

fn show(case: &Case, d: &Diagnostic) -> String {
    format!(
        "  {} [{}] `{}`: {}",
        case.id,
        d.rule,
        &case.text[d.span.start..d.span.end],
        d.message
    )
}

/// False positives per rule on a set of correct replies.
fn false_positives(settings: &Settings, cases: &[Case], label: &str) -> Vec<(&'static str, usize)> {
    let mut lines = Vec::new();
    let counts = RULES.map(|rule| {
        let mut n = 0;
        for case in cases {
            for d in eval::lint(settings, case, &RULES)
                .iter()
                .filter(|d| d.rule == rule)
            {
                n += 1;
                lines.push(show(case, d));
            }
        }
        (rule, n)
    });
    println!("{label}: {} correct replies", cases.len());
    for (rule, n) in counts {
        println!("  {rule:20} {n} false positives");
    }
    for l in &lines {
        println!("{l}");
    }
    counts.to_vec()
}

#[test]
fn correct_replies_are_left_alone() {
    let settings = eval::settings();
    let cases = eval::load("safety", "correct.jsonl");
    assert!(
        cases.len() >= 150,
        "the tuning set has {} replies",
        cases.len()
    );
    let fp = false_positives(&settings, &cases, "tuning set");
    // Measured: 0 false positives for every rule.
    for (rule, n) in fp {
        assert_eq!(n, 0, "`{rule}` reports correct replies of the tuning set");
    }
}

#[test]
fn held_out_correct_replies_are_mostly_left_alone() {
    let settings = eval::settings();
    let cases = eval::load("safety", "holdout.jsonl");
    assert!(
        cases.len() >= 70,
        "the held-out set has {} replies",
        cases.len()
    );
    let fp = false_positives(&settings, &cases, "held-out set");
    let total: usize = fp.iter().map(|(_, n)| n).sum();
    // Measured: 1 false positive in 70 replies (`personal-data`: a
    // company's number after a bare "call", which also precedes the
    // customer's number in "call Jo on …").
    assert!(
        total <= FLOOR_HELD_OUT_FALSE_POSITIVES,
        "{total} false positives on the held-out set"
    );
}

/// Most false positives accepted on the held-out set, all rules together
/// (see the numbers printed by the test).
const FLOOR_HELD_OUT_FALSE_POSITIVES: usize = 3;

#[test]
fn planted_defects_are_caught() {
    check_defects("defects.jsonl");
}

#[test]
fn held_out_planted_defects_are_caught() {
    check_defects("defects-holdout.jsonl");
}

fn check_defects(file: &str) {
    let settings = eval::settings();
    let cases = eval::load("safety", file);
    let mut missed = Vec::new();
    let mut stray = Vec::new();
    for case in &cases {
        let ds = eval::lint(&settings, case, &RULES);
        if !ds.iter().any(|d| finds(case, d)) {
            missed.push(format!(
                "  {} [{}] `{}`",
                case.id,
                case.defect.as_deref().unwrap_or_default(),
                case.planted.as_deref().unwrap_or_default()
            ));
        }
        stray.extend(ds.iter().filter(|d| !finds(case, d)).map(|d| show(case, d)));
    }
    println!(
        "{file}: {} planted, {} missed, {} other diagnostics",
        cases.len(),
        missed.len(),
        stray.len()
    );
    for rule in RULES {
        let of_rule: Vec<&Case> = cases
            .iter()
            .filter(|c| c.defect.as_deref() == Some(rule))
            .collect();
        let caught = of_rule
            .iter()
            .filter(|c| eval::lint(&settings, c, &RULES).iter().any(|d| finds(c, d)))
            .count();
        println!("  {rule:20} {caught}/{} caught", of_rule.len());
    }
    for l in missed.iter().chain(&stray) {
        println!("{l}");
    }
    // Measured: every planted defect caught, nothing else reported.
    assert!(
        missed.is_empty(),
        "missed planted defects:\n{}",
        missed.join("\n")
    );
    assert!(
        stray.is_empty(),
        "diagnostics beside the planted defects:\n{}",
        stray.join("\n")
    );
}
