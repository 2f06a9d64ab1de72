//! `max-length`: must-fail cases (snapshots and exact positions) and
//! must-pass cases, in every unit a channel can count in.

use crate::common::{assert_clean, diagnostics_of, lint, run, run_in};
use serde_json::Value;

/// The `max-length` diagnostics of linting `text` from stdin with `args`,
/// as JSON objects (positions, message, help).
fn json_of(args: &[&str], text: &str) -> Vec<Value> {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let r = run(&all, text);
    assert!(r.code != 2, "replylint failed: {}", r.stderr);
    only_max_length(&r.json())
}

fn only_max_length(doc: &Value) -> Vec<Value> {
    doc["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .filter(|d| d["rule"] == "max-length")
        .cloned()
        .collect()
}

/// `(line, column, column_utf16, offset)` of a JSON position.
fn pos(p: &Value) -> (u64, u64, u64, u64) {
    let n = |k: &str| p[k].as_u64().expect("number");
    (n("line"), n("column"), n("column_utf16"), n("offset"))
}

/// A config directory defining `js`: a channel counted in UTF-16 units
/// (what JavaScript's `length` says), limit 10.
fn utf16_channel() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("replylint.toml"),
        "[channels.js]\ndescription = \"A form counted by JavaScript.\"\nunit = \"utf16\"\nmax-length = 10\n",
    )
    .expect("write config");
    dir
}

fn check_js(dir: &tempfile::TempDir, text: &str) -> crate::common::Run {
    run_in(
        dir.path(),
        &[
            "check",
            "--color",
            "never",
            "--format",
            "json",
            "--channel",
            "js",
            "-",
        ],
        Some(text),
    )
}

// ---------------------------------------------------------------- twitter

/// English prose of exactly `n` characters (ASCII, weight 1 each).
fn english(n: usize) -> String {
    let sentence = "We are sorry your parcel is late: it left our warehouse on Monday and should reach you by Friday. ";
    let mut text = format!("Hi Anna, {}", sentence.repeat(n / sentence.len() + 1));
    text.truncate(n);
    text
}

#[test]
fn tweet_over_280_points_at_the_first_character_past_the_limit() {
    let text = english(301);
    assert_eq!(text.len(), 301);
    insta::assert_snapshot!(lint(&["--channel", "twitter"], &text));
    let d = diagnostics_of("max-length", &["--channel", "twitter"], &text);
    assert_eq!(
        d,
        vec![(
            1,
            281,
            "301/280 weighted characters on `twitter`".to_owned()
        )]
    );
}

#[test]
fn tweet_of_exactly_280_passes() {
    assert_clean("max-length", &["--channel", "twitter"], &"a".repeat(280));
    assert_clean("max-length", &["--channel", "twitter"], &english(280));
}

#[test]
fn tweet_alias_x_counts_the_same() {
    let text = "a".repeat(281);
    let d = diagnostics_of("max-length", &["--channel", "x"], &text);
    assert_eq!(
        d,
        vec![(
            1,
            281,
            "281/280 weighted characters on `twitter`".to_owned()
        )]
    );
}

#[test]
fn tweet_with_cjk_before_the_overflow_counts_weight_2_but_columns_1() {
    // 100 CJK characters weigh 200; the 81st "a" is the 281st unit of weight.
    let text = format!("{}{}", "中".repeat(100), "a".repeat(81));
    let d = diagnostics_of("max-length", &["--channel", "twitter"], &text);
    assert_eq!(
        d,
        vec![(
            1,
            181,
            "281/280 weighted characters on `twitter`".to_owned()
        )]
    );
}

#[test]
fn tweet_of_140_cjk_characters_is_exactly_at_the_limit() {
    assert_clean("max-length", &["--channel", "twitter"], &"日本".repeat(70));
    let d = diagnostics_of("max-length", &["--channel", "twitter"], &"日本".repeat(71));
    // The 141st character (column 141) takes the weight from 280 to 282.
    assert_eq!(
        d,
        vec![(
            1,
            141,
            "284/280 weighted characters on `twitter`".to_owned()
        )]
    );
}

#[test]
fn tweet_with_skin_tone_emoji_before_the_overflow() {
    // 👍🏽 is one emoji sequence: weight 2, 2 scalar values, 4 UTF-16 units.
    let text = format!("{}{}", "👍🏽".repeat(10), "a".repeat(261));
    let d = json_of(&["--channel", "twitter"], &text);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0]["message"], "281/280 weighted characters on `twitter`");
    assert_eq!(pos(&d[0]["start"]), (1, 281, 301, 80 + 260));
    assert_eq!(pos(&d[0]["end"]), (1, 282, 302, text.len() as u64));
    assert_eq!(d[0]["help"], "shorten the reply by 1 weighted character");
}

