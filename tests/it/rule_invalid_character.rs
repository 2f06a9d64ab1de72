//! `invalid-character`: U+FEFF, U+FFFE, U+FFFF in a tweet.

use crate::common::{assert_clean, diagnostics_of, lint, run};

#[test]
fn a_pasted_byte_order_mark_makes_the_tweet_invalid() {
    let text = "Thanks Anna!\u{FEFF} We'll DM you the tracking link.";
    insta::assert_snapshot!(lint(&["--channel", "twitter"], text));
    let d = diagnostics_of("invalid-character", &["--channel", "x"], text);
    assert_eq!(d.len(), 1);
    assert_eq!((d[0].0, d[0].1), (1, 13));
}

#[test]
fn non_characters_are_reported_each_with_a_removal_fix() {
    let text = "a\u{FFFE}b\u{FFFF}c";
    let r = run(&["--channel", "twitter", "--format", "json"], text);
    let diags = r.json()["diagnostics"].as_array().unwrap().clone();
    let ours: Vec<_> = diags
        .iter()
        .filter(|d| d["rule"] == "invalid-character")
        .collect();
    assert_eq!(ours.len(), 2);
    for d in ours {
        assert_eq!(d["fix"]["applicability"], "safe");
        let edit = &d["fix"]["edits"][0];
        assert_eq!(edit["content"], "");
        assert_eq!(
            edit["end"]["offset"].as_u64().unwrap() - edit["start"]["offset"].as_u64().unwrap(),
            3
        );
    }
}

#[test]
fn ordinary_invisible_characters_and_other_channels_pass() {
    // Zero-width joiners inside emoji and a no-break space are fine.
    assert_clean(
        "invalid-character",
        &["--channel", "twitter"],
        "Ciao 👨‍👩‍👧\u{a0}!",
    );
    // Only tweet-weight channels care.
    assert_clean(
        "invalid-character",
        &["--channel", "email"],
        "Hi\u{FEFF} Anna",
    );
    assert_clean("invalid-character", &["--channel", "chat"], "ok\u{FFFF}");
}
