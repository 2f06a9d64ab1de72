//! `signature`: must-fail cases (snapshots) and must-pass cases. The rule
//! does nothing until a channel sets `signature-pattern`, so most cases
//! run with a config file.

use crate::common::{Tree, assert_clean};

const INITIALS: &str = "[channels.twitter]\nsignature-pattern = '(?:\\^|/|-)[A-Z]{2}'\n";
const NAMES: &str = "[channels.facebook-comment]\nsignature-pattern = '-(?:Sarah|Tom|Ana)'\n";

fn args(channel: &'static str) -> Vec<&'static str> {
    vec!["check", "--color", "never", "--channel", channel, "-"]
}

/// The `signature` diagnostics of `text` on `channel` with `config`, as
/// `(line, column, message)`.
fn signature_of(config: &str, channel: &'static str, text: &str) -> Vec<(u64, u64, String)> {
    let tree = Tree::new(&[("replylint.toml", config)]);
    let mut all = args(channel);
    all.splice(1..1, ["--format", "json"]);
    let r = tree.run_at("", &all, Some(text));
    assert!(r.code != 2, "replylint failed: {}", r.stderr);
    r.json()["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["rule"] == "signature")
        .map(|d| {
            (
                d["start"]["line"].as_u64().unwrap(),
                d["start"]["column"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

const EXPECTED_INITIALS: &str =
    "reply does not end with the agent's signature (expected a match for `(?:\\^|/|-)[A-Z]{2}`)";

// ---- must fail ----

#[test]
fn tweet_without_signature_before_a_link() {
    let tree = Tree::new(&[("replylint.toml", INITIALS)]);
    let text = "@bob We're sorry! We'll fix it today. https://acme.co/help";
    insta::assert_snapshot!(tree.transcript("", &args("twitter"), Some(text)));
    assert_eq!(
        signature_of(INITIALS, "twitter", text),
        vec![(1, 32, EXPECTED_INITIALS.to_owned())]
    );
}

#[test]
fn signature_anywhere_but_the_end_does_not_count() {
    for text in [
        "^MM We'll fix it today.",
        "We'll fix it today ^mm",
        "We'll fix it today ^MMX",
        "We'll fix it today ^MM 😊",
        "We'll fix it today ^MM #support",
    ] {
        let found = signature_of(INITIALS, "twitter", text);
        assert_eq!(found.len(), 1, "{text:?}: {found:?}");
        assert_eq!(found[0].2, EXPECTED_INITIALS, "{text:?}");
    }
}

#[test]
fn name_list_pattern_shows_what_was_expected() {
    let tree = Tree::new(&[("replylint.toml", NAMES)]);
    let text = "Thanks for the kind words, we'll pass them on to the team!\n-Sara";
    insta::assert_snapshot!(tree.transcript("", &args("facebook-comment"), Some(text)));
}

#[test]
fn an_invalid_pattern_is_a_configuration_error() {
    let tree = Tree::new(&[(
        "replylint.toml",
        "[channels.twitter]\nsignature-pattern = '(\\^[A-Z]{2}'\n",
    )]);
    insta::assert_snapshot!(tree.transcript("", &args("twitter"), Some("Thanks ^MM")));
    let tree = Tree::new(&[(
        "replylint.toml",
        "[channels.twitter]\nsignature-pattern = '(?:\\^[A-Z]{2})?'\n",
    )]);
    let r = tree.run_at("", &args("twitter"), Some("Thanks ^MM"));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("matches an empty end"), "{}", r.stderr);
}

// ---- must pass ----

#[test]
fn signed_replies_pass() {
    for text in [
        "@bob We're sorry! We'll fix it today ^MM",
        "@bob We're sorry! We'll fix it today ^MM https://acme.co/help",
        "We'll fix it ^MM https://acme.co/help.",
        "We'll fix it ^MM\nhttps://acme.co/help\n",
        "We'll fix it today. /AY",
        "We'll fix it today.\n-JS\n",
        "Thanks! ^MM acme.co/help https://acme.co/status",
        "We'll fix it today ^MM   \n\n",
    ] {
        assert!(
            signature_of(INITIALS, "twitter", text).is_empty(),
            "{text:?}"
        );
    }
    assert!(signature_of(NAMES, "facebook-comment", "Glad we could help! -Ana").is_empty());
}

#[test]
fn nothing_is_checked_without_a_pattern() {
    assert_clean(
        "signature",
        &["--channel", "twitter"],
        "@bob We'll fix it today. https://acme.co/help",
    );
    assert_clean("signature", &["--channel", "facebook-comment"], "Thanks!");
    // The pattern is set for twitter only.
    assert!(signature_of(INITIALS, "instagram", "Thanks!").is_empty());
}

#[test]
fn empty_replies_and_template_variables_pass() {
    assert!(signature_of(INITIALS, "twitter", "").is_empty());
    assert!(signature_of(INITIALS, "twitter", "  \n").is_empty());
    let tree = Tree::new(&[("replylint.toml", INITIALS)]);
    let r = tree.run_at(
        "",
        &[
            "check",
            "--format",
            "json",
            "--channel",
            "twitter",
            "--mode",
            "template",
            "-",
        ],
        Some("We'll fix it today ^{{agent.initials}} https://acme.co/help"),
    );
    assert!(r.code != 2, "{}", r.stderr);
    assert!(!r.stdout.contains("\"signature\""), "{}", r.stdout);
}

#[test]
fn a_new_channel_inherits_the_pattern() {
    let config = format!("{INITIALS}\n[channels.x-support]\nextends = \"twitter\"\n");
    assert_eq!(
        signature_of(&config, "x-support", "We'll fix it today."),
        vec![(1, 14, EXPECTED_INITIALS.to_owned())]
    );
    assert!(signature_of(&config, "x-support", "We'll fix it today ^MM").is_empty());
}