#[test]
fn tweet_overflowing_on_line_3_gives_line_and_column() {
    // Line breaks weigh 1: 9 + 1 + 8 + 1 = 19 before line 3.
    let text = format!("Ciao Anna\ngrazie!!\n{}", "b".repeat(270));
    let d = diagnostics_of("max-length", &["--channel", "twitter"], &text);
    assert_eq!(
        d,
        vec![(
            3,
            262,
            "289/280 weighted characters on `twitter`".to_owned()
        )]
    );
}

#[test]
fn a_url_that_straddles_the_limit_is_highlighted_whole() {
    // 270 + 1 space fit; the URL weighs 23 whatever its length.
    let text = format!(
        "{} https://example.com/a/very/long/path/to/the/help/page",
        "a".repeat(270)
    );
    let d = json_of(&["--channel", "twitter"], &text);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0]["message"], "294/280 weighted characters on `twitter`");
    assert_eq!(pos(&d[0]["start"]).1, 272);
    assert_eq!(pos(&d[0]["end"]).3, text.len() as u64);
}

#[test]
fn tweet_with_long_urls_under_280_weighted_passes() {
    // Each URL weighs 23 however long it is: 10 × (23 + 1) = 240.
    let url = format!("https://example.com/{} ", "p".repeat(60));
    let text = url.repeat(10);
    assert!(text.chars().count() > 280);
    assert_clean("max-length", &["--channel", "twitter"], &text);
}

// ------------------------------------------------------ bytes (instagram)

#[test]
fn instagram_counts_utf8_bytes_and_highlights_the_straddling_character() {
    // 999 bytes fit; "é" (2 bytes) takes the count to 1001.
    let text = format!("{}é", "a".repeat(999));
    insta::assert_snapshot!(lint(&["--channel", "instagram"], &text));
    let d = json_of(&["--channel", "instagram"], &text);
    assert_eq!(d[0]["message"], "1001/1000 bytes on `instagram`");
    assert_eq!(pos(&d[0]["start"]), (1, 1000, 1000, 999));
    assert_eq!(pos(&d[0]["end"]), (1, 1001, 1001, 1001));
}

#[test]
fn instagram_accents_before_the_overflow_shift_bytes_not_columns() {
    // 400 "è" are 800 bytes in 400 columns; then 201 ASCII letters.
    let text = format!("{}{}", "è".repeat(400), "a".repeat(201));
    let d = json_of(&["--channel", "instagram"], &text);
    assert_eq!(d[0]["message"], "1001/1000 bytes on `instagram`");
    assert_eq!(pos(&d[0]["start"]), (1, 601, 601, 1000));
}

#[test]
fn instagram_a_zwj_family_straddling_the_limit_is_highlighted_whole() {
    // 👨‍👩‍👧 is 18 bytes; byte 1000 falls inside it.
    let family = "👨\u{200d}👩\u{200d}👧";
    let text = format!("{}{family} ok", "a".repeat(990));
    let d = json_of(&["--channel", "instagram"], &text);
    assert_eq!(d[0]["message"], "1011/1000 bytes on `instagram`");
    assert_eq!(pos(&d[0]["start"]), (1, 991, 991, 990));
    // The span runs to the end of the line, starting on a character boundary.
    assert_eq!(pos(&d[0]["end"]), (1, 999, 1002, text.len() as u64));
}

#[test]
fn instagram_combining_accent_straddling_the_limit_highlights_its_base() {
    // "e" + U+0301: the "e" would fit (byte 1000), the accent would not; the
    // user-perceived character starts at the "e".
    let text = format!("{}e\u{301}", "a".repeat(999));
    let d = json_of(&["--channel", "instagram"], &text);
    assert_eq!(d[0]["message"], "1002/1000 bytes on `instagram`");
    assert_eq!(pos(&d[0]["start"]), (1, 1000, 1000, 999));
}

#[test]
fn instagram_exactly_1000_bytes_of_accents_passes() {
    assert_clean("max-length", &["--channel", "instagram"], &"é".repeat(500));
    assert_clean(
        "max-length",
        &["--channel", "instagram"],
        &format!("{}👍", "a".repeat(996)),
    );
}

// ------------------------------------------------------------ graphemes

#[test]
fn graphemes_count_a_combining_accent_as_one_character() {
    // google-play: 350 characters. 351 clusters of 2 scalar values each.
    let text = "e\u{301}".repeat(351);
    let d = json_of(&["--channel", "google-play"], &text);
    assert_eq!(d[0]["message"], "351/350 characters on `google-play`");
    assert_eq!(pos(&d[0]["start"]), (1, 701, 701, 1050));
    assert_eq!(d[0]["help"], "shorten the reply by 1 character");
}

