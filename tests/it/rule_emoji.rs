//! `emoji`: must-fail cases (snapshots, positions, fixes) and must-pass
//! cases, plus a corpus of clean replies in six languages.

use crate::common::{
    apply_fixes, assert_clean, assert_clean_corpus, assert_planted_defects_reported,
    diagnostics_of, json_diagnostics, lint, run_in,
};
use serde_json::Value;

const EMAIL_EN: &[&str] = &["--channel", "email", "--lang", "en"];
const CHAT_EN: &[&str] = &["--channel", "chat", "--lang", "en"];

fn found(args: &[&str], text: &str) -> Vec<(u64, u64, String)> {
    diagnostics_of("emoji", args, text)
}

fn d(line: u64, column: u64, message: &str) -> (u64, u64, String) {
    (line, column, message.to_owned())
}

/// The `emoji` diagnostics as JSON.
fn json_of(args: &[&str], text: &str) -> Vec<Value> {
    json_diagnostics("emoji", args, text)
}

/// `text` with every fix applied (all unsafe).
fn apply(text: &str, diagnostics: &[Value]) -> String {
    apply_fixes(text, diagnostics, "unsafe")
}

// ------------------------------------------------------------ must fail

#[test]
fn emoji_in_an_email() {
    let text = "Dear Ms Smith,\n\nyour refund has been issued 🎉🎉 and will reach you within five days 😊\n\nKind regards,\nAnna\n";
    insta::assert_snapshot!(lint(EMAIL_EN, text));
    assert_eq!(
        found(EMAIL_EN, text),
        vec![
            d(3, 29, "2 emoji `🎉🎉` on `email`, which does not use emoji"),
            d(3, 68, "emoji `😊` on `email`, which does not use emoji"),
        ]
    );
    assert_eq!(
        apply(text, &json_of(EMAIL_EN, text)),
        "Dear Ms Smith,\n\nyour refund has been issued and will reach you within five days\n\nKind regards,\nAnna\n"
    );
}

#[test]
fn an_emoji_opening_a_line_is_deleted_with_the_space_after_it() {
    let text = "Gentile Mario,\n\n👋 il suo ordine è partito.\n\nCordiali saluti,\nAnna";
    let args = ["--channel", "email", "--lang", "it"];
    assert_eq!(
        apply(text, &json_of(&args, text)),
        "Gentile Mario,\n\nil suo ordine è partito.\n\nCordiali saluti,\nAnna"
    );
}

#[test]
fn sequences_count_once_over_the_chat_limit() {
    // A family (ZWJ sequence), a skin tone, a flag, a keycap and a heart
    // with its variation selector: five emoji, not eighteen code points.
    let text = "Ciao! 👨\u{200d}👩\u{200d}👧 👍🏽 🇮🇹 1\u{fe0f}\u{20e3} ❤\u{fe0f}";
    let args = ["--channel", "chat", "--lang", "it"];
    insta::assert_snapshot!(lint(&args, text));
    assert_eq!(
        found(&args, text),
        vec![d(1, 19, "5 emoji; `chat` allows 3")]
    );
}

#[test]
fn a_configured_limit() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("replylint.toml"),
        "[channels.whatsapp]\nmax-emoji = 1\n",
    )
    .expect("write config");
    let r = run_in(
        dir.path(),
        &["check", "--format", "json", "--channel", "whatsapp", "-"],
        Some("Great news 🎉 your order shipped 🚚"),
    );
    assert!(r.code != 2, "{}", r.stderr);
    let messages: Vec<String> = r.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "emoji")
        .map(|d| d["message"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(messages, vec!["2 emoji; `whatsapp` allows 1"]);
}

#[test]
fn text_style_heart_counts_in_an_email() {
    assert_eq!(
        found(
            EMAIL_EN,
            "Dear Jo,\n\nwe ❤ our customers.\n\nKind regards,\nAnna"
        ),
        vec![d(3, 4, "emoji `❤` on `email`, which does not use emoji")]
    );
}

// ------------------------------------------------------------ must pass

#[test]
fn within_the_channel_limits() {
    for (args, text) in [
        (
            CHAT_EN,
            "Hi Marco 👋 your order is out for delivery today 🚚",
        ),
        (
            &["--channel", "whatsapp", "--lang", "it"][..],
            "Ciao Luca! 👨\u{200d}👩\u{200d}👧 Il pacco per la famiglia è partito 🎉👍🏽",
        ),
        (
            &["--channel", "twitter", "--lang", "fr"][..],
            "Bonjour Julie, merci ! 🇫🇷🇮🇹 Bonne journée 😊",
        ),
        (
            &["--channel", "app-store", "--lang", "en"][..],
            "Thanks for the 5-star review, Lisa ⭐ We're thrilled you like it 😊",
        ),
    ] {
        assert_clean("emoji", args, text);
    }
}

#[test]
fn symbols_that_are_text_in_an_email() {
    for text in [
        "Dear Mr Lee,\n\nACME® and Widget™ are © 2024 ACME Ltd.\n\nKind regards,\nAnna",
        "Dear Mr Lee,\n\nRated ★★★★★ by our customers ✓ Go to Orders → Returns.\n\nKind regards,\nAnna",
        "Dear Mr Lee,\n\n▶ Step 1: open the app. #1 on the list is the Settings page.\n\nKind regards,\nAnna",
        "Dear Mr Lee,\n\nthat's done :) and your account is ready ;-)\n\nKind regards,\nAnna",
        "Dear Mr Lee,\n\nthe price is 49,90 € (about £42).\n\nKind regards,\nAnna",
    ] {
        assert_clean("emoji", EMAIL_EN, text);
    }
}

#[test]
fn no_limit_on_generic_and_sms() {
    assert_clean("emoji", &["--lang", "en"], "🎉🎉🎉🎉🎉 Party time 🥳🥳🥳");
    assert_clean(
        "emoji",
        &["--channel", "sms", "--lang", "en"],
        "Your order shipped 🚚📦🎉👍",
    );
}

#[test]
fn cjk_and_accents_are_not_emoji() {
    assert_clean(
        "emoji",
        EMAIL_EN,
        "Dear Mr Tanaka,\n\nyour order 注文 for the café in Zürich is confirmed.\n\nKind regards,\nAnna",
    );
}

#[test]
fn every_planted_defect_in_the_corpus_is_reported() {
    assert_planted_defects_reported("emoji");
}

#[test]
fn clean_corpus_in_six_languages_has_no_emoji_problem() {
    assert_clean_corpus("emoji");
}
