//! The twitter-text conformance cases for weighted length and validity
//! (`validate.json` of the official suite, Apache-2.0), read where the
//! shared conformance data is checked out (`../shared/conformance/
//! twitter-text/` beside the repository, or `$REPLYLINT_CONFORMANCE`); the
//! tests say "skipped" where it is absent. The cases are whole tweets, so
//! leading @mentions count.

use replylint_core::text::tweet::{LeadingMentions, Weighting, parse};
use serde_json::Value;
use std::path::PathBuf;

/// The conformance folder, if present.
fn conformance_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("REPLYLINT_CONFORMANCE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance"))
        .join("twitter-text");
    dir.join("validate.json").is_file().then_some(dir)
}

fn section(name: &str) -> Option<Vec<Value>> {
    let Some(dir) = conformance_dir() else {
        eprintln!("skipped: no twitter-text conformance data (../shared/conformance/twitter-text)");
        return None;
    };
    let text = std::fs::read_to_string(dir.join("validate.json")).expect("validate.json");
    let all: Value = serde_json::from_str(&text).expect("validate.json is JSON");
    Some(
        all["tests"][name]
            .as_array()
            .unwrap_or_else(|| panic!("section {name} missing"))
            .clone(),
    )
}

/// Run every case of a section; on failure list every case that differs.
/// `None`: the data is absent (skipped).
fn check(name: &str, weighting: Weighting) -> Option<usize> {
    let cases = section(name)?;
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
    Some(cases.len())
}

#[test]
fn weighted_tweets_counter_v2() {
    if let Some(n) = check("WeightedTweetsCounterTest", Weighting::V2) {
        assert_eq!(n, 20);
    }
}

#[test]
fn weighted_tweets_with_discounted_emoji_v3() {
    if let Some(n) = check(
        "WeightedTweetsWithDiscountedEmojiCounterTest",
        Weighting::V3,
    ) {
        assert_eq!(n, 22);
    }
}

#[test]
fn unicode_directional_markers() {
    if let Some(n) = check("UnicodeDirectionalMarkerCounterTest", Weighting::V3) {
        assert_eq!(n, 2);
    }
}