#[test]
fn graphemes_exactly_at_the_limit_pass_however_many_scalars() {
    assert_clean(
        "max-length",
        &["--channel", "google-play"],
        &"e\u{301}".repeat(350),
    );
    let family = "👨\u{200d}👩\u{200d}👧";
    assert_clean(
        "max-length",
        &["--channel", "google-play"],
        &family.repeat(350),
    );
}

#[test]
fn chat_over_1000_is_a_warning_and_exits_0() {
    let text = "a".repeat(1001);
    let r = run(&["--channel", "chat", "--format", "json"], &text);
    assert_eq!(r.code, 0, "{}", r.stdout);
    let d = only_max_length(&r.json());
    assert_eq!(d[0]["severity"], "warning");
    assert_eq!(d[0]["message"], "1001/1000 characters on `chat`");
}

#[test]
fn generic_has_no_limit() {
    assert_clean("max-length", &[], &"a".repeat(20_000));
}

// ------------------------------------------------ UTF-16 (config channel)

#[test]
fn utf16_channel_from_config_counts_surrogate_pairs_as_two() {
    let dir = utf16_channel();
    // 8 + 4 (👍🏽 is two surrogate pairs) = 12 units.
    let r = check_js(&dir, "abcdefgh👍🏽");
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let d = only_max_length(&r.json());
    assert_eq!(d[0]["message"], "12/10 UTF-16 units on `js`");
    assert_eq!(pos(&d[0]["start"]), (1, 9, 9, 8));
    assert_eq!(d[0]["help"], "shorten the reply by 2 UTF-16 units");
}

#[test]
fn utf16_channel_exactly_at_the_limit_passes() {
    let dir = utf16_channel();
    // 6 + 4 = 10 units; 中 and é are one unit each.
    for text in ["abcdef👍🏽", "中文中文中文中文中文", "éééééééééé"] {
        let r = check_js(&dir, text);
        assert_eq!(r.code, 0, "{text}: {}{}", r.stdout, r.stderr);
        assert!(only_max_length(&r.json()).is_empty(), "{text}");
    }
}

// ---------------------------------------------------------------- sms

#[test]
fn templates_are_measured_with_placeholders_at_their_worst_case() {
    // 268 characters as typed; a 20-character name and a 30-character
    // order id take it to 292.
    let text = format!(
        "Hi {{{{first_name}}}}, order {{{{order_id}}}} {}",
        "a".repeat(230)
    );
    insta::assert_snapshot!(lint(&["--channel", "twitter", "--mode", "template"], &text));
    let d = diagnostics_of(
        "max-length",
        &["--channel", "twitter", "--mode", "template"],
        &text,
    );
    assert_eq!(d.len(), 1);
    assert!(d[0].2.contains("worst case: 2 placeholders"), "{}", d[0].2);
}

#[test]
fn a_template_that_fits_at_its_worst_case_passes() {
    let text = format!("Hi {{{{first_name}}}}, {}", "a".repeat(250));
    // 3 + 20 + 2 + 250 = 275 weighted characters.
    assert_clean(
        "max-length",
        &["--channel", "twitter", "--mode", "template"],
        &text,
    );
}

#[test]
fn worst_case_lengths_come_from_the_config() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("replylint.toml"),
        "[placeholder-lengths]\nname = 10\n[placeholder-lengths.variables]\n\"ticket.id\" = 5\n",
    )
    .unwrap();
    // 3 + 10 + 2 + 5 + 1 + 259 = 280: fits with the configured lengths,
    // would not with the defaults (20 and 30).
    let text = format!(
        "Hi {{{{first_name}}}}, {{{{ticket.id}}}} {}",
        "a".repeat(259)
    );
    let r = run_in(
        dir.path(),
        &[
            "check",
            "--channel",
            "twitter",
            "--mode",
            "template",
            "--format",
            "json",
            "-",
        ],
        Some(&text),
    );
    assert_eq!(r.code, 0, "{}", r.stdout);
    let r = run(&["--channel", "twitter", "--mode", "template"], &text);
    assert_eq!(r.code, 1);
}

#[test]
fn an_overflow_inside_a_placeholder_points_at_the_placeholder() {
    let text = format!("{} {{{{customer.name}}}} thanks", "a".repeat(270));
    let d = diagnostics_of(
        "max-length",
        &["--channel", "twitter", "--mode", "template"],
        &text,
    );
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].1, 272, "the placeholder starts at column 272");
}
