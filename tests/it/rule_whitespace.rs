//! `whitespace`: must-fail cases (snapshots, positions and the fix edits in
//! the JSON output) and must-pass cases.

use crate::common::{assert_clean, diagnostics_of, lint, run};
use serde_json::Value;

fn found(text: &str) -> Vec<(u64, u64, String)> {
    diagnostics_of("whitespace", &[], text)
}

fn d(line: u64, column: u64, message: &str) -> (u64, u64, String) {
    (line, column, message.to_owned())
}

/// The `whitespace` diagnostics of `text` (stdin) as JSON.
fn json_of(text: &str) -> Vec<Value> {
    let r = run(&["--format", "json"], text);
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
    assert_clean("whitespace", &[], &fixed);
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

#[test]
fn one_blank_line_between_paragraphs_passes() {
    assert_clean(
        "whitespace",
        &[],
        "Gentile Mario,\n\ngrazie per la pazienza.\n\nCordiali saluti\n",
    );
}

#[test]
fn indentation_is_not_a_double_space() {
    assert_clean(
        "whitespace",
        &[],
        "Steps:\n  1. Open the app\n    2. Tap Orders\n\t3. Done",
    );
}

#[test]
fn single_spaces_tabs_and_single_no_break_spaces_pass() {
    for text in [
        "Thanks for waiting. Your order has shipped.",
        "Name:\tAnna\nOrder:\t48213",
        "Prix\u{a0}: 10\u{a0}€ — merci\u{202f}!",
        "👍🏽 e\u{301} 中文 ok",
    ] {
        assert_clean("whitespace", &[], text);
    }
}

#[test]
fn a_final_line_break_and_an_empty_reply_pass() {
    assert_clean("whitespace", &[], "One line\n");
    assert_clean("whitespace", &[], "");
    assert_clean("whitespace", &[], "\n");
}
