//! `whitespace`: must-fail cases (snapshots, positions and the fix edits in
//! the JSON output) and must-pass cases.

use crate::common::{ALL_WHITESPACE, assert_clean, lint, run_configured};
use serde_json::Value;

/// Every whitespace problem of `text`, seen or not
/// (`invisible-whitespace = "warning"`).
fn found(text: &str) -> Vec<(u64, u64, String)> {
    json_of(text)
        .iter()
        .map(|d| {
            (
                d["start"]["line"].as_u64().unwrap(),
                d["start"]["column"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn d(line: u64, column: u64, message: &str) -> (u64, u64, String) {
    (line, column, message.to_owned())
}

/// The `whitespace` diagnostics of `text` (stdin) as JSON, seen or not.
fn json_of(text: &str) -> Vec<Value> {
    let r = run_configured(ALL_WHITESPACE, &["--format", "json"], text);
    assert!(r.code != 2, "{}", r.stderr);
    r.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "whitespace")
        .cloned()
        .collect()
}

/// Every fix edit as `(start offset, end offset, content)`.
fn edits(diagnostics: &[Value]) -> Vec<(usize, usize, String)> {
    diagnostics
        .iter()
        .flat_map(|d| {
            assert_eq!(d["fix"]["applicability"], "safe", "{d:#}");
            d["fix"]["edits"].as_array().unwrap().clone()
        })
        .map(|e| {
            (
                e["start"]["offset"].as_u64().unwrap() as usize,
                e["end"]["offset"].as_u64().unwrap() as usize,
                e["content"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// Apply `(start, end, content)` edits to `text`, last first.
fn apply(text: &str, mut edits: Vec<(usize, usize, String)>) -> String {
    edits.sort();
    for pair in edits.windows(2) {
        assert!(pair[0].1 <= pair[1].0, "overlapping edits {pair:?}");
    }
    let mut out = text.to_owned();
    for (start, end, content) in edits.iter().rev() {
        out.replace_range(*start..*end, content);
    }
    out
}

// ------------------------------------------------------------ must fail

#[test]
fn trailing_double_and_blank_lines_with_their_fixes() {
    let text = "Hi Anna,  \nthanks  for waiting.\n\n\n\nBye\t\n";
    insta::assert_snapshot!(lint(&[], text));
    assert_eq!(
        found(text),
        vec![
            d(1, 9, "trailing whitespace"),
            d(2, 7, "2 spaces between words"),
            d(3, 1, "3 blank lines in a row"),
            d(6, 4, "trailing whitespace"),
        ]
    );
    assert_eq!(
        edits(&json_of(text)),
        vec![
            (8, 10, String::new()),
            (17, 19, " ".to_owned()),
            (32, 34, String::new()),
            (38, 39, String::new()),
        ]
    );
}

#[test]
fn applying_every_fix_gives_clean_text() {
    let text = "Ciao  Luca,   grazie!  \n\n\n  \nA   presto 👍🏽  e\u{301}\n\n\n";
    let fixed = apply(text, edits(&json_of(text)));
    assert_eq!(fixed, "Ciao Luca, grazie!\n\nA presto 👍🏽 e\u{301}\n\n");
    clean(&fixed);
}

#[test]
fn every_double_space_on_a_line_is_reported() {
    assert_eq!(
        found("a  b  c   d"),
        vec![
            d(1, 2, "2 spaces between words"),
            d(1, 5, "2 spaces between words"),
            d(1, 8, "3 spaces between words"),
        ]
    );
}

#[test]
fn double_spaces_after_emoji_and_cjk_have_character_columns() {
    let text = "👨\u{200d}👩\u{200d}👧  中文  ok";
    let found = json_of(text);
    let starts: Vec<_> = found
        .iter()
        .map(|d| {
            let s = &d["start"];
            (
                s["column"].as_u64().unwrap(),
                s["column_utf16"].as_u64().unwrap(),
                s["offset"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(starts, vec![(6, 9, 18), (10, 13, 26)]);
}

#[test]
fn a_space_next_to_a_no_break_space_is_a_double_space_and_the_fix_keeps_it_no_break() {
    let text = "Merci \u{202f}! Prix : 10 \u{a0}€";
    let found = json_of(text);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0]["message"], "2 spaces between words");
    assert_eq!(found[0]["help"], "keep one (no-break) space");
    let fixed = apply(text, edits(&found));
    assert_eq!(fixed, "Merci\u{202f}! Prix : 10\u{a0}€");
}

#[test]
fn trailing_no_break_space_and_whitespace_only_line_are_trailing_whitespace() {
    assert_eq!(
        found("Grazie\u{a0}\n   \nCiao"),
        vec![
            d(1, 7, "trailing whitespace"),
            d(2, 1, "trailing whitespace")
        ]
    );
}

#[test]
fn blank_lines_with_spaces_in_them_are_one_run() {
    let text = "One.\n  \n\t\n \nTwo.";
    assert_eq!(found(text), vec![d(2, 1, "3 blank lines in a row")]);
    assert_eq!(apply(text, edits(&json_of(text))), "One.\n\nTwo.");
}

#[test]
fn blank_lines_at_the_start_and_at_the_end() {
    assert_eq!(found("\n\nHi"), vec![d(1, 1, "2 blank lines in a row")]);
    assert_eq!(found("Bye\n\n\n"), vec![d(2, 1, "2 blank lines in a row")]);
    assert_eq!(apply("Bye\n\n  ", edits(&json_of("Bye\n\n  "))), "Bye\n");
}

// ------------------------------------------------------------ must pass

/// `text` passes by default and with whitespace nobody sees reported too.
fn clean(text: &str) {
    assert_clean("whitespace", &[], text);
    assert_eq!(found(text), vec![], "{text:?}");
}

#[test]
fn one_blank_line_between_paragraphs_passes() {
    clean("Gentile Mario,\n\ngrazie per la pazienza.\n\nCordiali saluti\n");
}

#[test]
fn indentation_is_not_a_double_space() {
    clean("Steps:\n  1. Open the app\n    2. Tap Orders\n\t3. Done");
}

#[test]
fn single_spaces_tabs_and_single_no_break_spaces_pass() {
    for text in [
        "Thanks for waiting. Your order has shipped.",
        "Name:\tAnna\nOrder:\t48213",
        "Prix\u{a0}: 10\u{a0}€ — merci\u{202f}!",
        "👍🏽 e\u{301} 中文 ok",
    ] {
        clean(text);
    }
}

#[test]
fn a_final_line_break_and_an_empty_reply_pass() {
    clean("One line\n");
    clean("");
    clean("\n");
}

// ------------------------------------------------- what is seen by default

#[test]
fn by_default_only_what_the_customer_sees_or_pays_for_is_reported() {
    let text = "Thanks.  Your order  has shipped. \n\n\nBye";
    let default = |args: &[&str]| crate::common::diagnostics_of("whitespace", args, text);
    assert_eq!(
        default(&["--channel", "twitter"]),
        vec![
            d(1, 20, "2 spaces between words"),
            d(2, 1, "2 blank lines in a row")
        ],
        "two spaces after a sentence and a trailing space are nobody's business"
    );
    assert_eq!(
        default(&["--channel", "email"]),
        vec![d(2, 1, "2 blank lines in a row")],
        "HTML e-mail collapses spaces"
    );
    let over = format!("{}  x ", "a".repeat(158));
    assert_eq!(
        crate::common::diagnostics_of("whitespace", &["--channel", "sms"], &over).len(),
        2,
        "over the SMS part limit every space costs"
    );
    let r = run_configured(
        "invisible-whitespace = \"info\"\n",
        &["--channel", "email", "--format", "line"],
        text,
    );
    assert_eq!(
        r.stdout.matches("info[whitespace]").count(),
        3,
        "{}",
        r.stdout
    );
}
