//! `exclamation`: must-fail cases (snapshots, positions, fixes) and
//! must-pass cases, plus a corpus of clean replies in six languages.

use crate::common::{
    apply_fixes, assert_clean, assert_clean_corpus, assert_planted_defects_reported,
    diagnostics_of, json_diagnostics, lint, run_in,
};
use serde_json::Value;

const EMAIL_EN: &[&str] = &["--channel", "email", "--lang", "en"];
const CHAT_EN: &[&str] = &["--channel", "chat", "--lang", "en"];

fn found(args: &[&str], text: &str) -> Vec<(u64, u64, String)> {
    diagnostics_of("exclamation", args, text)
}

fn d(line: u64, column: u64, message: &str) -> (u64, u64, String) {
    (line, column, message.to_owned())
}

/// The `exclamation` diagnostics as JSON.
fn json_of(args: &[&str], text: &str) -> Vec<Value> {
    json_diagnostics("exclamation", args, text)
}

/// `text` with the fixes of `applicability` applied.
fn apply(text: &str, diagnostics: &[Value], applicability: &str) -> String {
    apply_fixes(text, diagnostics, applicability)
}

// ------------------------------------------------------------ must fail

#[test]
fn email_with_three_exclamations_over_its_limit_of_two() {
    let text = "Dear Ms Smith,\n\nthank you for your patience! Your refund was issued today!\nHave a great weekend!\n\nKind regards,\nAnna\n";
    insta::assert_snapshot!(lint(EMAIL_EN, text));
    assert_eq!(
        found(EMAIL_EN, text),
        vec![d(4, 21, "3 exclamations; `email` allows 2")]
    );
}

#[test]
fn runs_of_marks_with_safe_and_unsafe_fixes() {
    let text = "Thanks Luca!!! Did you get the code?? Really?!\n";
    insta::assert_snapshot!(lint(CHAT_EN, text));
    let diagnostics = json_of(CHAT_EN, text);
    let runs: Vec<(&str, &str)> = diagnostics
        .iter()
        .map(|d| {
            (
                d["message"].as_str().unwrap(),
                d["fix"]["applicability"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        runs,
        vec![
            ("`!!!` repeats the exclamation mark", "safe"),
            ("`??` repeats the question mark", "safe"),
            ("`?!` mixes question and exclamation marks", "unsafe"),
        ]
    );
    assert_eq!(
        apply(text, &diagnostics, "safe"),
        "Thanks Luca! Did you get the code? Really?!\n"
    );
    assert_eq!(
        apply(text, &diagnostics, "unsafe"),
        "Thanks Luca!!! Did you get the code?? Really?\n"
    );
    assert_clean(
        "exclamation",
        CHAT_EN,
        "Thanks Luca! Did you get the code? Really?\n",
    );
}

#[test]
fn spanish_doubled_opening_and_closing_marks() {
    let args = ["--channel", "chat", "--lang", "es"];
    let text = "¡¡Genial!! Tu pedido ya está en camino.";
    let diagnostics = json_of(&args, text);
    assert_eq!(
        found(&args, text),
        vec![
            d(1, 1, "`¡¡` repeats the exclamation mark"),
            d(1, 9, "`!!` repeats the exclamation mark"),
        ]
    );
    assert_eq!(
        apply(text, &diagnostics, "safe"),
        "¡Genial! Tu pedido ya está en camino."
    );
}

#[test]
fn double_exclamation_characters_are_runs() {
    assert_eq!(
        found(CHAT_EN, "Done‼ Thanks⁉"),
        vec![
            d(1, 5, "`‼` repeats the exclamation mark"),
            d(1, 13, "`⁉` mixes question and exclamation marks"),
        ]
    );
}

#[test]
fn twitter_allows_three() {
    let args = ["--channel", "twitter", "--lang", "en"];
    let text = "Hi Jo! Great news! Your order shipped! Enjoy!";
    assert_eq!(
        found(&args, text),
        vec![d(1, 45, "4 exclamations; `twitter` allows 3")]
    );
}

#[test]
fn a_channel_that_allows_none() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("replylint.toml"),
        "[channels.legal]\nextends = \"email\"\nmax-exclamations = 0\n",
    )
    .expect("write config");
    let r = run_in(
        dir.path(),
        &["check", "--format", "json", "--channel", "legal", "-"],
        Some("Your claim has been accepted!"),
    );
    assert!(r.code != 2, "{}", r.stderr);
    let messages: Vec<String> = r.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "exclamation")
        .map(|d| d["message"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(messages, vec!["1 exclamation; `legal` allows none"]);
}

// ------------------------------------------------------------ must pass

#[test]
fn within_the_channel_limits() {
    for (args, text) in [
        (
            EMAIL_EN,
            "Dear Mr Lee,\n\nyour refund was issued today. Have a great weekend!\n\nKind regards,\nAnna",
        ),
        (
            EMAIL_EN,
            "Hi Anna,\n\nthanks for reaching out! Your refund was issued today.\n\nHave a great day!\nTom",
        ),
        (
            &["--channel", "email", "--lang", "es"][..],
            "Hola Ana:\n\nhemos recibido la devolución.\n\n¡Que tengas un buen día!\nMarta",
        ),
        (
            &["--channel", "chat", "--lang", "it"][..],
            "Ciao Luca! Il tuo ordine è partito oggi. Buona giornata!",
        ),
        (
            &["--channel", "whatsapp", "--lang", "pt"][..],
            "Oi João! Seu pedido já saiu para entrega! Qualquer dúvida é só chamar!",
        ),
        (
            &["--channel", "twitter", "--lang", "fr"][..],
            "Bonjour Julie ! C'est noté ! Merci pour votre patience !",
        ),
    ] {
        assert_clean("exclamation", args, text);
    }
}

#[test]
fn questions_are_not_exclamations() {
    assert_clean(
        "exclamation",
        EMAIL_EN,
        "Dear Mr Lee,\n\ncould you send us the order number? Is the box damaged? Would you prefer a refund?\n\nKind regards,\nAnna",
    );
}

#[test]
fn no_limit_on_generic() {
    assert_clean(
        "exclamation",
        &["--lang", "en"],
        "Hi! Thanks! Done! Shipped! Enjoy! Bye!",
    );
}

#[test]
fn code_placeholders_and_urls_are_not_marks() {
    for text in [
        "Dear {!Contact.FirstName},\n\nthe filter uses a != b, see ![diagram](d.png).\n\nKind regards,\nAnna",
        "Dear Ms Hill,\n\n<!-- internal note --> your link is https://example.com/search?q=shoes&sort=asc!\n\nKind regards,\nAnna",
        "Dear Mr Ito,\n\nwe have fixed it... Thank you!\n\nKind regards,\nAnna",
    ] {
        assert_clean("exclamation", EMAIL_EN, text);
    }
}

#[test]
fn a_run_counts_as_one_exclamation() {
    // Reported as a run, not also as two exclamations over the limit.
    assert_eq!(
        found(
            EMAIL_EN,
            "Dear Ms Lo,\n\nthank you!!\n\nKind regards,\nAnna"
        ),
        vec![d(3, 10, "`!!` repeats the exclamation mark")]
    );
}

#[test]
fn every_planted_defect_in_the_corpus_is_reported() {
    assert_planted_defects_reported("exclamation");
}

#[test]
fn clean_corpus_in_six_languages_has_no_exclamation_problem() {
    assert_clean_corpus("exclamation");
}
