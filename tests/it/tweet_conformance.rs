//! The twitter-text conformance cases for weighted length and validity
//! (`tests/data/twitter-text/validate.json`, Apache-2.0). The cases are
//! whole tweets, so leading @mentions count.

use replylint::text::tweet::{LeadingMentions, Weighting, parse};
use serde_json::Value;

fn section(name: &str) -> Vec<Value> {
    let text = include_str!("../data/twitter-text/validate.json");
    let all: Value = serde_json::from_str(text).expect("validate.json is JSON");
    all["tests"][name]
        .as_array()
        .unwrap_or_else(|| panic!("section {name} missing"))
        .clone()
}

/// Run every case of a section; on failure list every case that differs.
fn check(name: &str, weighting: Weighting) -> usize {
    let cases = section(name);
    let mut failures = Vec::new();
    for case in &cases {
        let text = case["text"].as_str().expect("text");
        let want_len = case["expected"]["weightedLength"].as_u64().expect("length");
        let want_valid = case["expected"]["valid"].as_bool().expect("valid");
        let got = parse(text, weighting, LeadingMentions::Count);
        if (got.weighted_length, got.valid) != (want_len, want_valid) {
            failures.push(format!(
                "{}: got ({}, {}), want ({want_len}, {want_valid})",
                case["description"], got.weighted_length, got.valid
            ));
        }
    }
    assert!(failures.is_empty(), "{name}:\n{}", failures.join("\n"));
    cases.len()
}

#[test]
fn weighted_tweets_counter_v2() {
    assert_eq!(check("WeightedTweetsCounterTest", Weighting::V2), 20);
}

#[test]
fn weighted_tweets_with_discounted_emoji_v3() {
    assert_eq!(
        check(
            "WeightedTweetsWithDiscountedEmojiCounterTest",
            Weighting::V3
        ),
        22
    );
}

#[test]
fn unicode_directional_markers() {
    assert_eq!(
        check("UnicodeDirectionalMarkerCounterTest", Weighting::V3),
        2
    );
}
