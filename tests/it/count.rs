//! `replylint count`: every unit for one draft. The tweet weights, SMS
//! encodings and part counts below were checked against the reference
//! packages (npm `twitter-text` 3.1.0, `sms-segments-calculator` 1.3.0).

use crate::common::run_in;

fn count(args: &[&str], stdin: &str) -> crate::common::Run {
    let dir = tempfile::tempdir().unwrap();
    let mut all = vec!["count"];
    all.extend_from_slice(args);
    run_in(dir.path(), &all, Some(stdin))
}

const DRAFT: &str = "Ciao Luca, l’ordine è partito 🚚 acme.it/track\nA presto!";

#[test]
fn table_for_an_italian_draft_with_emoji_and_a_schemeless_link() {
    let r = count(&[], DRAFT);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!(r.transcript(&["count"], Some(DRAFT)));
}

#[test]
fn json_carries_every_count() {
    let r = count(&["--format", "json", "-"], DRAFT);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["characters"], 55);
    assert_eq!(v["bytes"], DRAFT.len());
    assert_eq!(v["utf16_units"], 56);
    // twitter-text: 66, the scheme-less link counted as 23.
    assert_eq!(v["tweet_weight"], 66);
    assert_eq!(v["tweet_valid"], true);
    assert_eq!(v["sms_encoding"], "ucs2");
    assert_eq!(v["sms_parts"], 1);
    let forced: Vec<_> = v["sms_non_gsm"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["character"].as_str().unwrap().to_owned(),
                n["position"]["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(forced, vec![("’".to_owned(), 13), ("🚚".to_owned(), 31)]);
    assert_eq!(
        (
            v["words"].as_u64(),
            v["sentences"].as_u64(),
            v["lines"].as_u64()
        ),
        (Some(9), Some(2), Some(2))
    );
}

#[test]
fn euro_at_the_gsm_boundary() {
    // 159 characters and a `€` (2 septets) = 161 septets: two parts.
    let v: serde_json::Value = serde_json::from_str(
        &count(&["--format", "json"], &format!("{}€", "a".repeat(159))).stdout,
    )
    .unwrap();
    assert_eq!(
        (
            v["sms_encoding"].as_str(),
            v["sms_units"].as_u64(),
            v["sms_parts"].as_u64()
        ),
        (Some("gsm7"), Some(161), Some(2))
    );
    // 152 characters and a `€` = 154 septets: one part.
    let v: serde_json::Value = serde_json::from_str(
        &count(&["--format", "json"], &format!("{}€", "a".repeat(152))).stdout,
    )
    .unwrap();
    assert_eq!(
        (v["sms_units"].as_u64(), v["sms_parts"].as_u64()),
        (Some(154), Some(1))
    );
}

#[test]
fn a_file_with_front_matter_counts_its_body_and_positions_point_into_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("d.md"),
        "+++\nchannel = \"sms\"\n+++\nCiao, l’ordine\n",
    )
    .unwrap();
    let r = run_in(dir.path(), &["count", "--format", "json", "d.md"], None);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["characters"], 14);
    assert_eq!(v["sms_non_gsm"][0]["position"]["line"], 4);
    assert_eq!(v["sms_non_gsm"][0]["position"]["column"], 8);
}

#[test]
fn an_invalid_character_makes_the_tweet_invalid_and_errors_are_clear() {
    let v: serde_json::Value =
        serde_json::from_str(&count(&["--format", "json"], "hi\u{FFFF}").stdout).unwrap();
    assert_eq!(v["tweet_valid"], false);
    let dir = tempfile::tempdir().unwrap();
    let r = run_in(dir.path(), &["count", "missing.txt"], None);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("missing.txt: no such file or directory"),
        "{}",
        r.stderr
    );
}

#[test]
fn language_register_and_readability_of_a_detected_draft() {
    let draft = "Gentile cliente, La ringraziamo per la pazienza. Il rimborso è stato emesso oggi e Lei lo riceverà entro venerdì sul conto indicato.";
    let r = count(&["--format", "json"], draft);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = r.json();
    assert_eq!(v["language"]["code"], "it");
    assert_eq!(v["language"]["source"], "detected");
    assert!(v["language"]["confidence"].as_f64().unwrap() > 0.5);
    assert_eq!(v["register"]["register"], "formal");
    assert_eq!(v["register"]["informal"], 0);
    assert_eq!(v["readability"]["index"], "Gulpease index");
    assert_eq!(v["readability"]["indicative"], true);
    let r = count(&[], draft);
    insta::assert_snapshot!(r.stdout);
}

#[test]
fn mixed_address_is_counted_on_both_sides() {
    let draft = "Gentile cliente, La ringraziamo per la pazienza. Ti mandiamo il codice di reso oggi stesso.";
    let v = count(&["--format", "json", "--lang", "it"], draft).json();
    assert_eq!(v["language"]["source"], "declared");
    assert_eq!(v["register"]["register"], "mixed");
    assert!(v["register"]["formal"].as_u64().unwrap() >= 1);
    assert!(v["register"]["informal"].as_u64().unwrap() >= 1);
}

#[test]
fn english_has_no_register_and_an_unknown_language_is_an_error() {
    let v = count(
        &["--format", "json"],
        "Hi Anna, your refund is on its way and should reach you by Friday.",
    )
    .json();
    assert_eq!(v["language"]["code"], "en");
    assert!(v["register"].is_null(), "{v}");
    let r = count(&["--lang", "xx"], "ok");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("unknown language `xx`"), "{}", r.stderr);
}

#[test]
fn too_few_letters_have_no_language() {
    let v = count(&["--format", "json"], "👍 12345").json();
    assert!(v["language"].is_null(), "{v}");
    assert!(v["readability"].is_null(), "{v}");
}
